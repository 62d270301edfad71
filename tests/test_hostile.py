"""Hostile and broken input: every bad file becomes a row of the documents table with a
status and a reason, the scan goes on, and the exit code tells "completed, some files
failed" (3) from success (0) and total failure (2)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import phrasewatch
from phrasewatch.cli import main
from phrasewatch.corpus import ReadOptions
from phrasewatch.scan import EXIT_FAILURE, EXIT_OK, EXIT_PARTIAL

from .documents import UN_PAGES, billion_laughs, docx_body, write_docx, write_pdf

GOOD = "Indonesia supports the Global Development Initiative."


def scan_rows(paths, lexicon, **options):
    result = phrasewatch.scan(paths, lexicon=lexicon, **options)
    rows = {Path(p).name: (s, r if isinstance(r, str) else None)
            for p, s, r in result.documents[["path", "status", "reason"]].itertuples(index=False)}
    return result, rows


@pytest.fixture
def good_file(tmp_path):
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


def test_corrupt_and_truncated_pdfs_are_errors_and_the_scan_goes_on(tmp_path, good_file, mini_lexicon):
    whole = write_pdf(tmp_path / "whole.pdf", UN_PAGES).read_bytes()
    (tmp_path / "truncated.pdf").write_bytes(whole[: len(whole) // 3])
    (tmp_path / "corrupt.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    (tmp_path / "whole.pdf").unlink()
    result, rows = scan_rows([tmp_path], mini_lexicon)
    for name in ("truncated.pdf", "corrupt.pdf"):
        status, reason = rows[name]
        assert status == "error" and "not a readable PDF" in reason
    assert rows["good.txt"] == ("ok", None)
    assert result.exit_code == EXIT_PARTIAL


def test_encrypted_pdf_says_it_needs_a_password(tmp_path, mini_lexicon):
    path = write_pdf(tmp_path / "locked.pdf", UN_PAGES, encrypt="secret")
    _, rows = scan_rows([path], mini_lexicon)
    status, reason = rows["locked.pdf"]
    assert status == "error" and "encrypted" in reason and "password" in reason


def test_docx_zip_bomb_is_stopped_at_the_byte_cap(tmp_path, good_file, mini_lexicon):
    # 60 MB of XML that deflates to well under 100 KB; the file itself is small
    filler = "<w:p><w:r><w:t>" + "a" * (60 * 1024 * 1024) + "</w:t></w:r></w:p>"
    path = tmp_path / "bomb.docx"
    write_docx(path, docx_body([]).replace("<w:body>", "<w:body>" + filler))
    assert path.stat().st_size < 1024 * 1024
    started = time.perf_counter()
    result, rows = scan_rows([tmp_path], mini_lexicon, max_bytes=8 * 1024 * 1024)
    assert time.perf_counter() - started < 5
    status, reason = rows["bomb.docx"]
    assert status == "error" and "zip bomb" in reason and "more than 8,388,608 bytes" in reason
    assert result.exit_code == EXIT_PARTIAL


def test_docx_member_declaring_a_false_size_is_not_trusted(tmp_path):
    """A zip that declares a member smaller than it is does not get past the reader."""
    from phrasewatch.corpus.docx import read_docx

    path = write_docx(tmp_path / "liar.docx", docx_body(["x" * 5000]))
    data = bytearray(path.read_bytes())
    start = 0
    while (at := data.find(b"PK\x01\x02", start)) != -1:  # each central directory entry
        data[at + 24:at + 28] = (10).to_bytes(4, "little")  # its uncompressed size
        start = at + 4
    path.write_bytes(bytes(data))
    with pytest.raises(phrasewatch.ReadError, match="damaged zip"):
        list(read_docx(path, ReadOptions()))


def test_billion_laughs_is_not_expanded_in_docx_or_html(tmp_path, good_file, mini_lexicon):
    laughs = billion_laughs("w:document")
    document = laughs + docx_body(["&lol9;"]).split("?>", 1)[1]
    write_docx(tmp_path / "laughs.docx", document)
    (tmp_path / "laughs.html").write_text(
        billion_laughs("html").split("?>", 1)[1] + f"<html><body><p>{GOOD} &lol9;</p></body></html>", encoding="utf-8")
    started = time.perf_counter()
    result, rows = scan_rows([tmp_path], mini_lexicon)
    assert time.perf_counter() - started < 5
    status, reason = rows["laughs.docx"]
    assert status == "error" and "DTD" in reason
    # the HTML parser does not expand a page's entities: the text stays short
    assert rows["laughs.html"][0] == "ok"
    html = result.documents.set_index("path").loc[str(tmp_path / "laughs.html")]
    assert html["chars"] < 200
    assert "lollol" not in phrasewatch.corpus.read_path(tmp_path / "laughs.html").__next__().text


def test_binary_content_named_txt_is_an_error(tmp_path, good_file, mini_lexicon):
    (tmp_path / "photo.txt").write_bytes(bytes(range(256)) * 64)
    result, rows = scan_rows([tmp_path], mini_lexicon)
    status, reason = rows["photo.txt"]
    assert status == "error" and "binary" in reason
    assert result.exit_code == EXIT_PARTIAL


@pytest.mark.parametrize("name", ["empty.txt", "empty.pdf", "empty.docx", "empty.html", "empty.md"])
def test_empty_files_are_skipped_as_empty(tmp_path, name, mini_lexicon):
    (tmp_path / name).write_bytes(b"")
    result, rows = scan_rows([tmp_path], mini_lexicon)
    assert rows[name] == ("skipped", "empty file")
    assert result.exit_code == EXIT_OK


def test_a_file_over_the_size_limit_is_not_read(tmp_path, good_file, mini_lexicon):
    line = tmp_path / "one_line.txt"
    line.write_bytes(b"word " * (2 * 1024 * 1024 // 5 + 1))  # one 2 MB line, no newline
    result, rows = scan_rows([tmp_path], mini_lexicon, max_bytes=1024 * 1024)
    status, reason = rows["one_line.txt"]
    assert status == "error" and "over the limit" in reason and "--max-bytes" in reason
    assert result.exit_code == EXIT_PARTIAL


def test_a_200_mb_single_line_is_refused_without_being_read(tmp_path, mini_lexicon):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.write(b"a shared future " * 65536)  # a real start; the rest is a sparse hole
        fh.truncate(200 * 1024 * 1024 + 1)
    started = time.perf_counter()
    _, rows = scan_rows([path], mini_lexicon)
    assert time.perf_counter() - started < 2
    status, reason = rows["huge.txt"]
    assert status == "error" and "over the limit of 209,715,200" in reason


def test_a_long_single_line_within_the_limit_is_read(tmp_path, mini_lexicon):
    path = tmp_path / "long_line.txt"
    path.write_text(("filler words " * 200_000) + GOOD, encoding="utf-8")  # 2.6 MB, no newline
    result, rows = scan_rows([path], mini_lexicon)
    assert rows["long_line.txt"] == ("ok", None)
    assert "gdi" in set(result.matches["formula_id"])


def test_symlink_loops_are_reported_and_do_not_hang(tmp_path, good_file, mini_lexicon):
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "ping.txt").symlink_to(tmp_path / "pong.txt")
    (tmp_path / "pong.txt").symlink_to(tmp_path / "ping.txt")
    result, rows = scan_rows([tmp_path], mini_lexicon)
    for name in ("self.txt", "ping.txt", "pong.txt"):
        status, reason = rows[name]
        assert status == "error" and "symbolic link loop" in reason
    status, reason = rows["up"]
    assert status == "skipped" and "symbolic link to a folder" in reason
    assert rows["good.txt"] == ("ok", None)
    assert result.exit_code == EXIT_PARTIAL
    # named directly, a looping link is reported the same way
    _, rows = scan_rows([tmp_path / "self.txt"], mini_lexicon)
    assert "symbolic link loop" in rows["self.txt"][1]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file_is_an_error(tmp_path, good_file, mini_lexicon):
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    try:
        result, rows = scan_rows([tmp_path], mini_lexicon)
    finally:
        locked.chmod(0o644)
    status, reason = rows["locked.txt"]
    assert status == "error" and "cannot read" in reason and "ermission" in reason
    assert result.exit_code == EXIT_PARTIAL


def odd_names(folder: Path) -> list[str]:
    names = ["with spaces.txt", "人类命运共同体 声明.txt", "new\nline.txt"]
    if sys.platform.startswith("linux"):
        raw = os.path.join(os.fsencode(folder), b"latin1-\xe9t\xe9.txt")  # not UTF-8
        try:
            with open(raw, "wb") as fh:
                fh.write(GOOD.encode())
            names.append(os.fsdecode(b"latin1-\xe9t\xe9.txt"))
        except OSError:
            pass  # a file system that insists on UTF-8 names
    for name in names[:3]:
        (folder / name).write_text(GOOD, encoding="utf-8")
    return names


def test_odd_file_names_are_read_and_written_out(tmp_path, mini_lexicon):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    names = odd_names(corpus)
    result = phrasewatch.scan([corpus], lexicon=mini_lexicon)
    assert list(result.documents["status"]) == ["ok"] * len(names)
    assert len(result.matches) == len(names)
    # every path in the tables can be written as UTF-8 (a non-UTF-8 byte shows as \xe9)
    out = tmp_path / "m.csv"
    run = CliRunner().invoke(main, ["scan", str(corpus), "-l", str(mini_lexicon.files[0]), "-o", str(out), "--no-progress"])
    assert run.exit_code == EXIT_OK, run.output
    written = (tmp_path / "m.documents.csv").read_text(encoding="utf-8")
    assert "人类命运共同体 声明.txt" in written
    if len(names) == 4:
        assert "latin1-\\xe9t\\xe9.txt" in written


def test_all_files_failing_is_total_failure(tmp_path, mini_lexicon):
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4 nothing else")
    (tmp_path / "b.docx").write_bytes(b"PK not really a zip")
    result, _ = scan_rows([tmp_path], mini_lexicon)
    assert result.exit_code == EXIT_FAILURE
