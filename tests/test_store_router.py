"""The store answering in the scanning process (store/plan.py): unchanged files are not
hashed again, stored results are served without a worker, and after a lexicon edit a
file keeps its results only where no changed formula can occur in it; the look on raw
UTF-8 that decides it never misses what the matcher finds."""

import os
import sys
import time

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import phrasewatch
import phrasewatch.pipeline  # noqa: F401 - imported for sys.modules: the package imports its stages lazily
import phrasewatch.run  # noqa: F401
import phrasewatch.store.db  # noqa: F401
import phrasewatch.store.rematch  # noqa: F401
from phrasewatch.match import Matcher
from phrasewatch.store import FileKey, Store
from phrasewatch.store.plan import _UNKNOWN, _raw_look
from phrasewatch.store.rematch import changed_matcher
from phrasewatch.text import KeyedText
from tests.conftest import FIXTURES
from tests.test_store import _DOCUMENTS, _EDITS, _PROCESSED_AGAIN, MINI, make_corpus


@pytest.fixture
def trusted(monkeypatch):
    """Signatures of files written a moment ago trusted (as those of files older than
    the racy window are), so that the tests' fresh files reach the router."""
    monkeypatch.setattr(sys.modules["phrasewatch.store.db"], "_RACY_NS", 0)


def _no_hashing(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a file was hashed although its signature is stored")

    monkeypatch.setattr(FileKey, "signed", classmethod(refuse))


def test_a_file_changed_a_moment_ago_is_not_trusted_by_its_signature(tmp_path):
    path = tmp_path / "fresh.txt"
    path.write_text("just written", encoding="utf-8")
    key, signature = FileKey.signed(path)
    assert signature is None and key.content_hash
    old = time.time() - 3600
    os.utime(path, (old, old))  # the status-change time is still now: not trusted either
    assert FileKey.signed(path)[1] is None


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_repeat_scan_hashes_and_reads_nothing_and_gives_the_same_tables(tmp_path, mini_lexicon, monkeypatch, trusted, jobs):
    monkeypatch.setattr(sys.modules["phrasewatch.run"], "ALONE_BYTES", 0)  # workers from the first file
    corpus = make_corpus(tmp_path / "corpus", 20)
    for i in range(0, 20, 3):  # skipped files between the documents: the order must hold
        (corpus / f"._D{i:02d}").write_bytes(b"\x00\x05\x16\x07")
    expected = phrasewatch.scan([corpus], lexicon=mini_lexicon, jobs=1)
    db = tmp_path / "scan.db"
    phrasewatch.scan([corpus], lexicon=mini_lexicon, store=db, jobs=jobs)
    _no_hashing(monkeypatch)
    monkeypatch.setattr(sys.modules["phrasewatch.pipeline"], "read_path",
                        lambda *a, **k: (_ for _ in ()).throw(AssertionError("a file was read")))
    # the skipped files are answered without a scanner (its matcher cost 0.25 s to build)
    monkeypatch.setattr(sys.modules["phrasewatch.run"], "DocumentScanner",
                        lambda *a, **k: (_ for _ in ()).throw(AssertionError("a scanner was built")))
    again = phrasewatch.scan([corpus], lexicon=mini_lexicon, store=db, jobs=jobs)
    pd.testing.assert_frame_equal(expected.matches, again.matches)
    pd.testing.assert_frame_equal(expected.documents, again.documents)


def test_a_file_edited_to_the_same_size_and_modification_time_is_read_again(tmp_path, mini_lexicon, trusted):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    target = corpus / "speech.txt"
    target.write_text("We call for true multilateralism today.", encoding="utf-8")
    (corpus / "other.txt").write_text("Nothing to see.", encoding="utf-8")
    db = tmp_path / "scan.db"
    before = phrasewatch.scan([corpus], lexicon=mini_lexicon, store=db, jobs=1)
    assert list(before.matches["formula_id"]) == ["true_multilateralism"]
    info = target.stat()
    time.sleep(0.05)  # a later status-change time, whatever the clock's tick
    target.write_text("We call for fake multilateralism today.", encoding="utf-8")  # same size
    os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns))  # and the same modification time
    assert target.stat().st_size == info.st_size and target.stat().st_mtime_ns == info.st_mtime_ns
    after = phrasewatch.scan([corpus], lexicon=mini_lexicon, store=db, jobs=1)
    assert after.matches.empty
    pd.testing.assert_frame_equal(after.documents, phrasewatch.scan([corpus], lexicon=mini_lexicon, jobs=1).documents)


@pytest.mark.parametrize("edit", sorted(_EDITS))
def test_after_an_edit_the_router_keeps_only_what_the_text_would_keep(tmp_path, mini_lexicon, monkeypatch, trusted, edit):
    """As test_store's test of each edit, with the router answering: a file it kept
    whose documents the worker path would have processed is missing from ``processed``."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in _DOCUMENTS.items():
        (corpus / f"{name.replace(' ', '_')}.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "scan.db"
    phrasewatch.scan([corpus], lexicon=mini_lexicon, store=db, jobs=1)
    edited = tmp_path / "edited.yaml"
    edited.write_text(_EDITS[edit](MINI.read_text(encoding="utf-8")), encoding="utf-8")
    lexicon = phrasewatch.load_lexicon(edited)
    expected = phrasewatch.scan([corpus], lexicon=lexicon, jobs=1)

    from phrasewatch.pipeline import DocumentScanner as scanner
    processed = []
    original = scanner.process
    monkeypatch.setattr(scanner, "process", lambda self, entry, doc: processed.append(entry.path.stem) or original(self, entry, doc))
    rematched = phrasewatch.scan([corpus], lexicon=lexicon, store=db, jobs=1)
    pd.testing.assert_frame_equal(expected.matches, rematched.matches)
    pd.testing.assert_frame_equal(expected.documents, rematched.documents)
    assert sorted(processed) == _PROCESSED_AGAIN[edit]
    # and the edited lexicon's results are stored: a repeat processes nothing
    processed.clear()
    repeat = phrasewatch.scan([corpus], lexicon=lexicon, store=db, jobs=2)
    pd.testing.assert_frame_equal(expected.matches, repeat.matches)
    assert processed == []


@pytest.mark.parametrize("alone", [0, 2 << 20])
def test_a_rematch_with_workers_keeps_walk_order_between_kept_read_and_skipped_files(tmp_path, mini_lexicon, monkeypatch,
                                                                                      trusted, alone):
    monkeypatch.setattr(sys.modules["phrasewatch.run"], "ALONE_BYTES", alone)
    corpus = make_corpus(tmp_path / "corpus", 40)
    for i in range(0, 40, 3):
        (corpus / f"._D{i:02d}").write_bytes(b"\x00\x05\x16\x07")
    db = tmp_path / "scan.db"
    phrasewatch.scan([corpus], lexicon=mini_lexicon, store=db, jobs=2)
    edited = tmp_path / "edited.yaml"  # "fisheries" in every file: all read again, on the workers
    edited.write_text(_EDITS["a variant added"](MINI.read_text(encoding="utf-8")), encoding="utf-8")
    lexicon = phrasewatch.load_lexicon(edited)
    for target in sorted(corpus.glob("D1*.txt")):  # and these no longer hold it: kept by the router
        target.write_text(target.read_text(encoding="utf-8").replace("fisheries", "forestry"), encoding="utf-8")
    phrasewatch.scan([corpus], lexicon=mini_lexicon, store=db, jobs=1)
    expected = phrasewatch.scan([corpus], lexicon=lexicon, jobs=1)
    rematched = phrasewatch.scan([corpus], lexicon=lexicon, store=db, jobs=2)
    pd.testing.assert_frame_equal(expected.matches, rematched.matches)
    pd.testing.assert_frame_equal(expected.documents, rematched.documents)


def test_a_kept_file_refers_to_its_stored_results_rather_than_copying_them(tmp_path, mini_lexicon, trusted):
    corpus = make_corpus(tmp_path / "corpus", 6)
    db = tmp_path / "scan.db"
    phrasewatch.scan([corpus], lexicon=mini_lexicon, store=db, jobs=1)
    edited = tmp_path / "edited.yaml"
    edited.write_text(_EDITS["a formula added"](MINI.read_text(encoding="utf-8")), encoding="utf-8")
    phrasewatch.scan([corpus], lexicon=phrasewatch.load_lexicon(edited), store=db, jobs=1)
    with Store(db) as store:
        assert store.count_results() == 12
        # the six outcomes of the first scan and no new one: the new formula is in no
        # file, and the two with Chinese text (make_corpus: every fifth) are decided on
        # their stored texts as the others are
        assert store.db.execute("SELECT count(*) FROM outcomes").fetchone()[0] == 6


# --- the look on raw UTF-8 never misses what the matcher finds -------------------------

_LEXICON = phrasewatch.load_lexicon(FIXTURES / "mini.yaml")
# every formula of the test lexicon but core_interests, whose regular expression has no
# fixed letters (a lexicon edit touching it sends every file to the worker path)
_LOOKABLE = frozenset(_LEXICON.formulae) - {"core_interests"}
_FINDER = changed_matcher(_LEXICON, Matcher(_LEXICON).kinds, _LOOKABLE)
_LOOK = _raw_look(_FINDER.skeleton_anchors())
_PIECES = ["true", "multilateralism", "genuine", "Multi-", "lateralism", "multi-\nlateralism", "TRUE", "Global",
           "Development", "Initiative", "GDI", "community", "of", "common", "destiny", "rules-based", "order",
           " ", "  ", "\n", "-", "\u00ad", "\u200b", "\u201c", "\u201d", "'", ",", ".", "¹", "2", "é", "\u00a0",
           "&nbsp;", "\ufb01", "人类命运共同体", "命运", "共同体", "one-China", "principle", "policy",
           "changes", "unseen", "in", "a", "century", "China-Africa", "with", "shared", "future", "for", "mankind"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_the_raw_look_says_may_occur_wherever_the_matcher_finds_a_pattern(text):
    assert _LOOK is not _UNKNOWN
    keyed = KeyedText(text)
    if keyed.has_skeleton() and _FINDER.occurs_in(keyed):
        assert _LOOK(text.encode("utf-8"))


def test_a_formula_with_a_regular_expression_cannot_be_looked_for_in_raw_bytes():
    finder = changed_matcher(_LEXICON, Matcher(_LEXICON).kinds, frozenset({"core_interests"}))
    assert _raw_look(finder.skeleton_anchors()) is _UNKNOWN


def test_the_raw_look_finds_a_phrase_across_case_hyphenation_and_marks_beyond_ascii():
    for text in ("We call for TRUE multi-\nlateralism.", "true multi\u00adlateralism", "“True” multilateralism"):
        assert _FINDER.occurs_in(KeyedText(text)) and _LOOK(text.encode("utf-8")), text
    assert not _LOOK(b"We call for true bilateralism.")


def test_chinese_files_are_decided_in_the_scanning_process_after_an_edit(tmp_path, mini_lexicon, monkeypatch, trusted):
    """Chinese text has no skeleton for the raw look: the router reads its stored texts
    with the changed formulae's matcher. A file that cannot hold the new variant keeps
    its results without the worker path; one that holds it is processed again."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    texts = {"holds": "双方同意推动构建人类命运共同体。中非命运共同体更加紧密。",
             "traditional": "雙方願同各國一道構建命運共同體。",  # the variant in traditional characters
             "without": "印尼方支持全球发展倡议，践行真正的多边主义。",
             "english": "The delegates spoke of fisheries and the budget."}
    for name, text in texts.items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "scan.db"
    phrasewatch.scan([corpus], lexicon=mini_lexicon, store=db, jobs=1)
    edited = tmp_path / "edited.yaml"
    edited.write_text(_EDITS["a Chinese variant added"](MINI.read_text(encoding="utf-8")), encoding="utf-8")
    lexicon = phrasewatch.load_lexicon(edited)
    expected = phrasewatch.scan([corpus], lexicon=lexicon, jobs=1)

    from phrasewatch.store import StoredScanner
    sent = []
    original = StoredScanner.scan
    monkeypatch.setattr(StoredScanner, "scan", lambda self, entry, store: sent.append(entry.path.stem) or original(self, entry, store))
    rematched = phrasewatch.scan([corpus], lexicon=lexicon, store=db, jobs=1)
    pd.testing.assert_frame_equal(expected.matches, rematched.matches)
    pd.testing.assert_frame_equal(expected.documents, rematched.documents)
    # "holds" matched ccdm before; "traditional" holds the new variant 命运共同体 once folded
    assert sorted(sent) == ["holds", "traditional"]
