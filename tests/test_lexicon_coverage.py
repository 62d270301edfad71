"""`lexicon coverage` and `lexicon diff`: what a lexicon finds in a corpus and what an
edit changes, in every output format, on a lexicon that passes and one that fails."""

import json
import re

import pytest
from click.testing import CliRunner

from phrasewatch.cli import main
from phrasewatch.coverage import lexicon_coverage, lexicon_diff
from tests.conftest import FIXTURES

MINI = FIXTURES / "mini.yaml"
COMMAND = re.compile(r"^::(error|warning) (file=[^,]*,line=\d+,title=[a-z_]+)::(.+)$")

# Three speeches: the GDI three times (once as an acronym after its name), ccdm only
# inside the longer China-Africa form, one-China from a single speaker.
SPEECHES = {
    "KEN_78_2023.txt": "Kenya supports the Global Development Initiative (GDI). The GDI helps Africa. "
                       "We will build a China-Africa community with a shared future.",
    "FJI_78_2023.txt": "Fiji welcomes the Global Development Initiative and abides by the one-China principle.",
    "PAK_78_2023.txt": "Pakistan reaffirms the one-China principle.",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    for name, text in SPEECHES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def run(*args):
    return CliRunner().invoke(main, list(map(str, args)))


def test_coverage_counts_formulae_and_forms(corpus):
    report = lexicon_coverage(MINI, corpus)
    formulae = report.formulae.set_index("formula_id")
    assert formulae.loc["gdi", "hits"] == 3 and formulae.loc["gdi", "actors"] == 2
    assert formulae.loc["core_interests", "hits"] == 0
    forms = report.forms.set_index(["formula_id", "phrase"])["hits"]
    assert forms["gdi", "Global Development Initiative"] == 2 and forms["gdi", "GDI"] == 1
    assert forms["one_china", "one-China principle"] == 2
    shadow = report.shadowed
    assert shadow[["formula_id", "phrase", "longer_formula"]].values.tolist() == [
        ["ccdm", "community with a shared future", "china_africa_ccsf"]]
    messages = [(p.entry, p.severity, p.message) for p in report.problems]
    assert ("core_interests", "warning", "no hits in the corpus") in messages
    assert ("ccdm", "warning", "form 'community with a shared future' was found 1 time(s) only inside "
            "china_africa_ccsf's longer form 'China-Africa community with a shared future'") in messages


def test_one_actor_is_a_warning(corpus, tmp_path):
    only = tmp_path / "PAK_78_2023.txt"
    only.write_text("Pakistan reaffirms the one-China principle. The one-China principle stands.", encoding="utf-8")
    report = lexicon_coverage(MINI, only)
    assert any(p.entry == "one_china" and "all 2 hits come from one actor" in p.message for p in report.problems)


@pytest.mark.parametrize("fmt", ["text", "json", "github", "junit"])
def test_coverage_formats_pass_and_fail(corpus, fmt):
    passing = run("lexicon", "coverage", MINI, corpus, "--format", fmt, "--min-hits", "0")
    assert passing.exit_code == 0, passing.output
    failing = run("lexicon", "coverage", MINI, corpus, "--format", fmt, "--min-hits", "2")
    assert failing.exit_code == 1, failing.output
    # gdi (3 hits) and one_china (2) pass; the others have fewer than 2
    low = {"ccdm", "china_africa_ccsf", "bainian_bianju", "true_multilateralism", "core_interests"}
    if fmt == "text":
        assert "gdi" in passing.stdout and "error: " not in passing.stdout
        assert {f for f in low if f"{f}: " in failing.stdout and "fewer than --min-hits 2" in failing.stdout} == low
    elif fmt == "json":
        report = json.loads(failing.stdout)
        assert report["ok"] is False
        assert {p["entry"] for p in report["problems"] if p["fails"]} == low
        assert {f["formula_id"]: f["hits"] for f in report["formulae"]}["gdi"] == 3
        assert json.loads(passing.stdout)["ok"] is True
    elif fmt == "github":
        lines = failing.stdout.splitlines()
        assert all(COMMAND.match(line) for line in lines), lines
        assert {COMMAND.match(line).group(2).rsplit("=", 1)[1] for line in lines if line.startswith("::error")} == low
        assert not any(line.startswith("::error") for line in passing.stdout.splitlines())
    else:
        junit = pytest.importorskip("junitparser")
        suite = next(iter(junit.JUnitXml.fromstring(failing.stdout_bytes)))
        assert {c.name for c in suite if not c.is_passed} == low
        assert suite.tests == 7  # the formulae; the reinterpreted word is not scanned by default
        assert all(c.is_passed for c in next(iter(junit.JUnitXml.fromstring(passing.stdout_bytes))))


def edited(tmp_path):
    """mini.yaml losing a form: 'GDI' no longer an acronym, one-China only in Chinese."""
    path = tmp_path / "edited.yaml"
    text = MINI.read_text(encoding="utf-8").replace("      acronyms: [GDI]\n", "")
    path.write_text(text, encoding="utf-8")
    return path


def test_diff_entries_and_forms(tmp_path):
    report = lexicon_diff(MINI, edited(tmp_path))
    assert report.entries[["formula_id", "change", "fields"]].values.tolist() == [["gdi", "changed", "en_acronyms"]]
    assert report.entries["forms_removed"].tolist() == ["en acronym 'GDI'"]
    assert report.matches is None and report.problems == ()
    same = lexicon_diff(MINI, MINI)
    assert same.entries.empty


def test_diff_with_a_corpus_counts_matches_gained_and_lost(tmp_path, corpus):
    report = lexicon_diff(MINI, edited(tmp_path), corpus)
    gdi = report.matches.set_index("formula_id").loc["gdi"]
    assert (gdi["before"], gdi["after"], gdi["lost"], gdi["gained"]) == (3, 2, 1, 0)
    assert "KEN_78_2023: 'GDI'" in gdi["examples_lost"]
    (problem,) = report.problems
    assert problem.entry == "gdi" and problem.severity == "warning" and "loses 1 of 3" in problem.message
    back = lexicon_diff(edited(tmp_path), MINI, corpus)
    assert back.matches.set_index("formula_id").loc["gdi", "gained"] == 1 and back.problems == ()


@pytest.mark.parametrize("fmt", ["text", "json", "github", "junit"])
def test_diff_formats_pass_and_fail(tmp_path, corpus, fmt):
    new = edited(tmp_path)
    passing = run("lexicon", "diff", new, MINI, "--corpus", corpus, "--format", fmt, "--fail-on-loss")
    assert passing.exit_code == 0, passing.output
    failing = run("lexicon", "diff", MINI, new, "--corpus", corpus, "--format", fmt, "--fail-on-loss")
    assert failing.exit_code == 1, failing.output
    if fmt == "text":
        assert "gdi: 3 → 2 (+0 −1)" in failing.stdout and "lost: KEN_78_2023: 'GDI'" in failing.stdout
        assert "gdi: 2 → 3 (+1 −0)" in passing.stdout
    elif fmt == "json":
        report = json.loads(failing.stdout)
        assert report["ok"] is False and [p["entry"] for p in report["problems"]] == ["gdi"]
        assert {m["formula_id"]: m["lost"] for m in report["matches"]}["gdi"] == 1
    elif fmt == "github":
        (line,) = failing.stdout.splitlines()
        found = COMMAND.match(line)
        assert found and found.group(1) == "error" and f"file={new}" in found.group(2)
        assert passing.stdout.strip() == ""
    else:
        junit = pytest.importorskip("junitparser")
        suite = next(iter(junit.JUnitXml.fromstring(failing.stdout_bytes)))
        assert [c.name for c in suite if not c.is_passed] == ["gdi"]
        assert all(c.is_passed for c in next(iter(junit.JUnitXml.fromstring(passing.stdout_bytes))))


def test_usage_errors_exit_2(tmp_path, corpus):
    assert run("lexicon", "diff", MINI, MINI, "--fail-on-loss").exit_code == 2
    assert run("lexicon", "coverage", MINI, tmp_path / "nowhere").exit_code == 2
    assert run("lexicon", "coverage", tmp_path / "missing.yaml", corpus).exit_code == 2
