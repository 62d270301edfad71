"""Adoption: which actor endorses which formula, when, how strongly, and how it spreads.

A match counts for the actors its voice credits (``voice_actors``: in a joint
statement the side that says it, in a speech its author), and counts as adoption only
when its stance is ``endorse``. By default left out, and each switchable:

- anachronistic matches (dated before the formula's first PRC use);
- borrowed wording: a formula China took from others (the Non-Aligned Movement, Russia,
  the UN …) counts only from the date the lexicon says China made it its own
  (``origin.prc_since``), never where it did not (``include_borrowed=True`` counts it);
- China's own sentences when scoring its partners (``include_china_voice=True``
  credits every party of a statement with everything in it, the naive count);
- copies of the same statement (reprints, translations) when the documents table
  groups them (``group_id``): a group counts once (``count_copies=True`` counts each);
- glosses: a formula glossed in the other language right after it ("Global
  Development Initiative (全球发展倡议)", ``gloss_of`` set) is one use
  (``include_glosses=True`` counts both).

China's UN seat before 25 October 1971 was the Republic of China's: a UN document of
"China" dated before then is credited to ``CHN (ROC)`` (see
:func:`~phrasewatch.score.scope.un_seat_actors`).

Every figure can be traced back to its sentences with :func:`explain`.
"""

from __future__ import annotations

__all__ = [
    "ADOPTION_COLUMNS",
    "adoption",
    "adoption_index",
    "credited_matches",
    "diffusion",
    "explain",
    "first_adoption",
    "matches_in_scope",
    "group_totals",
]

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..catalogue import resolve_formula
from ..countries import CHINA, split_parties
from ..errors import ScoreInputError
from ..options import ScoreOptions
from .filters import actor_mask, document_actor_mask, documents_in_years, formula_mask
from .scope import (
    documents_in_scope,
    formula_weights,
    grouping_columns,
    scan_tables,
    un_seat_actors,
    without_glosses,
)
from .validate import check_tables

ADOPTION_COLUMNS = (
    "formula_id", "adopted", "count", "mentions", "rejections", "documents", "documents_total", "share",
    "tokens", "rate_per_10k", "strongest", "strongest_name", "first_date", "weight", "adopters",
)
_DOCUMENT_KEYS = ("year", "body", "genre", "session", "language", "symbol", "date")


def _document_actors(docs: pd.DataFrame) -> pd.DataFrame:
    """One row per (document, actor it speaks for): the parties, or the author."""
    rows = []
    parties = docs["parties"] if "parties" in docs.columns else pd.Series(None, index=docs.index)
    actors = docs["actor"] if "actor" in docs.columns else pd.Series(None, index=docs.index)
    for doc_id, p, a in zip(docs["doc_id"], parties, actors, strict=True):
        for actor in split_parties(p) or split_parties(a):
            rows.append((doc_id, actor))
    return pd.DataFrame(rows, columns=["doc_id", "actor"]).drop_duplicates()


def _scoped_documents(documents: pd.DataFrame, options: ScoreOptions) -> pd.DataFrame:
    """The documents in scope (read, one per group of copies) in the years selected."""
    return documents_in_years(documents_in_scope(documents, options.count_copies), options)


def matches_in_scope(
    matches: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    lexicon=None,
    options: ScoreOptions | None = None,
    **keywords,
) -> pd.DataFrame:
    """The matches the scores count, whoever they are credited to: in the documents in
    scope (read, one per group of copies, in the years selected), of the formulae
    selected, without glosses, anachronistic matches and borrowed wording unless
    ``options`` include them. What the report's sentence tables list. Raises
    :class:`~phrasewatch.errors.ScoreInputError` as :func:`credited_matches`."""
    matches, documents = check_tables(matches, documents)
    options = ScoreOptions.of(options, **keywords)
    return _in_scope(matches, _scoped_documents(documents, options), options, lexicon)


def _in_scope(matches: pd.DataFrame, docs: pd.DataFrame, options: ScoreOptions, lexicon=None) -> pd.DataFrame:
    """``matches_in_scope`` of checked tables, ``docs`` the documents in scope."""
    m = without_glosses(matches, options.include_glosses)
    m = m[m["doc_id"].isin(docs["doc_id"])]
    if not options.include_anachronistic and "anachronistic" in m.columns:
        m = m[~m["anachronistic"].astype(bool)]
    if not options.include_borrowed:
        if "borrowed" not in m.columns:
            raise ScoreInputError(["the matches table has no borrowed column: scan it again with this version of "
                                   "phrasewatch (or count borrowed wording too, include_borrowed=True)"])
        m = m[~m["borrowed"].astype(bool)]
    return m[formula_mask(m, options, lexicon)]


def credited_matches(
    matches: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    lexicon=None,
    options: ScoreOptions | None = None,
    **keywords,
) -> pd.DataFrame:
    """The matches table with one row per match and actor it is credited to (column
    ``actor``), the document's metadata replaced by the documents table's, within the
    documents in scope and the formulae, actors and years selected. The rows every
    adoption figure is computed from. ``options`` (or its fields as keywords): see
    :class:`~phrasewatch.options.ScoreOptions`; ``lexicon`` resolves the formulae named
    by acronym, form or parent.

    Raises :class:`~phrasewatch.errors.ScoreInputError` for tables it cannot score
    (listing every problem)."""
    matches, documents = check_tables(matches, documents, credited=True)
    return _credited(matches, documents, ScoreOptions.of(options, **keywords), lexicon)


def _credited(matches: pd.DataFrame, documents: pd.DataFrame, options: ScoreOptions, lexicon=None) -> pd.DataFrame:
    """``credited_matches`` of checked tables."""
    docs = _scoped_documents(documents, options)
    m = _in_scope(matches, docs, options, lexicon)
    if "voice_actors" not in m.columns:
        raise ScoreInputError(["the matches table has no voice_actors column: scan it again with this version of phrasewatch"])
    parties = docs.set_index("doc_id")["parties"] if "parties" in docs.columns else pd.Series(dtype=object)
    credited = []
    for voice, actors, doc_id in zip(m["voice"], m["voice_actors"], m["doc_id"], strict=True):
        codes = split_parties(actors)
        if options.include_china_voice and voice == "china":
            codes = split_parties(parties.get(doc_id)) or codes
        credited.append(codes)
    m = m.assign(actor=credited).explode("actor").astype({"actor": object})  # object even when empty: merged with the documents
    m = m[m["actor"].notna()]
    keep = [c for c in _DOCUMENT_KEYS if c in docs.columns]
    m = m.drop(columns=[c for c in keep if c in m.columns]).merge(docs[["doc_id", *keep]], on="doc_id", how="left")
    m = m.assign(actor=un_seat_actors(m))  # China's UN seat before 1971 is the ROC's
    m = m[actor_mask(m["actor"], options)]
    return m.reset_index(drop=True)


def adoption(
    matches,
    documents: pd.DataFrame | None = None,
    by: Sequence[str] | str = ("actor", "year"),
    *,
    lexicon=None,
    options: ScoreOptions | None = None,
    **keywords,
) -> pd.DataFrame:
    """Adoption of each formula per group: by actor and year by default, or by any
    document column (``["body", "year"]``: Lam & Fung's unit, the UN body).

    Parameters
    ----------
    matches, documents : the tables of a scan, or a :class:`~phrasewatch.ScanResult`
        alone (its lexicon then serves unless one is given).
    by : columns to group by: ``actor`` (who voices it) or any document column.
    lexicon : for each formula's weight (by distinctiveness).
    options : a :class:`~phrasewatch.options.ScoreOptions`, or its fields as keywords
        (``include_anachronistic``, ``include_china_voice``, ``count_copies``,
        ``weights``).

    Returns
    -------
    pandas.DataFrame
        One row per group and formula voiced in it: the ``by`` columns, then
        ``formula_id``; ``adopted`` (bool: endorsed at least once); ``count``
        (endorsing matches); ``mentions`` (all matches voiced, any stance);
        ``rejections``; ``documents`` (documents with an endorsement);
        ``documents_total`` (documents of the group); ``share``; ``tokens`` and
        ``rate_per_10k`` (endorsements per 10,000 tokens of the group's documents);
        ``strongest`` / ``strongest_name`` (highest grade of endorsement);
        ``first_date`` (earliest endorsing document); ``weight`` (from the lexicon's
        distinctiveness, halved for a borrowed formula, or ``weights``).
    """
    matches, documents, lexicon = scan_tables(matches, documents, lexicon)
    options = ScoreOptions.of(options, **keywords)
    by = grouping_columns(by)
    matches, documents = check_tables(matches, documents, credited=True, by=by)
    docs = _scoped_documents(documents, options)
    m = _credited(matches, documents, options, lexicon)
    keys = by or ["_all"]
    # who endorsed, counted before a document's several credited actors become one row
    endorsers = m[m["stance"] == "endorse"].assign(_all="all")
    endorsers = endorsers.groupby([*keys, "formula_id"], dropna=False)["actor"].nunique().rename("adopters")
    if "actor" not in by:
        m = m.drop_duplicates(subset=["doc_id", "start", "end", "formula_id"])  # credited once per document
    if not by:
        m = m.assign(_all="all")
    totals = group_totals(docs, by, options=options, scoped=True).set_index(keys)

    m = m.assign(
        _endorse=m["stance"] == "endorse",
        _reject=m["stance"] == "reject",
        _strength=pd.to_numeric(m["strength"], errors="coerce").where(m["stance"] == "endorse"),
        _date=pd.to_datetime(m["date"], errors="coerce").where(m["stance"] == "endorse") if "date" in m.columns else pd.NaT,
        _endorsing_doc=m["doc_id"].where(m["stance"] == "endorse"),
    )
    grouped = m.groupby([*keys, "formula_id"], dropna=False)
    out = grouped.agg(
        count=("_endorse", "sum"),
        mentions=("doc_id", "size"),
        rejections=("_reject", "sum"),
        documents=("_endorsing_doc", "nunique"),
        strongest=("_strength", "max"),
        first_date=("_date", "min"),
    ).reset_index()
    names = m.dropna(subset=["_strength"]).sort_values("_strength", ascending=False, kind="stable")
    names = names.drop_duplicates([*keys, "formula_id"])[[*keys, "formula_id", "strength_name"]]
    out = out.merge(names.rename(columns={"strength_name": "strongest_name"}), on=[*keys, "formula_id"], how="left")
    out = out.merge(totals.reset_index(), on=keys, how="left")
    out = out.merge(endorsers.reset_index(), on=[*keys, "formula_id"], how="left")
    out["adopted"] = out["count"] > 0
    out["share"] = out["documents"] / out["documents_total"]
    out["rate_per_10k"] = (out["count"] * 10_000 / out["tokens"].where(out["tokens"] > 0)).astype(float)
    out["strongest"] = pd.array(out["strongest"].round(), dtype="Int64")
    out["first_date"] = out["first_date"].dt.strftime("%Y-%m-%d")
    out["weight"] = formula_weights(out["formula_id"], lexicon, options.weights)
    for column in ("count", "mentions", "rejections", "documents", "documents_total", "tokens", "adopters"):
        out[column] = out[column].fillna(0).astype("int64")
    out = out[[*keys, *ADOPTION_COLUMNS]]
    if not by:
        out = out.drop(columns=["_all"])
    out = out.sort_values([*by, "adopted", "count", "formula_id"], ascending=[True] * len(by) + [False, False, True], kind="stable")
    return out.reset_index(drop=True)


def group_totals(documents: pd.DataFrame, by: Sequence[str] | str = ("actor", "year"), *,
                 options: ScoreOptions | None = None, scoped: bool = False, **keywords) -> pd.DataFrame:
    """Documents and tokens of each group of an adoption table (``by`` columns, then
    ``documents_total`` and ``tokens``), every group in scope whether or not it voices
    a formula: grouped by actor, a document counts for each actor it speaks for.
    ``scoped``: the documents are already those in scope."""
    options = ScoreOptions.of(options, **keywords)
    by = grouping_columns(by)
    docs = documents if scoped else _scoped_documents(documents, options)
    if "actor" in by:
        groups = _document_actors(docs).merge(docs.drop(columns=["actor"], errors="ignore"), on="doc_id")
        groups = groups.assign(actor=un_seat_actors(groups))
        groups = groups[actor_mask(groups["actor"], options)]
    else:
        groups = docs[document_actor_mask(docs, options)]
    keys = by or ["_all"]
    if not by:
        groups = groups.assign(_all="all")
    totals = groups.groupby(keys, dropna=False).agg(documents_total=("doc_id", "nunique"), tokens=("tokens", "sum"))
    return totals.reset_index()


def adoption_index(table: pd.DataFrame, by: Sequence[str] | str = ("actor", "year")) -> pd.DataFrame:
    """A weighted adoption index per group from an :func:`adoption` table: the sum of
    the weights of the formulae adopted (signature formulae weigh most), with the number
    adopted and their ids.

    >>> t = pd.DataFrame({"actor": ["IDN", "IDN", "IDN"], "year": [2024] * 3, "formula_id": ["ccdm", "gdi", "mutual_respect"],
    ...                   "adopted": [True, True, False], "weight": [1.0, 1.0, 0.2]})
    >>> adoption_index(t).to_dict("records")
    [{'actor': 'IDN', 'year': 2024, 'index': 2.0, 'formulae_adopted': 2, 'formulae': 'ccdm;gdi'}]
    """
    by = grouping_columns(by)
    adopted = table[table["adopted"]]
    grouped = adopted.groupby(by, dropna=False) if by else adopted.assign(_all=1).groupby("_all")
    out = grouped.agg(
        index=("weight", lambda w: float(np.nansum(w))),
        formulae_adopted=("formula_id", "nunique"),
        formulae=("formula_id", lambda f: ";".join(sorted(set(f)))),
    ).reset_index()
    return out.drop(columns=["_all"], errors="ignore").sort_values([*by, "index"] if by else "index", kind="stable").reset_index(drop=True)


def first_adoption(
    matches,
    documents: pd.DataFrame | None = None,
    *,
    lexicon=None,
    options: ScoreOptions | None = None,
    **keywords,
) -> pd.DataFrame:
    """When each actor first endorsed each formula, in which document, and the lag
    behind the formula's first PRC use (needs the lexicon): ``lag_days`` when the
    document's date is known to the day, ``lag_years`` always (the difference of years
    when only the year is known). Tables and options as :func:`adoption`.
    """
    matches, documents, lexicon = scan_tables(matches, documents, lexicon)
    matches, documents = check_tables(matches, documents, credited=True)
    m = _credited(matches, documents, ScoreOptions.of(options, **keywords), lexicon)
    m = m[m["stance"] == "endorse"].copy()
    dates = pd.to_datetime(m["date"], errors="coerce") if "date" in m.columns else pd.Series(pd.NaT, index=m.index)
    years = pd.to_datetime(m["year"].astype("Int64").astype(str) + "-01-01", errors="coerce") if "year" in m.columns else dates
    m["_when"] = dates.fillna(years)
    m["_exact"] = dates.notna()
    m = m.dropna(subset=["_when"]).sort_values(["_when", "doc_id", "start"], kind="stable")
    first = m.drop_duplicates(["actor", "formula_id"])
    when = first["_when"]
    exact = first["_exact"].to_numpy(dtype=bool)
    out = pd.DataFrame({
        "actor": first["actor"].to_numpy(),
        "formula_id": first["formula_id"].to_numpy(),
        # a document known only by its year is dated by the year alone, not by 1 January
        "first_date": np.where(exact, when.dt.strftime("%Y-%m-%d"), when.dt.strftime("%Y")),
        "first_year": when.dt.year.to_numpy(),
        "doc_id": first["doc_id"].to_numpy(),
        "sentence": first["sentence"].to_numpy(),
    })
    prc_first = pd.to_datetime(out["formula_id"].map(
        lambda f: pd.Timestamp(lexicon[f].first_used.earliest) if lexicon is not None and f in lexicon and lexicon[f].first_used else pd.NaT
    ))
    days = (when.reset_index(drop=True) - prc_first).dt.days.where(exact)
    out["prc_first_used"] = prc_first.dt.strftime("%Y-%m-%d")
    out["lag_days"] = pd.array(days, dtype="Int64")
    # with only a year on either side, the lag is the difference of years
    out["lag_years"] = (days / 365.25).round(2).where(exact, (out["first_year"] - prc_first.dt.year).astype(float))
    return out.sort_values(["formula_id", "first_date", "actor"], kind="stable").reset_index(drop=True)


def diffusion(first: pd.DataFrame, *, exclude: Sequence[str] = (CHINA,)) -> pd.DataFrame:
    """Diffusion curve per formula from a :func:`first_adoption` table: by year, how many
    actors other than China adopted it that year and in all (``cumulative``), and who.

    >>> first = pd.DataFrame({"actor": ["CHN", "IDN", "KAZ", "PAK"], "formula_id": ["gdi"] * 4,
    ...                       "first_year": [2021, 2022, 2022, 2024]})
    >>> diffusion(first)[["formula_id", "year", "new_adopters", "cumulative"]].values.tolist()
    [['gdi', 2022, 2, 2], ['gdi', 2024, 1, 3]]
    """
    f = first[~first["actor"].isin(exclude)]
    grouped = f.groupby(["formula_id", "first_year"])
    out = grouped.agg(new_adopters=("actor", "nunique"), adopters=("actor", lambda a: ";".join(sorted(a)))).reset_index()
    out = out.rename(columns={"first_year": "year"}).sort_values(["formula_id", "year"], kind="stable")
    out["cumulative"] = out.groupby("formula_id")["new_adopters"].cumsum()
    out["year"] = out["year"].astype("int64")
    return out[["formula_id", "year", "new_adopters", "cumulative", "adopters"]].reset_index(drop=True)


EXPLAIN_COLUMNS = (
    "doc_id", "path", "date", "formula_id", "surface", "start", "end", "voice", "voice_actors", "speaker", "stance",
    "stance_cue", "strength_name", "anachronistic", "borrowed", "sentence",
)


def explain(
    matches,
    documents: pd.DataFrame | None,
    actor: str,
    formula_id: str,
    year: int | None = None,
    *,
    lexicon=None,
    options: ScoreOptions | None = None,
    **keywords,
) -> pd.DataFrame:
    """The matches behind an actor's figure for a formula (and year): every credited
    match, with its sentence, voice, stance and the cues that decided them. Takes the
    same options as :func:`adoption`; ``year=None`` for all years. ``actor`` in any
    case; with a ``lexicon``, the formula by its id, an acronym (GDI) or any form.

    Raises
    ------
    ValueError
        When the lexicon has no formula of that name."""
    matches, documents, lexicon = scan_tables(matches, documents, lexicon)
    if lexicon is not None:
        try:
            formula_id = resolve_formula(lexicon, formula_id)
        except KeyError as exc:
            raise ValueError(exc.args[0]) from None
    m = credited_matches(matches, documents, lexicon=lexicon, options=ScoreOptions.of(options, **keywords))  # checks the tables
    m = m[(m["actor"].astype("string").str.upper() == str(actor).upper()) & (m["formula_id"] == formula_id)]
    if year is not None:
        m = m[pd.to_numeric(m["year"], errors="coerce") == int(year)]
    columns = [c for c in EXPLAIN_COLUMNS if c in m.columns]
    return m.sort_values(["date", "doc_id", "start"], kind="stable")[columns].reset_index(drop=True)
