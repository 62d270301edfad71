"""Score filters and the tables people chart: --formula, --actor, --exclude-actor,
--since/--until, --group, --fill-zero, --wide; friendlier --explain."""

import pandas as pd
import pytest
from click.testing import CliRunner

import phrasewatch
from phrasewatch.cli import main
from phrasewatch.options import ScoreOptions
from phrasewatch.score import score_table

# Speeches by three speakers over four years; years with nothing said are the point of
# --fill-zero, and KEN's 2021 speech names no formula at all.
SPEECHES = pd.DataFrame([
    ("CHN", 2020, "China proposed the community with a shared future for mankind."),
    ("CHN", 2021, "China put forward the Global Development Initiative."),
    ("KEN", 2021, "Kenya thanks the Assembly."),
    ("KEN", 2022, "Kenya supports the Global Development Initiative and the Global Security Initiative."),
    ("KEN", 2023, "Kenya welcomes the Global Civilization Initiative and the Belt and Road Initiative."),
    ("FJI", 2023, "Fiji supports the Global Security Initiative. We will build a community of common destiny."),
    ("FJI", 2023, "Fiji and the so-called Global Development Initiative."),
], columns=["actor", "year", "text"]).assign(doc_id=lambda f: f["actor"] + "_" + f["year"].astype(str) + "_" + f.index.astype(str))


@pytest.fixture(scope="module")
def speeches(lexicon):
    return phrasewatch.scan_frame(SPEECHES, lexicon=lexicon)


def adoption(speeches, **keywords):
    return score_table("adoption", speeches, **keywords)


def test_formula_by_id_acronym_form_category_and_parent(speeches, lexicon):
    by_names = adoption(speeches, by="actor", formula=["GDI", "global security initiative"])
    assert set(by_names["formula_id"]) == {"gdi", "gsi"}
    category = adoption(speeches, by="actor", formula="initiative")
    assert set(category["formula_id"]) == {"gdi", "gsi", "gci"}  # the bri is its own category
    assert set(adoption(speeches, by="actor", formula="category:bri")["formula_id"]) == {"bri"}
    family = adoption(speeches, by="actor", formula="parent:ccdm")
    assert set(family["formula_id"]) == {"ccdm"}
    with pytest.raises(ValueError, match="no formula 'global harmony'"):
        adoption(speeches, formula="global harmony")
    with pytest.raises(ValueError, match="no category 'nonsense'"):
        adoption(speeches, formula="category:nonsense")


def test_actor_filters_any_case(speeches):
    others = adoption(speeches, by="actor", exclude_actor="chn")
    assert set(others["actor"]) == {"KEN", "FJI"}
    only = adoption(speeches, by="actor,year", actor=["ken"])
    assert set(only["actor"]) == {"KEN"}
    mentions = score_table("mentions", speeches, by="actor", exclude_actor="CHN")
    assert "CHN" not in set(mentions["actor"])


def test_since_and_until_are_inclusive(speeches):
    table = adoption(speeches, by="year", since=2020, until=2021)
    assert set(table["year"]) == {2020, 2021}
    assert table["documents_total"].max() == 2  # the 2021 speeches of China and Kenya


def test_options_are_validated_when_made():
    with pytest.raises(ValueError, match="since .2024. is after until .2020."):
        ScoreOptions(since=2024, until=2020)
    with pytest.raises(ValueError, match="both name CHN"):
        ScoreOptions(actor="CHN", exclude_actor="chn")
    with pytest.raises(ValueError, match="since must be a year"):
        ScoreOptions(since="last year")
    assert ScoreOptions(formula="gdi, gsi", actor=["ken,fji"]).actor == ("KEN", "FJI")


def test_grouping_all_counts_a_speaker_once_per_year(speeches):
    table = adoption(speeches, by="year", formula="gdi,gsi,gci", exclude_actor="CHN", group="all")
    assert list(table.columns[:2]) == ["year", "formulae"]
    assert set(table["formulae"]) == {"gdi+gsi+gci"}
    per_year = table.set_index("year")
    # 2022: Kenya endorses two of them in one speech: one adopter, one document
    assert per_year.loc[2022, "adopters"] == 1 and per_year.loc[2022, "documents"] == 1
    assert per_year.loc[2022, "count"] == 2
    # 2023: Kenya (GCI) and Fiji (GSI; its "so-called" GDI is no endorsement)
    assert per_year.loc[2023, "adopters"] == 2


def test_grouping_by_category_and_parent(speeches, lexicon):
    by_category = adoption(speeches, by="actor", group="category", exclude_actor="CHN")
    assert "category" in by_category.columns and "formula_id" not in by_category.columns
    assert set(by_category[by_category["actor"] == "KEN"]["category"]) == {"initiative", "bri"}
    first = score_table("first", speeches, group="category", formula="initiative")
    # a group is first used when its first member was: the GDI in 2021
    assert (first["prc_first_used"] == lexicon["gdi"].first_used.earliest.isoformat()).all()
    assert set(first.loc[first["actor"] == "KEN", "first_year"]) == {2022}


def test_fill_zero_gives_every_year_in_range(speeches):
    table = adoption(speeches, by="actor,year", formula="gsi", exclude_actor="CHN", fill_zero=True, since=2020, until=2024)
    ken = table[table["actor"] == "KEN"].set_index("year")
    assert list(ken.index) == [2020, 2021, 2022, 2023, 2024]
    assert list(ken["count"]) == [0, 0, 1, 0, 0]
    assert ken.loc[2021, "documents_total"] == 1  # Kenya spoke in 2021, about nothing counted
    assert ken.loc[2024, "documents_total"] == 0 and pd.isna(ken.loc[2024, "share"])
    with pytest.raises(ValueError, match="grouped by year"):
        adoption(speeches, by="actor", fill_zero=True)


def test_wide_tables(speeches):
    by_actor = adoption(speeches, by="actor", wide=True, formula="gdi,gsi,gci,ggi")
    assert list(by_actor.columns) == ["actor", "gci", "gdi", "ggi", "gsi"]  # ggi: selected, never said
    assert by_actor.set_index("actor").loc["KEN"].to_dict() == {"gci": 1, "gdi": 1, "ggi": 0, "gsi": 1}
    # document × formula, every document a row, like quanteda's dfm
    dfm = score_table("mentions", speeches, by="doc_id", wide=True)
    assert len(dfm) == len(SPEECHES)
    assert dfm.set_index("doc_id").loc["KEN_2021_2"].sum() == 0
    by_year = adoption(speeches, by="year", wide=True, exclude_actor="CHN", fill_zero=True, since=2020, until=2023)
    assert list(by_year["year"]) == [2020, 2021, 2022, 2023]
    first = score_table("first", speeches, wide=True, formula="initiative")
    assert first.set_index("actor").loc["FJI", "gsi"] == 2023


def test_diffusion_filled_carries_the_cumulative_count(speeches):
    table = score_table("diffusion", speeches, formula="gsi", fill_zero=True, until=2024)
    assert table[["year", "new_adopters", "cumulative"]].values.tolist() == [
        [2022, 1, 1], [2023, 1, 2], [2024, 0, 2]]


def test_explain_takes_any_case_and_any_form(speeches):
    by_acronym = phrasewatch.explain(speeches, None, "ken", "GSI", 2022)
    assert list(by_acronym["formula_id"]) == ["gsi"]
    by_form = phrasewatch.explain(speeches, None, "fji", "community of common destiny", None)
    assert list(by_form["formula_id"]) == ["ccdm"]
    with pytest.raises(ValueError, match="no formula"):
        phrasewatch.explain(speeches, None, "KEN", "global harmony", None)


def run(*args):
    return CliRunner().invoke(main, list(map(str, args)))


@pytest.fixture(scope="module")
def saved(speeches, tmp_path_factory):
    folder = tmp_path_factory.mktemp("saved")
    speeches.matches.to_csv(folder / "m.csv", index=False)
    speeches.documents.to_csv(folder / "m.documents.csv", index=False)
    return folder


def test_cli_filters_mirror_the_library(saved, speeches):
    result = run("score", "--matches", saved / "m.csv", "--documents", saved / "m.documents.csv", "--by", "year",
                 "--formula", "GDI,GSI", "--formula", "gci", "--group", "all", "--exclude-actor", "chn", "-o", saved / "q.csv")
    assert result.exit_code == 0, result.output
    written = pd.read_csv(saved / "q.csv")
    library = adoption(speeches, by="year", formula="GDI,GSI,gci", group="all", exclude_actor="CHN")
    assert written["adopters"].tolist() == library["adopters"].tolist() == [1, 2]


def test_cli_explain_no_rows_exits_1_and_unknown_formula_2(saved):
    common = ["score", "--matches", saved / "m.csv", "--documents", saved / "m.documents.csv", "--explain"]
    found = run(*common, "ken", "gdi", "2022")
    assert found.exit_code == 0 and "KEN · gdi · 2022: 1 match(es), 1 endorsing" in found.stdout
    none = run(*common, "KEN", "GDI", "2021")
    assert none.exit_code == 1 and "no matching rows" in none.stdout
    unknown = run(*common, "KEN", "nonsense", "all")
    assert unknown.exit_code == 2 and "no formula 'nonsense'" in unknown.stderr


def test_score_given_a_saved_table_as_a_path_says_what_to_do(saved):
    result = run("score", saved / "m.csv")
    assert result.exit_code == 2
    assert "is a phrasewatch matches table" in result.stderr
    assert f"--matches {saved / 'm.csv'} --documents {saved / 'm.documents.csv'}" in result.stderr
    documents = run("score", saved / "m.documents.csv")
    assert documents.exit_code == 2 and "is a phrasewatch documents table" in documents.stderr
