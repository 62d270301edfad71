"""What is known about one document, from every source, merged: its id, date, year,
language and metadata fields, ready for its row of the documents table.

Sources, in increasing precedence: what the document says of itself (its header, its
title, the marks of its genre) and what a UN symbol implies; the file name; front
matter or table columns; then the ``metadata.csv`` sidecars of its folder and the
folders above (the nearest wins). A metadata table given to the scan (``--metadata``)
fills the gaps these leave, before anything is inferred from the text: what a user
states about a document (its actor, its genre) is what attribution reads.
"""

from __future__ import annotations

__all__ = ["Description", "Sidecars", "describe"]

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ..text.language import detect_language
from .document import Document
from .genre import GENRE_COLUMNS, genre_metadata
from .header import metadata_from_text, metadata_from_title
from .join import MetadataJoin
from .metadata import METADATA_FIELDS, SIDECAR_NAME, Sidecar, load_sidecar, metadata_from_filename, parse_date, un_symbol_metadata
from .walk import FileEntry, shown

_TITLE_YEAR = re.compile(r"^\s*((?:19|20)\d{2})\s*年")


@dataclass(frozen=True)
class Description:
    """One document's id and metadata.

    ``doc_id``: given (a ``doc_id`` or, in a table, an ``id``) or its file name (with
    ``#row`` for a table row); ``fallback_id``: its path under the folder scanned, for
    when another document has taken ``doc_id``. ``fields``: its metadata as the
    documents table holds it (the metadata fields, the date as ISO text, and any
    further metadata, in order)."""

    doc_id: str
    fallback_id: str
    date: dt.date | None
    year: int | None
    language: str | None
    fields: dict


class Sidecars:
    """The ``metadata.csv`` of each folder, read once. A sidecar never fails the
    documents it describes: its problems are reported on its own row (or, for a file
    scanned on its own, in that document's warnings)."""

    def __init__(self):
        self._folders: dict[Path, Sidecar] = {}

    def of(self, folder: Path) -> Sidecar:
        if folder not in self._folders:
            self._folders[folder] = load_sidecar(folder)
        return self._folders[folder]

    def _around(self, entry: FileEntry) -> list[Sidecar]:
        """The sidecars that may name the file: its folder's, then those of the folders
        above it up to the one scanned (keys are paths relative to each sidecar)."""
        folders = [entry.path.parent]
        if not entry.explicit:
            root = entry.root
            while folders[-1] != root and root in folders[-1].parents:
                folders.append(folders[-1].parent)
        return [self.of(folder) for folder in folders]

    def row_for(self, entry: FileEntry) -> dict:
        """The file's metadata from the sidecars: the nearest sidecar naming it wins."""
        meta: dict = {}
        for sidecar in reversed(self._around(entry)):
            meta.update(sidecar.row_for(entry.path))
        return meta

    def notes(self, entry: FileEntry) -> list[str]:
        """Sidecar problems for a file named on its own: its folder's sidecar has no row
        of its own in the documents table to report them."""
        if not entry.explicit:
            return []
        return [f"{SIDECAR_NAME}: {s.problem}" for s in self._around(entry) if s.problem]

    def problem_of(self, entry: FileEntry) -> str | None:
        """For a sidecar file itself: what could not be used of it (None: all could)."""
        if entry.path.name != SIDECAR_NAME:
            return None
        sidecar = self.of(entry.path.parent)
        if not sidecar.problem:
            return None
        return f"metadata sidecar {'partly used' if sidecar.rows else 'not used'}: {sidecar.problem}"


def describe(entry: FileEntry, doc: Document, sidecars: Sidecars | None = None,
             joined: MetadataJoin | None = None) -> Description:
    """Merge what is known about ``doc``, read from ``entry``; ``joined``: a metadata
    table given to the scan."""
    meta = _stated(entry, doc, sidecars)
    doc_id, fallback_id = _ids(entry, doc, meta)
    if joined is not None:
        _join(meta, doc_id, joined)  # on what is stated: the table outranks inference
    meta = _fill_gaps(meta, doc.text)
    if joined is not None:
        _join(meta, doc_id, joined)  # a key known only from the text (an actor in a header)
    date, year = parse_date(meta.get("date"))
    if year is None:
        _, year = parse_date(meta.get("year"))
    if year is None and isinstance(meta.get("title"), str):
        m = _TITLE_YEAR.match(meta["title"])
        year = int(m.group(1)) if m else None
    language = meta.get("language") or detect_language(doc.text)
    meta.update(genre_metadata(meta, doc.text, language))  # the genre the text shows, where metadata is silent
    fields = {k: meta.get(k) for k in (*METADATA_FIELDS, *GENRE_COLUMNS)}
    # parsed values replace the raw ones
    fields["date"] = date.isoformat() if date else (str(meta["date"]) if meta.get("date") else None)
    fields["year"] = year
    fields["language"] = language
    return Description(doc_id, fallback_id, date, year, language, fields | _extras(meta))


def _stated(entry: FileEntry, doc: Document, sidecars: Sidecars | None) -> dict:
    """The file name's, the document's own (front matter, columns) and the sidecar's
    metadata."""
    meta = metadata_from_filename(entry.path) if doc.row is None else {}
    meta.update({k: v for k, v in doc.meta.items() if v is not None and v != ""})
    if doc.row is None and sidecars is not None:
        meta.update(sidecars.row_for(entry))
    return _language_code(meta)


def _language_code(meta: dict) -> dict:
    if meta.get("language") is not None:
        meta["language"] = str(meta["language"]).strip().lower()[:2] or None
    return meta


def _join(meta: dict, doc_id: str, joined: MetadataJoin) -> None:
    """Fill the gaps of ``meta`` from the table's row for the document (by its id, or
    its actor and session or year)."""
    probe = {**meta, "doc_id": doc_id}
    if parse_date(probe.get("year"))[1] is None:
        probe["year"] = parse_date(probe.get("date"))[1]
    before = set(k for k, v in probe.items() if v is not None)
    joined.fill(probe)
    meta.update({k: probe[k] for k in probe if k not in before and k not in ("doc_id", "id")})
    _language_code(meta)


def _fill_gaps(meta: dict, text: str) -> dict:
    """Add what the document says of itself (its header, its title) and what a known
    UN symbol or title implies, where the file name, front matter, table columns and
    sidecar are silent: what the user stated wins over what is inferred."""
    # a UN symbol says more than a header, and a header more than a title's wording
    inferred = metadata_from_title(str(meta["title"])) if meta.get("title") else {}
    inferred.update(metadata_from_text(text))
    if meta.get("symbol"):
        inferred.update(un_symbol_metadata(str(meta["symbol"])))
    stated_year = parse_date(meta.get("year"))[1] or parse_date(meta.get("date"))[1]
    if stated_year is not None and parse_date(inferred.get("date"))[1] not in (None, stated_year):
        del inferred["date"]  # a date from the text that contradicts the stated year
    for key, value in inferred.items():
        if meta.get(key) in (None, ""):
            meta[key] = value
    return meta


def _ids(entry: FileEntry, doc: Document, meta: dict) -> tuple[str, str]:
    """The document's id (given, or the file name) and one to use if that is taken
    (its path under the folder scanned)."""
    given = meta.get("doc_id") or (meta.get("id") if doc.row is not None else None)
    row = "" if doc.row is None else f"#{doc.row + 1}"
    if given is not None and str(given).strip():
        base = str(given).strip()
    else:
        base = shown(Path(entry.path.stem)) + row
    try:
        rel = entry.path.relative_to(entry.root) if entry.root != entry.path and entry.root.is_dir() else entry.path
    except ValueError:
        rel = entry.path
    return base, shown(rel.with_suffix("")) + row


# fields of the documents table that metadata cannot set, and names that are ids
_NOT_METADATA = frozenset({
    "doc_id", "id", "path", "row", "status", "reason", "encoding", "encoding_confidence", "chars", "tokens",
    "matches", "text_offset", "warnings", "content_hash", "minhash", "reinterpreted_uses", "prc_sense_share",
    *METADATA_FIELDS, *GENRE_COLUMNS,
})


def _extras(meta: dict) -> dict:
    """Further metadata (a speaker, a URL …), written as text unless a plain value."""
    return {k: v if isinstance(v, (str, int, float, bool)) else str(v) for k, v in meta.items() if k not in _NOT_METADATA}
