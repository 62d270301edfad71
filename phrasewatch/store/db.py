"""The SQLite file behind ``--store``: its tables, and reading and writing them."""

from __future__ import annotations

__all__ = ["Store", "FileKey", "config_key"]

import hashlib
import json
import sqlite3
from dataclasses import dataclass, fields
from pathlib import Path

from ..corpus.walk import shown

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
    path : the database file (created if missing).
    readonly : open for reading only (worker processes).
    """

    def __init__(self, path: str | Path, *, readonly: bool = False):
        self.path = Path(path)
        if readonly:
            self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=60)
        else:
            self.db = sqlite3.connect(self.path, timeout=60)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(_SCHEMA)
            self.db.commit()
        self._pending = 0

    def close(self) -> None:
        if self._pending:
            self.commit()
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # reading ----------------------------------------------------------------------

    def results(self, key: FileKey, config: str) -> list[dict] | None:
        """The file's stored results (the fields of each DocumentResult) or None."""
        row = self.db.execute(
            "SELECT results FROM results WHERE path=? AND content_hash=? AND config=?",
            (key.path, key.content_hash, config),
        ).fetchone()
        return None if row is None else json.loads(row[0])

    def documents(self, key: FileKey, options: str) -> list[dict] | None:
        """The documents (fields of each Document) once read from these bytes, or None."""
        row = self.db.execute(
            "SELECT documents FROM texts WHERE content_hash=? AND options=?", (key.content_hash, options)
        ).fetchone()
        return None if row is None else json.loads(row[0])

    def results_of_family(self, key: FileKey, family: str) -> tuple[list[dict], dict] | None:
        """Results stored for the file under another lexicon of the same family, with
        that lexicon's formula hashes: what an edited lexicon can start from."""
        row = self.db.execute(
            "SELECT r.results, c.formulae FROM results r JOIN configs c ON r.config = c.config"
            " WHERE r.path=? AND r.content_hash=? AND c.family=? LIMIT 1",
            (key.path, key.content_hash, family),
        ).fetchone()
        return None if row is None else (json.loads(row[0]), json.loads(row[1]))

    def count_results(self) -> int:
        return self.db.execute("SELECT count(*) FROM results").fetchone()[0]

    # writing (the scanning process only) ---------------------------------------------

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

    def describe(self, config: str, family: str, formulae: dict) -> None:
        """Record what a config is (once): its family and its formulae's hashes."""
        self.db.execute("INSERT OR IGNORE INTO configs VALUES (?, ?, ?)", (config, family, _dumps(formulae)))
        self.db.commit()

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
