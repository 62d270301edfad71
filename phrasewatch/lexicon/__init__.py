"""Lexicons: load, validate and compile the formulae that phrasewatch looks for."""

from .load import assemble_lexicon, bundled_lexicons, load_lexicon, read_lexicon
from .model import KINDS, FirstUse, Formula, Lexicon, Pattern, Rendering
from .notation import NotationError, expand

__all__ = [
    "KINDS",
    "FirstUse",
    "Formula",
    "Lexicon",
    "NotationError",
    "Pattern",
    "Rendering",
    "assemble_lexicon",
    "bundled_lexicons",
    "expand",
    "load_lexicon",
    "read_lexicon",
]
