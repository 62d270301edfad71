"""Matching: find a lexicon's formulae in normalised text (reference engine)."""

from .annotate import MATCH_COLUMNS, annotate, is_anachronistic
from .reference import Match, ReferenceMatcher, resolve_overlaps

Matcher = ReferenceMatcher  # the engine used by default

__all__ = [
    "MATCH_COLUMNS",
    "Match",
    "Matcher",
    "ReferenceMatcher",
    "annotate",
    "is_anachronistic",
    "resolve_overlaps",
]
