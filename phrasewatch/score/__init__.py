"""Scoring. :func:`score` counts matches (mentions, whoever voices them) per group of
documents; :mod:`.adoption` counts adoption: endorsements credited to the actor that
voices them, first adoption, diffusion, a weighted index, and the matches behind each
figure."""

from __future__ import annotations

__all__ = [
    "ADOPTION_COLUMNS",
    "SCORE_COLUMNS",
    "adoption",
    "adoption_index",
    "credited_matches",
    "diffusion",
    "explain",
    "first_adoption",
    "score",
    "ScoreInputError",
    "check_tables",
    "check_weights",
    "read_weights",
]

from collections.abc import Sequence

import pandas as pd

from .adoption import ADOPTION_COLUMNS, adoption, adoption_index, credited_matches, diffusion, explain, first_adoption
from .scope import documents_in_scope, formula_weights, grouping_columns
from .validate import ScoreInputError, check_tables, check_weights, read_weights

SCORE_COLUMNS = ("formula_id", "count", "documents", "documents_total", "share", "tokens", "rate_per_10k", "weight")


def score(
    matches: pd.DataFrame,
    documents: pd.DataFrame,
    by: Sequence[str] | str | None = ("actor", "year"),
    *,
    include_anachronistic: bool = False,
    lexicon=None,
    count_copies: bool = False,
) -> pd.DataFrame:
    """Count formulae per group of documents.

    Parameters
    ----------
    matches, documents : the tables of a scan (:func:`phrasewatch.scan`).
    by : document metadata columns to group by (``["actor", "year"]``); ``[]`` for
        one group per formula over the whole corpus.
    include_anachronistic : count matches dated before the formula's first use
        ("true multilateralism" in 1990). Left out by default: they are not adoption.
    lexicon : when given, adds each formula's weight (by distinctiveness).
    count_copies : count every copy of a document (a reprint, the same text in another
        format, a translation). By default a group of copies (``group_id`` in the
        documents table, see :mod:`phrasewatch.duplicates`) counts once, through its
        representative: one statement is one adoption however often a corpus holds it.

    Returns
    -------
    pandas.DataFrame
        One row per group and formula that occurs in it, sorted by group then count:
        the ``by`` columns, then ``formula_id``; ``count`` (matches, int); ``documents``
        (documents with at least one, int); ``documents_total`` (documents read in
        the group, int); ``share`` (documents / documents_total, float); ``tokens``
        (tokens in the group, int); ``rate_per_10k`` (count per 10,000 tokens, float);
        ``weight`` (float, NaN without a lexicon).
    """
    by = grouping_columns(by)
    matches, documents = check_tables(matches, documents, by=by)
    docs = documents_in_scope(documents, count_copies)
    m = matches
    if not include_anachronistic and "anachronistic" in m.columns:
        m = m[~m["anachronistic"].astype(bool)]
    m = m[m["doc_id"].isin(docs["doc_id"])]
    keys = by or ["_all"]
    docs = docs.assign(_all="all") if not by else docs
    group_meta = docs[list(dict.fromkeys(["doc_id", *keys]))]
    m = m[["doc_id", "formula_id"]].merge(group_meta, on="doc_id", how="left")
    totals = docs.groupby(keys, dropna=False).agg(documents_total=("doc_id", "nunique"), tokens=("tokens", "sum")).reset_index()
    counts = m.groupby([*keys, "formula_id"], dropna=False).agg(count=("doc_id", "size"), documents=("doc_id", "nunique")).reset_index()
    out = counts.merge(totals, on=keys, how="left")
    out["share"] = out["documents"] / out["documents_total"]
    out["rate_per_10k"] = (out["count"] * 10_000 / out["tokens"].where(out["tokens"] > 0)).astype(float)
    out["weight"] = formula_weights(out["formula_id"], lexicon)
    out = out[[*keys, *SCORE_COLUMNS]]
    if not by:
        out = out.drop(columns=["_all"])
    out = out.sort_values([*by, "count", "formula_id"], ascending=[True] * len(by) + [False, True], kind="stable")
    for column in ("count", "documents", "documents_total", "tokens"):
        out[column] = out[column].astype("int64")
    return out.reset_index(drop=True)
