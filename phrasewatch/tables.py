"""The two tables of a scan, column by column, and how they are built, written and read.

This module owns every column of the matches table (one row per match) and the
documents table (one row per document or unreadable file): its name, its type and what
it means. The stages produce plain rows; frames get their types here, and files are
written here (CSV, TSV, JSONL, Parquet), each to a temporary file renamed into place
only when complete. The README's column reference is generated from these lists
(``python -m phrasewatch.tables``) and a test fails when the two differ.
"""

from __future__ import annotations

__all__ = [
    "Column",
    "ColumnKinds",
    "RowSpill",
    "Table",
    "MATCHES",
    "DOCUMENTS",
    "DOCUMENT_FIELDS_IN_MATCHES",
    "TABLE_FORMATS",
    "StreamingTable",
    "check_outputs",
    "companion_path",
    "format_of",
    "partial_path",
    "read_table",
    "write_rows",
    "write_table",
    "write_text",
    "reference_markdown",
    "saved_scan_hint",
    "saved_table_kind",
]

import contextlib
import csv
import functools
import os
import pickle
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

# dtype names: "text" (left as built: str or None), "int" (never missing), "Int64"
# (nullable integer), "float" (NaN when missing), "bool"
_PANDAS_TYPES = {"int": "int64", "Int64": "Int64", "float": "float64", "bool": "bool"}


@dataclass(frozen=True)
class Column:
    name: str
    dtype: str
    meaning: str


@dataclass(frozen=True)
class Table:
    """The fixed columns of a table, in order. ``open``: rows may carry further
    columns (extra metadata), written after the fixed ones."""

    name: str
    columns: tuple[Column, ...]
    open: bool = False

    @functools.cached_property
    def names(self) -> tuple[str, ...]:  # asked for every document's row: made once
        return tuple(c.name for c in self.columns)

    def __getitem__(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"no column {name!r} in the {self.name} table")

    def typed(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` with this table's types on the columns it has (in place)."""
        for column in self.columns:
            if column.name not in frame.columns or column.dtype == "text":
                continue
            if column.dtype in ("Int64", "int"):
                values = pd.array(pd.to_numeric(frame[column.name], errors="coerce"), dtype="Int64")
                frame[column.name] = values if column.dtype == "Int64" or values.isna().any() else values.astype("int64")
            elif column.dtype == "float":
                frame[column.name] = pd.to_numeric(frame[column.name], errors="coerce").astype("float64")
            elif column.dtype == "bool" and frame[column.name].dtype != bool:
                frame[column.name] = frame[column.name].map(_as_bool).astype("boolean")
        return frame

    def frame(self, rows: Iterable[dict]) -> pd.DataFrame:
        """A typed frame of ``rows`` (dicts), the fixed columns first; for an open table
        the extra columns follow in order of appearance, values of mixed types as text
        (so that Parquet can hold them)."""
        rows = list(rows)
        if not self.open:
            return self.typed(pd.DataFrame.from_records(rows, columns=list(self.names)))
        frame = pd.DataFrame.from_records(rows)
        for name in self.names:
            if name not in frame.columns:
                frame[name] = None
        extra = [c for c in frame.columns if c not in self.names]
        frame = frame[list(self.names) + extra]
        for name in extra:  # metadata of mixed types (2024 here, "2024" there) as text, for Parquet
            if self.mixed(frame, name):
                frame[name] = frame[name].map(_as_text)
        return self.typed(frame)

    def mixed(self, frame: pd.DataFrame, name: str) -> bool:
        """Whether an extra column holds values of more than one type (written as text)."""
        return self.open and name not in self.names and frame[name].dropna().map(type).nunique() > 1

    def arrow_schema(self, names: Iterable[str]):
        import pyarrow as pa

        kinds = {"int": pa.int64(), "Int64": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
        known = {c.name: c.dtype for c in self.columns}
        return pa.schema([(n, kinds.get(known.get(n, "text"), pa.string())) for n in names])


def _as_text(value):
    return value if value is None or value != value else str(value)


def _as_bool(value):
    """A saved table's true/false back to a bool (CSV gives "True", JSONL true)."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return bool(value)


_DOCUMENT_METADATA = (
    Column("title", "text", "the document's title (front matter, table column, PDF/DOCX properties, HTML page, or its own header)"),
    Column("date", "text", "its date, ISO (YYYY, YYYY-MM or YYYY-MM-DD) where it parses, else as given"),
    Column("year", "Int64", "its year"),
    Column("actor", "text", "who speaks: an ISO3 code (CHN, IDN), a body (UNGA) or a label; the parties of a joint statement, `;`-joined"),
    Column("genre", "text", "general_debate, resolution, joint_statement, declaration, speech … as given or read from the document"),
    Column("language", "text", "the document's language (en, zh), given or detected"),
    Column("body", "text", "the UN body (General Assembly, Security Council …) for UN documents"),
    Column("session", "Int64", "the UN session"),
    Column("symbol", "text", "the UN document symbol (A/RES/80/20)"),
    Column("parties", "text", "the parties of a joint statement or declaration, ISO3 codes `;`-joined"),
)

MATCHES = Table("matches", (
    Column("doc_id", "text", "the document's id (unique within the scan)"),
    Column("formula_id", "text", "the formula found (its id in the lexicon)"),
    Column("parent", "text", "the formula's parent formula, if any"),
    Column("kind", "text", "formula, or reinterpreted (an ordinary word Beijing uses in its own sense)"),
    Column("category", "text", "the formula's category in the lexicon"),
    Column("distinctiveness", "text", "signature / mixed / generic: how much the formula is Beijing's own"),
    Column("language", "text", "the language of the form that matched (en, zh)"),
    Column("variant", "text", "the lexicon form that matched, as written in the lexicon"),
    Column("surface", "text", "the matched text exactly as it stands in the document"),
    Column("start", "int", "raw character offset where the match starts in the document's text (for `.md`, add the document's `text_offset`)"),
    Column("end", "int", "raw character offset where it ends (exclusive)"),
    Column("sentence", "text", "the sentence around the match, at most 1,000 characters (… marks a cut; `start`/`end` find the whole sentence in the document)"),
    Column("acronym", "bool", "the match is an acronym (GDI), counted after the document spelled the formula out"),
    Column("anachronistic", "bool", "the document is dated before the formula's first PRC use (left out of scores by default)"),
    Column("borrowed", "bool", "the formula was someone else's wording at the document's date (before the lexicon's `origin.prc_since`, or always when China never made it its own): not adoption by default"),
    Column("licence", "text", "what let a short form count: `after` (its formula, or the sub-formula it counts as, was spelled out earlier in the document; also every acronym), `china` (voiced by China), `after;china`; empty for full forms"),
    Column("voice", "text", "who voices the match: both / china / partner / signatories / author / quoted (a speaker quoted or reported in news, analysis or a readout) / other"),
    Column("voice_actors", "text", "the actors credited (ISO3 codes, `;`-joined)"),
    Column("subject", "text", "the words naming the speaker (empty when carried over from an earlier clause)"),
    Column("stance", "text", "endorse / neutral / reject"),
    Column("stance_cue", "text", "the words that decided the stance"),
    Column("strength", "Int64", "the grade of the governing verb (higher is stronger; the Taiwan scale for the one-China formulae)"),
    Column("strength_name", "text", "the grade's name (supports, welcomes, takes note of …)"),
    Column("strength_cue", "text", "the words that decided the grade"),
    Column("prc_sense", "float", "reinterpreted words: how PRC-like the use is, 0 to 1"),
    Column("speaker", "text", "the words naming whoever speaks the quoted or reported words the match stands in (empty for the author)"),
    Column("gloss_of", "Int64", "for the second half of a gloss (\"Global Development Initiative (全球发展倡议)\"), the `start` of the first: one use, left out of scores by default"),
    Column("path", "text", "the document's file"),
    *(c for c in _DOCUMENT_METADATA if c.name != "language"),  # the match's own language is `language`
    Column("doc_language", "text", "the document's language"),
))

# the documents table's fields each match row repeats, so that a matches table reads alone
DOCUMENT_FIELDS_IN_MATCHES = ("path", *(c.name for c in _DOCUMENT_METADATA if c.name != "language"))

DOCUMENTS = Table("documents", (
    Column("doc_id", "text", "the document's id: given (a `doc_id` or table `id`), else its file name (and `#row` for a table row); unique within the scan"),
    Column("path", "text", "the file it comes from"),
    Column("row", "Int64", "the row number within a table file (0-based), also for a bad row reported as an error"),
    Column("status", "text", "ok / skipped (on purpose: hidden files, empty documents …) / error"),
    Column("reason", "text", "why a file was skipped or failed"),
    Column("encoding", "text", "the encoding the text was read in"),
    Column("encoding_confidence", "float", "how sure the detected encoding is (1.0 for a BOM or valid UTF-8)"),
    Column("chars", "int", "characters of text read"),
    Column("tokens", "int", "tokens, the rate denominator, in the unit of `token_unit`"),
    Column("token_unit", "text", "what `tokens` counts: `words` (letters and digits between spaces and punctuation) in text without Chinese characters; with them, `words+characters` (words, and each Chinese character one token: the default) or `words+jieba` (words, and Chinese words cut by jieba with the lexicon's phrases in its dictionary, so a formula is one token: `--chinese-tokens jieba`)"),
    Column("matches", "int", "matches found"),
    Column("reinterpreted_uses", "Int64", "uses of reinterpreted words (with --include-reinterpreted)"),
    Column("prc_sense_share", "float", "the share of those uses in the PRC sense"),
    *_DOCUMENT_METADATA,
    Column("genre_source", "text", "where the genre came from: metadata or text (empty when unknown)"),
    Column("genre_evidence", "text", "the marks that decided the genre read from the text, or \"undecided: …\" with the leading candidates"),
    Column("actor_source", "text", "where the actor came from: metadata or text"),
    Column("text_offset", "Int64", "where the text starts in the file (after front matter)"),
    Column("warnings", "text", "what kept the matcher from looking everywhere (a regular expression that timed out)"),
    Column("content_hash", "text", "a hash of the text's letters and digits: equal for exact copies"),
    Column("group_id", "text", "the doc_id of the representative of its group of copies (reprints, other formats, translations)"),
    Column("copy_of_kind", "text", "how it is a copy: exact, near, translation, or stated"),
), open=True)


def reference_markdown() -> str:
    """The column reference for the README: one line per column."""
    parts = []
    for table in (MATCHES, DOCUMENTS):
        parts.append(f"#### {table.name.capitalize()} table\n")
        parts.append("| column | type | meaning |\n|---|---|---|")
        parts.extend(f"| `{c.name}` | {c.dtype} | {c.meaning} |" for c in table.columns)
        if table.open:
            parts.append("| … | text | any further metadata columns (front matter, table columns, sidecar, `--metadata`) |")
        parts.append("")
    return "\n".join(parts).rstrip() + "\n"


# --- files -------------------------------------------------------------------------

TABLE_FORMATS = {".csv": "csv", ".tsv": "tsv", ".jsonl": "jsonl", ".json": "jsonl", ".parquet": "parquet"}


def format_of(path: str | Path) -> str:
    """The table format an output path's extension names, or a ValueError saying which work."""
    path = Path(path)
    fmt = TABLE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"cannot tell the format of {path.name!r}: use one of {', '.join(TABLE_FORMATS)}")
    return fmt


def companion_path(path: str | Path, name: str) -> Path:
    """``m.csv`` -> ``m.documents.csv``: where a second table of the same scan goes."""
    path = Path(path)
    return path.with_name(f"{path.stem}.{name}{path.suffix}")


def partial_path(path: str | Path) -> Path:
    """Where a table is written before it is complete: beside it, hidden."""
    path = Path(path)
    return path.with_name(f".{path.name}.partial")


@contextlib.contextmanager
def _replacing(path: Path) -> Iterator[Path]:
    """A temporary file beside ``path`` (:func:`partial_path`), renamed onto it only if
    the block completes: a failed or interrupted write (a full disk, Ctrl-C) leaves
    what was there before."""
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True)
    temporary = partial_path(path)
    temporary.unlink(missing_ok=True)  # left by a scan that was killed
    mode = _new_file_mode(path)
    os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode))
    os.chmod(temporary, mode)  # as the table it replaces, or as any new file
    try:
        yield temporary
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _new_file_mode(path: Path) -> int:
    """The mode ``path`` has, or a new file would get under the current umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


class _RowTerminator:
    """A file that receives CSV rows ending in "\\r\\n" and writes them ending in "\\n".

    The csv module quotes a field holding any character of its line terminator; with
    "\\n" alone a bare carriage return inside a sentence went unquoted, and a reader
    took it for the end of the row. Rows are written one call each, so only their
    last two characters are the terminator; quoted fields keep theirs."""

    def __init__(self, handle):
        self.handle = handle

    def write(self, text: str):
        if text.endswith("\r\n"):
            text = text[:-2] + "\n"
        return self.handle.write(text)

    def __getattr__(self, name):
        return getattr(self.handle, name)


def _write_csv(frame: pd.DataFrame, handle, *, header: bool, sep: str) -> None:
    frame.to_csv(_RowTerminator(handle), index=False, header=header, sep=sep, lineterminator="\r\n")


def write_table(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write ``frame`` in the format its extension names (.csv, .tsv, .jsonl, .parquet)."""
    path = Path(path)
    fmt = format_of(path)
    with _replacing(path) as temporary:
        if fmt in ("csv", "tsv"):
            with temporary.open("w", encoding="utf-8", newline="") as fh:
                _write_csv(frame, fh, header=True, sep="\t" if fmt == "tsv" else ",")
        elif fmt == "jsonl":
            frame.to_json(temporary, orient="records", lines=True, force_ascii=False)
        else:
            frame.to_parquet(temporary, index=False)
    return path


def write_text(path: str | Path, data: str | bytes) -> Path:
    """Write a file a scan's tables were made into (a report, a figure) the way tables
    are written: complete or not at all."""
    path = Path(path)
    with _replacing(path) as temporary:
        if isinstance(data, bytes):
            temporary.write_bytes(data)
        else:
            temporary.write_text(data, encoding="utf-8")
    return path


class StreamingTable:
    """Appends batches of rows of ``table`` to a CSV, JSONL or Parquet file, which
    appears at ``path`` only when closed without error (:meth:`abort` drops it)."""

    def __init__(self, path: str | Path, table: Table):
        self.path, self.table, self.fmt = Path(path), table, format_of(path)
        self.columns = list(table.names)
        self.rows = 0
        self._replacing = _replacing(self.path)
        self._temporary = self._replacing.__enter__()
        self._fh = None if self.fmt == "parquet" else self._temporary.open("w", encoding="utf-8", newline="")
        self._parquet = None

    def write(self, rows: list[dict]) -> None:
        if self.fmt in ("csv", "tsv") and rows:
            # the batch's frame is not built when its text is known without it (_csv_cells)
            kinds = ColumnKinds(self.table)
            for row in rows:
                kinds.add(row)
            cells = _csv_cells(kinds.frame(), kinds)
            if cells is not None:
                out = csv.writer(_RowTerminator(self._fh), delimiter="\t" if self.fmt == "tsv" else ",", lineterminator="\r\n")
                _csv_lines(out, rows, cells, kinds.mixed(), header=self.rows == 0)
                self.rows += len(rows)
                return
        frame = self.table.frame(rows)
        if self.fmt in ("csv", "tsv"):
            _write_csv(frame, self._fh, header=self.rows == 0, sep="\t" if self.fmt == "tsv" else ",")
        elif self.fmt == "jsonl":
            if len(frame):
                text = frame.to_json(orient="records", lines=True, force_ascii=False)
                self._fh.write(text if text.endswith("\n") else text + "\n")
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            schema = self.table.arrow_schema(self.columns)
            if self._parquet is None:
                self._parquet = pq.ParquetWriter(self._temporary, schema)
            if len(frame):
                self._parquet.write_table(pa.Table.from_pandas(frame, schema=schema, preserve_index=False))
        self.rows += len(frame)

    def close(self) -> None:
        """Finish the file and put it in place."""
        if self.fmt == "parquet":
            if self._parquet is None:
                self.write([])
            self._parquet.close()
        else:
            self._fh.close()
        self._replacing.__exit__(None, None, None)

    def abort(self) -> None:
        """Drop what was written; whatever was at ``path`` stays."""
        if self._fh is not None:
            self._fh.close()
        if self._parquet is not None:
            self._parquet.close()
        self._replacing.__exit__(RuntimeError, RuntimeError("aborted"), None)


# --- tables too large to hold: rows spilled to disk, written in pieces ------------------

_MISSING = "missing"  # a row without the column: pandas fills NaN


class ColumnKinds:
    """What the frame of a table's rows (:meth:`Table.frame`) makes of each column,
    learnt row by row without keeping the rows: the columns in order of appearance
    and, for each, one value of every kind it holds (type, missing or not, integer
    range; for a numeric column of the table, whether text parses as a number).
    pandas decides a column's dtype from the kinds of its values, not from how many
    there are of each, so the frame of these few values has the whole table's dtypes
    (:meth:`frame`), and a piece of the rows cast to them is written as that part of
    the whole table would be."""

    def __init__(self, table: Table):
        self.table = table
        self.rows = 0
        self.columns: dict[str, dict] = {}  # name -> {kind: a value of that kind}
        self._numeric = {c.name for c in table.columns if c.dtype != "text"}
        self._parses: dict[str, bool] = {}

    def add(self, row: dict) -> None:
        columns = self.columns
        if not columns.keys() <= row.keys():  # most rows have every column: one set comparison
            for name, values in columns.items():
                if name not in row and _MISSING not in values:
                    values[_MISSING] = None
        numeric = self._numeric
        for name, value in row.items():
            values = columns.get(name)
            if values is None:
                values = columns[name] = {_MISSING: None} if self.rows else {}
            # None and text in a text column, most values, are their own kinds: no call
            if value is None:
                kind = None
            elif type(value) is str and name not in numeric:
                kind = str
            else:
                kind = self.kind_of(name, value)
            if kind not in values:
                values[kind] = value
        self.rows += 1

    def observe(self, name: str, values: Iterable) -> None:
        """Values a column of every row will hold, given apart from the rows (computed at the end)."""
        kinds = self.columns.setdefault(name, {})
        for value in values:
            kinds.setdefault(self.kind_of(name, value), value)

    def kind_of(self, name: str, value):
        """The kind of ``value`` in column ``name``: values of one kind give the column one dtype."""
        if value is None:
            return None
        if isinstance(value, float) and value != value:
            return "nan"
        if isinstance(value, int) and not isinstance(value, bool):  # ints past int64 change the dtype
            # (and past 2**53 a float64 on the way to Int64 rounds them: not written without pandas)
            return (int, value < -2**63, value < 0, value >= 2**63, value >= 2**64, abs(value) > 2**53)
        if isinstance(value, str) and name in self._numeric:  # text a numeric column coerces, or makes NA
            if value not in self._parses:
                self._parses[value] = bool(pd.to_numeric(pd.Series([value], dtype=object), errors="coerce").notna().iloc[0])
            return (str, self._parses[value])
        return type(value)

    def _rows(self) -> list[dict]:
        """One row per kind of value of any column; a column's first value where it has
        no more kinds (a kind already counted), and no value in one row where some
        rows lack it."""
        present = {name: [v for k, v in values.items() if k != _MISSING] for name, values in self.columns.items()}
        length = max((len(v) + (_MISSING in self.columns[n]) for n, v in present.items()), default=0)
        rows = []
        for i in range(length):
            row = {}
            for name, values in present.items():
                if i < len(values):
                    row[name] = values[i]
                elif i > len(values) or _MISSING not in self.columns[name]:
                    row[name] = values[0]
            rows.append(row)
        return rows

    def frame(self) -> pd.DataFrame:
        """The typed frame of a few rows with the whole table's dtypes."""
        return self.table.frame(self._rows())

    def mixed(self) -> set[str]:
        """The extra columns :meth:`Table.frame` writes as text (values of more than one type)."""
        if not self.table.open:
            return set()
        raw = pd.DataFrame.from_records(self._rows())
        return {n for n in raw.columns if self.table.mixed(raw, n)}


class RowSpill:
    """Rows (dicts) kept in a temporary file in ``folder``, pickled in pieces, read back
    in order; memory holds one piece."""

    def __init__(self, folder: str | Path, piece: int = 2000):
        self._file = tempfile.TemporaryFile(dir=folder)
        self._pending: list[dict] = []
        self.piece = piece
        self.rows = 0

    def add(self, row: dict) -> None:
        self._pending.append(row)
        self.rows += 1
        if len(self._pending) >= self.piece:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            pickle.dump(self._pending, self._file, protocol=pickle.HIGHEST_PROTOCOL)
            self._pending = []

    def pieces(self) -> Iterator[list[dict]]:
        """The rows in order, a piece at a time (may be read more than once)."""
        self._flush()
        self._file.flush()
        self._file.seek(0)
        while True:
            try:
                yield pickle.load(self._file)
            except EOFError:
                return

    def close(self) -> None:
        self._file.close()


def write_rows(table: Table, pieces: Iterable[list[dict]], kinds: ColumnKinds, path: str | Path) -> Path:
    """Write ``table``'s rows, given in pieces, as :func:`write_table` writes the frame of
    them all: each piece typed as the whole would be (``kinds``: every row's values
    seen), so CSV, TSV and JSONL come out byte for byte the same, and Parquet with the
    same schema (in row groups of a piece each)."""
    path = Path(path)
    if not kinds.rows:
        return write_table(table.frame([]), path)
    fmt = format_of(path)
    whole = kinds.frame()
    mixed = kinds.mixed()
    known = set(kinds.columns)
    cells = _csv_cells(whole, kinds) if fmt in ("csv", "tsv") else None
    if cells is not None:
        return _write_csv_rows(pieces, cells, mixed, path, sep="\t" if fmt == "tsv" else ",")
    schema = None
    with _replacing(path) as temporary:
        if fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            schema = pa.Schema.from_pandas(whole, preserve_index=False)
            handle = pq.ParquetWriter(temporary, schema)
        else:
            handle = temporary.open("w", encoding="utf-8", newline="")
        try:
            first = True
            for rows in pieces:
                if not rows:
                    continue
                if mixed:
                    rows = [{**row, **{n: _as_text(row[n]) for n in mixed if n in row}} for row in rows]
                frame = pd.DataFrame.from_records(rows)
                for name in whole.columns:
                    if whole[name].dtype == object:
                        # the values as they are, as in the whole frame (where a piece alone
                        # might make 5 and None the floats 5.0 and NaN); NaN where a row lacks one
                        missing = float("nan") if name in known else None
                        frame[name] = pd.Series([row.get(name, missing) for row in rows], dtype=object, index=frame.index)
                    elif name not in frame.columns:
                        frame[name] = float("nan")
                frame = table.typed(frame[list(whole.columns)])
                for name in whole.columns:
                    if frame[name].dtype != whole[name].dtype:
                        frame[name] = frame[name].astype(whole[name].dtype)
                if fmt == "parquet":
                    handle.write_table(pa.Table.from_pandas(frame, schema=schema, preserve_index=False))
                elif fmt == "jsonl":
                    text = frame.to_json(orient="records", lines=True, force_ascii=False)
                    handle.write(text if text.endswith("\n") else text + "\n")
                else:
                    _write_csv(frame, handle, header=first, sep="\t" if fmt == "tsv" else ",")
                first = False
        finally:
            handle.close()
    return path


def _present(value):
    """A cell as pandas' to_csv writes it: missing (None, NaN) as nothing, else the value."""
    return "" if value is None or value != value else value


def _float_text(value):
    return "" if value is None or value != value else repr(float(value))  # numpy's float64 text is repr's


def _in_int64(kind) -> bool:
    return isinstance(kind, tuple) and kind[0] is int and not kind[1] and not kind[3]


def _exact_in_float64(kind) -> bool:
    return _in_int64(kind) and not kind[5]


# For each dtype the whole frame may give a column: the kinds of values whose CSV text
# is known without pandas, and that text. pandas' to_csv hands the csv module the
# values of object, text, integer and boolean columns as they are (missing ones as
# nothing) and the text numpy gives float64 values.
_CSV_DTYPES = {
    "object": (lambda kind: kind in (None, "nan", str, float, bool) or (isinstance(kind, tuple) and kind[0] is int), _present),
    "str": (lambda kind: kind in (None, "nan", str), _present),
    "int64": (_in_int64, _present),
    "Int64": (lambda kind: kind in (None, "nan") or _exact_in_float64(kind), _present),
    "float64": (lambda kind: kind in (None, "nan", float) or _in_int64(kind), _float_text),
    "bool": (lambda kind: kind is bool, _present),
    "boolean": (lambda kind: kind in (None, "nan", bool), _present),
}


def _csv_cells(whole: pd.DataFrame, kinds: ColumnKinds) -> list | None:
    """``(column, text of a value)`` for each column of the whole frame, writing what
    pandas would write of it; None when some column may hold a value pandas writes in
    its own way (a date, a numpy number, text a numeric column coerces): those tables
    are written through pandas."""
    cells = []
    for name in whole.columns:
        dtype = whole[name].dtype
        key = "str" if isinstance(dtype, pd.StringDtype) else str(dtype)
        if key not in _CSV_DTYPES or not isinstance(name, str):
            return None
        plain, text = _CSV_DTYPES[key]
        if not all(plain(kind) for kind in kinds.columns.get(name, {}) if kind != _MISSING):
            return None
        cells.append((name, text))
    return cells


def _write_csv_rows(pieces: Iterable[list[dict]], cells: list, mixed: set[str], path: Path, *, sep: str) -> Path:
    """Rows written to CSV as pandas' to_csv writes their frame, without building it
    (frames built and typed only to be written cost the documents table of the UNGDC
    0.6 of its 1 CPU s): the csv module, as pandas sets it, gets each cell's text."""
    with _replacing(path) as temporary, temporary.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(_RowTerminator(handle), delimiter=sep, lineterminator="\r\n")
        first = True
        for rows in pieces:
            if rows:
                _csv_lines(out, rows, cells, mixed, header=first)
                first = False
    return path


def _csv_lines(out, rows: list[dict], cells: list, mixed: set[str], *, header: bool) -> None:
    if header:
        out.writerow([name for name, _ in cells])
    if mixed:  # as Table.frame writes them: text
        rows = [{**row, **{n: _as_text(row[n]) for n in mixed if n in row}} for row in rows]
    out.writerows([[text(row.get(name)) for name, text in cells] for row in rows])


def read_table(path: str | Path, table: Table | None = None) -> pd.DataFrame:
    """Read a table written by :func:`write_table` (format from the extension), with
    ``table``'s types (default: the matches or documents table, whichever has all the
    frame's first columns)."""
    path = Path(path)
    fmt = format_of(path)
    if fmt == "parquet":
        frame = pd.read_parquet(path)
    elif fmt == "jsonl":
        # values as written: a sentence "2024" stays text, a column named date stays text
        frame = pd.read_json(path, lines=True, dtype=False)
    else:
        sep = "\t" if fmt == "tsv" else ","
        header = pd.read_csv(path, sep=sep, nrows=0).columns
        text = [c for c in header if c in _table_of(header, table).names and _table_of(header, table)[c].dtype == "text"]
        # text columns read as text: "NA", "null" or "2024" in a sentence are not missing values or numbers
        frame = pd.read_csv(path, sep=sep, low_memory=False, dtype=dict.fromkeys(text, object),
                            keep_default_na=False, na_values={c: [""] for c in header})
    return _table_of(frame.columns, table).typed(frame)


def _table_of(columns, table: Table | None) -> Table:
    if table is not None:
        return table
    return DOCUMENTS if "status" in columns else MATCHES


def _our_table(path: Path) -> bool:
    """Whether ``path`` holds a table phrasewatch wrote (its columns start with the
    matches or documents table's): an earlier output, safe to replace."""
    return saved_table_kind(path) is not None


def saved_table_kind(path: str | Path) -> str | None:
    """``"matches"`` or ``"documents"`` when ``path`` holds a table a phrasewatch scan
    wrote (read from its header only), else None."""
    path = Path(path)
    try:
        fmt = format_of(path)
        if fmt == "parquet":
            import pyarrow.parquet as pq

            names = tuple(pq.read_schema(path).names)
        elif fmt == "jsonl":
            with path.open(encoding="utf-8") as fh:
                first = fh.readline()
            names = tuple(pd.read_json(first, lines=True).columns) if first.strip() else ()
        else:
            with path.open(encoding="utf-8", newline="") as fh:
                names = tuple(fh.readline().rstrip("\r\n").split("\t" if fmt == "tsv" else ","))
    except (OSError, ValueError, UnicodeError, ImportError):
        return None
    for name, table in (("matches", MATCHES), ("documents", DOCUMENTS)):
        if names[:len(table.names)] == table.names:
            return name
    return None


def saved_scan_hint(paths: Iterable[str | Path]) -> str | None:
    """When a path given as documents to read is a table a scan wrote, what to do
    instead (score it with --matches and --documents), and what was found beside it;
    else None."""
    for path in map(Path, paths):
        if not path.is_file():
            continue
        kind = saved_table_kind(path)
        if kind is None:
            continue
        if kind == "matches":
            matches, documents = path, companion_path(path, "documents")
        else:
            stem = path.name[: -len(f".documents{path.suffix}")] if path.name.endswith(f".documents{path.suffix}") else path.stem
            matches, documents = path.with_name(stem + path.suffix), path
        partner = documents if kind == "matches" else matches
        found = (f"found {partner} beside it" if partner.is_file()
                 else f"no {partner} beside it: name the {'documents' if kind == 'matches' else 'matches'} table saved with it")
        return (f"{path} is a phrasewatch {kind} table, not documents to read: score a saved scan with "
                f"--matches {matches} --documents {documents} ({found})")
    return None


def check_outputs(outputs: Iterable[str | Path | None], inputs: Iterable[str | Path], store: str | Path | None = None) -> None:
    """Refuse, before any work, outputs that would destroy what a scan reads or keeps:
    an output named twice, the store (or its journal), a file the scan reads (a named
    path, or an existing file in a scanned folder that is not an earlier phrasewatch
    table), or a format no extension names. A ValueError lists every problem."""
    problems: list[str] = []
    targets = [Path(p) for p in outputs if p is not None]
    resolved = [p.resolve() for p in targets]
    for i, (path, real) in enumerate(zip(targets, resolved, strict=True)):
        try:
            format_of(path)
        except ValueError as exc:
            problems.append(str(exc))
        if real in resolved[:i]:
            problems.append(f"{path} is named as two outputs")
        if store is not None and real in {Path(f"{store}{s}").resolve() for s in ("", "-wal", "-shm", "-journal")}:
            problems.append(f"{path} is the store (--store): the output would overwrite it")
        if path.is_dir():
            problems.append(f"{path} is a folder, not a file to write")
        elif path.exists() and not _our_table(path):
            for source in inputs:
                source = Path(source).resolve()
                if real == source or (source.is_dir() and source in real.parents):
                    problems.append(f"{path} is one of the files this scan reads: write the output elsewhere")
                    break
    if problems:
        raise ValueError("; ".join(dict.fromkeys(problems)))


def main() -> None:  # python -m phrasewatch.tables: the README's column reference
    print(reference_markdown(), end="")


if __name__ == "__main__":  # pragma: no cover
    main()
