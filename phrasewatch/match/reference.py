"""The reference matching engine: plain, obviously correct, and the yardstick that any
faster engine must agree with exactly.

Semantics
---------
1. Every occurrence of every pattern phrase in the normalised text is a candidate.
   A phrase that starts (ends) with a Latin letter or digit must start (end) on a word
   boundary; Chinese phrases match anywhere.
2. Candidates are chosen longest first (then leftmost, then lexicon order); a candidate
   overlapping one already chosen is dropped. Chosen blockers are then removed: they
   exist only to silence the shorter terms they contain.
3. An acronym counts only after the document has spelled its formula out, must stand in
   capitals in the raw text, and "(GDI)" right after the full name is not a second match.
"""

from __future__ import annotations

__all__ = ["BaseMatcher", "Match", "ReferenceMatcher", "REGEX_TIMEOUT"]

import bisect
from dataclasses import dataclass

import regex

from ..lexicon.model import Lexicon, Pattern
from ..text.normalize import (
    ChunkedNormalized,
    Normalized,
    SkeletonLocator,
    SparseNormalized,
    has_skeleton,
    normalize_phrase,
    phrase_skeleton,
    safe_cut_after,
    safe_cut_before,
)

REGEX_TIMEOUT = 2.0
_HAN = regex.compile(r"\p{Han}")
_LATIN = regex.compile(r"[a-z0-9]")  # seconds per raw regular expression per document
_ASCII_ALNUM = regex.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True)
class Match:
    """One formula found in one document. Offsets ``start``/``end`` are raw characters."""

    formula_id: str
    language: str
    variant: str  # the form, as written in the lexicon, that matched
    phrase: str  # the normalised phrase that matched (or the acronym)
    norm_start: int
    norm_end: int
    start: int
    end: int
    surface: str
    acronym: bool = False


def is_word_char(ch: str) -> bool:
    """Letters and digits of alphabetic scripts; Chinese characters do not count."""
    return ch.isalnum() and not ("\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch)


def at_word_boundaries(text: str, phrase: str, start: int, end: int) -> bool:
    if is_word_char(phrase[0]) and start > 0 and is_word_char(text[start - 1]):
        return False
    if is_word_char(phrase[-1]) and end < len(text) and is_word_char(text[end]):
        return False
    return True


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    order: int  # position of the pattern in the lexicon: ties go to the earlier one
    pattern: Pattern
    key: str


def compile_keys(patterns) -> list[tuple[Pattern, str]]:
    """Each pattern with its matching key: the phrase normalised like documents are
    (a regular expression keeps its source). Empty and repeated keys are dropped."""
    keyed, seen = [], set()
    for pattern in patterns:
        key = pattern.phrase if pattern.regex is not None else normalize_phrase(pattern.phrase)
        identity = (pattern.formula_id, pattern.language, key, pattern.blocker, pattern.regex is not None)
        if key and identity not in seen:
            seen.add(identity)
            keyed.append((pattern, key))
    return keyed


def resolve_overlaps(candidates: list[_Candidate]) -> list[_Candidate]:
    """Longest first, then leftmost, then lexicon order; no two chosen ones overlap."""
    ranked = sorted(candidates, key=lambda c: (-(c.end - c.start), c.start, c.order))
    starts: list[int] = []  # chosen intervals, sorted by start
    ends: list[int] = []
    chosen: list[_Candidate] = []
    for c in ranked:
        i = bisect.bisect_left(starts, c.start)
        if i > 0 and ends[i - 1] > c.start:
            continue
        if i < len(starts) and starts[i] < c.end:
            continue
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        chosen.append(c)
    chosen.sort(key=lambda c: (c.start, c.end))
    return chosen


class BaseMatcher:
    """What every engine shares: the lexicon's keys, regular expressions, acronyms,
    overlap resolution and the mapping back to raw offsets. An engine only says where
    the literal keys occur (:meth:`literal_candidates`)."""

    def __init__(self, lexicon: Lexicon, *, kinds: tuple[str, ...] = ("formula",)):
        self.lexicon = lexicon.select(kinds)
        self.kinds = tuple(kinds)
        self.keyed = compile_keys(self.lexicon.patterns)
        self.acronyms: dict[str, str] = {acro: f.id for f in self.lexicon for acro in f.en_acronyms}
        self._expressions = [(order, p) for order, (p, _) in enumerate(self.keyed) if p.regex is not None]

    def __len__(self) -> int:
        return len(self.lexicon)

    def __contains__(self, formula_id: object) -> bool:
        return formula_id in self.lexicon

    def __call__(self, normalized: Normalized) -> list[Match]:
        return self.find(normalized)[0]

    def literal_candidates(self, text: str) -> list[_Candidate]:
        raise NotImplementedError

    def candidates(self, text: str) -> tuple[list[_Candidate], list[str]]:
        """Every occurrence of every pattern in the key ``text``, and warnings
        (regular expressions that timed out)."""
        found = self.literal_candidates(text)
        warnings: list[str] = []
        for order, pattern in self._expressions:
            try:
                for m in pattern.regex.finditer(text, timeout=REGEX_TIMEOUT):
                    if m.end() > m.start() and at_word_boundaries(text, m.group(), m.start(), m.end()):
                        found.append(_Candidate(m.start(), m.end(), order, pattern, m.group()))
            except TimeoutError:
                warnings.append(f"pattern {pattern.form!r} of {pattern.formula_id} timed out after {REGEX_TIMEOUT}s; its matches in this document are missing")
        return found, warnings

    def select(self, text: str) -> tuple[list[_Candidate], list[str]]:
        """The candidates that win, blockers removed, in key coordinates."""
        candidates, warnings = self.candidates(text)
        return [c for c in resolve_overlaps(candidates) if not c.pattern.blocker], warnings

    def _acronym_matches(self, normalized: Normalized, chosen: list[Match]) -> list[Match]:
        if not self.acronyms:
            return []
        text = normalized.text
        spelled: dict[str, list[Match]] = {}
        for m in chosen:
            spelled.setdefault(m.formula_id, []).append(m)
        if not any(fid in spelled for fid in self.acronyms.values()):
            return []
        occupied = [(m.norm_start, m.norm_end) for m in chosen]
        out: list[Match] = []
        for acro, fid in self.acronyms.items():
            full = spelled.get(fid)
            if not full:
                continue
            needle = acro.lower()
            first_end = full[0].norm_end
            full_ends = [m.norm_end for m in full]
            at = text.find(needle, first_end)
            while at != -1:
                end = at + len(needle)
                if at_word_boundaries(text, needle, at, end):
                    a, b = normalized.to_source(at, end)
                    surface = normalized.source[a:b]
                    # the nearest full name before it: "(GDI)" right after is a definition
                    k = bisect.bisect_right(full_ends, at) - 1
                    gap = text[full_ends[k]:at] if k >= 0 else None
                    if surface == acro and gap not in ("(", " (") and not any(s < end and at < e for s, e in occupied):
                        out.append(Match(fid, "en", acro, needle, at, end, a, b, surface, acronym=True))
                at = text.find(needle, end)
        return out

    def _to_matches(self, normalized: Normalized, selected: list[_Candidate]) -> list[Match]:
        chosen: list[Match] = []
        for c in selected:
            a, b = normalized.to_source(c.start, c.end)
            chosen.append(Match(
                c.pattern.formula_id, c.pattern.language, c.pattern.form, c.key,
                c.start, c.end, a, b, normalized.source[a:b],
            ))
        chosen.extend(self._acronym_matches(normalized, chosen))
        chosen.sort(key=lambda m: (m.norm_start, m.norm_end))
        return chosen

    def find(self, normalized: Normalized | ChunkedNormalized) -> tuple[list[Match], list[str]]:
        """Matches in already normalised text, in document order, and warnings."""
        selected, warnings = self.select(normalized.text)
        return self._to_matches(normalized, selected), warnings

    def find_in(self, text: str) -> tuple[list[Match], list[str]]:
        """Matches in raw ``text``: the same as ``find(normalize(text))``, except that
        ``norm_start``/``norm_end`` are offsets into the key of the windows read.

        Most documents have few matches or none. Where it can, the matcher first looks
        for its phrases' letters in the raw text's letters (:func:`ascii_skeleton`)
        and normalises only windows around them (:class:`SparseNormalized`); otherwise
        it normalises the whole text and builds the offset map only for the pieces
        that hold a match (:class:`ChunkedNormalized`)."""
        windows = self.windows_in(text)
        return self.find(windows if windows is not None else ChunkedNormalized(text))

    def windows_in(self, text: str) -> SparseNormalized | None:
        """The windows of ``text`` where a phrase of the lexicon can be, normalised, or
        None when the text or the lexicon does not allow looking (East Asian text,
        letters made by folding, regular expressions, no Hyperscan).

        Exact: a phrase in the key has its letters and digits in the text's skeleton;
        a window takes the pieces those letters are in, so a match and every match
        overlapping it are in one window, and a window's neighbours are spaces; and
        an acronym counts only after its formula, whose letters then open the look for
        the acronym's."""
        look = self._skeleton_look()
        if look is None or not has_skeleton(text):
            return None
        locate = SkeletonLocator(text)
        hits = look(locate.skeleton)
        if not hits:  # most documents: nothing to normalise
            return SparseNormalized(text, [])
        # a window from the safe cut before a hit's first letter to the one after its
        # last: a phrase starts and ends with a letter or digit, so the match is in
        # it, and the characters next to a window are spaces (as the separator is no
        # letter); matches that overlap have windows that overlap, and are in one
        spans = sorted((safe_cut_before(text, locate(a)), safe_cut_after(text, locate(b - 1) + 1)) for a, b in hits)
        windows: list[tuple[int, int]] = []
        for start, end in spans:
            if windows and start <= windows[-1][1]:  # touching windows are one: "… Initiative" | "GDI"
                windows[-1] = (windows[-1][0], max(windows[-1][1], end))
            else:
                windows.append((start, end))
        return SparseNormalized(text, windows)

    def _skeleton_look(self):
        """A function from a skeleton to the spans where a phrase's skeleton occurs
        (acronyms included once their formula's occurs), or None if this lexicon
        cannot be looked for that way. Built once."""
        if not hasattr(self, "_look"):
            self._look = _build_skeleton_look(self.keyed, self.acronyms)
        return self._look


def hyperscan_literal(data: bytes) -> bytes:
    """A Hyperscan expression matching exactly ``data``: every byte escaped."""
    return "".join(f"\\x{b:02x}" for b in data).encode("ascii")


def _build_skeleton_look(keyed, acronyms: dict[str, str]):
    skeletons: dict[bytes, set[str]] = {}
    for pattern, key in keyed:
        if pattern.regex is not None:
            return None  # a regular expression has no fixed letters
        skeleton = phrase_skeleton(key)
        if skeleton is None:
            continue  # East Asian: never in a text that has a skeleton
        if not skeleton or not (_ASCII_ALNUM.fullmatch(key[0]) and _ASCII_ALNUM.fullmatch(key[-1])):
            return None  # a phrase whose ends are not in its skeleton could reach past a window
        skeletons.setdefault(skeleton, set()).add(pattern.formula_id)
    by_formula: dict[str, list[bytes]] = {}
    for acronym, formula_id in acronyms.items():
        by_formula.setdefault(formula_id, []).append(phrase_skeleton(acronym.lower()))
    try:
        import hyperscan
    except ImportError:
        return None
    literals = sorted(skeletons)
    formulae = [skeletons[literal] for literal in literals]
    lengths = [len(literal) for literal in literals]
    database = hyperscan.Database()
    if literals:
        database.compile(expressions=[hyperscan_literal(literal) for literal in literals],
                         ids=list(range(len(literals))), elements=len(literals),
                         flags=[0] * len(literals))  # no start of match: a literal's start is its end less its length

    def look(data: bytes) -> list[tuple[int, int]]:
        hits: list[tuple[int, int]] = []
        found: set[str] = set()

        def on_match(index, start, end, flags, context):
            hits.append((end - lengths[index], end))
            found.update(formulae[index])

        if literals and data:
            database.scan(data, match_event_handler=on_match)
        for formula_id in found:
            for acronym in by_formula.get(formula_id, ()):
                at = data.find(acronym)
                while at != -1:
                    hits.append((at, at + len(acronym)))
                    at = data.find(acronym, at + 1)
        return hits

    return look


class ReferenceMatcher(BaseMatcher):
    """Find a lexicon's formulae in normalised text, one ``str.find`` per pattern.

    Parameters
    ----------
    lexicon : Lexicon
    kinds : tuple of str
        Which kinds of formulae to look for. ``reinterpreted`` words (democracy, 发展 …)
        are left out by default: they match everywhere and are measured differently.

    Examples
    --------
    >>> from phrasewatch import load_lexicon, normalize
    >>> matcher = ReferenceMatcher(load_lexicon())
    >>> [m.formula_id for m in matcher(normalize("Both sides support the Global Development Initiative."))]
    ['gdi']
    >>> [m.surface for m in matcher(normalize("双方同意推动构建人類命運共同體。"))]
    ['推动构建人類命運共同體']
    """

    def literal_candidates(self, text: str) -> list[_Candidate]:
        found: list[_Candidate] = []
        # A Chinese phrase cannot occur in text without Chinese characters (and an
        # English one not without Latin letters): skipping them changes no result.
        present = {"zh": _HAN.search(text) is not None, "en": _LATIN.search(text) is not None}
        for order, (pattern, key) in enumerate(self.keyed):
            if pattern.regex is not None or not present[pattern.language]:
                continue
            at = text.find(key)
            while at != -1:
                end = at + len(key)
                if at_word_boundaries(text, key, at, end):
                    found.append(_Candidate(at, end, order, pattern, key))
                at = text.find(key, at + 1)
        return found
