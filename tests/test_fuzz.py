"""Issue 16: random bytes, random YAML front matter and random table rows through
``scan`` and ``score``: never a traceback, every file accounted for, and the good
documents beside them (and the good row of every table) always read."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import phrasewatch
from phrasewatch.scan import EXIT_OK, EXIT_PARTIAL
from phrasewatch.score import ScoreInputError, adoption, first_adoption, score

from .conftest import FIXTURES

GOOD = "Indonesia supports the Global Development Initiative."
LEXICON = phrasewatch.load_lexicon(FIXTURES / "mini.yaml")

_YAML_PIECES = ["a: 1", "title: x", "date: 2024-02-30", "date: 2024-13-01T99:00", "&a [1, 2]", "*a", "b: &b {c: *b}",
                "[", "]", "{", "}", "- ", "? ", ": ", "!!binary Zm9v", "!!python/object:os.system ls", "'", '"', "\t",
                "x: [*a, *a, *a]", "<<: *a", ".nan", "~", "|", ">", "%YAML 1.1", "---", "...", "\\x00", "\n", "  "]
# text for YAML without control characters: a file of them is binary, not a document (the
# random bytes cover that case)
_printable = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12)
yaml_text = st.lists(st.sampled_from(_YAML_PIECES) | _printable, max_size=25).map(" ".join) | _printable
json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
                           max_leaves=12)
cells = st.text(max_size=30) | st.sampled_from(['"', '""', "\x00", "\r", "\n", ",", "\t", "a\"b", "\u2028"])


@st.composite
def jsonl_lines(draw) -> str:
    lines = draw(st.lists(json_values.map(json.dumps) | st.text(max_size=40), max_size=8))
    return "\n".join([json.dumps({"text": GOOD}), *lines])


@st.composite
def delimited(draw, sep: str) -> str:
    rows = draw(st.lists(st.lists(cells, min_size=0, max_size=4).map(sep.join), max_size=8))
    return "\n".join([f"id{sep}text", f"1{sep}{GOOD}", *rows])


contents = st.one_of(
    st.tuples(st.sampled_from([".txt", ".pdf", ".docx", ".xlsx", ".parquet", ".html", ".md", ".csv", ".jsonl", ""]),
              st.binary(max_size=1500), st.just(False)),
    st.tuples(st.just(".md"), yaml_text.map(lambda y: f"---\n{y}\n---\n{GOOD}\n".encode("utf-8", "surrogatepass")), st.just(True)),
    st.tuples(st.just(".jsonl"), jsonl_lines().map(lambda t: t.encode("utf-8", "surrogatepass")), st.just(True)),
    st.tuples(st.just(".csv"), delimited(",").map(lambda t: t.encode("utf-8", "surrogatepass")), st.just(True)),
    st.tuples(st.just(".tsv"), delimited("\t").map(lambda t: t.encode("utf-8", "surrogatepass")), st.just(True)),
    st.tuples(st.just(".html"), st.text(max_size=300).map(lambda t: f"<html><body><div>{t}<p>{GOOD}</p></body>".encode(
        "utf-8", "surrogatepass")), st.just(False)),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(contents, min_size=1, max_size=5))
def test_random_files_never_stop_a_scan_nor_hide_a_good_document(files):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "good.txt").write_text(GOOD, encoding="utf-8")
        names = {"good.txt"}
        keeps_good = set()
        for i, (suffix, data, holds_good) in enumerate(files):
            name = f"f{i}{suffix}"
            (folder / name).write_bytes(data)
            names.add(name)
            if holds_good:
                keeps_good.add(name)
        result = phrasewatch.scan([folder], lexicon=LEXICON)
        documents = result.documents
        seen = {Path(p).name for p in documents["path"]}
        assert seen == names  # every file accounted for
        assert set(documents["status"]) <= {"ok", "skipped", "error"}
        assert documents.loc[documents["status"] == "error", "reason"].map(lambda r: isinstance(r, str) and bool(r)).all()
        assert result.exit_code in (EXIT_OK, EXIT_PARTIAL)
        found = {Path(p).name for p in result.matches.loc[result.matches["formula_id"] == "gdi", "path"]}
        assert {"good.txt", *keeps_good} <= found, documents[["path", "row", "status", "reason"]].to_string()
        adoption(result.matches, result.documents)
        score(result.matches, result.documents, by="year")
        phrasewatch.summarize(result)


_STANCES = ["endorse", "ENDORSE", " neutral", "reject", "maybe", None, 3]
_BOOLS = [True, False, "yes", "no", "True", "0", "perhaps", None, 1.5]
_NUMBERS = [0, 5, "7", -1, None, "x", float("nan"), float("inf"), 2.5]


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_random_table_rows_score_or_raise_one_listing_error(data):
    n = data.draw(st.integers(min_value=0, max_value=6))
    ids = data.draw(st.lists(st.sampled_from(["a", "b", "c", None]), min_size=n, max_size=n))
    documents = pd.DataFrame({
        "doc_id": ids,
        "status": data.draw(st.lists(st.sampled_from(["ok", "OK", "skipped", "error", "bad", None]), min_size=n, max_size=n)),
        "tokens": data.draw(st.lists(st.sampled_from(_NUMBERS), min_size=n, max_size=n)),
        "group_id": ids,
        "actor": data.draw(st.lists(st.sampled_from(["IDN", "CHN;IDN", None, 5]), min_size=n, max_size=n)),
        "year": data.draw(st.lists(st.sampled_from([2024, "2023", None, "x"]), min_size=n, max_size=n)),
    })
    k = data.draw(st.integers(min_value=0, max_value=8))

    def column(values):
        return data.draw(st.lists(st.sampled_from(values), min_size=k, max_size=k))

    matches = pd.DataFrame({
        "doc_id": column(["a", "b", "c", None]), "formula_id": column(["gdi", "ccdm", None]),
        "anachronistic": column(_BOOLS), "voice": column(["author", "both", "PARTNER", "nobody", None]),
        "voice_actors": column(["IDN", "CHN;IDN", None, ""]), "stance": column(_STANCES), "strength": column(_NUMBERS),
        "strength_name": column(["supports", None]), "start": column(_NUMBERS), "end": column(_NUMBERS),
        "date": column(["2024-02-30", "2024-01-01", None]), "sentence": column(["s", None]),
    })
    drop = data.draw(st.lists(st.sampled_from(list(matches.columns)), max_size=2))
    matches = matches.drop(columns=list(set(drop)))
    for function in (adoption, first_adoption, score):
        try:
            function(matches, documents)
        except ScoreInputError as exc:
            assert exc.problems and all(isinstance(p, str) for p in exc.problems)
