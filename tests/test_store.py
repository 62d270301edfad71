"""The store: resuming an interrupted scan, and matching stored text again after a
lexicon edit without reading the files."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import phrasewatch
import phrasewatch.pipeline  # noqa: F401 - imported for sys.modules: the package imports its stages lazily
import phrasewatch.run  # noqa: F401
import phrasewatch.store.db  # noqa: F401
import phrasewatch.store.rematch  # noqa: F401
from phrasewatch.store import Store
from tests.conftest import FIXTURES

MINI = FIXTURES / "mini.yaml"


def make_corpus(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        year = 1990 + i % 35
        body = ("Filler sentence about fisheries and weather. " * 40 + "\n") * 3
        if i % 3 == 0:
            body += f"In {year} we called for true multilateralism and the Global Development Initiative.\n"
        if i % 5 == 0:
            body += "双方同意推动构建人类命运共同体。\n"
        (folder / f"D{i:02d}_{i % 80:02d}_{year}.txt").write_text(body, encoding="utf-8")
    return folder


def test_second_scan_reuses_results_and_gives_the_same_tables(tmp_path, mini_lexicon):
    corpus = make_corpus(tmp_path / "corpus", 30)
    db = tmp_path / "scan.db"
    first = phrasewatch.scan([corpus], lexicon=mini_lexicon, store=db)
    with Store(db) as store:
        assert store.count_results() == 30
    again = phrasewatch.scan([corpus], lexicon=mini_lexicon, store=db, jobs=2)
    pd.testing.assert_frame_equal(first.matches, again.matches)
    pd.testing.assert_frame_equal(first.documents, again.documents)


def test_after_a_lexicon_edit_stored_text_is_matched_without_reading_files(tmp_path, mini_lexicon, monkeypatch):
    corpus = make_corpus(tmp_path / "corpus", 12)
    db = tmp_path / "scan.db"
    phrasewatch.scan([corpus], lexicon=mini_lexicon, store=db)
    edited = tmp_path / "edited.yaml"
    edited.write_text(MINI.read_text(encoding="utf-8").replace(
        '      variants: ["{true|genuine} multilateralism"]', '      variants: ["{true|genuine} multilateralism", "fisheries"]'),
        encoding="utf-8")
    new_lexicon = phrasewatch.load_lexicon(edited)
    expected = phrasewatch.scan([corpus], lexicon=new_lexicon)

    def no_reading(*args, **kwargs):
        raise AssertionError("a file was read although its text is stored")

    monkeypatch.setattr(sys.modules["phrasewatch.pipeline"], "read_path", no_reading)
    rematched = phrasewatch.scan([corpus], lexicon=new_lexicon, store=db)
    pd.testing.assert_frame_equal(expected.matches, rematched.matches)
    assert (rematched.matches["surface"] == "fisheries").sum() == 12 * 120


def test_results_kept_by_another_version_of_the_code_are_recomputed_from_stored_text(tmp_path, mini_lexicon, monkeypatch):
    """New rules for voice or stance must not be served old results from a store."""
    corpus = make_corpus(tmp_path / "corpus", 6)
    db = tmp_path / "scan.db"
    monkeypatch.setattr(sys.modules["phrasewatch.store.rematch"], "results_version", lambda: "an older version")
    phrasewatch.scan([corpus], lexicon=mini_lexicon, store=db, jobs=1)
    with sqlite3.connect(db) as connection:  # make the stored results visibly stale
        connection.execute("UPDATE outcomes SET results = replace(results, '\"endorse\"', '\"stale\"')")
    monkeypatch.undo()

    def no_reading(*args, **kwargs):
        raise AssertionError("a file was read although its text is stored")

    monkeypatch.setattr(sys.modules["phrasewatch.pipeline"], "read_path", no_reading)
    again = phrasewatch.scan([corpus], lexicon=mini_lexicon, store=db, jobs=1)
    assert len(again.matches) and "stale" not in set(again.matches["stance"])


def test_a_changed_file_is_read_again(tmp_path, mini_lexicon):
    corpus = make_corpus(tmp_path / "corpus", 3)
    db = tmp_path / "scan.db"
    phrasewatch.scan([corpus], lexicon=mini_lexicon, store=db)
    target = sorted(corpus.iterdir())[1]
    target.write_text("Now it speaks of a community of common destiny.", encoding="utf-8")
    result = phrasewatch.scan([corpus], lexicon=mini_lexicon, store=db)
    doc = result.matches[result.matches["path"] == str(target)]
    assert list(doc["formula_id"]) == ["ccdm"]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_scan_killed_with_sigkill_resumes_to_the_same_result(tmp_path):
    corpus = make_corpus(tmp_path / "corpus", 1500)  # long enough to be caught mid-run
    db = tmp_path / "scan.db"
    command = [sys.executable, "-m", "phrasewatch", "scan", str(corpus), "-l", str(MINI), "--no-progress", "-j", "1"]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}

    # an uninterrupted scan, without a store, for reference
    subprocess.run(command + ["-o", str(tmp_path / "whole.csv")], check=True, env=env, capture_output=True)

    killed = subprocess.Popen(command + ["--store", str(db), "-o", str(tmp_path / "killed.csv")], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored = 0
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and killed.poll() is None:
        if db.exists():
            try:
                with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as peek:
                    stored = peek.execute("SELECT count(*) FROM results").fetchone()[0]
            except sqlite3.OperationalError:
                stored = 0
            if stored >= 200:
                break
        time.sleep(0.01)
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    assert killed.returncode == -signal.SIGKILL, "the scan finished before it could be killed"
    assert 200 <= stored < 1500

    subprocess.run(command + ["--store", str(db), "-o", str(tmp_path / "resumed.csv")], check=True, env=env, capture_output=True)
    assert (tmp_path / "resumed.csv").read_bytes() == (tmp_path / "whole.csv").read_bytes()
    assert (tmp_path / "resumed.documents.csv").read_bytes() == (tmp_path / "whole.documents.csv").read_bytes()
    with sqlite3.connect(db) as check:
        assert check.execute("SELECT count(*) FROM results").fetchone()[0] == 1500


# --- matching stored text again after a lexicon edit, document by document --------------

_DOCUMENTS = {
    "plain": "The delegates spoke of fisheries, weather and the budget. " * 30,
    "multilateral": "We call for true multilateralism and reform of the Council. " * 3,
    "acronym": "We welcome the Global Development Initiative. The GDI helps. The GDI matters.",
    "hyphenated": "We build a community with a shared fu-\nture for mankind, and uphold the rules-\nbased international order.",
    "ligature": "The \ufb01sheries committee upholds the rules-based international order.",
    "chinese": "双方同意推动构建人类命运共同体，践行真正的多边主义。",
    "old": "In 1990 we already spoke of true multilateralism in our region.",
    "one china": "Indonesia reaffirms its commitment to the one-China principle, not the one China policy principle.",
}

_NEW_FORMULA = """
  - id: rules_based_order
    kind: formula
    category: order
    distinctiveness: generic
    zh:
      canonical: 基于规则的国际秩序
    en:
      variants: ["rules-based international order"]
    examples:
      match:
        en: ["We uphold the rules-based international order."]
        zh: ["维护基于规则的国际秩序。"]
"""

_EDITS = {
    "a formula added": lambda y: y + _NEW_FORMULA,
    "a variant added": lambda y: y.replace('variants: ["{true|genuine} multilateralism"]',
                                           'variants: ["{true|genuine} multilateralism", "fisheries"]'),
    "a first use moved": lambda y: y.replace("first_used: 2021-01", "first_used: 2025-01"),
    "a formula removed": lambda y: y[:y.index("  - id: gdi")] + y[y.index("  - id: true_multilateralism"):],
    "an acronym removed": lambda y: y.replace("acronyms: [GDI]", "acronyms: []"),
    "a blocker added": lambda y: y.replace('blockers: ["{one-China|one China} policy principle"]',
                                           'blockers: ["{one-China|one China} policy principle", "the one-China principle"]'),
    "a Chinese variant added": lambda y: y.replace("variants: [构建人类命运共同体]", "variants: [构建人类命运共同体, 命运共同体]"),
    "notes only": lambda y: y.replace("    distinctiveness: signature\n    first_used: 2017\n",
                                      "    distinctiveness: signature\n    notes: a note that matches nothing\n    first_used: 2017\n"),
    # the borrowed column depends on the origin, so its documents are matched again
    "an origin added": lambda y: y.replace("    first_used: 2021-01\n",
                                           "    first_used: 2021-01\n    origin: {coined_by: un, prc_since: 2022, source: UN language}\n"),
    # an accepted measured class changes no match
    "a measured class accepted": lambda y: y.replace(
        "    distinctiveness: signature\n    first_used: 2017\n",
        "    distinctiveness: signature\n    measured_distinctiveness: mixed\n    notes: partners adopt it\n    first_used: 2017\n"),
}


@pytest.mark.parametrize("edit", sorted(_EDITS))
def test_after_an_edit_only_documents_holding_a_changed_formula_are_processed_again(tmp_path, mini_lexicon, monkeypatch, edit):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in _DOCUMENTS.items():
        (corpus / f"{name.replace(' ', '_')}.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "scan.db"
    phrasewatch.scan([corpus], lexicon=mini_lexicon, store=db, jobs=1)
    edited = tmp_path / "edited.yaml"
    edited.write_text(_EDITS[edit](MINI.read_text(encoding="utf-8")), encoding="utf-8")
    lexicon = phrasewatch.load_lexicon(edited)
    assert lexicon.version != mini_lexicon.version
    expected = phrasewatch.scan([corpus], lexicon=lexicon, jobs=1)

    from phrasewatch.pipeline import DocumentScanner as scanner
    processed = []
    original = scanner.process
    monkeypatch.setattr(scanner, "process", lambda self, entry, doc: processed.append(entry.path.stem) or original(self, entry, doc))
    rematched = phrasewatch.scan([corpus], lexicon=lexicon, store=db, jobs=1)
    pd.testing.assert_frame_equal(expected.matches, rematched.matches)
    pd.testing.assert_frame_equal(expected.documents, rematched.documents)
    # the documents where the changed formula occurs before or after the edit; no others
    # (the Chinese one's tokens are characters, which owe nothing to the lexicon)
    assert sorted(processed) == _PROCESSED_AGAIN[edit]


_PROCESSED_AGAIN = {
    "a Chinese variant added": ["chinese", "hyphenated"],  # ccdm changed: where it occurs
    "a blocker added": ["one_china"],
    "a first use moved": ["chinese", "multilateral", "old"],
    "a formula added": ["hyphenated", "ligature"],  # found through hyphenation and the ligature
    "a formula removed": ["acronym"],
    "a variant added": ["chinese", "ligature", "multilateral", "old", "plain"],
    "an acronym removed": ["acronym"],
    "notes only": [],
    "an origin added": ["chinese", "multilateral", "old"],
    "a measured class accepted": [],
}


def test_chinese_counted_in_jiebas_words_is_processed_again_after_any_edit(tmp_path, mini_lexicon, monkeypatch):
    # jieba's dictionary holds the lexicon's Chinese phrases: any edit can change the count
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("chinese", "plain"):
        (corpus / f"{name}.txt").write_text(_DOCUMENTS[name], encoding="utf-8")
    db = tmp_path / "scan.db"
    phrasewatch.scan([corpus], lexicon=mini_lexicon, store=db, jobs=1, chinese_tokens="jieba")
    edited = tmp_path / "edited.yaml"
    edited.write_text(_EDITS["a formula added"](MINI.read_text(encoding="utf-8")), encoding="utf-8")
    lexicon = phrasewatch.load_lexicon(edited)
    expected = phrasewatch.scan([corpus], lexicon=lexicon, jobs=1, chinese_tokens="jieba")

    from phrasewatch.pipeline import DocumentScanner as scanner
    processed = []
    original = scanner.process
    monkeypatch.setattr(scanner, "process", lambda self, entry, doc: processed.append(entry.path.stem) or original(self, entry, doc))
    rematched = phrasewatch.scan([corpus], lexicon=lexicon, store=db, jobs=1, chinese_tokens="jieba")
    pd.testing.assert_frame_equal(expected.documents, rematched.documents)
    assert processed == ["chinese"]
    assert set(rematched.documents["token_unit"]) == {"words", "words+jieba"}
