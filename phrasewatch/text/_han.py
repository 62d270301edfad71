"""What every character folds to, as tables indexed by code point, for the routes that
read Chinese text without normalising it (:mod:`._routes`): the first look for
Chinese phrases, the raw offsets of a window's characters, the letters that
fingerprints hash and the counts of tokens.

Each character's fold (NFKC, lower case, the character pass: ``fold_cluster``) is
context-free but for combining marks, a few capitals and what traditional-to-simplified
conversion does to Chinese characters in context (OpenCC's phrases). The tables say,
for each code point, which role its fold plays in the key:

- IGNORABLE: whitespace, quotes, hyphens and dashes, invisible characters: what the
  key may drop between two Chinese characters (人類 命運 = 人类命运, 共建“一带一路”);
- JOINER: of those, the ones that can join two words in the key (hyphens, quotes,
  apostrophes, invisible characters);
- HAN: folds to one Chinese character; WORD: to one letter or digit of another script
  (LATIN: an ASCII one, with ``latin`` its lower-case code);
- POSITIONED: folds to one character of ``POSITIONED_CHARACTER`` (a letter, digit or
  Chinese character): the n-th such character of a window's key comes from the n-th
  POSITIONED character of its raw text;
- ISLAND_END: a Chinese character or East Asian punctuation, which no word of token
  counts crosses;
- MULTI: folds into several characters (⑵ into "(2)", Ⅱ into "ii", ㍻ into 平成): the
  routes put its fold's characters where it stands;
- REFUSED: the routes cannot say what it becomes without its context (combining marks,
  Σ, the routes' own separator): a text holding one is normalised the plain way;
- TRADITIONAL: OpenCC's traditional-to-simplified conversion may change it, in some
  context; CJK_PUNCTUATION: 、。《》 …

and ``canon`` maps every character to one representative of all the characters that
may become the same character of the key (traditional and simplified, compatibility
ideographs, full-width forms), so that a phrase's representatives are a literal in a
text's representatives wherever the phrase is in its key.

The folds of all code points and the pairs OpenCC's dictionaries can convert are read
from ``data/han_folds.json``, made by ``python -m phrasewatch.text._han`` (a test
checks that it is what this code and OpenCC give now); when the Unicode version differs
from the one it was made with, the folds are computed again (half a second).
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import numpy as np
import regex

from ._folding import FOLDED_ASCII, MAPPED_CHARACTERS, fold_cluster
from .chars import HAN as HAN_RANGES

IGNORABLE, JOINER, HAN, WORD, LATIN, REFUSED, TRADITIONAL, CJK_PUNCTUATION, POSITIONED, CANON, ISLAND_END, MULTI = (1 << i for i in range(12))
SEPARATOR = "\x01"  # between windows normalised at once: no pass touches or looks at it
_DATA = Path(__file__).resolve().parent.parent / "data" / "han_folds.json"
_CODES = 0x110000
_WORD_CHAR = re.compile(r"[^\W_]")  # a word character of token counts and word boundaries
_TOKEN_HAN = re.compile(f"[{HAN_RANGES}]")  # a Chinese character of token counts
POSITIONED_CHARACTER = regex.compile(r"[\p{Han}\p{Alnum}]")


def _all_characters() -> str:
    """Every code point but the surrogates, in order (one string: the regular
    expression engines classify them all at C speed)."""
    codes = np.concatenate([np.arange(0, 0xD800), np.arange(0xE000, _CODES)]).astype("<u4")
    return codes.tobytes().decode("utf-32-le")


def derive_folds() -> dict[str, str]:
    """Every character beyond ASCII whose fold is not itself, and what it folds to."""
    everything = _all_characters()[0x80:].replace("\n", "")
    candidates = set(MAPPED_CHARACTERS)
    # NFKC and lower case of all characters at once, one per line (a line feed is a
    # character both leave alone and none produces)
    folded = unicodedata.normalize("NFKC", "\n".join(everything)).lower().split("\n")
    candidates.update(c for c, f in zip(everything, folded, strict=True) if f != c)
    return {c: fold_cluster(c) for c in sorted(candidates) if fold_cluster(c) != c}


def t2s_pairs_from_dictionaries(texts: dict[str, str]) -> list[tuple[str, str]]:
    """The (traditional, simplified) character pairs OpenCC's t2s dictionaries can
    produce, given the dictionaries as text (``opencc_dict -t text``): every candidate
    of each character, and each character of a phrase aligned with its conversion."""
    pairs = set()
    for name, text in texts.items():
        for line in text.splitlines():
            if not line.strip():
                continue
            key, values = line.split("\t")
            for value in values.split(" "):
                if len(value) != len(key):
                    raise ValueError(f"{name}: {key} -> {value} changes the length")
                pairs.update((a, b) for a, b in zip(key, value, strict=True) if a != b)
    return sorted(pairs)


def folds() -> dict[str, str]:
    """Every character beyond ASCII whose fold is not itself, and its fold."""
    return _data()[0]


@lru_cache(maxsize=1)
def _data() -> tuple[dict[str, str], list[tuple[str, str]]]:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    folds = data["folds"] if data["unicode"] == unicodedata.unidata_version else derive_folds()
    return folds, [tuple(p) for p in data["t2s"]]


def _runs(pattern, everything: str) -> np.ndarray:
    """A mask over code points: those ``pattern`` (a run of one class) matches."""
    mask = np.zeros(_CODES, dtype=bool)
    for m in pattern.finditer(everything):
        a = ord(m.group()[0])
        mask[a:a + len(m.group())] = True  # runs never cross the surrogates' gap: none is a letter
    return mask


class Tables:
    """The per-code-point tables (see the module's docstring); one per process."""

    IGNORABLE = IGNORABLE

    def __init__(self):
        folds, pairs = _data()
        everything = _all_characters()
        han = _runs(re.compile(f"[{HAN_RANGES}]+"), everything)
        word = _runs(re.compile(r"[^\W_]+"), everything)
        kind = np.zeros(_CODES, dtype=np.uint16)
        kind[han] |= HAN
        kind[word & ~han] |= WORD
        # a key's letters, digits and Chinese characters (``POSITIONED_CHARACTER``): for a
        # character of a key, which folds to itself, its POSITIONED flag before the folds
        self.key_positioned = _runs(regex.compile(r"[\p{Han}\p{Alnum}]+"), everything)
        kind[self.key_positioned] |= POSITIONED
        # a word never crosses a Chinese character (blanked) or East Asian punctuation;
        # the word characters among 、。〇 … can be joined where the key drops spaces
        # beside them, so their island is normalised
        kind[han] |= ISLAND_END
        kind[0x3001:0x3040] |= CJK_PUNCTUATION | np.where(word[0x3001:0x3040], JOINER, ISLAND_END).astype(np.uint16)
        latin = np.zeros(_CODES, dtype=np.uint8)
        for c in "0123456789abcdefghijklmnopqrstuvwxyz":
            latin[ord(c)] = latin[ord(c.upper())] = ord(c)
            kind[ord(c.upper())] |= LATIN
            kind[ord(c)] |= LATIN
        letter = np.arange(_CODES, dtype=np.uint32)  # the code of what letters_of keeps, or 0
        lower = "0123456789abcdefghijklmnopqrstuvwxyz"
        letter[:128] = 0
        letter[[ord(c) for c in lower]] = [ord(c) for c in lower]
        letter[[ord(c.upper()) for c in lower[10:]]] = [ord(c) for c in lower[10:]]
        space = _runs(re.compile(r"\s+"), everything)  # all whitespace (\x85, U+2028 …), not only what folds to a space
        kind[space] |= IGNORABLE
        letter[space] = 0
        for ch in "\"'-":
            kind[ord(ch)] |= IGNORABLE | JOINER
        kind[_runs(regex.compile(r"\p{M}+"), everything)] |= REFUSED
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            while parent.get(x, x) != x:
                x = parent[x]
            return x

        def union(x: str, y: str) -> None:
            a, b = find(x), find(y)
            if a != b:
                parent[max(a, b)] = min(a, b)

        multi: dict[str, str] = {}
        folds = {**folds, **{c: fold_cluster(c) for c in FOLDED_ASCII}}
        for c, f in folds.items():
            code = ord(c)
            flags = kind[code] & (CJK_PUNCTUATION | REFUSED)
            if any(unicodedata.category(x)[0] == "M" for x in f):
                flags |= REFUSED
            if all(x.isspace() or x in "\"'-" for x in f):
                flags |= IGNORABLE | (JOINER if f == "" or any(x in "\"'-" for x in f) else 0)
                letter[code] = 0
            elif len(f) == 1:
                if _TOKEN_HAN.match(f):
                    flags |= HAN
                elif _WORD_CHAR.match(f):
                    flags |= WORD
                    if f.isascii():
                        flags |= LATIN
                        latin[code] = ord(f)
                if POSITIONED_CHARACTER.match(f):
                    flags |= POSITIONED
                if _TOKEN_HAN.match(f) or ("\u3001" <= f <= "\u303f" and not _WORD_CHAR.match(f)):
                    flags |= ISLAND_END
                elif "\u3001" <= f <= "\u303f":
                    flags |= JOINER
                union(c, f)
                letter[code] = 0 if (f.isascii() and not f.isalnum()) else ord(f)
            elif all(x.isascii() and not x.isalnum() for x in f):
                letter[code] = 0  # ASCII punctuation only ("..." from an ellipsis)
            else:
                flags |= MULTI | JOINER  # its island's words are counted on its key
                multi[c] = f
            kind[code] = flags
        for c in (SEPARATOR, "\u03a3"):  # the separator; a capital that lowers by context
            kind[ord(c)] |= REFUSED
        for c in "abcdefghijklmnopqrstuvwxyz":  # ASCII is not among the folds: its capitals lower all the same
            union(c.upper(), c)
        traditional = {a for a, _ in pairs}
        for a, b in pairs:
            union(a, b)
        for c in traditional:
            kind[ord(c)] |= TRADITIONAL
        for c, f in folds.items():  # a character that folds into one OpenCC converts
            if any(x in traditional for x in f):
                kind[ord(c)] |= TRADITIONAL
        canon = np.arange(_CODES, dtype=np.uint32)
        for x in parent:
            canon[ord(x)] = ord(find(x))
        kind[canon != np.arange(_CODES, dtype=np.uint32)] |= CANON
        self.kind, self.canon, self.latin, self.letter = kind, canon, latin, letter
        self.multi = multi
        # what stands for a MULTI character in each reading: its fold's representatives
        # (ignorable ones left out), ASCII letters and digits, letters and Chinese characters
        self.multi_canon = {c: [int(canon[ord(x)]) for x in f if not kind[ord(x)] & IGNORABLE] for c, f in multi.items()}
        self.multi_latin = {c: bytes(int(latin[ord(x)]) for x in f if latin[ord(x)]) for c, f in multi.items()}
        self.multi_letters = {c: "".join(x for x in f if not (x.isascii() and not x.isalnum())) for c, f in multi.items()}
        self.multi_han = {c: len(_TOKEN_HAN.findall(f)) for c, f in multi.items()}
        for c in multi:
            letter[ord(c)] = ord(c)  # replaced by its letters in HanReading.letters


@lru_cache(maxsize=1)
def tables() -> Tables:
    return Tables()


# --- a Chinese text read through the tables ----------------------------------------

_MAYBE_ENTITY_START = ("&", "\uff06", "\ufe60")
# Where a Chinese text can be cut so that its pieces normalise independently (see
# _routes._SAFE_CUT, of which this is the East Asian half): after 。，、；：！？ before a
# common Chinese character. No pass looks across: the punctuation is no space, quote
# or hyphen, and OpenCC's phrases hold none. Or at a space between ASCII letters.
# The pattern matches the character before the cut (so a match's end is the cut).
_CUT = re.compile(r"[\u3002\uff0c\u3001\uff1b\uff1a\uff01\uff1f](?=[\u4e00-\u9fff])| (?<=[A-Za-z] )(?=[A-Za-z])")
# the same, searched backwards from a position (the regex module's REVERSE)
_CUT_BACKWARDS = regex.compile(_CUT.pattern, regex.REVERSE)


def han_cut_before(text: str, position: int) -> int:
    """The last cut at or before ``position`` (0 if none)."""
    last = min(position, len(text) - 1)
    if last <= 0:
        return 0
    # up to the character at ``last``: a match of it would end after ``last``, but its
    # look-ahead cannot see past the end of the search, so none does
    m = _CUT_BACKWARDS.search(text, 0, last + 1)
    return m.end() if m is not None else 0


def han_cut_after(text: str, position: int) -> int:
    """The first cut at or after ``position`` (the end of the text if none)."""
    m = _CUT.search(text, max(position, 1) - 1)
    return m.end() if m is not None else len(text)


# characters OpenCC may convert in context that lie closer than this are read in one
# stretch (measured: 30 to 300 alike, 2,000 and more slower)
_STRETCH_GAP = 200


class HanReading:
    """A text with Chinese characters as the tables read it, raw, without a key: its
    code points and their roles. Made only for text without a REFUSED character or a
    possible character reference (``of`` says None for others)."""

    def __init__(self, text: str, codes: np.ndarray, kind: np.ndarray, special: np.ndarray):
        self.text = text
        self.codes = codes  # code points
        self.kind = kind  # their roles
        self._special = special  # where a character is ignorable, changes under canon, or is Latin
        self._positioned: np.ndarray | None = None

    @classmethod
    def of(cls, text: str) -> HanReading | None:
        if any(c in text for c in _MAYBE_ENTITY_START) and _maybe_entity(text):
            return None
        t = tables()
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        kind = t.kind[codes]
        special = np.flatnonzero(kind & (IGNORABLE | CANON | LATIN | REFUSED | MULTI))
        if (kind[special] & REFUSED).any():
            return None
        return cls(text, codes, kind, special)

    def positioned(self) -> np.ndarray:
        """The raw offsets of the text's POSITIONED characters (made once)."""
        if self._positioned is None:
            self._positioned = np.flatnonzero(self.kind & POSITIONED)
        return self._positioned

    def multi_offsets(self) -> list[int]:
        """The raw offsets of the text's MULTI characters, in order."""
        return self._multi().tolist()

    @functools.cached_property
    def _multi_at(self) -> np.ndarray:
        return self._multi()

    def _multi(self) -> np.ndarray:
        special = self._special
        return special[(self.kind[special] & MULTI) != 0]

    def canon_skeleton(self) -> tuple[bytes, np.ndarray]:
        """The text's representatives without its ignorable characters (UTF-32LE, a
        MULTI character replaced by its fold's), and the raw offset of each."""
        t = tables()
        special, kinds = self._special, self.kind[self._special]
        changed = special[(kinds & (CANON | MULTI)) == CANON]
        skeleton = self.codes
        if len(changed):
            skeleton = skeleton.copy()
            skeleton[changed] = t.canon[skeleton[changed]]
        dropped = special[(kinds & IGNORABLE) != 0]
        multi = self._multi()
        if len(multi):
            raw = np.arange(len(skeleton), dtype=np.int64)
            insert_at, values, raws = [], [], []
            for p in multi.tolist():
                for v in t.multi_canon[self.text[p]]:
                    insert_at.append(p)
                    values.append(v)
                    raws.append(p)
            dropped = np.union1d(dropped, multi)
            skeleton = np.insert(skeleton, insert_at, values) if values else skeleton
            raw = np.insert(raw, insert_at, raws) if raws else raw
            # the inserted ones come before the character they replace, which goes
            keep = np.ones(len(skeleton), dtype=bool)
            keep[np.asarray(dropped, dtype=np.int64) + np.searchsorted(insert_at, dropped, side="right")] = False
            return skeleton[keep].astype("<u4").tobytes(), raw[keep]
        if len(dropped):
            keep = np.ones(len(skeleton), dtype=bool)
            keep[dropped] = False
            raw = np.flatnonzero(keep)
            return skeleton[raw].astype("<u4", copy=False).tobytes(), raw
        return skeleton.astype("<u4", copy=False).tobytes(), np.arange(len(skeleton), dtype=np.int64)

    def latin_skeleton(self) -> tuple[bytes, np.ndarray]:
        """The ASCII letters and digits the text's characters fold to (the skeleton of
        :func:`._routes.ascii_skeleton`, for text with Chinese), and their raw offsets."""
        t = tables()
        special = self._special
        at = special[(self.kind[special] & (LATIN | MULTI)) != 0]
        if not len(at):
            return b"", at
        letters = t.latin[self.codes[at]]
        multi = (self.kind[at] & MULTI) != 0
        if not multi.any():
            return letters.tobytes(), at
        # the runs between the (few) characters that fold to several letters go whole
        parts, positions, done = [], [], 0
        for i in np.flatnonzero(multi).tolist():
            parts.append(letters[done:i].tobytes())
            positions.append(at[done:i])
            piece = t.multi_latin[self.text[at[i]]]
            parts.append(piece)
            positions.append(np.full(len(piece), at[i], dtype=at.dtype))
            done = i + 1
        parts.append(letters[done:].tobytes())
        positions.append(at[done:])
        return b"".join(parts), np.concatenate(positions).astype(np.int64, copy=False)

    def traditional(self) -> bool:
        """Whether OpenCC may change a character of the text (then the tables cannot
        say what its key's Chinese characters are, only how many)."""
        return bool((self.kind & TRADITIONAL).any())

    def letters(self, converted=None) -> bytes | None:
        """``letters_of`` the key (what fingerprints hash), from the raw text. Where
        OpenCC may convert a character in context, the tables cannot say what it
        becomes: the stretch between the cuts around it (see ``_CUT``: no pass looks
        across one) is read by ``converted(stretch)`` (the letters of its key), the
        rest through the tables; without ``converted``, None for such text."""
        kept = tables().letter[self.codes]
        traditional = np.flatnonzero(self.kind & TRADITIONAL)
        if not len(traditional):
            return self._table_letters(kept, 0, len(kept))
        if converted is None:
            return None
        text, pieces, done = self.text, [], 0
        positions = traditional.tolist()
        i = 0
        while i < len(positions):
            # one stretch holds the characters that lie closer together than
            # _STRETCH_GAP (a call per character cost more than the tables save)
            start, end = han_cut_before(text, positions[i]), han_cut_after(text, positions[i] + 1)
            i += 1
            while i < len(positions) and positions[i] < end + _STRETCH_GAP:
                end = max(end, han_cut_after(text, positions[i] + 1))
                i += 1
            pieces.append(self._table_letters(kept, done, start))
            pieces.append(converted(text[start:end]))
            done = end
        pieces.append(self._table_letters(kept, done, len(kept)))
        return b"".join(pieces)

    def _table_letters(self, kept: np.ndarray, start: int, end: int) -> bytes:
        """The letters of the raw characters ``[start, end)`` through the tables."""
        t = tables()
        part = kept[start:end]
        letters = part[part != 0].tobytes().decode("utf-32-le")
        multi = self._multi_at  # sorted raw offsets
        lo, hi = np.searchsorted(multi, start), np.searchsorted(multi, end)
        for c in {self.text[p] for p in multi[lo:hi].tolist()}:
            letters = letters.replace(c, t.multi_letters[c])
        return letters.encode("utf-8")

    def han_count(self) -> int:
        """The Chinese characters of the key (HAN of chars.py, which OpenCC keeps)."""
        t = tables()
        return int(np.count_nonzero(self.kind & HAN)) + sum(t.multi_han[self.text[p]] for p in self._multi().tolist())

    def word_count(self, exact) -> int:
        """The words of the key outside runs of Chinese characters (token counts'
        ``_count_words(_CJK_RUN.sub(" ", key))``). No pass joins two words across a
        Chinese character or East Asian punctuation, nor across anything but a joiner
        (hyphen, quote, invisible character): so the words of a stretch between two of
        those (an island) without a joiner are its runs of word characters, and an
        island with one is normalised on its own (``exact(island)``: its key's words)."""
        word = (self.kind & WORD) != 0
        n = len(word)
        if not n:
            return 0
        runs = int(word[0]) + int(np.count_nonzero(word[1:] & ~word[:-1]))
        joiners = np.flatnonzero(self.kind & JOINER)
        if not len(joiners):
            return runs
        ends = np.flatnonzero(self.kind & ISLAND_END)
        k = np.searchsorted(ends, joiners)
        starts = np.where(k > 0, ends[np.maximum(k - 1, 0)] + 1, 0)
        stops = np.where(k < len(ends), ends[np.minimum(k, len(ends) - 1)], n)
        words_before = np.concatenate([[0], np.cumsum(word)])
        for a, b in sorted(set(zip(starts.tolist(), stops.tolist(), strict=True))):
            if words_before[b] == words_before[a]:
                continue  # no word in the island
            inner = word[a:b]
            naive = int(inner[0]) + int(np.count_nonzero(inner[1:] & ~inner[:-1]))
            runs += exact(self.text[a:b]) - naive
        return runs


def _maybe_entity(text: str) -> bool:
    from ._folding import has_entity

    return has_entity(text)


def current_data(folder: Path | None = None) -> dict:
    """What ``data/han_folds.json`` holds, made again from this code, this Python's
    Unicode tables and the installed OpenCC's t2s dictionaries (or those in ``folder``)."""
    import subprocess
    import tempfile

    import opencc

    folder = folder or Path(opencc.__file__).parent / "clib" / "share" / "opencc"
    tool = Path(opencc.__file__).parent / "clib" / "bin" / "opencc_dict"
    texts = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("CJK_Compatibility_Ideographs", "TSPhrases", "TSCharactersExt", "TSCharacters"):
            out = Path(tmp) / f"{name}.txt"
            subprocess.run([str(tool), "-i", str(folder / f"{name}.ocd2"), "-o", str(out), "-f", "ocd2", "-t", "text"], check=True)
            texts[name] = out.read_text(encoding="utf-8")
    return {"unicode": unicodedata.unidata_version, "opencc": getattr(opencc, "__version__", None),
            "folds": derive_folds(), "t2s": [list(p) for p in t2s_pairs_from_dictionaries(texts)]}


def _write() -> None:  # python -m phrasewatch.text._han [DICTIONARY_FOLDER]
    import sys

    data = current_data(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    _DATA.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    _write()
