"""The SQLite file behind ``--store``: its tables, and reading and writing them."""

from __future__ import annotations

__all__ = ["Store", "FileKey", "StoreError", "config_key"]

import functools
import hashlib
import json
import os
import sqlite3
import time
from dataclasses import dataclass, fields
from pathlib import Path

from ..corpus.walk import shown
from ..errors import PhrasewatchError
from ..text import KeyedText


class StoreError(PhrasewatchError):
    """The store cannot be used: one line saying what is wrong and what to do."""


def _explain(path: Path, exc: Exception) -> StoreError:
    """An SQLite error as what the user can do about it."""
    text = str(exc)
    lowered = text.lower()
    if "readonly" in lowered or "read-only" in lowered:
        advice = "it is read-only: make the file and its folder writable, or give another --store"
    elif "not a database" in lowered or "malformed" in lowered or "corrupt" in lowered:
        advice = (f"it is not a phrasewatch store or it is damaged ({text}): give another --store, or run again "
                  f"with --rebuild-store to move it aside (to {path.name}.damaged) and start a new one")
    elif "unable to open" in lowered:
        advice = f"cannot open it ({text}): check that its folder exists and can be written"
    elif "full" in lowered:
        advice = f"the disk is full ({text}): free some space and run the same command again; finished files are kept"
    elif "locked" in lowered or "busy" in lowered:
        advice = f"another process holds it ({text}): wait for it to finish, or give another --store"
    elif "disk i/o" in lowered:
        advice = f"reading or writing it failed ({text}): check the disk; --rebuild-store starts a new one"
    else:
        advice = f"{type(exc).__name__}: {text}; --rebuild-store moves it aside and starts a new one"
    return StoreError(f"store {path}: {advice}")


def _guarded(method):
    """SQLite errors (and undecodable stored values) as a :class:`StoreError`."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise _explain(self.path, exc) from exc
        except (ValueError, TypeError) as exc:  # a stored value that is not the JSON written
            raise _explain(self.path, sqlite3.DatabaseError(f"database disk image is malformed ({exc})")) from exc
    return wrapper

# Version 2: texts apart from their documents' fields (so the scanning process can look
# for a changed formula's letters in them without decoding JSON), results as references
# to outcomes (a re-match that keeps a file's results writes a reference, not a copy),
# and each file's stat signature (so an unchanged file is not hashed again).
_SCHEMA_VERSION = 2
_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    signature TEXT NOT NULL,      -- device, inode, size, mtime and ctime when it was hashed
    content_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS texts (
    content_hash TEXT NOT NULL,   -- sha256 of the file's bytes
    options TEXT NOT NULL,        -- how the file was read (text column, encoding)
    documents TEXT NOT NULL,      -- the documents read from it, without their text (JSON)
    texts BLOB NOT NULL,          -- their texts (UTF-8), one after another
    count INTEGER NOT NULL,       -- how many documents
    lookable INTEGER NOT NULL,    -- 1 if every text has a skeleton (see plan.py)
    PRIMARY KEY (content_hash, options)
);
CREATE TABLE IF NOT EXISTS outcomes (
    id INTEGER PRIMARY KEY,
    results TEXT NOT NULL         -- what a file gave: documents and matches (JSON)
);
CREATE TABLE IF NOT EXISTS results (
    path TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    config TEXT NOT NULL,         -- lexicon version, kinds and read options
    outcome INTEGER NOT NULL,     -- the outcomes row (shared by configs that give the same)
    PRIMARY KEY (path, content_hash, config)
);
CREATE TABLE IF NOT EXISTS configs (
    config TEXT PRIMARY KEY,
    family TEXT NOT NULL,         -- the config without its lexicon (kinds, read options, code)
    formulae TEXT NOT NULL        -- a hash of each formula's definition (JSON)
);
"""

# SQLite's limit on the parameters of one statement is 999 in older builds
_CHUNK = 900

# a file changed less than this before it was hashed may change again within the same
# mtime tick (coarse file systems): its signature is not trusted, it is hashed next time
_RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class FileKey:
    """A file by path and content: the same bytes under the same path have the same
    results; the same bytes anywhere have the same text."""

    path: str
    content_hash: str

    @classmethod
    def of(cls, path: Path) -> FileKey:
        return cls.signed(path)[0]

    @classmethod
    def signed(cls, path: Path) -> tuple[FileKey, str | None]:
        """The key and the file's stat signature (None when the file changed too
        recently for its signature to vouch for its content). Stat'ed before it is
        read: a file changed meanwhile has a newer signature, so is hashed again."""
        info = os.stat(path)
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        recent = max(info.st_mtime_ns, info.st_ctime_ns) > time.time_ns() - _RACY_NS
        return cls(shown(path), digest.hexdigest()), None if recent else file_signature(info)


def file_signature(info: os.stat_result) -> str:
    """What changes when a file's content may have (as git's index trusts it): device,
    inode, size, modification and status-change times (the latter cannot be set back)."""
    return f"{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"


def config_key(*parts) -> str:
    """A short stable key for the settings that change a file's results."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _chunks(items: list, size: int = _CHUNK):
    for i in range(0, len(items), size):
        yield items[i:i + size]


class Store:
    """The SQLite file behind ``phrasewatch scan --store FILE``.

    Parameters
    ----------
    path : the database file (created, with its folder, if missing).
    readonly : open for reading only (worker processes).
    rebuild : when the file is not a sound store (damaged, truncated, not a database),
        move it aside to ``PATH.damaged`` and start a new one.

    Raises
    ------
    StoreError
        When the store cannot be used (here or in any later call), saying why and what to do.
    """

    def __init__(self, path: str | Path, *, readonly: bool = False, rebuild: bool = False):
        self.path = Path(path)
        self._pending = 0
        self._references: list[tuple] = []
        self.db = None
        if readonly:
            self._open_readonly()
            return
        if self.path.parent and not self.path.parent.exists():
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"store {self.path}: cannot create its folder ({exc.strerror or exc})") from exc
        if rebuild and self.path.exists() and not self._sound():
            self._move_aside()
        self._open()

    @_guarded
    def _open_readonly(self) -> None:
        self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=60)

    @_guarded
    def _open(self) -> None:
        self.db = sqlite3.connect(self.path, timeout=60)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        if self.db.execute("PRAGMA user_version").fetchone()[0] < _SCHEMA_VERSION:
            # a store of an earlier version: its results would be recomputed anyway (the
            # code changed), and its text is laid out otherwise; both are read again
            self.db.executescript("DROP TABLE IF EXISTS results; DROP TABLE IF EXISTS texts;")
            self.db.execute(f"PRAGMA user_version={_SCHEMA_VERSION}")
        self.db.executescript(_SCHEMA)
        self.db.commit()

    def _sound(self) -> bool:
        """Whether the file is an SQLite database that passes SQLite's quick check."""
        try:
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=60)
            try:
                return db.execute("PRAGMA quick_check").fetchone() == ("ok",)
            finally:
                db.close()
        except sqlite3.Error:
            return False

    def _move_aside(self) -> None:
        """The damaged store (and its journal) to ``.damaged`` names, kept for whoever wants to look."""
        target = self.path.with_name(f"{self.path.name}.damaged")
        n = 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{self.path.name}.damaged-{n}")
        try:
            os.replace(self.path, target)
            for suffix in ("-wal", "-shm", "-journal"):
                extra = Path(f"{self.path}{suffix}")
                if extra.exists():
                    os.replace(extra, Path(f"{target}{suffix}"))
        except OSError as exc:
            raise StoreError(f"store {self.path}: cannot move the damaged store aside ({exc.strerror or exc})") from exc

    @_guarded
    def close(self) -> None:
        if self.db is None:
            return
        if self._pending:
            self.commit()
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # reading ----------------------------------------------------------------------

    @_guarded
    def results(self, key: FileKey, config: str) -> list[dict] | None:
        """The file's stored results (the fields of each DocumentResult) or None."""
        row = self.db.execute(
            "SELECT o.results FROM results r JOIN outcomes o ON o.id = r.outcome"
            " WHERE r.path=? AND r.content_hash=? AND r.config=?",
            (key.path, key.content_hash, config),
        ).fetchone()
        return None if row is None else json.loads(row[0])

    @_guarded
    def documents(self, key: FileKey, options: str) -> list[dict] | None:
        """The documents (fields of each Document) once read from these bytes, or None."""
        row = self.db.execute(
            "SELECT documents, texts FROM texts WHERE content_hash=? AND options=?", (key.content_hash, options)
        ).fetchone()
        return None if row is None else _documents(*row)

    @_guarded
    def results_of_family(self, key: FileKey, family: str) -> tuple[list[dict], dict] | None:
        """Results stored for the file under another lexicon of the same family, with
        that lexicon's formula hashes: what an edited lexicon can start from."""
        row = self.db.execute(
            "SELECT o.results, c.formulae FROM results r JOIN configs c ON r.config = c.config"
            " JOIN outcomes o ON o.id = r.outcome WHERE r.path=? AND r.content_hash=? AND c.family=? LIMIT 1",
            (key.path, key.content_hash, family),
        ).fetchone()
        return None if row is None else (json.loads(row[0]), json.loads(row[1]))

    @_guarded
    def count_results(self) -> int:
        return self.db.execute("SELECT count(*) FROM results").fetchone()[0]

    # reading in bulk (the scanning process, a batch of files at a time) ---------------

    @_guarded
    def signatures(self, paths: list[str]) -> dict[str, tuple[str, str]]:
        """``path: (signature, content_hash)`` of the files hashed before."""
        out = {}
        for part in _chunks(paths):
            marks = ",".join("?" * len(part))
            out.update((p, (sig, h)) for p, sig, h in
                       self.db.execute(f"SELECT path, signature, content_hash FROM files WHERE path IN ({marks})", part))
        return out

    @_guarded
    def outcomes(self, keys: list[FileKey], config: str) -> dict[FileKey, tuple[int, str]]:
        """``key: (outcome id, results as JSON)`` of the files with results under ``config``."""
        wanted = set(keys)
        out = {}
        for part in _chunks(sorted({k.path for k in keys})):
            marks = ",".join("?" * len(part))
            for path, content_hash, outcome, results in self.db.execute(
                    "SELECT r.path, r.content_hash, r.outcome, o.results FROM results r JOIN outcomes o ON o.id = r.outcome"
                    f" WHERE r.config=? AND r.path IN ({marks})", (config, *part)):
                key = FileKey(path, content_hash)
                if key in wanted:
                    out[key] = (outcome, results)
        return out

    @_guarded
    def family(self, family: str) -> dict[str, dict]:
        """``config: formula hashes`` of every config of ``family``."""
        return {config: json.loads(formulae) for config, formulae in
                self.db.execute("SELECT config, formulae FROM configs WHERE family=?", (family,))}

    @_guarded
    def family_outcomes(self, keys: list[FileKey], family: str) -> dict[FileKey, tuple[int, str, str]]:
        """``key: (outcome id, results as JSON, config)`` of results stored for the
        files under any lexicon of ``family`` (the latest such)."""
        wanted = set(keys)
        out = {}
        for part in _chunks(sorted({k.path for k in keys})):
            marks = ",".join("?" * len(part))
            for path, content_hash, outcome, results, config in self.db.execute(
                    "SELECT r.path, r.content_hash, r.outcome, o.results, r.config FROM results r"
                    " JOIN configs c ON c.config = r.config JOIN outcomes o ON o.id = r.outcome"
                    f" WHERE c.family=? AND r.path IN ({marks}) ORDER BY r.rowid", (family, *part)):
                key = FileKey(path, content_hash)
                if key in wanted:
                    out[key] = (outcome, results, config)
        return out

    @_guarded
    def texts(self, hashes: list[str], options: str) -> dict[str, tuple[int, bool, bytes]]:
        """``content_hash: (how many documents, whether every text has a skeleton, the
        texts as UTF-8 one after another)``."""
        out = {}
        for part in _chunks(sorted(set(hashes))):
            marks = ",".join("?" * len(part))
            out.update((h, (count, bool(lookable), texts)) for h, count, lookable, texts in self.db.execute(
                f"SELECT content_hash, count, lookable, texts FROM texts WHERE options=? AND content_hash IN ({marks})",
                (options, *part)))
        return out

    # writing (the scanning process only) ---------------------------------------------

    @_guarded
    def put(self, key: FileKey, config: str, options: str, results, documents=None, signature: str | None = None) -> None:
        """Record a file's results (and the documents read from it, if it was read, and
        the signature it had when it was hashed)."""
        if documents is not None:
            fields, texts, lookable = _laid_out(documents)
            self.db.execute("INSERT OR REPLACE INTO texts VALUES (?, ?, ?, ?, ?, ?)",
                            (key.content_hash, options, fields, texts, len(documents), lookable))
        if signature is not None:
            self.sign(key, signature)
        outcome = self.db.execute("INSERT INTO outcomes (results) VALUES (?)",
                                  (_dumps([_fields(r) for r in results]),)).lastrowid
        self.refer(key, config, outcome)

    @_guarded
    def sign(self, key: FileKey, signature: str) -> None:
        """Record the signature the file had when it was hashed."""
        self.db.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?)", (key.path, signature, key.content_hash))

    @_guarded
    def refer(self, key: FileKey, config: str, outcome: int) -> None:
        """Record that the file's results under ``config`` are a stored outcome (written
        with the next commit, many in one statement)."""
        self._references.append((key.path, key.content_hash, config, outcome))
        self._pending += 1

    @_guarded
    def describe(self, config: str, family: str, formulae: dict) -> None:
        """Record what a config is (once): its family and its formulae's hashes."""
        self.db.execute("INSERT OR IGNORE INTO configs VALUES (?, ?, ?)", (config, family, _dumps(formulae)))
        self.db.commit()

    @_guarded
    def commit(self) -> None:
        if self._references:
            self.db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?)", self._references)
            self._references = []
        self.db.commit()
        self._pending = 0

    @property
    def pending(self) -> int:
        return self._pending


# each stored document's fields say how many bytes of the texts are its own
_LENGTH = "stored_length"


def _laid_out(documents) -> tuple[str, bytes, bool]:
    """The documents' fields (JSON) and texts (UTF-8), apart, and whether every text has
    a skeleton (its ASCII letters and digits are its key's): only then can a changed
    formula's letters be looked for in its raw UTF-8 (see plan.py)."""
    fields, texts = [], []
    for doc in documents:
        record = _fields(doc)
        text = record.pop("text").encode("utf-8", "surrogatepass")
        record[_LENGTH] = len(text)
        fields.append(record)
        texts.append(text)
    lookable = all(KeyedText(doc.text).has_skeleton() for doc in documents)
    return _dumps(fields), b"".join(texts), lookable


def _documents(fields: str, texts: bytes) -> list[dict]:
    """The fields of each stored Document, its text again among them."""
    out, at = [], 0
    for record in json.loads(fields):
        length = record.pop(_LENGTH)
        record["text"] = texts[at:at + length].decode("utf-8", "surrogatepass")
        at += length
        out.append(record)
    return out


def _fields(record) -> dict:
    """A dataclass's fields as a dict, without copying them (dataclasses.asdict copies
    every nested match row, which took longer than writing them)."""
    return {f.name: getattr(record, f.name) for f in fields(record)}


def _dumps(value) -> str:
    # metadata can hold dates and numbers from tables: written as text when not JSON
    return json.dumps(value, ensure_ascii=False, default=str)
