"""Run the pipeline over walked files: in this process or in a pool of workers, through
the store when there is one. Results come back in walk order, so the output does not
depend on how many workers there are; only this process writes to the store."""

from __future__ import annotations

__all__ = ["default_jobs", "run_entries"]

import multiprocessing
import os
from collections.abc import Iterable, Iterator

from .corpus.join import MetadataJoin
from .corpus.walk import FileEntry
from .lexicon import Lexicon
from .options import ScanOptions
from .pipeline import DocumentResult, DocumentScanner
from .store import Store, StoredScanner, StoreKeys


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def run_entries(entries: Iterable[FileEntry], lexicon: Lexicon, options: ScanOptions, *,
                joined: MetadataJoin | None = None, commit_every: int = 200) -> Iterator[DocumentResult]:
    """Each entry's results, in order, read and matched by ``options.jobs`` processes
    (None: one per core), new ones written to ``options.store`` in batches;
    ``joined``: a metadata table filling the documents' gaps."""
    keys = StoreKeys.of(lexicon, options, joined=joined.digest if joined is not None else None)
    writer = Store(options.store, rebuild=options.rebuild_store) if options.store is not None else None
    if writer is not None:
        writer.describe(keys.config, keys.family, keys.formulae)
    jobs = default_jobs() if options.jobs is None else options.jobs
    try:
        if jobs == 1:
            scanner = StoredScanner(DocumentScanner(lexicon, options, joined), keys)
            batches: Iterable = (scanner.scan(entry, writer) for entry in entries)
        else:
            batches = _pooled(jobs, (lexicon, options, joined, keys), entries)
        for results, to_store in batches:
            if writer is not None and to_store is not None:
                key, documents = to_store
                writer.put(key, keys.config, keys.read, results, documents)
                if writer.pending >= commit_every:
                    writer.commit()
            yield from results
    finally:
        if writer is not None:
            writer.close()


def _pooled(jobs: int, initargs: tuple, entries: Iterable[FileEntry]) -> Iterator:
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with context.Pool(jobs, initializer=_start_worker, initargs=initargs) as pool:
        for batch in pool.imap(_scan_in_worker, _batches(entries)):
            yield from batch


# A worker process keeps one scanner (and a read-only store) for all its files.
_worker: tuple[StoredScanner, Store | None] | None = None


def _start_worker(lexicon: Lexicon, options: ScanOptions, joined: MetadataJoin | None, keys: StoreKeys) -> None:
    # the parent's lexicon itself (inherited by a forked worker, pickled for a spawned
    # one): parsing the YAML again cost each worker 0.2 s, and a file edited meanwhile
    # cannot make the workers disagree with the parent
    global _worker
    store = Store(options.store, readonly=True) if options.store is not None else None
    _worker = (StoredScanner(DocumentScanner(lexicon, options, joined), keys), store)


def _scan_in_worker(batch: list[FileEntry]) -> list:
    scanner, store = _worker
    return [scanner.scan(entry, store) for entry in batch]


def _batches(entries: Iterable[FileEntry], size: int = 1 << 20, most: int = 64) -> Iterator[list[FileEntry]]:
    """Entries in walk order, in batches of about ``size`` bytes of files to read (at
    most ``most`` entries): one message to a worker and one back per batch. With eight
    files a message, the parent (which also walks and writes the tables) spent 3 s of
    CPU beside the workers' 8 s on the UN speeches, mostly on messages, and on two
    cores it competes with them; batches this small still keep the workers evenly
    busy to the end."""
    batch: list[FileEntry] = []
    total = 0
    for entry in entries:
        batch.append(entry)
        if not (entry.error or entry.skip):
            try:
                total += entry.path.stat().st_size
            except OSError:
                pass
        if total >= size or len(batch) >= most:
            yield batch
            batch, total = [], 0
    if batch:
        yield batch
