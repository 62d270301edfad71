"""Scan documents for a lexicon's formulae. One way in for each kind of input, one
result for all:

- files and folders: :func:`scan` (:func:`iter_scan` lazily; :func:`write_scan` to
  files as results come, memory flat however large the corpus);
- text in memory: :func:`scan_text` (a string or a list of strings) and
  :func:`scan_frame` (a pandas DataFrame, one document per row, the other columns its
  metadata);
- a Dask cluster: :mod:`phrasewatch.cluster`.

Each returns a :class:`~phrasewatch.result.ScanResult` whose tables feed
:func:`phrasewatch.adoption` and the other scores. The pipeline itself, one document
at a time, is :mod:`phrasewatch.pipeline`; running it over files (workers, store) is
:mod:`phrasewatch.run`.
"""

from __future__ import annotations

__all__ = ["ScanResult", "ScanCounts", "DocumentResult", "scan", "iter_scan", "scan_text", "scan_frame", "write_scan",
           "default_jobs", "exit_code_for", "EXIT_OK", "EXIT_PARTIAL", "EXIT_FAILURE"]

import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pandas as pd

from . import resources
from .corpus.join import MetadataJoin
from .corpus.walk import walk
from .lexicon import Lexicon, load_lexicon
from .options import ScanOptions
from .pipeline import DocumentResult, DocumentScanner
from .result import (
    EXIT_FAILURE,
    EXIT_OK,
    EXIT_PARTIAL,
    DocumentsWriter,
    ScanCounts,
    ScanResult,
    UniqueIds,
    collect,
    exit_code_for,
)
from .run import default_jobs, run_entries
from .tables import MATCHES, StreamingTable, partial_path

Paths = str | Path | Iterable[str | Path] | None


def _paths(paths: Paths) -> list[Path]:
    """The files and folders to scan: one path or several; never text or a table."""
    if paths is None:
        return [resources.seeds_dir()]
    if isinstance(paths, (str, Path)):
        return [Path(paths)]
    if isinstance(paths, pd.DataFrame):
        raise TypeError("scan() takes file and folder paths; for a DataFrame of documents use "
                        "phrasewatch.scan_frame(frame, text_column=...)")
    if isinstance(paths, bytes):
        raise TypeError("scan() takes file and folder paths; for text use phrasewatch.scan_text(text)")
    try:
        listed = list(paths)
    except TypeError:
        raise TypeError(f"scan() takes a path or a list of paths, got {type(paths).__name__}") from None
    for path in listed:
        if not isinstance(path, (str, Path)):
            raise TypeError(f"scan() takes paths (str or pathlib.Path), got {type(path).__name__} in the list")
    return [Path(p) for p in listed]


def iter_scan(paths: Paths = None, *, lexicon: Lexicon | None = None, options: ScanOptions | None = None,
              metadata: str | Path | pd.DataFrame | None = None, exclude: Iterable[str | Path] = (),
              **option_keywords) -> Iterator[DocumentResult]:
    """Scan lazily: one :class:`DocumentResult` per document or unreadable file, in a
    stable order, with unique ids. See :func:`scan` for the parameters; ``exclude``:
    files not to read (the scan's own output files)."""
    lexicon = lexicon if lexicon is not None else load_lexicon()
    options = ScanOptions.of(options, **option_keywords)
    joined = MetadataJoin.of(metadata)  # read before the scan starts: a bad table fails at once
    own = [f"{options.store}{suffix}" for suffix in ("", "-wal", "-shm", "-journal")] if options.store is not None else []
    own += [partial_path(p) for p in exclude]  # an output being written is not an input either
    entries = walk(_paths(paths), exclude=[*exclude, *own])
    ids = UniqueIds()
    for result in run_entries(entries, lexicon, options, joined=joined):
        yield ids.assign(result)


def scan(paths: Paths = None, *, lexicon: Lexicon | None = None, options: ScanOptions | None = None,
         metadata: str | Path | pd.DataFrame | None = None, on_document: Callable[[DocumentResult], None] | None = None,
         **option_keywords) -> ScanResult:
    """Scan files and folders for the lexicon's formulae.

    Parameters
    ----------
    paths : a file or folder, or a list of them; None scans the bundled sample corpus
        ``seeds/``. (For text in memory use :func:`scan_text` or :func:`scan_frame`.)
    lexicon : a :class:`Lexicon`; None loads the bundled ``ccdm`` lexicon.
    options : a :class:`~phrasewatch.options.ScanOptions`; or its fields as keywords:
        ``kinds``, ``text_column``, ``encoding``, ``max_bytes``, ``jobs`` (None: one
        per core; the result is the same for any), ``store`` (an SQLite file: an
        interrupted scan resumes, and after a lexicon edit stored text is matched again
        without reading the files), ``chinese_tokens`` (the token unit of Chinese text:
        ``"characters"``, the default, or ``"jieba"``'s words).
    metadata : a table of further metadata (a file: .csv, .jsonl, .parquet, .xlsx; or a
        DataFrame) joined to the documents by ``doc_id``, by ``actor`` and ``session``, or
        by ``actor`` and ``year``; it fills gaps only, before attribution reads the
        actor and genre. The UNGDC speaker roster
        (``Speakers_by_session.xlsx``) is recognised and adds ``speaker``, ``post`` and
        ``country``.
    on_document : called with each document's result as it is done (progress).

    Returns
    -------
    ScanResult
        ``matches``: one row per match; ``documents``: one row per document or
        unreadable file (columns: :mod:`phrasewatch.tables`).

    Examples
    --------
    >>> result = scan()  # the bundled seeds
    >>> int(result.exit_code)
    0
    """
    lexicon = lexicon if lexicon is not None else load_lexicon()
    started = time.perf_counter()
    results = iter_scan(paths, lexicon=lexicon, options=options, metadata=metadata, **option_keywords)
    if on_document is not None:
        results = _observed(results, on_document)
    return collect(results, lexicon, started)


def _observed(results: Iterable[DocumentResult], on_document) -> Iterator[DocumentResult]:
    for result in results:
        on_document(result)
        yield result


def scan_frame(frame: pd.DataFrame, *, text_column: str = "text", lexicon: Lexicon | None = None,
               options: ScanOptions | None = None, **option_keywords) -> ScanResult:
    """Scan documents held in a DataFrame, one per row: ``text_column`` holds the text,
    every other column is metadata (``doc_id``, ``actor``, ``date``, ``parties``,
    ``genre`` …), as the columns of a table file are in :func:`scan`.

    >>> frame = pd.DataFrame({"text": ["Both sides support the Global Development Initiative."],
    ...                       "actor": ["IDN"], "year": [2024]})
    >>> scan_frame(frame).matches[["formula_id", "actor", "voice_actors"]].values.tolist()
    [['gdi', 'IDN', 'IDN']]
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"scan_frame() takes a pandas DataFrame, got {type(frame).__name__}; "
                        "for text use scan_text(), for files and folders scan()")
    if text_column not in frame.columns:
        raise ValueError(f"no column {text_column!r} (columns: {', '.join(map(str, frame.columns))}); "
                         "name the one holding the text with text_column=")
    lexicon = lexicon if lexicon is not None else load_lexicon()
    options = ScanOptions.of(options, **option_keywords)
    started = time.perf_counter()
    scanner = DocumentScanner(lexicon, options)
    records = frame.to_dict("records")
    return collect((scanner.process_record(i, r, text_column) for i, r in enumerate(records)), lexicon, started)


def scan_text(text: str | Iterable[str], *, lexicon: Lexicon | None = None, kinds: tuple[str, ...] = ("formula",),
              date=None, doc_id: str = "text", language: str | None = None, actor=None, parties=None,
              genre: str | None = None) -> ScanResult:
    """Scan text in memory: one string (one document, ``doc_id``) or a list of strings
    (one document each, ``doc_id#1`` …). The quickest way to try a sentence.

    ``date``, ``language``, ``actor``, ``parties`` and ``genre`` are the documents'
    metadata, which voice and stance read (a joint statement: ``parties="CHN;IDN",
    genre="joint_statement"``).

    >>> result = scan_text("双方同意推动构建人类命运共同体。")
    >>> result.matches[["formula_id", "voice", "stance"]].values.tolist()
    [['ccdm', 'author', 'endorse']]
    """
    if isinstance(text, str):
        texts, ids = [text], [doc_id]
    elif isinstance(text, (bytes, pd.DataFrame, Path)) or not isinstance(text, Iterable):
        raise TypeError(f"scan_text() takes a string or a list of strings, got {type(text).__name__}; "
                        "for a DataFrame use scan_frame(), for files and folders scan()")
    else:
        texts = list(text)
        if not all(isinstance(t, str) for t in texts):
            raise TypeError("scan_text() takes a string or a list of strings; decode bytes first")
        ids = [f"{doc_id}#{i + 1}" for i in range(len(texts))]
    meta = {k: v for k, v in {"date": date, "language": language, "actor": actor, "parties": parties,
                                "genre": genre}.items() if v is not None}
    frame = pd.DataFrame({"text": texts, "doc_id": ids, **{k: [v] * len(texts) for k, v in meta.items()}})
    return scan_frame(frame, lexicon=lexicon, kinds=kinds)


def write_scan(results: Iterable[DocumentResult], matches_path: str | Path | None, documents_path: str | Path, *,
               batch: int = 2_000, on_document: Callable[[DocumentResult], None] | None = None) -> ScanCounts:
    """Write a scan's tables to files as results come, memory flat however large the
    corpus: matches to ``matches_path`` in batches of ``batch`` rows (20,000 rows of
    Chinese reports, whose sentences are long, held 60 MB); documents to a temporary file
    beside ``documents_path``, then, with their groups of copies (which need every
    document's fingerprint, kept compactly), to ``documents_path``. The files are
    those :func:`scan`'s tables would make (CSV, TSV and JSONL byte for byte; Parquet
    with the same schema). Each appears only when complete; an interrupted scan
    leaves what was there before. Returns the counts, the failures and the exit code
    (``matches_path`` None: matches are counted only)."""
    table = StreamingTable(matches_path, MATCHES) if matches_path else None
    documents = DocumentsWriter(documents_path)
    counts = ScanCounts()
    pending: list[dict] = []
    try:
        for result in results:
            if on_document is not None:
                on_document(result)
            documents.add(result.document)
            counts.add(result.document, len(result.matches))
            if table is not None:
                pending.extend(result.matches)
                if len(pending) >= batch:
                    table.write(pending)
                    pending = []
        if table is not None:
            table.write(pending)
            table.close()
            table = None
        documents.close()
    finally:
        if table is not None:
            table.abort()
        documents.discard()
    return counts
