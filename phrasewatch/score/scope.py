"""What every score shares: the grouping columns asked for, the documents that count,
and each formula's weight."""

from __future__ import annotations

__all__ = ["PRC_SEAT", "ROC", "documents_in_scope", "formula_weights", "grouping_columns", "prc_era", "scan_tables",
           "un_seat_actors", "without_glosses"]

import datetime as dt
from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..countries import CHINA

PRC_SEAT = dt.date(1971, 10, 25)  # GA resolution 2758: before it, "China" at the UN is the Republic of China
ROC = "CHN (ROC)"


def scan_tables(matches, documents, lexicon):
    """``(matches, documents, lexicon)`` from the two tables, or from a scan's result
    given in their place (its lexicon serves unless one is given)."""
    if documents is None:
        if not (hasattr(matches, "matches") and hasattr(matches, "documents")):
            raise TypeError("give the matches and documents tables of a scan, or its ScanResult")
        return matches.matches, matches.documents, lexicon if lexicon is not None else getattr(matches, "lexicon", None)
    return matches, documents, lexicon


def grouping_columns(by) -> list[str]:
    """``"actor,year"``, a list, or None as a list of column names."""
    if by is None:
        return []
    if isinstance(by, str):
        return [b.strip() for b in by.split(",") if b.strip()]
    return list(by)


def documents_in_scope(documents: pd.DataFrame, count_copies: bool) -> pd.DataFrame:
    """Documents read without error and, unless ``count_copies``, one per group of copies
    (the group's representative: its ``group_id`` is its own ``doc_id``)."""
    docs = documents[documents["status"] == "ok"]
    if not count_copies and "group_id" in docs.columns:
        docs = docs[docs["group_id"].isna() | (docs["group_id"] == docs["doc_id"])]
    return docs


def without_glosses(matches: pd.DataFrame, include_glosses: bool = False) -> pd.DataFrame:
    """The matches without glosses (a formula glossed in the other language right after
    it, ``gloss_of`` set: one use, already counted), unless ``include_glosses``."""
    if include_glosses or "gloss_of" not in matches.columns:
        return matches
    return matches[matches["gloss_of"].isna()]


def formula_weights(formula_ids: pd.Series, lexicon=None, weights: Mapping[str, float] | None = None) -> pd.Series:
    """Each formula's weight: from ``weights`` when it names the formula, else the
    lexicon's (by distinctiveness and origin, see ``Formula.effective_weight``), else NaN."""
    def weight(formula_id):
        if weights is not None and formula_id in weights:
            return float(weights[formula_id])
        if lexicon is not None and formula_id in lexicon:
            return lexicon[formula_id].effective_weight
        return float("nan")

    return formula_ids.map(weight)


def _dates(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    date = pd.to_datetime(frame["date"], errors="coerce") if "date" in frame.columns else pd.Series(pd.NaT, index=frame.index)
    year = pd.to_numeric(frame["year"], errors="coerce") if "year" in frame.columns else pd.Series(np.nan, index=frame.index)
    return date, year.fillna(date.dt.year)


def prc_era(frame: pd.DataFrame) -> pd.Series:
    """True for rows dated after the PRC took China's UN seat (by date, else by year:
    1972 on, since the 1971 general debate preceded the vote)."""
    date, year = _dates(frame)
    by_date = date >= pd.Timestamp(PRC_SEAT)
    return by_date.where(date.notna(), year > PRC_SEAT.year).fillna(False).astype(bool)


def un_seat_actors(frame: pd.DataFrame) -> pd.Series:
    """The ``actor`` column with China's UN seat before the PRC held it credited to the
    Republic of China (:data:`ROC`): a UN document (one with a ``body``) of "China"
    dated before 25 October 1971 is the ROC government's (the 1946-1971 general
    debate speeches filed as CHN), not the People's Republic's. Other documents of
    China (a 1954 joint statement, say) are the PRC's whatever their date."""
    actor = frame["actor"]
    if "body" not in frame.columns or not (actor == CHINA).any():
        return actor
    roc = (actor == CHINA) & frame["body"].notna() & ~prc_era(frame)
    return actor.where(~roc, ROC)
