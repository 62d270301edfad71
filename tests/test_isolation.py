"""Issue 16: one hostile document cannot take a scan down, bad rows of a table cost only
themselves, every reader reads everything once, invisible characters do not block a
match, and costs stay bounded. Each test is one defect, with its fixture generated
here."""

from __future__ import annotations

import json
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import phrasewatch
from phrasewatch.corpus import ReadOptions, read_path
from phrasewatch.scan import EXIT_OK, EXIT_PARTIAL

from .documents import (
    docx_body,
    docx_moved_paragraphs,
    docx_notes,
    docx_part,
    docx_text_box_paragraph,
    write_docx,
    yaml_alias_bomb,
)

GOOD = "Indonesia supports the Global Development Initiative."
OTHER = "We welcome the Global Development Initiative."


def rows_of(result) -> list[tuple]:
    docs = result.documents
    return [(Path(p).name, None if pd.isna(r) else int(r), s, None if pd.isna(why) else why)
            for p, r, s, why in docs[["path", "row", "status", "reason"]].itertuples(index=False)]


@pytest.fixture
def good_file(tmp_path):
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


# --- one document cannot take the scan down ----------------------------------------


def test_front_matter_alias_bomb_is_read_as_text_with_a_warning(tmp_path, good_file, mini_lexicon):
    (tmp_path / "bomb.md").write_text("---\n" + yaml_alias_bomb() + "---\n" + OTHER + "\n", encoding="utf-8")
    started = time.perf_counter()
    result = phrasewatch.scan([tmp_path], lexicon=mini_lexicon)
    assert time.perf_counter() - started < 10
    docs = result.documents.set_index(result.documents["path"].map(lambda p: Path(p).name))
    assert docs.loc["bomb.md", "status"] == "ok" and "alias" in docs.loc["bomb.md", "warnings"]
    assert docs.loc["bomb.md", "title"] is None or pd.isna(docs.loc["bomb.md", "title"])
    assert set(result.matches["doc_id"]) == {"bomb", "good"}
    assert result.exit_code == EXIT_PARTIAL  # read, but its front matter refused


def test_front_matter_nested_past_the_bound_is_not_a_recursion_error(tmp_path, mini_lexicon):
    (tmp_path / "deep.md").write_text("---\ntitle: " + "[" * 900 + "]" * 900 + "\n---\n" + GOOD, encoding="utf-8")
    result = phrasewatch.scan([tmp_path], lexicon=mini_lexicon)
    assert rows_of(result)[0][2] == "ok" and len(result.matches) == 1


def test_an_impossible_front_matter_date_keeps_the_document(tmp_path, mini_lexicon):
    (tmp_path / "a.md").write_text("---\ntitle: A statement\ndate: 2024-02-30\n---\n" + GOOD, encoding="utf-8")
    result = phrasewatch.scan([tmp_path], lexicon=mini_lexicon)
    doc = result.documents.iloc[0]
    assert doc["status"] == "ok" and doc["title"] == "A statement" and doc["year"] == 2024
    assert len(result.matches) == 1


def test_jsonl_lines_that_are_not_objects_are_bad_rows(tmp_path, mini_lexicon):
    lines = [json.dumps({"text": GOOD}), "null", "[1, 2, 3]", "{broken", '"text"', json.dumps({"text": OTHER}),
             "[" * 100_000 + "]" * 100_000]
    (tmp_path / "rows.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = phrasewatch.scan([tmp_path], lexicon=mini_lexicon)
    rows = rows_of(result)
    assert [(r, s) for _, r, s, _ in rows] == [(0, "ok"), (1, "error"), (2, "error"), (3, "error"), (4, "error"),
                                               (5, "ok"), (6, "error")]
    reasons = [why for *_, why in rows]
    assert reasons[1] == "line 2: a JSON null, not an object"
    assert reasons[2] == "line 3: a JSON array, not an object"
    assert reasons[3].startswith("line 4: not JSON")
    assert "line 7" in reasons[6]
    assert len(result.matches) == 2 and result.exit_code == EXIT_PARTIAL
    assert "bad rows of tables" in phrasewatch.summarize(result)


def test_ragged_and_nul_rows_cost_only_themselves(tmp_path, mini_lexicon):
    (tmp_path / "ragged.tsv").write_text(f"id\ttext\n1\t{GOOD}\n2\tone\ttoo many\n3\t{OTHER}\n", encoding="utf-8")
    (tmp_path / "nul.csv").write_bytes(f'id,text\n1,{GOOD}\n2,"bad\x00row"\n3,"{OTHER}"\n'.encode())
    result = phrasewatch.scan([tmp_path], lexicon=mini_lexicon)
    rows = {(name, r): (s, why) for name, r, s, why in rows_of(result)}
    assert rows[("ragged.tsv", 1)] == ("error", "line 3: 3 fields where the header has 2")
    assert rows[("nul.csv", 1)][0] == "error" and "line 3" in rows[("nul.csv", 1)][1] and "NUL" in rows[("nul.csv", 1)][1]
    for name in ("ragged.tsv", "nul.csv"):
        assert rows[(name, 0)][0] == rows[(name, 2)][0] == "ok"
    assert len(result.matches) == 4


def test_a_list_typed_parquet_column_is_metadata_and_a_list_of_text_a_bad_row(tmp_path, mini_lexicon):
    pd.DataFrame({"text": [GOOD, OTHER], "tags": [["a", "b"], []]}).to_parquet(tmp_path / "tags.parquet")
    pd.DataFrame({"text": [[GOOD], None, ["plain", OTHER]], "title": ["a", "b", "c"]}).to_parquet(tmp_path / "lists.parquet")
    result = phrasewatch.scan([tmp_path], lexicon=mini_lexicon)
    rows = {(name, r): (s, why) for name, r, s, why in rows_of(result)}
    assert rows[("tags.parquet", 0)] == ("ok", None) and rows[("tags.parquet", 1)] == ("ok", None)
    assert rows[("lists.parquet", 0)] == ("error", "row 1: the text column 'text' holds a list, not text")
    assert rows[("lists.parquet", 1)] == ("skipped", "empty document")
    assert result.documents.loc[result.documents["path"].str.endswith("tags.parquet"), "tags"].tolist() == ["['a', 'b']", "[]"]


def test_an_xlsx_is_refused_when_it_unpacks_past_max_bytes(tmp_path, good_file, mini_lexicon):
    path = tmp_path / "bomb.xlsx"
    pd.DataFrame({"text": [GOOD]}).to_excel(path, index=False)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/padding.xml", "<a>" + " " * (4 * 1024 * 1024) + "</a>")  # small packed, 4 MB unpacked
    assert path.stat().st_size < 64 * 1024
    result = phrasewatch.scan([tmp_path], lexicon=mini_lexicon, max_bytes=1024 * 1024)
    rows = {name: (s, why) for name, _, s, why in rows_of(result)}
    assert rows["bomb.xlsx"][0] == "error" and "unpacks to more than 1,048,576 bytes" in rows["bomb.xlsx"][1]
    assert rows["good.txt"] == ("ok", None)


def test_any_exception_in_a_reader_is_that_file_s_error(tmp_path, good_file, mini_lexicon, monkeypatch):
    from phrasewatch.corpus import readers

    def exploding(path, options):
        raise MemoryError

    monkeypatch.setitem(readers.READERS, ".html", exploding)
    monkeypatch.setitem(readers.READERS, ".htm", lambda path, options: (_ for _ in ()).throw(TypeError("odd")))
    (tmp_path / "a.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "b.htm").write_text("<p>x</p>", encoding="utf-8")
    result = phrasewatch.scan([tmp_path], lexicon=mini_lexicon)
    rows = {name: (s, why) for name, _, s, why in rows_of(result)}
    assert rows["a.html"][0] == "error" and "out of memory" in rows["a.html"][1]
    assert rows["b.htm"] == ("error", "cannot read (TypeError: odd)")
    assert rows["good.txt"] == ("ok", None) and result.exit_code == EXIT_PARTIAL


def test_rows_past_max_rows_are_one_error(tmp_path, mini_lexicon):
    pd.DataFrame({"text": [GOOD] * 5}).to_csv(tmp_path / "t.csv", index=False)
    result = phrasewatch.scan([tmp_path], lexicon=mini_lexicon, max_rows=3)
    rows = rows_of(result)
    assert [s for _, _, s, _ in rows] == ["ok", "ok", "ok", "error"]
    assert rows[-1][3] == "2 rows after the first 3 not read (raise --max-rows to read them)"


def test_matches_past_max_matches_are_dropped_with_a_warning_and_exit_3(tmp_path, mini_lexicon):
    (tmp_path / "dense.txt").write_text("全球发展倡议，" * 50, encoding="utf-8")
    result = phrasewatch.scan([tmp_path], lexicon=mini_lexicon, max_matches=20)
    assert len(result.matches) == 20
    assert "50 matches, only the first 20 kept" in result.documents.iloc[0]["warnings"]
    assert result.exit_code == EXIT_PARTIAL
    assert "results known to be incomplete" in phrasewatch.summarize(result)


def test_a_timed_out_pattern_makes_the_exit_code_3(tmp_path, mini_lexicon, monkeypatch):
    from phrasewatch.match import reference

    monkeypatch.setattr(reference, "REGEX_TIMEOUT", 1e-9)
    (tmp_path / "a.txt").write_text("core interests " * 20_000, encoding="utf-8")
    result = phrasewatch.scan([tmp_path], lexicon=mini_lexicon)
    assert "timed out" in result.documents.iloc[0]["warnings"]
    assert result.exit_code == EXIT_PARTIAL


def test_the_sentence_kept_per_match_is_capped_and_the_whole_one_recoverable(tmp_path, mini_lexicon):
    text = "，".join(["全球发展倡议"] * 2000) + "。"
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    result = phrasewatch.scan([tmp_path], lexicon=mini_lexicon, max_matches=100_000)
    assert len(result.matches) == 2000
    assert result.matches["sentence"].str.len().max() <= 1_010
    from phrasewatch.text.sentences import Sentences

    doc = next(read_path(tmp_path / "long.txt"))
    row = result.matches.iloc[1000]
    whole = Sentences(doc.text).text_around(int(row["start"]), int(row["end"]), most=None)
    assert len(whole) > 3_000 and whole[:50] in text
    assert row["sentence"].strip("… ") in whole


# --- readers read everything once ----------------------------------------------------


def test_docx_headers_footers_notes_and_text_boxes_are_read_once(tmp_path):
    body = docx_body(["Body paragraph."]).replace(
        "</w:body>", docx_text_box_paragraph("Before the box.", "Boxed Global Development Initiative.", "After the box.")
        + "</w:body>")
    parts = {
        "word/header1.xml": docx_part("w:hdr", '<w:p><w:r><w:t>Header text</w:t></w:r></w:p>'),
        "word/header2.xml": docx_part("w:hdr", '<w:p><w:r><w:t>Header text</w:t></w:r></w:p>'),  # first-page copy
        "word/footer1.xml": docx_part("w:ftr", '<w:p><w:r><w:t>Footer text</w:t></w:r></w:p>'),
        "word/footnotes.xml": docx_notes("footnote", ["A footnote on the Global Security Initiative."]),
        "word/endnotes.xml": docx_notes("endnote", ["An endnote."]),
    }
    path = write_docx(tmp_path / "parts.docx", body, parts=parts)
    text = next(read_path(path)).text
    assert text.split("\n") == ["Header text", "Body paragraph.", "Before the box.After the box.",
                                "Boxed Global Development Initiative.", "Footer text",
                                "A footnote on the Global Security Initiative.", "An endnote."]


def test_docx_tracked_move_counts_only_the_new_place(tmp_path, mini_lexicon):
    body = docx_body([]).replace("<w:body>", "<w:body>" + docx_moved_paragraphs(GOOD, "Between."))
    path = write_docx(tmp_path / "moved.docx", body)
    assert next(read_path(path)).text == f"Between.\n{GOOD}"
    assert len(phrasewatch.scan([path], lexicon=mini_lexicon).matches) == 1


def test_docx_parts_share_the_unpacked_byte_cap(tmp_path):
    big = "<w:p><w:r><w:t>" + "a" * 600_000 + "</w:t></w:r></w:p>"
    parts = {"word/footnotes.xml": docx_part("w:footnotes", f'<w:footnote w:id="1">{big}</w:footnote>')}
    path = write_docx(tmp_path / "notes.docx", docx_body([]).replace("<w:body>", "<w:body>" + big), parts=parts)
    with pytest.raises(phrasewatch.ReadError, match="zip bomb"):
        next(read_path(path, ReadOptions(max_bytes=1_000_000)))


@pytest.mark.parametrize("depth", [300, 5_000, 100_000])
def test_html_of_any_depth_keeps_its_text(tmp_path, mini_lexicon, depth):
    page = ("<html><head><title>Deep</title></head><body>" + "<div>" * depth + f"<p>{GOOD} Firmly, clearly.</p>"
            + "<script>var hidden = 'Global Security Initiative';</script>" + "</div>" * depth + "</body></html>")
    (tmp_path / "deep.html").write_text(page, encoding="utf-8")
    result = phrasewatch.scan([tmp_path], lexicon=mini_lexicon)
    assert rows_of(result)[0][2] == "ok"
    assert list(result.matches["formula_id"]) == ["gdi"]
    assert result.documents.iloc[0]["title"] == "Deep"


def test_html_hidden_elements_are_not_read_unless_they_hold_the_page(tmp_path):
    (tmp_path / "a.html").write_text(
        "<html><body><div hidden><p>A hidden copy: the Global Development Initiative.</p></div>"
        "<p style='color: red; display:none !important'>Hidden too.</p>"
        f"<p>{GOOD} It said so, firmly, clearly.</p></body></html>", encoding="utf-8")
    (tmp_path / "b.html").write_text(
        f"<html><body style='display:none'><div style='visibility:hidden'><p>{GOOD} Firmly, clearly.</p></div></body></html>",
        encoding="utf-8")
    assert next(read_path(tmp_path / "a.html")).text == f"{GOOD} It said so, firmly, clearly."
    assert next(read_path(tmp_path / "b.html")).text == f"{GOOD} Firmly, clearly."


@pytest.mark.parametrize("text", [
    "Indonesia supports the Global\u200e Development Initiative.",
    "Indonesia supports the \u200fGlobal Development\u061c Initiative.",
    "Indonesia supports the Global \u2066Development\u2069 Initiative.",
    "Indonesia\u200bsupports\u200bthe\u200bGlobal\u200bDevelopment\u200bInitiative.",
    "印尼方支持全球\u2066发展\u2069倡议。",
    "印尼方支持全球\u200e发展\u200b倡议。",
])
def test_bidi_and_invisible_characters_do_not_block_a_match(text, mini_lexicon, tmp_path):
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    result = phrasewatch.scan([tmp_path], lexicon=mini_lexicon)
    assert list(result.matches["formula_id"]) == ["gdi"]
    assert result.exit_code == EXIT_OK
