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

__all__ = ["BaseMatcher", "Match", "Matches", "ReferenceMatcher", "REGEX_TIMEOUT"]

import bisect
from dataclasses import dataclass

import regex

from ..lexicon.model import Lexicon, Pattern
from ..text import KeyedText, Normalized, normalize_phrase, phrase_skeleton

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
class Candidate:
    """An occurrence of a pattern in a key, before overlaps are resolved (engines only)."""

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


def resolve_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Longest first, then leftmost, then lexicon order; no two chosen ones overlap."""
    ranked = sorted(candidates, key=lambda c: (-(c.end - c.start), c.start, c.order))
    starts: list[int] = []  # chosen intervals, sorted by start
    ends: list[int] = []
    chosen: list[Candidate] = []
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


class Matches(list):
    """The matches in one text, in document order (a list of :class:`Match`), and
    ``warnings``: what kept the matcher from looking everywhere (a regular expression
    that timed out)."""

    def __init__(self, matches=(), warnings=()):
        super().__init__(matches)
        self.warnings: tuple[str, ...] = tuple(warnings)


class BaseMatcher:
    """What every engine shares: the lexicon's keys, regular expressions, acronyms,
    overlap resolution and the mapping back to raw offsets. An engine only says where
    the literal keys occur (:meth:`_literal_candidates`).

    Call it with raw text (a ``str``, or a :class:`~phrasewatch.text.KeyedText` whose
    keys other stages share): it returns the :class:`Matches` with raw offsets. How it
    reads the text is its own business: where it can, it first looks for its phrases'
    letters among the text's letters and normalises only windows around them;
    otherwise it normalises the whole text.
    """

    def __init__(self, lexicon: Lexicon, *, kinds: tuple[str, ...] = ("formula",)):
        self.lexicon = lexicon.select(kinds)
        self.kinds = tuple(kinds)
        self.keyed = compile_keys(self.lexicon.patterns)  # each pattern with its matching key
        self.acronyms: dict[str, str] = {acro: f.id for f in self.lexicon for acro in f.en_acronyms}
        self._expressions = [(order, p) for order, (p, _) in enumerate(self.keyed) if p.regex is not None]

    def __len__(self) -> int:
        return len(self.lexicon)

    def __contains__(self, formula_id: object) -> bool:
        return formula_id in self.lexicon

    def __call__(self, text: str | KeyedText | Normalized) -> Matches:
        """The matches in raw ``text`` (a :class:`Normalized` is matched through its
        source), with raw offsets, in document order."""
        view = self._view(_keyed(text))
        selected, warnings = self._select(view.text)
        return Matches(self._to_matches(view, selected), warnings)

    def occurs_in(self, text: str | KeyedText) -> bool:
        """Whether any of the matcher's patterns (blockers included, before overlaps
        are resolved) occurs in ``text``: whether its formulae can touch the text's
        results at all."""
        view = self._view(_keyed(text))
        return bool(self._candidates(view.text)[0])

    # --- internals -------------------------------------------------------------

    def _view(self, keyed: KeyedText):
        """What to read of the text: the windows where a phrase of the lexicon can be,
        normalised, or the whole key where the text or the lexicon does not allow
        looking (East Asian text, letters made by folding, regular expressions, no
        Hyperscan).

        The windows are exact: a phrase in the key has its letters and digits in the
        text's skeleton; a window takes the pieces those letters are in, so a match and
        every match overlapping it are in one window, and a window's neighbours are
        spaces; and an acronym counts only after its formula, whose letters then open
        the look for the acronym's."""
        look = self._skeleton_look()
        locate = keyed.skeleton() if look is not None else None
        if locate is None:
            return keyed.whole()
        return keyed.windows(look(locate.skeleton))  # most documents: no hit, nothing to normalise

    def _literal_candidates(self, text: str) -> list[Candidate]:
        raise NotImplementedError

    def _candidates(self, text: str) -> tuple[list[Candidate], list[str]]:
        """Every occurrence of every pattern in the key ``text``, and warnings
        (regular expressions that timed out)."""
        found = self._literal_candidates(text)
        warnings: list[str] = []
        for order, pattern in self._expressions:
            try:
                for m in pattern.regex.finditer(text, timeout=REGEX_TIMEOUT):
                    if m.end() > m.start() and at_word_boundaries(text, m.group(), m.start(), m.end()):
                        found.append(Candidate(m.start(), m.end(), order, pattern, m.group()))
            except TimeoutError:
                warnings.append(f"pattern {pattern.form!r} of {pattern.formula_id} timed out after {REGEX_TIMEOUT}s; its matches in this document are missing")
        return found, warnings

    def _select(self, text: str) -> tuple[list[Candidate], list[str]]:
        """The candidates that win, blockers removed, in key coordinates."""
        candidates, warnings = self._candidates(text)
        return [c for c in resolve_overlaps(candidates) if not c.pattern.blocker], warnings

    def _acronym_matches(self, view, chosen: list[Candidate]) -> list[tuple[int, int, Match]]:
        """Acronyms after their formula's full name, with their key offsets."""
        if not self.acronyms:
            return []
        text = view.text
        spelled: dict[str, list[Candidate]] = {}
        for c in chosen:
            spelled.setdefault(c.pattern.formula_id, []).append(c)
        if not any(fid in spelled for fid in self.acronyms.values()):
            return []
        occupied = [(c.start, c.end) for c in chosen]
        out: list[tuple[int, int, Match]] = []
        for acro, fid in self.acronyms.items():
            full = spelled.get(fid)
            if not full:
                continue
            needle = acro.lower()
            first_end = full[0].end
            full_ends = [c.end for c in full]
            at = text.find(needle, first_end)
            while at != -1:
                end = at + len(needle)
                if at_word_boundaries(text, needle, at, end):
                    a, b = view.to_source(at, end)
                    surface = view.source[a:b]
                    # the nearest full name before it: "(GDI)" right after is a definition
                    k = bisect.bisect_right(full_ends, at) - 1
                    gap = text[full_ends[k]:at] if k >= 0 else None
                    if surface == acro and gap not in ("(", " (") and not any(s < end and at < e for s, e in occupied):
                        out.append((at, end, Match(fid, "en", acro, needle, a, b, surface, acronym=True)))
                at = text.find(needle, end)
        return out

    def _to_matches(self, view, selected: list[Candidate]) -> list[Match]:
        found: list[tuple[int, int, Match]] = []
        for c in selected:
            a, b = view.to_source(c.start, c.end)
            found.append((c.start, c.end, Match(c.pattern.formula_id, c.pattern.language, c.pattern.form, c.key,
                                                a, b, view.source[a:b])))
        found.extend(self._acronym_matches(view, selected))
        found.sort(key=lambda f: (f[0], f[1]))
        return [m for _, _, m in found]

    def _skeleton_look(self):
        """A function from a skeleton to the spans where a phrase's skeleton occurs
        (acronyms included once their formula's occurs), or None if this lexicon
        cannot be looked for that way. Built once."""
        if not hasattr(self, "_look"):
            self._look = _build_skeleton_look(self.keyed, self.acronyms)
        return self._look


def _keyed(text) -> KeyedText:
    if isinstance(text, KeyedText):
        return text
    if isinstance(text, Normalized):
        return KeyedText(text.source)
    if isinstance(text, str):
        return KeyedText(text)
    raise TypeError(f"a matcher takes text (str), got {type(text).__name__}; decode bytes first (phrasewatch.text.decode)")


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
    >>> from phrasewatch import load_lexicon
    >>> matcher = ReferenceMatcher(load_lexicon())
    >>> [m.formula_id for m in matcher("Both sides support the Global Development Initiative.")]
    ['gdi']
    >>> [m.surface for m in matcher("双方同意推动构建人類命運共同體。")]
    ['推动构建人類命運共同體']
    """

    def _literal_candidates(self, text: str) -> list[Candidate]:
        found: list[Candidate] = []
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
                    found.append(Candidate(at, end, order, pattern, key))
                at = text.find(key, at + 1)
        return found
