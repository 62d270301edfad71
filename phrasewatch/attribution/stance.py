"""Stance: does the speaker endorse a formula, only report it, or reject it?

Rules, in both languages, read from the formula's own clause, in this order:

1. distancing ("so-called", "what Beijing calls", 所谓) rejects the formula, except
   when China itself distances a thing it opposes (所谓“小院高墙”: China attacking the
   thing, in its own words);
2. reported speech is neutral: a clause whose subject is China (or a third party)
   while someone else speaks ("Italy withdrew from the BRI" in a speech by Kiribati);
3. the nearer of an endorsing verb ("supports", 支持) and a rejecting one close to the
   formula ("does not endorse", "withdrew from", 反对, 拒绝) decides; for formulae
   naming what Beijing opposes (hegemonism, Cold War mentality …), rejecting the thing
   is adopting the formula, so those cues read the other way round;
4. in commentary and news, English scare quotes around the whole formula reject it
   (elsewhere quotes mostly just mark a name: 'We welcome China's "Belt and Road"');
   then, when the speaker is not China, "China's GDI", "proposed", "put forward",
   中方提出的 are neutral;
5. otherwise the speaker uses the formula in its own words: endorse, except in genres
   whose authors write about others (commentary, news), where a bare mention is
   neutral.

Formulae naming what Beijing opposes count as adopted only through an act of
opposing the thing (:mod:`.opposing`): "we oppose unilateral sanctions" endorses;
"will suspend all unilateral sanctions against Haiti" or "we imposed sanctions" is
neutral.

In genres whose authors write about others (news, analysis, commentary …) the author
adopts nothing unless in the first person ("We support the GDI", 我们支持): a verb of
support whose subject is someone else is reported ("Xi also promoted the GSI",
"Kenya supports the GDI" written by a journalist), and so is a bare or descriptive
mention ("was launched in 2021", "Beijing's X", 北京提出的, 中共宣传的); distancing,
scare quotes and evaluations ("… is little more than a slogan", 不过是口号,
一厢情愿) reject. Words a quoted speaker says are read as that speaker's own (see
:mod:`.quotes`).
"""

from __future__ import annotations

__all__ = ["ENDORSE", "NEUTRAL", "REJECT", "Stance", "stance_of", "THIRD_PARTY_GENRES"]

from dataclasses import dataclass

import regex

from ..text.chars import LazyPattern, either_script
from .opposing import act_of_opposing, supports_the_thing
from .strength import GRADES

ENDORSE, NEUTRAL, REJECT = "endorse", "neutral", "reject"
THIRD_PARTY_GENRES = frozenset({"commentary", "news", "analysis", "blog", "op-ed", "editorial", "report_ngo", "academic"})

_QUOTE_OPEN = "\"'\u201c\u2018\u300c\u300e\u00ab"
_QUOTE_CLOSE = "\"'\u201d\u2019\u300d\u300f\u00bb"

_DISTANCING = {
    "en": regex.compile(
        rf"(?:\bso[- ]called|\bself[- ]styled|\bsupposed|\bwhat (?:beijing|china|the chinese (?:government|side|leadership)|"
        rf"chinese (?:officials|leaders|diplomats|state media)|xi(?: jinping)?|the (?:ccp|cpc|party)) "
        rf"(?:calls|terms|dubs|brands|labels|likes to call|describes as|touts as))\s*(?:the\s+)?[{_QUOTE_OPEN}]?\s*$",
        regex.I,
    ),
    "zh": LazyPattern(lambda: regex.compile(
        either_script(r"(?:所谓|(?:北京|中方|中国|中共)(?:口中的|所谓的|宣扬的)|(?:鼓吹|宣扬|炒作|推销|兜售)(?:的|其)?)")
        + rf"\s*[{_QUOTE_OPEN}]?\s*$"
    )),
}
# An author's own judgement of the formula, after it ("… is little more than a
# slogan", 不过是一句口号) or before it (一厢情愿地推动): in news and analysis, reject.
_EVALUATED_AFTER = {
    "en": regex.compile(
        r"^[\"'\u201d\u2019)]?[^.;]{0,40}?\b(?:(?:is|are|was|were|remains?|amounts? to|sounds?)\s+"
        r"(?:(?:little|nothing)\s+more\s+than\s+|merely\s+|just\s+|only\s+|largely\s+|mostly\s+|essentially\s+|simply\s+|at best\s+)?"
        r"(?:an?\s+)?(?:\w+\s+)?(?:slogan|propaganda|rhetoric|smokescreen|fig[- ]leaf|euphemism|trojan horse|wishful thinking|"
        r"veneer|fa[cç]ade|pretext|buzzword|catchphrase|empty (?:words?|phrase|slogan)|hollow|vague|meaningless)\b"
        r"|rings? hollow)",
        regex.I,
    ),
    "zh": LazyPattern(lambda: regex.compile(
        r"^[”」』]?[^。；]{0,20}?(?:" + either_script(
            r"口号|幌子|噱头|一厢情愿|空谈|画饼|谎言|遮羞布|自说自话|空洞|话术|宣传品|包装而已"
        ) + ")"
    )),
}
_EVALUATED_BEFORE = {
    "en": regex.compile(r"\b(?:vague|hollow|empty|nebulous|grandiose|propagandistic|much-touted|much-hyped|vaunted)\s+(?:\w+\s+)?$", regex.I),
    "zh": LazyPattern(lambda: regex.compile(either_script(r"(?:一厢情愿|自说自话|自吹自擂|空洞)[地的]?[^，。；]{0,10}$"))),
}
# The author in the first person, as the subject of the words before the formula.
_FIRST_PERSON = {
    "en": regex.compile(
        r"(?:^|[^\w'])(?:I|[Ww]e|[Mm]y (?:country|government|administration|nation)|[Oo]ur (?:country|government|administration|nation))"
        r"\b(?:\s+\S+){0,4}\s*$"
    ),
    "zh": LazyPattern(lambda: regex.compile(either_script(r"(?:我们|我国|本人|笔者|我)[^，。；]{0,10}$"))),
}
# Rejecting words; for an "opposes" formula they adopt it instead.
_REJECTING = {
    "en": regex.compile(
        r"\b(?:(?:do|does|did|will|would|can|could|should)(?:n't| not)|never|no longer|refus(?:e|es|ed) to|declin(?:e|es|ed) to)"
        r"(?: \w+){0,2} (?:support|endorse|join|accept|sign|subscribe|embrace|participate|recogni[sz]e|use|adopt)\w*"
        r"|\b(?!opposing (?:parties|sides|views|forces|camps|groups|factions)\b)"
        r"(?:reject|oppos|criticiz|criticis|condemn|resist|denounc|abandon|discard|renounc|withdr[ae]w from|"
        r"exit(?:s|ed)? from|pull(?:s|ed)? out of|warn(?:s|ed)? against|push(?:es|ed)? back against|rise above|move beyond|"
        r"say no to)\w*",
        regex.I,
    ),
    "zh": LazyPattern(lambda: regex.compile(either_script(
        r"不(?:支持|认同|接受|参与|加入|赞同|承认|搞)|拒绝|反对|抵制|退出|批评|质疑|摒弃|抛弃|放弃|警惕|超越|摆脱|破除|谴责"
    ))),
}
_REJECT_REACH = {"en": 45, "zh": 12}  # characters before the formula
# where a rejecting word's reach ends: a new clause with a verb of its own between it
# and the formula ("oppose hegemonism, and make international relations more
# democratic"; 反对霸权主义，推动…). A list ("oppose hegemonism, power politics and …")
# goes on.
_NEW_PREDICATE = {
    "en": regex.compile(
        r";|,\s*(?:(?:and|but|while|whereas|as well as|so as)\s+)?(?:(?:we|they|it|to|also|jointly|together)\s+)*"
        r"(?:build|make|made|promot|advanc|uphold|upheld|practi[cs]|follow|pursu|safeguard|advocat|foster|deepen|strengthen|"
        r"support|work|keep|ensur|respect|champion|stay|remain|continu|help|seek|embrac|implement|enhanc|push|steer|"
        r"bring|creat|develop|maintain|defend|protect|encourag|facilitat|contribut|stand|call|adher|abid|achiev|realiz|"
        r"realis|forg|expand|improv|reform|deliver|welcom|jointly|together)\w*\b",
        regex.I,
    ),
    "zh": regex.compile(r"[，；,;]"),
}
_VIOLATION = {
    "en": regex.compile(r"\b(?:violat|infring|undermin|threat|breach|attack|aggression|interfer|encroach|disregard|erosion|assault|"
                        r"invasion|intrusion|harm|attempt|den(?:y|ies|ied|ial))\w*", regex.I),
    "zh": LazyPattern(lambda: regex.compile(either_script(r"侵犯|破坏|损害|干涉|威胁|践踏|违反"))),
}
_NEGATED_AFTER = {
    "en": regex.compile(
        r"^[^.;]{0,60}?\b(?:(?:do|does|did|will|would|can|could)(?:n't| not)|never)\s+(?:support|endorse|accept|join|subscribe)",
        regex.I,
    ),
    "zh": LazyPattern(lambda: regex.compile(r"^[^。；]{0,20}?(?:" + either_script(r"不(?:予)?(?:支持|认同|接受|承认)") + ")")),
}
_ENDORSING = {
    "en": regex.compile("|".join(rf"\b(?:{en})\b" for _, _, en, _ in GRADES[:-1]), regex.I),  # not "takes note of"
    "zh": LazyPattern(lambda: regex.compile("|".join(f"(?:{either_script(zh)})" for _, _, _, zh in GRADES[:-1]))),
}
# a negation right before a verb of support ("had not joined", "has never supported",
# 没有加入, 尚未加入): read in reported words and by authors writing about others
_NEGATED_SUPPORT = {
    "en": regex.compile(r"\b(?:not|n't|never|no longer|neither|nor)\s+(?:\w+\s+){0,2}$", regex.I),
    "zh": LazyPattern(lambda: regex.compile(either_script(r"(?:不|未|没有|尚未|从未|并未|并不)\s*$"))),
}
# China named as the source: "China's GDI", "proposed by President Xi", 中方提出的.
_ATTRIBUTED = {
    "en": regex.compile(
        r"(?:\b(?:china|beijing|the prc|xi jinping|president xi|the chinese (?:side|government|leadership))(?:'s|\u2019s)\s*"
        r"(?:(?:own|flagship|signature|proposed|so-called)\s+)?(?:the\s+)?[" + _QUOTE_OPEN + r"]?\s*$"
        r"|\bchinese\s+$"
        r"|\b(?:propos(?:e|es|ed|al)|put(?:s)? forward|launch(?:es|ed)?|introduc(?:e|es|ed)|unveil(?:s|ed)?|"
        r"announc(?:e|es|ed)|initiat(?:e|es|ed)|elaborat(?:e|es|ed) on|explain(?:s|ed)?|brief(?:s|ed)? \w+ on)\b"
        r"(?! by (?:us|our))[^.;]{0,60}$)",
        regex.I,
    ),
    "zh": LazyPattern(lambda: regex.compile(
        either_script(r"(?:中方|中国|国家|习近平(?:主席)?|中国国家主席|北京)(?:所)?(?:提出|倡导|发起|宣布|主张)的") + r"\s*[“「]?\s*$|"
        + "(?:" + either_script(r"(?:提出|介绍|阐释|阐述|宣介|通报)") + r")(?:了)?[^，。；,]{0,20}$"
    )),
}


@dataclass(frozen=True)
class Stance:
    value: str  # ENDORSE, NEUTRAL or REJECT
    cue: str | None  # the words that decided, for tracing a figure back to its reason


def _wrapped_in_quotes(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 1):start]
    after = text[end:end + 1]
    return bool(before) and before in _QUOTE_OPEN and bool(after) and after in _QUOTE_CLOSE


def _last(pattern, text: str):
    last = None
    for last in pattern.finditer(text):  # noqa: B007 - we want the last one
        pass
    return last


def _rejecting_cue(near: str, formula: str, lang: str):
    """The rejecting word that governs ``formula``, which follows ``near``: not one
    whose object is a violation of the formula ("condemns the violation of
    sovereignty" upholds it), nor one a new clause has left behind (the clause's verb
    may be the formula's first word: "…, and make international relations more
    democratic")."""
    rejecting = _last(_REJECTING[lang], near)
    if rejecting is None or _VIOLATION[lang].search(near, rejecting.end()):
        return None
    if _NEW_PREDICATE[lang].search(near + formula[:24], rejecting.end()):
        return None
    return rejecting


def stance_of(
    text: str,
    start: int,
    end: int,
    clause_start: int,
    *,
    language: str,
    opposes: bool,
    speaker_is_china: bool,
    subject_is_other: bool = False,
    subject_is_china: bool = False,
    genre: str | None = None,
    third_party: bool | None = None,
    quoted: bool = False,
) -> Stance:
    """Stance of the formula at ``text[start:end]``, whose clause begins at ``clause_start``.

    ``speaker_is_china``: the voice the match is credited to includes China;
    ``subject_is_china`` / ``subject_is_other``: the clause's grammatical subject is
    China / a third party (not the speaker) — reported speech either way;
    ``third_party``: the speaker is an author writing about others (news, analysis);
    by default, when ``genre`` is one of :data:`THIRD_PARTY_GENRES`; ``quoted``: the
    words are a quoted or reported speaker's ("Jakarta had not joined the GSI").

    >>> s = "Beijing's so-called 'community of common destiny' is vague."
    >>> stance_of(s, 21, 48, 0, language="en", opposes=False, speaker_is_china=False).value
    'reject'
    >>> s = "双方反对冷战思维。"
    >>> stance_of(s, 4, 8, 0, language="zh", opposes=True, speaker_is_china=True).value
    'endorse'
    """
    lang = "zh" if language == "zh" else "en"
    before = text[clause_start:start]
    tail = before[-40:]
    m = _DISTANCING[lang].search(tail)
    if m:
        if opposes and speaker_is_china:
            return Stance(ENDORSE, m.group(0).strip())
        return Stance(REJECT, m.group(0).strip())
    if third_party is None:
        third_party = genre in THIRD_PARTY_GENRES
    if third_party and not speaker_is_china:
        return _authors_stance(text, start, end, before, lang, opposes, subject_is_china, subject_is_other, genre)

    # a rejecting word governs the formula only from close by, and not when what it
    # rejects is a violation of it ("condemns the violation of sovereignty" upholds it)
    near = before[-_REJECT_REACH[lang]:]
    rejecting = _rejecting_cue(near, text[start:end], lang)
    endorsing = _last(_ENDORSING[lang], before)
    after_negation = _NEGATED_AFTER[lang].search(text, end, min(len(text), end + 80))
    if after_negation and not opposes:
        return Stance(REJECT, after_negation.group(0).strip())
    # what China or a third party does ("Italy withdrew from the BRI") is reported, not
    # the speaker's own stance
    if subject_is_china and not speaker_is_china:
        return Stance(NEUTRAL, "subject: China")
    if subject_is_other:
        return Stance(NEUTRAL, "subject: a third party")
    if opposes:
        return _critique(text, start, end, clause_start, lang)
    if rejecting and (endorsing is None or len(before) - len(near) + rejecting.end() >= endorsing.end()):
        return Stance(REJECT, rejecting.group(0))

    if endorsing:
        if quoted:
            negated = _NEGATED_SUPPORT[lang].search(before, 0, endorsing.start())
            if negated:
                return Stance(REJECT, (negated.group(0) + endorsing.group(0)).strip())
        return Stance(ENDORSE, endorsing.group(0))
    if not speaker_is_china:
        m = _ATTRIBUTED[lang].search(before[-120:])
        if m:
            return Stance(NEUTRAL, m.group(0).strip())
    return Stance(ENDORSE, None)


def _critique(text: str, start: int, end: int, clause_start: int, lang: str) -> Stance:
    """A formula naming what Beijing opposes: adopted by an act of opposing the thing."""
    act = act_of_opposing(text, start, end, clause_start, lang)
    if act:
        return Stance(ENDORSE, act.cue)
    thing = supports_the_thing(text, start, clause_start, lang)
    return Stance(NEUTRAL, f"no act of opposing ({thing})" if thing else "no act of opposing")


def _authors_stance(text: str, start: int, end: int, before: str, lang: str, opposes: bool,
                    subject_is_china: bool, subject_is_other: bool, genre: str | None) -> Stance:
    """The stance of an author writing about others (news, analysis): reject when
    distancing or judging, endorse only in the first person, otherwise neutral."""
    clause_start = start - len(before)
    # (slices: "^" does not match at a search's pos)
    m = _EVALUATED_AFTER[lang].search(text[end:end + 80]) or _EVALUATED_BEFORE[lang].search(before[-60:])
    if m:
        return Stance(REJECT, m.group(0).strip(" \"'\u201d\u2019)"))
    if lang == "en" and _wrapped_in_quotes(text, start, end):
        return Stance(REJECT, "scare quotes")
    after_negation = _NEGATED_AFTER[lang].search(text[end:end + 80])
    if after_negation and not opposes:
        return Stance(REJECT, after_negation.group(0).strip())
    if subject_is_china:
        return Stance(NEUTRAL, "subject: China")
    if subject_is_other:
        return Stance(NEUTRAL, "subject: a third party")
    if opposes:
        act = act_of_opposing(text, start, end, clause_start, lang)
        if act and _FIRST_PERSON[lang].search(text, max(clause_start, act.start - 200), min(act.start, start)):
            return Stance(ENDORSE, act.cue)
        return Stance(NEUTRAL, f"reported: {act.cue}" if act else f"mention in {genre or 'a text about others'}")
    near = before[-_REJECT_REACH[lang]:]
    rejecting = _rejecting_cue(near, text[start:end], lang)
    endorsing = _last(_ENDORSING[lang], before)
    if rejecting and (endorsing is None or len(before) - len(near) + rejecting.end() >= endorsing.end()):
        return Stance(REJECT, rejecting.group(0))
    if endorsing:
        if _NEGATED_SUPPORT[lang].search(before, 0, endorsing.start()):
            return Stance(REJECT, endorsing.group(0)) if _FIRST_PERSON[lang].search(before, 0, endorsing.start()) \
                else Stance(NEUTRAL, f"reported: not {endorsing.group(0)}")
        if _FIRST_PERSON[lang].search(before, 0, endorsing.start()):
            return Stance(ENDORSE, endorsing.group(0))
        return Stance(NEUTRAL, f"reported: {endorsing.group(0)}")
    m = _ATTRIBUTED[lang].search(before[-120:])
    if m:
        return Stance(NEUTRAL, m.group(0).strip())
    return Stance(NEUTRAL, f"mention in {genre or 'a text about others'}")
