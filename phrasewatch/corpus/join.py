"""Metadata kept in a table of its own, joined to the documents of a scan: the UN General
Debate speaker roster (who spoke for each country in each session, and as what), or
any table keyed by ``doc_id``, by ``actor`` and ``session``, or by ``actor`` and
``year``.

Joined values only fill gaps: what a document's file name, front matter or sidecar
says stands.
"""

from __future__ import annotations

__all__ = ["read_speakers", "read_metadata_table", "MetadataJoin", "JOIN_KEYS"]

import hashlib
import json
from pathlib import Path

import pandas as pd

# the roster's columns, as the UNGDC spreadsheet names them, and the names used here
_ROSTER_COLUMNS = {
    "ISO Code": "actor",
    "Session": "session",
    "Year": "year",
    "Country": "country",
    "Name of Person Speaking": "speaker",
    "Post": "post",
}
# tried in order: the first whose columns the table has is the join key
JOIN_KEYS = (("doc_id",), ("actor", "session"), ("actor", "year"))


def _clean(value) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = " ".join(str(value).split())
    return text or None


def read_speakers(path: str | Path) -> pd.DataFrame:
    """The UNGDC speaker roster (``Speakers_by_session.xlsx``) as a tidy table: one row
    per country and session, columns ``actor`` (ISO3), ``session``, ``year``,
    ``country``, ``speaker``, ``post``. Stray spaces are removed; where two people
    spoke for a country in one session, both are kept, joined by "; "."""
    raw = pd.read_excel(path, dtype={"ISO Code": str})
    missing = [c for c in _ROSTER_COLUMNS if c not in raw.columns]
    if missing:
        raise ValueError(f"{path}: not a speaker roster (no column {', '.join(map(repr, missing))})")
    roster = raw[list(_ROSTER_COLUMNS)].rename(columns=_ROSTER_COLUMNS)
    for column in ("actor", "country", "speaker", "post"):
        roster[column] = roster[column].map(_clean)
    roster["actor"] = roster["actor"].str.upper()
    roster = roster.dropna(subset=["actor", "session"])

    def joined(values):
        kept = list(dict.fromkeys(v for v in values if isinstance(v, str) and v))
        return "; ".join(kept) or None

    tidy = (roster.groupby(["actor", "session"], sort=True)
            .agg(year=("year", "first"), country=("country", "first"), speaker=("speaker", joined), post=("post", joined))
            .reset_index())
    for column in ("session", "year"):
        tidy[column] = tidy[column].astype("int64")
    return tidy


def read_metadata_table(path: str | Path) -> pd.DataFrame:
    """A metadata table from .csv, .tsv, .jsonl, .parquet or .xlsx; the UNGDC speaker
    roster is recognised by its columns and tidied (:func:`read_speakers`)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xls"):
        header = pd.read_excel(path, nrows=0)
        if set(_ROSTER_COLUMNS) <= set(header.columns):
            return read_speakers(path)
        return pd.read_excel(path, dtype=str)
    if suffix == ".parquet":
        return pd.read_parquet(path)
    if suffix in (".jsonl", ".json", ".ndjson"):
        return pd.read_json(path, lines=True, dtype=False)
    if suffix in (".csv", ".tsv"):
        return pd.read_csv(path, sep="\t" if suffix == ".tsv" else ",", dtype=str, keep_default_na=False)
    raise ValueError(f"cannot read metadata from {path.name!r}: use .csv, .tsv, .jsonl, .parquet or .xlsx")


def _key_part(value):
    """Join keys compared as text, so that session 78 matches "78" and "78.0"."""
    if value is None or (isinstance(value, float) and value != value) or value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text[:-2] if text.endswith(".0") and text[:-2].isdigit() else text


class MetadataJoin:
    """Fills gaps in document records from a metadata table.

    >>> join = MetadataJoin(pd.DataFrame({"actor": ["SLB"], "session": [78], "speaker": ["A. Person"]}))
    >>> join.key
    ('actor', 'session')
    >>> join.fill({"doc_id": "SLB_78_2023", "actor": "SLB", "session": 78, "speaker": None})["speaker"]
    'A. Person'
    """

    def __init__(self, table: pd.DataFrame):
        self.key = next((k for k in JOIN_KEYS if all(c in table.columns for c in k)), None)
        if self.key is None:
            names = " or ".join("+".join(k) for k in JOIN_KEYS)
            raise ValueError(f"a metadata table needs columns to join on: {names} (it has {', '.join(map(str, table.columns))})")
        self.rows: dict[tuple, dict] = {}
        for record in table.to_dict("records"):
            key = tuple(_key_part(record.get(c)) for c in self.key)
            if None in key:
                continue
            values = {str(k): v for k, v in record.items() if k not in self.key and _key_part(v) is not None}
            # a later row for the same key adds to an earlier one without replacing it
            self.rows.setdefault(key, {}).update({k: v for k, v in values.items() if k not in self.rows.get(key, {})})

    @classmethod
    def of(cls, source: str | Path | pd.DataFrame | None) -> MetadataJoin | None:
        if source is None:
            return None
        return cls(source if isinstance(source, pd.DataFrame) else read_metadata_table(source))

    @property
    def digest(self) -> str:
        """A hash of the table's content: results stored by a scan that joined another
        table (or none) are not reused."""
        content = json.dumps([self.key, sorted((list(k), v) for k, v in self.rows.items())], default=str, sort_keys=True)
        return hashlib.sha256(content.encode()).hexdigest()[:16]

    def fill(self, record: dict) -> dict:
        """``record`` with its empty fields filled from the matching row (in place)."""
        row = self.rows.get(tuple(_key_part(record.get(c)) for c in self.key))
        if row:
            for column, value in row.items():
                if _key_part(record.get(column)) is None:
                    record[column] = value.item() if hasattr(value, "item") else value
        return record
