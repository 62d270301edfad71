"""Read files into documents: one function per format, looked up by suffix in READERS.

A reader takes a path and options and yields :class:`Document` records; a table file
yields one document per row. A reader raises :class:`ReadError` or
:class:`DecodeError` for a file it cannot read; the scan records that and goes on.
"""

from __future__ import annotations

__all__ = ["Document", "NoTextColumn", "READERS", "READER_VERSION", "ReadOptions", "failure_reason", "read_path",
           "split_front_matter"]

import codecs
import datetime as dt
import json
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import yaml

from ..errors import DecodeError, ReadError
from ..lexicon.safeyaml import YAMLLimitError, load_bounded
from ..text.decode import Decoded, decode
from .document import Document, ReadOptions, check_size, read_bytes
from .docx import read_docx
from .html import read_html
from .pdf import read_pdf

DEFAULT_TEXT_COLUMNS = ("text", "content")  # not "body": that names the UN body
# Raised whenever a reader's output for the same bytes changes, so that a --store made
# by an older phrasewatch reads its files again instead of serving their old text.
READER_VERSION = 3

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


class _FrontMatterLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe YAML whose impossible dates (2024-02-30) stay text: a date the document
    gets wrong must not cost it its other metadata, or its reading."""

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _FrontMatterLoader.construct_yaml_timestamp)
# front matter is a few lines of metadata: small bounds on nesting and aliases
FRONT_MATTER_DEPTH = 20
FRONT_MATTER_ALIAS_VALUES = 1_000


def split_front_matter(text: str) -> tuple[dict, str, int]:
    """YAML front matter (if any), the body, and the body's offset in ``text``.

    Front matter that is not YAML, or that nests deeper than ``FRONT_MATTER_DEPTH`` or
    whose aliases expand it by more than ``FRONT_MATTER_ALIAS_VALUES`` values (a
    "billion laughs" of a few hundred bytes), is not metadata: the text stays whole."""
    return _front_matter(text)[:3]


def _front_matter(text: str) -> tuple[dict, str, int, str | None]:
    """``split_front_matter``, and why the front matter was refused (None if it was not)."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text, 0, None
    try:
        meta = load_bounded(m.group(1), _FrontMatterLoader, max_depth=FRONT_MATTER_DEPTH,
                            max_alias_nodes=FRONT_MATTER_ALIAS_VALUES) or {}
    except YAMLLimitError as exc:
        return {}, text, 0, f"front matter refused, read as text: {exc}"
    except yaml.YAMLError:
        return {}, text, 0, None  # not front matter after all: keep the text whole
    if not isinstance(meta, dict):
        return {}, text, 0, None
    clean = {}
    for k, v in meta.items():
        if isinstance(v, (dt.date, dt.datetime)):
            v = v.isoformat()[:10]
        clean[str(k)] = v
    return clean, text[m.end():], m.end(), None


def read_text_file(path: Path, options: ReadOptions) -> Iterator[Document]:
    decoded = decode(read_bytes(path, options), options.encoding)
    yield Document(str(path), decoded.text, {}, decoded.encoding, encoding_confidence=decoded.confidence)


def read_markdown(path: Path, options: ReadOptions) -> Iterator[Document]:
    decoded = decode(read_bytes(path, options), options.encoding)
    meta, body, offset, refused = _front_matter(decoded.text)
    yield Document(str(path), body, meta, decoded.encoding, text_offset=offset, encoding_confidence=decoded.confidence,
                   warnings=(refused,) if refused else ())


class NoTextColumn(ReadError):
    """A table with no column of text: a data file rather than documents."""


def _pick_text_column(columns, options: ReadOptions, path: Path) -> str:
    if options.text_column:
        if options.text_column not in columns:
            raise NoTextColumn(f"no column {options.text_column!r} (columns: {', '.join(map(str, columns))})")
        return options.text_column
    for name in DEFAULT_TEXT_COLUMNS:
        if name in columns:
            return name
    raise NoTextColumn(
        f"a table with no text column (looked for {', '.join(DEFAULT_TEXT_COLUMNS)}; "
        f"columns: {', '.join(map(str, columns))}); pass --text-column to name it"
    )


def _cell(value):
    """A table cell as a plain Python value (numpy scalars and arrays unwrapped); None
    for a missing one."""
    if value is None or (isinstance(value, float) and value != value) or type(value).__name__ == "NAType":
        return None
    if hasattr(value, "tolist"):  # numpy arrays (list-typed Parquet columns) and scalars
        return value.tolist()
    return value.item() if hasattr(value, "item") else value


def _row_document(path: Path, record: dict, column: str, others: list, row: int, encoding, confidence) -> Document:
    """One row as a document; a row whose text is not text (a list, a mapping) is a
    bad row, reported with why."""
    text = _cell(record.get(column))
    if isinstance(text, (list, tuple, dict)):
        return Document(str(path), "", {}, encoding, row=row, encoding_confidence=confidence,
                        error=f"row {row + 1}: the text column {column!r} holds a {type(text).__name__}, not text")
    meta = {}
    for c in others:
        v = _cell(record.get(c))
        if v is not None:
            meta[str(c)] = v
    return Document(str(path), "" if text is None else str(text), meta, encoding, row=row,
                    encoding_confidence=confidence)


def _table_documents(path: Path, frame, options: ReadOptions, encoding: str | None,
                     confidence: float | None, rows: list[int] | None = None,
                     bad: list[Document] = ()) -> Iterator[Document]:
    """The documents of a table's good rows (``rows``: each one's number in the file,
    when bad ones were left out) and its ``bad`` rows, in file order; rows past
    ``options.max_rows`` are one error."""
    column = _pick_text_column(list(frame.columns), options, path)
    others = [c for c in frame.columns if c != column]
    pending = sorted(bad, key=lambda d: d.row)
    names = list(frame.columns)
    # one row at a time (to_dict("records") made a dict per row of the whole table at once)
    for i, values in enumerate(frame.itertuples(index=False, name=None)):
        row = i if rows is None else rows[i]
        while pending and pending[0].row < row:
            yield pending.pop(0)
        if row >= options.max_rows:
            break
        try:
            yield _row_document(path, dict(zip(names, values, strict=True)), column, others, row, encoding, confidence)
        except Exception as exc:  # noqa: BLE001 - one row's odd value is that row's problem
            yield Document(str(path), "", {}, encoding, row=row, encoding_confidence=confidence,
                           error=f"row {row + 1}: cannot read ({type(exc).__name__}: {exc})")
    yield from (d for d in pending if d.row < options.max_rows)
    total = len(frame) + len(bad)
    if total > options.max_rows:
        yield Document(str(path), "", {}, encoding, row=options.max_rows, encoding_confidence=confidence,
                       error=f"{total - options.max_rows:,} row{'s' if total - options.max_rows > 1 else ''} after the first "
                             f"{options.max_rows:,} not read "
                             f"(raise --max-rows to read them)")


def _decode_table(data: bytes, options: ReadOptions):
    """The table's text. Control or NUL bytes in a few rows (damaged rows) do not make a
    table binary: valid UTF-8 is read as it is, and in a legacy encoding the encoding is
    found without the NULs; rows holding a NUL are reported."""
    try:
        return decode(data, options.encoding)
    except DecodeError:
        if options.encoding:
            raise
    try:  # valid UTF-8 refused for its control bytes or NULs: rows are judged one by one
        return Decoded(data.decode("utf-8-sig"), "utf-8", data.startswith(codecs.BOM_UTF8))
    except UnicodeDecodeError:
        if not 0 < data.count(b"\x00") <= len(data) // 100:
            raise DecodeError("binary content, not a table of text") from None
    probe = decode(data.replace(b"\x00", b""))  # a BOM here can only be UTF-8's: UTF-16 decoded above
    body = data[len(codecs.BOM_UTF8):] if probe.bom else data
    return Decoded(body.decode(probe.encoding, "replace"), probe.encoding, probe.bom, probe.confidence)


_JSON_TYPES = {"NoneType": "null", "list": "array", "str": "string", "int": "number", "float": "number", "bool": "boolean"}


def _jsonl_rows(text: str, path: Path):
    """Good records with their row numbers, and bad lines as error documents. Lines
    are split at line feeds only (str.splitlines also splits at U+2028, which JSON
    strings may hold)."""
    records, numbers, bad = [], [], []
    row = 0
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            problem = f"line {n}: not JSON ({exc.msg})"
        except RecursionError:
            problem = f"line {n}: JSON nested too deep"
        else:
            kind = _JSON_TYPES.get(type(record).__name__, type(record).__name__)
            problem = None if isinstance(record, dict) else f"line {n}: a JSON {kind}, not an object"
        if problem is None:
            records.append(record)
            numbers.append(row)
        else:
            bad.append(Document(str(path), "", {}, row=row, error=problem))
        row += 1
    return records, numbers, bad


def _csv_rows(text: str, sep: str, path: Path):
    """A CSV that pandas refused (a ragged row, a NUL): read row by row with the csv
    module; rows with more fields than the header, or a NUL, are bad rows, reported
    with their line; short rows are padded, as pandas does."""
    import csv
    import io
    import sys

    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # a document's text can be long; the file's size is capped already
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    header, records, numbers, bad = None, [], [], []
    row = 0
    line = 1
    try:
        for fields in reader:
            first, line = line, reader.line_num + 1
            if not fields:
                continue
            if header is None:
                header = _unique_names(fields)
                continue
            if any("\x00" in f for f in fields):
                problem = f"line {first}: holds a NUL byte (damaged data?)"
            elif len(fields) > len(header):
                problem = f"line {first}: {len(fields)} fields where the header has {len(header)}"
            else:
                problem = None
            if problem is None:
                records.append(dict(zip(header, fields + [""] * (len(header) - len(fields)), strict=True)))
                numbers.append(row)
            else:
                bad.append(Document(str(path), "", {}, row=row, error=problem))
            row += 1
    except csv.Error as exc:  # an unclosed quote at the end: what came before is kept
        bad.append(Document(str(path), "", {}, row=row, error=f"line {line}: {exc}; the rest of the file not read"))
    return header or [], records, numbers, bad


def _unique_names(fields: list[str]) -> list[str]:
    """Column names made unique as pandas does (a, a.1, a.2)."""
    seen: dict[str, int] = {}
    out = []
    for name in fields:
        if name in seen:
            seen[name] += 1
            name = f"{name}.{seen[name]}"
        else:
            seen[name] = 0
        out.append(name)
    return out


def _unpacked_size(path: Path, suffix: str, options: ReadOptions) -> None:
    """Refuse a table that unpacks to more than ``options.max_bytes``: an .xlsx is a zip
    (its members are decompressed here, counting, as the sizes it declares can lie); a
    Parquet file declares each column chunk's uncompressed size."""
    if suffix == ".xlsx":
        total = 0
        try:
            with zipfile.ZipFile(path) as archive:
                for info in archive.infolist():
                    with archive.open(info) as member:
                        while block := member.read(1 << 20):
                            total += len(block)
                            if total > options.max_bytes:
                                raise ReadError(f"unpacks to more than {options.max_bytes:,} bytes (a zip bomb?); "
                                                f"raise --max-bytes to read it")
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, zlib.error) as exc:
            raise ReadError(f"not a readable xlsx table (a damaged zip?): {exc}") from exc
        return
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path).metadata
    except Exception as exc:  # noqa: BLE001 - pyarrow raises several kinds for a damaged file
        raise ReadError(f"not a readable parquet table: {exc}") from exc
    total = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    if total > options.max_bytes:
        raise ReadError(f"unpacks to {total:,} bytes, over the limit of {options.max_bytes:,} (raise --max-bytes to read it)")


def read_table(path: Path, options: ReadOptions) -> Iterator[Document]:
    import pandas as pd  # heavy: only when a table is read

    suffix = path.suffix.lower()
    if suffix in (".parquet", ".xlsx"):
        check_size(path, options)
        _unpacked_size(path, suffix, options)
        try:
            frame = pd.read_parquet(path) if suffix == ".parquet" else pd.read_excel(path, dtype=str)
        except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
            raise ReadError(f"not a readable {suffix[1:]} table: {exc}") from exc
        yield from _table_documents(path, frame, options, None, None)
        return
    decoded = _decode_table(read_bytes(path, options), options)
    if suffix in (".jsonl", ".ndjson"):
        records, numbers, bad = _jsonl_rows(decoded.text, path)
        if not records and bad:
            raise ReadError(f"no line is a JSON object ({bad[0].error}, …)" if len(bad) > 1 else f"not JSON lines: {bad[0].error}")
        frame = pd.DataFrame.from_records(records)
        yield from _table_documents(path, frame, options, decoded.encoding, decoded.confidence, numbers, bad)
        return
    import io

    sep = "\t" if suffix == ".tsv" else ","
    try:
        if "\x00" in decoded.text:
            raise ValueError("NUL bytes")  # the C parser reads a NUL as the end of a field
        frame = pd.read_csv(io.StringIO(decoded.text), sep=sep, dtype=str, keep_default_na=False)
    except (ValueError, pd.errors.ParserError):
        header, records, numbers, bad = _csv_rows(decoded.text, sep, path)
        frame = pd.DataFrame.from_records(records, columns=header)
        yield from _table_documents(path, frame, options, decoded.encoding, decoded.confidence, numbers, bad)
        return
    yield from _table_documents(path, frame, options, decoded.encoding, decoded.confidence)


READERS = {
    ".txt": read_text_file,
    ".text": read_text_file,
    "": read_text_file,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".csv": read_table,
    ".tsv": read_table,
    ".jsonl": read_table,
    ".ndjson": read_table,
    ".parquet": read_table,
    ".xlsx": read_table,  # a spreadsheet of documents, or of metadata (skipped: no text column)
    ".pdf": read_pdf,
    ".docx": read_docx,
    ".html": read_html,
    ".htm": read_html,
}


_DEFAULT_OPTIONS = ReadOptions()


def failure_reason(exc: BaseException) -> str:
    """The reason recorded for a file whose reading failed in a way no reader foresaw."""
    if isinstance(exc, MemoryError):
        return "out of memory while reading this file (its text, or what it unpacks to, is too large)"
    if isinstance(exc, RecursionError):
        return "nested too deep to read"
    return f"cannot read ({type(exc).__name__}: {str(exc)[:300]})"


def read_path(path: Path, options: ReadOptions = _DEFAULT_OPTIONS) -> Iterator[Document]:
    """Documents in one file, by its suffix.

    Raises
    ------
    ReadError
        For a format phrasewatch cannot read yet, or a file it cannot read.
    """
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ReadError(f"unsupported format {path.suffix!r} (readable: {', '.join(s for s in READERS if s)})")
    yield from reader(path, options)
