"""Turn raw matches into annotated matches: formula metadata, sentence, anachronism, borrowing."""

from __future__ import annotations

__all__ = ["AnnotatedMatch", "annotate", "is_anachronistic", "limit_matches"]

import datetime as dt
from dataclasses import dataclass

from ..lexicon.model import FirstUse, Lexicon, dated_before
from ..text.sentences import Sentences
from .reference import Match


@dataclass(frozen=True)
class AnnotatedMatch:
    """A match with what the lexicon says of its formula and where it stands: the first
    columns of its row in the matches table (see :mod:`phrasewatch.tables`)."""

    doc_id: str
    formula_id: str
    parent: str | None
    kind: str
    category: str
    distinctiveness: str
    language: str
    variant: str
    surface: str
    start: int
    end: int
    sentence: str
    acronym: bool
    anachronistic: bool
    borrowed: bool = False
    licence: str | None = None  # what let a short form or acronym count: "after", "china", "after;china"


def limit_matches(matches: list[Match], warnings: list[str], most: int) -> tuple[list[Match], list[str]]:
    """The first ``most`` matches of a document, and its warnings with one more when
    some are dropped: each match carries a sentence and an attribution, and a document
    of nothing but formulae must not cost gigabytes."""
    if len(matches) <= most:
        return matches, warnings
    return matches[:most], [*warnings, f"{len(matches):,} matches, only the first {most:,} kept (raise --max-matches to keep more)"]


def is_anachronistic(first_used: FirstUse | None, date: dt.date | None, year: int | None) -> bool:
    """True when the document is dated before the formula's first PRC use.

    With only a year known on either side, years are compared, so a document of the
    same year as the first use is never anachronistic.
    """
    if first_used is None:
        return False
    return dated_before(first_used.date, date, year)


def annotate(
    matches: list[Match],
    lexicon: Lexicon,
    *,
    doc_id: str,
    source: str,
    date: dt.date | None = None,
    year: int | None = None,
    sentences: Sentences | None = None,
) -> list[AnnotatedMatch]:
    """One :class:`AnnotatedMatch` per match, in the same order."""
    if matches and sentences is None:
        sentences = Sentences(source)
    out = []
    for m in matches:
        f = lexicon[m.formula_id]
        out.append(AnnotatedMatch(
            doc_id=doc_id,
            formula_id=m.formula_id,
            parent=f.parent,
            kind=f.kind,
            category=f.category,
            distinctiveness=f.distinctiveness,
            language=m.language,
            variant=m.variant,
            surface=m.surface,
            start=m.start,
            end=m.end,
            sentence=sentences.text_around(m.start, m.end),
            acronym=m.acronym,
            anachronistic=is_anachronistic(f.first_used, date, year),
            # someone else's wording on that date: China had not (yet) made it its own
            borrowed=not f.origin.owned_by_prc(date, year),
            licence=m.licence,
        ))
    return out
