"""Turn the lines of laid-out pages (a PDF's) into running text: drop running headers
and footers, rejoin words hyphenated at line ends, and join lines without putting
breaks inside Chinese sentences.

Kept apart from the PDF library so the rules can be tested on plain lines.
"""

from __future__ import annotations

__all__ = ["Line", "running_text", "drop_running_lines", "rejoin_hyphenated"]

import re
from collections import Counter
from dataclasses import dataclass

import regex

# A line in the top or bottom tenth of a page may be a running header or footer.
MARGIN_BAND = 0.1
# Without positions, the first and last lines of a page stand in for the bands.
EDGE_LINES = 2
# A margin line repeated on at least this share of the pages (and on two or more) runs.
RUNNING_SHARE = 0.5

# pdfium marks a hyphen it saw at the end of a line with U+FFFE and joins the lines;
# U+00AD (soft hyphen) means the same in text that kept it.
LINE_END_HYPHENS = "\ufffe\u00ad"
_LINE_END_HYPHEN = re.compile(f"[{LINE_END_HYPHENS}]")

_PAGE_NUMBER = re.compile(
    r"^\W*(?:page\s*)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?\W*$|^第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?$", re.I
)
# UN document furniture: a symbol alone (A/RES/80/20, S/2024/5, A/C.1/79/L.2) or a job
# number (25-12345, 25-12345 (E)), which UN PDFs print on the first page or on each.
_UN_SYMBOL = re.compile(r"^[A-Z]{1,3}(?:/[A-Z0-9.\-]+)+$")
_UN_JOB_NUMBER = re.compile(r"^\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\S+)?$")
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")

# Fragments after a line-end hyphen that are word endings, not words: "develop-ment".
_SUFFIXES = frozenset(
    "ment ments tion tions sion sions ness ity ities ance ances ence ences ing ings ed er ers est "
    "al ally ly ous ive ives able ably ible ism isms ist ists ize ized izes ise ised ation ations "
    "ure ures ship ships ful less ant ants ent ents ary ory ic ical ics".split()
)
_WORD_BEFORE = regex.compile(r"(\p{L}+)$")
_WORD_AFTER = regex.compile(r"^(\p{L}+)")
_WORDS = regex.compile(r"\p{L}+(?:-\p{L}+)*")
_CJK = r"\p{Han}\u3000-\u303f\uff00-\uffef"
# Spaces between two Chinese characters are layout, not text.
_SPACE_IN_CHINESE = regex.compile(rf"(?<=[{_CJK}])[ \t\u00a0\u3000]+(?=[{_CJK}])")
_HAN_END = regex.compile(r"[\p{Han}，、《“（\u2014]$")
_HAN_START = regex.compile(rf"^[{_CJK}]")


@dataclass(frozen=True)
class Line:
    """One line of a page; ``top``/``bottom`` as a share of the page height from its
    foot (0 at the bottom, 1 at the top), or None when the position is unknown."""

    text: str
    top: float | None = None
    bottom: float | None = None


def _in_margin(page: list[Line], i: int) -> bool:
    line = page[i]
    if line.top is None or line.bottom is None:
        return i < EDGE_LINES or i >= len(page) - EDGE_LINES
    return line.bottom >= 1 - MARGIN_BAND or line.top <= MARGIN_BAND


def _key(text: str) -> str:
    """Page numbers and dates change from page to page; the rest of a header does not."""
    return _SPACES.sub(" ", _DIGITS.sub("#", text.strip().lower()))


def _furniture(text: str) -> bool:
    text = text.strip()
    return bool(_PAGE_NUMBER.match(text) or _UN_SYMBOL.match(text) or _UN_JOB_NUMBER.match(text))


def drop_running_lines(pages: list[list[Line]]) -> list[list[Line]]:
    """The pages without their running headers and footers: margin lines repeated on
    most pages (page numbers and dates ignored), and margin lines that are a page
    number, a UN document symbol or a UN job number on any page."""
    repeats = Counter()
    for page in pages:
        repeats.update({_key(line.text) for i, line in enumerate(page) if _in_margin(page, i)})
    needed = max(2, RUNNING_SHARE * len(pages))
    kept = []
    for page in pages:
        kept.append([
            line for i, line in enumerate(page)
            if not (_in_margin(page, i) and (repeats[_key(line.text)] >= needed or _furniture(line.text)))
        ])
    return kept


def rejoin_hyphenated(before: str, after: str, vocabulary: set[str]) -> str:
    """The separator to put between ``before`` (ending in a word broken at a line end)
    and ``after``: "-" to keep the hyphen, "" to drop it.

    The rule, in order: drop it when the document spells the joined word elsewhere
    ("development"); keep it when the document spells the hyphenated word elsewhere;
    drop it when the second part is a word ending rather than a word ("ment", "tion");
    keep it otherwise ("confidence-building"): a kept hyphen leaves a readable word,
    a wrongly dropped one fuses two.
    """
    first, second = _WORD_BEFORE.search(before), _WORD_AFTER.match(after)
    if not first or not second:
        return "-"
    first, second = first.group(1), second.group(1)
    joined = (first + second).lower()
    if joined in vocabulary:
        return ""
    if f"{first}-{second}".lower() in vocabulary:
        return "-"
    if second[0].islower() and second.lower() in _SUFFIXES:
        return ""
    return "-"


def _separator(before: str, after: str) -> str:
    """What goes between two lines: nothing inside a Chinese sentence, else a newline."""
    if _HAN_END.search(before) and _HAN_START.match(after):
        return ""
    return "\n"


def running_text(pages: list[list[Line]]) -> str:
    """The text of the pages as one string: running lines dropped, hyphenated words
    rejoined (within lines, as pdfium reports them, and across line and page ends),
    no stray spaces between Chinese characters."""
    lines = [line.text.strip() for page in drop_running_lines(pages) for line in page]
    lines = [_SPACE_IN_CHINESE.sub("", text) for text in lines if text]
    vocabulary = {w.lower() for text in lines for w in _WORDS.findall(text)}
    out: list[str] = []  # lines and the separators between them
    for text in lines:
        # inside a line: pdfium's marker where it has already joined two lines
        first, *rest = _LINE_END_HYPHEN.split(text)
        pieces = [first]
        for piece in rest:
            pieces += [rejoin_hyphenated(pieces[-1], piece, vocabulary), piece]
        text = "".join(pieces)
        if not out:
            out.append(text)
            continue
        previous = out[-1]
        if previous.endswith("-") and _WORD_BEFORE.search(previous[:-1]) and _WORD_AFTER.match(text):
            # a hyphen left at the end of a line or a page
            out[-1] = previous[:-1] + rejoin_hyphenated(previous[:-1], text, vocabulary) + text
        else:
            out += [_separator(previous, text), text]
    return "".join(out)
