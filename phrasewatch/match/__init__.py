"""Matching: find a lexicon's formulae in normalised text (reference engine)."""

from .annotate import AnnotatedMatch, annotate, is_anachronistic, limit_matches
from .compiled import CompiledMatcher, available_backends
from .reference import BaseMatcher, Match, Matches, ReferenceMatcher, resolve_overlaps

# the engine used by default: the compiled one where an automaton library is installed
Matcher = CompiledMatcher if available_backends() else ReferenceMatcher

__all__ = [
    "AnnotatedMatch",
    "BaseMatcher",
    "CompiledMatcher",
    "Match",
    "Matches",
    "Matcher",
    "ReferenceMatcher",
    "annotate",
    "available_backends",
    "is_anachronistic",
    "limit_matches",
    "resolve_overlaps",
]
