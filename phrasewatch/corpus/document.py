"""The record every reader yields, the options readers share, and the size check they
all make before reading a file."""

from __future__ import annotations

__all__ = ["Document", "ReadOptions", "check_size", "read_bytes"]

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ReadError


@dataclass(frozen=True)
class ReadOptions:
    """How to read files. ``text_column``: the column of a table holding the text."""

    text_column: str | None = None
    encoding: str | None = None
    max_bytes: int = 200 * 1024 * 1024  # of a file, and of what it unpacks to (.docx, .xlsx, .parquet)
    max_rows: int = 1_000_000  # rows of one table file: each becomes a document, held until the scan ends
    max_matches: int = 10_000  # matches kept per document (each carries its sentence and attribution)


@dataclass
class Document:
    """One document to scan: its text and what is known about it."""

    path: str
    text: str
    meta: dict = field(default_factory=dict)
    encoding: str | None = None
    row: int | None = None  # row number within a table file
    text_offset: int = 0  # where ``text`` starts in the file (after front matter)
    encoding_confidence: float | None = None  # how sure the detected ``encoding`` is (1.0: certain)
    error: str | None = None  # a table row that could not be read: why (the row is reported, not scanned)
    warnings: tuple[str, ...] = ()  # what was read in part (front matter refused …)


def check_size(path: Path, options: ReadOptions) -> None:
    """Refuse a file over ``options.max_bytes`` before reading any of it."""
    size = path.stat().st_size
    if size > options.max_bytes:
        raise ReadError(f"file is {size:,} bytes, over the limit of {options.max_bytes:,} (raise --max-bytes to read it)")


def read_bytes(path: Path, options: ReadOptions) -> bytes:
    check_size(path, options)
    return path.read_bytes()
