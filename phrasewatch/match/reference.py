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
3. A short form (``short_forms`` in the lexicon) competes like any form but counts
   only with its licence; one that wins without it is withdrawn and the text resolved
   again without it, so that what it hid counts. Licences: "after", once its formula or
   a sub-formula of it has been spelled out earlier in the document (it then counts as
   the nearest such one: a bare 命运共同体 after 中老命运共同体 is that sub-community; a
   sub-formula is referred to only if its words hold the short form); "china", where
   China voices it (``voice`` tells the matcher, see
   :func:`phrasewatch.attribution.china_voice`); or either, or both.
4. An acronym counts only after the document has spelled its formula out, must stand in
   capitals in the raw text, and "(GDI)" right after the full name is not a second match.

A phrase with gaps (``changes …3 unseen in a century``) has a candidate for every way
it can end from where its first words are found (see :mod:`.gaps`). An English phrase's
edge is also a boundary where the raw text holds a hyphen, dash or slash, or a
superscript, between the letters the key joins ("Belt and Road-related", "BRI-funded",
"Initiative\u00b9"), and digits right after its last letter are a footnote mark.
"""

from __future__ import annotations

__all__ = ["BaseMatcher", "Match", "Matches", "ReferenceMatcher", "REGEX_TIMEOUT"]

import bisect
from dataclasses import dataclass

import numpy as np
import regex

from ..lexicon.model import Lexicon, Pattern
from ..text import KeyedText, Normalized, han_tables, normalize_phrase, phrase_skeleton
from .gaps import WORD_MAX, Edges, GappedKey, is_word_char

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
    licence: str | None = None  # what let a short form or acronym count: "after", "china", "after;china"


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
    key: str  # the key's text that matched


def compile_keys(patterns) -> list[tuple[Pattern, str | GappedKey]]:
    """Each pattern with its matching key: the phrase normalised like documents are
    (a regular expression keeps its source; a phrase with gaps becomes a
    :class:`GappedKey`). Empty and repeated keys are dropped."""
    keyed, seen = [], set()
    for pattern in patterns:
        if pattern.regex is not None:
            key = pattern.phrase
        elif pattern.gaps:
            key = GappedKey(pattern.phrase)
        else:
            key = normalize_phrase(pattern.phrase)
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
    """What every engine shares: the lexicon's keys, regular expressions, gaps, edges,
    short forms, acronyms, overlap resolution and the mapping back to raw offsets. An
    engine only says where the literal keys (and the first words of phrases with gaps)
    occur (:meth:`_literal_hits`).

    Call it with raw text (a ``str``, or a :class:`~phrasewatch.text.KeyedText` whose
    keys other stages share): it returns the :class:`Matches` with raw offsets. How it
    reads the text is its own business: where it can, it first looks for its phrases'
    letters among the text's letters and normalises only windows around them;
    otherwise it normalises the whole text. ``voice``, a function of a raw span that
    says whether China voices it, licenses short forms that count only in China's voice
    (without it they do not count).
    """

    def __init__(self, lexicon: Lexicon, *, kinds: tuple[str, ...] = ("formula",)):
        self.lexicon = lexicon.select(kinds)
        self.kinds = tuple(kinds)
        self.keyed = compile_keys(self.lexicon.patterns)  # each pattern with its matching key
        self.acronyms: dict[str, str] = {acro: f.id for f in self.lexicon for acro in f.en_acronyms}
        self._expressions = [(order, p) for order, (p, _) in enumerate(self.keyed) if p.regex is not None]
        self._families = _families(self.lexicon)
        # for each literal key: whether its first and last characters are word characters
        self._wordy_ends = [(is_word_char(k[0]), is_word_char(k[-1])) if isinstance(k, str) and k and p.regex is None else (True, True)
                            for p, k in self.keyed]

    def __len__(self) -> int:
        return len(self.lexicon)

    def __contains__(self, formula_id: object) -> bool:
        return formula_id in self.lexicon

    def __call__(self, text: str | KeyedText | Normalized, *, voice=None) -> Matches:
        """The matches in raw ``text`` (a :class:`Normalized` is matched through its
        source), with raw offsets, in document order. ``voice(start, end)``: whether
        China voices the raw span (for short forms licensed by China's voice)."""
        return self._match(self._view(_keyed(text)), voice)

    def skeleton_anchors(self) -> frozenset[bytes] | None:
        """The skeletons (lower-case ASCII letters and digits) the first look starts
        from: a text with a skeleton (``KeyedText.has_skeleton``) that holds none of
        them in its skeleton holds none of the matcher's patterns (:meth:`occurs_in` is
        False). None when the lexicon cannot be looked for that way."""
        return skeleton_anchors(self.keyed)

    def occurs_in(self, text: str | KeyedText) -> bool:
        """Whether any of the matcher's patterns (blockers and short forms included,
        before overlaps are resolved) occurs in ``text``: whether its formulae can
        touch the text's results at all."""
        view = self._view(_keyed(text))
        return bool(self._candidates(view)[0])

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
        if look is not None and keyed.beyond_ascii is None:  # Chinese text
            han_look = self._han_look()
            reading = keyed.han() if han_look is not None else None
            if reading is None:
                return keyed.whole()
            return keyed.han_windows(han_look(reading) + _latin_spans(look, reading))
        locate = keyed.skeleton() if look is not None else None
        if locate is None:
            return keyed.whole()
        return keyed.windows(look(locate.skeleton))  # most documents: no hit, nothing to normalise

    def _literal_hits(self, text: str):
        """``(order, start, end)`` of every occurrence in ``text`` of each literal key
        (for a phrase with gaps, of its first segment), boundaries unchecked."""
        raise NotImplementedError

    def _candidates(self, view) -> tuple[list[Candidate], list[str]]:
        """Every occurrence of every pattern in the view's key, on word boundaries,
        and warnings (regular expressions that timed out)."""
        text = view.text
        n = len(text)
        edges = Edges(view)  # reads the raw text only when asked
        found: list[Candidate] = []
        keyed = self.keyed
        wordy = self._wordy_ends
        for order, start, end in self._literal_hits(text):
            pattern, key = keyed[order]
            if pattern.gaps:
                for stop in key.ends(text, start):
                    if edges(key.first, key.last, start, stop):
                        found.append(Candidate(start, stop, order, pattern, text[start:stop]))
                continue
            # most hits are settled by the key alone; the raw text is read only where a
            # letter or digit touches the phrase (an edge mark may stand between)
            first, last = wordy[order]
            if ((not first or start == 0 or not is_word_char(text[start - 1]))
                    and (not last or end == n or not is_word_char(text[end]))) or edges(key[0], key[-1], start, end):
                found.append(Candidate(start, end, order, pattern, key))
        warnings: list[str] = []
        for order, pattern in self._expressions:
            try:
                for m in pattern.regex.finditer(text, timeout=REGEX_TIMEOUT):
                    if m.end() > m.start() and edges(m.group()[0], m.group()[-1], m.start(), m.end()):
                        found.append(Candidate(m.start(), m.end(), order, pattern, m.group()))
            except TimeoutError:
                warnings.append(f"pattern {pattern.form!r} of {pattern.formula_id} timed out after {REGEX_TIMEOUT}s; its matches in this document are missing")
        return found, warnings

    def _match(self, view, voice=None) -> Matches:
        """The matches in a view of a text (a key with its map to raw offsets)."""
        found, warnings = self.keyed_matches(view, voice)
        return Matches([m for _, _, m in found], warnings)

    def keyed_matches(self, view, voice=None) -> tuple[list[tuple[int, int, Match]], list[str]]:
        """``(key start, key end, match)`` of every match in ``view`` (a key with its map
        to raw offsets: :class:`~phrasewatch.text.Normalized`, or
        ``KeyedText(text).whole()``), in document order, and warnings: for readers of
        the key itself (discovery counts words around the matches)."""
        candidates, warnings = self._candidates(view)
        if not candidates:
            return [], warnings  # nor any acronym: it needs its formula spelled out
        # Short forms compete like any form (longest wins); one that wins without its
        # licence is withdrawn and the text is resolved again without it, so that what it
        # hid counts again. Withdrawing can only add full forms (more licences "after"),
        # so this ends, in a round or two.
        licences: dict[int, tuple[str, str] | None] = {}
        voiced: dict[tuple[int, int], bool] = {}
        short = any(c.pattern.licence is not None for c in candidates)
        while True:
            chosen = resolve_overlaps(candidates)
            spelled = [c for c in chosen if c.pattern.licence is None and not c.pattern.blocker]  # in order
            if not short:
                break
            withdrawn = set()
            for c in chosen:
                if c.pattern.licence is not None and not c.pattern.blocker:
                    licences[id(c)] = self._licence(view, c, spelled, voice, voiced)
                    if licences[id(c)] is None:
                        withdrawn.add(id(c))
            if not withdrawn:
                break
            candidates = [c for c in candidates if id(c) not in withdrawn]
        found: list[tuple[int, int, Match]] = []
        for c in chosen:
            if c.pattern.blocker:
                continue
            a, b = view.to_source(c.start, c.end)
            pattern = c.pattern
            if pattern.licence is None:
                match = Match(pattern.formula_id, pattern.language, pattern.form, c.key, a, b, view.source[a:b])
            else:
                formula_id, held = licences[id(c)]
                match = Match(formula_id, pattern.language, pattern.form, c.key, a, b, view.source[a:b], licence=held)
            found.append((c.start, c.end, match))
        found.extend(self._acronym_matches(view, spelled, [(s, e) for s, e, _ in found]))
        found.sort(key=lambda f: (f[0], f[1]))
        return found, warnings

    def _licence(self, view, c: Candidate, spelled: list[Candidate], voice, voiced: dict) -> tuple[str, str] | None:
        """The formula a chosen short form counts as and the licences that held
        ("after", "china", "after;china"), or None when it has none."""
        pattern = c.pattern
        formula_id, held = pattern.formula_id, []
        if "after" in pattern.licence:
            referent = self._referent(spelled, c)
            if referent is not None:
                formula_id = referent
                held.append("after")
        needs_both = pattern.licence == "after and china"
        if "china" in pattern.licence and (needs_both or not held) and voice is not None:
            if (c.start, c.end) not in voiced:
                voiced[(c.start, c.end)] = bool(voice(*view.to_source(c.start, c.end)))
            if voiced[(c.start, c.end)]:
                held.append("china")
        if not held or (needs_both and len(held) < 2):
            return None
        return formula_id, ";".join(held)

    def _referent(self, spelled: list[Candidate], short: Candidate) -> str | None:
        """The formula a short form refers back to: the nearest full form before it of
        its formula, or of a sub-formula whose words hold the short form."""
        family = self._families.get(short.pattern.formula_id, ())
        i = bisect.bisect_right([c.end for c in spelled], short.start)
        for c in reversed(spelled[:i]):
            fid = c.pattern.formula_id
            if fid == short.pattern.formula_id or (fid in family and short.key in c.key):
                return fid
        return None

    def _acronym_matches(self, view, chosen: list[Candidate], occupied: list[tuple[int, int]]) -> list[tuple[int, int, Match]]:
        """Acronyms after their formula's full name, with their key offsets."""
        if not self.acronyms:
            return []
        text = view.text
        spelled: dict[str, list[Candidate]] = {}
        for c in chosen:
            spelled.setdefault(c.pattern.formula_id, []).append(c)
        if not any(fid in spelled for fid in self.acronyms.values()):
            return []
        edges = Edges(view)
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
                if edges(needle[0], needle[-1], at, end):
                    a, b = view.to_source(at, end)
                    surface = view.source[a:b]
                    # the nearest full name before it: "(GDI)" right after is a definition
                    k = bisect.bisect_right(full_ends, at) - 1
                    gap = text[full_ends[k]:at] if k >= 0 else None
                    if surface == acro and gap not in ("(", " (") and not any(s < end and at < e for s, e in occupied):
                        out.append((at, end, Match(fid, "en", acro, needle, a, b, surface, acronym=True, licence="after")))
                at = text.find(needle, end)
        return out

    def _han_look(self):
        """A function from a :class:`~phrasewatch.text.HanReading` to the raw spans
        where a phrase in East Asian script can be, or None. Built once."""
        if not hasattr(self, "_han"):
            self._han = _build_han_look(self.keyed)
        return self._han

    def _skeleton_look(self):
        """A function from a skeleton to the spans where a phrase's skeleton occurs
        (acronyms included once their formula's occurs), or None if this lexicon
        cannot be looked for that way. Built once."""
        if not hasattr(self, "_look"):
            self._look = _build_skeleton_look(self.keyed, self.acronyms)
        return self._look


def _families(lexicon: Lexicon) -> dict[str, frozenset]:
    """Each formula's sub-formulae, at any depth (through ``parent``)."""
    children: dict[str, set[str]] = {}
    for f in lexicon:
        if f.parent is not None:
            children.setdefault(f.parent, set()).add(f.id)
    out = {}
    for f in lexicon:
        below, stack = set(), [f.id]
        while stack:
            for child in children.get(stack.pop(), ()):
                if child not in below and child != f.id:
                    below.add(child)
                    stack.append(child)
        out[f.id] = frozenset(below)
    return out


def _latin_spans(look, reading) -> list[tuple[int, int]]:
    """The raw spans where the skeleton look finds a phrase in a Chinese text's Latin
    letters (each span from its first letter to its last)."""
    skeleton, at = reading.latin_skeleton()
    return [(int(at[a]), int(at[b - 1]) + 1) for a, b in look(skeleton)] if skeleton else []


def _build_han_look(keyed):
    """The first look for phrases in East Asian script: each phrase's representatives
    (``canon``: traditional and simplified, full-width and compatibility forms are one),
    its ignorable characters left out, as a literal in the text's representatives
    without its ignorable characters (UTF-32), where it is wherever it is in the key."""
    tables = han_tables()
    literals: dict[bytes, int] = {}
    for pattern, key in keyed:
        if pattern.regex is not None:
            return None
        segments = key.segments if isinstance(key, GappedKey) else (key,)
        if all(phrase_skeleton(segment) is not None for segment in segments):
            continue  # the skeleton look's
        if isinstance(key, GappedKey):
            return None  # gaps in Chinese: not looked for this way
        codes = np.frombuffer(key.encode("utf-32-le"), dtype=np.uint32)
        codes = codes[(tables.kind[codes] & tables.IGNORABLE) == 0]
        if not len(codes):
            return None  # nothing to look for: the whole key then
        literals[tables.canon[codes].astype("<u4").tobytes()] = len(codes)
    try:
        import hyperscan
    except ImportError:
        return None
    ordered = sorted(literals)
    lengths = [literals[x] for x in ordered]
    database = hyperscan.Database()
    if ordered:
        database.compile(expressions=[hyperscan_literal(x) for x in ordered], ids=list(range(len(ordered))),
                         elements=len(ordered), flags=[0] * len(ordered))

    def look(reading) -> list[tuple[int, int]]:
        if not ordered:
            return []
        skeleton, raw = reading.canon_skeleton()
        ends: list[tuple[int, int]] = []

        def on_match(index, start, end, flags, context):
            if end % 4 == 0:  # a whole character (a literal cannot match across characters' bytes otherwise)
                ends.append((end // 4 - lengths[index], end // 4))

        database.scan(skeleton, match_event_handler=on_match)
        if not ends:
            return []
        found = np.asarray(ends, dtype=np.int64)
        found = found[found[:, 0] >= 0]
        return list(zip(raw[found[:, 0]].tolist(), (raw[found[:, 1] - 1] + 1).tolist(), strict=True))

    return look


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


def _skeleton_parts(keyed):
    """Each pattern's skeleton parts, one list per pattern that can be in a text with a
    skeleton (its segments', in order), or None when a pattern cannot be looked for in
    the skeleton (a regular expression; a phrase whose ends are not letters or digits)."""
    out = []
    for pattern, key in keyed:
        if pattern.regex is not None:
            return None  # a regular expression has no fixed letters
        segments = key.segments if isinstance(key, GappedKey) else (key,)
        parts = [phrase_skeleton(segment) for segment in segments]
        if any(part is None for part in parts):
            continue  # East Asian: never in a text that has a skeleton
        if any(not part or not (_ASCII_ALNUM.fullmatch(seg[0]) and _ASCII_ALNUM.fullmatch(seg[-1]))
               for part, seg in zip(parts, segments, strict=True)):
            return None  # a phrase whose ends are not in its skeleton could reach past a window
        out.append((pattern, key, parts))
    return out


def skeleton_anchors(keyed) -> frozenset[bytes] | None:
    """What the skeleton look of these patterns (``(pattern, key)`` pairs) starts from:
    each phrase's skeleton, and the first segment's of a phrase with gaps. A text with a
    skeleton that holds none of them holds none of the patterns (acronyms count only
    once their formula's letters are found); None when the patterns cannot be looked
    for that way."""
    parts = _skeleton_parts(keyed)
    return None if parts is None else frozenset(p[0] for _, _, p in parts)


def _build_skeleton_look(keyed, acronyms: dict[str, str]):
    skeletons: dict[bytes, set[str]] = {}
    # a phrase with gaps: its segments' letters in order, with at most as many letters
    # between them as its gaps' words can hold (each at most WORD_MAX)
    gapped: dict[str, tuple[set[bytes], set[bytes], int, set[str]]] = {}  # per form: firsts, lasts, letters between
    lookable = _skeleton_parts(keyed)
    if lookable is None:
        return None
    for pattern, key, parts in lookable:
        if isinstance(key, GappedKey):
            # one expression per form, its first words then its last within as many letters
            # as its gaps and middle words can hold: a superset of its phrases, and one
            # expression instead of dozens
            between = sum(map(len, parts[1:-1])) + sum(g.most for g in key.gaps) * WORD_MAX
            entry = gapped.setdefault(pattern.form, (set(), set(), 0, set()))
            entry[0].add(parts[0])
            entry[1].add(parts[-1])
            gapped[pattern.form] = (entry[0], entry[1], max(entry[2], between), entry[3] | {pattern.formula_id})
        else:
            skeletons.setdefault(parts[0], set()).add(pattern.formula_id)
    by_formula: dict[str, list[bytes]] = {}
    for acronym, formula_id in acronyms.items():
        by_formula.setdefault(formula_id, []).append(phrase_skeleton(acronym.lower()))
    try:
        import hyperscan
    except ImportError:
        return None
    literals = sorted(skeletons)
    forms = sorted(gapped)

    def alternatives(parts: set[bytes]) -> bytes:
        return b"(?:" + b"|".join(hyperscan_literal(part) for part in sorted(parts)) + b")"

    # a skeleton holds letters and digits only: "." is "[a-z0-9]", and cheaper to scan
    expressions = [hyperscan_literal(literal) for literal in literals] + [
        alternatives(gapped[f][0]) + (b".{0,%d}" % gapped[f][2] if gapped[f][2] else b"") + alternatives(gapped[f][1])
        for f in forms]
    formulae = [skeletons[literal] for literal in literals] + [gapped[f][3] for f in forms]
    # a literal's start is its end less its length (no start of match asked of
    # Hyperscan: cheaper); a gapped phrase starts at the first of its first words within
    # its longest before its end
    lengths = [len(literal) for literal in literals] + [
        max(map(len, gapped[f][0])) + gapped[f][2] + max(map(len, gapped[f][1])) for f in forms]
    firsts = [None] * len(literals) + [tuple(gapped[f][0]) for f in forms]
    database = hyperscan.Database()
    if expressions:
        database.compile(expressions=expressions, ids=list(range(len(expressions))), elements=len(expressions),
                         flags=[0] * len(literals) + [hyperscan.HS_FLAG_DOTALL] * len(forms))

    def look(data: bytes) -> list[tuple[int, int]]:
        hits: list[tuple[int, int]] = []
        found: set[str] = set()

        def on_match(index, start, end, flags, context):
            earliest = max(0, end - lengths[index])
            first = firsts[index]
            if first is not None:
                found_at = [at for at in (data.find(f, earliest, end) for f in first) if at != -1]
                earliest = min(found_at) if found_at else earliest
            hits.append((earliest, end))
            found.update(formulae[index])

        if expressions and data:
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

    def _literal_hits(self, text: str):
        # A Chinese phrase cannot occur in text without Chinese characters (and an
        # English one not without Latin letters): skipping them changes no result.
        present = {"zh": _HAN.search(text) is not None, "en": _LATIN.search(text) is not None}
        for order, (pattern, key) in enumerate(self.keyed):
            if pattern.regex is not None or not present[pattern.language]:
                continue
            needle = key.anchor if pattern.gaps else key
            at = text.find(needle)
            while at != -1:
                yield order, at, at + len(needle)
                at = text.find(needle, at + 1)
