"""Phrases with gaps (``changes …3 unseen in a century``) and the edges of a phrase:
the rules both engines share once an engine has found where a phrase may start.

A gap between two segments of a phrase, in the key (lower case, single spaces, no
hyphens inside words), is a separator, then between ``least`` and ``most`` words each
followed by a separator. A separator is a run of up to four spaces, commas and dashes
(not a full stop, colon or semicolon: a gap stays within a clause); a word is a run of
letters and digits (apostrophes inside: "world's") of at most :data:`WORD_MAX`
characters. Both bounds bound how far a phrase can reach from its first words. Every way
a phrase can end from a given start is a candidate, so longest match and overlaps are
decided by the same rules as for fixed phrases.
"""

from __future__ import annotations

__all__ = ["GappedKey", "WORD_MAX", "Edges", "is_word_char"]

import re

from ..lexicon.notation import Gap, split_gaps
from ..text import normalize_phrase

# Words longer than this do not fit in a gap. Bounding them bounds how many letters a
# gap holds, which lets the first look in a text's letters stay exact (see
# reference._build_skeleton_look); no English word of a translation comes near it.
WORD_MAX = 30
SEPARATOR_MAX = 4  # ", ", " - ", " -- ": a longer run of punctuation is no longer a phrase
_SEPARATOR = re.compile(rf"[ ,\-]{{1,{SEPARATOR_MAX}}}")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def is_word_char(ch: str) -> bool:
    """Letters and digits of alphabetic scripts; Chinese characters do not count."""
    return ch.isalnum() and not ("\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch)


class GappedKey:
    """The matching key of a phrase with gaps: its normalised segments and the gaps
    between them. ``anchor`` (the first segment) is what an engine looks for."""

    __slots__ = ("segments", "gaps", "anchor", "first", "last", "reach", "_rest")

    def __init__(self, phrase: str):
        segments, gaps = split_gaps(phrase)
        self.segments = tuple(normalize_phrase(s) for s in segments)
        self.gaps: tuple[Gap, ...] = tuple(gaps)
        self.anchor = self.segments[0]
        self.first = self.anchor[0]
        self.last = self.segments[-1][-1]
        # the longest the phrase can be, and its rarest-looking part to look for first
        self.reach = sum(map(len, self.segments)) + sum(g.most * (WORD_MAX + SEPARATOR_MAX) + SEPARATOR_MAX for g in self.gaps)
        self._rest = max(self.segments[1:], key=len)

    def __repr__(self) -> str:
        return f"GappedKey({' '.join(x for pair in zip(self.segments, [g.token for g in self.gaps] + [''], strict=True) for x in pair).strip()!r})"

    def __str__(self) -> str:
        return " ".join(x for pair in zip(self.segments, [g.token for g in self.gaps] + [""], strict=True) for x in pair).strip()

    def __eq__(self, other) -> bool:
        return isinstance(other, GappedKey) and (self.segments, self.gaps) == (other.segments, other.gaps)

    def __hash__(self) -> int:
        return hash((self.segments, self.gaps))

    def ends(self, text: str, start: int) -> list[int]:
        """Every end of the phrase in ``text`` given its anchor at ``start`` (the
        anchor's own boundaries and the last segment's end are the caller's to check)."""
        if text.find(self._rest, start + len(self.anchor), start + self.reach) == -1:
            return []  # most places where the first words stand: the rest is nowhere near
        positions = [start + len(self.anchor)]
        for gap, segment in zip(self.gaps, self.segments[1:], strict=True):
            found: set[int] = set()
            for position in positions:
                q = position
                for words in range(gap.most + 1):
                    separator = _SEPARATOR.match(text, q)
                    if separator is None:
                        break
                    q = separator.end()
                    if words >= gap.least and text.startswith(segment, q):
                        found.add(q + len(segment))
                    if words == gap.most:
                        break
                    word = _WORD.match(text, q)
                    if word is None or word.end() - q > WORD_MAX:
                        break
                    q = word.end()
            positions = sorted(found)
            if not positions:
                break
        return positions


# What marks the edge of a phrase in raw text even where the key joins the letters on
# either side: a hyphen, dash or slash ("Belt and Road-related", "pro-Belt and Road",
# "BRI-funded", "the Belt and Road\u2014a flagship"), or a superscript footnote mark
# ("Initiative\u00b9"). A soft hyphen only marks where a word may break: not an edge.
_EDGE_MARKS = frozenset("-/\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d\u2044\uff0f")


def _is_superscript(ch: str) -> bool:
    return ch in "\u00b9\u00b2\u00b3" or "\u2070" <= ch <= "\u209f" or "\u1d2c" <= ch <= "\u1d6a"


class Edges:
    """Word boundaries of phrases in one view of a text (a key with its map back to
    the raw text): English phrases start and end on a word boundary of the key, or
    where the raw text holds an edge mark between the letters the key joins; digits
    right after a phrase's last letter are a footnote mark ("Initiative12")."""

    __slots__ = ("view",)

    def __init__(self, view):
        self.view = view

    def __call__(self, first: str, last: str, start: int, end: int) -> bool:
        text = self.view.text
        if start > 0 and is_word_char(first) and is_word_char(text[start - 1]) and not self._edge(start):
            return False
        if end < len(text) and is_word_char(last) and is_word_char(text[end]):
            return self._footnote(last, end) or self._edge(end)
        return True

    def _footnote(self, last: str, end: int) -> bool:
        text = self.view.text
        if not last.isalpha() or not text[end].isdigit():
            return False
        digits = end
        while digits < len(text) and digits - end < 4 and text[digits].isdigit():
            digits += 1
        return digits - end <= 3 and (digits == len(text) or not is_word_char(text[digits]))

    def _edge(self, position: int) -> bool:
        """Whether the raw text between key characters ``position - 1`` and
        ``position`` holds an edge mark, or either is a superscript."""
        view = self.view
        a, b = view.to_source(position - 1, position)
        c, d = view.to_source(position, position + 1)
        raw = view.source
        if any(ch in _EDGE_MARKS for ch in raw[b:c]):
            return True
        return any(_is_superscript(ch) for ch in raw[a:b]) or any(_is_superscript(ch) for ch in raw[c:d])
