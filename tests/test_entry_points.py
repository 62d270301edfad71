"""One way in for each kind of input, one result for all: paths, a string, a list of
strings and a DataFrame each scan in one call, and each result feeds the scores."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import phrasewatch
from phrasewatch.options import ScanOptions, ScoreOptions

SUPPORT = "Indonesia firmly supports the Global Development Initiative."


def test_one_string_scans_and_feeds_adoption():
    result = phrasewatch.scan_text(SUPPORT, actor="IDN", date="2024-05-01")
    assert isinstance(result, phrasewatch.ScanResult)
    assert result.documents["doc_id"].tolist() == ["text"]
    table = phrasewatch.adoption(result)
    row = table[table["formula_id"] == "gdi"].iloc[0]
    assert (row["actor"], row["year"], bool(row["adopted"]), row["strongest_name"]) == ("IDN", 2024, True, "firmly supports")


def test_a_list_of_strings_is_one_document_each():
    result = phrasewatch.scan_text([SUPPORT, "Nothing to see here.", "双方同意推动构建人类命运共同体。"], actor="IDN", date="2024")
    assert result.documents["doc_id"].tolist() == ["text#1", "text#2", "text#3"]
    assert result.documents["matches"].tolist() == [1, 0, 1]
    assert set(result.matches["doc_id"]) == {"text#1", "text#3"}
    assert set(phrasewatch.adoption(result)["formula_id"]) == {"gdi", "ccdm"}


def test_a_dataframe_scans_with_its_other_columns_as_metadata():
    frame = pd.DataFrame({
        "text": [SUPPORT, "Kenya backs the Belt and Road Initiative.", None],
        "actor": ["IDN", "KEN", "KEN"],
        "year": [2024, 2023, float("nan")],
        "speaker": ["A. Minister", None, "B. Envoy"],
    })
    result = phrasewatch.scan_frame(frame)
    docs = result.documents
    assert docs["doc_id"].tolist() == ["doc#1", "doc#2", "doc#3"]
    assert docs["actor"].tolist() == ["IDN", "KEN", "KEN"]
    assert docs["year"].tolist()[:2] == [2024, 2023] and pd.isna(docs["year"].iloc[2])
    assert docs["status"].tolist() == ["ok", "ok", "skipped"]  # a missing text is an empty document, not "nan"
    assert docs["speaker"].iloc[0] == "A. Minister" and pd.isna(docs["speaker"].iloc[1])
    adopted = phrasewatch.adoption(result)
    assert sorted(adopted.loc[adopted["adopted"], "actor"]) == ["IDN", "KEN"]


def test_the_dataframe_and_a_table_file_give_the_same_tables(tmp_path):
    frame = pd.DataFrame({"text": [SUPPORT, "We value true multilateralism."], "actor": ["IDN", "BRA"], "year": [2024, 2021],
                          "doc_id": ["a", "b"]})
    frame.to_csv(tmp_path / "docs.csv", index=False)
    from_frame = phrasewatch.scan_frame(frame)
    from_file = phrasewatch.scan(tmp_path / "docs.csv")
    columns = [c for c in from_frame.matches.columns if c != "path"]
    pd.testing.assert_frame_equal(from_frame.matches[columns], from_file.matches[columns])


def test_a_single_path_is_a_path_not_a_list_of_characters(tmp_path):
    (tmp_path / "a.txt").write_text(SUPPORT, encoding="utf-8")
    assert phrasewatch.scan(str(tmp_path)).documents["doc_id"].tolist() == ["a"]
    assert phrasewatch.scan(tmp_path / "a.txt").documents["doc_id"].tolist() == ["a"]


@pytest.mark.parametrize("call, argument, hint", [
    (phrasewatch.scan, pd.DataFrame({"text": ["x"]}), "scan_frame"),
    (phrasewatch.scan, b"bytes", "scan_text"),
    (phrasewatch.scan, 42, "a path or a list of paths"),
    (phrasewatch.scan, [Path("."), 3], "paths"),
    (phrasewatch.scan_text, pd.DataFrame({"text": ["x"]}), "scan_frame"),
    (phrasewatch.scan_text, b"bytes", "string"),
    (phrasewatch.scan_text, ["ok", b"bytes"], "decode bytes"),
    (phrasewatch.scan_frame, "some text", "DataFrame"),
    (phrasewatch.scan_frame, ["a list"], "DataFrame"),
])
def test_a_wrong_type_says_which_call_takes_it(call, argument, hint):
    with pytest.raises(TypeError, match=hint):
        call(argument)


def test_a_dataframe_without_its_text_column_is_refused_with_the_columns():
    with pytest.raises(ValueError, match="no column 'text'.*content"):
        phrasewatch.scan_frame(pd.DataFrame({"content": ["x"]}))
    assert len(phrasewatch.scan_frame(pd.DataFrame({"content": [SUPPORT]}), text_column="content").matches) == 1


def test_scan_options_are_checked_once_with_a_clear_message():
    with pytest.raises(ValueError, match="jobs"):
        ScanOptions(jobs=0)
    with pytest.raises(ValueError, match="max_bytes"):
        ScanOptions(max_bytes=-1)
    with pytest.raises(ValueError, match="unknown encoding"):
        ScanOptions(encoding="no-such-codec")
    with pytest.raises(ValueError, match="kinds"):
        ScanOptions(kinds=("formulas",))
    with pytest.raises(TypeError, match="unknown ScanOptions option.*jbos"):
        phrasewatch.scan(jbos=2)
    assert ScanOptions.of(ScanOptions(jobs=2), encoding="utf-8") == ScanOptions(jobs=2, encoding="utf-8")
    assert ScanOptions(kinds="formula").kinds == ("formula",)


@pytest.mark.parametrize("weights, problem", [
    ({"gdi": -1}, "gdi"), ({"gdi": float("nan")}, "gdi"), ({"gdi": float("inf")}, "gdi"), ({"gdi": "heavy"}, "not a number"),
    (["gdi", 1.0], "map formula ids"),
])
def test_score_options_refuse_weights_that_are_not_finite_and_positive(weights, problem):
    with pytest.raises(ValueError, match=problem):
        ScoreOptions(weights=weights)


def test_score_options_as_keywords_and_as_a_value_agree():
    result = phrasewatch.scan()
    by_value = phrasewatch.adoption(result, options=ScoreOptions(include_china_voice=True, weights={"gdi": 3.0}))
    by_keywords = phrasewatch.adoption(result, include_china_voice=True, weights={"gdi": 3.0})
    pd.testing.assert_frame_equal(by_value, by_keywords)
    assert set(by_value.loc[by_value["formula_id"] == "gdi", "weight"]) == {3.0}
    naive = phrasewatch.adoption(result)
    assert by_value["count"].sum() > naive["count"].sum()  # China's own sentences credited to its partners too


def test_score_table_gives_each_table_of_the_command():
    from phrasewatch.score import SCORE_TABLES

    result = phrasewatch.scan()
    for name in SCORE_TABLES:
        assert len(phrasewatch.score_table(name, result)), name
    with pytest.raises(ValueError, match="choose one of"):
        phrasewatch.score_table("nonsense", result)


def _imported_by(code: str) -> set[str]:
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", f"{code}; import sys; print(' '.join(sys.modules))"], capture_output=True,
                         text=True, check=True, env={**os.environ, "PYTHONPATH": str(root)}).stdout
    return set(out.split())


def test_import_phrasewatch_and_the_command_line_import_no_stage():
    """Names are imported when used; the command line imports what its options name
    (scan --help, lexicon list need no pandas, no scores, no report)."""
    assert not {"pandas", "numpy", "phrasewatch.scan"} & _imported_by("import phrasewatch")
    assert not {"pandas", "phrasewatch.score", "phrasewatch.report", "phrasewatch.scan"} & _imported_by("import phrasewatch.cli")


def test_the_public_names_stay_the_functions_whichever_module_is_imported_first():
    import os
    import subprocess
    import sys

    code = ("import phrasewatch.cli, phrasewatch.scan, phrasewatch.compare, phrasewatch.score, phrasewatch; "
            "import types; assert all(isinstance(getattr(phrasewatch, n), types.FunctionType) "
            "for n in ('scan', 'compare', 'score', 'scan_text')), [getattr(phrasewatch, n) for n in ('scan', 'compare', 'score')]; "
            "assert phrasewatch.report.html and sorted(phrasewatch.__all__) == sorted(set(phrasewatch.__all__) & set(dir(phrasewatch)))")
    subprocess.run([sys.executable, "-c", code], check=True,
                   env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)})
