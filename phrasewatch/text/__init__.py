"""Text: decode bytes, normalise with a map back to raw offsets, sentences, language."""

from .decode import Decoded, decode, looks_binary
from .language import detect_language
from .normalize import ChunkedNormalized, Normalized, normalize, normalize_phrase, normalize_text
from .sentences import Sentences, sentence_spans

__all__ = [
    "ChunkedNormalized",
    "Decoded",
    "Normalized",
    "Sentences",
    "decode",
    "detect_language",
    "looks_binary",
    "normalize",
    "normalize_phrase",
    "normalize_text",
    "sentence_spans",
]
