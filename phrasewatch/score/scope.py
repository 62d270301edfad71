"""What every score shares: the grouping columns asked for, the documents that count,
and each formula's weight."""

from __future__ import annotations

__all__ = ["documents_in_scope", "formula_weights", "grouping_columns", "scan_tables", "without_glosses"]

from collections.abc import Mapping

import pandas as pd


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
