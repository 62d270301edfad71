"""Text: decode bytes, normalise with a map back to raw offsets, sentences, language.

:func:`normalize` is the specification of the matching key; :class:`KeyedText` gives
later stages the same key by faster routes, made once per document."""

from .decode import Decoded, decode, looks_binary
from .keyed import KeyedText, han_tables, letters_of, phrase_skeleton
from .language import detect_language
from .normalize import Normalized, normalize, normalize_phrase
from .sentences import Sentences, sentence_spans

__all__ = [
    "Decoded",
    "KeyedText",
    "Normalized",
    "Sentences",
    "decode",
    "detect_language",
    "han_tables",
    "letters_of",
    "looks_binary",
    "normalize",
    "normalize_phrase",
    "phrase_skeleton",
    "sentence_spans",
]
