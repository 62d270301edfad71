"""Keyword in context: each match as the words before it, the match and the words
after it, with who it is credited to, within the documents and dates the scores count;
sampled, and saying so, when there are more than a report should carry."""

from __future__ import annotations

__all__ = ["Kwic", "kwic", "split_context"]

from dataclasses import dataclass

import numpy as np
import pandas as pd
import regex

from ..score import credited_matches, matches_in_scope

CONTEXT = 240  # characters kept on each side of a match: a sentence can run to pages in a resolution


@dataclass
class Kwic:
    """``rows``: one per match shown (``left``, ``match``, ``right``, ``credited`` and the
    matches table's columns); ``total``: matches in scope; ``sampled``: whether
    ``rows`` is a sample of them (every first adoption kept, the rest drawn per formula)."""

    rows: pd.DataFrame
    total: int
    sampled: bool
    seed: int


def _loose(surface: str) -> regex.Pattern:
    """The surface as the sentence may hold it: spacing and line-end hyphens collapsed."""
    parts = [regex.escape(p.rstrip("-")) if p.endswith("-") else regex.escape(p) for p in surface.split()]
    return regex.compile(r"-?\s*".join(parts))


def split_context(sentence, surface, width: int = CONTEXT) -> tuple[str, str, str]:
    """``(left, match, right)``: the sentence cut around the match's surface, each side
    at most ``width`` characters (cut at a space, marked …). When the sentence does
    not hold the surface, ``match`` is empty and ``left`` is the sentence.

    >>> split_context("Both sides support the\\nGlobal Development Initiative today.", "Global Development Initiative")
    ('Both sides support the\\n', 'Global Development Initiative', ' today.')
    >>> split_context("We enter the new era together.", "new\\nera")
    ('We enter the ', 'new era', ' together.')
    """
    sentence = sentence if isinstance(sentence, str) else ""
    surface = surface if isinstance(surface, str) else ""
    at = sentence.find(surface) if surface else -1
    if at >= 0:
        start, end = at, at + len(surface)
    else:
        found = _loose(surface).search(sentence) if surface.strip() else None
        if found is None:
            return _clip_left(sentence, width * 2), "", ""
        start, end = found.span()
    return _clip_left(sentence[:start], width), sentence[start:end], _clip_right(sentence[end:], width)


def _clip_left(text: str, width: int) -> str:
    if len(text) <= width:
        return text
    cut = text[-width:]
    space = cut.find(" ")
    return "…" + (cut[space:] if 0 <= space < 40 else cut)


def _clip_right(text: str, width: int) -> str:
    if len(text) <= width:
        return text
    cut = text[:width]
    space = cut.rfind(" ")
    return (cut[:space] if space > width - 40 else cut) + "…"


_KEY = ["doc_id", "start", "end", "formula_id"]


def kwic(data, limit: int | None = 20_000, seed: int = 0) -> Kwic:
    """The KWIC rows of a :class:`~phrasewatch.report.data.ReportData`: every match in
    the documents the scores count (:func:`~phrasewatch.score.matches_in_scope`: one
    document per group of copies, no glosses, anachronistic matches or borrowed wording
    unless the options include them), any stance, with the actors it is credited to
    (``credited``, as in ``phrasewatch score --explain``).

    More than ``limit`` matches: every match behind a first adoption is kept and the
    rest sampled at random (``seed``) with each formula given an equal share of what is
    left (a formula with fewer matches keeps them all), in document order."""
    options = data.options
    m = matches_in_scope(data.matches, data.documents, options=options).reset_index(drop=True)
    if len(m) and "voice_actors" in m.columns:
        credited = credited_matches(data.matches, data.documents, options=options)
        credited = credited.groupby(_KEY, sort=False)["actor"].agg(lambda a: ";".join(dict.fromkeys(a))).rename("credited")
        m = m.merge(credited.reset_index(), on=_KEY, how="left")
    else:
        m = m.assign(credited=None)
    total = len(m)
    sampled = limit is not None and total > limit
    if sampled:
        m = m.loc[_sample(m, data.first, limit, seed)]
    sentences = m["sentence"] if "sentence" in m.columns else pd.Series("", index=m.index)
    parts = [split_context(s, x) for s, x in zip(sentences, m["surface"], strict=True)]
    m = m.assign(left=[p[0] for p in parts], match=[p[1] for p in parts], right=[p[2] for p in parts])
    return Kwic(m.reset_index(drop=True), total, sampled, seed)


def _sample(m: pd.DataFrame, first: pd.DataFrame, limit: int, seed: int) -> list:
    """Row labels to keep: the first adoptions, then an equal share per formula."""
    behind_first = m.merge(first[["doc_id", "formula_id", "sentence"]].drop_duplicates(), on=["doc_id", "formula_id", "sentence"],
                           how="left", indicator=True)["_merge"].eq("both").to_numpy()
    keep = set(m.index[behind_first][:limit])
    rest = m[~behind_first]
    room = max(0, limit - len(keep))
    groups = {f: list(idx) for f, idx in rest.groupby("formula_id", sort=True).groups.items()}
    # water-filling: the smallest formulae keep everything, the rest share what is left equally
    quota = {}
    remaining = sorted(groups, key=lambda f: (len(groups[f]), f))
    while remaining:
        share = room // len(remaining)
        f = remaining[0]
        if len(groups[f]) <= share:
            quota[f] = len(groups[f])
            room -= quota[f]
            remaining.pop(0)
        else:
            # the rest share what is left: equal parts, the remainder one each to the largest
            for i, g in enumerate(reversed(remaining)):
                quota[g] = share + (1 if i < room - share * len(remaining) else 0)
            break
    rng = np.random.default_rng(seed)
    for f, idx in groups.items():
        n = quota.get(f, 0)
        keep.update(idx if n >= len(idx) else rng.choice(idx, size=n, replace=False).tolist())
    return sorted(keep)
