"""The SQLite file behind ``--store``: its tables, and reading and writing them."""

from __future__ import annotations

__all__ = ["Store", "FileKey", "StoreError", "config_key"]

import functools
import hashlib
import json
import os
import sqlite3
from dataclasses import dataclass, fields
from pathlib import Path

from ..corpus.walk import shown
from ..errors import PhrasewatchError


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

_SCHEMA = """
CREATE TABLE IF NOT EXISTS texts (
    content_hash TEXT NOT NULL,   -- sha256 of the file's bytes
    options TEXT NOT NULL,        -- how the file was read (text column, encoding)
    documents TEXT NOT NULL,      -- the documents read from it (JSON)
    PRIMARY KEY (content_hash, options)
);
CREATE TABLE IF NOT EXISTS results (
    path TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    config TEXT NOT NULL,         -- lexicon version, kinds and read options
    results TEXT NOT NULL,        -- what the file gave: documents and matches (JSON)
    PRIMARY KEY (path, content_hash, config)
);
CREATE TABLE IF NOT EXISTS configs (
    config TEXT PRIMARY KEY,
    family TEXT NOT NULL,         -- the config without its lexicon (kinds, read options, code)
    formulae TEXT NOT NULL        -- a hash of each formula's definition (JSON)
);
"""


@dataclass(frozen=True)
class FileKey:
    """A file by path and content: the same bytes under the same path have the same
    results; the same bytes anywhere have the same text."""

    path: str
    content_hash: str

    @classmethod
    def of(cls, path: Path) -> FileKey:
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        return cls(shown(path), digest.hexdigest())


def config_key(*parts) -> str:
    """A short stable key for the settings that change a file's results."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:16]


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
            "SELECT results FROM results WHERE path=? AND content_hash=? AND config=?",
            (key.path, key.content_hash, config),
        ).fetchone()
        return None if row is None else json.loads(row[0])

    @_guarded
    def documents(self, key: FileKey, options: str) -> list[dict] | None:
        """The documents (fields of each Document) once read from these bytes, or None."""
        row = self.db.execute(
            "SELECT documents FROM texts WHERE content_hash=? AND options=?", (key.content_hash, options)
        ).fetchone()
        return None if row is None else json.loads(row[0])

    @_guarded
    def results_of_family(self, key: FileKey, family: str) -> tuple[list[dict], dict] | None:
        """Results stored for the file under another lexicon of the same family, with
        that lexicon's formula hashes: what an edited lexicon can start from."""
        row = self.db.execute(
            "SELECT r.results, c.formulae FROM results r JOIN configs c ON r.config = c.config"
            " WHERE r.path=? AND r.content_hash=? AND c.family=? LIMIT 1",
            (key.path, key.content_hash, family),
        ).fetchone()
        return None if row is None else (json.loads(row[0]), json.loads(row[1]))

    @_guarded
    def count_results(self) -> int:
        return self.db.execute("SELECT count(*) FROM results").fetchone()[0]

    # writing (the scanning process only) ---------------------------------------------

    @_guarded
    def put(self, key: FileKey, config: str, options: str, results, documents=None) -> None:
        """Record a file's results (and the documents read from it, if it was read)."""
        if documents is not None:
            self.db.execute(
                "INSERT OR REPLACE INTO texts VALUES (?, ?, ?)",
                (key.content_hash, options, _dumps([_fields(d) for d in documents])),
            )
        self.db.execute(
            "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?)",
            (key.path, key.content_hash, config, _dumps([_fields(r) for r in results])),
        )
        self._pending += 1

    @_guarded
    def describe(self, config: str, family: str, formulae: dict) -> None:
        """Record what a config is (once): its family and its formulae's hashes."""
        self.db.execute("INSERT OR IGNORE INTO configs VALUES (?, ?, ?)", (config, family, _dumps(formulae)))
        self.db.commit()

    @_guarded
    def commit(self) -> None:
        self.db.commit()
        self._pending = 0

    @property
    def pending(self) -> int:
        return self._pending


def _fields(record) -> dict:
    """A dataclass's fields as a dict, without copying them (dataclasses.asdict copies
    every nested match row, which took longer than writing them)."""
    return {f.name: getattr(record, f.name) for f in fields(record)}


def _dumps(value) -> str:
    # metadata can hold dates and numbers from tables: written as text when not JSON
    return json.dumps(value, ensure_ascii=False, default=str)
