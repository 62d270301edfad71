"""Faster routes to the key of :func:`.normalize.normalize`, each proved equal to it by
a property test (tests/test_normalize.py, tests/test_engines.py). Private to the text
stage: later stages reach them through :class:`phrasewatch.text.KeyedText`.

- :func:`normalize_text`: the key without its offset map;
- :func:`key_with_spaces`: the key's words, letters and digits in one pass over plain
  English text (all that token counts and fingerprints read);
- :class:`PiecewiseKey`: the whole key, its offset map built piece by piece on demand;
- the *skeleton* (a text's ASCII letters and digits) and :class:`WindowedKey`: the
  key of only the windows where a matcher's phrases can be.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache

import numpy as np
import regex

from ._folding import (
    CHAR_PASS_NO_MARKS,
    ENTITY,
    FOLDED_ASCII,
    HAS_HAN,
    HYPHEN_PASSES,
    LETTER,
    STRUCTURE_PASSES,
    WHITESPACE_PASS,
    fold_cluster,
    has_cjk,
    has_entity,
    has_marks,
    pipeline,
)
from ._han import SEPARATOR as _HAN_SEPARATOR
from ._han import HanReading
from ._han import folds as _all_folds
from ._han import tables as _han_tables
from .normalize import Normalized, check_text, normalize


@lru_cache(maxsize=1)
def _fold_table() -> list[int | str]:
    """The character pass as a str.translate table, for the Basic Multilingual Plane
    (a list: translate indexes it twice as fast as it looks up a dict), from the
    folds of every character listed once (``_han.folds``)."""
    table: list[int | str] = list(range(0x10000))
    for c, folded in _all_folds().items():
        code = ord(c)
        if code < 0x10000 and not (0x4E00 <= code <= 0x9FFF):
            table[code] = folded
    for c in FOLDED_ASCII:
        table[ord(c)] = fold_cluster(c)
    return table


_BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")
_ASCII_WHITESPACE = bytes(c for c in range(128) if chr(c).isspace())
_ASCII_SPACES = bytes.maketrans(_ASCII_WHITESPACE, b" " * len(_ASCII_WHITESPACE))
_QUOTE_PASS = STRUCTURE_PASSES[0][0]
_APOSTROPHE = re.compile(rf"'(?:(?<!{LETTER}')|(?!{LETTER}))")  # the quote pass without '"': led by a literal, five times faster


def _drop_quotes(text: str) -> str:
    """The quote pass: every apostrophe judged on the text as it is (with its double
    quotes), then the double quotes dropped, which is what one pass of both does."""
    if "'" in text:
        text = _APOSTROPHE.sub("", text)
    return text.replace('"', "")


_SPACE = 32
_COLLAPSE_BLOCK = 1 << 20  # bytes at once: the masks take a byte per byte


def _collapse_spaces(data: bytes) -> bytes:
    """Every run of spaces one space (``re.sub(b"  +", b" ", data)``, three times
    faster: a space is dropped where the byte before it is a space, by numpy masks,
    block by block)."""
    if b"  " not in data:
        return data
    codes = np.frombuffer(data, dtype=np.uint8)
    pieces, after_space = [], False
    for start in range(0, len(codes), _COLLAPSE_BLOCK):
        block = codes[start:start + _COLLAPSE_BLOCK]
        space = block == _SPACE
        keep = np.empty(len(block), dtype=bool)
        keep[0] = not (after_space and space[0])
        np.logical_not(space[1:] & space[:-1], out=keep[1:])
        pieces.append(block[keep].tobytes())
        after_space = bool(space[-1])
    return b"".join(pieces)


def _plain(text, pattern, replace):
    """Runs a pass without a map: the same result, at the speed of the regex engine."""
    if pattern is CHAR_PASS_NO_MARKS and has_cjk(text) and not _BEYOND_BMP.search(text):
        # Chinese text has a character to fold every few (full-width punctuation):
        # one table lookup each is faster than a callback each
        return text.translate(_fold_table())
    if pattern is WHITESPACE_PASS:
        # every maximal run of whitespace becomes one space, as the pattern does (same
        # notion of whitespace, str.isspace), several times faster: in ASCII text by
        # bytes methods (each whitespace character a space, then pairs of spaces one
        # until none is left), which beat str.split by half again; otherwise by str.split
        if text.isascii():
            return _collapse_spaces(text.encode("ascii").translate(_ASCII_SPACES)).decode("ascii")
        words = " ".join(text.split())
        if not words:
            return " " if text else ""
        return (" " if text[0].isspace() else "") + words + (" " if text[-1].isspace() else "")
    if pattern is _QUOTE_PASS:
        return _drop_quotes(text)
    return pattern.sub(replace, text)


def normalize_text(text: str) -> str:
    """The key of ``text`` without the offset map: ``normalize(text).text``, faster.

    >>> normalize_text("Win-Win  Cooperation")
    'winwin cooperation'
    """
    check_text(text)
    current = pipeline(text, _plain)
    for _ in range(3):
        if not has_marks(current):
            break
        new = pipeline(current, _plain)
        if new == current:
            break
        current = new
    return current


def folded_text(text: str) -> str:
    """The text lowered, folded and converted to simplified characters, before the
    structure passes: its letters and digits are its key's, but for whitespace beyond
    ASCII (U+0085 …) that those passes drop or make a space, for a text without
    combining marks (see ``normalize_text``), at the cost of the character passes alone."""
    check_text(text)
    return pipeline(text, _plain, structure=False)


# Where a document can be cut so that its pieces normalise independently: after a
# space between two ASCII letters, or after a Chinese full stop before a Chinese
# character. No pass looks across such a point (each looks one character around a
# quote, hyphen or whitespace, and OpenCC phrases hold no punctuation).
# The pattern matches the character before the point (each branch starting with it, so
# that the regular expression engine skims the text for it).
_SAFE_CUT = re.compile(r" (?<=[A-Za-z] )(?=[A-Za-z])|\u3002(?=[\u4e00-\u9fff])")
CHUNK = 512  # measured: smaller pieces mean smaller maps; much smaller means more calls


def _cuts(text: str, every: int) -> list[int]:
    cuts = [0]
    position = every
    while position < len(text):
        m = _SAFE_CUT.search(text, position - 1)  # a point at position or after
        if m is None:
            break
        cuts.append(m.end())
        position = m.end() + every
    cuts.append(len(text))
    return cuts


# --- the keys of all pieces at once ------------------------------------------------
# Normalising each piece on its own costs a dozen calls a piece. Text without Chinese
# characters or combining marks (most English documents) is normalised whole instead,
# with a separator at every cut, and split there: the same keys at twice the speed.
# No pass looks across a cut (see _SAFE_CUT), and the separator is a character no pass
# touches or looks at, so each key between separators is the key of its piece.
_SEPARATOR = "\x00"
_NON_ASCII = regex.compile("[\x80-\U0010ffff]")
_CAPITAL_SIGMA = "\u03a3"  # lowers to a final or a medial sigma depending on the next letter
_COMMON_HAN = regex.compile("[\u4e00-\u9fff]")  # one range: the regex module skims for it
_UNKNOWN = object()  # "not computed yet", where None is an answer


def beyond_ascii(text: str) -> frozenset | None:
    """The distinct characters of ``text`` beyond ASCII, or None for Chinese text (not
    listed: it has thousands). Several routes ask; :class:`KeyedText` asks once."""
    return None if _COMMON_HAN.search(text) is not None else frozenset(_NON_ASCII.findall(text))


_REFUSED = "\x00\x00"  # not a fold: the character needs the piece-by-piece way


@lru_cache(maxsize=65536)
def _fold_of(c: str) -> str:
    """What the case and character passes make of ``c`` (beyond ASCII, or the
    backtick) whatever its neighbours, or _REFUSED: a capital that lowers to two
    characters or by context, Chinese, a combining mark, or a fold that ends in
    space beyond ASCII (the bytes below see ASCII space only)."""
    lowered = c.lower()
    if len(lowered) != 1 or c == _CAPITAL_SIGMA or has_cjk(c) or HAS_HAN.search(c) or has_cjk(lowered) or HAS_HAN.search(lowered):
        return _REFUSED
    folded = fold_cluster(lowered) if not lowered.isascii() or lowered in FOLDED_ASCII else lowered
    if (
        folded.lower() != folded
        or has_marks(c + folded)
        or has_cjk(folded)
        or HAS_HAN.search(folded)
        or any(f.isspace() and not f.isascii() for f in folded)
    ):
        return _REFUSED
    return folded


def _character_folds(text: str, beyond: frozenset) -> dict[str, str] | None:
    """The characters of ``text`` that the case and character passes change other
    than by ASCII lower case, and what they become, if each is changed on its own,
    whatever its neighbours; None if some are not (then the pieces are normalised one
    by one). A character they leave alone is already in lower case."""
    folds = {}
    characters = set(beyond)
    characters.update(c for c in FOLDED_ASCII if c in text)
    for c in characters:
        folded = _fold_of(c)
        if folded is _REFUSED:
            return None
        if folded != c:
            folds[c] = folded
    return folds


def _piece_keys(text: str, cuts: list[int], beyond=_UNKNOWN) -> list[str] | None:
    """``[normalize_text(text[a:b]) for a, b in pieces]`` by one pass over the whole
    text, or None when the text needs the piece-by-piece way (see above). ``beyond``:
    ``beyond_ascii(text)``, if known."""
    joined = _SEPARATOR.join([text[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]) if len(cuts) > 2 else text
    key = _one_pass(text, joined, spaces=True, beyond=beyond)
    return None if key is None else key.split(_SEPARATOR)


def key_with_spaces(text: str, beyond=_UNKNOWN) -> str | None:
    """The key of ``text`` with its runs of whitespace as they are: the words, letters
    and digits of ``normalize_text(text)`` (all that token counts and fingerprints
    read), without its last and slowest pass; None where the one pass cannot be made
    (then ``normalize_text``)."""
    return _one_pass(text, text, spaces=False, beyond=beyond)


def _one_pass(text: str, current: str, *, spaces: bool, beyond=_UNKNOWN) -> str | None:
    """The passes over ``current`` (``text`` with separators at its cuts, or itself)."""
    if _SEPARATOR in text:
        return None
    if beyond is _UNKNOWN:
        beyond = beyond_ascii(text)
    if beyond is None:
        return None  # Chinese text is refused at once, before its characters are listed
    folds = _character_folds(text, beyond)  # None for any other East Asian text, among others
    if folds is None:
        return None
    for c, folded in folds.items():  # few distinct characters: one C-speed replace each
        current = current.replace(c, folded)
    # only ASCII is left to lower: bytes.lower does that many times faster than str.lower
    # on text with characters beyond ASCII
    current = current.lower() if current.isascii() else current.encode("utf-8").lower().decode("utf-8")
    if "&" in current and ";" in current and ENTITY.search(current):
        return None  # a character reference to decode: piece by piece
    current = _drop_quotes(current)
    if "-" in current:
        for i in HYPHEN_PASSES:
            pattern, replacement = STRUCTURE_PASSES[i]
            current = pattern.sub(replacement, current)
    if not spaces:
        return current
    # every run of whitespace one space, as WHITESPACE_PASS: on the UTF-8 bytes, where
    # only ASCII whitespace is left (see _fold_of)
    return _collapse_spaces(current.encode("utf-8").translate(_ASCII_SPACES)).decode("utf-8")


# --- the key's ASCII letters and digits, without the key -----------------------------
# Normalisation changes only case, characters beyond ASCII and ASCII punctuation and
# spaces; so the key's ASCII letters and digits, in order, are the raw text's, lower
# cased, unless some character beyond ASCII folds into one ("ﬁ" -> "fi", "Ｋ" -> "k"),
# a combining mark joins one ("e\u0301" -> "é"), or the text is Chinese. A phrase whose skeleton is missing from a text's skeleton
# cannot be in its key: a first look that costs one bytes.translate.
_ASCII_LOWER = bytes.maketrans(bytes(range(65, 91)), bytes(range(97, 123)))
_NOT_ASCII_ALNUM = bytes(c for c in range(256) if not (48 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122))


_EAST_ASIAN = "\u3001"  # from here on: CJK punctuation, kana, Hangul, Chinese characters …


@lru_cache(maxsize=4096)
def _no_skeleton(c: str) -> bool:
    """Whether ``c`` (beyond ASCII) keeps a text's skeleton from being its key's: lower
    case and folding turn it into an ASCII letter or digit, or into East Asian script,
    or it is a combining mark (which can fold a letter before it: "e\u0301" -> "é")."""
    lowered = c.lower()
    folded = "".join(fold_cluster(x) if not x.isascii() else x for x in lowered)
    return unicodedata.category(c)[0] == "M" or any((x.isascii() and x.isalnum()) or x >= _EAST_ASIAN for x in folded)


def has_skeleton(text: str, beyond=_UNKNOWN) -> bool:
    """Whether the raw text's ASCII letters and digits are its key's (see above).
    ``beyond``: ``beyond_ascii(text)``, if known."""
    if has_entity(text):
        return False  # the letters of "&nbsp;" are not the key's
    if text.isascii():
        return True
    characters = beyond_ascii(text) if beyond is _UNKNOWN else beyond
    return characters is not None and not any(_no_skeleton(c) for c in characters)


def ascii_skeleton(text: str) -> bytes | None:
    """The ASCII letters and digits of ``normalize_text(text)``, lower case, computed
    from the raw text; None when a character of it (or Chinese) prevents that.

    >>> ascii_skeleton("The Belt-and-\\nRoad \u201cInitiative\u201d")
    b'thebeltandroadinitiative'
    """
    return skeleton_of(text) if has_skeleton(text) else None


def skeleton_of(text: str) -> bytes:
    """The skeleton of a text that has one (see :func:`has_skeleton`)."""
    return text.encode("utf-8").translate(_ASCII_LOWER, _NOT_ASCII_ALNUM)


_ASCII_ALNUM_BYTES = np.array([chr(c).isascii() and chr(c).isalnum() for c in range(256)], dtype=bool)
_ASCII_ALNUM_KEY = re.compile(r"[a-z0-9]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")


def phrase_skeleton(key: str) -> bytes | None:
    """The ASCII letters and digits of a matching key (see :func:`ascii_skeleton`), or
    None for a key in East Asian script, which cannot occur in a text that has a
    skeleton."""
    if any(c >= _EAST_ASIAN for c in key):
        return None
    return key.encode("utf-8").translate(_ASCII_LOWER, _NOT_ASCII_ALNUM)


class _Pieces:
    """A key made of the keys of raw pieces, each normalised on its own: the offset map
    of a piece is built only when a span in it is asked about. Subclasses set
    ``source``, ``text``, ``_pieces`` (raw start and end of each piece) and ``_key``
    (where each piece's key starts in ``text``)."""

    source: str
    text: str
    _pieces: list[tuple[int, int]]
    _key: list[int]

    def _piece(self, i: int) -> Normalized:
        if i not in self._maps:
            a, b = self._pieces[i]
            self._maps[i] = normalize(self.source[a:b])
        return self._maps[i]

    def _locate(self, offset: int) -> int:
        return bisect.bisect_right(self._key, offset) - 1

    def _check_span(self, start: int, end: int) -> None:
        if not 0 <= start < end <= len(self.text):
            raise IndexError(f"span ({start}, {end}) outside normalised text of length {len(self.text)}")

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        self._check_span(start, end)
        i, j = self._locate(start), self._locate(end - 1)
        a = self._piece(i).to_source(start - self._key[i], start - self._key[i] + 1)[0] + self._pieces[i][0]
        b = self._piece(j).to_source(end - 1 - self._key[j], end - self._key[j])[1] + self._pieces[j][0]
        return a, b

    def source_span(self, start: int, end: int) -> str:
        a, b = self.to_source(start, end)
        return self.source[a:b]


class PiecewiseKey(_Pieces):
    """The key of a whole document, computed piece by piece, with the offset map built
    only for the pieces that are asked about: documents are long and matches few.
    Behaves as :class:`Normalized` for ``text``, ``source`` and ``to_source``.
    ``beyond``: ``beyond_ascii(text)``, if known."""

    def __init__(self, text: str, *, every: int = CHUNK, beyond=_UNKNOWN):
        check_text(text)
        self.source = text
        cuts = _cuts(text, every)
        self._pieces = list(zip(cuts, cuts[1:], strict=False))
        keys = _piece_keys(text, cuts, beyond)
        if keys is None:
            keys = [normalize_text(text[a:b]) for a, b in self._pieces]
        self._key = [0]
        for key in keys:
            self._key.append(self._key[-1] + len(key))
        self.text = "".join(keys)
        self._maps: dict[int, Normalized] = {}


def ascii_letters_at(codes_of: str) -> np.ndarray:
    """Where the ASCII letters and digits of ``codes_of`` are (character offsets)."""
    if codes_of.isascii():
        return np.flatnonzero(_ASCII_ALNUM_BYTES[np.frombuffer(codes_of.encode("ascii"), dtype=np.uint8)])
    codes = np.frombuffer(codes_of.encode("utf-32-le"), dtype=np.uint32)
    return np.flatnonzero((codes < 128) & _ASCII_ALNUM_BYTES[codes & 127])


class SkeletonLocator:
    """A text's skeleton (``skeleton``), and the raw offset of any skeleton offset:
    where the text's n-th ASCII letter or digit is. The skeleton is made block by block
    (one bytes.translate each), counting each block's letters; a block's letters are
    placed only when a skeleton offset asked for falls in it."""

    BLOCK = 8192

    def __init__(self, text: str):
        self.text = text
        if text.isascii():  # blocks in bytes are blocks in characters: encode once
            data = text.encode("ascii")
            parts = [data[a:a + self.BLOCK].translate(_ASCII_LOWER, _NOT_ASCII_ALNUM) for a in range(0, len(data), self.BLOCK)]
        else:
            parts = [skeleton_of(text[a:a + self.BLOCK]) for a in range(0, len(text), self.BLOCK)]
        self.skeleton = b"".join(parts)
        self._starts = [0]  # skeleton offset where each block starts
        for part in parts:
            self._starts.append(self._starts[-1] + len(part))
        self._letters: dict[int, np.ndarray] = {}

    def __call__(self, offset: int) -> int:
        block = bisect.bisect_right(self._starts, offset) - 1
        if block not in self._letters:
            a = block * self.BLOCK
            self._letters[block] = ascii_letters_at(self.text[a:a + self.BLOCK])
        return block * self.BLOCK + int(self._letters[block][offset - self._starts[block]])


def _is_cut(text: str, p: int) -> bool:
    return 0 < p < len(text) and text[p - 1] == " " and _ASCII_LETTER.match(text, p - 2) is not None and _ASCII_LETTER.match(text, p) is not None


def safe_cut_before(text: str, position: int) -> int:
    """The last safe cut (see ``_SAFE_CUT``) at or before ``position``, or 0."""
    space = text.rfind(" ", 0, position)
    while space >= 1:
        if _is_cut(text, space + 1):
            return space + 1
        space = text.rfind(" ", 0, space)
    return 0


def safe_cut_after(text: str, position: int) -> int:
    """The first safe cut at or after ``position``, or the end of the text."""
    space = text.find(" ", max(0, position - 1))
    while space != -1:
        if space + 1 >= position and _is_cut(text, space + 1):
            return space + 1
        space = text.find(" ", space + 1)
    return len(text)


class WindowedKey(_Pieces):
    """The key of some windows of a document, joined by ``SEPARATOR``, which no phrase
    holds and which is no word character. For a matcher that has found where its
    phrases can be (:meth:`phrasewatch.text.KeyedText.windows`): only those windows
    are normalised. ``to_source`` maps any span within a window to raw
    offsets. Each window starts and ends at a safe cut (see ``_SAFE_CUT``), so that its
    key is the whole key's between them.
    """

    SEPARATOR = "\x00"

    def __init__(self, text: str, windows: list[tuple[int, int]]):
        """``windows``: raw (start, end) of each, at safe cuts, in order, apart."""
        check_text(text)
        self.source = text
        keys: list[str] = []
        self._pieces: list[tuple[int, int]] = list(windows)  # raw start and end of each window
        self._key: list[int] = []  # where each window's key starts in ``text``
        position = 0
        for n, (a, b) in enumerate(windows):
            if n:
                keys.append(self.SEPARATOR)
                position += 1
            key = (_piece_keys(text[a:b], [0, b - a]) or [normalize_text(text[a:b])])[0]
            self._key.append(position)
            keys.append(key)
            position += len(key)
        self.text = "".join(keys)
        self._maps: dict[int, Normalized] = {}
        self._positions: dict[int, np.ndarray] = {}

    def _letters(self, i: int) -> np.ndarray:
        """Where the ASCII letters and digits of piece ``i`` are, in its raw text."""
        if i not in self._positions:
            a, b = self._pieces[i]
            self._positions[i] = ascii_letters_at(self.source[a:b])
        return self._positions[i]

    def _raw_letter(self, offset: int) -> int:
        """The raw offset of the ASCII letter or digit at key ``offset``: the skeleton of
        a text that has one is its key's, letter for letter, so it is the raw letter
        with as many letters before it in the piece."""
        i = self._locate(offset)
        before = len(skeleton_of(self.text[self._key[i]:offset]))
        return self._pieces[i][0] + int(self._letters(i)[before])

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        self._check_span(start, end)
        if _ASCII_ALNUM_KEY.match(self.text, start) and _ASCII_ALNUM_KEY.match(self.text, end - 1):
            return self._raw_letter(start), self._raw_letter(end - 1) + 1  # a phrase's ends: no offset map needed
        return super().to_source(start, end)


class HanWindowedKey(_Pieces):
    """The key of some windows of a text with Chinese characters, joined by
    ``SEPARATOR`` (as :class:`WindowedKey`): each window starts and ends at a cut of
    ``_han.han_cut_before``/``han_cut_after``, so that its key is the whole key's
    between them. The windows are normalised at once, joined by a character no pass
    touches or looks at.

    A span whose ends are letters, digits or Chinese characters maps to raw offsets by
    counting them: in a text the tables read (:class:`~._han.HanReading`: no REFUSED
    character), each such character of a window's key comes from one raw POSITIONED
    character, in order, unless the window holds a character that folds into several
    (MULTI; then its offset map)."""

    SEPARATOR = "\x00"

    def __init__(self, reading: HanReading, windows: list[tuple[int, int]]):
        text = reading.text
        check_text(text)
        self.source = text
        self._reading = reading
        self._pieces = list(windows)
        keys = normalize_text(_HAN_SEPARATOR.join([text[a:b] for a, b in windows])).split(_HAN_SEPARATOR)
        if len(keys) != len(windows):  # cannot happen for text HanReading reads; stay exact anyway
            keys = [normalize_text(text[a:b]) for a, b in windows]
        self._key = []
        position = 0
        for key in keys:
            self._key.append(position)
            position += len(key) + 1
        self.text = self.SEPARATOR.join(keys)
        self._maps: dict[int, Normalized] = {}
        self._positions: dict[int, int | None] = {}
        self._multi = reading.multi_offsets()
        self._rank: np.ndarray | None = None

    def _first_positioned(self, i: int) -> int | None:
        """Where window ``i``'s first POSITIONED character is among the text's
        (``HanReading.positioned``), or None if the window holds a MULTI character (the
        counts are off: the offset map then)."""
        if i not in self._positions:
            a, b = self._pieces[i]
            k = bisect.bisect_left(self._multi, a)
            multi = k < len(self._multi) and self._multi[k] < b
            self._positions[i] = None if multi else int(np.searchsorted(self._reading.positioned(), a))
        return self._positions[i]

    def _ranks(self) -> np.ndarray:
        """For each offset of the key (and its end): how many letters, digits and Chinese
        characters come before it; made once, for the key's first span asked about."""
        if self._rank is None:
            codes = np.frombuffer(self.text.encode("utf-32-le"), dtype=np.uint32)
            self._rank = np.concatenate([[0], np.cumsum(_han_tables().key_positioned[codes], dtype=np.int64)])
        return self._rank

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        self._check_span(start, end)
        i, j = self._locate(start), self._locate(end - 1)
        first, last = self._first_positioned(i), self._first_positioned(j)
        rank = self._ranks()
        if first is not None and last is not None and rank[start + 1] > rank[start] and rank[end] > rank[end - 1]:
            positioned = self._reading.positioned()
            return (int(positioned[first + rank[start] - rank[self._key[i]]]),
                    int(positioned[last + rank[end - 1] - rank[self._key[j]]]) + 1)
        return super().to_source(start, end)
