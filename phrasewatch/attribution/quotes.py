"""Quoted and reported speech: whose words a formula stands in.

In a news story, an analysis or a government's readout, the author often gives other
people's words: "Kenyan President William Ruto said Kenya 'supports the Global
Development Initiative'", "Xi called for jointly opposing hegemonism", “我们支持全球发展倡议，”
鲁托说, 习近平指出，…. A formula in such words is voiced by the speaker, not the author:

- direct speech: the formula stands inside quotation marks, and the sentence names
  who speaks, before the quotation ("X said: '…'", X表示：“…”) or after it ("…," X
  said; ”他说);
- reported speech: the formula follows a verb of saying whose subject is the speaker
  ("X said (that) …", "X urged …", "X called for …", X指出，…), or the sentence ends
  with ", X said".

:class:`ReportedSpeech` finds the speaker and maps it to a country where it can: a
country or its adjective with an office or body ("Kenya's president", "China's
foreign ministry", "the Chinese side", 中方, 外交部发言人 with 中国), a country alone
("China said"), China's leaders and spokespeople by name (``data/officials.csv``),
and people the document itself introduces ("Kenyan President William Ruto", later
"Ruto"; 肯尼亚总统鲁托, later 鲁托); "he" or 他 is the last person named before. A
speaker who is no state ("analysts said", "one Chinese scholar") is still the speaker,
credited to no country.

Descriptions are not speech: "Beijing launched the GDI", "Xi also promoted the GSI",
"what he called 'true multilateralism'" stay the author's neutral mentions.
"""

from __future__ import annotations

__all__ = ["Quoted", "ReportedSpeech", "officials"]

import csv
import functools
from pathlib import Path
from typing import NamedTuple

import regex

from .. import countries
from ..text.chars import LazyPattern, either_script

CHINA = "CHN"


class Quoted(NamedTuple):
    """Who speaks the words a formula stands in."""

    speaker: str  # the words naming the speaker, as in the text
    actors: tuple[str, ...]  # the countries credited; () when the speaker is no state
    words_start: int  # where the speaker's words begin (raw offset): stance and grade read from here
    direct: bool  # inside quotation marks


@functools.lru_cache(maxsize=1)
def officials() -> dict[str, str]:
    """China's leaders and spokespeople by name, English and Chinese → code."""
    path = Path(__file__).resolve().parent.parent / "data" / "officials.csv"
    out: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            for name in (row["name_en"], row["name_zh"]):
                if name and row["code"]:
                    out[name] = row["code"]
    return out


_SAY_EN = (
    r"said|says|say|told|tells|stated|states|declared|declares|added|adds|noted|stressed|stresses|"
    r"emphasi[sz]ed|emphasi[sz]es|underlined|underscored|urged|urges|called for|calls for|called on|calls on|"
    r"pledged|pledges|vowed|vows|insisted|insists|argued|argues|announced|announces|affirmed|reaffirmed|reiterated|reiterates|"
    r"pointed out|points out|proclaimed|proclaiming|promised|wrote|writes|explained|remarked|asserted|claimed|claims|"
    r"warned|warns|assured|replied|responded|told reporters|was quoted as saying|is quoted as saying|quoted .{1,40}? as saying"
)
# a verb of saying, then optionally "that"; its subject before it
# (case-sensitive: "the United States" is no verb)
_VERB_EN = regex.compile(rf"\b(?:{_SAY_EN})\b(?:\s+(?:that|on \w+(?: that)?))?")
_ACCORDING_EN = regex.compile(r"\b(?:according to|in the words of)\s+(?P<who>[^,;:]{2,80}?)\s*,", regex.I)
_TRAILING_EN = regex.compile(
    rf"[,，]\s*(?:(?P<who1>(?:the |a |an )?[\w’'.\- ]{{1,60}}?)\s+(?:{_SAY_EN})|(?:said|says|added|told reporters)\s+(?P<who2>[\w’'.\- ]{{1,60}}?))"
    r"(?:\s+(?:on|in|at|during|after|before)\b[^.]{0,60})?\s*[.!]?\s*$", regex.I)
_VERB_ZH = LazyPattern(lambda: regex.compile(
    either_script(r"表示|说(?!明|法|服)|指出|强调|(?<![名简对宣])称(?!号|为|赞)|认为|呼吁|宣布|重申|主张|回应|声称|坦言|透露|写道|介绍")
    + r"(?:道|说)?\s*[，,：:]?"))
_QUOTES = {"\u201c": "\u201d", "\u300c": "\u300d", "\u300e": "\u300f", "\u00ab": "\u00bb", '"': '"'}
_PRONOUN_EN = regex.compile(r"^(?:he|she|they)$", regex.I)
# the author's own words ("This paper argues", "we argue", "it said" of a document)
_SELF_EN = regex.compile(r"^(?:I|we|it|this (?:paper|article|report|brief|essay|piece|study|analysis)|the (?:present|current) \w+|the author)$", regex.I)
# someone, though no state: a person's name or a word for people
_PERSON_EN = regex.compile(
    r"\b[A-Z][a-z]+(?:\s+[A-Z][\w’'\-]+)+\b|\b(?:Mr|Ms|Mrs|Dr)\.?\s+[A-Z]|\b(?:analysts?|scholars?|experts?|critics?|officials?|"
    r"observers?|diplomats?|researchers?|professors?|economists?|leaders?|spokes(?:person|man|woman)|sources?|"
    r"participants?|delegates?|people|residents|activists?|author|authors|journalists?)\b")
_PASSIVE_EN = regex.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$", regex.I)
# names of things, not of speakers ("The Global Development Initiative was announced")
_THING_EN = regex.compile(r"\b(?:Initiative|Road|Belt|Community|Declaration|Agenda|Plan|Programme|Program|Report|Paper|"
                          r"Strategy|Vision|Principles?|Thought|Corridor|Forum|Treaty|Charter|Resolution)\b")
_PERSON_WORDS_EN = regex.compile(
    r"\b(?:analysts?|scholars?|experts?|critics?|officials?|observers?|diplomats?|researchers?|professors?|economists?|"
    r"leaders?|spokes(?:person|man|woman)|sources?|participants?|delegates?|people|authors?|journalists?|"
    r"Mr|Ms|Mrs|Dr|President|Minister|Ambassador|Secretary)\b")
_SHORT_NAME_EN = regex.compile(r"^(?!(?:It|Its|This|That|These|Those|There|The|A|An|In|On|At|But|And|Some|Many)\b)[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,2}$")
_PERSON_ZH = LazyPattern(lambda: regex.compile(either_script(
    r"学者|专家|分析人士|人士|教授|研究员|官员|代表|记者|评论员|消息人士|负责人|发言人|领导人|总统|总理|部长|外长|大使|主席")))
_PRONOUN_ZH = regex.compile(r"^(?:他|她|他们|她们)$")

_TITLE_EN = (r"President|Vice[- ]President|Prime Minister|Premier|Chancellor|King|Queen|Emir|Sultan|Crown Prince|"
             r"(?:Foreign |Defen[cs]e |Finance |Trade |Commerce |Interior |Deputy |Vice |State )*Minister|Foreign Secretary|"
             r"Secretary of State|Secretary|Ambassador|Envoy|High Commissioner|Spokes(?:person|man|woman)|leader|Cabinet Secretary")
# a state speaking: a country's office or body, named with it
_STATE_WORDS_EN = regex.compile(
    r"\b(?:president|vice[- ]president|prime minister|premier|chancellor|king|queen|emir|sultan|minister|ministry|"
    r"government|cabinet|spokes(?:person|man|woman)|ambassador|embassy|envoy|mission|delegation|side|leader|leadership|"
    r"officials?|authorities|foreign office|state department|state council|high commissioner|secretary|president's office|"
    r"head of state|diplomats?)\b", regex.I)
_STATE_WORDS_ZH = LazyPattern(lambda: regex.compile(either_script(
    r"总统|副总统|总理|首相|主席|国王|外长|外交部|部长|发言人|政府|大使馆|大使|使馆|代表团|领导人|官员|当局|国务院|方(?!面)")))
_NOT_STATE_EN = regex.compile(
    r"\b(?:scholar|academic|analyst|professor|researcher|expert|journalist|reporter|writer|author|commentator|"
    r"activist|critic|economist|historian|media|newspaper|daily|agency|think[- ]tank|university|institute|"
    r"business(?:man|woman|es)?|company|firm|citizens?|people|students?|party members?|opposition)\b", regex.I)
_NOT_STATE_ZH = LazyPattern(lambda: regex.compile(either_script(r"学者|专家|分析人士|教授|研究员|记者|媒体|报纸|网民|民众|企业|公司|反对党|评论员")))
# China's offices as Chinese text names them without the country's name
_CHINA_OFFICES_ZH = LazyPattern(lambda: regex.compile(either_script(r"国家主席|国务院总理|国务院|国务委员|中央外办|中联部")))
_LEARN_EN = regex.compile(
    rf"(?:'s|’s)?\s+(?:(?:former|then|acting|new|outgoing)\s+)?(?:{_TITLE_EN})\s+"
    r"(?P<name>(?:[A-Z][\w’'\-]+\s+){0,2}[A-Z][\w’'\-]+)")
_LEARN_OF_EN = regex.compile(
    rf"(?:{_TITLE_EN})\s+(?P<name>(?:[A-Z][\w’'\-]+\s+){{0,2}}[A-Z][\w’'\-]+)\s+of\s+(?:the\s+)?$")
_LEARN_ZH = LazyPattern(lambda: regex.compile(
    either_script(r"(?:总统|副总统|总理|首相|国王|外长|外交部长|部长|驻华大使|大使|外交部发言人|发言人)")
    + r"(?P<name>[\p{Han}·]{2,8}?)(?=表示|说|指出|强调|称|在|，|、|会见|同|与|和|出席|一行|时|。|举行|通电话|认为)"))


_FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "HKG", "MAC", "KOR", "PRK"})


def _surname(name: str, code: str) -> str:
    """How a news story names the person again: "Ruto", "Wang" (family name first)."""
    parts = name.split()
    return parts[0] if code in _FAMILY_NAME_FIRST and len(parts) == 2 else parts[-1]


class ReportedSpeech:
    """Finds the speaker of the words around raw offsets of one document."""

    def __init__(self, text: str, language: str, own_side: tuple[str, ...] = ()):
        """``own_side``: in a government's readout, its country, credited with an
        official the readout names without a country ("President Ruto said" in Kenya's
        readout; the other side is always named with its country)."""
        self.text = text
        self.language = "zh" if language == "zh" else "en"
        self.own_side = tuple(own_side)
        self._names: list[tuple[int, str, str]] | None = None  # (position, name, code), in text order

    # -- people the document introduces --------------------------------------------

    def names(self) -> list[tuple[int, str, str]]:
        """Every person the document names with their country, and China's officials,
        by position: "Kenyan President William Ruto" → ("William Ruto", "Ruto") → KEN."""
        if self._names is None:
            text, lang = self.text, self.language
            found: list[tuple[int, str, str]] = []
            for start, end, code in countries.find_countries(text, lang):
                if lang == "en":
                    m = _LEARN_EN.match(text, end)
                    if m:
                        full = m.group("name")
                        found += [(m.start("name"), full, code), (m.start("name"), _surname(full, code), code)]
                    before = _LEARN_OF_EN.search(text[max(0, start - 80):start])
                    if before:
                        full = before.group("name")
                        found += [(start, full, code), (start, _surname(full, code), code)]
                else:
                    m = _LEARN_ZH.match(text, end)
                    if m:
                        name = m.group("name")
                        found += [(m.start("name"), name, code)]
                        if "·" in name:
                            found.append((m.start("name"), name.split("·")[-1], code))
            for name, code in officials().items():
                if (lang == "zh") == bool(regex.match(r"\p{Han}", name)):
                    pattern = regex.escape(name) if lang == "zh" else rf"\b{regex.escape(name)}\b"
                    for m in regex.finditer(pattern, text):
                        found.append((m.start(), name, code))
                        if lang == "en" and " " in name:
                            found.append((m.start(), _surname(name, code), code))
            self._names = sorted(found)
        return self._names

    # -- who a phrase names ----------------------------------------------------------

    def who(self, phrase: str, at: int) -> tuple[str, tuple[str, ...]] | None:
        """The speaker a subject phrase ending at raw offset ``at`` names: its words and
        the countries credited (() for no state); None when it names nobody."""
        phrase = phrase.strip(" \t\n,，:：;；\u201c\u201d\"'")
        if not phrase:
            return None
        lang = self.language
        if lang == "en" and _SELF_EN.match(phrase):
            return None  # the author's own words
        last_word = phrase.split()[-1] if lang == "en" and phrase.split() else phrase[-2:]
        if (_PRONOUN_EN if lang == "en" else _PRONOUN_ZH).match(phrase if lang == "zh" else last_word):
            named = self._last_person_before(at - len(phrase))
            return (phrase, named[1]) if named else (phrase, ())
        # a person the document or the officials' list names
        people = [(p, n, c) for p, n, c in self.names() if n in phrase]
        if people:
            p, name, code = max(people, key=lambda x: (phrase.rfind(x[1]), len(x[1])))
            return phrase, (code,)
        # a country with an office or body, or a country alone as the subject
        named = countries.find_countries(phrase, lang)
        if lang == "zh":
            sides = regex.findall(r"(\p{Han}{1,3})方(?!面)", phrase)
            codes = [c for s in sides for c in countries.side_candidates(s)[:1] if s not in ("双", "各", "对", "我", "有关")]
            if "中方" in phrase:
                codes.insert(0, CHINA)
        else:
            codes = []
            if regex.search(r"\b(?:the )?Chinese side\b", phrase, regex.I):
                codes.append(CHINA)
        codes += [code for start, _, code in named if not regex.search(r"\b(?:to|in|at|with|from|visiting)\s+(?:the\s+)?$", phrase[:start])]
        codes = list(dict.fromkeys(codes))
        not_state = (_NOT_STATE_EN if lang == "en" else _NOT_STATE_ZH).search(phrase)
        state_words = (_STATE_WORDS_EN if lang == "en" else _STATE_WORDS_ZH).search(phrase)
        if codes and not not_state:
            alone = lang == "en" and named and len(phrase) - named[-1][1] <= 12 and named[-1][0] <= 4
            if state_words or alone or lang == "zh":
                return phrase, (codes[0],)
        if lang == "zh" and not not_state and (_CHINA_OFFICES_ZH.search(phrase) or (
                regex.search(either_script("外交部发言人|外交部"), phrase) and self._chinese_mfa())):
            return phrase, (CHINA,)
        if self.own_side and state_words and not not_state:
            return phrase, self.own_side
        # someone who is no state; a phrase naming no one ("the data show") is not speech
        if lang == "en" and _THING_EN.search(phrase) and not _PERSON_WORDS_EN.search(phrase):
            return None
        if (_PERSON_EN if lang == "en" else _PERSON_ZH).search(phrase) or (lang == "en" and _SHORT_NAME_EN.match(phrase)):
            return phrase, ()
        return None

    def _chinese_mfa(self) -> bool:
        # 外交部 alone, in Chinese text, is China's, unless the text is in traditional
        # characters (Taiwan's ministry writes 外交部 too)
        return "們" not in self.text[:2000] and "與" not in self.text[:2000]

    def _last_person_before(self, pos: int) -> tuple[str, tuple[str, ...]] | None:
        best = None
        for p, name, code in self.names():
            if p >= pos:
                break
            if pos - p <= 800:
                best = (name, (code,))
        return best

    # -- speech around a match ----------------------------------------------------------

    def at(self, start: int, end: int, sentence: tuple[int, int]) -> Quoted | None:
        """The speaker of the words holding ``[start, end)`` in ``sentence``, or None
        when they are the author's."""
        quote = self._quote_around(start, end)
        if quote is not None:
            found = self._speaker_of_quote(*quote, sentence)
            if found is not None:
                if quote[1] - quote[0] - 1 <= end - start + 4:
                    # quotation marks around the formula alone mark a name or a
                    # term: the words governing it stand before them
                    reported = self._reported(start, sentence)
                    if reported is not None and reported.actors == found.actors:
                        return reported._replace(direct=True)
                return found
        return self._reported(start, sentence)

    def _paragraph(self, start: int, end: int) -> tuple[int, int]:
        text = self.text
        a = text.rfind("\n", 0, start)
        b = text.find("\n", end)
        return (a + 1, len(text) if b < 0 else b)

    def _quote_around(self, start: int, end: int) -> tuple[int, int] | None:
        """The span ``[open, close]`` of the quotation holding the match, in its paragraph."""
        text = self.text
        a, b = self._paragraph(start, end)
        stack: list[tuple[str, int]] = []
        spans = []
        straight_open = None
        for i in range(a, b):
            ch = text[i]
            if ch == '"':
                if straight_open is None:
                    straight_open = i
                else:
                    spans.append((straight_open, i))
                    straight_open = None
            elif ch in _QUOTES:
                stack.append((ch, i))
            elif stack and ch == _QUOTES[stack[-1][0]]:
                spans.append((stack.pop()[1], i))
        holding = [(o, c) for o, c in spans if o < start and end <= c]
        return min(holding, key=lambda s: s[1] - s[0]) if holding else None

    def _speaker_of_quote(self, open_: int, close: int, sentence: tuple[int, int]) -> Quoted | None:
        text, lang = self.text, self.language
        # after the quotation: ," X said / ," said X / ”他说 / ”，鲁托说
        tail = text[close + 1:min(len(text), close + 90)]
        # '…," Ruto said' or '…", he said': a quotation closing its sentence ('….")
        # is not attributed by the next one
        same_sentence = text[close - 1:close] in (",", "?", "!", "…") or tail[:1] == ","
        if lang == "en" and same_sentence:
            m = regex.match(rf"\s*[,.!?]?\s*(?:(?P<verb1>{_SAY_EN})\s+(?P<who1>[^,.;\"“”]{{1,60}}?)|"
                            rf"(?P<who2>[^,.;\"“”]{{1,60}}?)\s+(?P<verb2>{_SAY_EN}))\b", tail, regex.I)
            if m:
                who = m.group("who1") or m.group("who2")
                found = self.who(who, close + 1 + m.end())
                if found:
                    return Quoted(found[0], found[1], open_ + 1, True)
        else:
            m = regex.match(r"\s*[，,。]?\s*(?P<who>[\p{Han}·]{0,12}?)(?:" + either_script("说|表示|指出|强调|称") + ")", tail)
            if m and m.group("who"):
                found = self.who(m.group("who"), close + 1 + m.end("who"))
                if found:
                    return Quoted(found[0], found[1], open_ + 1, True)
        # before the quotation, in its sentence: X said "…", X表示：“…”
        reported = self._reported(open_, (sentence[0], max(sentence[1], close + 1)))
        if reported is not None:
            return Quoted(reported.speaker, reported.actors, open_ + 1, True)
        return None

    def _reported(self, start: int, sentence: tuple[int, int]) -> Quoted | None:
        """Reported speech: the last verb of saying before the match in its sentence,
        with a subject naming someone; or a sentence ending ", X said"."""
        text, lang = self.text, self.language
        s0, s1 = sentence
        before = text[s0:start]
        if lang == "en":
            verbs = list(_VERB_EN.finditer(before))
            for verb in reversed(verbs):
                subject = before[:verb.start()]
                if _PASSIVE_EN.search(subject):
                    continue  # "was announced in 2021": no one speaks
                # the subject: the words since the last clause break, skipping a
                # parenthetical ("Ruto, speaking in Nairobi, said")
                clause = regex.split(r"[;:]|\s[\u2014\u2013-]\s|(?<=[a-z]), (?=[A-Z](?!\w*ing\b))", subject)[-1]
                candidate = clause.split(",")[0] if regex.search(r",\s*\w+ing\b[^,]*,\s*$", clause) else clause
                candidate = regex.sub(r"\s+(?:also|has|had|have|on \w+|again|once again|further|then|later|earlier)\s*$", "", candidate)
                candidate = candidate.strip()
                if (not candidate or len(candidate) > 80 or len(candidate.split()) > 12
                        or regex.search(r"\b(?:what|which|who)\s*$", candidate, regex.I)):
                    continue
                found = self.who(candidate, s0 + verb.start())
                if found:
                    return Quoted(found[0], found[1], s0 + verb.end(), False)
            m = _ACCORDING_EN.search(before)
            if m:
                found = self.who(m.group("who"), s0 + m.end("who"))
                if found:
                    return Quoted(found[0], found[1], s0 + m.end(), False)
            m = _TRAILING_EN.search(text[start:s1])
            if m:
                who = m.group("who1") or m.group("who2")
                found = self.who(who, start + m.end())
                if found and (found[1] or _PRONOUN_EN.match(who.split()[-1])):
                    return Quoted(found[0], found[1], s0, False)
            return None
        for verb in reversed(list(_VERB_ZH.finditer(before))):
            subject = regex.split(r"[，,；;：:。]", before[:verb.start()])[-1]
            subject = regex.sub(r"(?:在[^，。]{0,20}(?:上|时|中)|\d{1,2}月\d{1,2}日|今天|日前|近日|还|也|再次|进一步|回应)+$", "", subject)
            subject = regex.sub(r"^(?:\d{1,2}月\d{1,2}日[上下]午?，?)", "", subject).strip()
            if not subject or len(subject) > 40:
                continue
            found = self.who(subject, s0 + verb.start())
            if found:
                return Quoted(found[0], found[1], s0 + verb.end(), False)
        return None
