"""Scoring. :func:`score` counts matches (mentions, whoever voices them) per group of
documents; :mod:`.adoption` counts adoption: endorsements credited to the actor that
voices them, first adoption, diffusion, a weighted index, and the matches behind each
figure."""

from __future__ import annotations

__all__ = [
    "ADOPTION_COLUMNS",
    "SCORE_COLUMNS",
    "SCORE_TABLES",
    "adoption",
    "adoption_index",
    "credited_matches",
    "diffusion",
    "explain",
    "first_adoption",
    "read_weights",
    "score",
    "score_table",
    "ScoreInputError",
    "check_tables",
    "check_weights",
]

from collections.abc import Sequence

import pandas as pd

from ..options import ScoreOptions
from .adoption import ADOPTION_COLUMNS, adoption, adoption_index, credited_matches, diffusion, explain, first_adoption
from .scope import documents_in_scope, formula_weights, grouping_columns, scan_tables, without_glosses
from .validate import ScoreInputError, check_tables, check_weights
from .weights import read_weights

SCORE_COLUMNS = ("formula_id", "count", "documents", "documents_total", "share", "tokens", "rate_per_10k", "weight")


def score(
    matches,
    documents: pd.DataFrame | None = None,
    by: Sequence[str] | str | None = ("actor", "year"),
    *,
    lexicon=None,
    options: ScoreOptions | None = None,
    **keywords,
) -> pd.DataFrame:
    """Count formulae per group of documents: mentions, whoever voices them.

    Parameters
    ----------
    matches, documents : the tables of a scan (:func:`phrasewatch.scan`), or its
        :class:`~phrasewatch.ScanResult` alone.
    by : document metadata columns to group by (``["actor", "year"]``); ``[]`` for
        one group per formula over the whole corpus.
    lexicon : when given, adds each formula's weight (by distinctiveness).
    options : a :class:`~phrasewatch.options.ScoreOptions`, or its fields as keywords.
        ``include_anachronistic`` counts matches dated before the formula's first use
        ("true multilateralism" in 1990), left out by default: they are not adoption.
        ``count_copies`` counts every copy of a document (a reprint, the same text in
        another format, a translation); by default a group of copies (``group_id`` in
        the documents table, see :mod:`phrasewatch.duplicates`) counts once, through
        its representative: one statement is one adoption however often a corpus
        holds it. ``include_glosses`` counts a formula glossed in the other language
        right after it ("Global Development Initiative (全球发展倡议)") twice; by
        default the gloss (``gloss_of`` set) is left out: one use.
        (``include_china_voice`` does not apply: mentions are not credited.)

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
    matches, documents, lexicon = scan_tables(matches, documents, lexicon)
    options = ScoreOptions.of(options, **keywords)
    by = grouping_columns(by)
    matches, documents = check_tables(matches, documents, by=by)
    docs = documents_in_scope(documents, options.count_copies)
    m = without_glosses(matches, options.include_glosses)
    if not options.include_anachronistic and "anachronistic" in m.columns:
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
    out["weight"] = formula_weights(out["formula_id"], lexicon, options.weights)
    out = out[[*keys, *SCORE_COLUMNS]]
    if not by:
        out = out.drop(columns=["_all"])
    out = out.sort_values([*by, "count", "formula_id"], ascending=[True] * len(by) + [False, True], kind="stable")
    for column in ("count", "documents", "documents_total", "tokens"):
        out[column] = out[column].astype("int64")
    return out.reset_index(drop=True)


SCORE_TABLES = ("adoption", "mentions", "index", "first", "diffusion")


def score_table(
    name: str,
    matches,
    documents: pd.DataFrame | None = None,
    *,
    by: Sequence[str] | str | None = ("actor", "year"),
    lexicon=None,
    options: ScoreOptions | None = None,
    **keywords,
) -> pd.DataFrame:
    """One of the score tables by name, as ``phrasewatch score --table NAME`` gives it:

    - ``adoption``: :func:`adoption` (endorsements credited to the actor voicing them);
    - ``mentions``: :func:`score` (every match, whoever voices it, by document group);
    - ``index``: :func:`adoption_index` of the adoption table (weighted);
    - ``first``: :func:`first_adoption` (first adoption per actor and formula, lag);
    - ``diffusion``: :func:`diffusion` (non-PRC adopters per formula and year).
    """
    if name not in SCORE_TABLES:
        raise ValueError(f"no score table {name!r}: choose one of {', '.join(SCORE_TABLES)}")
    matches, documents, lexicon = scan_tables(matches, documents, lexicon)
    options = ScoreOptions.of(options, **keywords)
    if name == "mentions":
        return score(matches, documents, by=by, lexicon=lexicon, options=options)
    if name in ("first", "diffusion"):
        first = first_adoption(matches, documents, lexicon=lexicon, options=options)
        return diffusion(first) if name == "diffusion" else first
    table = adoption(matches, documents, by=by, lexicon=lexicon, options=options)
    return adoption_index(table, by=by) if name == "index" else table
