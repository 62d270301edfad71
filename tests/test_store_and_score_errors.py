"""Issue 16: a store that cannot be used, and tables or weights that cannot be scored,
give one error saying what is wrong and what to do, never a traceback; and scoring
never silently misreads its input."""

from __future__ import annotations

import math
import os
import sqlite3

import pandas as pd
import pytest
from click.testing import CliRunner

import phrasewatch
from phrasewatch.cli import main
from phrasewatch.score import ScoreInputError, adoption, check_weights, read_weights, score
from phrasewatch.store import Store, StoreError

GOOD = "Indonesia supports the Global Development Initiative."


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(6):
        (folder / f"doc{i}.txt").write_text(f"Document {i}. {GOOD}", encoding="utf-8")
    return folder


def run(*args):
    return CliRunner().invoke(main, [*map(str, args)], catch_exceptions=False)


def one_error_line(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in output, output
    return lines[0]


# --- the store ---------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"not a database at all, just text\n" * 10, b"SQLite format 3\x00" + b"\xff" * 200])
def test_a_store_that_is_not_a_database_is_one_line_naming_the_way_out(tmp_path, corpus, content, mini_lexicon):
    store = tmp_path / "scan.db"
    store.write_bytes(content)
    done = run("scan", corpus, "--store", store, "-l", mini_lexicon.files[0], "--no-progress")
    assert done.exit_code == 2
    line = one_error_line(done.output)
    assert str(store) in line and "--rebuild-store" in line


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_truncated_store_is_reported_also_from_a_worker(tmp_path, corpus, jobs, mini_lexicon):
    store = tmp_path / "scan.db"
    assert run("scan", corpus, "--store", store, "-l", mini_lexicon.files[0], "--no-progress", "-j", "1").exit_code == 0
    with sqlite3.connect(store) as db:  # fold the journal in, then cut the file
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = store.stat().st_size
    with store.open("r+b") as fh:
        fh.truncate(size // 2)
    done = run("scan", corpus, "--store", store, "-l", mini_lexicon.files[0], "--no-progress", "-j", jobs)
    assert done.exit_code == 2
    line = one_error_line(done.output)
    assert "damaged" in line and "--rebuild-store" in line


def test_rebuild_store_moves_a_damaged_store_aside_and_starts_anew(tmp_path, corpus, mini_lexicon):
    store = tmp_path / "scan.db"
    store.write_bytes(b"garbage" * 100)
    done = run("scan", corpus, "--store", store, "--rebuild-store", "-l", mini_lexicon.files[0], "--no-progress")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "scan.db.damaged").read_bytes() == b"garbage" * 100
    with Store(store) as reopened:
        assert reopened.count_results() == 6


def test_rebuild_store_keeps_a_sound_store(tmp_path, corpus, mini_lexicon):
    store = tmp_path / "scan.db"
    assert run("scan", corpus, "--store", store, "-l", mini_lexicon.files[0], "--no-progress").exit_code == 0
    assert run("scan", corpus, "--store", store, "--rebuild-store", "-l", mini_lexicon.files[0], "--no-progress").exit_code == 0
    assert not (tmp_path / "scan.db.damaged").exists()


def test_store_creates_its_folder(tmp_path, corpus, mini_lexicon):
    store = tmp_path / "new" / "deeper" / "scan.db"
    done = run("scan", corpus, "--store", store, "-l", mini_lexicon.files[0], "--no-progress")
    assert done.exit_code == 0 and store.is_file()


def test_a_store_whose_folder_cannot_be_made_is_one_line(tmp_path, corpus, mini_lexicon):
    blocker = tmp_path / "file"
    blocker.write_text("a file where a folder should be")
    done = run("scan", corpus, "--store", blocker / "scan.db", "-l", mini_lexicon.files[0], "--no-progress")
    assert done.exit_code == 2
    line = one_error_line(done.output)
    assert "cannot open it" in line and "folder" in line


def test_writing_to_a_read_only_store_says_it_is_read_only(tmp_path):
    path = tmp_path / "scan.db"
    Store(path).close()
    reader = Store(path, readonly=True)
    with pytest.raises(StoreError, match="read-only"):
        reader.describe("config", "family", {})
    reader.close()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes whatever the permissions")
def test_a_read_only_store_file_is_one_line(tmp_path, corpus, mini_lexicon):
    store = tmp_path / "scan.db"
    Store(store).close()
    store.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        done = run("scan", corpus, "--store", store, "-l", mini_lexicon.files[0], "--no-progress")
    finally:
        tmp_path.chmod(0o755)
    assert done.exit_code == 2 and "read-only" in one_error_line(done.output)


# --- score: tables ------------------------------------------------------------------


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scored")
    (folder / "IDN_79_2024.txt").write_text(GOOD, encoding="utf-8")
    (folder / "KAZ_79_2024.txt").write_text("Kazakhstan welcomes the Global Development Initiative.", encoding="utf-8")
    result = phrasewatch.scan([folder], lexicon=phrasewatch.load_lexicon())
    return result.matches, result.documents


def test_missing_columns_are_all_listed_in_one_error(tables):
    matches, documents = tables
    with pytest.raises(ScoreInputError) as caught:
        adoption(matches.drop(columns=["anachronistic", "stance"]), documents.drop(columns=["group_id"]))
    text = str(caught.value)
    assert "anachronistic, stance" in text and "group_id" in text and len(caught.value.problems) == 2


def test_case_and_spelled_booleans_are_normalised_not_misread(tables):
    matches, documents = tables
    expected = adoption(matches, documents)
    shouted = matches.assign(stance=matches["stance"].str.upper(), anachronistic=matches["anachronistic"].map({True: "yes", False: "no"}))
    pd.testing.assert_frame_equal(adoption(shouted, documents.assign(status=documents["status"].str.upper())), expected)
    assert int(expected["count"].sum()) == 2


def test_values_outside_the_allowed_ones_are_listed(tables):
    matches, documents = tables
    bad = matches.assign(stance=["endorse", "maybe"], anachronistic=["no", "perhaps"])
    with pytest.raises(ScoreInputError) as caught:
        adoption(bad, documents.assign(tokens=["7", "-1"]))
    text = str(caught.value)
    assert "'maybe' (row 2)" in text and "'perhaps' (row 2)" in text and "'-1' (row 2)" in text


def test_repeated_document_ids_are_refused(tables):
    matches, documents = tables
    with pytest.raises(ScoreInputError, match="repeated doc_id"):
        score(matches, pd.concat([documents, documents]))


@pytest.mark.parametrize("content, problem", [
    ("", "cannot read the saved tables"),
    ("doc_id,formula_id\nx,gdi\n", "no column anachronistic"),
])
def test_score_of_bad_saved_tables_is_one_error(tmp_path, content, problem):
    matches = tmp_path / "m.csv"
    matches.write_text(content)
    documents = tmp_path / "d.csv"
    documents.write_text("doc_id,status\nx,ok\n")
    done = run("score", "--matches", matches, "--documents", documents)
    assert done.exit_code == 2 and "Traceback" not in done.output
    assert problem in done.output


# --- score: weights -----------------------------------------------------------------


@pytest.mark.parametrize("weights", [{"gdi": -1}, {"gdi": math.nan}, {"gdi": math.inf}, {"gdi": "heavy"}, ["gdi", 1.0]])
def test_bad_weights_are_refused(weights):
    with pytest.raises(ScoreInputError):
        check_weights(weights)


def test_every_bad_weight_in_a_file_is_listed(tmp_path):
    path = tmp_path / "w.yaml"
    path.write_text("gdi: -1\ngsi: .nan\ngci: .inf\nbri: 0.5\n")
    with pytest.raises(ScoreInputError) as caught:
        read_weights(path)
    assert len(caught.value.problems) == 3 and all(str(path) in p for p in caught.value.problems)
    path.write_text("- gdi\n- 1.0\n")
    with pytest.raises(ScoreInputError, match="must map formula ids to numbers"):
        read_weights(path)


def test_cli_weights_problems_are_one_error_not_a_traceback(tmp_path):
    path = tmp_path / "w.yaml"
    path.write_text("- gdi\n- 1.0\n")
    done = run("score", "--table", "index", "--weights", path)
    assert done.exit_code == 2 and "must map formula ids to numbers" in done.output and "Traceback" not in done.output
