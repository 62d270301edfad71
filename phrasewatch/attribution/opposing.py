"""Acts of opposing, for the formulae that name what Beijing opposes.

A critique formula (``opposes: true`` in the lexicon: hegemonism and power politics,
Cold War mentality, unilateral sanctions, zero-sum game …) is adopted only by opposing
the thing it names: "We oppose unilateral sanctions", "calls for the lifting of
unilateral sanctions", "Development is not a zero-sum game", "illegal unilateral
sanctions", "unilateral sanctions … must be lifted", 反对单边制裁, 摒弃冷战思维,
冷战思维不得人心. A use that only names the thing ("will suspend all unilateral
sanctions against Haiti", "we imposed sanctions", "the Cold War mentality of the
period") is not an adoption of Beijing's critique.

:func:`act_of_opposing` finds such an act before the formula (in its clause, across a
list: "oppose protectionism, unilateralism, hegemonism and power politics") or right
after it, and returns the words, or None.
"""

from __future__ import annotations

__all__ = ["Act", "act_of_opposing", "supports_the_thing"]

from typing import NamedTuple

import regex

from ..text.chars import LazyPattern, either_script

# Before the formula. Verbs and nouns of opposing; calls to end the thing; negative
# labels close before it; the thing negated ("is not a zero-sum game").
_BEFORE = {
    "en": regex.compile(
        r"\b(?:(?:do|does|did|will|would|can|could|should)(?:n't| not)|never|refus(?:e|es|ed) to|declin(?:e|es|ed) to)"
        r"(?: \w+){0,2} (?:support|endorse|accept|subscribe|embrace|tolerate|condone|impose|apply|resort|go along with)\w*"
        r"|\b(?:reject|oppos|criticiz|criticis|condemn|resist|denounc|deplor|decr(?:y|ies|ied)|abandon|discard|renounc|"
        r"repudiat|shun|eschew|overcom|confront|combat|eliminat|abolish|eradicat|prevent|avoid|counter(?:s|ed|ing)?\b|"
        r"leav(?:e|es|ing) behind|left behind|"
        r"warn(?:s|ed|ing)? against|push(?:es|ed)? back against|"
        r"rise above|move beyond|say no to|said no to|do away with|get rid of|put an end to|refrain(?:s|ed|ing)? from|"
        r"desist(?:s|ed)? from|free (?:ourselves|itself|themselves|the world|humanity|mankind) (?:from|of)|"
        r"(?:stand|stands|stood|struggle|struggles|fight|fights|fighting|fought|campaign|united|unite|speak|speaks|spoke) against|"
        r"no (?:room|place) for|(?:concern|alarm|regret|dismay)\w* (?:at|about|over|regarding|with)|"
        # the thing denied to anyone: "no country has the right to impose", "has no right to exercise"
        r"(?:no (?:country|state|nation|government|power|one)|nobody)(?: \w+)? (?:has|have|had) (?:the|a|any) right to(?: \w+){0,2}|"
        r"(?:has|have|had) no right to(?: \w+){0,2}|"
        r"(?:undermined|hampered|hindered|crippled|strangled|threatened|harmed|hurt|victimi[sz]ed|exacerbated|aggravated|"
        r"worsened) by)\w*"
        # calls to end the thing, and its end asked for ("the immediate lifting of")
        r"|\b(?:call(?:s|ed|ing)?|press(?:es|ed|ing)?|push(?:es|ed|ing)?|appeal(?:s|ed|ing)?|support(?:s|ed|ing)?|"
        r"welcom(?:e|es|ed|ing)|demand(?:s|ed|ing)?|urg(?:e|es|ed|ing)|advocat(?:e|es|ed|ing)|seek(?:s|ing)?|sought)"
        r"(?: \w+){0,2}?(?: for)?(?: the| an?)?(?: \w+){0,2} "
        r"(?:(?:lifting|removal|end|ending|abolition|elimination|cessation|repeal|withdrawal) (?:of|to)"
        r"|(?:lifting|removing|ending|abolishing|eliminating|stopping)\b)"
        r"|\b(?:immediate|complete|unconditional|full|total)(?:,? (?:and )?\w+){0,2} (?:lifting|removal|end|abolition|elimination) (?:of|to)"
        r"|\b(?:call(?:s|ed|ing)? (?:on|upon)|urg(?:e|es|ed|ing)|demand(?:s|ed|ing)?|ask(?:s|ed|ing)?)(?: \w+){1,4} to "
        r"(?:lift|end|remove|abolish|eliminate|stop|cease|refrain from|abandon|repeal|renounce|discard|reject)"
        # the thing labelled ("illegal unilateral sanctions") or denied ("is not a
        # zero-sum game", "there can be no double standards", "without double standards")
        r"|\b(?:illegal|illegitimate|unlawful|unjust|unjustified|arbitrar(?:y|ily)|abusive|abuse of|outdated|obsolete|"
        r"outmoded|discriminatory|criminal|inhumane|immoral|cruel)(?: (?:and|or) \w+)?(?: \w+){0,2}\s*$"
        r"|\bnot(?: as| one of| of)?(?: (?:an?|the))?\s*$"
        r"|\b(?:(?:is|are|was|were|be|been)(?:n't| not| never| no longer)|rather than|instead of|"
        r"free (?:from|of)|far from|without(?: any| applying| resorting to| recourse to)?|no|nor(?: \w+){0,3})"
        r"(?: (?:an?|the|any|all))?(?: \w+)?(?:(?:,? [\w-]+){0,3},? (?:or|and|nor))?\s*$",
        regex.I,
    ),
    "zh": LazyPattern(lambda: regex.compile(either_script(
        r"不(?:支持|认同|接受|赞同|赞成|搞|要|能搞|主张)|拒绝|反对|抵制|批评|摒弃|摈弃|屏弃|抛弃|放弃|警惕|超越|摆脱|破除|谴责|"
        r"打破|揭露|防止|避免|纠正|告别|消除|挫败|粉碎|遏制|反击|反制|停止搞|不再搞|别搞|无权|没有权利|"
        r"反\s*[“「]?\s*$|"
        r"(?:呼吁|要求|敦促|主张|应当|应该|应|必须|立即|尽快)[^，。；]{0,8}?(?:取消|解除|停止|终止|结束|废除)|"
        r"(?:非法|滥用|霸道)[的地]?\s*$|(?:不是|并非|而非|绝非|而不是|不搞|没有)\s*[“「]?\s*$"
    ))),
}
# After the formula, in its clause: the thing judged or told to go.
_AFTER = {
    "en": regex.compile(
        r"^[^.;]{0,80}?\b(?P<cue>(?:must|should|need to|needs to|has to|have to|ought to|will have to)"
        r"(?: (?:be|all be))? (?:lifted|ended|removed|abolished|rejected|abandoned|discarded|stopped|eliminated|repealed|"
        r"discontinued|dropped|overcome|end|stop|cease|go|be lifted)"
        r"|(?:has|have|had) no (?:place|future|room)"
        r"|(?:must|should|cannot|can no longer)(?: no longer)? be (?:tolerated|accepted|allowed|condoned)"
        r"|(?:has|have) (?:got )?to go\b"
        r"|(?:is|are|was|were|remains?)(?: \w+)? (?:illegal|unlawful|unjust|unacceptable|counterproductive|harmful|wrong|"
        r"dangerous|outdated|obsolete|anachronistic|doomed|futile|unethical|immoral|inhumane|unfair|illegitimate)"
        r"|(?:is|are|was|were)(?: \w+){0,2} (?:an? )?(?:\w+ )?(?:violation|breach) of"
        r"|(?:go(?:es)?|went|run(?:s)?|ran) against|(?:is|are) contrary to"
        r"|(?:which|that)?(?: \w+)? ?(?:damag|undermin|violat|hinder|imped|hurt|harm|threaten|poison|erod|jeopardi|obstruct|"
        r"hamper|destabili[sz]|cripple|strangl|contraven)\w*"
        r"|(?:is|are|was|were|remains?) (?:the |a |an )?(?:\w+ ){0,2}(?:obstacle|threat|impediment|stumbling block)"
        r"|will only (?:make|lead|bring|result|cause|harm|hurt|divide|undermine|worsen|aggravate|exacerbate|backfire|isolate)"
        r"|alarms? us|concerns? us|(?:is|are) (?:of )?(?:deep |great |serious )?concern"
        r"|run(?:s|ning)? counter to|(?:which|that) (?:we|i|my (?:country|government)|our (?:country|government)) "
        r"(?:\w+ )?(?:condemn|reject|oppose|denounce|deplore))",
        regex.I,
    ),
    "zh": LazyPattern(lambda: regex.compile(
        r"^[^。；]{0,25}?(?P<cue>" + either_script(
            r"不得人心|没有出路|行不通|过时|不合时宜|违反|违背|严重损害|损害|破坏|阻碍|障碍|威胁|危害|只会|挑衅|"
            r"(?:坚决|都|一致|一贯)*反对|谴责|抵制|必须摒弃|应当摒弃|应予摒弃|应当取消|必须取消|"
            r"是错误的|是非法的|要不得|不可取|必将失败|注定失败"
        ) + ")"
    )),
}
# What may stand between an act and the formula it governs: a list of other things,
# not a new clause ("we oppose X, but they impose Y").
_NEW_CLAUSE = {
    # ("that" is left out: more often "that double standard" than a new clause)
    "en": regex.compile(r"[;:]|\b(?:but|while|whereas|although|though|which|who|because|since|when|where)\b", regex.I),
    "zh": LazyPattern(lambda: regex.compile(r"[，,；;：:]|" + either_script(r"但|而是|却"))),
}
_REACH = {"en": 150, "zh": 40}  # characters before the formula
_NEGATED = {
    "en": regex.compile(r"\b(?:not|n't|never|no longer|nor)\s+(?:\w+\s+)?$", regex.I),
    "zh": LazyPattern(lambda: regex.compile(r"(?:不|未|没有|并不|从不)$")),
}
_SUPPORTING = {
    "en": regex.compile(r"\b(?:support|endorse|back|impose|apply|maintain|extend|tighten)\w*(?: \w+){0,2}\s*$", regex.I),
    "zh": LazyPattern(lambda: regex.compile(either_script(r"(?:支持|实施|施加|维持|延长|加强)[^，。；]{0,6}$"))),
}


class Act(NamedTuple):
    cue: str  # the words, as in the text
    start: int  # where they start (raw offset)


def act_of_opposing(text: str, start: int, end: int, clause_start: int, language: str) -> Act | None:
    """The act opposing the thing named at ``text[start:end]``, or None.

    >>> s = "We oppose protectionism, unilateralism, hegemonism and power politics."
    >>> act_of_opposing(s, s.index("hegemonism"), s.index("."), 0, "en").cue
    'oppose'
    >>> s = "The United States will suspend all unilateral sanctions against Haiti."
    >>> act_of_opposing(s, s.index("unilateral"), s.index(" against"), 0, "en") is None
    True
    >>> s = "No country has the right to exercise long-arm jurisdiction over others."
    >>> act_of_opposing(s, s.index("long-arm"), s.index(" over"), 0, "en").cue
    'No country has the right to exercise'
    >>> s = "中美关系不是零和博弈。"
    >>> act_of_opposing(s, 6, 10, 0, "zh").cue
    '不是'
    """
    lang = "zh" if language == "zh" else "en"
    lo = max(clause_start, start - _REACH[lang])
    before = text[lo:start]
    for m in reversed(list(_BEFORE[lang].finditer(before))):
        if _NEGATED[lang].search(before, 0, m.start()):
            continue  # "does not oppose", 不反对
        if _NEW_CLAUSE[lang].search(before, m.end()):
            break  # the nearest act governs another clause; farther ones even more so
        return Act(m.group(0).strip(), lo + m.start())
    after = _AFTER[lang].search(text[end:end + 120])  # a slice: "^" does not match at a search's pos
    return Act(after.group("cue").strip(), end) if after else None


def supports_the_thing(text: str, start: int, clause_start: int, language: str) -> str | None:
    """A verb supporting or imposing the thing itself right before it ("we support
    unilateral sanctions", "imposed unilateral sanctions"), or None."""
    lang = "zh" if language == "zh" else "en"
    m = _SUPPORTING[lang].search(text[max(clause_start, start - 60):start])
    return m.group(0).strip() if m else None
