"""The result of a scan, however it was run: its two tables, the lexicon, and an exit
code a script or CI can act on."""

from __future__ import annotations

__all__ = ["ScanResult", "ScanCounts", "UniqueIds", "DocumentsWriter", "collect", "documents_table", "exit_code_for",
           "EXIT_OK", "EXIT_PARTIAL", "EXIT_FAILURE"]

import array
import hashlib
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .duplicates import CopyKeys, copy_kinds, group_copies
from .errors import EXIT_FAILURE, EXIT_OK, EXIT_PARTIAL
from .lexicon import Lexicon
from .pipeline import DocumentResult
from .tables import DOCUMENTS, MATCHES, ColumnKinds, RowSpill, write_rows


@dataclass
class ScanResult:
    """The tables of a scan: ``matches`` (one row per match) and ``documents`` (one row
    per document or unreadable file); see :mod:`phrasewatch.tables` for their columns.
    :func:`phrasewatch.summarize` gives a summary a person can read."""

    matches: pd.DataFrame
    documents: pd.DataFrame
    lexicon: Lexicon
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        """0 when every file was read (or skipped on purpose), 3 when some failed or were
        read incompletely, 2 when all failed."""
        return exit_code_for(self.documents)


def exit_code_for(documents: pd.DataFrame) -> int:
    """0 when every file was read (or skipped on purpose), 3 when some failed or some
    document's results are incomplete (its ``warnings``), 2 when all failed."""
    status = documents["status"] if len(documents) else pd.Series([], dtype=str)
    if (status == "error").any():
        return EXIT_FAILURE if not (status == "ok").any() else EXIT_PARTIAL
    if "warnings" in documents.columns and documents["warnings"].notna().any():
        return EXIT_PARTIAL  # read, but with results known to be incomplete (a pattern timed out, --max-matches)
    return EXIT_OK


@dataclass
class ScanCounts:
    """What a command needs of a scan whose tables went to files: how many documents and
    matches, the files that failed or were read incompletely (path and why), and the
    exit code, kept without the tables."""

    documents: int = 0
    matches: int = 0
    read: int = 0  # status ok
    failed: list[tuple[object, object]] = field(default_factory=list)
    incomplete: list[tuple[object, object]] = field(default_factory=list)

    def add(self, document: dict, matches: int = 0) -> None:
        self.documents += 1
        self.matches += matches
        status = document.get("status")
        self.read += status == "ok"
        if status == "error":
            self.failed.append((document.get("path"), document.get("reason")))
        warnings = document.get("warnings")
        if warnings is not None and warnings == warnings:  # not None or NaN, as notna()
            self.incomplete.append((document.get("path"), warnings))

    @classmethod
    def of(cls, documents: pd.DataFrame, matches: int = 0) -> ScanCounts:
        """The counts of a documents table."""
        counts = cls(matches=matches)
        columns = [c for c in ("status", "path", "reason", "warnings") if c in documents.columns]
        for row in documents[columns].to_dict("records"):
            counts.add(row)
        return counts

    @property
    def exit_code(self) -> int:
        """As :func:`exit_code_for` the documents table."""
        if self.failed:
            return EXIT_FAILURE if not self.read else EXIT_PARTIAL
        return EXIT_PARTIAL if self.incomplete else EXIT_OK


class UniqueIds:
    """Gives each document an id no other document of the scan has (in scan order).

    The ids seen are kept as 64-bit digests in a sorted array (8 bytes a document,
    where a set of strings took some 100): two different ids taken for one would
    rename the second, with odds of about one in 10^8 for half a million documents."""

    def __init__(self):
        self._sorted = np.zeros(0, dtype=np.uint64)
        self._recent: set[int] = set()

    @staticmethod
    def _digest(doc_id) -> int:
        return int.from_bytes(hashlib.blake2b(repr(doc_id).encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")

    def _seen(self, digest: int) -> bool:
        if digest in self._recent:
            return True
        if not len(self._sorted):  # fewer ids than a merge: no search
            return False
        at = int(np.searchsorted(self._sorted, np.uint64(digest)))
        return at < len(self._sorted) and int(self._sorted[at]) == digest

    def _add(self, digest: int) -> None:
        self._recent.add(digest)
        if len(self._recent) >= 65536:  # merged now and then: a sorted array costs 8 bytes an id
            self._sorted = np.union1d(self._sorted, np.fromiter(self._recent, dtype=np.uint64, count=len(self._recent)))
            self._recent = set()

    def assign(self, result: DocumentResult) -> DocumentResult:
        doc_id = result.document.get("doc_id")
        if doc_id is None:
            return result
        digest = self._digest(doc_id)
        if self._seen(digest):
            base = doc_id
            doc_id = result.fallback_id or base
            n = 2
            while self._seen(digest := self._digest(doc_id)):
                doc_id = f"{base}~{n}"
                n += 1
            result = result.renamed(doc_id)
        self._add(digest)
        return result


class DocumentsWriter:
    """Writes a scan's documents table to ``path`` without holding its rows: each
    document's row goes to a temporary file beside ``path`` as it comes, its copy
    fingerprint to :class:`~phrasewatch.duplicates.CopyKeys`; :meth:`close` groups the
    copies (which needs every document) and writes the table with ``group_id`` and
    ``copy_of_kind`` filled, the same bytes as :func:`documents_table` written whole
    (Parquet: the same schema and values). The file appears only when complete."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # hidden, so that a scan of the folder the table goes to never reads it
        self._folder = Path(tempfile.mkdtemp(prefix=f".{self.path.name}.", suffix=".spill", dir=self.path.parent))
        self.keys = CopyKeys(spill=self._folder)
        self.rows = RowSpill(self._folder)
        self.kinds = ColumnKinds(DOCUMENTS)
        # the kind of each row's doc_id, by code, with a doc_id of each kind: group_id's
        # kinds, known once the copies are, without reading the rows again
        self._id_kinds: dict = {}  # kind -> (code, a doc_id of that kind)
        self._id_codes = array.array("H")

    def add(self, record: dict) -> None:
        self.keys.add(record)
        row = dict(record)  # a copy without the columns the grouping fills or consumes, in order
        for name in ("minhash", "group_id", "copy_of_kind"):
            row.pop(name, None)
        self.kinds.add(row)
        self.rows.add(row)
        doc_id = row.get("doc_id")
        code = self._id_kinds.setdefault(self.kinds.kind_of("group_id", doc_id), (len(self._id_kinds), doc_id))[0]
        self._id_codes.append(code)

    def close(self) -> Path:
        """Group the copies and write the table, reading the rows once (each pass over
        the spilled rows cost 0.2 s for the UNGDC's 22,001)."""
        representative, kind = self.keys.group(lambda: ((i, row.get("doc_id"), row.get("path")) for i, row in self._rows()))
        positions = np.arange(len(representative))
        copies = representative != positions
        wanted = set(np.unique(representative[copies]).tolist())  # representatives of groups with copies
        # a group_id is the doc_id of a row that is its own group (a copy takes its
        # representative's): its kinds are those of such rows' doc_ids
        codes = np.frombuffer(self._id_codes, dtype=np.uint16) if len(self._id_codes) else np.zeros(0, dtype=np.uint16)
        own = set(np.unique(codes[~copies]).tolist())
        self.kinds.observe("group_id", [doc_id for code, doc_id in self._id_kinds.values() if code in own])
        self.kinds.observe("copy_of_kind", [copy_kinds[k] for k in np.unique(kind).tolist()])
        ids: dict[int, object] = {}  # the representatives' doc_ids, kept as their rows pass
        if np.any(representative[copies] > positions[copies]):
            # a representative after some of its copies (a copy marked by hand came
            # first): its doc_id is needed before its row comes
            ids = {i: row.get("doc_id") for i, row in self._rows() if i in wanted}

        def pieces() -> Iterator[list[dict]]:
            start = 0
            for piece in self.rows.pieces():
                out = []
                for offset, row in enumerate(piece):
                    i = start + offset
                    r = int(representative[i])
                    if i in wanted:
                        ids[i] = row.get("doc_id")
                    out.append({**row, "group_id": ids[r] if r != i else row.get("doc_id"), "copy_of_kind": copy_kinds[kind[i]]})
                start += len(piece)
                yield out

        return write_rows(DOCUMENTS, pieces(), self.kinds, self.path)

    def _rows(self) -> Iterator[tuple[int, dict]]:
        i = 0
        for piece in self.rows.pieces():
            for row in piece:
                yield i, row
                i += 1

    def discard(self) -> None:
        """Remove the temporary files (after :meth:`close`, or instead of it)."""
        self.keys.close()
        self.rows.close()
        shutil.rmtree(self._folder, ignore_errors=True)


def documents_table(records: list[dict]) -> pd.DataFrame:
    """The documents table from document rows (in scan order). Copies of one document
    are grouped here (``group_id``, ``copy_of_kind``), since that needs them all."""
    copies = group_copies(records)
    rows = []
    for record, copy in zip(records, copies, strict=True):
        row = {**record, **copy}
        row.pop("minhash", None)  # the fingerprint has served
        rows.append(row)
    return DOCUMENTS.frame(rows)


def collect(results: Iterable[DocumentResult], lexicon: Lexicon, started: float | None = None) -> ScanResult:
    """A :class:`ScanResult` of document results in scan order, their ids made unique."""
    ids = UniqueIds()
    documents, matches = [], []
    for result in results:
        result = ids.assign(result)
        documents.append(result.document)
        matches.extend(result.matches)
    seconds = time.perf_counter() - started if started is not None else 0.0
    return ScanResult(MATCHES.frame(matches), documents_table(documents), lexicon, seconds)
