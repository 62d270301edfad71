"""`phrasewatch kwic`: every match of a formula with its context, voice and stance."""

import pandas as pd
import pytest
from click.testing import CliRunner

import phrasewatch
from phrasewatch.cli import main
from phrasewatch.kwic import kwic

TEXTS = pd.DataFrame({
    "doc_id": ["KEN_2023", "FJI_2023", "CHN_2021"],
    "actor": ["KEN", "FJI", "CHN"],
    "year": [2023, 2023, 2021],
    "text": ["Kenya supports the Global Development Initiative (GDI). The GDI and the GDI again help Africa.",
             "Fiji and the so-called Global Development Initiative.",
             "中方提出全球发展倡议。"],
})


@pytest.fixture(scope="module")
def result(lexicon):
    return phrasewatch.scan_frame(TEXTS, lexicon=lexicon)


def test_every_match_with_its_context(result):
    table = kwic(result, "gdi")
    # the context is the match's sentence: "(GDI)" only defines the acronym, and is no match
    assert table[["doc_id", "left", "keyword", "right"]].values.tolist() == [
        ["KEN_2023", "Kenya supports the", "Global Development Initiative", "(GDI)."],
        ["KEN_2023", "The", "GDI", "and the GDI again help Africa."],
        ["KEN_2023", "The GDI and the", "GDI", "again help Africa."],  # the second GDI of its sentence
        ["FJI_2023", "Fiji and the so-called", "Global Development Initiative", "."],
        ["CHN_2021", "中方提出", "全球发展倡议", "。"],
    ]
    assert table.loc[3, "stance"] == "reject"


def test_filters_and_window(result):
    assert set(kwic(result, "GDI", exclude_actor="chn")["doc_id"]) == {"KEN_2023", "FJI_2023"}
    assert set(kwic(result, "全球發展倡議", since=2022)["doc_id"]) == {"KEN_2023", "FJI_2023"}
    short = kwic(result, "gdi", window=12)
    assert short.loc[2, "left"] == "…GDI and the" and short.loc[1, "right"] == "and the GDI…"
    with pytest.raises(ValueError, match="no formula"):
        kwic(result, "no such formula")


def test_command_on_screen_from_a_table_and_to_a_file(result, tmp_path):
    saved = tmp_path / "m.csv"
    result.matches.to_csv(saved, index=False)
    shown = CliRunner().invoke(main, ["kwic", "GDI", "--matches", str(saved), "--actor", "fji"])
    assert shown.exit_code == 0, shown.output
    assert "FJI_2023  Fiji and the so-called [Global Development Initiative] .   (gdi; author [FJI] reject)" in shown.stdout
    out = tmp_path / "k.csv"
    written = CliRunner().invoke(main, ["kwic", "gdi", "--matches", str(saved), "-o", str(out)])
    assert written.exit_code == 0 and len(pd.read_csv(out)) == 5
    none = CliRunner().invoke(main, ["kwic", "gsi", "--matches", str(saved)])
    assert none.exit_code == 1 and "no matching rows" in none.stderr
    table_as_path = CliRunner().invoke(main, ["kwic", "gdi", str(saved)])
    assert table_as_path.exit_code == 2 and "give a saved matches table with --matches" in table_as_path.stderr
