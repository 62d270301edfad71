"""Scans beyond one machine, on a Dask cluster (``pip install "phrasewatch[dask]"``).

The tables are the same as a local :func:`phrasewatch.scan` of the same input: each
partition runs the same scanner, results come back in input order, and document ids
are made unique in that order here, as a local scan does.

:func:`iter_scan_on_dask` yields the results as partitions finish, with only a few
partitions in flight, so that :func:`phrasewatch.write_scan` writes the tables with
memory flat however large the corpus::

    write_scan(iter_scan_on_dask(["/shared/corpus"]), "matches.csv", "documents.csv")

:func:`scan_on_dask` collects the same results into a :class:`ScanResult`.

Each worker thread builds its scanner (matcher, Hyperscan databases, models) once and
keeps it for every partition it scans, and for later scans with the same lexicon and
options; the lexicon travels to each worker once per scan, not with every partition.

Files must be readable by the workers under the same paths (a shared or network file
system); for text already in memory or in the cloud, scan a bag or DataFrame of
documents with :func:`scan_documents_on_dask`.
"""

from __future__ import annotations

__all__ = ["iter_scan_on_dask", "scan_on_dask", "scan_documents_on_dask", "FILES_PER_PARTITION"]

import hashlib
import itertools
import os
import pickle
import threading
import time
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import resources
from .corpus.walk import FileEntry, walk
from .lexicon import Lexicon, load_lexicon
from .options import ScanOptions
from .pipeline import DocumentResult, DocumentScanner
from .result import ScanResult, UniqueIds, collect
from .tables import partial_path

# Files a task scans. On 12,891 files of UNGDC speeches and Chinese reports (2 workers),
# 25 a task cost the client (which runs a LocalCluster's scheduler) 12 s of CPU, 100 to
# 400 about 8 s; 200 files are a few seconds of a worker's time, small enough that the
# workers finish together.
FILES_PER_PARTITION = 200


def _dask():
    try:
        import dask
        import dask.bag  # noqa: F401 - the extra's parts, checked together
    except ImportError as exc:  # pragma: no cover - depends on the extra
        raise ImportError('scanning on Dask needs the dask extra: pip install "phrasewatch[dask]"') from exc
    return dask


@dataclass(frozen=True)
class _ScannerSpec:
    """What a worker needs to make one scan's scanner: the lexicon and options pickled
    (unpickled only by a worker thread that holds no scanner for them), their digest,
    and an id of the scan, which reads the folders' sidecars afresh."""

    key: str
    payload: bytes
    scan: str

    @classmethod
    def of(cls, lexicon: Lexicon, options: ScanOptions) -> _ScannerSpec:
        payload = pickle.dumps((lexicon, options), protocol=pickle.HIGHEST_PROTOCOL)
        return cls(hashlib.blake2b(payload, digest_size=16).hexdigest(), payload, uuid.uuid4().hex)

    def __dask_tokenize__(self):
        return self.scan  # unique to the scan: spares Dask hashing the payload


# A worker thread's scanner, kept between tasks: (key, scan, scanner). One a thread, as
# a local scan's worker processes each keep one (and a Hyperscan scratch is one thread's).
_held = threading.local()


def _scanner_for(spec: _ScannerSpec) -> DocumentScanner:
    held = getattr(_held, "scanner", None)
    if held is not None and held[1] == spec.scan:
        return held[2]
    if held is not None and held[0] == spec.key:
        scanner = held[2].anew()  # the same lexicon and options: only the sidecars are read again
    else:
        _held.scanner = None  # the old scanner goes before the new one is built
        lexicon, options = pickle.loads(spec.payload)
        scanner = DocumentScanner(lexicon, options)
    _held.scanner = (spec.key, spec.scan, scanner)
    return scanner


def _scan_entries(entries: list[FileEntry], spec: _ScannerSpec) -> list[DocumentResult]:
    scanner = _scanner_for(spec)
    return [result for entry in entries for result in scanner.scan_entry(entry)]


def _scan_records(records, start: int, spec: _ScannerSpec, text_column: str) -> list[DocumentResult]:
    scanner = _scanner_for(spec)
    return [scanner.process_record(index, record, text_column) for index, record in enumerate(records, start)]


def _partitions(entries: Iterable[FileEntry], size: int) -> Iterator[list[FileEntry]]:
    entries = iter(entries)
    while part := list(itertools.islice(entries, size)):
        yield part


def _distributed_client():
    """The ``distributed.Client`` that ``dask.compute`` would use now, or None (a local
    scheduler: none is active, or the configuration names another)."""
    from dask.base import get_scheduler

    scheduler = get_scheduler()
    owner = getattr(scheduler, "__self__", None)  # Client.get, bound to its client
    try:
        from distributed import Client
    except ImportError:  # pragma: no cover - the extra installs it
        return None
    return owner if isinstance(owner, Client) else None


def _scanned_in_order(parts: Iterator[list[FileEntry]], spec: _ScannerSpec,
                      in_flight: int | None) -> Iterator[list[DocumentResult]]:
    """Each partition's results, in order, with at most ``in_flight`` partitions
    submitted and not yet taken (None: four for each worker thread): the client holds
    one partition's results at a time, the workers those finished ahead of it."""
    dask = _dask()
    client = _distributed_client()
    if client is None:
        # a local scheduler computes a window of partitions at a time
        shared = dask.delayed(spec, traverse=False)
        limit = in_flight or 4 * (os.cpu_count() or 1)
        while window := list(itertools.islice(parts, limit)):
            yield from dask.compute(*[dask.delayed(_scan_entries)(part, shared) for part in window])
        return
    shared = client.scatter(spec, broadcast=True, hash=False)  # to each worker once, not in every task
    limit = in_flight or 4 * max(1, sum(client.nthreads().values()))
    waiting: deque = deque()
    try:
        for part in parts:
            waiting.append(client.submit(_scan_entries, part, shared, pure=False))
            if len(waiting) >= limit:
                yield waiting.popleft().result()  # the future dropped: the worker frees the results
        while waiting:
            yield waiting.popleft().result()
    finally:
        if waiting:
            client.cancel(list(waiting))  # a scan stopped early leaves no work behind


def iter_scan_on_dask(
    paths: str | Path | Iterable[str | Path] | None = None,
    *,
    lexicon: Lexicon | None = None,
    options: ScanOptions | None = None,
    exclude: Iterable[str | Path] = (),
    files_per_partition: int = FILES_PER_PARTITION,
    in_flight: int | None = None,
    **option_keywords,
) -> Iterator[DocumentResult]:
    """Scan files on the current Dask scheduler (a ``distributed.Client`` if one is
    active), lazily: one :class:`DocumentResult` per document or unreadable file, in the
    order of :func:`phrasewatch.iter_scan`, with the same unique ids. Files are walked
    here as the scan goes and read on the workers, ``files_per_partition`` a task, with
    at most ``in_flight`` tasks submitted ahead of the one whose results come next
    (default: four for each worker thread), so memory here and on the workers stays
    flat. Parameters as :func:`phrasewatch.iter_scan` (``jobs`` and ``store`` do not
    apply: the cluster runs the work)."""
    _dask()
    lexicon = lexicon if lexicon is not None else load_lexicon()
    options = ScanOptions.of(options, **option_keywords)
    if files_per_partition < 1:
        raise ValueError(f"files_per_partition must be at least 1, got {files_per_partition}")
    paths = [resources.seeds_dir()] if paths is None else [paths] if isinstance(paths, (str, Path)) else list(paths)
    exclude = list(exclude)
    # an output being written (or its partial file) is not an input
    entries = walk(paths, exclude=[*exclude, *(partial_path(p) for p in exclude)])
    ids = UniqueIds()
    for results in _scanned_in_order(_partitions(entries, files_per_partition), _ScannerSpec.of(lexicon, options), in_flight):
        for result in results:
            yield ids.assign(result)


def scan_on_dask(
    paths: str | Path | Iterable[str | Path] | None = None,
    *,
    lexicon: Lexicon | None = None,
    options: ScanOptions | None = None,
    files_per_partition: int = FILES_PER_PARTITION,
    in_flight: int | None = None,
    **option_keywords,
) -> ScanResult:
    """:func:`iter_scan_on_dask` collected into the tables of a :class:`ScanResult`, in
    memory here; for a large corpus write them to files with
    ``write_scan(iter_scan_on_dask(...), matches_path, documents_path)``."""
    started = time.perf_counter()
    lexicon = lexicon if lexicon is not None else load_lexicon()
    results = iter_scan_on_dask(paths, lexicon=lexicon, options=options, files_per_partition=files_per_partition,
                                in_flight=in_flight, **option_keywords)
    return collect(results, lexicon, started)


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
    dask = _dask()
    started = time.perf_counter()
    lexicon = lexicon if lexicon is not None else load_lexicon()
    options = ScanOptions.of(options, **option_keywords)
    if not isinstance(documents, dask.bag.Bag):
        documents = documents.to_bag(index=False, format="dict")
    # Documents are numbered in input order, which needs each partition's length first
    # (partitions are computed twice: persist the collection first if that is costly).
    parts = documents.to_delayed()
    lengths = dask.compute(*[dask.delayed(lambda part: len(list(part)))(p) for p in parts])
    offsets = [sum(lengths[:i]) for i in range(len(parts))]
    shared = dask.delayed(_ScannerSpec.of(lexicon, options), traverse=False)  # one node: sent to each worker once
    scanned = [dask.delayed(_scan_records)(p, start, shared, text_column) for p, start in zip(parts, offsets, strict=True)]
    return collect(itertools.chain.from_iterable(dask.compute(*scanned)), lexicon, started)
