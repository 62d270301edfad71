"""metadata.csv sidecars: the key column may be file, path, filename or name (paths
relative to the sidecar's folder); a sidecar problem is reported once, on the
sidecar's own row, naming the columns found, and never fails the documents."""

from pathlib import Path

import pytest
from click.testing import CliRunner

import phrasewatch
from phrasewatch.cli import main
from phrasewatch.corpus.metadata import load_sidecar, read_sidecar
from phrasewatch.scan import EXIT_OK, EXIT_PARTIAL


def _folder(tmp_path, sidecar: str) -> Path:
    (tmp_path / "kir.txt").write_text("We welcome the Global Development Initiative.", encoding="utf-8")
    (tmp_path / "idn.txt").write_text("Indonesia supports the Global Security Initiative.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(sidecar, encoding="utf-8")
    return tmp_path


def _by_name(result):
    docs = result.documents
    return {Path(p).name: row for p, row in zip(docs["path"], docs.to_dict("records"), strict=True)}


@pytest.mark.parametrize("key", ["file", "path", "filename", "name"])
def test_any_of_the_key_columns_names_the_documents(tmp_path, key, lexicon):
    folder = _folder(tmp_path, f"{key},actor,genre\nkir.txt,KIR,general_debate\nidn,IDN,general_debate\n")
    result = phrasewatch.scan([folder], lexicon=lexicon)
    docs = _by_name(result)
    assert docs["kir.txt"]["actor"] == "KIR" and docs["idn.txt"]["actor"] == "IDN"  # with or without the suffix
    assert docs["metadata.csv"]["status"] == "skipped"
    assert result.exit_code == EXIT_OK
    # the key is not copied into the metadata (a "path" column stays the file's path)
    assert key == "path" or key not in result.documents.columns
    assert docs["kir.txt"]["path"] == str(folder / "kir.txt")
    # the voice reads the sidecar's actor
    assert set(result.matches["voice_actors"]) == {"KIR", "IDN"}


def test_file_wins_over_name_which_then_stays_metadata(tmp_path, lexicon):
    folder = _folder(tmp_path, "name,file,actor\nPresident Maamau,kir.txt,KIR\n")
    docs = _by_name(phrasewatch.scan([folder], lexicon=lexicon))
    assert docs["kir.txt"]["actor"] == "KIR"
    assert docs["kir.txt"]["name"] == "President Maamau"


def test_keys_are_paths_relative_to_the_sidecar_and_the_nearest_sidecar_wins(tmp_path, lexicon):
    sub = tmp_path / "speeches" / "2023"
    sub.mkdir(parents=True)
    (sub / "kir.txt").write_text("We welcome the Global Development Initiative.", encoding="utf-8")
    (sub / "slb.txt").write_text("We welcome the Global Development Initiative.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(
        "path,actor,year\n./speeches/2023/kir.txt,KIR,2023\nspeeches\\2023\\slb.txt,SLB,2023\n", encoding="utf-8")
    (sub / "metadata.csv").write_text("file,year\nslb.txt,2024\n", encoding="utf-8")
    result = phrasewatch.scan([tmp_path], lexicon=lexicon)
    docs = _by_name(result)
    assert (docs["kir.txt"]["actor"], docs["kir.txt"]["year"]) == ("KIR", 2023)
    assert (docs["slb.txt"]["actor"], docs["slb.txt"]["year"]) == ("SLB", 2024)  # its own folder's sidecar wins
    assert result.exit_code == EXIT_OK


def test_a_sidecar_without_a_key_column_is_reported_once_and_the_documents_are_read(tmp_path, lexicon):
    folder = _folder(tmp_path, "document,actor,year\nkir.txt,KIR,2023\n")
    result = phrasewatch.scan([folder], lexicon=lexicon)
    docs = _by_name(result)
    assert docs["kir.txt"]["status"] == "ok" and docs["idn.txt"]["status"] == "ok"
    assert len(result.matches) == 2
    problems = result.documents[result.documents["reason"].fillna("").str.contains("sidecar")]
    assert list(problems["path"].map(lambda p: Path(p).name)) == ["metadata.csv"]  # once
    reason = problems["reason"].iloc[0]
    assert problems["status"].iloc[0] == "error"
    assert "columns found: document, actor, year" in reason and "file, path, filename, name" in reason
    assert result.exit_code == EXIT_PARTIAL


def test_the_command_names_the_sidecar_problem_once_on_stderr(tmp_path):
    folder = _folder(tmp_path, "doc,actor\nkir.txt,KIR\n")
    result = CliRunner().invoke(main, ["scan", str(folder), "--no-progress"])
    assert result.exit_code == EXIT_PARTIAL
    assert result.stderr.count("metadata.csv") == 1
    assert "columns found: doc, actor" in result.stderr
    assert "Scanned 2 documents" in result.stdout


def test_rows_that_name_no_file_and_documents_named_twice_are_reported_and_the_rest_used(tmp_path, lexicon):
    folder = _folder(tmp_path, "file,actor\nkir.txt,KIR\nkir.txt,TUV\nkiribati.txt,KIR\nidn.txt,IDN\n")
    sidecar = load_sidecar(folder)
    assert sidecar.rows["kir.txt"] == {"actor": "KIR"}  # the first row stands
    assert "named twice" in sidecar.problem and "kiribati.txt" in sidecar.problem
    result = phrasewatch.scan([folder], lexicon=lexicon)
    docs = _by_name(result)
    assert docs["kir.txt"]["actor"] == "KIR" and docs["idn.txt"]["actor"] == "IDN"
    assert docs["metadata.csv"]["reason"].startswith("metadata sidecar partly used")


def test_an_unreadable_sidecar_does_not_fail_its_documents(tmp_path, lexicon):
    folder = _folder(tmp_path, "")
    (folder / "metadata.csv").write_bytes("file,actor\nkir.txt,\xc9tat\n".encode("cp1252"))
    result = phrasewatch.scan([folder], lexicon=lexicon)
    docs = _by_name(result)
    assert docs["kir.txt"]["status"] == "ok"
    assert "not UTF-8" in docs["metadata.csv"]["reason"]


def test_a_file_named_on_its_own_carries_its_sidecars_problem_in_its_warnings(tmp_path, lexicon):
    folder = _folder(tmp_path, "doc,actor\nkir.txt,KIR\n")
    result = phrasewatch.scan([folder / "kir.txt"], lexicon=lexicon)
    assert list(result.documents["status"]) == ["ok"]
    assert "metadata.csv: no column naming the documents" in result.documents["warnings"].iloc[0]


def test_read_sidecar_still_raises_for_a_library_caller(tmp_path):
    folder = _folder(tmp_path, "doc,actor\nkir.txt,KIR\n")
    with pytest.raises(ValueError, match="columns found: doc, actor"):
        read_sidecar(folder)
    assert read_sidecar(tmp_path / "nowhere") == {}
