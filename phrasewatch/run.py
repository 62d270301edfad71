"""Run the pipeline over walked files: in this process or in a pool of workers, through
the store when there is one. Results come back in walk order, so the output does not
depend on how many workers there are; only this process writes to the store."""

from __future__ import annotations

__all__ = ["default_jobs", "run_entries"]

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator

from .corpus.describe import Sidecars
from .corpus.join import MetadataJoin
from .corpus.walk import FileEntry
from .lexicon import Lexicon
from .options import ScanOptions
from .pipeline import DocumentResult, DocumentScanner, unread_results
from .store import Store, StoredScanner, StoreKeys, StoreRouter


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
    ``joined``: a metadata table filling the documents' gaps. With a store, this process
    answers what the store holds (:class:`StoreRouter`); the rest goes to the workers,
    which start only when there is such work."""
    keys = StoreKeys.of(lexicon, options, joined=joined.digest if joined is not None else None)
    writer = Store(options.store, rebuild=options.rebuild_store) if options.store is not None else None
    if writer is not None:
        writer.describe(keys.config, keys.family, keys.formulae)
    jobs = default_jobs() if options.jobs is None else options.jobs
    try:
        routed: Iterable = (StoreRouter(writer, keys, lexicon, options).route(entries) if writer is not None
                            else ((entry, None) for entry in entries))
        local = _Local((lexicon, options, joined, keys), writer)
        # without a store there is no re-match to spare a pool: workers from the first file
        # (the scanning process builds no matcher of its own, which cost it 75 MB)
        batches = (local.all(routed) if jobs == 1 else
                   _pooled(jobs, (lexicon, options, joined, keys), routed, local, alone=None if writer is not None else 0))
        for results, to_store in batches:
            if writer is not None and to_store is not None:
                to_store.write(writer, keys, results)
                if writer.pending >= commit_every:
                    writer.commit()
            yield from results
    finally:
        if writer is not None:
            writer.close()


class _Local:
    """Answers in this process: files that are not read (skipped or failing), which a
    worker would only send back, without a scanner; and a scanner, made when first
    needed, for every file with one job, else for the few files read before workers
    start (building it, the matcher above all, cost 0.25 s: a repeat scan, or one that
    skips its junk files, needs none)."""

    def __init__(self, initargs: tuple, store: Store | None):
        self.initargs = initargs
        self.store = store
        self._scanner: StoredScanner | None = None
        self._sidecars = Sidecars()

    def unread(self, entry: FileEntry) -> tuple | None:
        results = unread_results(entry, self._sidecars)
        return None if results is None else (results, None)

    def scan(self, entry: FileEntry) -> tuple:
        if self._scanner is None:
            lexicon, options, joined, keys = self.initargs
            self._scanner = StoredScanner(DocumentScanner(lexicon, options, joined), keys)
        return self._scanner.scan(entry, self.store)

    def all(self, routed: Iterable) -> Iterator[tuple]:
        for entry, answer in routed:
            yield answer if answer is not None else self.unread(entry) or self.scan(entry)


def _rows(answer: tuple) -> int:
    """What an answer holds: its documents and their matches."""
    return sum(1 + len(result.matches) for result in answer[0])


class _Batch:
    """Entries for one worker message, with the answers that came between them in walk
    order, then the worker's answers in their places."""

    def __init__(self):
        self.slots: list = []  # an answer, or None where a worker's answer goes
        self.entries: list[FileEntry] = []
        self.size = 0
        self.held = 0  # rows of the answers in slots
        self.sent = None

    def add(self, entry: FileEntry) -> None:
        self.slots.append(None)
        self.entries.append(entry)
        try:
            self.size += entry.path.stat().st_size
        except OSError:
            pass

    def answers(self) -> list:
        done = iter(self.sent.get())
        return [next(done) if slot is None else slot for slot in self.slots]


def _pooled(jobs: int, initargs: tuple, routed: Iterable, local: _Local, size: int = 1 << 20, most: int = 64,
            waiting: int = 20_000, alone: int | None = None) -> Iterator:
    """Answers in walk order: the router's and ``local``'s at once, the others from a
    pool of workers, in batches of about ``size`` bytes of files to read (at most
    ``most`` entries): one message to a worker and one back per batch. With eight files
    a message, the parent (which also walks and writes the tables) spent 3 s of CPU
    beside the workers' 8 s on the UN speeches, mostly on messages; batches this small
    still keep the workers evenly busy to the end. The first ``alone`` bytes of files to
    read are scanned here (a re-match after adding a formula reads a few files: starting
    workers, each building its matcher, cost more than reading them); the pool starts
    with the next batch. Answers wait behind an unfinished batch up to ``waiting`` rows
    (documents and their matches): a count of answers let a re-match hold thousands of
    the store's answers, each with all its matches, while a worker read a file."""
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    pool = None
    queue: deque = deque()  # answers and batches, in walk order
    filling: _Batch | None = None
    sent = 0
    held = 0  # rows of the answers waiting here

    def send(batch: _Batch) -> None:
        nonlocal pool, sent, filling
        if pool is None:
            pool = context.Pool(jobs, initializer=_start_worker, initargs=initargs)
        batch.sent = pool.apply_async(_scan_in_worker, (batch.entries,))
        sent += 1
        if batch is filling:
            filling = None

    def ready(item) -> bool:
        return not isinstance(item, _Batch) or (item.sent is not None and item.sent.ready())

    def take(item) -> list:
        nonlocal sent, held
        if not isinstance(item, _Batch):
            held -= _rows(item)
            return [item]
        if item.sent is None:
            send(item)
        sent -= 1
        held -= item.held
        return item.answers()

    alone_left = ALONE_BYTES if alone is None else alone
    try:
        for entry, answer in routed:
            if answer is None:
                answer = local.unread(entry)
            if answer is None and pool is None and alone_left > 0:
                # the first files here: a re-match that reads a few files needs no pool
                try:
                    alone_left -= entry.path.stat().st_size
                except OSError:
                    pass
                answer = local.scan(entry)
            if answer is not None:
                # behind a batch being filled it waits in the batch, to keep walk order
                rows = _rows(answer)
                held += rows
                if filling is not None:
                    filling.slots.append(answer)
                    filling.held += rows
                    if filling.held > waiting:
                        send(filling)
                else:
                    queue.append(answer)
            else:
                if filling is None:
                    filling = _Batch()
                    queue.append(filling)
                filling.add(entry)
                if filling.size >= size or len(filling.entries) >= most:
                    send(filling)
            while queue and (ready(queue[0]) or sent > 2 * jobs or held > waiting):
                yield from take(queue.popleft())
        while queue:
            yield from take(queue.popleft())
    finally:
        if pool is not None:
            pool.terminate()


# bytes of files to read that the scanning process reads itself before it starts workers
ALONE_BYTES = 2 << 20


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
