"""A curator's queue: what a corpus says that the lexicon does not know yet.

:func:`discover` reads a corpus once and returns two tables and ready-to-paste YAML:

- **variants**: word sequences (English) or character sequences (Chinese) close to a
  formula's forms that the lexicon does not match. English: a sequence that starts and
  ends with a content word and shares at least two content words (stemmed: "changes" =
  "change", "national" = "nation") with one of the formula's phrases, and at least half
  of its own content words with it ("profound changes never before seen in this
  century" for bainian_bianju). Chinese: a run of characters inside one clause that ends
  in … holds the head of one of the formula's phrases (its last two characters: 复兴, 变局,
  共同体; Chinese noun phrases end in their head) and has at least half of its
  characters among the formula's (民族复兴, 世界变局). Each is ranked by how often it is
  used and by how PRC-marked its users are: the share of an actor's text that carries
  signature formulae, relative to the most marked actor (China, in a UN corpus).
- **candidates**: new formula candidates, word sequences over-represented in text China
  voices against all other text, by the log-odds ratio with an informative Dirichlet
  prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words", eq. 16-22), the prior being
  the sequence's frequency in the whole corpus. Text China voices: documents whose
  author is China; in a joint statement, the sentences China speaks.

Both tables give the count, the documents, the first date, the top users and three
keyword-in-context lines. Nothing here changes the lexicon: a curator reads the
contexts and pastes what is right (:meth:`Discovery.yaml`).
"""

from __future__ import annotations

__all__ = ["Discovery", "discover", "VARIANT_COLUMNS", "CANDIDATE_COLUMNS"]

import bisect
import math
import re
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path

import numpy as np
import pandas as pd

from .attribution import china_voice
from .attribution.voice import CHINA, MULTI_PARTY_GENRES, split_parties
from .corpus import ReadOptions, metadata_from_filename, metadata_from_text, parse_date, read_path, shown, walk
from .errors import PhrasewatchError
from .lexicon import Lexicon, load_lexicon
from .lexicon.notation import split_gaps
from .match import Matcher
from .text import KeyedText, normalize, normalize_phrase
from .text.language import detect_language
from .text.sentences import sentence_spans

VARIANT_COLUMNS = (
    "formula_id", "language", "variant", "key", "suggest", "count", "documents", "prc_count", "prc_share",
    "users_marking", "score", "nearest_form", "word_distance", "first_date", "top_actors", "kwic_1", "kwic_2", "kwic_3",
)
CANDIDATE_COLUMNS = (
    "language", "phrase", "key", "words", "prc_count", "other_count", "documents", "log_odds", "z",
    "first_date", "first_prc_date", "top_actors", "kwic_1", "kwic_2", "kwic_3",
)

# Function words: a sequence starts and ends with a content word, and only content
# words are compared with a formula's.
STOPWORDS = frozenset("""
a an the of in on at to for from by with without within into onto upon over under about above below
across after before during through throughout between among amongst against toward towards around
and or nor but yet so as than that this these those which who whom whose what when where why how
is are was were be been being am do does did done has have had having will would shall should can
could may might must it its it's they them their theirs we us our ours you your i me my he him his
she her hers there here such also more most much many some any each every all both either neither
other another same own very too just only even not no non up down out off again further then once
if while because since until unless whether though although however thus therefore hence
mr mrs ms dr""".split())  # "one", "two": content in "one China", "One Belt, One Road"
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*|[.;:!?()\[\]]")
_BREAKS = frozenset(".;:!?()[]")
_NOT_CONTENT = STOPWORDS | _BREAKS
# _TOKEN on ASCII text, by bytes.translate and split (several times faster): letters,
# digits and apostrophes stay (a key keeps an apostrophe only between letters), a clause
# break becomes a word of its own, anything else a space
_ASCII_TOKENS = bytes(
    c if chr(c).isalnum() or chr(c) == "'" or chr(c) in _BREAKS else 32 for c in range(128)
) + b" " * 128


def _tokens(key: str) -> list[str]:
    """The words and clause breaks of a key: ``_TOKEN.findall(key)``."""
    if not key.isascii():
        return _TOKEN.findall(key)
    spaced = key.encode("ascii").translate(_ASCII_TOKENS)
    for mark in _BREAKS:
        byte = mark.encode("ascii")
        if byte in spaced:
            spaced = spaced.replace(byte, b" " + byte + b" ")
    return spaced.decode("ascii").split()
_ASCII_TOKEN = re.compile(rb"[A-Za-z0-9]+(?:'[A-Za-z0-9]+)*|[.;:!?()\[\]]")  # _TOKEN on ASCII
# words that neither begin nor end a formula
_ZH_FUNCTION_WORDS = frozenset("的 了 和 与 及 或 是 在 为 对 把 将 也 并 而 以 之 中 上 下 等 着 从 向 于 由 被 其 这 那 各 同 跟".split())
_HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_MAX_WORDS = 12  # the longest English sequence considered
_MAX_CHARS = 9  # the longest Chinese one
_KWIC = 70  # characters of context on each side


def _stem(word: str) -> str:
    """A crude stem, enough to tell that "changes" is "change" and "national" is
    "nation" (formulae are compared word by word, not parsed)."""
    if word.endswith("'s"):
        word = word[:-2]
    if word == "chinese":  # "China's wisdom" is "Chinese wisdom"
        return "china"
    for suffix, replace in (("ships", ""), ("ship", ""), ("ies", "y"), ("sses", "ss"), ("es", "e"), ("s", ""),
                            ("ally", "al"), ("al", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not word.endswith("ss"):
            word = word[: len(word) - len(suffix)] + replace
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def _content(words) -> list[str]:
    return [w for w in words if w not in STOPWORDS and not w.isdigit() and w not in _BREAKS]


# --- reading ------------------------------------------------------------------------


@dataclass
class _Doc:
    doc_id: str
    path: Path
    row: int | None
    date: str | None
    year: int | None
    actor: str | None
    language: str
    segments: list[tuple[int, int, bool]]  # raw spans and whether China voices each


def _read(paths, options: ReadOptions, notes: list[str], since: int | None = None):
    """(document, text) for every readable document, with the metadata discovery needs
    (documents dated before ``since`` left out)."""
    seen: set[str] = set()
    for entry in walk(paths):
        if entry.error or (entry.skip and not entry.explicit):
            continue
        try:
            documents = list(read_path(entry.path, options))
        except (PhrasewatchError, OSError, ValueError, UnicodeError) as exc:
            notes.append(f"skipped {shown(entry.path)}: {exc}")
            continue
        for doc in documents:
            if not doc.text.strip():
                continue
            meta = metadata_from_filename(entry.path) if doc.row is None else {}
            meta.update({k: v for k, v in doc.meta.items() if v is not None and v != ""})
            for key, value in metadata_from_text(doc.text).items():
                if meta.get(key) in (None, ""):
                    meta[key] = value
            date, year = parse_date(meta.get("date"))
            if year is None:
                _, year = parse_date(meta.get("year"))
            if since is not None and (year is None or year < since):
                continue
            doc_id = str(meta.get("doc_id") or meta.get("id") or Path(entry.path).stem + ("" if doc.row is None else f"#{doc.row + 1}"))
            while doc_id in seen:
                doc_id += "~"
            seen.add(doc_id)
            language = meta.get("language") or detect_language(doc.text)
            language = "zh" if str(language).startswith("zh") else "en"
            yield _Doc(doc_id, entry.path, doc.row, date.isoformat() if date else (str(year) if year else None), year,
                       meta.get("actor"), language, _segments(doc.text, language, meta)), doc.text


def _segments(text: str, language: str, meta: dict) -> list[tuple[int, int, bool]]:
    """The document as spans voiced by China or not: whole when one author speaks; in a
    statement China signs with others, sentence by sentence (中方 … / 阿方 …)."""
    actors, parties = split_parties(meta.get("actor")), split_parties(meta.get("parties"))
    genre = meta.get("genre")
    multi = len(parties) >= 2 and (genre in MULTI_PARTY_GENRES or not genre)
    if CHINA not in actors + parties:
        return [(0, len(text), False)]
    if not multi:
        return [(0, len(text), True)]
    voiced = china_voice(text, language=language, actor=meta.get("actor"), parties=meta.get("parties"), genre=genre)
    spans: list[tuple[int, int, bool]] = []
    for a, b in sentence_spans(text):
        prc = voiced(a, min(b, a + 1))
        if spans and spans[-1][2] == prc:
            spans[-1] = (spans[-1][0], b, prc)
        else:
            spans.append((a, b, prc))
    return spans or [(0, len(text), False)]


# --- what is gathered for each sequence ------------------------------------------------


@dataclass
class _Seen:
    """Uses of one sequence: counts, users, dates and where to show it in context."""

    count: int = 0
    prc: int = 0
    documents: set = field(default_factory=set)
    actors: Counter = field(default_factory=Counter)
    users: Counter = field(default_factory=Counter)  # actors, or documents whose actor is unknown
    first: str | None = None
    first_prc: str | None = None
    samples: list = field(default_factory=list)  # (document index, segment index, token/char start, end)

    def add(self, doc_index: int, doc: _Doc, segment: int, start: int, end: int, prc: bool) -> None:
        self.count += 1
        self.prc += prc
        if doc_index not in self.documents:
            self.documents.add(doc_index)
            if len(self.samples) < 3:
                self.samples.append((doc_index, segment, start, end))
        if doc.actor:
            self.actors[str(doc.actor)] += 1
        self.users[_user(doc, doc_index)] += 1
        if doc.date and (self.first is None or doc.date < self.first):
            self.first = doc.date
        if prc and doc.date and (self.first_prc is None or doc.date < self.first_prc):
            self.first_prc = doc.date


# --- the formulae's words ------------------------------------------------------------------


@dataclass
class _Forms:
    """A formula's English phrases as content stems, and its Chinese heads and characters."""

    formula_id: str
    phrases: list[tuple[str, tuple[str, ...], frozenset]]  # (phrase key, words, content stems)
    stems: frozenset
    longest: int
    first_stems: frozenset  # stems its English phrases begin and end with (content words)
    last_stems: frozenset
    zh_phrases: list[str]
    zh_heads: frozenset
    zh_chars: frozenset
    prefix_en: str  # a full form, to license short forms when asking whether a sequence is known
    prefix_zh: str


def _forms(lexicon: Lexicon, formula_ids) -> list[_Forms]:
    out = []
    for fid in formula_ids:
        formula = lexicon[fid]
        phrases, zh = [], []
        for p in lexicon.patterns:
            if p.formula_id != fid or p.blocker or p.regex is not None:
                continue
            if p.language == "zh":
                zh.append(normalize_phrase(p.phrase))
                continue
            segments, gaps = split_gaps(p.phrase)
            words = tuple(_TOKEN.findall(normalize_phrase(" ".join(segments))))
            stems = frozenset(_stem(w) for w in _content(words))
            if stems:
                phrases.append((" ".join(words), words, stems))
        if not phrases and not zh:
            continue
        longest = max((len(w) + sum(g.most for g in split_gaps(ph)[1]) for ph, w, _ in phrases), default=0)
        full_en = next((p.phrase for p in lexicon.patterns if p.formula_id == fid and p.language == "en" and p.literal
                        and p.licence is None and not p.blocker), "")
        zh_chars = frozenset(c for phrase in zh for c in phrase if "\u3400" <= c <= "\u9fff")
        ends = [e for e in (_ends(words) for _, words, _ in phrases) if e]
        out.append(_Forms(fid, phrases, frozenset().union(*(s for _, _, s in phrases)) if phrases else frozenset(),
                          min(_MAX_WORDS, longest + 3), frozenset(e[0] for e in ends), frozenset(e[1] for e in ends),
                          zh, frozenset(p[-2:] for p in zh if len(p) >= 2), zh_chars,
                          full_en, normalize_phrase(formula.zh_canonical)))
    return out


# --- the scan --------------------------------------------------------------------------


class _Gatherer:
    def __init__(self, lexicon: Lexicon, forms: list[_Forms], *, candidates: bool, min_count: int):
        self.lexicon = lexicon
        self.forms = forms
        self.matcher = Matcher(lexicon)
        self.signature = {f.id for f in lexicon if f.distinctiveness == "signature"}
        self.docs: list[_Doc] = []
        self.variants: dict[tuple[str, str, str], _Seen] = {}  # (formula, language, key)
        self.marks: Counter = Counter()  # signature matches per actor
        self.words: Counter = Counter()  # tokens per actor
        self.candidates = candidates
        self.min_count = min_count
        self.prc_ngrams: dict[int, Counter] = {n: Counter() for n in range(2, 6)}
        self.counter = None  # counts the candidates once China's n-grams are known
        # each Chinese head (a phrase's last two characters), per formula: how often it
        # occurs, and how often inside the formula's own matches
        self.heads: dict[tuple[int, str], list[int]] = {}
        self._token_forms: dict[str, tuple[int, ...]] = {}
        self._marked: set[str] = set(_BREAKS)  # tokens that are some formula's words, and breaks
        self._stem_forms: dict[str, tuple[int, ...]] = {}
        self._stem_of: dict[str, str] = {}
        self.df: Counter = Counter()  # English segments in which each of the formulae's stems occurs
        self.segments = 0
        for i, f in enumerate(forms):
            for stem in f.stems:
                self._stem_forms[stem] = (*self._stem_forms.get(stem, ()), i)
        self._bigram_forms: dict[str, tuple[int, ...]] = {}
        for i, f in enumerate(forms):
            for phrase in f.zh_phrases:
                for k in range(len(phrase) - 1):
                    bigram = phrase[k:k + 2]
                    if bigram not in self._bigram_forms or i not in self._bigram_forms[bigram]:
                        self._bigram_forms[bigram] = (*self._bigram_forms.get(bigram, ()), i)

    def _learn(self, tokens) -> None:
        """Which formulae's stems each new token is (most tokens were seen before)."""
        known = self._token_forms
        for token in set(tokens).difference(known):
            if token in _NOT_CONTENT or token.isdigit():
                known[token] = ()
                continue
            stem = _stem(token)
            known[token] = found = self._stem_forms.get(stem, ())
            if found:
                self._marked.add(token)
                self._stem_of[token] = stem

    def document(self, doc: _Doc, text: str, first_pass: bool) -> None:
        index = len(self.docs)
        if not first_pass:
            self.docs.append(doc)
        for s, (a, b, prc) in enumerate(doc.segments):
            if first_pass and not prc:
                continue
            whole = (a, b) == (0, len(text))
            if doc.language == "en":
                # words as they are written apart: the key joins "One Belt-One Road" into
                # "beltone", which no formula's words are
                words = _words_view(text if whole else text[a:b], whole)
                if first_pass:
                    self._count_prc(_tokens(words.text))
                    continue
            view = KeyedText(text).whole() if whole else normalize(text[a:b])
            # what the lexicon already finds here is no one's variant
            found, _ = self.matcher.keyed_matches(view, voice=lambda x, y, prc=prc: prc)
            user = _user(doc, index)
            self.marks[user] += sum(m.formula_id in self.signature for _, _, m in found)
            if doc.language == "zh":
                self.words[user] += len(view.text) // 2  # about two characters a word
                self._chinese(index, doc, s, view.text, prc, [(x, y, m.formula_id) for x, y, m in found])
                continue
            tokens = _tokens(words.text)
            covered = _RawWords(words).spans([(m.start, m.end, m.formula_id) for _, _, m in found]) if found else []
            self.words[user] += len(tokens)
            if self.counter is not None:
                self.counter.count(index, doc, s, tokens, prc)
            self._english(index, doc, s, tokens, prc, covered)

    def _count_prc(self, tokens: list[str]) -> None:
        """n-grams of China's text: the candidates' first count."""
        for n, counter in self.prc_ngrams.items():
            for i in range(len(tokens) - n + 1):
                gram = tokens[i:i + n]
                if gram[0] in STOPWORDS or gram[-1] in STOPWORDS or any(t in _BREAKS for t in gram) or gram[0].isdigit() or gram[-1].isdigit():
                    continue
                counter[" ".join(gram)] += 1

    def _english(self, index: int, doc: _Doc, segment: int, tokens: list[str], prc: bool, covered) -> None:
        self._learn(tokens)
        marked = self._marked  # the formulae's words and the clause breaks: one pass over the words
        places = [i for i, token in enumerate(tokens) if token in marked]
        positions: dict[int, list[int]] = {}
        breaks: list[int] = []
        forms_of = self._token_forms
        for i in places:
            token = tokens[i]
            if token in _BREAKS:
                breaks.append(i)
                continue
            for f in forms_of[token]:
                positions.setdefault(f, []).append(i)
        stem_of = self._stem_of
        self.segments += 1
        self.df.update({stem_of[tokens[i]] for i in places if tokens[i] not in _BREAKS})
        for f, found in positions.items():
            if len(found) < 2:
                continue
            forms = self.forms[f]
            reach, fid, firsts, lasts = forms.longest, forms.formula_id, forms.first_stems, forms.last_stems
            n = len(found)
            # sequences begin or end as one of the formula's phrases does: from each word
            # that can begin one forwards, from each that can end one backwards
            pairs = set()
            for x, i in enumerate(found):
                stem = stem_of[tokens[i]]
                if stem in firsts:
                    y = x + 1
                    while y < n and found[y] - i < reach:
                        pairs.add((x, y))
                        y += 1
                if stem in lasts:
                    y = x - 1
                    while y >= 0 and i - found[y] < reach:
                        pairs.add((y, x))
                        y -= 1
            for x, y in pairs:
                i, j = found[x], found[y]
                if breaks and bisect.bisect_left(breaks, i) != bisect.bisect_left(breaks, j):
                    continue  # a clause break between
                # at least half of the sequence's content words are the formula's
                if 2 * (y - x + 1) < sum(t not in _NOT_CONTENT for t in tokens[i:j + 1]):
                    continue
                if covered and _covered(covered, i, j + 1, fid):
                    continue
                key = " ".join(tokens[i:j + 1])
                seen = self.variants.get((fid, "en", key))
                if seen is None:
                    seen = self.variants[(fid, "en", key)] = _Seen()
                seen.add(index, doc, segment, i, j + 1, prc)

    def _chinese(self, index: int, doc: _Doc, segment: int, key: str, prc: bool, covered) -> None:
        for f, forms in enumerate(self.forms):
            for head in forms.zh_heads:
                total = key.count(head)
                if total:
                    tally = self.heads.setdefault((f, head), [0, 0])
                    tally[0] += total
                    tally[1] += sum(key.count(head, a, b) for a, b, fid in covered if fid == forms.formula_id)
        for run in _HAN_RUN.finditer(key):
            clause = run.group()
            candidates = {f for k in range(len(clause) - 1) for f in self._bigram_forms.get(clause[k:k + 2], ())}
            if not candidates:
                continue
            # sequences of whole words (jieba's), not of characters: 民族/复兴/伟业, not 族复兴伟
            bounds = list(accumulate(map(len, _segment(clause)), initial=0))
            found: set[tuple[int, int, int]] = set()
            for f in candidates:
                forms = self.forms[f]
                for i in range(len(bounds) - 1):
                    if clause[bounds[i]:bounds[i + 1]] in _ZH_FUNCTION_WORDS:
                        continue
                    for j in range(i + 1, len(bounds)):
                        if bounds[j] - bounds[i] > _MAX_CHARS:
                            break
                        piece = clause[bounds[i]:bounds[j]]
                        if (len(piece) < 3 or clause[bounds[j - 1]:bounds[j]] in _ZH_FUNCTION_WORDS
                                or not any(h in piece for h in forms.zh_heads)
                                or 2 * sum(c in forms.zh_chars for c in piece) < len(piece)):
                            continue
                        found.add((f, run.start() + bounds[i], run.start() + bounds[j]))
            for f, a, b in found:
                fid = self.forms[f].formula_id
                if covered and _covered(covered, a, b, fid):
                    continue
                piece = key[a:b]
                seen = self.variants.get((fid, "zh", piece))
                if seen is None:
                    seen = self.variants[(fid, "zh", piece)] = _Seen()
                seen.add(index, doc, segment, a, b, prc)


def _segment(text: str) -> list[str]:
    """jieba's words of Chinese text (rjieba, as the token counts use)."""
    global _JIEBA
    if _JIEBA is None:
        import rjieba

        _JIEBA = rjieba
    return _JIEBA.cut(text)


_JIEBA = None


# a hyphen or dash between two letters or digits, in raw text
_JOINED = re.compile(r"(?<=[^\W_])[\-\u2010-\u2015\u2212\ufe63\uff0d](?=[^\W_])")


def _words_view(raw: str, whole: bool):
    """The key of English text with hyphens and dashes between letters made spaces
    (the same length, so offsets into it are offsets into ``raw``): discovery's words."""
    apart = _JOINED.sub(" ", raw)
    return KeyedText(apart).whole() if whole else normalize(apart)


class _RawWords:
    """The words of a key (``_tokens``) located in raw text, as far as asked."""

    def __init__(self, view):
        self.view = view
        key = view.text
        pattern = _ASCII_TOKEN if key.isascii() else _TOKEN
        self.words = [m.span() for m in pattern.finditer(key.encode("ascii") if key.isascii() else key)]
        self._raw: dict[int, tuple[int, int]] = {}

    def raw(self, i: int) -> tuple[int, int]:
        if i not in self._raw:
            self._raw[i] = self.view.to_source(*self.words[i])
        return self._raw[i]

    def first_ending_after(self, offset: int) -> int:
        """The first word whose raw end is past ``offset``."""
        lo, hi = 0, len(self.words)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.raw(mid)[1] <= offset:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def spans(self, matches) -> list[tuple[int, int, str]]:
        """Raw ``(start, end, formula)`` spans as word spans ``[first, last + 1)``."""
        out = []
        for start, end, formula_id in matches:
            first = self.first_ending_after(start)
            stop = self.first_ending_after(end - 1)
            out.append((first, max(first + 1, stop + (stop < len(self.words) and self.raw(stop)[0] < end)), formula_id))
        return out


def _covered(spans, start: int, end: int, formula_id: str) -> bool:
    """Whether ``[start, end)`` is known or cuts something known: it overlaps a match of
    the formula, or any other match that it does not hold whole."""
    return any(a < end and start < b and (fid == formula_id or not (start <= a and b <= end)) for a, b, fid in spans)


def discover(
    paths: Iterable[str | Path],
    *,
    lexicon: Lexicon | None = None,
    formula: str | None = None,
    text_column: str | None = None,
    encoding: str | None = None,
    top: int = 15,
    min_count: int = 1,
    candidates: bool = True,
    since: int | None = None,
) -> Discovery:
    """A curator's queue from a corpus: unlisted variants of the lexicon's formulae and
    new formula candidates, each with counts, users, first date and contexts.

    Parameters
    ----------
    paths : files or folders, read as :func:`phrasewatch.scan` reads them.
    formula : look at one formula's variants only (no new candidates).
    top : rows kept per formula (variants) and in all (candidates: ``4 * top``).
    min_count : variants used fewer times are left out (a variant used once is kept
        only when its user is PRC-marked: China's one speech a year is where its
        wording shows); new candidates need at least ``max(3, min_count)`` uses by China.
    candidates : also look for new formula candidates (needs text China voices and
        text it does not).
    since : read only documents dated this year or later (in the UN General Debates,
        "China" before 1971 is the Republic of China).

    Examples
    --------
    >>> import phrasewatch
    >>> found = phrasewatch.discover(["../shared/corpora/ungdc/TXT"], formula="rejuvenation")  # doctest: +SKIP
    >>> found.variants[["variant", "count", "top_actors"]]                                   # doctest: +SKIP
    """
    started = time.perf_counter()
    lexicon = lexicon if lexicon is not None else load_lexicon()
    lexicon = lexicon.select(("formula",))
    if formula is not None and formula not in lexicon:
        raise KeyError(f"no formula {formula!r} in the lexicon")
    ids = [formula] if formula else list(lexicon.ids)
    forms = _forms(lexicon, ids)
    options = ReadOptions(text_column=text_column, encoding=encoding)
    notes: list[str] = []
    gatherer = _Gatherer(lexicon, forms, candidates=candidates and formula is None, min_count=min_count)
    paths = list(paths)
    if gatherer.candidates:
        for doc, text in _read(paths, options, [], since):  # China's words first: they are the candidates
            if any(prc for _, _, prc in doc.segments) and doc.language == "en":
                gatherer.document(doc, text, first_pass=True)
    automaton = gatherer.counter = _CandidateCounter(gatherer) if gatherer.candidates else None
    for doc, text in _read(paths, options, notes, since):
        gatherer.document(doc, text, first_pass=False)
    samples = _Samples(gatherer, paths, options)
    variants = _variant_table(gatherer, forms, top, min_count, samples)
    table = _candidate_table(gatherer, automaton, top * 4, min_count, samples) if automaton is not None else pd.DataFrame(columns=list(CANDIDATE_COLUMNS))
    if automaton is not None and not any(prc for prc, _ in automaton.totals.values()):
        notes.append("no English text voiced by China: no new formula candidates (they are measured against it)")
    return Discovery(variants, table, lexicon, time.perf_counter() - started, len(gatherer.docs), notes)


# --- candidates: the log-odds ratio with an informative Dirichlet prior ----------------------


class _CandidateCounter:
    """Counts, in every English segment, the n-grams China's text used at least
    ``min_count`` times (one automaton over the segment's words)."""

    def __init__(self, gatherer: _Gatherer):
        import ahocorasick

        self.gatherer = gatherer
        self.seen: dict[str, _Seen] = {}
        self.automaton = ahocorasick.Automaton()
        for counter in gatherer.prc_ngrams.values():
            for gram, count in counter.items():
                if count >= max(gatherer.min_count, 3):
                    self.automaton.add_word(f" {gram} ", gram)
                    self.seen[gram] = _Seen()
        self.totals = {n: [0, 0] for n in gatherer.prc_ngrams}  # n-grams in China's text, in others'
        if self.seen:
            self.automaton.make_automaton()

    def count(self, index: int, doc: _Doc, segment: int, tokens: list[str], prc: bool) -> None:
        for n, pair in self.totals.items():
            pair[0 if prc else 1] += max(0, len(tokens) - n + 1)
        if not self.seen:
            return
        line = " " + " ".join(tokens) + " "
        hits = list(self.automaton.iter(line))
        if not hits:
            return
        # the token each hit starts at: tokens start one past the cumulative lengths
        starts = np.cumsum(np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens)) + 1) - np.fromiter(
            map(len, tokens), dtype=np.int64, count=len(tokens))
        firsts = np.searchsorted(starts, [end - len(gram) for end, gram in hits]).tolist()
        for (_, gram), first in zip(hits, firsts, strict=True):
            self.seen[gram].add(index, doc, segment, first, first + gram.count(" ") + 1, prc)


def _log_odds(y_i: int, y_j: int, n_i: int, n_j: int, alpha_w: float, alpha_0: float) -> tuple[float, float]:
    """Monroe, Colaresi & Quinn (2008), eq. 16 and 20: the log-odds ratio of a word in
    group i against group j with a Dirichlet prior (alpha_w for the word, alpha_0 in
    all), and its z-score."""
    delta = (math.log((y_i + alpha_w) / (n_i + alpha_0 - y_i - alpha_w))
             - math.log((y_j + alpha_w) / (n_j + alpha_0 - y_j - alpha_w)))
    variance = 1.0 / (y_i + alpha_w) + 1.0 / (y_j + alpha_w)
    return delta, delta / math.sqrt(variance)


PRIOR_SCALE = 0.01  # the prior: each n-gram's count in the whole corpus, times this


def _candidate_table(gatherer: _Gatherer, counter: _CandidateCounter, top: int, min_count: int, samples) -> pd.DataFrame:
    rows = []
    known = _Known(gatherer.lexicon, gatherer.matcher)
    for gram, seen in counter.seen.items():
        n = gram.count(" ") + 1
        prc, other = seen.prc, seen.count - seen.prc
        if prc < max(3, min_count) or len(seen.documents) < 2:
            continue
        n_i, n_j = counter.totals[n]
        alpha_w = PRIOR_SCALE * seen.count
        alpha_0 = PRIOR_SCALE * (n_i + n_j)
        delta, z = _log_odds(prc, other, n_i, n_j, alpha_w, alpha_0)
        if z <= 0:
            continue
        rows.append((gram, n, seen, delta, z))
    rows.sort(key=lambda r: -r[4])
    # a sequence inside a longer one used almost as often is that one: keep the longer
    kept, by_gram = [], {r[0]: r for r in rows}
    for gram, n, seen, delta, z in rows:
        longer = [g for g in (by_gram.keys()) if len(g) > len(gram) and f" {gram} " in f" {g} " and by_gram[g][2].prc >= 0.8 * seen.prc]
        if longer or known.holds_form("en", gram) or known.inside_form(gram):
            continue
        kept.append((gram, n, seen, delta, z))
        if len(kept) >= top:
            break
    out = []
    for gram, n, seen, delta, z in kept:
        lines, surface = samples.contexts("en", seen)
        out.append({
            "language": "en", "phrase": surface or gram, "key": gram, "words": n, "prc_count": seen.prc,
            "other_count": seen.count - seen.prc, "documents": len(seen.documents), "log_odds": round(delta, 3),
            "z": round(z, 2), "first_date": seen.first, "first_prc_date": seen.first_prc,
            "top_actors": _top(seen.actors), **{f"kwic_{k + 1}": line for k, line in enumerate(lines)},
        })
    return pd.DataFrame.from_records(out, columns=list(CANDIDATE_COLUMNS))


# --- variants -----------------------------------------------------------------------------------


class _Known:
    """Whether the lexicon already knows a sequence: it holds a form (of any formula;
    short forms licensed as if named and voiced by China), or lies inside one."""

    def __init__(self, lexicon: Lexicon, matcher):
        self.matcher = matcher
        self.phrases = " | " + " | ".join(key for p, key in matcher.keyed if p.literal and not p.blocker) + " | "

    def holds_form(self, language: str, key: str, prefix: str = "") -> bool:
        join = "。" if language == "zh" else ". "
        text = f"{prefix}{join}{key}" if prefix else key
        start = len(text) - len(key)
        return any(m.end > start for m in self.matcher(text, voice=lambda a, b: True))

    def inside_form(self, key: str) -> bool:
        """Whether the words of ``key`` are words of a phrase of the lexicon."""
        return f" {key} " in self.phrases.replace(" | ", "  ")


def _inside(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    """Whether ``words`` are a contiguous part of ``phrase`` (and shorter)."""
    n = len(words)
    return n < len(phrase) and any(phrase[i:i + n] == words for i in range(len(phrase) - n + 1))


def _ends(words) -> tuple[str, str] | None:
    """The stems of the first and last content words."""
    content = _content(words)
    return (_stem(content[0]), _stem(content[-1])) if content else None


def _word_distance(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def _user(doc: _Doc, index: int) -> str:
    """Who uses a sequence, for how PRC-marked its users are: the document's actor, or
    the document itself when no actor is known (a work report is marked by its own
    formulae)."""
    return str(doc.actor) if doc.actor else f"#{index}"


def _marking(gatherer: _Gatherer) -> dict[str, float]:
    """How PRC-marked each user (see :func:`_user`) is: signature formulae per word of
    its text, against the most marked one (1.0)."""
    # a thousand words added to each actor's text keeps a short text with one formula
    # from outranking a long one with many
    rates = {a: gatherer.marks[a] / (gatherer.words[a] + 1000) for a in gatherer.words}
    most = max(rates.values(), default=0.0)
    return {a: r / most for a, r in rates.items()} if most > 0 else {}


LONE_USE_MARKING = 0.5  # a sequence used once is shown only if its user is this PRC-marked
COMMON_SHARE = 0.1


def _variant_table(gatherer: _Gatherer, forms: list[_Forms], top: int, min_count: int, samples) -> pd.DataFrame:
    marking = _marking(gatherer)
    known = _Known(gatherer.lexicon, gatherer.matcher)
    by_formula = {f.formula_id: f for f in forms}
    index_of = {f.formula_id: i for i, f in enumerate(forms)}
    # the formulae's words found in more than a tenth of the text: alone they make no variant
    common = {stem for stem, n in gatherer.df.items() if n > COMMON_SHARE * gatherer.segments}
    grouped: dict[tuple[str, str], list] = {}
    for (fid, language, key), seen in gatherer.variants.items():
        grouped.setdefault((fid, language), []).append((key, seen))
    out = []
    for (fid, language), items in grouped.items():
        f = by_formula[fid]
        passing = []
        for key, seen in items:
            if seen.count < min_count:
                continue
            users = sum(marking.get(a, 0.0) * n for a, n in seen.users.items())
            users_marking = users / sum(seen.users.values()) if seen.users else 0.0
            if language == "en":
                best = _nearest_english(key, f, common, gatherer.df)
                if best is None:
                    continue
                nearest, distance, shorter = best
                # one use: from a PRC-marked speaker, or one word off a form ("One
                # Belt-One Road initiative" in a partner's speech)
                if seen.count == 1 and users_marking < LONE_USE_MARKING and distance > 1:
                    continue
            else:
                if seen.count == 1 and users_marking < LONE_USE_MARKING:
                    continue
                # the head must mostly stand for this formula in the corpus (变局, 复兴), not
                # be an everyday word that also ends its name (政治, 倡议, 外交)
                if not any(h in key and _specificity(gatherer.heads.get((index_of[fid], h))) >= HEAD_SPECIFICITY
                           for h in f.zh_heads):
                    continue
                nearest = min(f.zh_phrases, key=lambda p: _word_distance(tuple(key), tuple(p)))
                distance, shorter = _word_distance(tuple(key), tuple(nearest)), len(key) < len(nearest)
            passing.append((key, seen, nearest, distance, shorter, users_marking))
        # a sequence inside a longer one (that passes too) used almost as often stands for it
        longer = Counter()
        join = " " if language == "en" else ""
        for key, seen, *_ in passing:
            units = key.split(" ") if language == "en" else list(key)
            for i in range(len(units)):
                for j in range(i + 1, len(units) + 1):
                    if j - i < len(units):
                        part = join.join(units[i:j])
                        longer[part] = max(longer[part], seen.count)
        ranked = []
        for key, seen, nearest, distance, shorter, users_marking in passing:
            if longer.get(key, 0) >= 0.8 * seen.count:
                continue
            # how PRC-marked its users are first, how much it is used second
            score = (users_marking + 0.05) * math.log1p(seen.count)
            ranked.append((score, key, seen, nearest, distance, shorter, users_marking))
        ranked.sort(key=lambda r: (-r[0], -r[2].count, r[1]))
        shown = 0
        for score, key, seen, nearest, distance, shorter, users_marking in ranked:
            if shown >= top:
                break
            # known if the lexicon finds a form in it as it is written ("One Belt-One Road"
            # is not "One Belt, One Road" to the matcher, though its words are)
            prefix = f.prefix_zh if language == "zh" else f.prefix_en
            if known.holds_form(language, key, prefix):
                lines, surface = samples.contexts(language, seen)
                if surface is None or known.holds_form(language, surface, prefix):
                    continue
            else:
                lines, surface = samples.contexts(language, seen)
            shown += 1
            out.append({
                "formula_id": fid, "language": language, "variant": surface or key, "key": key,
                "suggest": "short_form" if shorter else "variant", "count": seen.count,
                "documents": len(seen.documents), "prc_count": seen.prc, "prc_share": round(seen.prc / seen.count, 3),
                "users_marking": round(users_marking, 3), "score": round(score, 3), "nearest_form": nearest,
                "word_distance": distance, "first_date": seen.first, "top_actors": _top(seen.actors),
                **{f"kwic_{k + 1}": line for k, line in enumerate(lines)},
            })
    frame = pd.DataFrame.from_records(out, columns=list(VARIANT_COLUMNS))
    return frame.sort_values(["formula_id", "score", "count"], ascending=[True, False, False], kind="stable").reset_index(drop=True)


def _nearest_english(key: str, f: _Forms, common=frozenset(), df=None):
    """The formula's phrase a sequence is a variant of (phrase, word distance, whether
    it is shorter), or None: it shares most of the phrase's content words, half of its
    own, and one end with it ("changes … century"): "past year has seen" shares three
    words with "transformations never seen in the past 100 years" but neither its change
    nor its measure. Fewer than three shared words must be close to the phrase word for
    word ("new development paradigm", one word off "new development pattern") or include
    a word that is not everywhere in the corpus (``common``): "China supports the United
    Nations" shares "China" and "nation" with "China's national rejuvenation", and
    nothing else. A piece of a phrase must hold its rarest word (``df``: in how many
    segments each word of the formulae occurs)."""
    words = tuple(key.split(" "))
    stems = {_stem(w) for w in _content(words)}
    content_ends = _ends(words)
    best = None
    for phrase, phrase_words, phrase_stems in f.phrases:
        shared = stems & phrase_stems
        if len(shared) < min(len(phrase_stems), max(2, math.ceil(0.6 * len(phrase_stems)))) or len(shared) < 0.6 * len(stems):
            continue
        ends = _ends(phrase_words)
        if not ends or (ends[0] != content_ends[0] and ends[1] != content_ends[1]):
            continue
        distance = _word_distance(words, phrase_words)
        if len(shared) < 3 and distance > max(1, len(phrase_words) // 3) and not (shared - common):
            continue
        # a piece of the phrase must keep its rarest word: "national rejuvenation" is a
        # short form of "China's national rejuvenation", "China's national" is not
        if df is not None and _inside(words, phrase_words) and min(phrase_stems, key=lambda x: (df.get(x, 0), x)) not in stems:
            continue
        if best is None or distance < best[1]:
            best = (phrase, distance, stems < phrase_stems)
    return best


HEAD_SPECIFICITY = 0.5  # share of a head's uses inside its formula's matches


def _specificity(tally) -> float:
    return tally[1] / tally[0] if tally and tally[0] else 0.0


def _top(actors: Counter, n: int = 5) -> str | None:
    return "; ".join(f"{a} {c}" for a, c in actors.most_common(n)) or None


# --- contexts -------------------------------------------------------------------------------


class _Samples:
    """Keyword-in-context lines for the rows shown: the documents they come from are
    read again (only those), and each use is mapped back to raw text."""

    def __init__(self, gatherer: _Gatherer, paths, options: ReadOptions):
        self.gatherer = gatherer
        self.paths = paths
        self.options = options
        self._texts: dict[int, str] = {}
        self._keys: dict[tuple[int, int], tuple] = {}

    def _text(self, index: int) -> str | None:
        if index not in self._texts:
            doc = self.gatherer.docs[index]
            self._texts[index] = None
            try:
                for read in read_path(doc.path, self.options):
                    if read.row == doc.row:
                        self._texts[index] = read.text
                        break
            except (PhrasewatchError, OSError, ValueError, UnicodeError):
                pass
        return self._texts[index]

    def _key(self, index: int, segment: int, text: str, language: str):
        """A segment's key (as the gatherer made it) and its words' key spans, once."""
        if (index, segment) not in self._keys:
            a, b, _ = self.gatherer.docs[index].segments[segment]
            whole = (a, b) == (0, len(text))
            if language == "zh":
                key = KeyedText(text).whole() if whole else normalize(text[a:b])
            else:
                key = _words_view(text if whole else text[a:b], whole)
            if language == "zh":
                spans = []
            elif key.text.isascii():  # the same words, found in bytes: several times faster
                spans = [m.span() for m in _ASCII_TOKEN.finditer(key.text.encode("ascii"))]
            else:
                spans = [m.span() for m in _TOKEN.finditer(key.text)]
            if len(self._keys) >= 256:  # keys are as long as their documents: keep a few
                self._keys.pop(next(iter(self._keys)))
            self._keys[(index, segment)] = (key, spans)
        return self._keys[(index, segment)]

    def contexts(self, language: str, seen: _Seen) -> tuple[list[str | None], str | None]:
        """Three lines (None where there are fewer uses) and the commonest raw surface."""
        lines: list[str | None] = []
        surfaces: Counter = Counter()
        for index, segment, start, end in seen.samples:
            text = self._text(index)
            if text is None:
                continue
            doc = self.gatherer.docs[index]
            a, b, _ = doc.segments[segment]
            key, spans = self._key(index, segment, text, language)
            if language == "zh":
                first, last = start, end
            else:
                if end > len(spans):
                    continue
                first, last = spans[start][0], spans[end - 1][1]
            raw_a, raw_b = key.to_source(first, last)
            raw_a, raw_b = raw_a + a, raw_b + a
            surface = " ".join(text[raw_a:raw_b].split())
            surfaces[surface] += 1
            left = " ".join(text[max(0, raw_a - _KWIC * 2):raw_a].split())[-_KWIC:]
            right = " ".join(text[raw_b:raw_b + _KWIC * 2].split())[:_KWIC]
            lines.append(f"{doc.doc_id}: …{left} [{surface}] {right}…")
        lines += [None] * (3 - len(lines))
        return lines[:3], (surfaces.most_common(1)[0][0] if surfaces else None)


# --- the result ------------------------------------------------------------------------------


@dataclass
class Discovery:
    """What :func:`discover` found: ``variants`` and ``candidates`` (DataFrames, see
    :data:`VARIANT_COLUMNS` and :data:`CANDIDATE_COLUMNS`), how many documents were read,
    the time taken and notes on what could not be done."""

    variants: pd.DataFrame
    candidates: pd.DataFrame
    lexicon: Lexicon
    seconds: float
    documents: int
    notes: list[str] = field(default_factory=list)

    def yaml(self) -> str:
        """Ready-to-paste YAML: variants under their formula (as ``variants`` or
        ``short_forms`` lines), candidates as new entries with TODO fields."""
        out = ["# phrasewatch discover: read the contexts before pasting anything.", ""]
        for fid, rows in self.variants.groupby("formula_id", sort=True):
            formula = self.lexicon[fid]
            out.append(f"# {fid} ({formula.zh_canonical})")
            for language in ("en", "zh"):
                chosen = rows[rows["language"] == language]
                if chosen.empty:
                    continue
                for suggest, lines in chosen.groupby("suggest", sort=False):
                    where = "short_forms" if suggest == "short_form" else "variants"
                    out.append(f"#   paste under {language}.{where}:")
                    for _, row in lines.iterrows():
                        text = _quote(row["variant"])
                        item = f"{{form: {text}, licence: \"after or china\"}}" if suggest == "short_form" else text
                        out.append(f"        - {item}   # {row['count']} uses, {row['documents']} documents, "
                                   f"first {_shown(row['first_date'])}; {_shown(row['top_actors'], 'no known users')}")
            out.append("")
        for _, row in self.candidates.iterrows():
            slug = re.sub(r"[^a-z0-9]+", "_", row["key"]).strip("_")[:40] or "candidate"
            example = row["kwic_1"].split(": ", 1)[1] if isinstance(row["kwic_1"], str) else row["phrase"]
            example = example.replace("[", "").replace("]", "").strip("…")
            out += [
                f"  - id: {slug}   # z {row['z']}, China {row['prc_count']} uses, others {row['other_count']}; {row['top_actors']}",
                "    kind: formula",
                "    category: TODO",
                "    distinctiveness: mixed",
                f"    first_used: {{date: \"{(row['first_prc_date'] or row['first_date'] or '')[:10]}\", source: \"first use in the corpus read: check the PRC's own first use\"}}",
                "    zh: {canonical: \"TODO\"}",
                f"    en: {{variants: [{_quote(row['phrase'])}]}}",
                f"    examples: {{match: {{en: [{_quote(example)}], zh: [\"TODO\"]}}}}",
                "",
            ]
        return "\n".join(out)

    def report(self, top: int = 10) -> str:
        """The queue as text for a terminal."""
        lines = [f"{self.documents:,} documents read in {self.seconds:.1f} s", ""]
        if not self.variants.empty:
            lines.append("Unlisted variants of known formulae (count, documents, China's uses, users' PRC marking)")
            for fid, rows in self.variants.groupby("formula_id", sort=True):
                lines.append(f"  {fid}")
                for _, row in rows.head(top).iterrows():
                    lines.append(f"    {row['variant']!r} [{row['suggest']}] {row['count']}× in {row['documents']} docs, "
                                 f"China {row['prc_count']}, marking {row['users_marking']:.2f}, first {_shown(row['first_date'])}; "
                                 f"{_shown(row['top_actors'])}")
                    for k in (1, 2, 3):
                        if isinstance(row[f"kwic_{k}"], str):
                            lines.append(f"        {row[f'kwic_{k}']}")
            lines.append("")
        if not self.candidates.empty:
            lines.append("New formula candidates (over-represented where China speaks; log-odds z)")
            for _, row in self.candidates.head(top * 3).iterrows():
                lines.append(f"  {row['phrase']!r} z={row['z']} China {row['prc_count']} / others {row['other_count']}, "
                             f"first {_shown(row['first_date'])}; {_shown(row['top_actors'])}")
                for k in (1, 2, 3):
                    if isinstance(row[f"kwic_{k}"], str):
                        lines.append(f"      {row[f'kwic_{k}']}")
            lines.append("")
        lines += [f"note: {n}" for n in self.notes]
        return "\n".join(lines)


def _shown(value, missing: str = "?") -> str:
    return missing if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def _quote(text: str) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


