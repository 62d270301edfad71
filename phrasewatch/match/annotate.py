"""Turn raw matches into table rows: formula metadata, sentence, anachronism, borrowing."""

from __future__ import annotations

__all__ = ["MATCH_COLUMNS", "annotate", "is_anachronistic"]

import datetime as dt

from ..lexicon.model import FirstUse, Lexicon, dated_before
from ..text.sentences import Sentences
from .reference import Match

MATCH_COLUMNS = (
    "doc_id", "formula_id", "parent", "kind", "category", "distinctiveness", "language",
    "variant", "surface", "start", "end", "sentence", "acronym", "anachronistic", "borrowed",
)


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
            "anachronistic": is_anachronistic(f.first_used, date, year),
            # someone else's wording on that date: China had not (yet) made it its own
            "borrowed": not f.origin.owned_by_prc(date, year),
        })
    return rows
