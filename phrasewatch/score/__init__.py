"""Scoring. :func:`score` counts matches (mentions, whoever voices them) per group of
documents; :mod:`.adoption` counts adoption: endorsements credited to the actor that
voices them, first adoption, diffusion, a weighted index, and the matches behind each
figure."""

from __future__ import annotations

__all__ = [
    "ADOPTION_COLUMNS",
    "FORMULA_GROUPS",
    "SCORE_COLUMNS",
    "SCORE_TABLES",
    "adoption",
    "adoption_index",
    "credited_matches",
    "diffusion",
    "explain",
    "first_adoption",
    "matches_in_scope",
    "read_weights",
    "score",
    "score_table",
    "ScoreInputError",
    "check_tables",
    "check_weights",
]

from collections.abc import Sequence

import pandas as pd

from ..options import SCORE_TABLES, ScoreOptions
from .adoption import (
    ADOPTION_COLUMNS,
    adoption,
    adoption_index,
    credited_matches,
    diffusion,
    explain,
    first_adoption,
    group_totals,
    matches_in_scope,
)
from .filters import (
    FORMULA_GROUPS,
    document_actor_mask,
    documents_in_years,
    formula_mask,
    grouped,
    selected_formula_ids,
    wide_table,
    year_range,
    zero_filled,
)
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
    docs = documents_in_years(documents_in_scope(documents, options.count_copies), options)
    docs = docs[document_actor_mask(docs, options)]
    m = without_glosses(matches, options.include_glosses)
    if not options.include_anachronistic and "anachronistic" in m.columns:
        m = m[~m["anachronistic"].astype(bool)]
    m = m[m["doc_id"].isin(docs["doc_id"])]
    m = m[formula_mask(m, options, lexicon)]
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


# what a wide table puts in its cells, and what its rows are, per table
_WIDE = {"adoption": "count", "mentions": "count", "first": "first_year", "diffusion": "new_adopters"}


def score_table(
    name: str,
    matches,
    documents: pd.DataFrame | None = None,
    *,
    by: Sequence[str] | str | None = ("actor", "year"),
    lexicon=None,
    options: ScoreOptions | None = None,
    group: str = "formula",
    fill_zero: bool = False,
    wide: bool = False,
    **keywords,
) -> pd.DataFrame:
    """One of the score tables by name, as ``phrasewatch score --table NAME`` gives it:

    - ``adoption``: :func:`adoption` (endorsements credited to the actor voicing them);
    - ``mentions``: :func:`score` (every match, whoever voices it, by document group);
    - ``index``: :func:`adoption_index` of the adoption table (weighted);
    - ``first``: :func:`first_adoption` (first adoption per actor and formula, lag);
    - ``diffusion``: :func:`diffusion` (non-PRC adopters per formula and year).

    The keywords mirror the command's options. ``options`` or its fields as keywords
    (:class:`~phrasewatch.options.ScoreOptions`: ``formula``, ``actor``,
    ``exclude_actor``, ``since``, ``until`` … select what is counted). Then:

    group : ``formula`` (default), ``category``, ``parent`` (a formula and everything
        under it) or ``all`` (the selected formulae as one): each group is counted as
        one formula that any of its members stands for (adopted when any is endorsed,
        first adopted when the first is); its column is named after the grouping.
    fill_zero : adoption and mentions grouped by year: a row for every year from
        ``since`` to ``until`` (or the documents' first and last) of every actor and
        formula in the table, zero where there is nothing.
    wide : one row per group of ``by`` (every group in scope, as a dfm has every
        document: ``by="doc_id"``), one column per formula: the endorsements (adoption),
        matches (mentions), first year (first, by actor) or new adopters (diffusion, by
        year).

    >>> import phrasewatch
    >>> result = phrasewatch.scan_text(["Kenya supports the Belt and Road Initiative.",
    ...                                 "Kenya welcomes the Global Development Initiative."], actor="KEN", date="2023")
    >>> score_table("adoption", result, by="actor", formula="bri,GDI", wide=True).to_dict("records")
    [{'actor': 'KEN', 'bri': 1, 'gdi': 1}]
    """
    if name not in SCORE_TABLES:
        raise ValueError(f"no score table {name!r}: choose one of {', '.join(SCORE_TABLES)}")
    matches, documents, lexicon = scan_tables(matches, documents, lexicon)
    options = ScoreOptions.of(options, **keywords)
    by = grouping_columns(by)
    if group not in FORMULA_GROUPS:
        raise ValueError(f"no formula grouping {group!r}: choose one of {', '.join(FORMULA_GROUPS)}")
    if fill_zero and (name not in ("adoption", "mentions", "diffusion") or (name != "diffusion" and "year" not in by)):
        raise ValueError("fill_zero fills the years of the adoption and mentions tables grouped by year, "
                         "and of the diffusion table")
    if wide and name == "index":
        raise ValueError("the index table has no formula column to spread: wide applies to adoption, mentions, first, diffusion")
    selected = selected_formula_ids(options.formula, lexicon, matches)
    if group != "formula":
        # select on the formulae's own ids, then count their groups as formulae
        matches = matches[formula_mask(matches, options, lexicon)]
        label = "+".join(options.formula) or "all"  # the selection as the user named it
        options = ScoreOptions.of(options, formula=())
        matches, lexicon = grouped(matches, lexicon, group, all_label=label)
        selected = set(matches["formula_id"].dropna())
    table = _score_table(name, matches, documents, by, lexicon, options)
    years = year_range(documents_in_years(documents_in_scope(documents, options.count_copies), options), options)
    if name == "diffusion" and (fill_zero or wide):
        table = _diffusion_filled(table, years)
    elif fill_zero:
        totals = (group_totals(documents, by, options=options) if name == "adoption"
                  else _mention_totals(documents, by, options))
        table = zero_filled(table, by, years, totals)
    if wide:
        index = {"first": ["actor"], "diffusion": ["year"]}.get(name, by)
        rows = None
        if name in ("adoption", "mentions"):
            rows = group_totals(documents, by, options=options) if name == "adoption" else _mention_totals(documents, by, options)
            if fill_zero:
                rows = table[index].drop_duplicates()
        table = wide_table(table.dropna(subset=[_WIDE[name]]), index, _WIDE[name], rows=rows,
                           columns=sorted(selected) if selected and group == "formula" else ())
    elif group != "formula" and "formula_id" in table.columns:
        table = table.rename(columns={"formula_id": "formulae" if group == "all" else group})
    return table


def _score_table(name, matches, documents, by, lexicon, options) -> pd.DataFrame:
    if name == "mentions":
        return score(matches, documents, by=by, lexicon=lexicon, options=options)
    if name in ("first", "diffusion"):
        first = first_adoption(matches, documents, lexicon=lexicon, options=options)
        return diffusion(first) if name == "diffusion" else first
    table = adoption(matches, documents, by=by, lexicon=lexicon, options=options)
    return adoption_index(table, by=by) if name == "index" else table


def _mention_totals(documents: pd.DataFrame, by: list[str], options: ScoreOptions) -> pd.DataFrame:
    docs = documents_in_years(documents_in_scope(documents, options.count_copies), options)
    docs = docs[document_actor_mask(docs, options)]
    keys = by or ["_all"]
    docs = docs.assign(_all="all") if not by else docs
    return docs.groupby(keys, dropna=False).agg(documents_total=("doc_id", "nunique"), tokens=("tokens", "sum")).reset_index()


def _diffusion_filled(table: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """Every year of every formula's curve from its first adopter on: no new adopter is
    a 0, and the cumulative count carries over."""
    rows = []
    for formula_id, curve in table.groupby("formula_id", sort=True):
        curve = curve.set_index("year")
        span = [y for y in years if y >= curve.index.min()] or list(curve.index)
        cumulative = 0
        for year in span:
            if year in curve.index:
                row = curve.loc[year]
                cumulative = int(row["cumulative"])
                rows.append((formula_id, year, int(row["new_adopters"]), cumulative, row["adopters"]))
            else:
                rows.append((formula_id, year, 0, cumulative, ""))
    out = pd.DataFrame(rows, columns=["formula_id", "year", "new_adopters", "cumulative", "adopters"])
    return out.astype({"year": "int64", "new_adopters": "int64", "cumulative": "int64"})
