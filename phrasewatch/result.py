"""The result of a scan, however it was run: its two tables, the lexicon, and an exit
code a script or CI can act on."""

from __future__ import annotations

__all__ = ["ScanResult", "UniqueIds", "collect", "documents_table", "exit_code_for", "EXIT_OK", "EXIT_PARTIAL",
           "EXIT_FAILURE"]

import time
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from .duplicates import group_copies
from .lexicon import Lexicon
from .pipeline import DocumentResult
from .tables import DOCUMENTS, MATCHES

# Exit codes a CI can tell apart: everything read; some files failed; nothing usable.
EXIT_OK = 0
EXIT_FAILURE = 2
EXIT_PARTIAL = 3


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


class UniqueIds:
    """Gives each document an id no other document of the scan has (in scan order)."""

    def __init__(self):
        self.seen: set[str] = set()

    def assign(self, result: DocumentResult) -> DocumentResult:
        doc_id = result.document.get("doc_id")
        if doc_id is None:
            return result
        if doc_id in self.seen:
            base = doc_id
            doc_id = result.fallback_id or base
            n = 2
            while doc_id in self.seen:
                doc_id = f"{base}~{n}"
                n += 1
            result = result.renamed(doc_id)
        self.seen.add(doc_id)
        return result


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
