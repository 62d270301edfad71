"""Normalise text for matching, keeping a map from every normalised character back to
the raw text.

Matching happens on a *key*, not on readable text: lower case, NFKC, one hyphen and
quote style, simplified characters, no hyphens inside words, no spaces between Chinese
characters, single spaces. Whatever a match finds in the key is reported with the raw
offsets and the raw surface, through :meth:`Normalized.to_source`.

This module is the specification: plain, and the yardstick. What each character folds
to and the passes, in order, are defined in :mod:`._folding`; faster routes to the same
key (without the map, in one pass, only around a matcher's phrases) live in
:mod:`._routes`, each with a property test proving it gives this key and these offsets.
"""

from __future__ import annotations

__all__ = ["Normalized", "check_text", "normalize", "normalize_phrase"]

from dataclasses import dataclass

import numpy as np

from ._folding import has_marks, pipeline

# --- offset maps -------------------------------------------------------------------
# A pass turns text A into text B and returns (B, starts, ends): for every character of
# B, the span of A it came from. None means identity (nothing changed).


def _rewrite(text: str, pattern, replace) -> tuple[str, np.ndarray | None, np.ndarray | None]:
    """``pattern.sub(replace, text)`` with the map from the result back to ``text``."""
    spans: list[tuple[int, int, str]] = []
    fixed = replace if isinstance(replace, str) else None
    for m in pattern.finditer(text):
        out = fixed if fixed is not None else replace(m)
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


class _Mapped:
    """Runs the passes keeping the offset map (for documents with matches)."""

    def __init__(self):
        self.starts = self.ends = None

    def __call__(self, text, pattern, replace):
        new, s, e = _rewrite(text, pattern, replace)
        self.starts, self.ends = _compose(self.starts, self.ends, s, e)
        return new


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


def normalize(text: str) -> Normalized:
    """Normalise ``text`` into a matching key with a map back to ``text``.

    Examples
    --------
    >>> normalize("Community  with a\\nShared Future").text
    'community with a shared future'
    >>> normalize("共建“一带一路” 人類命運 共同體").text
    '共建一带一路人类命运共同体'
    """
    check_text(text)
    mapped = _Mapped()
    current = pipeline(text, mapped)
    # Deleting characters can bring a letter next to a combining mark; fold again then.
    for _ in range(3):
        if not has_marks(current):
            break
        again = _Mapped()
        new = pipeline(current, again)
        if new == current:
            break
        current = new
        mapped.starts, mapped.ends = _compose(mapped.starts, mapped.ends, again.starts, again.ends)
    return Normalized(current, text, mapped.starts, mapped.ends)


def check_text(text) -> None:
    """Refuse anything but ``str`` with a message that says what to do."""
    if not isinstance(text, str):
        raise TypeError(f"normalize() takes str, got {type(text).__name__}; decode bytes first (phrasewatch.text.decode)")


def normalize_phrase(phrase: str) -> str:
    """Normalise a lexicon phrase the same way as documents, trimmed.

    >>> normalize_phrase(" Win-Win  Cooperation ")
    'winwin cooperation'
    """
    return normalize(phrase.strip()).text.strip()


