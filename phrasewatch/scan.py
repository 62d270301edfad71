"""Scan documents: walk, read, normalise, match, annotate; one row per document and one
per match. A file that cannot be read becomes a row with a reason; the scan goes on."""

from __future__ import annotations

__all__ = [
    "ScanResult",
    "DocumentResult",
    "DOCUMENT_COLUMNS",
    "scan",
    "iter_scan",
    "default_jobs",
    "scan_text",
    "with_integer_columns",
    "documents_frame",
    "exit_code_for",
    "MATCH_TABLE_COLUMNS",
    "EXIT_OK",
    "EXIT_PARTIAL",
    "EXIT_FAILURE",
]

import dataclasses
import functools
import hashlib
import json
import multiprocessing
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import resources
from .attribution import ATTRIBUTION_COLUMNS, attribute, china_voice
from .corpus.header import metadata_from_text, metadata_from_title
from .corpus.metadata import METADATA_FIELDS, metadata_from_filename, parse_date, read_sidecar, un_symbol_metadata
from .corpus.readers import READER_VERSION, Document, NoTextColumn, ReadOptions, read_path
from .corpus.walk import FileEntry, shown, walk
from .duplicates import COPY_COLUMNS, fingerprint, group_copies
from .errors import PhrasewatchError
from .lexicon import Lexicon, load_lexicon
from .match import MATCH_COLUMNS, Matcher, annotate
from .store import FileKey, Store, config_key
from .text import KeyedText
from .text.chars import MAYBE_HAN
from .text.language import detect_language
from .text.sentences import Sentences
from .text.tokens import TokenCounter

# Exit codes a CI can tell apart: everything read; some files failed; nothing usable.
EXIT_OK = 0
EXIT_FAILURE = 2
EXIT_PARTIAL = 3

DOCUMENT_COLUMNS = (
    "doc_id", "path", "row", "status", "reason", "encoding", "encoding_confidence", "chars", "tokens", "matches",
    "reinterpreted_uses", "prc_sense_share", *METADATA_FIELDS, "text_offset", "warnings", *COPY_COLUMNS,
)
_MATCH_DOC_COLUMNS = ("path", "title", "date", "year", "actor", "genre", "body", "session", "symbol", "parties")


@functools.lru_cache(maxsize=1)
def _results_version() -> str:
    """A hash of the code and data that shape a document's results (rules for voice and
    stance, the country table, the sense model …): a store recomputes results kept by
    any other version, rather than serve them with old rules. Stored text is kept."""
    package = Path(__file__).resolve().parent
    digest = hashlib.blake2b(digest_size=8)
    files = [*package.rglob("*.py"), *package.glob("data/*"), *(resources.lexicon_dir() / "models").glob("*.json")]
    for path in sorted(files, key=lambda p: p.as_posix()):
        if "_bundled" in path.parts and path.suffix == ".py":
            continue
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()

_TITLE_YEAR = re.compile(r"^\s*((?:19|20)\d{2})\s*年")


@dataclass
class DocumentResult:
    """What one document (or one unreadable file) contributes to a scan."""

    document: dict
    matches: list[dict] = field(default_factory=list)
    bytes_read: int = 0
    fallback_id: str | None = None  # the id to use if another document has taken its own


@dataclass
class ScanResult:
    """The tables of a scan: ``matches`` (one row per match) and ``documents``."""

    matches: pd.DataFrame
    documents: pd.DataFrame
    lexicon: Lexicon
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        """0 when every file was read (or skipped on purpose), 3 when some failed, 2 when all did."""
        return exit_code_for(self.documents)

    def summary(self, top: int = 10) -> str:
        from .report import summarize

        return summarize(self, top=top)


class _Scanner:
    """Holds what every document of one scan shares: matcher, token counter, sidecars."""

    def __init__(self, lexicon: Lexicon, kinds: tuple[str, ...], options: ReadOptions):
        self.lexicon = lexicon
        self.matcher = Matcher(lexicon, kinds=kinds)
        self.tokens = TokenCounter(key for p, key in self.matcher.keyed if p.language == "zh" and p.regex is None)
        self.options = options
        self._sidecars: dict[Path, dict] = {}
        self.read_key, self.config = _store_keys(lexicon, kinds, options)
        self.family = _store_family(kinds, self.read_key)
        self.formula_hashes = formula_hashes(self.matcher.lexicon)
        self._finders: dict[frozenset, Matcher | None] = {}

    def sidecar_row(self, path: Path) -> dict:
        folder = path.parent
        if folder not in self._sidecars:
            try:
                self._sidecars[folder] = read_sidecar(folder)
            except (ValueError, OSError) as exc:
                raise PhrasewatchError(str(exc)) from exc
        rows = self._sidecars[folder]
        return rows.get(path.name) or rows.get(path.stem) or {}

    @staticmethod
    def doc_ids(entry: FileEntry, doc: Document, meta: dict) -> tuple[str, str]:
        """The document's id (given, or the file name) and one to use if that is taken
        (its path under the folder scanned)."""
        given = meta.pop("doc_id", None) or (meta.get("id") if doc.row is not None else None)
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

    def metadata(self, entry: FileEntry, doc: Document) -> dict:
        meta = metadata_from_filename(entry.path) if doc.row is None else {}
        meta.update({k: v for k, v in doc.meta.items() if v is not None and v != ""})
        if doc.row is None:
            meta.update(self.sidecar_row(entry.path))
        if "language" in meta:
            meta["language"] = str(meta["language"]).strip().lower()[:2] or None
        return _fill_gaps(meta, doc.text)

    def process(self, entry: FileEntry, doc: Document) -> DocumentResult:
        meta = self.metadata(entry, doc)
        doc_id, fallback_id = self.doc_ids(entry, doc, meta)
        date, year = parse_date(meta.get("date"))
        if year is None:
            _, year = parse_date(meta.get("year"))
        if year is None and isinstance(meta.get("title"), str):
            m = _TITLE_YEAR.match(meta["title"])
            year = int(m.group(1)) if m else None
        language = meta.get("language") or detect_language(doc.text)
        # Most documents: the matcher normalises only windows around its phrases'
        # letters, and token counts and fingerprints read the key with its spaces as
        # they are (the same words and letters). Others: the whole key.
        keyed = KeyedText(doc.text)
        sentences = Sentences(doc.text)  # licences, annotation and attribution read the same sentences
        # short forms that count only where China speaks ask who voices them
        voice = china_voice(doc.text, language=language, actor=meta.get("actor"), parties=meta.get("parties"),
                            genre=meta.get("genre"), sentences=sentences)
        matches = self.matcher(keyed, voice=voice)
        warnings = matches.warnings
        counted = keyed.counting_key()
        rows = annotate(matches, self.matcher.lexicon, doc_id=doc_id, source=doc.text, date=date, year=year,
                        sentences=sentences)
        empty = not doc.text.strip()
        record = {
            **{k: meta.get(k) for k in METADATA_FIELDS},
            "doc_id": doc_id,
            "path": shown(entry.path),
            "row": doc.row,
            "status": "skipped" if empty else "ok",
            "reason": "empty document" if empty else None,
            "encoding": doc.encoding,
            "encoding_confidence": doc.encoding_confidence,
            "chars": len(doc.text),
            "tokens": self.tokens.count(counted),
            "matches": len(rows),
            "text_offset": doc.text_offset,
            "warnings": "; ".join(warnings) or None,
            **fingerprint(counted),  # grouped with the other documents' after the scan
            # parsed values replace the raw ones
            "date": date.isoformat() if date else (str(meta["date"]) if meta.get("date") else None),
            "year": year,
            "language": language,
        }
        extras = {k: v for k, v in meta.items() if k not in record and k not in ("id",)}
        for k, v in extras.items():
            record[k] = v if isinstance(v, (str, int, float, bool)) else str(v)
        attribute(rows, doc.text, self.matcher.lexicon, language=language, actor=record.get("actor"),
                  parties=record.get("parties"), genre=record.get("genre"), sentences=sentences)
        senses = [r["prc_sense"] for r in rows if r["prc_sense"] is not None]
        record["reinterpreted_uses"] = len(senses)
        record["prc_sense_share"] = round(sum(p >= 0.5 for p in senses) / len(senses), 4) if senses else None
        for row in rows:
            row.update({k: record.get(k) for k in _MATCH_DOC_COLUMNS})
            row["doc_language"] = language
        return DocumentResult(record, rows, fallback_id=fallback_id)

    def scan_entry(self, entry: FileEntry, documents=None, read: list | None = None) -> list[DocumentResult]:
        """Everything one walked file gives: its documents, or a row saying why none.

        ``documents``: already read (from a store) instead of reading the file;
        ``read``: a list that receives the documents read.
        """
        if entry.error:
            return [_failed(entry, "error", entry.error)]
        if entry.skip and not entry.explicit:
            return [_failed(entry, "skipped", entry.skip)]
        results: list[DocumentResult] = []
        try:
            size = entry.path.stat().st_size
            if size == 0 and documents is None:
                return [_failed(entry, "skipped", "empty file")]
            for doc in read_path(entry.path, self.options) if documents is None else documents:
                if read is not None:
                    read.append(doc)
                result = self.process(entry, doc)
                result.bytes_read = size if doc.row is None else 0
                results.append(result)
            if not results:
                results.append(_failed(entry, "skipped", "table with no rows"))
        except NoTextColumn as exc:
            # a data table found in a folder (say, a list of expected results) is not a
            # document; one the user named, or asked a text column of, is an error
            quiet = not entry.explicit and self.options.text_column is None
            results.append(_failed(entry, "skipped" if quiet else "error", str(exc)))
        except PhrasewatchError as exc:
            results.append(_failed(entry, "error", str(exc)))
        except OSError as exc:
            results.append(_failed(entry, "error", f"cannot read: {exc.strerror or exc}"))
        except (ValueError, UnicodeError) as exc:  # malformed tables and the like
            results.append(_failed(entry, "error", f"{type(exc).__name__}: {exc}"))
        return results

    def _finder(self, changed: frozenset) -> Matcher | None:
        """A matcher of the changed formulae that this lexicon has (None if it has none)."""
        if changed not in self._finders:
            lexicon = self.matcher.lexicon
            keep = {fid: f for fid, f in lexicon.formulae.items() if fid in changed}
            sub = Lexicon(formulae=keep, files=lexicon.files, names=lexicon.names, version=lexicon.version,
                          patterns=tuple(p for p in lexicon.patterns if p.formula_id in keep))
            self._finders[changed] = Matcher(sub, kinds=self.matcher.kinds) if keep else None
        return self._finders[changed]

    def _touched(self, doc: Document, old: DocumentResult, changed: frozenset) -> bool:
        """Whether a changed formula can alter this document's results: it matched
        before, or one of its patterns (blockers too) occurs now, or the document has
        Chinese text (whose token count reads the lexicon's phrases). An acronym alone
        cannot: it counts only after its formula is spelled out."""
        if any(row.get("formula_id") in changed for row in old.matches):
            return True
        finder = self._finder(changed)
        keyed = KeyedText(doc.text)
        if finder is not None and finder.occurs_in(keyed):
            return True
        if keyed.has_skeleton():  # no East Asian text, so no Chinese token count
            return False
        return MAYBE_HAN.search(keyed.whole().text) is not None

    def rematch(self, entry: FileEntry, documents: list[Document], stored: list[dict],
                hashes: dict[str, str]) -> list[DocumentResult] | None:
        """Results for stored text under this lexicon, from results stored under another
        of the same family: a document where no changed formula occurs keeps its
        results; the others are processed again. None when that cannot be done."""
        if len(stored) != len(documents) or "reinterpreted" in self.matcher.kinds:
            return None  # the sense model reads every reinterpreted word: no shortcut
        changed = frozenset(f for f in set(hashes) | set(self.formula_hashes) if hashes.get(f) != self.formula_hashes.get(f))
        results = []
        try:
            size = entry.path.stat().st_size
            for doc, old in zip(documents, stored, strict=True):
                old = DocumentResult(**old)
                if changed and self._touched(doc, old, changed):
                    old = self.process(entry, doc)
                    old.bytes_read = size if doc.row is None else 0
                results.append(old)
        except (PhrasewatchError, OSError, ValueError, UnicodeError):
            return None  # scan_entry records the failure
        return results

    def scan_stored(self, entry: FileEntry, store: Store | None) -> tuple[list[DocumentResult], tuple | None]:
        """``scan_entry`` through a store: stored results when the file and settings are
        the same, stored text when only the lexicon changed. Returns the results and
        what the scanning process should write to the store (None: nothing)."""
        if store is None or entry.error or (entry.skip and not entry.explicit):
            return self.scan_entry(entry), None
        try:
            key = FileKey.of(entry.path)
        except OSError:
            return self.scan_entry(entry), None
        stored = store.results(key, self.config)
        if stored is not None:
            return [DocumentResult(**r) for r in stored], None
        documents = store.documents(key, self.read_key)
        if documents is not None:
            documents = [Document(**d) for d in documents]
            earlier = store.results_of_family(key, self.family)
            rematched = self.rematch(entry, documents, *earlier) if earlier is not None else None
            return (rematched if rematched is not None else self.scan_entry(entry, documents)), (key, None)
        read: list[Document] = []
        results = self.scan_entry(entry, read=read)
        return results, (key, read)


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


def _store_keys(lexicon: Lexicon, kinds, options: ReadOptions) -> tuple[str, str]:
    """What a file's text depends on besides its bytes (how it is read), and what its
    results depend on besides its bytes and path (that, the lexicon and the kinds)."""
    read_key = config_key(READER_VERSION, options.text_column, options.encoding, options.max_bytes)
    return read_key, config_key(lexicon.version, tuple(kinds), read_key, _store_family(kinds, read_key))


def _store_family(kinds, read_key: str) -> str:
    """The config without its lexicon: results stored under another lexicon of the same
    family differ only where a formula that changed occurs."""
    return config_key(tuple(kinds), read_key, _results_version())


# what a formula's matches and rows do not depend on: where it is written, and its notes
_NOT_MATCHING = ("file", "line", "notes", "sources", "examples")


def formula_hashes(lexicon: Lexicon) -> dict[str, str]:
    """A hash of each formula's definition (forms, blockers, acronyms, metadata,
    context): two lexicons give a document the same results unless it holds a formula
    whose hash differs (or that only one of them has)."""
    out = {}
    for formula in lexicon:
        fields = {k: v for k, v in dataclasses.asdict(formula).items() if k not in _NOT_MATCHING}
        out[formula.id] = hashlib.sha256(json.dumps(fields, sort_keys=True, default=str).encode()).hexdigest()[:16]
    return out


class _UniqueIds:
    """Gives each document an id no other document of the scan has (in scan order)."""

    def __init__(self):
        self.seen: set[str] = set()

    def assign(self, result: DocumentResult) -> DocumentResult:
        doc_id = result.document.get("doc_id")
        if doc_id is None:
            return result
        base = doc_id
        if doc_id in self.seen:
            doc_id = result.fallback_id or base
            n = 2
            while doc_id in self.seen:
                doc_id = f"{base}~{n}"
                n += 1
            result.document["doc_id"] = doc_id
            for row in result.matches:
                row["doc_id"] = doc_id
        self.seen.add(doc_id)
        return result


# A worker process keeps one scanner (and a read-only store) for all its files.
_worker: tuple[_Scanner, Store | None] | None = None


def _start_worker(lexicon: Lexicon, kinds, options, store_path) -> None:
    # the parent's lexicon itself (inherited by a forked worker, pickled for a spawned
    # one): parsing the YAML again cost each worker 0.2 s, and a file edited meanwhile
    # cannot make the workers disagree with the parent
    global _worker
    _worker = (_Scanner(lexicon, kinds, options), Store(store_path, readonly=True) if store_path else None)


def _scan_in_worker(batch: list[FileEntry]) -> list:
    scanner, store = _worker
    return [scanner.scan_stored(entry, store) for entry in batch]


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


def _failed(entry: FileEntry, status: str, reason: str) -> DocumentResult:
    record = {c: None for c in DOCUMENT_COLUMNS}
    record.update({"doc_id": None, "path": shown(entry.path), "status": status, "reason": reason,
                   "chars": 0, "tokens": 0, "matches": 0})
    return DocumentResult(record)


def iter_scan(
    paths: Iterable[str | Path] | None = None,
    *,
    lexicon: Lexicon | None = None,
    kinds: tuple[str, ...] = ("formula",),
    text_column: str | None = None,
    encoding: str | None = None,
    max_bytes: int = ReadOptions.max_bytes,
    jobs: int | None = 1,
    store: str | Path | None = None,
    metadata: str | Path | pd.DataFrame | None = None,
    exclude: Iterable[str | Path] = (),
) -> Iterator[DocumentResult]:
    """Scan lazily: one :class:`DocumentResult` per document or unreadable file, in a
    stable order. See :func:`scan` for the parameters; ``exclude``: files not to read
    (the scan's own output files)."""
    from .corpus.join import MetadataJoin

    lexicon = lexicon if lexicon is not None else load_lexicon()
    joined = MetadataJoin.of(metadata)  # read before the scan starts: a bad table fails at once
    paths = [resources.seeds_dir()] if paths is None else list(paths)
    options = ReadOptions(text_column=text_column, encoding=encoding, max_bytes=max_bytes)
    jobs = default_jobs() if jobs is None else max(1, int(jobs))
    ids = _UniqueIds()
    own = [f"{store}{suffix}" for suffix in ("", "-wal", "-shm", "-journal")] if store is not None else []
    entries = walk(paths, exclude=[*exclude, *own])
    writer = Store(store) if store is not None else None
    if writer is not None:
        read_key, config = _store_keys(lexicon, kinds, options)
        writer.describe(config, _store_family(kinds, read_key), formula_hashes(lexicon.select(kinds)))
    try:
        if jobs == 1:
            scanner = _Scanner(lexicon, tuple(kinds), options)
            batches = (scanner.scan_stored(entry, writer) for entry in entries)
            yield from _record(batches, ids, writer, (scanner.read_key, scanner.config), joined)
            return
        # Workers read, normalise and match; results come back in walk order (imap), so
        # the output does not depend on how many workers there are. Only this process
        # writes to the store.
        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
        initargs = (lexicon, tuple(kinds), options, str(store) if store is not None else None)
        with context.Pool(jobs, initializer=_start_worker, initargs=initargs) as pool:
            keys = _store_keys(lexicon, kinds, options)
            batches = (result for batch in pool.imap(_scan_in_worker, _batches(entries)) for result in batch)
            yield from _record(batches, ids, writer, keys, joined)
    finally:
        if writer is not None:
            writer.close()


def _record(batches, ids: _UniqueIds, writer: Store | None, keys: tuple[str, str], joined=None, every: int = 200):
    """Yield results with unique ids and joined metadata, writing new ones to the store
    in batches (as the scan found them: a metadata table is not part of the store)."""
    read_key, config = keys
    for results, to_store in batches:
        if writer is not None and to_store is not None:
            key, documents = to_store
            writer.put(key, config, read_key, results, documents)
            if writer.pending >= every:
                writer.commit()
        for result in results:
            result = ids.assign(result)
            if joined is not None and result.document.get("doc_id") is not None:
                _join_metadata(result, joined)
            yield result


def _join_metadata(result: DocumentResult, joined) -> None:
    """Fill the document's gaps from the metadata table, and its matches' copies of them."""
    record = joined.fill(result.document)
    if record.get("year") is None and record.get("date"):
        record["year"] = parse_date(record["date"])[1]
    for row in result.matches:
        for column in _MATCH_DOC_COLUMNS:
            if row.get(column) is None and record.get(column) is not None:
                row[column] = record[column]


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


MATCH_TABLE_COLUMNS = (*MATCH_COLUMNS, *ATTRIBUTION_COLUMNS, *_MATCH_DOC_COLUMNS, "doc_language")


def documents_frame(documents: list[dict]) -> pd.DataFrame:
    """The documents table from document records (in scan order): the fixed columns
    first, then any extra metadata, mixed types written as text. Copies of one document
    are grouped here (``group_id``, ``copy_of_kind``), since that needs them all."""
    copies = group_copies(documents)
    doc_frame = pd.DataFrame.from_records([{**d, **c} for d, c in zip(documents, copies, strict=True)])
    doc_frame = doc_frame.drop(columns=["minhash"], errors="ignore")  # the fingerprint has served
    for column in DOCUMENT_COLUMNS:
        if column not in doc_frame.columns:
            doc_frame[column] = None
    extra = [c for c in doc_frame.columns if c not in DOCUMENT_COLUMNS]
    doc_frame = doc_frame[list(DOCUMENT_COLUMNS) + extra]
    for column in extra:  # metadata of mixed types (2024 here, "2024" there) as text, for Parquet
        values = doc_frame[column].dropna()
        if values.map(type).nunique() > 1:
            doc_frame[column] = doc_frame[column].map(lambda v: v if v is None or v != v else str(v))
    return with_integer_columns(doc_frame)


def exit_code_for(documents: pd.DataFrame) -> int:
    """0 when every file was read (or skipped on purpose), 3 when some failed, 2 when all did."""
    status = documents["status"] if len(documents) else pd.Series([], dtype=str)
    if (status == "error").any():
        return EXIT_FAILURE if not (status == "ok").any() else EXIT_PARTIAL
    return EXIT_OK


def _frames(results: Iterable[DocumentResult]) -> tuple[pd.DataFrame, pd.DataFrame]:
    documents, matches = [], []
    for r in results:
        documents.append(r.document)
        matches.extend(r.matches)
    match_frame = pd.DataFrame.from_records(matches, columns=list(MATCH_TABLE_COLUMNS))
    return with_integer_columns(match_frame), documents_frame(documents)


def with_integer_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Year, session, row and strength as nullable integers (not floats because some are missing)."""
    for column in ("year", "session", "row", "strength"):
        if column in frame.columns:
            frame[column] = pd.array(pd.to_numeric(frame[column], errors="coerce"), dtype="Int64")
    return frame


def scan(
    paths: Iterable[str | Path] | None = None,
    *,
    lexicon: Lexicon | None = None,
    kinds: tuple[str, ...] = ("formula",),
    text_column: str | None = None,
    encoding: str | None = None,
    max_bytes: int = ReadOptions.max_bytes,
    jobs: int | None = 1,
    store: str | Path | None = None,
    metadata: str | Path | pd.DataFrame | None = None,
    on_document: Callable[[DocumentResult], None] | None = None,
) -> ScanResult:
    """Scan files and folders for the lexicon's formulae.

    Parameters
    ----------
    paths : files or folders; None scans the bundled sample corpus ``seeds/``.
    lexicon : a :class:`Lexicon`; None loads the bundled ``ccdm`` lexicon.
    kinds : which kinds of formulae to match (``"formula"``, ``"reinterpreted"``).
    text_column : for tables (.csv, .jsonl, .parquet), the column holding the text.
    encoding : force an encoding instead of detecting one.
    max_bytes : larger files are recorded as errors instead of read.
    jobs : worker processes; None for one per core. The result is the same for any.
    store : an SQLite file (see :mod:`phrasewatch.store`): an interrupted scan resumes
        where it stopped, and after a lexicon edit stored text is matched again
        without reading the files.
    metadata : a table of further metadata (a file: .csv, .jsonl, .parquet, .xlsx; or a
        DataFrame) joined to the documents by ``doc_id``, by ``actor`` and ``session``, or
        by ``actor`` and ``year``; it fills gaps only. The UNGDC speaker roster
        (``Speakers_by_session.xlsx``) is recognised and adds ``speaker``, ``post`` and
        ``country``.
    on_document : called with each document's result as it is done (progress).

    Returns
    -------
    ScanResult
        ``matches``: one row per match (columns ``MATCH_COLUMNS`` plus document
        metadata); ``documents``: one row per document or unreadable file
        (``DOCUMENT_COLUMNS`` plus any extra metadata).

    Examples
    --------
    >>> result = scan()  # the bundled seeds
    >>> int(result.exit_code)
    0
    """
    lexicon = lexicon if lexicon is not None else load_lexicon()
    started = time.perf_counter()

    def results():
        for r in iter_scan(paths, lexicon=lexicon, kinds=kinds, text_column=text_column,
                           encoding=encoding, max_bytes=max_bytes, jobs=jobs, store=store, metadata=metadata):
            if on_document is not None:
                on_document(r)
            yield r

    matches, documents = _frames(results())
    return ScanResult(matches, documents, lexicon, time.perf_counter() - started)


def scan_text(text: str, *, lexicon: Lexicon | None = None, kinds: tuple[str, ...] = ("formula",),
              date=None, doc_id: str = "text", language: str | None = None, actor=None, parties=None,
              genre: str | None = None) -> pd.DataFrame:
    """Matches in one string, as a matches table: the quickest way to try a sentence.

    ``actor``, ``parties`` and ``genre`` are the metadata that voice and stance read
    (a joint statement: ``parties="CHN;IDN", genre="joint_statement"``).

    >>> scan_text("双方同意推动构建人类命运共同体。")[["formula_id", "voice", "stance"]].values.tolist()
    [['ccdm', 'author', 'endorse']]
    """
    lexicon = lexicon if lexicon is not None else load_lexicon()
    matcher = Matcher(lexicon, kinds=kinds)
    d, year = parse_date(date)
    sentences = Sentences(text)
    language = language or detect_language(text)
    matches = matcher(text, voice=china_voice(text, language=language, actor=actor, parties=parties, genre=genre,
                                              sentences=sentences))
    rows = annotate(matches, matcher.lexicon, doc_id=doc_id, source=text, date=d, year=year, sentences=sentences)
    attribute(rows, text, matcher.lexicon, language=language, actor=actor,
              parties=parties, genre=genre, sentences=sentences)
    return pd.DataFrame.from_records(rows, columns=[*MATCH_COLUMNS, *ATTRIBUTION_COLUMNS])
