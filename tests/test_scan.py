"""Scanning folders: documents table, matches table, bad files, metadata, seeds."""

from pathlib import Path

import pandas as pd
import pytest

import phrasewatch
from phrasewatch.scan import EXIT_FAILURE, EXIT_OK, EXIT_PARTIAL

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "IDN_79_2024.txt").write_text(
        "Indonesia supports the Global Development Initiative (GDI).\nThe GDI helps.\n", encoding="utf-8")
    (tmp_path / "A_RES_80_20.md").write_text(
        "---\nsymbol: A/RES/80/20\ndate: '2025-12-03'\n---\nThe General Assembly,\n\nto build a community of shared\nfuture for humankind,\n",
        encoding="utf-8")
    (tmp_path / "joint.txt").write_text("双方同意推动构建人類命運共同體。", encoding="utf-8")
    (tmp_path / "old.txt").write_text("We call for true multilateralism.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,actor,date,genre\njoint.txt,CHN;IDN,2024-05-20,joint_statement\nold.txt,IND,1990-10-01,general_debate\n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (tmp_path / "latin1.txt").write_bytes("coopération gagnant-gagnant".encode("cp1252"))
    (tmp_path / "garbled.txt").write_bytes(b"no encoding reads \x80\x81\xff this")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "._IDN_79_2024.txt").write_bytes(b"\x00\x05\x16\x07\x00\x02")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    return tmp_path


def test_scan_reports_every_file_and_goes_on(folder, mini_lexicon):
    result = phrasewatch.scan([folder], lexicon=mini_lexicon)
    docs = result.documents.set_index("path")
    status = {Path(p).name: s for p, s in docs["status"].items()}
    assert status == {
        "A_RES_80_20.md": "ok", "IDN_79_2024.txt": "ok", "joint.txt": "ok", "old.txt": "ok", "latin1.txt": "ok",
        "binary.txt": "error", "garbled.txt": "error", "scan.pdf": "error",
        "empty.txt": "skipped", "._IDN_79_2024.txt": "skipped", "metadata.csv": "skipped",
    }
    reasons = {Path(p).name: r for p, r in docs["reason"].items()}
    assert "binary" in reasons["binary.txt"]
    assert "--encoding" in reasons["garbled.txt"]
    assert "not a readable PDF" in reasons["scan.pdf"]
    encodings = docs[["encoding", "encoding_confidence"]]
    assert encodings.loc[str(folder / "latin1.txt"), "encoding"] == "cp1252"
    assert 0.75 <= encodings.loc[str(folder / "latin1.txt"), "encoding_confidence"] < 1
    assert tuple(encodings.loc[str(folder / "joint.txt")]) == ("utf-8", 1.0)
    assert "resource fork" in reasons["._IDN_79_2024.txt"]
    assert result.exit_code == EXIT_PARTIAL


def test_matches_carry_metadata_sentence_and_raw_surface(folder, mini_lexicon):
    result = phrasewatch.scan([folder], lexicon=mini_lexicon)
    m = result.matches.set_index("doc_id")
    idn = m.loc["IDN_79_2024"]
    assert list(idn["formula_id"]) == ["gdi", "gdi"]
    assert list(idn["surface"]) == ["Global Development Initiative", "GDI"]
    assert set(idn["actor"]) == {"IDN"} and set(idn["year"]) == {2024}
    res = m.loc[["A_RES_80_20"]].iloc[0]
    assert res["surface"] == "community of shared\nfuture for humankind"
    assert res["symbol"] == "A/RES/80/20" and res["body"] == "General Assembly" and res["date"] == "2025-12-03"
    assert res["sentence"] == "to build a community of shared future for humankind,"
    joint = m.loc[["joint"]].iloc[0]
    assert joint["actor"] == "CHN;IDN" and joint["genre"] == "joint_statement" and joint["surface"] == "构建人類命運共同體"
    old = m.loc[["old"]].iloc[0]
    assert bool(old["anachronistic"]) and old["actor"] == "IND"


def test_raw_offsets_point_into_the_file_text(folder, mini_lexicon):
    result = phrasewatch.scan([folder / "A_RES_80_20.md"], lexicon=mini_lexicon)
    row = result.matches.iloc[0]
    doc = result.documents.iloc[0]
    text = (folder / "A_RES_80_20.md").read_text(encoding="utf-8")
    offset = int(doc["text_offset"])
    assert text[offset + row["start"]: offset + row["end"]] == row["surface"]


def test_scan_is_deterministic(folder, mini_lexicon):
    a = phrasewatch.scan([folder], lexicon=mini_lexicon)
    b = phrasewatch.scan([folder], lexicon=mini_lexicon)
    pd.testing.assert_frame_equal(a.matches, b.matches)
    pd.testing.assert_frame_equal(a.documents, b.documents)


def test_exit_codes(tmp_path, mini_lexicon):
    (tmp_path / "a.txt").write_text("true multilateralism", encoding="utf-8")
    assert phrasewatch.scan([tmp_path], lexicon=mini_lexicon).exit_code == EXIT_OK
    assert phrasewatch.scan([tmp_path / "nope"], lexicon=mini_lexicon).exit_code == EXIT_FAILURE


def test_table_without_text_column_in_a_folder_is_skipped_but_named_one_fails(tmp_path, mini_lexicon):
    (tmp_path / "counts.csv").write_text("file,count\na,1\n", encoding="utf-8")
    walked = phrasewatch.scan([tmp_path], lexicon=mini_lexicon).documents
    assert list(walked["status"]) == ["skipped"]
    named = phrasewatch.scan([tmp_path / "counts.csv"], lexicon=mini_lexicon).documents
    assert list(named["status"]) == ["error"] and "--text-column" in named["reason"].iloc[0]


def test_score_counts_rates_and_shares(folder, mini_lexicon):
    result = phrasewatch.scan([folder], lexicon=mini_lexicon)
    table = phrasewatch.score(result.matches, result.documents, by=["actor"], lexicon=mini_lexicon)
    idn = table[table["actor"] == "IDN"].iloc[0]
    assert idn["formula_id"] == "gdi" and idn["count"] == 2 and idn["documents"] == 1 and idn["documents_total"] == 1
    tokens = int(result.documents.set_index("doc_id").loc["IDN_79_2024", "tokens"])
    assert idn["rate_per_10k"] == pytest.approx(2 * 10_000 / tokens)
    assert idn["weight"] == 1.0
    # the 1990 "true multilateralism" is left out unless asked for
    assert "IND" not in set(table["actor"])
    with_old = phrasewatch.score(result.matches, result.documents, by=["actor"], include_anachronistic=True)
    assert "IND" in set(with_old["actor"])
    with pytest.raises(ValueError, match="no such document column"):
        phrasewatch.score(result.matches, result.documents, by=["speaker"])


def test_mixed_metadata_types_still_write_to_parquet(tmp_path, mini_lexicon):
    from phrasewatch.tables import read_table, write_table

    (tmp_path / "a.md").write_text("---\nedition: 2\n---\ntrue multilateralism\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("---\nedition: second\n---\ntrue multilateralism\n", encoding="utf-8")
    result = phrasewatch.scan([tmp_path], lexicon=mini_lexicon)
    write_table(result.documents, tmp_path / "d.parquet")
    assert list(read_table(tmp_path / "d.parquet")["edition"]) == ["2", "second"]


def test_score_by_document_gives_per_document_counts(folder, mini_lexicon):
    result = phrasewatch.scan([folder], lexicon=mini_lexicon)
    table = phrasewatch.score(result.matches, result.documents, by=["doc_id"])
    row = table[(table["doc_id"] == "IDN_79_2024") & (table["formula_id"] == "gdi")].iloc[0]
    assert row["count"] == 2 and row["share"] == 1.0


def test_parallel_scan_gives_the_same_tables(folder, mini_lexicon):
    (folder / "sub").mkdir()
    (folder / "sub" / "IDN_79_2024.txt").write_text("Global Development Initiative", encoding="utf-8")  # same id
    serial = phrasewatch.scan([folder], lexicon=mini_lexicon, jobs=1)
    parallel = phrasewatch.scan([folder], lexicon=mini_lexicon, jobs=2)
    pd.testing.assert_frame_equal(serial.matches, parallel.matches)
    pd.testing.assert_frame_equal(serial.documents, parallel.documents)
    assert {"IDN_79_2024", "sub/IDN_79_2024"} <= set(parallel.documents["doc_id"])
