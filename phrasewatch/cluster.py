"""Scans beyond one machine, on a Dask cluster (``pip install "phrasewatch[dask]"``).

The tables are the same as a local :func:`phrasewatch.scan` of the same input: each
partition runs the same scanner, results come back in input order, and document ids
are made unique in that order here, as a local scan does.

Files must be readable by the workers under the same paths (a shared or network file
system); for text already in memory or in the cloud, scan a bag or DataFrame of
documents with :func:`scan_documents_on_dask`.
"""

from __future__ import annotations

__all__ = ["scan_on_dask", "scan_documents_on_dask"]

import time
from collections.abc import Iterable
from pathlib import Path

from . import resources
from .corpus.walk import FileEntry, walk
from .lexicon import Lexicon, load_lexicon
from .options import ScanOptions
from .pipeline import DocumentScanner
from .result import ScanResult, collect


def _dask_bag():
    try:
        import dask.bag
    except ImportError as exc:  # pragma: no cover - depends on the extra
        raise ImportError('scanning on Dask needs the dask extra: pip install "phrasewatch[dask]"') from exc
    return dask.bag


def _scan_entries(entries: list[FileEntry], lexicon: Lexicon, options: ScanOptions) -> list:
    scanner = DocumentScanner(lexicon, options)
    return [scanner.scan_entry(entry) for entry in entries]


def _scan_records(records, start: int, lexicon: Lexicon, options: ScanOptions, text_column: str) -> list:
    scanner = DocumentScanner(lexicon, options)
    return [[scanner.process_record(index, record, text_column)] for index, record in enumerate(records, start)]


def _collect(batches, lexicon: Lexicon, started: float) -> ScanResult:
    return collect((result for batch in batches for result in batch), lexicon, started)


def scan_on_dask(
    paths: Iterable[str | Path] | None = None,
    *,
    lexicon: Lexicon | None = None,
    options: ScanOptions | None = None,
    partitions: int | None = None,
    **option_keywords,
) -> ScanResult:
    """Scan files on the current Dask scheduler (a ``distributed.Client`` if one is
    active). Parameters as :func:`phrasewatch.scan` (``jobs`` and ``store`` do not
    apply: the cluster runs the work); ``partitions``: how many pieces to cut the file
    list into (default: about 100 files each)."""
    bag = _dask_bag()
    started = time.perf_counter()
    lexicon = lexicon if lexicon is not None else load_lexicon()
    options = ScanOptions.of(options, **option_keywords)
    paths = [resources.seeds_dir()] if paths is None else [paths] if isinstance(paths, (str, Path)) else list(paths)
    entries = list(walk(paths))  # walked here, read there
    if not entries:
        return _collect([], lexicon, started)
    npartitions = partitions or max(1, len(entries) // 100)
    files = bag.from_sequence(entries, npartitions=min(npartitions, len(entries)))
    batches = files.map_partitions(_scan_entries, lexicon, options).compute()
    return _collect(batches, lexicon, started)


def scan_documents_on_dask(
    documents,
    *,
    text_column: str = "text",
    lexicon: Lexicon | None = None,
    options: ScanOptions | None = None,
    **option_keywords,
) -> ScanResult:
    """Scan a Dask bag of dicts, or a Dask DataFrame, one document per item or row.

    ``text_column`` holds the text; every other field becomes metadata (``doc_id``,
    ``actor``, ``date`` …), as the columns of a DataFrame do in
    :func:`phrasewatch.scan_frame`, which gives the same tables.
    """
    bag = _dask_bag()
    import dask

    started = time.perf_counter()
    lexicon = lexicon if lexicon is not None else load_lexicon()
    options = ScanOptions.of(options, **option_keywords)
    if not isinstance(documents, bag.Bag):
        documents = documents.to_bag(index=False, format="dict")
    # Documents are numbered in input order, which needs each partition's length first
    # (partitions are computed twice: persist the collection first if that is costly).
    parts = documents.to_delayed()
    lengths = dask.compute(*[dask.delayed(lambda part: len(list(part)))(p) for p in parts])
    offsets = [sum(lengths[:i]) for i in range(len(parts))]
    scanned = [dask.delayed(_scan_records)(p, start, lexicon, options, text_column)
               for p, start in zip(parts, offsets, strict=True)]
    batches = [batch for part in dask.compute(*scanned) for batch in part]
    return _collect(batches, lexicon, started)
