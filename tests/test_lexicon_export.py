"""Exports checked by the tools that read them (spaCy, the LIWC reader, YAML as quanteda
reads it) and imports that round-trip."""

import csv
import io
import json
import re
import tempfile
from collections import Counter

import pytest
import yaml
from click.testing import CliRunner

import phrasewatch
from phrasewatch.cli import main
from phrasewatch.lexicon import assemble_lexicon
from phrasewatch.lexicon.export import export_lexicon, import_lexicon
from phrasewatch.lexicon.forms import formula_forms
from tests.conftest import FIXTURES, ROOT

SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def formulae(lexicon):
    return lexicon.select(("formula",))


def body(quanteda_yaml: str) -> str:
    """The dictionary without its comment header."""
    return "\n".join(line for line in quanteda_yaml.splitlines() if not line.startswith("#"))


def test_spacy_phrase_matcher_finds_the_english_forms_in_the_seeds(formulae, tmp_path):
    spacy = pytest.importorskip("spacy", reason="spaCy is not installed (it is in the test extra)")
    from spacy.matcher import PhraseMatcher

    patterns = [json.loads(line) for line in export_lexicon(formulae, "spacy").text.splitlines()]
    nlp = spacy.blank("en")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    by_label: dict[str, list] = {}
    for p in patterns:
        by_label.setdefault(p["label"], []).append(nlp.make_doc(p["pattern"]))
    for label, docs in by_label.items():
        matcher.add(label, docs)
    exported = {(p["label"], p["pattern"].lower()) for p in patterns}

    result = phrasewatch.scan(SEEDS, lexicon=formulae)
    texts = {}
    for row in result.documents[result.documents["status"] == "ok"].itertuples():
        if row.language == "en":
            text = (SEEDS / row.path.split("/")[-1]).read_text(encoding="utf-8-sig")
            texts[row.doc_id] = text
    checked = 0
    for doc_id, text in texts.items():
        doc = nlp(text)
        found = Counter((nlp.vocab.strings[key], doc[start:end].text.lower()) for key, start, end in matcher(doc))
        m = result.matches[result.matches["doc_id"] == doc_id]
        # phrasewatch's matches written as a form is written (no line break, no other
        # dash): a PhraseMatcher must find each of them, under the same formula
        want = Counter((r.formula_id, r.surface.lower()) for r in m.itertuples()
                       if (r.formula_id, r.surface.lower()) in exported)
        missing = want - found
        assert not missing, f"{doc_id}: spaCy missed {dict(missing)}"
        checked += sum(want.values())
    assert checked >= 20  # the seeds hold dozens of English forms as written

    # the same file loads into an EntityRuler
    path = tmp_path / "patterns.jsonl"
    path.write_text(export_lexicon(formulae, "spacy").text, encoding="utf-8")
    ruler_nlp = spacy.blank("en")
    ruler = ruler_nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.from_disk(path)
    doc = ruler_nlp("Kiribati supports the Global Development Initiative.")
    assert [(e.label_, e.ent_id_, e.text) for e in doc.ents] == [("gdi", "gdi", "Global Development Initiative")]


def test_quanteda_export_is_a_dictionary_of_literal_patterns(formulae):
    exported = export_lexicon(formulae, "quanteda")
    dictionary = yaml.safe_load(exported.text)
    assert list(dictionary) == list(formulae.ids)
    for key, values in dictionary.items():
        assert isinstance(values, list) and values, key
        for value in values:
            # a glob pattern that matches itself: no wildcard, no leftover notation
            assert isinstance(value, str) and not re.search(r"[*?{}\[\]|]", value), (key, value)
    assert "community with a shared future for mankind" in dictionary["ccdm"]
    assert "人类命运共同体" in dictionary["ccdm"]
    assert "GDI" not in dictionary["gdi"]  # acronyms count only after the name is spelled out
    assert any(item.startswith("gdi: acronym") for item in exported.left_out)


def test_quanteda_export_round_trips_through_import(formulae):
    first = export_lexicon(formulae, "quanteda").text
    imported = import_lexicon(first, "quanteda", name="roundtrip")
    data = yaml.safe_load(imported)
    assert [f["id"] for f in data["formulae"]] == list(formulae.ids)
    with_placeholders, problems = _assemble(imported)
    # the only problems are the placeholders the import left for a person to fill in
    assert problems and all("placeholder" in p.message for p in problems)
    again = export_lexicon(with_placeholders, "quanteda").text
    assert body(again) == body(first)


def _assemble(text: str):
    with tempfile.TemporaryDirectory() as folder:
        path = f"{folder}/imported.yaml"
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        return assemble_lexicon(path)


def test_imported_placeholders_fail_the_check_until_filled_in(tmp_path):
    source = tmp_path / "dict.yml"
    source.write_text("development:\n  goals:\n    - sustainable develop*\n    - 可持续发展\n  aid: [official development assistance]\n",
                      encoding="utf-8")
    out = tmp_path / "imported.yaml"
    result = CliRunner().invoke(main, ["lexicon", "import", str(source), "--from", "quanteda", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    checked = CliRunner().invoke(main, ["lexicon", "check", str(out)])
    assert checked.exit_code == 1
    assert "goals: 'distinctiveness' is a placeholder to fill in" in checked.stdout
    assert "aid: 'zh.canonical' is a placeholder to fill in" in checked.stdout
    data = yaml.safe_load(text)
    goals = data["formulae"][0]
    assert goals["category"] == "development"  # the top level of a nested dictionary
    assert goals["en"]["variants"] == [r"re:\bsustainable develop\w*\b"]
    # filled in, it loads and its wildcard matches as quanteda's glob would
    filled = (text.replace("distinctiveness: TODO", "distinctiveness: generic")
              .replace("category: TODO", "category: development")
              .replace("canonical: TODO", "canonical: 官方发展援助")
              .replace("TODO: an English sentence that must match", "We pursue sustainable development.")
              .replace("TODO: a Chinese sentence that must match", "推动可持续发展和官方发展援助。"))
    out.write_text(filled, encoding="utf-8")
    lexicon = phrasewatch.load_lexicon(out)
    found = phrasewatch.scan_text("Sustainable developments and official development assistance.", lexicon=lexicon)
    assert sorted(found.matches["formula_id"]) == ["aid", "goals"]


def test_liwc_dic_reads_with_the_liwc_package(formulae, tmp_path):
    liwc = pytest.importorskip("liwc", reason="the liwc reader is not installed (it is in the test extra)")
    path = tmp_path / "ccdm.dic"
    path.write_text(export_lexicon(formulae, "liwc").text, encoding="utf-8")
    parse, categories = liwc.load_token_parser(str(path))
    assert categories == [f for f in formulae.ids if any(r["role"] not in ("acronym", "blocker", "regex")
                                                         for r in formula_forms(formulae[f]))]
    assert list(parse("community with a shared future for mankind")) == ["ccdm"]
    assert list(parse("人类命运共同体")) == ["ccdm"]
    assert list(parse("global development initiative")) == ["gdi"]


def test_csv_export_round_trips_every_form(formulae):
    exported = export_lexicon(formulae, "csv").text
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert len(rows) == sum(len(formula_forms(f)) for f in formulae)
    back, problems = _assemble(import_lexicon(exported, "csv"))
    assert all("placeholder" in p.message for p in problems)
    for original in formulae:
        copy = back[original.id]
        assert (copy.zh_canonical, copy.zh_variants, copy.zh_blockers) == \
            (original.zh_canonical, original.zh_variants, original.zh_blockers), original.id
        assert [(r.text, r.years) for r in copy.en_renderings] == [(r.text, r.years) for r in original.en_renderings]
        assert (copy.en_variants, copy.en_acronyms, copy.en_blockers) == \
            (original.en_variants, original.en_acronyms, original.en_blockers), original.id
        assert (copy.category, copy.parent) == (original.category, original.parent)


def test_export_command_writes_and_counts_what_is_left_out(tmp_path):
    out = tmp_path / "mini.jsonl"
    result = CliRunner().invoke(main, ["lexicon", "export", "--to", "spacy", "-l", str(FIXTURES / "mini.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "left out (no counterpart in spacy): " in result.stderr and "acronym" in result.stderr
    labels = {json.loads(line)["label"] for line in out.read_text(encoding="utf-8").splitlines()}
    assert "gdi" in labels
    refused = CliRunner().invoke(main, ["lexicon", "import", str(FIXTURES / "mini.yaml"), "--from", "quanteda", "-o", str(out)])
    assert refused.exit_code == 2 and "exists" in refused.stderr
