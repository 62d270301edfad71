"""Keyword in context: every match of a formula with the words to its left and right,
who voices it and how, across a corpus (as quanteda's ``kwic`` gives ``pre``,
``keyword``, ``post``). The context comes from the match's sentence, so a saved
matches table is enough: the documents need not be read again.

>>> import phrasewatch
>>> result = phrasewatch.scan_text("Kenya strongly supports the Global Development Initiative put forward by China.", actor="KEN")
>>> kwic(result, "GDI")[["left", "keyword", "right", "stance"]].values.tolist()
[['Kenya strongly supports the', 'Global Development Initiative', 'put forward by China.', 'endorse']]
"""

from __future__ import annotations

__all__ = ["KWIC_COLUMNS", "kwic"]

from collections.abc import Sequence

import pandas as pd

from .options import ScoreOptions
from .score.filters import actor_mask, formula_mask

KWIC_COLUMNS = ("doc_id", "date", "year", "actor", "formula_id", "left", "keyword", "right", "voice", "voice_actors",
                "stance", "strength_name", "anachronistic", "path", "start", "end")


def _cut_left(text: str, window: int) -> str:
    if len(text) <= window:
        return text
    cut = text[-window:]
    # a word cut in half reads as a typo: start at the next space when there is one
    space = cut.find(" ")
    return "…" + (cut[space + 1:] if 0 <= space < window // 2 else cut)


def _cut_right(text: str, window: int) -> str:
    if len(text) <= window:
        return text
    cut = text[:window]
    space = cut.rfind(" ")
    return (cut[:space] if space > window // 2 else cut) + "…"


def _contexts(matches: pd.DataFrame, window: int) -> tuple[list[str], list[str], list[str]]:
    """Left context, keyword and right context of each match, from its sentence: the
    n-th match of a surface within one sentence is its n-th occurrence there."""
    lefts, keywords, rights = [], [], []
    seen: dict[tuple, int] = {}
    for doc_id, sentence, surface in zip(matches["doc_id"], matches["sentence"], matches["surface"], strict=True):
        sentence = sentence if isinstance(sentence, str) else ""
        keyword = " ".join(str(surface).split())
        nth = seen.get((doc_id, sentence, keyword), 0)
        seen[(doc_id, sentence, keyword)] = nth + 1
        at = -1
        for _ in range(nth + 1):
            at = sentence.find(keyword, at + 1)
            if at < 0:
                break
        if at < 0:  # not found as written (should not happen): the whole sentence on the right
            lefts.append("")
            rights.append(_cut_right(sentence, window))
        else:
            lefts.append(_cut_left(sentence[:at].rstrip(), window))
            rights.append(_cut_right(sentence[at + len(keyword):].lstrip(), window))
        keywords.append(keyword)
    return lefts, keywords, rights


def kwic(matches, formula: str | Sequence[str] | None = None, *, lexicon=None, window: int = 60,
         options: ScoreOptions | None = None, **keywords) -> pd.DataFrame:
    """Every match of ``formula`` (an id, acronym, form, category or ``parent:ID``, or a
    list; None: every formula) with its left and right context.

    Parameters
    ----------
    matches : a :class:`~phrasewatch.ScanResult` or its matches table.
    lexicon : resolves acronyms and forms (a ScanResult brings its own).
    window : characters of context on each side, cut at a word where possible.
    options : a :class:`~phrasewatch.options.ScoreOptions`, or its fields as keywords:
        ``actor`` / ``exclude_actor`` (the actors credited with the match, any case),
        ``since`` / ``until`` (years); anachronistic matches are kept here (marked).

    Returns
    -------
    pandas.DataFrame
        :data:`KWIC_COLUMNS`, in document order then position: ``left``, ``keyword``
        (the surface, whitespace collapsed), ``right``, and the match's voice, stance,
        grade and place.
    """
    if hasattr(matches, "matches"):
        lexicon = lexicon if lexicon is not None else getattr(matches, "lexicon", None)
        matches = matches.matches
    if isinstance(window, bool) or not isinstance(window, int) or window < 1:
        raise ValueError(f"window must be a number of characters (1 or more), got {window!r}")
    names = [formula] if isinstance(formula, str) else list(formula or ())
    options = ScoreOptions.of(options, formula=tuple(names), **keywords)
    m = matches[formula_mask(matches, options, lexicon)]
    if options.actor or options.exclude_actor:
        credited = m["voice_actors"].fillna("").astype(str).str.split(";")
        m = m[[bool(actor_mask(pd.Series([a for a in actors if a] or [""]), options).any()) for actors in credited]]
    if options.since is not None or options.until is not None:
        years = pd.to_numeric(m["year"], errors="coerce")
        keep = years.notna()
        if options.since is not None:
            keep &= years >= options.since
        if options.until is not None:
            keep &= years <= options.until
        m = m[keep]
    left, keyword, right = _contexts(m, window)
    out = m.assign(left=left, keyword=keyword, right=right)
    return out[[c for c in KWIC_COLUMNS if c in out.columns]].reset_index(drop=True)
