"""The country table: names in both languages, 「X方」 abbreviations, mentions in text."""

import csv
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import phrasewatch
from phrasewatch.countries import all_countries, country_names, find_countries, lookup, side_candidates

TABLE = Path(phrasewatch.__file__).parent / "data" / "countries.csv"


def test_table_holds_every_un_member_and_the_regions_and_organisations():
    kinds = [c.kind for c in all_countries()]
    assert kinds.count("member") == 193
    assert kinds.count("observer") == 2
    codes = {c.code for c in all_countries()}
    assert {"TWN", "HKG", "MAC", "EU", "ASEAN", "AU", "LAS", "CELAC"} <= codes
    assert len(codes) == len(kinds)


def test_every_row_has_its_names():
    with TABLE.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            assert all(row[k].strip() for k in ("code", "kind", "name_en", "official_en", "name_zh", "official_zh")), row
            assert row["kind"] in {"member", "observer", "region", "organisation"}
            if row["kind"] != "organisation":
                assert len(row["code"]) == 3 and row["code"].isupper()
                assert row["demonyms"], row["code"]


@pytest.mark.parametrize("name", ["the People's Republic of China", "People’s Republic of China", "China", "PRC",
                                  "中华人民共和国", "中国", "Chinese", "THE PEOPLE'S REPUBLIC OF CHINA"])
def test_china_by_any_name(name):
    assert lookup(name) == "CHN"


@pytest.mark.parametrize("name, code", [
    ("印尼", "IDN"), ("印度尼西亚共和国", "IDN"), ("the Republic of Indonesia", "IDN"), ("Indonesian", "IDN"),
    ("Emirati", "ARE"), ("阿联酋", "ARE"), ("阿拉伯联合酋长国", "ARE"), ("United Arab Emirates", "ARE"),
    ("Equatorial Guinea", "GNQ"), ("Guinea", "GIN"), ("Papua New Guinea", "PNG"), ("Niger", "NER"),
    ("Nigerien", "NER"), ("Nigeria", "NGA"), ("Dominica", "DMA"), ("Dominican Republic", "DOM"), ("Sudan", "SDN"),
    ("South Sudan", "SSD"), ("刚果（金）", "COD"), ("刚果(金)", "COD"), ("刚果（布）", "COG"), ("刚果民主共和国", "COD"),
    ("Republic of Korea", "KOR"), ("Democratic People's Republic of Korea", "PRK"), ("韩国", "KOR"), ("朝鲜", "PRK"),
    ("Côte d'Ivoire", "CIV"), ("Cote d’Ivoire", "CIV"), ("Türkiye", "TUR"), ("Turkey", "TUR"), ("Viet Nam", "VNM"),
    ("台湾", "TWN"), ("Hong Kong", "HKG"), ("澳门", "MAC"), ("European Union", "EU"), ("欧盟", "EU"), ("东盟", "ASEAN"),
    ("非盟", "AU"), ("League of Arab States", "LAS"), ("拉共体", "CELAC"),
])
def test_lookup(name, code):
    assert lookup(name) == code


@pytest.mark.parametrize("name", ["Korea", "Korean", "Congolese", "Dominican", "刚果", "Atlantis", "", "中华"])
def test_unknown_or_ambiguous_names_give_none(name):
    assert lookup(name) is None


def test_side_abbreviations():
    assert side_candidates("印尼") == ("IDN",)
    assert side_candidates("印尼方") == ("IDN",)
    assert side_candidates("中") == ("CHN",)
    assert {"ARE", "ARG", "DZA", "AFG"} <= set(side_candidates("阿"))
    assert {"PAK", "BRA"} <= set(side_candidates("巴"))
    assert side_candidates("阿联酋") == ("ARE",)
    assert side_candidates("双") == ()


def test_every_side_abbreviation_leads_back_to_its_country():
    for c in all_countries():
        for abbrev in c.side_zh:
            assert c.code in side_candidates(abbrev)


def test_country_record():
    indonesia = country_names("IDN")
    assert indonesia.official_en == "the Republic of Indonesia"
    assert indonesia.official_zh == "印度尼西亚共和国"
    assert "印尼" in indonesia.short_zh and "Indonesian" in indonesia.demonyms
    with pytest.raises(KeyError):
        country_names("XXX")


def test_english_mentions_prefer_the_longest_name():
    text = ("Papua New Guinea, Guinea-Bissau, Equatorial Guinea and Guinea met Niger and Nigeria, "
            "the Dominican Republic and Dominica, South Sudan and Sudan.")
    found = [(text[s:e], code) for s, e, code in find_countries(text, "en")]
    assert found == [("Papua New Guinea", "PNG"), ("Guinea-Bissau", "GNB"), ("Equatorial Guinea", "GNQ"),
                     ("Guinea", "GIN"), ("Niger", "NER"), ("Nigeria", "NGA"), ("Dominican Republic", "DOM"),
                     ("Dominica", "DMA"), ("South Sudan", "SSD"), ("Sudan", "SDN")]


def test_english_mentions_whole_words_case_sensitive_across_line_breaks():
    text = "The Chinese side and the People’s Republic\nof China; Chad, not chad; Omani, not nomanic; Korea alone."
    assert [code for _, _, code in find_countries(text, "en")] == ["CHN", "CHN", "TCD", "OMN"]
    assert find_countries("China's position", "en") == [(0, 5, "CHN")]


def test_chinese_mentions():
    text = "中华人民共和国和阿拉伯联合酋长国；刚果（金）与刚果(布)；南苏丹和苏丹；赤道几内亚、几内亚；中非合作论坛；中国台湾"
    found = [(text[s:e], code) for s, e, code in find_countries(text, "zh")]
    assert found == [("中华人民共和国", "CHN"), ("阿拉伯联合酋长国", "ARE"), ("刚果（金）", "COD"), ("刚果(布)", "COG"),
                     ("南苏丹", "SSD"), ("苏丹", "SDN"), ("赤道几内亚", "GNQ"), ("几内亚", "GIN"), ("中国台湾", "TWN")]


def test_single_characters_are_not_mentions():
    assert find_countries("中方支持美方和俄方", "zh") == []


@given(st.lists(st.sampled_from([c.name_en for c in all_countries() if c.kind == "member"]), max_size=6))
def test_mentions_never_overlap_and_name_known_codes(names):
    text = " and ".join(names)
    spans = find_countries(text, "en")
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    for start, end, code in spans:
        assert lookup(text[start:end]) == code
