"""Metadata from what documents say of themselves (UN headers, statement titles), how it
yields to metadata the user states, and the real genres in ../shared/corpora."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import phrasewatch
from phrasewatch.corpus.header import metadata_from_text, metadata_from_title
from phrasewatch.corpus.metadata import un_symbol_metadata

GA_HEADER = """United Nations
A/RES/79/99

General Assembly
Distr.: General
9 December 2024

Seventy-ninth session
Agenda item 12

Resolution adopted by the General Assembly
on 4 December 2024

[on the report of the Second Committee (A/79/400, para. 9)]

79/99. Cooperation among small island States on
renewable energy

The General Assembly,

Recalling its resolution 70/1, adopted by the General Assembly on 25 September 2015,
"""

SC_HEADER = """United Nations
S/RES/2999 (2019)
Security Council
Distr.: General
20 March 2019

Resolution 2999 (2019)

Adopted by the Security Council at its 8123rd meeting, on 19 March 2019

The Security Council,
"""

HRC_WITHOUT_SYMBOL = """Human Rights Council
Thirty-seventh session

Resolution adopted by the Human Rights Council on 23 March 2018

37/98. Cooperation for the benefit of all

The Human Rights Council,
"""

ZH_STATEMENT = """中华人民共和国和印度尼西亚共和国
关于深化全面战略伙伴关系的联合声明
应印度尼西亚共和国总统邀请，中华人民共和国主席进行国事访问。
一、双方同意加强合作。
印尼方支持中方提出的倡议。
2022年11月17日于雅加达
"""

EN_STATEMENT = """Joint Press Statement between the People's Republic of China
and the Republic of Indonesia on Deepening the Partnership

At the invitation of the President of Indonesia, the President of China paid a state visit.
The Indonesian side supports the initiative put forward by the Chinese side.

Jakarta, 17 November 2022
"""


def test_general_assembly_header():
    meta = metadata_from_text(GA_HEADER)
    assert meta == {"symbol": "A/RES/79/99", "body": "General Assembly", "actor": "UNGA", "genre": "un_resolution",
                    "session": 79, "date": "2024-12-04",
                    "title": "Cooperation among small island States on renewable energy"}


def test_security_council_header():
    meta = metadata_from_text(SC_HEADER)
    assert meta["symbol"] == "S/RES/2999 (2019)"
    assert (meta["body"], meta["actor"], meta["year"], meta["date"], meta["meeting"]) == (
        "Security Council", "UNSC", 2019, "2019-03-19", 8123)


def test_symbol_from_the_resolution_number_when_the_header_has_none():
    meta = metadata_from_text(HRC_WITHOUT_SYMBOL)
    assert (meta["symbol"], meta["body"], meta["actor"], meta["date"]) == (
        "A/HRC/RES/37/98", "Human Rights Council", "UNHRC", "2018-03-23")


@pytest.mark.parametrize("symbol, body, year", [
    ("E/CN.5/2017/2", "Commission for Social Development", 2017),
    ("E/CN.6/2020/L.1", "Commission on the Status of Women", 2020),
    ("E/RES/2018/5", "Economic and Social Council", 2018),
    ("A/C.1/80/L.5", "General Assembly First Committee", None),
])
def test_symbols_of_other_bodies(symbol, body, year):
    meta = un_symbol_metadata(symbol)
    assert meta["body"] == body and meta.get("year") == year


def test_a_letter_circulated_as_a_un_document_is_not_the_body_speaking():
    assert "actor" not in un_symbol_metadata("A/77/123")


def test_a_speech_citing_a_resolution_has_no_header():
    speech = "Mr. President,\nWe recall resolution 70/1, adopted by the General Assembly on 25 September 2015.\n"
    assert metadata_from_text(speech) == {}
    assert metadata_from_text("I thank you.\nWe honour the Universal Declaration\nof Human Rights.\n") == {}


def test_chinese_joint_statement():
    meta = metadata_from_text(ZH_STATEMENT)
    assert meta == {"title": "中华人民共和国和印度尼西亚共和国关于深化全面战略伙伴关系的联合声明", "genre": "joint_statement",
                    "parties": "CHN;IDN", "actor": "CHN;IDN", "date": "2022-11-17"}


def test_english_joint_statement():
    meta = metadata_from_text(EN_STATEMENT)
    assert (meta["genre"], meta["parties"], meta["date"]) == ("joint_press_statement", "CHN;IDN", "2022-11-17")
    assert meta["title"].startswith("Joint Press Statement between the People's Republic of China and the Republic")


@pytest.mark.parametrize("title, genre, parties", [
    ("中华人民共和国政府和巴基斯坦伊斯兰共和国政府联合公报", "joint_communique", "CHN;PAK"),
    ("中华人民共和国和阿拉伯联合酋长国关于加强全面战略伙伴关系的联合声明", "joint_statement", "CHN;ARE"),
    ("Joint Communiqué of the Republic of Kenya and China", "joint_communique", "KEN;CHN"),
    ("U.S.-Mexico Joint Declaration", "joint_declaration", "USA;MEX"),
    ("Joint Statement between China and Brazil on the Situation in Afghanistan", "joint_statement", "CHN;BRA"),
    ("Background Press Call on the Joint Statement of Japan and Canada", None, None),
    ("Annual report of the Secretary-General", None, None),
    ("Implementation of the Declaration of the Indian Ocean as a Zone of Peace", None, None),
    ("中国—中亚峰会西安宣言", None, None),
    ("Joint Declaration of the Leaders", "joint_declaration", None),
])
def test_titles(title, genre, parties):
    meta = metadata_from_title(title)
    assert meta.get("genre") == genre and meta.get("parties") == parties


def test_stated_metadata_wins_over_the_text(tmp_path):
    (tmp_path / "statement.md").write_text("---\ndate: 2022-11-16\ngenre: joint_communique\n---\n" + ZH_STATEMENT,
                                           encoding="utf-8")
    (tmp_path / "resolution.txt").write_text(GA_HEADER, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,symbol,actor\nresolution.txt,A/RES/79/98,GA\n", encoding="utf-8")
    docs = phrasewatch.scan([tmp_path]).documents.set_index("doc_id")
    statement, resolution = docs.loc["statement"], docs.loc["resolution"]
    assert (statement["date"], statement["genre"], statement["parties"]) == ("2022-11-16", "joint_communique", "CHN;IDN")
    assert statement["year"] == 2022
    # the sidecar's symbol and actor stand; what its symbol implies and the header add the rest
    assert (resolution["symbol"], resolution["actor"], resolution["session"]) == ("A/RES/79/98", "GA", 79)
    assert (resolution["body"], resolution["date"]) == ("General Assembly", "2024-12-04")


def test_a_header_date_contradicting_the_stated_year_is_dropped(tmp_path):
    (tmp_path / "SLB_70_2015.txt").write_text(SC_HEADER, encoding="utf-8")
    doc = phrasewatch.scan([tmp_path]).documents.iloc[0]
    assert doc["year"] == 2015 and doc["date"] is None


@pytest.mark.corpus
def test_real_un_resolutions(corpora):
    docs = phrasewatch.scan([corpora / "un-resolutions" / "outer-space"]).documents.set_index("doc_id")
    assert docs.loc["A_RES_72_250", "date"] == "2017-12-24"
    assert docs.loc["A_RES_72_250", "title"].startswith("Further practical measures for the prevention")
    assert set(docs["body"]) == {"General Assembly"} and set(docs["actor"]) == {"UNGA"}
    ga80 = phrasewatch.scan([corpora / "un-resolutions" / "ga-80" / "A_RES_80_20.md"]).documents.iloc[0]
    # the front matter's date (of issue) is stated, so it stands over the adoption date in the text
    assert (ga80["symbol"], ga80["session"], ga80["date"]) == ("A/RES/80/20", 80, "2025-12-03")


@pytest.mark.corpus
def test_real_joint_statements(corpora):
    doc = phrasewatch.scan([corpora / "joint-statements" / "CHN_ARE_2019-07-23_zh.txt"]).documents.iloc[0]
    assert (doc["genre"], doc["parties"], doc["date"], doc["language"]) == ("joint_statement", "CHN;ARE", "2019-07-23", "zh")
    assert doc["title"].endswith("关于加强全面战略伙伴关系的联合声明")
    us = phrasewatch.scan([corpora / "us-joint-statements"]).documents
    ok = us[us["status"] == "ok"]
    assert ok["genre"].isin(["joint_statement", "joint_declaration"]).mean() > 0.9
    mexico = ok[ok["title"] == "U.S.-Mexico Joint Declaration"].iloc[0]
    assert mexico["parties"] == "USA;MEX"


def test_hard_wrapped_speech_lines_are_not_a_header():
    speech = ("Mr. President, my delegation recalls the texts\n" * 12
              + "A/RES/411\nadopted by the General Assembly on 18 December 1991\n")
    assert metadata_from_text(speech) == {}


def test_old_resolution_numbers_have_no_session():
    assert "session" not in un_symbol_metadata("A/RES/411")


def test_a_date_line_under_a_statements_title_dates_it_when_no_closing_date_does():
    from phrasewatch.corpus.header import metadata_from_text

    en = ("Joint Statement between the People's Republic of China and the Republic of Indonesia\n\n"
          "Jakarta, 12 March 2025\n\n1. The two sides agreed to deepen cooperation.\n")
    zh = "中华人民共和国和哈萨克斯坦共和国联合声明\n\n（2024年7月3日，阿斯塔纳）\n\n一、双方同意深化合作。\n"
    assert metadata_from_text(en)["date"] == "2025-03-12"
    assert metadata_from_text(zh)["date"] == "2024-07-03"
    # a closing date still wins over one written in the text's first lines
    closing = en + "\nBeijing, 14 March 2025\n"
    assert metadata_from_text(closing)["date"] == "2025-03-14"


_MIXED_CHARS = st.one_of(
    st.characters(min_codepoint=0x3400, max_codepoint=0x4DC0),  # Extension A and one past its end
    st.characters(min_codepoint=0x4DFF, max_codepoint=0x4E00), st.characters(min_codepoint=0x9FFF, max_codepoint=0xA000),
    st.characters(min_codepoint=0xF8FF, max_codepoint=0xFB00), st.characters(min_codepoint=0x1FFFF, max_codepoint=0x20001),
    st.characters(min_codepoint=0x3134E, max_codepoint=0x31350), st.characters(max_codepoint=0x7F),
    st.sampled_from("ＡＺａｚÀéß\ud800\udfff\u3000。"),
)
_MIXED = st.text(alphabet=_MIXED_CHARS, max_size=300)


@given(_MIXED)
@settings(max_examples=300)
def test_language_counts_han_characters_and_latin_letters_as_the_regexes_do(text):
    from phrasewatch.text import language

    assert language._han_count(text) == len(language._HAN.findall(text))
    assert language._latin_count(text) == len(language._LATIN.findall(text))


def test_the_han_script_lies_in_the_span_its_count_reads():
    import regex

    from phrasewatch.text.chars import HAN_SCRIPT_SPAN

    everything = "".join(map(chr, range(0x110000)))
    outside = [m.start() for m in regex.finditer(r"\p{Han}", everything)
               if not HAN_SCRIPT_SPAN[0] <= m.start() <= HAN_SCRIPT_SPAN[1]]
    assert outside == []


@given(st.text(alphabet=st.one_of(st.characters(min_codepoint=0x2E70, max_codepoint=0x3040),
                                  st.characters(min_codepoint=0x3FFF0, max_codepoint=0x40010), _MIXED_CHARS), max_size=300))
@settings(max_examples=300)
def test_han_script_count_is_the_regex_count(text):
    import regex

    from phrasewatch.text.chars import han_script_count

    assert han_script_count(text) == len(regex.findall(r"\p{Han}", text))
