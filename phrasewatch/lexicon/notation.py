"""The variant notation of lexicon files: ``{a|b}`` alternatives, ``[a]`` optional parts.

``community {with a|of} shared future for {mankind|humanity}`` expands to four phrases.
Alternatives and options nest. ``re:`` marks a raw regular expression instead.
"""

from __future__ import annotations

__all__ = ["NotationError", "expand", "is_regex", "MAX_EXPANSIONS"]

import itertools
import re

MAX_EXPANSIONS = 512  # more than this from one line is almost surely a mistake

REGEX_PREFIX = "re:"
_SPECIAL = re.compile(r"[{}\[\]|]")


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
    if _SPECIAL.search(form) is None:  # most forms: a plain phrase
        return [" ".join(form.split())]
    alternatives, pos, ended = _parse_sequence(form, 0, "")
    phrases: list[str] = []
    seen: set[str] = set()
    for alt in alternatives:
        for phrase in alt:
            phrase = " ".join(phrase.split())
            if phrase and phrase not in seen:
                seen.add(phrase)
                phrases.append(phrase)
    if not phrases:
        raise NotationError("expands to nothing")
    return phrases
