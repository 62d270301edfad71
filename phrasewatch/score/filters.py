"""What a score counts and how its table is laid out: the filters of
:class:`~phrasewatch.options.ScoreOptions` (formulae, actors, years) applied to the
matches and documents, formulae grouped by category or parent, years with nothing
filled with zeros, and the wide tables people chart (actor × formula, year × formula,
document × formula, like quanteda's dfm).
"""

from __future__ import annotations

__all__ = [
    "FORMULA_GROUPS",
    "actor_mask",
    "document_actor_mask",
    "documents_in_years",
    "formula_mask",
    "grouped",
    "selected_formula_ids",
    "wide_table",
    "year_range",
    "zero_filled",
]

from collections.abc import Sequence
from dataclasses import replace

import pandas as pd

from ..catalogue import resolve_formula
from ..countries import split_parties
from ..lexicon import Formula, Lexicon
from ..options import FORMULA_GROUPS, ScoreOptions

COUNT_COLUMNS = ("count", "mentions", "rejections", "documents", "adopters")


def _descendants(lexicon: Lexicon, root: str) -> set[str]:
    found, frontier = {root}, {root}
    while frontier:
        frontier = {f.id for f in lexicon if f.parent in frontier and f.id not in found}
        found |= frontier
    return found


def selected_formula_ids(names: Sequence[str], lexicon: Lexicon | None = None,
                         matches: pd.DataFrame | None = None) -> set[str] | None:
    """The formula ids that ``names`` select (see ``ScoreOptions.formula``), or None
    for all. Without a lexicon, names are read against the matches table's own
    ``formula_id``, ``category`` and ``parent`` columns (ids and categories only).

    Raises
    ------
    ValueError
        Naming every name that selects nothing, with the categories to choose from.
    """
    if not names:
        return None
    if lexicon is not None:
        categories = {f.category: set() for f in lexicon}
        for f in lexicon:
            categories[f.category].add(f.id)
    else:
        table = matches if matches is not None else pd.DataFrame(columns=["formula_id", "category", "parent"])
        categories = {c: set(g["formula_id"]) for c, g in table.groupby("category")} if "category" in table else {}
    selected: set[str] = set()
    problems = []
    for name in names:
        kind, _, value = name.partition(":") if name.startswith(("category:", "parent:")) else ("", "", name)
        if kind == "category" or (not kind and lexicon is None and value in categories and not _is_id(value, matches)):
            if value not in categories:
                problems.append(f"no category {value!r} (categories: {', '.join(sorted(categories))})")
            else:
                selected |= categories[value]
            continue
        if lexicon is None:
            if _is_id(value, matches):
                selected |= {value} | (_children(value, matches) if kind == "parent" else set())
            else:
                problems.append(f"no formula {value!r} in the matches table (give the lexicon to name formulae by acronym or form)")
            continue
        try:
            formula_id = resolve_formula(lexicon, value)
        except KeyError as exc:
            if not kind and value in categories:
                selected |= categories[value]
                continue
            problems.append(str(exc.args[0]))
            continue
        selected |= _descendants(lexicon, formula_id) if kind == "parent" else {formula_id}
    if problems:
        raise ValueError("; ".join(problems))
    return selected


def _is_id(value: str, matches: pd.DataFrame | None) -> bool:
    return matches is not None and "formula_id" in matches and bool((matches["formula_id"] == value).any())


def _children(value: str, matches: pd.DataFrame) -> set[str]:
    return set(matches.loc[matches["parent"] == value, "formula_id"]) if "parent" in matches else set()


def formula_mask(matches: pd.DataFrame, options: ScoreOptions, lexicon: Lexicon | None = None) -> pd.Series:
    """Which rows of a matches table are of the formulae ``options.formula`` selects."""
    ids = selected_formula_ids(options.formula, lexicon, matches)
    if ids is None:
        return pd.Series(True, index=matches.index)
    return matches["formula_id"].isin(ids)


def actor_mask(actors: pd.Series, options: ScoreOptions) -> pd.Series:
    """Which credited actors ``options.actor`` / ``exclude_actor`` keep (any case)."""
    upper = actors.astype("string").str.upper()
    keep = pd.Series(True, index=actors.index)
    if options.actor:
        keep &= upper.isin(options.actor).fillna(False)
    if options.exclude_actor:
        keep &= ~upper.isin(options.exclude_actor).fillna(False)
    return keep.astype(bool)


def document_actor_mask(documents: pd.DataFrame, options: ScoreOptions) -> pd.Series:
    """Which documents the actor filters keep: a document is its parties' (or its
    actor's); ``actor`` keeps it when it names one of them, ``exclude_actor`` drops it
    when it names no one else (China's speeches go; a joint statement of China and
    Indonesia stays, for Indonesia's part)."""
    if not (options.actor or options.exclude_actor):
        return pd.Series(True, index=documents.index)
    parties = documents["parties"] if "parties" in documents else pd.Series(None, index=documents.index)
    actors = documents["actor"] if "actor" in documents else pd.Series(None, index=documents.index)
    keep = []
    for p, a in zip(parties, actors, strict=True):
        codes = {c.upper() for c in (split_parties(p) or split_parties(a))}
        keep.append((not options.actor or bool(codes & set(options.actor)))
                    and (not codes or bool(codes - set(options.exclude_actor))))
    return pd.Series(keep, index=documents.index, dtype=bool)


def documents_in_years(documents: pd.DataFrame, options: ScoreOptions) -> pd.DataFrame:
    """The documents of the years ``since`` … ``until`` (an undated document is left out
    once either is given)."""
    if options.since is None and options.until is None:
        return documents
    years = pd.to_numeric(documents["year"], errors="coerce") if "year" in documents else pd.Series(float("nan"), index=documents.index)
    keep = years.notna()
    if options.since is not None:
        keep &= years >= options.since
    if options.until is not None:
        keep &= years <= options.until
    return documents[keep]


def _group_labels(matches: pd.DataFrame, lexicon: Lexicon | None, group: str, all_label: str) -> pd.Series:
    if group == "all":
        return pd.Series(all_label, index=matches.index, dtype=object)
    if group == "category":
        if lexicon is not None:
            return matches["formula_id"].map(lambda f: lexicon[f].category if f in lexicon else None).fillna(matches["category"])
        return matches["category"]

    def top(formula_id):
        seen = set()
        while lexicon is not None and formula_id in lexicon and lexicon[formula_id].parent in lexicon and formula_id not in seen:
            seen.add(formula_id)
            formula_id = lexicon[formula_id].parent
        return formula_id

    if lexicon is not None:
        return matches["formula_id"].map(top)
    return matches["parent"].where(matches["parent"].notna(), matches["formula_id"])


def grouped(matches: pd.DataFrame, lexicon: Lexicon | None, group: str, all_label: str = "all"
            ) -> tuple[pd.DataFrame, Lexicon | None]:
    """The matches with ``formula_id`` replaced by its group (``category``, the top
    ``parent``, or one group for ``all``), and a lexicon of the groups: a group weighs
    what its heaviest formula weighs and was first used when its first formula was, so
    the scores count a group as one formula that any of its members stands for."""
    if group not in FORMULA_GROUPS:
        raise ValueError(f"no formula grouping {group!r}: choose one of {', '.join(FORMULA_GROUPS)}")
    if group == "formula":
        return matches, lexicon
    labels = _group_labels(matches, lexicon, group, all_label)
    relabelled = matches.assign(formula_id=labels)
    if lexicon is None:
        return relabelled, None
    members: dict[str, list[Formula]] = {}
    everything = pd.DataFrame({"formula_id": list(lexicon.ids), "category": [f.category for f in lexicon],
                               "parent": [f.parent for f in lexicon]})
    for formula, label in zip(lexicon, _group_labels(everything, lexicon, group, all_label), strict=True):
        members.setdefault(label, []).append(formula)
    formulae = {}
    for label, group_members in members.items():
        heaviest = max(group_members, key=lambda f: f.effective_weight)
        dated = [f.first_used for f in group_members if f.first_used is not None]
        formulae[label] = replace(heaviest, id=label, parent=None, weight=heaviest.effective_weight,
                                  first_used=min(dated, key=lambda u: u.earliest) if dated else None)
    return relabelled, Lexicon(formulae=formulae, files=lexicon.files, names=lexicon.names, version=lexicon.version,
                               patterns=())


def year_range(documents: pd.DataFrame, options: ScoreOptions) -> list[int]:
    """The years ``since`` … ``until``, each end defaulting to the documents' first or last year."""
    years = pd.to_numeric(documents["year"], errors="coerce").dropna() if "year" in documents else pd.Series(dtype=float)
    first = options.since if options.since is not None else (int(years.min()) if len(years) else None)
    last = options.until if options.until is not None else (int(years.max()) if len(years) else None)
    if first is None or last is None:
        return []
    return list(range(first, last + 1))


def zero_filled(table: pd.DataFrame, by: Sequence[str], years: Sequence[int], totals: pd.DataFrame | None = None,
                formula_column: str = "formula_id") -> pd.DataFrame:
    """An adoption or mentions table with a row for every year in ``years`` of every
    series (the other ``by`` columns and the formula) that has a row in some year: the
    counts 0, ``adopted`` False, the documents and tokens of the group from ``totals``
    (a table of ``by`` → ``documents_total``, ``tokens``), share and rate recomputed.
    Rows of undated documents are left out."""
    by = list(by)
    if "year" not in by:
        raise ValueError("filling years with zeros needs the table grouped by year (add year to by)")
    others = [c for c in by if c != "year"]
    series = table[[*others, formula_column]].drop_duplicates()
    grid = series.merge(pd.DataFrame({"year": pd.array(list(years), dtype="Int64")}), how="cross")
    body = table.assign(year=pd.array(pd.to_numeric(table["year"], errors="coerce"), dtype="Int64"))
    out = grid.merge(body, on=[*by, formula_column], how="left")
    for column in COUNT_COLUMNS:
        if column in out:
            out[column] = out[column].fillna(0).astype("int64")
    if "adopted" in out:
        out["adopted"] = out["adopted"].astype("boolean").fillna(False).astype(bool)
    if "weight" in out:
        weights = table.groupby(formula_column)["weight"].first()
        out["weight"] = out[formula_column].map(weights)
    if totals is not None and "documents_total" in out:
        t = totals.assign(year=pd.array(pd.to_numeric(totals["year"], errors="coerce"), dtype="Int64"))
        filled = out[by].merge(t, on=by, how="left")
        out["documents_total"] = filled["documents_total"].fillna(0).astype("int64").to_numpy()
        out["tokens"] = filled["tokens"].fillna(0).astype("int64").to_numpy()
        out["share"] = out["documents"] / out["documents_total"].where(out["documents_total"] > 0)
        out["rate_per_10k"] = (out["count"] * 10_000 / out["tokens"].where(out["tokens"] > 0)).astype(float)
    out = out[[c for c in table.columns if c in out.columns]]
    return out.sort_values([*by, formula_column], kind="stable").reset_index(drop=True)


def wide_table(table: pd.DataFrame, index: Sequence[str], value: str, *, rows: pd.DataFrame | None = None,
               columns: Sequence[str] = (), formula_column: str = "formula_id") -> pd.DataFrame:
    """One row per group (``index``), one column per formula, ``value`` in the cells
    (0 where the group has none): the actor × formula, year × formula or document ×
    formula matrix. ``rows`` adds groups with nothing (every document, as a dfm has);
    ``columns`` adds formulae with nothing (those selected)."""
    index = list(index)
    if not index:
        raise ValueError("a wide table needs rows: group by actor, year, doc_id or another column")
    pivot = table.pivot_table(index=index, columns=formula_column, values=value, aggfunc="sum", fill_value=0,
                              dropna=False, observed=True)
    if rows is not None and len(rows):
        keys = rows[index].drop_duplicates()
        pivot = pivot.reindex(pd.MultiIndex.from_frame(keys) if len(index) > 1 else pd.Index(keys[index[0]]), fill_value=0)
    for column in columns:
        if column not in pivot.columns:
            pivot[column] = 0
    pivot = pivot[sorted(pivot.columns, key=str)]
    pivot.columns.name = None
    out = pivot.reset_index()
    for column in pivot.columns:
        if pd.api.types.is_numeric_dtype(out[column]) and (out[column].dropna() % 1 == 0).all():
            out[column] = out[column].astype("int64")
    return out.sort_values(index, kind="stable").reset_index(drop=True)
