"""Read files into documents: one function per format, looked up by suffix in READERS.

A reader takes a path and options and yields :class:`Document` records; a table file
yields one document per row. A reader raises :class:`ReadError` or
:class:`DecodeError` for a file it cannot read; the scan records that and goes on.
"""

from __future__ import annotations

__all__ = ["Document", "NoTextColumn", "READERS", "READER_VERSION", "ReadOptions", "read_path", "split_front_matter"]

import datetime as dt
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import yaml

from ..errors import ReadError
from ..text.decode import decode
from .document import Document, ReadOptions, check_size, read_bytes
from .docx import read_docx
from .html import read_html
from .pdf import read_pdf

DEFAULT_TEXT_COLUMNS = ("text", "content")  # not "body": that names the UN body
# Raised whenever a reader's output for the same bytes changes, so that a --store made
# by an older phrasewatch reads its files again instead of serving their old text.
READER_VERSION = 2

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


def split_front_matter(text: str) -> tuple[dict, str, int]:
    """YAML front matter (if any), the body, and the body's offset in ``text``."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text, 0
    try:
        meta = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError:
        return {}, text, 0  # not front matter after all: keep the text whole
    if not isinstance(meta, dict):
        return {}, text, 0
    clean = {}
    for k, v in meta.items():
        if isinstance(v, (dt.date, dt.datetime)):
            v = v.isoformat()[:10]
        clean[str(k)] = v
    return clean, text[m.end():], m.end()


def read_text_file(path: Path, options: ReadOptions) -> Iterator[Document]:
    decoded = decode(read_bytes(path, options), options.encoding)
    yield Document(str(path), decoded.text, {}, decoded.encoding, encoding_confidence=decoded.confidence)


def read_markdown(path: Path, options: ReadOptions) -> Iterator[Document]:
    decoded = decode(read_bytes(path, options), options.encoding)
    meta, body, offset = split_front_matter(decoded.text)
    yield Document(str(path), body, meta, decoded.encoding, text_offset=offset, encoding_confidence=decoded.confidence)


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


def _table_documents(path: Path, frame, options: ReadOptions, encoding: str | None,
                     confidence: float | None) -> Iterator[Document]:
    column = _pick_text_column(list(frame.columns), options, path)
    others = [c for c in frame.columns if c != column]
    for i, record in enumerate(frame.to_dict("records")):
        text = record.get(column)
        meta = {}
        for c in others:
            v = record.get(c)
            if v is None or (isinstance(v, float) and v != v):
                continue
            meta[str(c)] = v.item() if hasattr(v, "item") else v
        yield Document(str(path), "" if text is None or text != text else str(text), meta, encoding, row=i,
                       encoding_confidence=confidence)


def read_table(path: Path, options: ReadOptions) -> Iterator[Document]:
    import pandas as pd  # heavy: only when a table is read

    suffix = path.suffix.lower()
    if suffix in (".parquet", ".xlsx"):
        check_size(path, options)
        try:
            frame = pd.read_parquet(path) if suffix == ".parquet" else pd.read_excel(path, dtype=str)
        except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
            raise ReadError(f"not a readable {suffix[1:]} table: {exc}") from exc
        yield from _table_documents(path, frame, options, None, None)
        return
    decoded = decode(read_bytes(path, options), options.encoding)
    if suffix in (".jsonl", ".ndjson"):
        records = []
        for n, line in enumerate(decoded.text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ReadError(f"line {n} is not JSON: {exc.msg}") from exc
        frame = pd.DataFrame.from_records(records)
    else:
        import io

        frame = pd.read_csv(io.StringIO(decoded.text), sep="\t" if suffix == ".tsv" else ",", dtype=str, keep_default_na=False)
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
