"""Walking folders, reading formats and gathering metadata."""

import codecs
import json
import os

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from phrasewatch.corpus import ReadOptions, metadata_from_filename, parse_date, read_path, walk
from phrasewatch.corpus.readers import split_front_matter


@pytest.mark.parametrize("name, expected", [
    ("SLB_78_2023.txt", {"actor": "SLB", "session": 78, "year": 2023, "genre": "general_debate", "body": "General Assembly"}),
    ("A_RES_80_20.md", {"symbol": "A/RES/80/20", "body": "General Assembly", "session": 80, "genre": "un_resolution", "actor": "UNGA"}),
    ("A_HRC_RES_37_23.pdf", {"symbol": "A/HRC/RES/37/23", "body": "Human Rights Council", "genre": "un_resolution", "actor": "UNHRC"}),
    ("S_RES_2344_(2017).txt", {"symbol": "S/RES/2344 (2017)", "body": "Security Council", "year": 2017, "genre": "un_resolution", "actor": "UNSC"}),
    ("A_RES_80_20-EN.pdf", {"symbol": "A/RES/80/20", "language": "en"}),
    ("CHN_ARE_2019-07-23_zh.txt", {"parties": "CHN;ARE", "date": "2019-07-23", "language": "zh", "genre": "joint_statement"}),
    ("notes.txt", {}),
])
def test_metadata_from_file_names(name, expected):
    meta = metadata_from_filename(name)
    for key, value in expected.items():
        assert meta.get(key) == value, (key, meta)
    if not expected:
        assert meta == {}


def test_parse_date():
    assert parse_date("2023-09-22")[1] == 2023 and str(parse_date("2023-09-22")[0]) == "2023-09-22"
    assert parse_date("2023") == (None, 2023)
    assert parse_date(2021) == (None, 2021)
    assert parse_date(float("nan")) == (None, None)
    assert parse_date("soon") == (None, None)


def test_front_matter_becomes_metadata_and_offset_is_kept():
    meta, body, offset = split_front_matter("---\nsymbol: A/RES/80/20\ndate: 2025-12-03\n---\nThe General Assembly,\n")
    assert meta == {"symbol": "A/RES/80/20", "date": "2025-12-03"}
    assert body == "The General Assembly,\n"
    assert offset == len("---\nsymbol: A/RES/80/20\ndate: 2025-12-03\n---\n")


def test_walk_skips_hidden_and_resource_forks_and_reports_them(tmp_path):
    (tmp_path / "a.txt").write_text("hello", encoding="utf-8")
    (tmp_path / "._a.txt").write_bytes(b"\x00\x05\x16\x07")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (tmp_path / "metadata.csv").write_text("file,actor\na.txt,IDN\n", encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "b.md").write_text("b", encoding="utf-8")
    os.symlink(tmp_path, sub / "loop")  # a folder loop is not followed
    entries = list(walk([tmp_path]))
    by_name = {e.path.name: e for e in entries}
    assert by_name["a.txt"].skip is None
    assert "resource fork" in by_name["._a.txt"].skip
    assert by_name[".DS_Store"].skip == "hidden file"
    assert "sidecar" in by_name["metadata.csv"].skip
    assert by_name["b.md"].skip is None
    assert "symbolic link to a folder, not followed" in by_name["loop"].skip  # listed, not entered
    assert not any("loop" in e.path.parent.parts for e in entries)
    assert [e.path.name for e in walk([tmp_path / "missing"])] == ["missing"]
    assert next(iter(walk([tmp_path / "missing"]))).error == "no such file or folder"


def test_tables_give_one_document_per_row(tmp_path):
    rows = [{"title": "2019年政府工作报告", "content": "世界百年未有之大变局", "year": "2019"},
            {"title": "决议", "content": "同意", "year": None}]
    jsonl = tmp_path / "reports.jsonl"
    jsonl.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    docs = list(read_path(jsonl, ReadOptions(text_column="content")))
    assert [d.text for d in docs] == ["世界百年未有之大变局", "同意"]
    assert docs[0].meta == {"title": "2019年政府工作报告", "year": "2019"}
    assert docs[1].meta == {"title": "决议"}
    parquet = tmp_path / "reports.parquet"
    pd.DataFrame(rows).to_parquet(parquet)
    assert [d.row for d in read_path(parquet, ReadOptions(text_column="content"))] == [0, 1]
    csv = tmp_path / "speeches.csv"
    pd.DataFrame({"text": ["true multilateralism"], "actor": ["IND"]}).to_csv(csv, index=False)
    (doc,) = read_path(csv)
    assert doc.text == "true multilateralism" and doc.meta == {"actor": "IND"}


def test_utf16_text_file_is_read(tmp_path):
    path = tmp_path / "statement.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "双方同意。".encode("utf-16-le"))
    (doc,) = read_path(path)
    assert doc.text == "双方同意。" and doc.encoding == "utf-16-le"


def test_spreadsheets_are_tables_of_documents_or_of_metadata(tmp_path):
    import pandas as pd

    import phrasewatch

    pd.DataFrame({"actor": ["KIR", "IDN"], "text": ["We support the Global Development Initiative.", "双方同意推动构建人类命运共同体。"]}
                 ).to_excel(tmp_path / "speeches.xlsx", index=False)
    pd.DataFrame({"Year": [2023], "Session": [78], "ISO Code": ["KIR"]}).to_excel(tmp_path / "roster.xlsx", index=False)
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    result = phrasewatch.scan([tmp_path], jobs=1)
    assert set(result.matches["formula_id"]) == {"gdi", "ccdm"}
    assert result.documents.set_index("doc_id").loc["speeches#1", "actor"] == "KIR"
    files = result.documents.assign(name=result.documents["path"].str.rsplit("/", n=1).str[-1]).set_index("name")
    assert files.loc["roster.xlsx", "status"] == "skipped" and "no text column" in files.loc["roster.xlsx", "reason"]
    assert files.loc["broken.xlsx", "status"] == "error" and "xlsx" in files.loc["broken.xlsx", "reason"]


def test_a_file_reached_twice_is_listed_once_whatever_the_walk_holds(tmp_path, monkeypatch):
    # hard links and a file named beside its folder: one entry each, also once the
    # walk's record of files seen has been merged into its arrays (a small threshold here)
    from phrasewatch.corpus.walk import _SeenFiles

    monkeypatch.setattr(_SeenFiles, "_MERGE", 3)
    for i in range(10):
        (tmp_path / f"f{i}.txt").write_text(f"text {i}", encoding="utf-8")
    for i in range(0, 10, 2):
        os.link(tmp_path / f"f{i}.txt", tmp_path / f"link{i}.txt")
    entries = list(walk([tmp_path / "f7.txt", tmp_path, tmp_path / "f1.txt"]))
    names = [e.path.name for e in entries]
    assert names[0] == "f7.txt" and len(names) == len(set(names)) == 10
    assert not any(name.startswith("link") for name in names)  # the link sorts after its file


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 2**64 - 1) | st.integers(0, 40)), max_size=200),
       st.integers(1, 20))
def test_the_record_of_files_seen_is_a_set_of_pairs(pairs, merge_every):
    from phrasewatch.corpus.walk import _SeenFiles

    seen, reference = _SeenFiles(), set()
    seen._MERGE = merge_every
    for device, inode in pairs:
        assert seen.add(device, inode) == ((device, inode) not in reference)
        reference.add((device, inode))
