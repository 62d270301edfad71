"""`lexicon list` and `lexicon show`: every expanded form, in both languages, found by
any of them."""

import io
import json

import pandas as pd
import pytest
from click.testing import CliRunner

from phrasewatch.catalogue import current_rendering, formula_forms, resolve_formula, search_formulae
from phrasewatch.cli import main
from phrasewatch.lexicon import expand
from tests.conftest import FIXTURES

MINI = str(FIXTURES / "mini.yaml")


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_a_formula_is_found_by_id_acronym_and_any_spelling_of_any_form(lexicon):
    assert resolve_formula(lexicon, "gdi") == "gdi"
    assert resolve_formula(lexicon, "gdi".upper()) == "gdi"
    assert resolve_formula(lexicon, "Community of Shared Future for Humankind") == "ccdm"
    assert resolve_formula(lexicon, "人類命運共同體") == "ccdm"  # traditional characters
    assert resolve_formula(lexicon, "win–win cooperation") == resolve_formula(lexicon, "win-win cooperation")
    with pytest.raises(KeyError, match="did you mean gdi"):
        resolve_formula(lexicon, "gdl")


def test_search_finds_every_form_that_contains_the_text(lexicon):
    hits = {h["formula_id"]: h for h in search_formulae(lexicon, "shared future")}
    assert "ccdm" in hits and "china_africa_ccsf" in hits
    assert all("shared future" in form.lower() for form in hits["ccdm"]["forms"])
    # the older renderings the old `lexicon list` showed alone are there too
    assert "community with a shared future for mankind" in hits["ccdm"]["forms"]
    assert {h["formula_id"] for h in search_formulae(lexicon, "命运共同体")} >= {"ccdm", "china_africa_ccsf"}


def test_forms_are_the_lexicon_notation_expanded(mini_lexicon):
    forms = formula_forms(mini_lexicon["ccdm"])
    english = [f["phrase"] for f in forms if f["language"] == "en" and f["role"] != "blocker"]
    want = [p for form in ("community with a shared future for {mankind|humanity|humankind}",
                           "community {of|with a} {common|shared} {destiny|future} [for {mankind|humanity|humankind}]")
            for p in expand(form)]
    assert english == want
    rendering = next(f for f in forms if f["role"] == "rendering")
    assert rendering["years"] == "2017-"
    assert current_rendering(mini_lexicon["ccdm"]) == "community with a shared future for mankind"


def test_list_search_text_json_and_csv(lexicon):
    text = run("lexicon", "list", "--search", "shared future")
    assert text.exit_code == 0
    assert text.stdout.splitlines()[0].startswith("ccdm ")
    assert "community with a shared future for mankind" in text.stdout
    records = json.loads(run("lexicon", "list", "--search", "GDI", "--format", "json").stdout)
    assert [r["id"] for r in records][:1] == ["gdi"]
    table = pd.read_csv(io.StringIO(run("lexicon", "list", "--format", "csv").stdout))
    # every expanded form of every formula, both languages
    want = sum(len(formula_forms(f)) for f in lexicon)
    assert len(table) == want
    assert set(table["language"]) == {"en", "zh"}
    nothing = run("lexicon", "list", "--search", "no such words anywhere")
    assert nothing.exit_code == 1


def test_show_prints_every_form_renderings_with_years_and_blockers(lexicon):
    shown = run("lexicon", "show", "人类命运共同体")
    assert shown.exit_code == 0, shown.output
    out = shown.stdout
    assert out.startswith("ccdm  人类命运共同体  community with a shared future for mankind")
    assert "rendering: community with a shared future for mankind [2017-]" in out
    assert "blocker (silences what it contains): 两岸命运共同体" in out
    for f in formula_forms(lexicon["ccdm"]):
        assert f["phrase"] in out
    as_json = json.loads(run("lexicon", "show", "GDI", "--format", "json").stdout)
    assert as_json["id"] == "gdi" and as_json["children"] == ["gdi_friends"]
    missing = run("lexicon", "show", "nonsense")
    assert missing.exit_code == 2 and "no formula 'nonsense'" in missing.stderr
