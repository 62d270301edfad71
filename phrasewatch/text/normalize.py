"""Normalise text for matching, keeping a map from every normalised character back to
the raw text.

Matching happens on a *key*, not on readable text: lower case, NFKC, one hyphen and
quote style, simplified characters, no hyphens inside words, no spaces between Chinese
characters, single spaces. Whatever a match finds in the key is reported with the raw
offsets and the raw surface, through :meth:`Normalized.to_source`.
"""

from __future__ import annotations

__all__ = ["Normalized", "normalize", "normalize_phrase"]

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import regex

# What NFKC leaves alone and matching must still fold. Soft hyphen becomes a hyphen so
# that the hyphen rules below rejoin "commu\u00adnity" and "commu\u00ad\nnity" alike.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d\u00ad"
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u2035\u00b4\u02bc\u2039\u203a`"
_DOUBLE_QUOTES = (
    "\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb\u300c\u300d\u300e\u300f"
    "\u301d\u301e\u301f\uff02\u275d\u275e"
)
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u180e"

_CHAR_MAP: dict[str, str] = {}
_CHAR_MAP.update({c: "-" for c in _DASHES})
_CHAR_MAP.update({c: "'" for c in _SINGLE_QUOTES})
_CHAR_MAP.update({c: '"' for c in _DOUBLE_QUOTES})
_CHAR_MAP.update({c: "" for c in _INVISIBLE})

# Characters that may need folding: everything outside ASCII and the common CJK block
# (which NFKC and case folding leave alone), plus the backtick, and a letter followed
# by combining marks so that "e\u0301" composes to "é".
_CHAR_PASS = regex.compile(r"(?:[^\x00-\x7f\u4e00-\u9fff]|`|[a-zA-Z](?=\p{M}))\p{M}*")
_CHAR_PASS_NO_MARKS = re.compile(r"[^\x00-\x7f\u4e00-\u9fff]|`")  # same result without combining marks, 20x faster
_UPPER_ASCII = regex.compile(r"[A-Z]")

# Structure of the key. Order matters: alternatives are tried left to right.
_STRUCTURE_PASS = regex.compile(
    r"""
    (?P<quote>"|(?<!\p{L})'|'(?!\p{L}))                       # quotes go; apostrophes stay
  | (?P<wrap>(?<=\p{L})-[^\S\n]*\n\s*(?=\p{Ll}))              # commu-\nnity, confidence-\nbuilding
  | (?P<split>(?<=\p{L})-[^\S\n]+(?=\p{Ll})(?!(?:and|or|nor|to)\b))  # PDF "confidence- building"
  | (?P<hyphen>(?<=[\p{L}\p{N}])-+(?=[\p{L}\p{N}]))           # win-win == winwin
  | (?P<han>(?<=[\p{Han}\u3001-\u303f])\s+|\s+(?=[\p{Han}\u3001-\u303f]))  # 人类命运 共同体, 21 世纪
  | (?P<space>\ \s+|[^\S\ ]\s*)                               # any other whitespace run
    """,
    regex.VERBOSE,
)
# Where the structure pass can possibly apply: quotes, hyphens, whitespace other than a
# single space, and a single space beside a Chinese character. Spaces beside Chinese
# characters go: Chinese has none, and English word boundaries do not need them. Trying the full pattern
# only there is what makes this pass fast (the alternation is slow to try everywhere).
_STRUCTURE_TRIGGER = re.compile(
    r"[\"'-]|[^\S ]| (?=\s)| (?<=[\u3001-\u303f\u3400-\u9fff\uf900-\ufaff] )| (?=[\u3001-\u303f\u3400-\u9fff\uf900-\ufaff])"
)
_HAS_HAN = regex.compile(r"\p{Han}")
_HAS_MARK = regex.compile(r"\p{M}")


@lru_cache(maxsize=65536)
def _fold_cluster(cluster: str) -> str:
    mapped = _CHAR_MAP.get(cluster)
    if mapped is not None:
        return mapped
    folded = unicodedata.normalize("NFKC", cluster).lower()
    return "".join(_CHAR_MAP.get(c, c) for c in folded)


def _fold_match(m: regex.Match) -> str:
    return _fold_cluster(m.group())


def _structure_match(m: regex.Match) -> str:
    return " " if m.lastgroup == "space" else ""


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # imported lazily: it loads dictionaries

    return opencc.OpenCC("t2s")


# --- offset maps -------------------------------------------------------------------
# A pass turns text A into text B and returns (B, starts, ends): for every character of
# B, the span of A it came from. None means identity (nothing changed).


def _matches(text: str, pattern, trigger=None):
    """``pattern.finditer(text)``, but trying ``pattern`` only where ``trigger`` matches."""
    if trigger is None:
        yield from pattern.finditer(text)
        return
    search, match = trigger.search, pattern.match
    t = search(text, 0)
    while t is not None:
        m = match(text, t.start())
        if m is not None and m.end() > m.start():
            yield m
            t = search(text, m.end())
        else:
            t = search(text, t.start() + 1)


def _rewrite(text: str, pattern, replace, trigger=None) -> tuple[str, np.ndarray | None, np.ndarray | None]:
    spans: list[tuple[int, int, str]] = []
    for m in _matches(text, pattern, trigger):
        out = replace(m)
        if out != m.group():
            spans.append((m.start(), m.end(), out))
    if not spans:
        return text, None, None
    pieces: list[str] = []
    seg_len: list[int] = []
    seg_start: list[int] = []
    seg_end: list[int] = []
    seg_copy: list[bool] = []
    pos = 0
    for a, b, out in spans:
        if a > pos:
            pieces.append(text[pos:a])
            seg_len.append(a - pos)
            seg_start.append(pos)
            seg_end.append(a)
            seg_copy.append(True)
        if out:
            pieces.append(out)
            seg_len.append(len(out))
            seg_start.append(a)
            seg_end.append(b)
            seg_copy.append(False)
        pos = b
    if pos < len(text):
        pieces.append(text[pos:])
        seg_len.append(len(text) - pos)
        seg_start.append(pos)
        seg_end.append(len(text))
        seg_copy.append(True)
    new = "".join(pieces)
    lengths = np.asarray(seg_len, dtype=np.int64)
    total = int(lengths.sum())
    seg_offset = np.cumsum(lengths) - lengths
    within = np.arange(total, dtype=np.int64) - np.repeat(seg_offset, lengths)
    copy = np.repeat(np.asarray(seg_copy, dtype=bool), lengths)
    starts = np.repeat(np.asarray(seg_start, dtype=np.int64), lengths)
    ends = np.repeat(np.asarray(seg_end, dtype=np.int64), lengths)
    starts = np.where(copy, starts + within, starts)
    ends = np.where(copy, starts + 1, ends)
    return new, starts, ends


def _compose(starts, ends, s2, e2):
    """Compose the map raw->A (starts, ends) with A->B (s2, e2) into raw->B."""
    if s2 is None:
        return starts, ends
    if starts is None:
        return s2, e2
    return starts[s2], ends[e2 - 1]


@dataclass(frozen=True, eq=False)
class Normalized:
    """Normalised text with a map back to the source.

    ``text`` is the matching key; ``source`` the raw text. ``to_source(start, end)``
    turns a span of ``text`` into the span of ``source`` it came from.
    """

    text: str
    source: str
    starts: np.ndarray | None = None  # raw start of each character of text; None: identity
    ends: np.ndarray | None = None  # raw end (exclusive) of each character of text

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``(start, end)`` of the normalised span ``[start, end)``."""
        if not 0 <= start < end <= len(self.text):
            raise IndexError(f"span ({start}, {end}) outside normalised text of length {len(self.text)}")
        if self.starts is None:
            return start, end
        return int(self.starts[start]), int(self.ends[end - 1])

    def source_span(self, start: int, end: int) -> str:
        """The raw surface behind the normalised span ``[start, end)``."""
        a, b = self.to_source(start, end)
        return self.source[a:b]


def _normalize_once(text: str):
    starts = ends = None
    # 1. case: one vectorised call when it keeps the length (almost always)
    lowered = text.lower()
    if len(lowered) == len(text):
        current = lowered
    else:
        # a rare letter such as U+0130 lowers to two characters; non-ASCII letters are
        # lowered with the character pass below, so only ASCII is left to do here
        current, s, e = _rewrite(text, _UPPER_ASCII, lambda m: m.group().lower())
        starts, ends = _compose(starts, ends, s, e)
    # 2. NFKC, dashes, quotes, invisible characters
    char_pass = _CHAR_PASS if _HAS_MARK.search(current) else _CHAR_PASS_NO_MARKS
    current, s, e = _rewrite(current, char_pass, _fold_match)
    starts, ends = _compose(starts, ends, s, e)
    # 3. traditional to simplified
    if _HAS_HAN.search(current):
        converted = _t2s().convert(current)
        if len(converted) == len(current):
            current = converted
        else:  # phrase conversion changed a length: fall back to runs of Han characters
            current, s, e = _rewrite(current, regex.compile(r"\p{Han}+"), lambda m: _t2s().convert(m.group()))
            starts, ends = _compose(starts, ends, s, e)
    # 4. structure, to a fixed point (removing a quote can make a new hyphen-in-word)
    for _ in range(8):
        current, s, e = _rewrite(current, _STRUCTURE_PASS, _structure_match, _STRUCTURE_TRIGGER)
        starts, ends = _compose(starts, ends, s, e)
        if s is None:
            break
    return current, starts, ends


def normalize(text: str) -> Normalized:
    """Normalise ``text`` into a matching key with a map back to ``text``.

    Examples
    --------
    >>> normalize("Community  with a\\nShared Future").text
    'community with a shared future'
    >>> normalize("共建“一带一路” 人類命運 共同體").text
    '共建一带一路人类命运共同体'
    """
    if not isinstance(text, str):
        raise TypeError(f"normalize() takes str, got {type(text).__name__}; decode bytes first (phrasewatch.text.decode)")
    current, starts, ends = _normalize_once(text)
    # Deleting characters can bring a letter next to a combining mark; fold again then.
    for _ in range(3):
        if not _HAS_MARK.search(current):
            break
        again, s, e = _normalize_once(current)
        if again == current:
            break
        current = again
        starts, ends = _compose(starts, ends, s, e)
    return Normalized(current, text, starts, ends)


def normalize_phrase(phrase: str) -> str:
    """Normalise a lexicon phrase the same way as documents, trimmed."""
    return normalize(phrase.strip()).text.strip()
