"""Known facts of the real corpora in ../shared/corpora (counted by plain search, see its
README). Skipped with a reason when the corpora are absent."""

from pathlib import Path

import pytest

import phrasewatch

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def ungdc(corpora, lexicon):
    """China's speeches, the speeches the facts name, and one whole session folder
    (2024, with its macOS '._' files)."""
    txt = corpora / "ungdc" / "TXT"
    named = ["SLB_78_2023", "VEN_78_2023", "RUS_76_2021", "GNQ_77_2022", "SLB_79_2024", "IND_45_1990",
             "SLB_51_1996", "RWA_64_2009", "PNG_78_2023"]
    paths = sorted(txt.glob("*/CHN_*.txt"))
    paths += [next(txt.glob(f"*/{name}.txt")) for name in named]
    paths.append(txt / "Session 79 - 2024")
    return phrasewatch.scan(paths, lexicon=lexicon)


def docs_with(result, formula_id, **where):
    m = result.matches
    m = m[(m["formula_id"] == formula_id) & ~m["anachronistic"]]
    for key, value in where.items():
        m = m[m[key] == value]
    return set(m["doc_id"])


def test_ccdm_in_chinas_speeches_2015_to_2024(ungdc):
    years = {int(d.split("_")[2]) for d in docs_with(ungdc, "ccdm", actor="CHN")}
    assert {2015, 2016, 2018, 2019, 2020, 2021, 2022, 2023, 2024} <= years


def test_initiatives_named_by_other_speakers(ungdc):
    for doc in ("SLB_78_2023", "VEN_78_2023"):
        for formula in ("gdi", "gsi", "gci"):
            assert doc in docs_with(ungdc, formula), (doc, formula)
    assert "RUS_76_2021" in docs_with(ungdc, "gdi")


def test_belt_and_road_in_non_prc_speeches(ungdc):
    assert {"SLB_78_2023", "SLB_79_2024"} <= docs_with(ungdc, "bri")


def test_true_multilateralism_before_the_formula_is_anachronistic(ungdc):
    m = ungdc.matches
    old = m[(m["formula_id"] == "true_multilateralism") & m["doc_id"].isin(["IND_45_1990", "SLB_51_1996", "RWA_64_2009"])]
    assert set(old["doc_id"]) == {"IND_45_1990", "SLB_51_1996", "RWA_64_2009"}
    assert old["anachronistic"].all()
    chn = m[(m["formula_id"] == "true_multilateralism") & (m["actor"] == "CHN")]
    assert len(chn) and not chn["anachronistic"].any()


def test_generic_shared_future_is_not_ccdm(ungdc):
    png = ungdc.matches[ungdc.matches["doc_id"] == "PNG_78_2023"]
    assert "ccdm" not in set(png["formula_id"])


def test_resource_forks_are_reported_not_read(ungdc):
    docs = ungdc.documents
    forks = docs[docs["path"].map(lambda p: Path(p).name.startswith("._"))]
    assert len(forks) > 100
    assert (forks["status"] == "skipped").all()
    assert forks["reason"].str.contains("resource fork").all()
    assert ungdc.exit_code == 0


@pytest.fixture(scope="module")
def work_reports(corpora, lexicon):
    return phrasewatch.scan([corpora / "cn-reports" / "government_work_reports.jsonl"], lexicon=lexicon, text_column="content")


def test_work_reports(work_reports):
    def years(formula):
        return {int(y) for y in work_reports.matches.loc[work_reports.matches["formula_id"] == formula, "year"].dropna()}

    assert {2017, 2018, 2019, 2021, 2022, 2023, 2024, 2025} <= years("ccdm")  # no 2020 report in the corpus
    assert 2019 in years("bainian_bianju")
    assert {2022, 2023, 2024, 2025} <= years("gdi") and min(years("gdi")) >= 2022
    assert (work_reports.documents["status"] == "ok").all()


def test_outer_space_resolutions(corpora, lexicon):
    result = phrasewatch.scan([corpora / "un-resolutions" / "outer-space"], lexicon=lexicon)
    carriers = docs_with(result, "ccdm")
    assert len(carriers) == 7 and "A_RES_78_20" not in carriers
    split = result.matches[(result.matches["formula_id"] == "ccdm") & result.matches["surface"].str.contains("\n")]
    assert len(split["doc_id"].unique()) >= 2  # the phrase broken across a line is still found


def test_ga80_resolutions(corpora, lexicon):
    result = phrasewatch.scan([corpora / "un-resolutions" / "ga-80"], lexicon=lexicon)
    assert {"A/RES/80/20", "A/RES/80/21"} <= set(result.matches.loc[result.matches["formula_id"] == "ccdm", "symbol"])
    assert (result.documents["body"] == "General Assembly").all()


def test_us_joint_statements_carry_no_signature_formulae(corpora, lexicon):
    result = phrasewatch.scan([corpora / "us-joint-statements"], lexicon=lexicon)
    signature = result.matches[result.matches["distinctiveness"] == "signature"]
    assert len(signature) <= 3, signature[["doc_id", "formula_id", "sentence"]].to_string()


def test_uae_joint_statement(corpora, lexicon):
    result = phrasewatch.scan([corpora / "joint-statements" / "CHN_ARE_2019-07-23_zh.txt"], lexicon=lexicon)
    doc = result.documents.iloc[0]
    assert doc["parties"] == "CHN;ARE" and doc["language"] == "zh"
    assert {"bri", "one_china"} <= set(result.matches["formula_id"])


def test_uae_joint_statement_credits_each_side_with_its_own_sentences(corpora, lexicon):
    result = phrasewatch.scan([corpora / "joint-statements" / "CHN_ARE_2019-07-23_zh.txt"], lexicon=lexicon)
    m = result.matches
    # 阿方 is the UAE here (not Argentina or Algeria): its sentences are the UAE adopting
    uae = m[m["voice_actors"] == "ARE"]
    assert {"bri", "one_china"} <= set(uae["formula_id"]) and set(uae["subject"]) == {"阿方"}
    assert (uae["stance"] == "endorse").all()
    assert uae[uae["formula_id"] == "one_china"]["strength_name"].tolist() == ["supports national reunification"]
    # 中方 sentences are China's alone: the naive count would credit the UAE with them
    china = m[m["voice"] == "china"]
    assert len(china) and set(china["voice_actors"]) == {"CHN"}
    table = phrasewatch.adoption(m, result.documents)
    naive = phrasewatch.adoption(m, result.documents, include_china_voice=True)
    assert naive[naive["actor"] == "ARE"]["count"].sum() > table[table["actor"] == "ARE"]["count"].sum()


def test_other_speakers_endorse_the_initiatives_they_name(ungdc):
    m = ungdc.matches
    named = m[m["formula_id"].isin(["gdi", "gsi", "gci"]) & m["doc_id"].isin(["SLB_78_2023", "VEN_78_2023", "GNQ_77_2022"])]
    assert len(named) >= 7
    assert (named["stance"] == "endorse").all(), named[["doc_id", "formula_id", "stance", "sentence"]].to_string()
    first = phrasewatch.first_adoption(m, ungdc.documents, lexicon=ungdc.lexicon)
    gsi = first[first["formula_id"] == "gsi"].set_index("actor")
    assert gsi.loc["GNQ", "first_date"] == "2022" and gsi.loc["GNQ", "lag_years"] == 0  # the GSI was launched in April 2022


def test_us_joint_statements_adopt_no_signature_formula(corpora, lexicon):
    result = phrasewatch.scan([corpora / "us-joint-statements"], lexicon=lexicon)
    table = phrasewatch.adoption(result.matches, result.documents, lexicon=lexicon)
    assert not table[table["adopted"] & (table["weight"] >= 1.0)].size


def test_readme_question_who_used_ccdm_other_than_china_and_when_first(ungdc, lexicon):
    """The README's first question, as `score --table first --formula ... --exclude-actor CHN` asks it."""
    first = phrasewatch.score_table("first", ungdc, formula="community with a shared future", exclude_actor="CHN")
    assert set(first["formula_id"]) == {"ccdm"} and "CHN" not in set(first["actor"])
    # PNG praises "a ... shared future for humankind": generic words, not the formula
    assert "PNG" not in set(first["actor"])
    assert first.set_index("actor").loc["BLR", "first_year"] == 2024  # "international community of shared destiny"


def test_readme_question_speakers_adopting_a_global_initiative_per_year(ungdc):
    """The README's second question: the five non-PRC speeches the corpora's README
    names (RUS 2021, GNQ 2022, SLB and VEN 2023, SLB 2024) as adopters per year."""
    table = phrasewatch.score_table("adoption", ungdc, by="year", formula="GDI,GSI,GCI", group="all",
                                    exclude_actor="CHN", since=2021, fill_zero=True)
    assert dict(zip(table["year"], table["adopters"], strict=True)) == {2021: 1, 2022: 1, 2023: 2, 2024: 1}
