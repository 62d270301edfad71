"""Split raw text into sentences (English and Chinese), as spans of the raw text."""

from __future__ import annotations

__all__ = ["sentence_spans", "Sentences", "window_spans"]

import bisect

import regex

# A sentence ends at . ! ? (then space and a capital, digit or opening mark), at Chinese
# 。！？；, or at a blank line. Numbered paragraphs ("\n3. ") start a new one.
_BOUNDARY = regex.compile(
    r"""
    (?P<stop>[.!?])[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[\p{Lu}\d\p{Han}])
  | (?P<zhstop>[。！？；])[\u201d\u2019」』）]*\s*
  | \n[^\S\n]*\n\s*
  | \n(?=[^\S\n]*(?:\d{1,3}\.|[一二三四五六七八九十]+、|\(\w\))\s)
    """,
    regex.VERBOSE,
)  # each alternative starts with a character, not a look-behind: much faster to scan
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr no nos st jr sr prof gen gov rev hon messrs art arts para paras vol op "
    "cit vs etc e.g i.e u.s u.n h.e a.m p.m viz cf fig approx dept".split()
)
_LAST_WORD = regex.compile(r"([\w.]+)\.$")


def _is_abbreviation(text: str, end: int) -> bool:
    """True when the period before ``end`` closes an abbreviation or a paragraph number."""
    if end >= 8 and text[end - 8:end - 1].isalpha():
        return False  # a word of seven letters or more: longer than any abbreviation (the common case, cheaply)
    m = _LAST_WORD.search(text, max(0, end - 12), end)
    if not m:
        return False
    word = m.group(1).lower()
    if word.isdigit() and len(word) <= 3:
        before = text[: m.start()].rstrip(" \t")
        return before == "" or before.endswith("\n")
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Raw ``(start, end)`` of every sentence, whitespace around them excluded.

    >>> text = "Mr. Wang spoke. Both sides agreed.\\n双方同意。中方支持。"
    >>> [text[a:b] for a, b in sentence_spans(text)]
    ['Mr. Wang spoke.', 'Both sides agreed.', '双方同意。', '中方支持。']
    """
    spans = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        # a sentence ends after its full stop; whatever else the boundary holds
        # (closing quotes, spaces) belongs to neither sentence
        cut = m.start() + 1 if m.lastgroup in ("stop", "zhstop") else m.start()
        if cut == 0:
            continue
        if text[cut - 1] == "." and _is_abbreviation(text, cut):
            continue
        spans.append((start, cut))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def window_spans(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """``sentence_spans(text[lo:hi])`` in offsets of ``text``."""
    return [(a + lo, b + lo) for a, b in sentence_spans(text[lo:hi])]


class Sentences:
    """The sentence around a raw offset of one document.

    Sentences are found in a window around each match rather than in the whole
    document: only documents with matches need them, and only near the matches. A
    sentence longer than the window is cut at its edge. The match table's sentence and
    the speaker search read the same window: it is split once for both.
    """

    window = 2000

    def __init__(self, text: str):
        self.text = text
        self._holding: dict[tuple[int, int], tuple[int, int] | None] = {}

    def _split(self, start: int, end: int) -> list[tuple[int, int]]:
        lo, hi = self.window_around(start, end)
        spans = window_spans(self.text, lo, hi)
        # the sentence holding the start, remembered for the speaker search; the first
        # sentence of a window that does not open the text is cut by it and left out
        whole = spans[1:] if lo > 0 and len(spans) > 1 else spans
        index = max(0, bisect.bisect_right([a for a, _ in whole], start) - 1)
        self._holding[start, end] = whole[index] if whole else None
        return spans

    def around(self, start: int, end: int) -> tuple[int, int]:
        """Span covering every sentence that ``[start, end)`` touches."""
        spans = self._split(start, end)
        if not spans:
            return start, end
        starts = [a for a, _ in spans]
        first = spans[max(bisect.bisect_right(starts, start) - 1, 0)]
        last = spans[max(bisect.bisect_right(starts, max(start, end - 1)) - 1, 0)]
        return min(first[0], start), max(last[1], end)

    def holding(self, start: int, end: int) -> tuple[int, int] | None:
        """The whole sentence of the match's window that holds ``start`` (the one after
        it if the window cuts that one), or None when the window has no sentence."""
        if (start, end) not in self._holding:
            self._split(start, end)
        return self._holding[start, end]

    def window_around(self, start: int, end: int) -> tuple[int, int]:
        """The window of text split into sentences for the match at ``[start, end)``."""
        return max(0, start - self.window), min(len(self.text), end + self.window)

    # what the matches table keeps of a sentence: without a cap, a document dense with
    # formulae carried up to 4,000 characters per match (300 KB of Chinese: 172 MB of CSV)
    most = 1_000

    def text_around(self, start: int, end: int, most: int | None = -1) -> str:
        """The sentence around ``[start, end)``, whitespace collapsed; one longer than
        ``most`` characters (default :attr:`most`; None: no cap) is cut to that many
        around the match, "…" marking each cut. The whole sentence is always
        ``text_around(start, end, most=None)`` on the document's text."""
        a, b = self.around(start, end)
        most = self.most if most == -1 else most
        if most is None or b - a <= most:
            return " ".join(self.text[a:b].split())
        room = max(0, most - (end - start))
        lo = max(a, start - room // 2)
        hi = min(b, end + room - (start - lo))
        lo = max(a, min(lo, start - (room - (hi - end))))
        return ("… " if lo > a else "") + " ".join(self.text[lo:hi].split()) + (" …" if hi < b else "")
