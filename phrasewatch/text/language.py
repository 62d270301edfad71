"""Guess whether a document is Chinese or English from its characters."""

from __future__ import annotations

__all__ = ["detect_language"]

import re

from .chars import HAN, MAYBE_HAN

_HAN = re.compile(f"[{HAN}]")
_LATIN = re.compile(r"[A-Za-z]")
_SAMPLE = 200_000


def detect_language(text: str) -> str:
    """``"zh"``, ``"en"`` or ``"und"`` (nothing to tell from).

    One Han character carries about as much as a three- to four-letter English word,
    so Chinese wins once Han characters reach a fifth of the letters.

    >>> detect_language("双方同意推动构建人类命运共同体。"), detect_language("Both sides agreed.")
    ('zh', 'en')
    """
    sample = text[:_SAMPLE]
    if sample.isascii() or not MAYBE_HAN.search(sample) or not _HAN.search(sample):
        return "en" if _LATIN.search(sample) else "und"
    han = len(_HAN.findall(sample))
    latin = len(_LATIN.findall(sample))
    if han == 0 and latin == 0:
        return "und"
    return "zh" if han * 5 >= latin else "en"
