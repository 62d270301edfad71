"""Outputs that cannot hurt: a scan never overwrites what it reads or keeps, checks its
options before any work, and a table appears only when it is complete; any text comes
back from a saved table as it went in."""

from __future__ import annotations

import datetime
import errno
import importlib
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import phrasewatch
from phrasewatch import tables
from phrasewatch.cli import main
from phrasewatch.scan import write_scan

from .conftest import FIXTURES

MINI = str(FIXTURES / "mini.yaml")
ROOT = Path(__file__).resolve().parent.parent


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("We need true multilateralism.", encoding="utf-8")
    pd.DataFrame({"text": ["Both sides support a community of common destiny."], "actor": ["IDN"]}).to_csv(
        folder / "input.csv", index=False)
    return folder


def test_an_output_that_is_an_input_is_refused_before_any_work(corpus):
    before = (corpus / "input.csv").read_bytes()
    result = run("scan", str(corpus), "-l", MINI, "-o", str(corpus / "input.csv"), "--no-progress")
    assert result.exit_code == 2
    assert "one of the files this scan reads" in result.output
    assert (corpus / "input.csv").read_bytes() == before
    assert not (corpus / "input.documents.csv").exists()


def test_an_earlier_output_in_the_scanned_folder_is_replaced(corpus):
    for _ in range(2):  # the second run finds the first run's tables there, and may replace them
        result = run("scan", str(corpus), "-l", MINI, "-o", str(corpus / "m.csv"), "--no-progress")
        assert result.exit_code == 0, result.output
    documents = pd.read_csv(corpus / "m.documents.csv")
    assert sorted(p.split("/")[-1] for p in documents["path"]) == ["a.txt", "input.csv"]


@pytest.mark.parametrize("make_args, message", [
    (lambda d: ["--store", str(d / "s.db"), "-o", str(d / "s.db")], "is the store"),
    (lambda d: ["--store", str(d / "s.db"), "-o", str(d / "x.csv"), "--documents", str(d / "s.db-wal")], "is the store"),
    (lambda d: ["-o", str(d / "m.csv"), "--documents", str(d / "m.csv")], "named as two outputs"),
    (lambda d: ["-o", str(d / "m.csv"), "--documents", str(d / "d.xlsx")], "cannot tell the format"),
    (lambda d: ["-o", str(d / "m.txt")], "cannot tell the format"),
    (lambda d: ["-o", str(d)], "is a folder"),
])
def test_bad_outputs_are_refused_before_the_scan_runs(tmp_path, corpus, monkeypatch, make_args, message):
    def no_scan(*args, **kwargs):
        raise AssertionError("the scan ran")

    monkeypatch.setattr(importlib.import_module("phrasewatch.scan"), "iter_scan", no_scan)  # imported when the command runs
    result = run("scan", str(corpus), "-l", MINI, *make_args(tmp_path), "--no-progress")
    assert result.exit_code == 2
    assert message in result.output


def test_a_missing_input_leaves_a_good_output_alone(tmp_path, corpus):
    assert run("scan", str(corpus), "-l", MINI, "-o", str(tmp_path / "m.csv"), "--no-progress").exit_code == 0
    before = (tmp_path / "m.csv").read_bytes(), (tmp_path / "m.documents.csv").read_bytes()
    result = run("scan", str(tmp_path / "no-such-folder"), "-l", MINI, "-o", str(tmp_path / "m.csv"), "--no-progress")
    assert result.exit_code == 2 and "no such file or folder" in result.output
    assert ((tmp_path / "m.csv").read_bytes(), (tmp_path / "m.documents.csv").read_bytes()) == before


def test_a_write_that_fails_midway_leaves_the_old_table_and_no_debris(tmp_path, monkeypatch):
    target = tmp_path / "documents.csv"
    target.write_text("the old, complete table\n", encoding="utf-8")

    def full_disk(frame, handle, **kwargs):
        handle.write("doc_id,pa")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tables, "_write_csv", full_disk)
    with pytest.raises(OSError):
        tables.write_table(pd.DataFrame({"doc_id": ["a"]}), target)
    assert target.read_text(encoding="utf-8") == "the old, complete table\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["documents.csv"]


def test_an_interrupted_scan_leaves_the_old_matches_table(tmp_path, corpus):
    target = tmp_path / "m.csv"
    target.write_text("old\n", encoding="utf-8")

    def interrupted():
        yield from phrasewatch.iter_scan(corpus, lexicon=phrasewatch.load_lexicon(MINI))
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_scan(interrupted(), target, tmp_path / "m.documents.csv", batch=1)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "m.csv"]


def test_tables_are_written_with_the_usual_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        path = tables.write_table(pd.DataFrame({"doc_id": ["a"]}), tmp_path / "t.csv")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


# Any text a sentence can hold, the characters that break CSV readers among them.
_awkward = st.lists(st.sampled_from(list("ab ,;\"'\t") + ["\r", "\n", "\r\n", "\x00", "NA", "null", "NaN", "1.5", "2024",
                                                          "\u2028", "人", "\ufeff", " x "]), min_size=1, max_size=15).map("".join)


@settings(max_examples=150, deadline=None)
@given(st.lists(_awkward, min_size=1, max_size=5), st.sampled_from([".csv", ".tsv", ".jsonl", ".parquet"]))
def test_any_text_comes_back_from_a_saved_table_as_it_went_in(tmp_path_factory, sentences, suffix):
    rows = [{"doc_id": f"d{i}", "formula_id": "gdi", "sentence": s, "surface": s, "start": i, "end": i + 1,
             "acronym": False, "anachronistic": False, "year": 2024 if i % 2 else None} for i, s in enumerate(sentences)]
    frame = tables.MATCHES.frame(rows)
    folder = tmp_path_factory.mktemp("round")
    whole = tables.write_table(frame, folder / f"m{suffix}")
    streamed = tables.StreamingTable(folder / f"s{suffix}", tables.MATCHES)
    for row in rows:
        streamed.write([row])
    streamed.close()
    for path in (whole, streamed.path):
        back = tables.read_table(path)
        assert back["sentence"].tolist() == sentences, path.name
        assert back["start"].tolist() == list(range(len(rows)))
        assert back["year"].isna().tolist() == [i % 2 == 0 for i in range(len(rows))]


# Values a documents row may hold: metadata from front matter, tables and sidecars is
# any of these, and a column's dtype in the whole frame depends on which kinds it holds.
_VALUES = [None, float("nan"), 0, 7, -3, 2**63 + 1, 1.5, "x", "2024", "", "NA", "a,b\n\"q\"", "中\r\n", True, False,
           datetime.date(2024, 1, 2), datetime.datetime(2024, 1, 2, 3, 4), np.int64(4), np.float64(2.5), [1, 2]]
_row = st.fixed_dictionaries(
    {"status": st.sampled_from(["ok", "error"]), "chars": st.sampled_from([3, None, "12", "many"]),
     "year": st.sampled_from([None, 2020, "2021"])},
    optional={name: st.sampled_from(_VALUES) for name in ("title", "warnings", "source", "pages", "flag")})


@settings(max_examples=300, deadline=None)
@given(st.lists(_row, min_size=1, max_size=30), st.integers(1, 8), st.sampled_from([".csv", ".tsv", ".jsonl", ".parquet"]))
def test_a_documents_table_written_in_pieces_is_the_table_written_whole(tmp_path_factory, rows, piece, suffix):
    # A column that one piece holds only missing values or only integers of, and
    # another text, must come out as the whole frame writes it (5, not 5.0; text, not null).
    rows = [{"doc_id": f"d{i}", "path": f"p{i}", **row} for i, row in enumerate(rows)]
    folder = tmp_path_factory.mktemp("pieces")
    try:
        whole = tables.write_table(tables.DOCUMENTS.frame(rows), folder / f"whole{suffix}")
    except (ValueError, TypeError, ArithmeticError, pa.ArrowException):
        return  # what cannot be written whole (a list beside numbers in Parquet) need not be in pieces
    kinds = tables.ColumnKinds(tables.DOCUMENTS)
    for row in rows:
        kinds.add(row)
    pieces = tables.write_rows(tables.DOCUMENTS, [rows[i:i + piece] for i in range(0, len(rows), piece)], kinds,
                               folder / f"pieces{suffix}")
    if suffix == ".parquet":
        assert pq.read_schema(pieces).equals(pq.read_schema(whole), check_metadata=True)
        pd.testing.assert_frame_equal(pd.read_parquet(pieces), pd.read_parquet(whole))
    else:
        assert pieces.read_bytes() == whole.read_bytes()


def test_a_large_scan_written_to_files_equals_the_scan_in_memory(tmp_path):
    """Thousands of documents, more than one piece of the documents table: copies to
    group across pieces, metadata columns first seen late, of mixed types, missing in
    whole pieces; a file that fails. The command writes, in another process, the
    tables the library's scan makes in memory."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    texts = ["We support the Global Development Initiative and true multilateralism.",
             "The two sides agreed to deepen cooperation on trade, energy and infrastructure.",
             "双方同意推动构建人类命运共同体。"]
    with (corpus / "docs.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(2200):  # pieces of 2,000 rows
            row = {"text": f"{texts[i % 3]} Paragraph {i % 700} of the {['first', 'second'][i % 2]} session.",
                   "actor": ["IDN", "KEN", "FJI"][i % 3], "year": 2015 + i % 9, "genre": "speech"}
            if i % 5 == 0:
                row["source"] = i if i < 1000 else f"s{i}"  # integers, then text: written as text
            if i >= 2050:
                row["late"] = i % 4 == 0  # first seen in the second piece
            if i % 3 == 0:
                row["score"] = i / 7
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    (corpus / "KEN_70_2015.txt").write_text(texts[0], encoding="utf-8")
    (corpus / "broken.docx").write_bytes(b"not a zip file")
    lexicon = phrasewatch.load_lexicon(MINI)
    whole = phrasewatch.scan([corpus], lexicon=lexicon, jobs=1)
    assert len(whole.documents) > 2200 and whole.documents["copy_of_kind"].notna().sum() > 1000
    matches, documents = tmp_path / "m.csv", tmp_path / "d.parquet"  # a text format and Parquet in one run
    done = subprocess.run([sys.executable, "-m", "phrasewatch", "scan", str(corpus), "-l", MINI, "-o", str(matches),
                           "--documents", str(documents), "--no-progress"],
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == whole.exit_code == 3, done.stderr  # broken.docx failed, the rest was read
    assert "broken.docx" in done.stderr and f"{len(whole.documents)} documents ->" in done.stderr
    assert matches.read_bytes() == tables.write_table(whole.matches, tmp_path / "whole.csv").read_bytes()
    expected = tables.write_table(whole.documents, tmp_path / "whole.parquet")
    assert pq.read_schema(documents).equals(pq.read_schema(expected), check_metadata=True)
    pd.testing.assert_frame_equal(pd.read_parquet(documents), pd.read_parquet(expected))
    streamed = tables.write_table(tables.read_table(documents), tmp_path / "d.csv")
    assert streamed.read_bytes() == tables.write_table(whole.documents, tmp_path / "whole.documents.csv").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no spill left behind


# Documents rows with copies to group: exact copies by content hash, copies marked by
# hand (which may come before their group's first unmarked member, who then represents
# it), doc_ids of several kinds, rows that cannot be copies (skipped, without a doc_id).
_HASHES = [None, "a" * 24, "b" * 24, "c" * 24]
_document = st.fixed_dictionaries(
    {"status": st.sampled_from(["ok", "ok", "ok", "skipped", "error"]), "content_hash": st.sampled_from(_HASHES),
     "id_kind": st.sampled_from(["str", "str", "int", "none"])},
    optional={"copy_of": st.sampled_from([-2, -1, 1, 2]),  # the row so many before or after
              "group": st.sampled_from(["g1", "g2"]), "year": st.sampled_from([2020, None])})


@settings(max_examples=200, deadline=None)
@given(st.lists(_document, min_size=1, max_size=14), st.sampled_from([".csv", ".parquet"]))
def test_the_documents_writer_writes_what_the_whole_documents_table_holds(tmp_path_factory, documents, suffix):
    """The writer reads its spilled rows once: group_id's kinds come from the doc_ids
    of rows that are their own group, and a representative's doc_id is taken as its
    row passes (or before, when a copy marked by hand comes first)."""
    from phrasewatch.result import DocumentsWriter, documents_table

    records = []
    for i, document in enumerate(documents):
        doc_id = {"str": f"d{i}", "int": i, "none": None}[document["id_kind"]]
        record = {"doc_id": doc_id, "path": f"p{i}.txt", "status": document["status"], "minhash": None,
                  "content_hash": document["content_hash"], "chars": 5, "tokens": 1, "matches": 0}
        if "copy_of" in document:
            record["copy_of"] = f"d{i + document['copy_of']}"
        for name in ("group", "year"):
            if name in document:
                record[name] = document[name]
        records.append(record)
    folder = tmp_path_factory.mktemp("writer")
    try:
        whole = tables.write_table(documents_table([dict(r) for r in records]), folder / f"whole{suffix}")
    except (ValueError, TypeError, ArithmeticError, pa.ArrowException):
        return  # doc_ids of two types in Parquet: not written whole either
    writer = DocumentsWriter(folder / f"streamed{suffix}")
    try:
        for record in records:
            writer.add(dict(record))
        streamed = writer.close()
    finally:
        writer.discard()
    if suffix == ".parquet":
        assert pq.read_schema(streamed).equals(pq.read_schema(whole), check_metadata=True)
        pd.testing.assert_frame_equal(pd.read_parquet(streamed), pd.read_parquet(whole))
    else:
        assert streamed.read_bytes() == whole.read_bytes()


# Plain values (text, numbers, booleans, missing) are written to CSV without pandas:
# each column's text must be what pandas' to_csv writes of the whole frame.
_PLAIN_TEXT = st.text(alphabet=st.sampled_from('ab ,;"\t\r\n中é'), max_size=6)
_PLAIN = st.one_of(st.none(), st.just(float("nan")), st.booleans(), _PLAIN_TEXT,
                   st.integers(-(2**64), 2**64), st.floats(allow_nan=False, allow_infinity=True))
_plain_row = st.fixed_dictionaries(
    {"status": st.sampled_from(["ok", "skipped"])},
    # (chars past 2**53 with a row missing: pandas rounds them in the whole frame, not in a piece without a gap)
    optional={"chars": st.integers(0, 2**53), "encoding_confidence": st.one_of(st.none(), st.floats(0, 1), st.integers(0, 1)),
              "year": st.one_of(st.none(), st.integers(1900, 2100)), "title": st.one_of(st.none(), _PLAIN_TEXT),
              **{name: _PLAIN for name in ("source", "pages", "flag", "score")}})


@settings(max_examples=300, deadline=None)
@given(st.lists(_plain_row, min_size=1, max_size=12), st.integers(1, 5), st.sampled_from([".csv", ".tsv"]))
def test_plain_rows_are_written_as_pandas_writes_their_frame(tmp_path_factory, rows, piece, suffix):
    rows = [{"doc_id": f"d{i}", "path": f"p{i}", **row} for i, row in enumerate(rows)]
    folder = tmp_path_factory.mktemp("plain")
    whole = tables.write_table(tables.DOCUMENTS.frame(rows), folder / f"whole{suffix}")
    kinds = tables.ColumnKinds(tables.DOCUMENTS)
    for row in rows:
        kinds.add(row)
    pieces = tables.write_rows(tables.DOCUMENTS, [rows[i:i + piece] for i in range(0, len(rows), piece)], kinds,
                               folder / f"pieces{suffix}")
    assert pieces.read_bytes() == whole.read_bytes()


_match_row = st.fixed_dictionaries(
    {"doc_id": _PLAIN_TEXT, "formula_id": st.sampled_from(["gdi", "ccdm"]), "start": st.integers(0, 2**40),
     "end": st.integers(0, 2**40), "acronym": st.booleans()},
    optional={"sentence": st.one_of(st.none(), _PLAIN_TEXT), "anachronistic": st.one_of(st.none(), st.booleans()),
              "prc_sense": st.one_of(st.none(), st.floats(0, 1), st.just(float("nan"))),
              "strength": st.one_of(st.none(), st.integers(-3, 9)), "year": st.one_of(st.none(), st.integers(1900, 2100)),
              "title": _PLAIN, "session": st.one_of(st.none(), st.integers(1, 80)), "unlisted": _PLAIN})


@settings(max_examples=200, deadline=None)
@given(st.lists(_match_row, min_size=1, max_size=10), st.sampled_from([".csv", ".tsv"]))
def test_a_streamed_batch_of_plain_matches_is_written_as_pandas_writes_its_frame(tmp_path_factory, rows, suffix):
    folder = tmp_path_factory.mktemp("batch")
    whole = tables.write_table(tables.MATCHES.frame(rows), folder / f"whole{suffix}")
    streamed = tables.StreamingTable(folder / f"streamed{suffix}", tables.MATCHES)
    streamed.write(rows)
    streamed.close()
    assert streamed.path.read_bytes() == whole.read_bytes()
