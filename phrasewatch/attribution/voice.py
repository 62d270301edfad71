"""Voice: who says the sentence a formula stands in.

In a joint statement or declaration every sentence has a subject that says who speaks:
both sides (双方, "The two sides"), China (中方, "The Chinese side"), the partner (印尼方,
"The Indonesian side", a country's name) or all signatories ("The Member States"). A
clause whose subject is left implicit, as Chinese often does, keeps the voice of the
clause before it, across sentences. In a single-author document the author speaks,
except for a journalist's question in a press conference.

The subject is read at the start of each clause (after numbering, dashes and a short
connective); inside a clause a later 中方 is an object ("哈方高度评价中方提出的…").
"""

from __future__ import annotations

__all__ = ["Voice", "Speakers", "Speech", "MULTI_PARTY_GENRES"]

import bisect
import re
from dataclasses import dataclass
from typing import NamedTuple

import regex

from .. import countries
from ..countries import CHINA, split_parties
from ..text.chars import LazyPattern, either_script
from ..text.sentences import Sentences

MULTI_PARTY_GENRES = frozenset({
    "joint_statement", "joint_communique", "communique", "joint_declaration", "declaration",
    "joint_press_statement", "press_statement", "action_plan", "joint_press_communique",
})


@dataclass(frozen=True)
class Voice:
    """Who speaks: ``label`` is both / china / partner / signatories / author / other;
    ``actors`` the codes credited with what is said; ``cue`` the subject words."""

    label: str
    actors: tuple[str, ...]
    cue: str | None = None

    @property
    def includes_china(self) -> bool:
        return CHINA in self.actors


# Where a clause starts: after the start of a sentence, a comma, semicolon or colon;
# numbering, dashes, quotes and a short connective before the subject are skipped.
_CLAUSE_BREAK = regex.compile(r"[，,；;：:]\s*|\n\s*")
_LEAD = regex.compile(
    r"""^(?:\s|[\-\u2013\u2014\u2022·•*]+|\(?[0-9]{1,3}[.)、]|\(?[a-z][.)]\s|[（(]?[一二三四五六七八九十]+[、）)]|[“"'「])*
        (?:(?:and|but|also|further(?:more)?|moreover|in addition|additionally|meanwhile|at the same time|likewise|similarly)\s+
          |(?:此外|同时|另外|并且|而且|还|也|进一步|与此同时|此外|同時|並且|還|進一步|與此同時)\s*)?""",
    regex.X | regex.I,
)
_BOTH = {
    "en": regex.compile(
        r"^(?:the|both)\s+(?:two\s+)?(?:sides|leaders|countries|parties|governments|presidents|heads of state|nations|"
        r"ministers|foreign ministers|delegations|states)\b|^both\b(?!\s+(?:of|in|at|on)\b)",
        regex.I,
    ),
    "zh": LazyPattern(lambda: regex.compile("^(?:" + either_script(r"(?:中\p{Han}{1,3})?双方|两国(?:元首|领导人|政府|外长|总统)?(?!关系|人民|间|之间|的|友好|合作|建交)") + ")")),
}
_SIGNATORIES = {
    "en": regex.compile(
        r"^(?:we\b|the\s+(?:member states|heads of state(?: and government)?|leaders|participants|signatories|"
        r"ministers|parties|participating (?:countries|states))\b|member states\b|all (?:parties|sides)\b)",
        regex.I,
    ),
    "zh": LazyPattern(lambda: regex.compile("^(?:" + either_script(r"各方|与会各方|各成员国|成员国|我们|各国领导人|元首们|与会各国|峰会") + ")")),
}
_CHINA = {
    "en": regex.compile(
        r"^(?:the\s+chinese\s+(?:side|government|delegation|leadership|president)|the\s+people's\s+republic\s+of\s+china|"
        r"china|the\s+prc|beijing(?!\s+(?:declaration|action\s+plan|summit|consensus|platform|plus))|president\s+xi(?:\s+jinping)?|xi\s+jinping|chinese\s+president\s+xi(?:\s+jinping)?)\b",
        regex.I,
    ),
    "zh": LazyPattern(lambda: regex.compile("^(?:" + either_script(
        r"中方|中国政府|中华人民共和国(?!和|同|与)|中国(?![—\-－和同与]|式|的)|习近平(?:主席)?|国家主席(?:习近平)?|北京"
    ) + ")")),
}
_SIDE_EN = regex.compile(r"^[Tt]he\s+((?:[A-Z][\w'\u2019.-]*\s+){0,3}?[A-Z][\w'\u2019.-]*)\s+side\b")
_SIDE_ZH = regex.compile(r"^(\p{Han}{1,6}?)方(?=\p{Han})")
_NOT_A_SIDE = frozenset({"中", "双", "雙", "各", "我", "对", "對", "有关", "有關", "外", "东", "東", "西", "南", "北", "地", "多", "一", "他", "官"})
_ARTICLE = regex.compile(r"[Tt]he\s+")
_PAIR_LINK = regex.compile(r"\s*(?:,\s*)?(?:and|和|同|与|及)\s*(?:the\s+)?", regex.I)
_LIST_LINK = regex.compile(r"\s*[,，、]\s*(?:and\s+)?(?:the\s+)?", regex.I)
# Partners named as a group in multilateral statements with China ("China and Africa").
_PARTNER_GROUP = regex.compile(
    r"(?:the\s+)?(?:Africa|African (?:countries|states|nations|side)|Arab (?:states|countries|side)|Central Asia(?:n (?:countries|states))?|"
    r"Latin America(?:n and Caribbean (?:countries|states))?|CELAC|ASEAN(?: (?:member states|countries))?|Pacific Island (?:countries|states))\b"
    r"|非洲(?:国家)?|非方|阿拉伯国家|阿方|中亚(?:国家|五国)|拉美(?:和加勒比)?国家|拉共体|东盟(?:国家)?|太平洋岛国"
)
_QUESTION = regex.compile(r"(?m)^[^\S\n]*(?:(?P<q>问|問|记者|記者|Q|Question)|(?P<a>答|A|Answer|发言人|發言人))\s*[：:]")
# A first look for what _QUESTION needs, a hundred times faster than _QUESTION itself:
# a pattern that starts with a literal lets the engine skip along the text
_MAY_HOLD_QUESTION_EN = re.compile(r"Q(?:uestion)?\s*[:：]")


def _may_hold_questions(text: str) -> bool:
    return "问" in text or "問" in text or "者" in text or _MAY_HOLD_QUESTION_EN.search(text) is not None


# _QUESTION after the first line: the same, from the line break before it, which lets
# the engine skip from line break to line break (``^`` made it try every position: 0.06 s
# for a 4 MB report)
_QUESTION_AT_LINE_START = regex.compile(_QUESTION.pattern.removeprefix("(?m)^"))
_QUESTION_AFTER_BREAK = regex.compile("\n" + _QUESTION.pattern.removeprefix("(?m)^"))


def _questions_in(text: str) -> list[tuple[int, bool, str]]:
    """``_QUESTION.finditer(text)``'s matches as (start, is a question, text): one
    never ends at a line's start (it ends with a colon), so searching on after it from
    each line break finds the same ones."""
    found = []
    first = _QUESTION_AT_LINE_START.match(text)
    if first is not None:
        found.append((first.start(), first.lastgroup == "q", first.group(0).strip()))
    for m in _QUESTION_AFTER_BREAK.finditer(text, first.end() if first is not None else 0):
        found.append((m.start() + 1, m.lastgroup == "q", m.group(0).strip()))
    return found
_PARTICIPIAL_OPENING = regex.compile(r"\s*(?:[A-Z][a-z]+ing|In|On|With|Through|Under|Given|As|At|For|To)\b")


class Speech(NamedTuple):
    """What :meth:`Speakers.attribute` finds for one match."""

    voice: Voice  # who is credited
    subject: Voice | None  # the clause's named subject; None when implicit
    scope: int  # where the words governing the match begin: its subject in this
    # sentence, else the sentence's start ("the BRI, the GDI and the GSI" is governed by
    # the verb before the list)
    sentence: tuple[int, int]  # the sentence's raw span


class Speakers:
    """Answers "who speaks here?" for raw offsets of one document.

    Parameters
    ----------
    text : the document's raw text.
    language : "en" or "zh" (anything else is read as English).
    actor : the document's author (metadata ``actor``).
    parties : the signatories (metadata ``parties``); two or more, or a multi-party
        genre, make a statement whose sentences each have their own voice.
    genre : metadata ``genre``.
    """

    window = 4000  # how far back an implicit subject is looked for

    def __init__(self, text: str, *, language: str | None, actor=None, parties=None, genre: str | None = None,
                 sentences: Sentences | None = None):
        self.text = text
        self.sentences = sentences if sentences is not None and sentences.text is text else Sentences(text)
        self.language = "zh" if language == "zh" else "en"
        self.parties = split_parties(parties)
        self.authors = split_parties(actor) or self.parties
        self.genre = genre
        self.multi_party = len(self.parties) >= 2 and (genre in MULTI_PARTY_GENRES or genre is None or genre == "")
        partners = tuple(p for p in self.parties if p != CHINA)
        self.partners = partners
        if self.multi_party:
            label = "both" if len(self.parties) == 2 else "signatories"
            self.default = Voice(label, self.parties)
        else:
            self.default = Voice("author", self.authors)
        self._questions = None

    # -- subjects ---------------------------------------------------------------------

    def _countries_at(self, text: str, pos: int, end: int) -> tuple[tuple[str, ...], int] | None:
        """Country names starting at ``pos`` (a list such as "Belarus, Iran and
        Kazakhstan" gives them all) and where the list ends."""
        lang = self.language
        group = _PARTNER_GROUP.match(text, pos, end) if self.multi_party else None
        if group:
            return self.partners, group.end()
        article = _ARTICLE.match(text, pos, end) if lang == "en" else None
        first = countries.country_at(text, article.end() if article else pos, lang)
        if first is None or first[1] > end:
            return None
        if lang == "zh" and text[first[1]:first[1] + 1] in ("式", "特"):  # 中国式现代化, 中国特色: not China speaking
            return None
        if lang == "en" and text[first[0]:first[1]] in countries.country_names(first[2]).demonyms:
            return None  # "Chinese modernization …": an adjective, not a subject
        codes = [first[2]]
        last_end = first[1]
        while True:
            link = _LIST_LINK.match(text, last_end, end) or _PAIR_LINK.match(text, last_end, end)
            following = countries.country_at(text, link.end(), lang) if link and link.end() > last_end else None
            if following is None or following[1] > end:
                break
            codes.append(following[2])
            last_end = following[1]
        if self.multi_party:
            link = _PAIR_LINK.match(text, last_end, end)
            group = _PARTNER_GROUP.match(text, link.end(), end) if link else None
            if group:
                codes.extend(self.partners)
                last_end = group.end()
        return tuple(dict.fromkeys(codes)), last_end

    def subject_at(self, pos: int, end: int) -> Voice | None:
        """The voice named by a subject starting at raw offset ``pos`` (a clause start)."""
        text = self.text
        lang = self.language
        segment = text[pos:min(end, pos + 200)]
        lead = _LEAD.match(segment)
        skip = lead.end() if lead else 0
        s = segment[skip:]
        if not s:
            return None
        m = _BOTH[lang].match(s)
        if m:
            return Voice("both", self.parties or self.authors, m.group(0))
        m = _SIGNATORIES[lang].match(s)
        if m:
            if not self.multi_party and m.group(0).lower() in ("we", "我们", "我們"):
                return Voice("author", self.authors, m.group(0))
            return Voice("signatories", self.parties or self.authors, m.group(0))
        side = (_SIDE_EN if lang == "en" else _SIDE_ZH).match(s)
        if side:
            voice = self._side(side.group(1), side.group(0))
            if voice is not None:
                return voice
        named = self._countries_at(text, pos + skip, min(end, pos + 600))
        if named:
            codes, stop = named
            cue = text[pos + skip:stop]
            if codes == (CHINA,):
                return Voice("china", (CHINA,), cue)
            if self.parties and set(codes) >= set(self.parties) and len(codes) >= 2:
                return Voice("both" if len(self.parties) == 2 else "signatories", self.parties, cue)
            label = "partner" if self.multi_party and CHINA not in codes else "other"
            if not self.multi_party and set(codes) <= set(self.authors):
                label = "author"
            return Voice(label, codes, cue)
        m = _CHINA[lang].match(s)
        if m:
            return Voice("china", (CHINA,), m.group(0))
        return None

    def _side(self, name: str, cue: str) -> Voice | None:
        """「X方」 or "the X side": the party X stands for."""
        if self.language == "zh":
            if name in _NOT_A_SIDE:
                return Voice("china", (CHINA,), cue) if name == "中" else None
            candidates = countries.side_candidates(name) or ((countries.lookup(name),) if countries.lookup(name) else ())
        else:
            if name.lower() == "chinese":
                return Voice("china", (CHINA,), cue)
            code = countries.lookup(name)
            candidates = (code,) if code else ()
        among = tuple(c for c in candidates if c in self.partners)
        if len(among) >= 1:
            return Voice("partner", among[:1] if len(among) == 1 else among, cue)
        if self.multi_party and self.partners:
            # 非方, "the African side", or a short form the table lacks: in a statement
            # between China and others, a side that is not China is the others
            return Voice("partner", self.partners, cue)
        if candidates:
            return Voice("other", candidates[:1], cue)
        return None

    # -- voices -----------------------------------------------------------------------

    def _question_at(self, pos: int) -> Voice | None:
        """In a press conference, a journalist's question is not the author speaking."""
        if self._questions is None:
            self._questions = _questions_in(self.text) if _may_hold_questions(self.text) else []
            self._question_starts = [p for p, _, _ in self._questions]
        i = bisect.bisect_right(self._question_starts, pos) - 1
        if i >= 0 and self._questions[i][1]:
            return Voice("other", (), self._questions[i][2])
        return None

    def _clause_starts(self, a: int, b: int) -> list[int]:
        """Where the clauses of the sentence ``[a, b)`` start, raw offsets."""
        return [a] + [m.end() for m in _CLAUSE_BREAK.finditer(self.text, a, b) if m.end() < b]

    def attribute(self, start: int, end: int) -> Speech:
        """Who speaks the match at ``[start, end)``, see :class:`Speech`."""
        # carried-over subjects matter only in multi-party statements; otherwise the
        # window is the match table's (Sentences), so that it is split only once
        if self.multi_party:
            lo, hi = max(0, start - self.window), min(len(self.text), end + 600)
            sentences = self.sentences.spans(lo, hi)
            if lo > 0 and len(sentences) > 1:
                sentences = sentences[1:]  # the first may be cut by the window
            index = max(0, bisect.bisect_right([a for a, _ in sentences], start) - 1)
            sentence = sentences[index] if sentences else None
        else:
            lo, hi = self.sentences.window_around(start, end)
            sentences, index = [], 0
            sentence = self.sentences.holding(start, end)
        sentence_start, sentence_end = sentence if sentence is not None else (lo, hi)
        starts = self._clause_starts(sentence_start, sentence_end) if sentence is not None else [lo]

        subject = None
        # this sentence: the nearest clause start before the match that names a subject;
        # in a single-author text only the sentence's own subject ("…, including the
        # ASEAN Vision and the BRI" names no speaker)
        candidates = [s for s in starts if s <= start] if self.multi_party else [sentence_start]
        scope = sentence_start  # where the words governing the formula begin
        for s in reversed(candidates):
            subject = self.subject_at(s, sentence_end)
            if subject is not None:
                scope = s
                break
        # "Reaffirming their support for X, the Republic of Belarus, … note": the
        # subject comes after an opening participle or phrase
        if subject is None and self.language == "en" and _PARTICIPIAL_OPENING.match(self.text, sentence_start):
            for s in [s for s in starts if s > start]:
                subject = self.subject_at(s, sentence_end)
                if subject is not None:
                    break

        question = self._question_at(start) if not self.multi_party else None
        if question is not None:
            return Speech(question, subject, scope, (sentence_start, sentence_end))
        if not self.multi_party:
            return Speech(self.default, subject, scope, (sentence_start, sentence_end))
        if subject is not None and subject.label != "other":
            return Speech(subject, subject, scope, (sentence_start, sentence_end))
        # implicit subject: carried over from the sentences before
        for a, b in reversed(sentences[:index]):
            for s in reversed(self._clause_starts(a, b)):
                carried = self.subject_at(s, b)
                if carried is not None and carried.label != "other":
                    return Speech(carried, subject, scope, (sentence_start, sentence_end))
        return Speech(self.default, subject, scope, (sentence_start, sentence_end))
