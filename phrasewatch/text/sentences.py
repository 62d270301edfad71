"""Split raw text into sentences (English and Chinese), as spans of the raw text."""

from __future__ import annotations

__all__ = ["sentence_spans", "Sentences", "SplitText", "window_spans"]

import bisect
import itertools
import math

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


def _is_abbreviation(text: str, end: int, lo: int = 0) -> bool:
    """True when the period before ``end`` closes an abbreviation or a paragraph number,
    in the text from ``lo`` on (``_is_abbreviation(text[lo:], end - lo)``)."""
    if end - lo >= 8 and text[end - 8:end - 1].isalpha():
        return False  # a word of seven letters or more: longer than any abbreviation (the common case, cheaply)
    m = _LAST_WORD.search(text, max(lo, end - 12), end)
    if not m:
        return False
    word = m.group(1).lower()
    if word.isdigit() and len(word) <= 3:
        i = m.start()  # the line before the number holds nothing but spaces and tabs
        while i > lo and text[i - 1] in " \t":
            i -= 1
        return i == lo or text[i - 1] == "\n"
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


def _trim(text: str, a: int, b: int) -> tuple[int, int] | None:
    """``[a, b)`` without the whitespace around it, None when nothing is left."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return (a, b) if b > a else None


# What a boundary's match may depend on after its first character: closing and opening
# quotes, whitespace, Chinese numerals (a numbered paragraph's look-ahead), then a few
# characters (a digit run of up to three and its period, "(a)", the character the
# look-ahead wants). ``_REACH`` more than the run's end is past anything it can read.
_RUN = regex.compile(r"[\s\"'\u201c\u201d\u2018\u2019()\[\]」』）一二三四五六七八九十]*")
_REACH = 8
_RUN_CHARS = frozenset("\"'\u201c\u201d\u2018\u2019()[]」』）一二三四五六七八九十")  # the run's, but for whitespace


class SplitText:
    """The boundaries of one whole document, found once, giving the sentences of any
    window exactly as :func:`window_spans` splits it anew (the same spans, to the
    character).

    A window's split differs from the whole text's only near its edges: at its start
    the scan for boundaries may begin inside one (a blank line's whitespace, say) and
    an abbreviation's word may be cut; at its end a boundary may need characters past
    it (the capital after ". ", a numbered paragraph's look-ahead). So the window's own
    start is scanned for real until its boundaries are the whole text's (the same
    match, and far enough from the start for abbreviations to read the same); the
    whole text's boundaries are taken while everything their matching can read lies
    inside the window (``reach``); the rest of the window is scanned for real.
    """

    def __init__(self, text: str):
        self.text = text
        # (loops kept tight: a 4 MB Chinese report has 36,000 boundaries)
        found = [(m.span(), m.lastgroup) for m in _BOUNDARY.finditer(text)]
        starts = [a for (a, _), _ in found]
        ends = [b for (_, b), _ in found]
        cuts = [a if group is None else a + 1 for (a, _), group in found]  # after a full stop, or before a line break
        keep = [cut != 0 and (text[cut - 1] != "." or not _is_abbreviation(text, cut)) for cut in cuts]
        # everything a boundary's match holds after its first character is of the run
        # (closing quotes, whitespace), so the run from there goes on from its end; a
        # failed try before it reads no further than its run either
        size, run, run_chars = len(text), _RUN.match, _RUN_CHARS
        last = [run(text, b).end() if b < size and (text[b] in run_chars or text[b].isspace()) else b for b in ends]
        reach = list(itertools.accumulate((b + _REACH for b in last), max))  # never decreasing: bisected
        self.starts, self.ends, self.cuts, self.keep, self.reach = starts, ends, cuts, keep, reach
        # the sentences between consecutive kept boundaries: inner[i] ends at the i-th
        # kept boundary's cut and starts after the one before (None: only whitespace)
        self.kept = kept = [j for j, k in enumerate(keep) if k]
        self.rank = [0, *itertools.accumulate(keep)]  # rank[j]: how many boundaries before the j-th are kept
        self.inner = inner = []  # the non-empty ones
        self.before = before = [0]  # how many of inner come before kept boundary i's sentence
        if kept:
            before.append(0)
        for prev, j in itertools.pairwise(kept):
            a, b = ends[prev], cuts[j]
            piece = text[a:b]  # trimmed as _trim does: str.strip's whitespace is isspace's
            stripped = piece.lstrip()
            if stripped:
                a += len(piece) - len(stripped)
                inner.append((a, a + len(stripped.rstrip())))
            before.append(len(inner))

    def _scan(self, pos: int, lo: int, hi: int, cuts: list, sync: bool) -> int | None:
        """The window ``[lo, hi)``'s boundaries from ``pos`` on, scanned for real, the
        kept ones appended to ``cuts`` as (cut, end). With ``sync``, stops at the first
        that is the whole text's and after which the whole text's read as the window's,
        returning its index there; otherwise (or when none is) returns None."""
        text, starts, ends, n = self.text, self.starts, self.ends, len(self.starts)
        for m in _BOUNDARY.finditer(text, pos, hi):
            a, b = m.span()
            cut = a + 1 if m.lastgroup in ("stop", "zhstop") else a
            if cut != lo and not (text[cut - 1] == "." and _is_abbreviation(text, cut, lo)):
                cuts.append((cut, b))
            if sync:
                j = bisect.bisect_left(starts, a)
                # the next boundary's abbreviation reads no further back than 12 characters
                # and the line of its number: from ``lo`` on, as in the whole text
                if j < n and starts[j] == a and ends[j] == b and (j + 1 == n or starts[j + 1] >= lo + 12):
                    return j
        return None

    def window(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """``window_spans(text, lo, hi)``, read from the whole text where it can be."""
        lead: list = []
        tail: list = []
        k = self._scan(lo, lo, hi, lead, sync=True)
        r0 = r1 = 0  # the whole text's kept boundaries taken, by rank
        if k is not None:
            # the whole text's boundaries k+1 .. J-1 read nothing at or past ``hi``
            J = max(k + 1, bisect.bisect_right(self.reach, hi))
            r0, r1 = self.rank[k + 1], self.rank[J]
            if J < len(self.starts) and self.starts[J] < hi:
                self._scan(self.ends[J - 1], lo, hi, tail, sync=False)
        text, out = self.text, []
        start = lo
        for cut, end in lead:
            span = _trim(text, start, cut)
            if span is not None:
                out.append(span)
            start = end
        if r1 > r0:
            span = _trim(text, start, self.cuts[self.kept[r0]])
            if span is not None:
                out.append(span)
            out.extend(self.inner[self.before[r0 + 1]:self.before[r1]])
            start = self.ends[self.kept[r1 - 1]]
        for cut, end in tail:
            span = _trim(text, start, cut)
            if span is not None:
                out.append(span)
            start = end
        span = _trim(text, start, hi)
        if span is not None:
            out.append(span)
        return out


class Sentences:
    """The sentence around a raw offset of one document.

    Sentences are those of a window around each match: only documents with matches
    need them, and only near the matches. A sentence longer than the window is cut at
    its edge. The match table's sentence and the speaker search read the same window;
    once a document's windows have covered it (:attr:`cover`), the whole text is split
    once and each window's sentences read from that split, the same to the character
    (:class:`SplitText`).
    """

    window = 2000
    # split the whole text once the windows split have covered this share of it: lower
    # suits Chinese (dense: 0.25 took a fifth off again on the reports), not English
    # (0.25 cost the 2024 UNGDC speeches a third more in sentences than 1)
    cover = 1.0

    def __init__(self, text: str):
        self.text = text
        self._holding: dict[tuple[int, int], tuple[int, int] | None] = {}
        self._whole: SplitText | None = None
        self._split_chars = 0
        self._last: tuple[tuple[int, int], list[tuple[int, int]]] | None = None

    def expect(self, matches: int) -> None:
        """Say how many matches will ask for their sentences: when their windows would
        cover the text anyway, it is split whole now rather than window by window
        first (the same spans either way: :class:`SplitText`)."""
        if self._whole is None and self._split_chars + 2 * self.window * matches > self.cover * len(self.text):
            self._whole = SplitText(self.text)

    def spans(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """``window_spans(text, lo, hi)``. Windows are split anew until they have
        covered :attr:`cover` of the text; the text is then split once and every
        window after read from it (the same spans: :class:`SplitText`). A document
        dense with formulae is no longer split four times over."""
        if self._whole is None:
            self._split_chars += hi - lo
            if self._split_chars <= self.cover * len(self.text):
                return window_spans(self.text, lo, hi)
            self._whole = SplitText(self.text)
        return self._whole.window(lo, hi)

    def _split(self, start: int, end: int) -> list[tuple[int, int]]:
        if self._last is not None and self._last[0] == (start, end):
            return self._last[1]  # the speaker search, then the match table: one split
        lo, hi = self.window_around(start, end)
        spans = self.spans(lo, hi)
        self._last = ((start, end), spans)
        # the sentence holding the start, remembered for the speaker search; the first
        # sentence of a window that does not open the text is cut by it and left out
        # (spans are bisected as pairs: (a, b) <= (start, inf) where a <= start)
        first = 1 if lo > 0 and len(spans) > 1 else 0
        index = max(first, bisect.bisect_right(spans, (start, math.inf), first) - 1)
        self._holding[start, end] = spans[index] if spans else None
        return spans

    def around(self, start: int, end: int) -> tuple[int, int]:
        """Span covering every sentence that ``[start, end)`` touches."""
        spans = self._split(start, end)
        if not spans:
            return start, end
        first = spans[max(bisect.bisect_right(spans, (start, math.inf)) - 1, 0)]
        last = spans[max(bisect.bisect_right(spans, (max(start, end - 1), math.inf)) - 1, 0)]
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
