"""The variant notation of lexicon files: ``{a|b}`` alternatives, ``[a]`` optional parts,
``…3`` a gap of up to three words.

``community {with a|of} shared future for {mankind|humanity}`` expands to four phrases.
Alternatives and options nest. ``re:`` marks a raw regular expression instead.

A gap (``…N`` or ``…M-N``; ``...N`` where ``…`` is hard to type) stands between two
words of an English form for M (default 0) to N further words: ``changes …3 unseen in
a century`` matches "changes unseen in a century" and "changes in the world, unseen in
a century". ``…0`` allows no word but a comma or dash ("the international system, with
the United Nations at its core"). It stays in the expanded phrase as a canonical token (``…0-3``) that
:func:`split_gaps` reads; the matcher looks for the words on either side and counts the
words between (see :mod:`phrasewatch.match.gaps`).
"""

from __future__ import annotations

__all__ = ["Gap", "NotationError", "expand", "is_regex", "split_gaps", "MAX_EXPANSIONS", "MAX_GAP"]

import itertools
import re
from dataclasses import dataclass

MAX_EXPANSIONS = 512  # more than this from one line is almost surely a mistake

REGEX_PREFIX = "re:"
_SPECIAL = re.compile(r"[{}\[\]|]")
MAX_GAP = 6  # words one gap may span: wider gaps would stop saying "a few words apart"
# a gap token standing alone between spaces: …3, …1-3, ...3
_GAP = re.compile(r"(?<!\S)(?:\u2026|\.\.\.)(\d{1,2})(?:-(\d{1,2}))?(?!\S)")
_GAP_MARK = re.compile(r"\u2026|\.\.\.")


@dataclass(frozen=True)
class Gap:
    """Between ``least`` and ``most`` words (both inclusive)."""

    least: int
    most: int

    @property
    def token(self) -> str:
        return f"\u2026{self.least}-{self.most}"


class NotationError(ValueError):
    """A form that does not follow the notation; the message says where."""


def is_regex(form: str) -> bool:
    return form.startswith(REGEX_PREFIX)


def _parse_sequence(form: str, pos: int, closers: str) -> tuple[list[list[str]], int, str | None]:
    """Parse until one of ``closers`` (or '|' inside a group) at this nesting level.

    Returns the alternatives parsed so far as a list of sequences, the position after
    the closer, and which closer ended it (None at end of string).
    """
    alternatives: list[list[str]] = []
    current: list[str] = [""]  # product of parts so far
    while pos < len(form):
        ch = form[pos]
        if ch in "{[":
            close = "}" if ch == "{" else "]"
            inner, pos, ended = _parse_group(form, pos + 1, close)
            options = list(inner) + ([""] if ch == "[" else [])
            current = [a + b for a, b in itertools.product(current, options)]
            if len(current) > MAX_EXPANSIONS:
                raise NotationError(f"expands to more than {MAX_EXPANSIONS} phrases")
            continue
        if ch == "|" and "|" in closers:
            alternatives.append(current)
            current = [""]
            pos += 1
            continue
        if ch in closers:
            alternatives.append(current)
            return alternatives, pos + 1, ch
        if ch in "}]|":
            raise NotationError(f"unexpected {ch!r} at column {pos + 1}")
        # a run of plain characters at once: one character at a time made loading a
        # 50,000-entry lexicon spend seconds here
        special = _SPECIAL.search(form, pos)
        stop = len(form) if special is None else special.start()
        current = [c + form[pos:stop] for c in current]
        pos = stop
    alternatives.append(current)
    return alternatives, pos, None


def _parse_group(form: str, pos: int, close: str) -> tuple[list[str], int, str]:
    alternatives, pos, ended = _parse_sequence(form, pos, close + "|")
    if ended != close:
        opener = "{" if close == "}" else "["
        raise NotationError(f"{opener!r} is never closed with {close!r}")
    return [phrase for alt in alternatives for phrase in alt], pos, ended


def expand(form: str) -> list[str]:
    """Expand one form of the notation into its phrases (whitespace collapsed).

    >>> expand("[the] East is rising")
    ['the East is rising', 'East is rising']
    >>> expand("community {with a|of} shared future")
    ['community with a shared future', 'community of shared future']
    """
    if not isinstance(form, str) or not form.strip():
        raise NotationError("empty form")
    if is_regex(form):
        raise NotationError("a re: form is a regular expression, not notation")
    if _SPECIAL.search(form) is None:  # most forms: a plain phrase (gaps written canonically)
        return [_canonical_gaps(" ".join(form.split()))]
    alternatives, pos, ended = _parse_sequence(form, 0, "")
    phrases: list[str] = []
    seen: set[str] = set()
    for alt in alternatives:
        for phrase in alt:
            phrase = _canonical_gaps(" ".join(phrase.split()))
            if phrase and phrase not in seen:
                seen.add(phrase)
                phrases.append(phrase)
    if not phrases:
        raise NotationError("expands to nothing")
    return phrases


def _canonical_gaps(phrase: str) -> str:
    """The phrase with each gap token written ``…M-N``; a misplaced or malformed one is
    an error (a gap needs words on both sides, and no two gaps touch)."""
    if not _GAP_MARK.search(phrase):
        return phrase
    parts: list[str] = []
    position = 0
    for m in _GAP.finditer(phrase):
        least, most = (0, int(m.group(1))) if m.group(2) is None else (int(m.group(1)), int(m.group(2)))
        if least > most:
            raise NotationError(f"gap {m.group()!r} has its least number of words above its most")
        if most > MAX_GAP:
            raise NotationError(f"gap {m.group()!r} spans more than {MAX_GAP} words")
        parts.append(phrase[position:m.start()])
        parts.append(Gap(least, most).token)
        position = m.end()
    parts.append(phrase[position:])
    canonical = "".join(parts)
    segments, _ = split_gaps(canonical)
    if _GAP_MARK.search("".join(segments)):
        raise NotationError("a gap is written \u2026N or \u2026M-N (or ...N), between spaces")
    if any(not segment.strip() for segment in segments):
        raise NotationError("a gap needs words on both sides, and two gaps need words between them")
    return canonical


_CANONICAL_GAP = re.compile(r" ?\u2026(\d+)-(\d+) ?")


def split_gaps(phrase: str) -> tuple[list[str], list[Gap]]:
    """An expanded phrase as its literal segments and the gaps between them.

    >>> split_gaps("changes \u20260-3 unseen in a century")
    (['changes', 'unseen in a century'], [Gap(least=0, most=3)])
    >>> split_gaps("Belt and Road")
    (['Belt and Road'], [])
    """
    segments: list[str] = []
    gaps: list[Gap] = []
    position = 0
    for m in _CANONICAL_GAP.finditer(phrase):
        segments.append(phrase[position:m.start()])
        gaps.append(Gap(int(m.group(1)), int(m.group(2))))
        position = m.end()
    segments.append(phrase[position:])
    return segments, gaps
