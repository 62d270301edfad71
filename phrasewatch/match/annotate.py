"""Turn raw matches into table rows: formula metadata, sentence, anachronism."""

from __future__ import annotations

__all__ = ["MATCH_COLUMNS", "annotate", "is_anachronistic"]

import datetime as dt

from ..lexicon.model import FirstUse, Lexicon
from ..text.sentences import Sentences
from .reference import Match

MATCH_COLUMNS = (
    "doc_id", "formula_id", "parent", "kind", "category", "distinctiveness", "language",
    "variant", "surface", "start", "end", "sentence", "acronym", "licence", "anachronistic",
)


def is_anachronistic(first_used: FirstUse | None, date: dt.date | None, year: int | None) -> bool:
    """True when the document is dated before the formula's first PRC use.

    With only a year known on either side, years are compared, so a document of the
    same year as the first use is never anachronistic.
    """
    if first_used is None:
        return False
    if date is not None and len(first_used.date) > 4:
        return date < first_used.earliest
    if year is None and date is not None:
        year = date.year
    if year is None:
        return False
    return year < first_used.year


def annotate(
    matches: list[Match],
    lexicon: Lexicon,
    *,
    doc_id: str,
    source: str,
    date: dt.date | None = None,
    year: int | None = None,
    sentences: Sentences | None = None,
) -> list[dict]:
    """One row per match with the columns of :data:`MATCH_COLUMNS`."""
    if matches and sentences is None:
        sentences = Sentences(source)
    rows = []
    for m in matches:
        f = lexicon[m.formula_id]
        rows.append({
            "doc_id": doc_id,
            "formula_id": m.formula_id,
            "parent": f.parent,
            "kind": f.kind,
            "category": f.category,
            "distinctiveness": f.distinctiveness,
            "language": m.language,
            "variant": m.variant,
            "surface": m.surface,
            "start": m.start,
            "end": m.end,
            "sentence": sentences.text_around(m.start, m.end),
            "acronym": m.acronym,
            "licence": m.licence,
            "anachronistic": is_anachronistic(f.first_used, date, year),
        })
    return rows
