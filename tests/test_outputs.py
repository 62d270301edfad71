"""Outputs that cannot hurt: a scan never overwrites what it reads or keeps, checks its
options before any work, and a table appears only when it is complete; any text comes
back from a saved table as it went in."""

from __future__ import annotations

import errno
import os
import stat

import pandas as pd
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

    monkeypatch.setattr("phrasewatch.cli.iter_scan", no_scan)
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
