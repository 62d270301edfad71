"""The command line: exit codes, output files, messages on stderr."""

import json

import pandas as pd
from click.testing import CliRunner

from phrasewatch.cli import main
from tests.conftest import FIXTURES

MINI = str(FIXTURES / "mini.yaml")


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_scan_writes_matches_and_documents_by_extension(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "KIR_78_2023.txt").write_text("We welcome the Global Development\nInitiative.", encoding="utf-8")
    for ext in ("csv", "jsonl", "parquet"):
        out = tmp_path / f"m.{ext}"
        result = run("scan", str(tmp_path / "docs"), "-l", MINI, "-o", str(out), "--no-progress")
        assert result.exit_code == 0, result.output
        reader = {"csv": pd.read_csv, "jsonl": lambda p: pd.read_json(p, lines=True), "parquet": pd.read_parquet}[ext]
        matches = reader(out)
        documents = reader(tmp_path / f"m.documents.{ext}")
        assert list(matches["formula_id"]) == ["gdi"]
        assert list(matches["surface"]) == ["Global Development\nInitiative"]
        assert list(documents["doc_id"]) == ["KIR_78_2023"]


def test_scan_without_output_prints_a_summary_and_failed_files_go_to_stderr(tmp_path):
    (tmp_path / "a.txt").write_text("true multilateralism", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01" * 50)
    result = CliRunner().invoke(main, ["scan", str(tmp_path), "-l", MINI, "--no-progress"])
    assert result.exit_code == 3
    assert "Scanned 1 documents (0 skipped, 1 failed)" in result.stdout
    assert "true_multilateralism" in result.stdout
    assert f"phrasewatch: {tmp_path / 'b.txt'}: binary content" in result.stderr


def test_bad_lexicon_is_a_failure_with_its_location(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("formulae:\n  - id: Bad Id\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["scan", str(tmp_path), "-l", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:2: Bad Id: 'id' must be snake_case" in result.stderr


def test_lexicon_check_text_and_json(tmp_path):
    ok = run("lexicon", "check", MINI)
    assert ok.exit_code == 0, ok.output
    broken = tmp_path / "broken.yaml"
    broken.write_text((FIXTURES / "mini.yaml").read_text(encoding="utf-8").replace(
        'no_match:\n        en: ["The United States keeps its one China policy."]',
        'no_match:\n        en: ["The one-China principle stands."]'), encoding="utf-8")
    result = CliRunner().invoke(main, ["lexicon", "check", str(broken)])
    assert result.exit_code == 1
    assert "one_china: en must-not-match example matches: 'The one-China principle stands.'" in result.stdout
    as_json = CliRunner().invoke(main, ["lexicon", "check", str(broken), "--format", "json"])
    report = json.loads(as_json.stdout)
    assert report["ok"] is False
    assert report["problems"][0]["entry"] == "one_china" and report["problems"][0]["line"] > 1


def test_lexicon_check_finds_swallowed_forms(tmp_path):
    path = tmp_path / "swallow.yaml"
    path.write_text((FIXTURES / "mini.yaml").read_text(encoding="utf-8").replace(
        "variants: [真正多边主义]", "variants: [真正多边主义, 百年变局]"), encoding="utf-8")
    result = CliRunner().invoke(main, ["lexicon", "check", str(path)])
    assert result.exit_code == 1
    assert "true_multilateralism: zh form '百年变局' (from '百年变局') is swallowed by bainian_bianju" in result.stdout


def test_score_command_groups_by_columns(tmp_path):
    (tmp_path / "IDN_79_2024.txt").write_text("Indonesia supports the Global Development Initiative.", encoding="utf-8")
    (tmp_path / "KIR_79_2024.txt").write_text("Kiribati welcomes the Global Development Initiative and true multilateralism.", encoding="utf-8")
    result = run("score", str(tmp_path), "-l", MINI, "--by", "actor", "--no-progress")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:4] == ["actor", "formula_id", "adopted", "count"]
    assert sum(1 for line in lines if line.split()[:3] == ["KIR", "gdi", "True"]) == 1
    mentions = run("score", str(tmp_path), "-l", MINI, "--by", "actor", "--table", "mentions", "--no-progress")
    assert mentions.stdout.splitlines()[0].split()[:3] == ["actor", "formula_id", "count"]
    out = tmp_path / "scores.csv"
    saved = run("scan", str(tmp_path), "-l", MINI, "-o", str(tmp_path / "m.csv"), "--no-progress")
    assert saved.exit_code == 0
    from_files = run("score", "--matches", str(tmp_path / "m.csv"), "--documents", str(tmp_path / "m.documents.csv"),
                     "--by", "year", "-o", str(out), "-l", MINI)
    assert from_files.exit_code == 0
    assert set(pd.read_csv(out)["formula_id"]) == {"gdi", "true_multilateralism"}


def test_streamed_tables_equal_the_whole_tables(tmp_path):
    import phrasewatch
    from phrasewatch.scan import write_scan
    from phrasewatch.tables import read_table, write_table

    lexicon = phrasewatch.load_lexicon(MINI)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(5):
        (corpus / f"D{i}_70_2015.txt").write_text("true multilateralism and the Global Development Initiative (GDI). GDI.\n" * (i + 1), encoding="utf-8")
    whole = phrasewatch.scan([corpus], lexicon=lexicon)
    for ext in ("csv", "jsonl", "parquet"):
        write_table(whole.matches, tmp_path / f"whole.{ext}")
        counts = write_scan(phrasewatch.iter_scan([corpus], lexicon=lexicon), tmp_path / f"streamed.{ext}",
                            tmp_path / f"streamed.documents.{ext}", batch=2)
        assert (counts.matches, counts.documents, counts.exit_code) == (len(whole.matches), len(whole.documents), 0)
        def plain(frame):  # missing values compare equal whatever their dtype
            return frame.astype(object).where(frame.notna(), None)

        pd.testing.assert_frame_equal(plain(read_table(tmp_path / f"streamed.{ext}")), plain(read_table(tmp_path / f"whole.{ext}")))
        if ext == "csv":
            assert (tmp_path / "streamed.csv").read_bytes() == (tmp_path / "whole.csv").read_bytes()


def test_output_inside_the_scanned_folder_is_not_scanned(tmp_path):
    (tmp_path / "a.txt").write_text("true multilateralism", encoding="utf-8")
    result = run("scan", str(tmp_path), "-l", MINI, "-o", str(tmp_path / "m.csv"), "--store", str(tmp_path / "s.db"), "--no-progress")
    assert result.exit_code == 0, result.output
    documents = pd.read_csv(tmp_path / "m.documents.csv")
    assert [p.split("/")[-1] for p in documents["path"]] == ["a.txt"]


def test_progress_line_shows_the_total_and_counts_skipped_files_apart(tmp_path):
    (tmp_path / "KIR_78_2023.txt").write_text("We welcome the Global Development Initiative.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Nothing here.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("true multilateralism", encoding="utf-8")
    table = tmp_path / "t.csv"
    table.write_text("text\ntrue multilateralism\nGlobal Development Initiative\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["scan", str(tmp_path), "-l", MINI, "--progress"])
    assert result.exit_code == 0, result.output
    final = result.stderr.split("\r")[-1]
    # four files, one of them a table of two documents; the hidden file skipped
    assert final.strip().startswith("4/4 files (100%), 4 documents, 1 skipped"), final
