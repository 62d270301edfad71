"""How strongly a clause endorses a formula: an ordinal grade from its governing verb.

Two scales. The general one follows how analysts read joint statements ("takes note
of" says little, "firmly supports" takes sides). The Taiwan one, for the one-China
formulae, follows the ordinal scale of Chong Ja Ian (2023) and the Lowy Institute's
"Five One-Chinas" (2025): acknowledges < takes note of < respects < understands and
respects < recognises < adheres to the one-China principle < opposes "Taiwan
independence" < supports national reunification.

A grade is an int (higher is stronger) with a name; ``None`` when no verb governs the
formula (the speaker simply uses it). The general scale puts "welcomes" above
"appreciates", as the issue that asked for it does; the genre notes list 赞赏 before
欢迎, and analysts differ, so the order is one line to change here.
"""

from __future__ import annotations

__all__ = ["GRADES", "TAIWAN_GRADES", "TAIWAN_FORMULAE", "Grade", "grade_clause", "taiwan_grade"]

from dataclasses import dataclass

import regex

from ..text.chars import LazyPattern, either_script

# (grade, name, English pattern, Chinese pattern); strongest first so that
# "firmly supports" is found before "supports".
GRADES: tuple[tuple[int, str, str, str], ...] = (
    (10, "firmly supports",
     r"(?:firmly|fully|strongly|resolutely|unequivocally|steadfastly) (?:support|back|endorse)s?",
     r"坚定支持|全力支持|坚决支持|大力支持|鼎力支持"),
    (9, "supports", r"support(?:s|ed|ing)?|back(?:s|ed)?|endorse(?:s|d)?|champion(?:s|ed)?", r"支持|拥护|赞同"),
    (8, "participates",
     r"join(?:s|ed)?|participat(?:e|es|ed|ing)|take(?:s)? part|taking part|sign(?:s|ed)? (?:up|on)|adher(?:e|es|ed) to|"
     r"commit(?:s|ted)? (?:itself |themselves )?to|(?:is|are) committed to|promot(?:e|es|ed|ing)|advanc(?:e|es|ed|ing)|implement(?:s|ed|ing)?",
     r"积极参与|参与|加入|参加|共建|践行|落实|秉持|恪守|奉行|坚持|推动|推进"),
    (7, "agrees with", r"agree(?:s|d)? with|share(?:s|d)? the (?:view|vision)|subscribe(?:s|d)? to|identif(?:y|ies) with",
     r"认同|赞成"),
    (6, "speaks highly of",
     r"speak(?:s)? highly of|spoke highly of|highly (?:appreciate|value|commend|praise)[sd]?|"
     r"commend(?:s|ed)?|prais(?:e|es|ed)|applaud(?:s|ed)?|hail(?:s|ed)?",
     r"高度评价|高度赞赏|积极评价|高度重视|称赞|赞扬"),
    (5, "welcomes", r"welcom(?:e|es|ed|ing)", r"欢迎"),
    (4, "appreciates", r"appreciat(?:e|es|ed)|valu(?:e|es|ed)|(?:is|are) grateful for|thank(?:s|ed)?", r"赞赏|感谢|肯定"),
    (3, "reaffirms", r"reaffirm(?:s|ed|ing)?|reiterat(?:e|es|ed|ing)", r"重申|再次确认"),
    (2, "is willing to", r"(?:is|are|stand|stands) (?:willing|ready) to|agree(?:s|d)? to|look(?:s)? forward to|stand ready",
     r"愿意|愿|同意|准备"),
    (1, "takes note of", r"t(?:ake|akes|aken|ook) note of|not(?:e|es|ed|ing)|acknowledg(?:e|es|ed)", r"注意到|注意|知悉"),
)

TAIWAN_FORMULAE = frozenset({"one_china", "taiwan_part_of_china"})
TAIWAN_GRADES: tuple[tuple[int, str, str, str], ...] = (
    (8, "supports national reunification",
     r"(?:support|back)s? [^.;]{0,60}(?:reunification|unification)", r"支持[^。；]{0,30}(?:国家统一|统一大业|和平统一)"),
    (7, "opposes Taiwan independence", r"oppos(?:e|es|ed) [^.;]{0,30}Taiwan independence", r"反对[^。；]{0,12}(?:台独|台湾独立)"),
    (6, "adheres to the one-China principle",
     r"(?:firmly )?(?:adher(?:e|es|ed)|abid(?:e|es)|commit(?:s|ted)?|support(?:s|ed)?|uphold(?:s)?)(?: [^.;]{0,20})? (?:to |by )?the one-China principle|"
     r"support(?:s|ed)? and respect(?:s|ed)?",
     r"(?:坚定)?(?:奉行|恪守|坚持|遵守|支持|坚定支持)[^。；]{0,6}一个中国原则|支持和尊重"),
    (5, "recognises", r"recogni[sz](?:e|es|ed)", r"承认"),
    (4, "understands and respects", r"understand(?:s)? and respect(?:s)?", r"理解(?:并|和)尊重"),
    (3, "respects", r"respect(?:s|ed)?", r"尊重"),
    (2, "takes note of", r"take(?:s)? note of|took note of|not(?:e|es|ed)", r"注意到"),
    (1, "acknowledges", r"acknowledg(?:e|es|ed)", r"认识到"),
)


@dataclass(frozen=True)
class Grade:
    value: int
    name: str
    cue: str  # the words that gave the grade, as in the text


def _compile(table, language: str):
    index = 2 if language == "en" else 3
    out = []
    for value, name, *patterns in table:
        pattern = patterns[index - 2]
        if language == "en":
            out.append((value, name, regex.compile(rf"\b(?:{pattern})\b", regex.I)))
        else:
            out.append((value, name, LazyPattern(lambda p=pattern: regex.compile(either_script(p)))))
    return out


def _any_of(table, language: str):
    """One pattern that matches where any of the table's does: a clause none of whose
    verbs is there (most) is told so by one search, not one per step."""
    index = 2 if language == "en" else 3
    patterns = [row[index] for row in table]
    if language == "en":
        return regex.compile("|".join(rf"\b(?:{p})\b" for p in patterns), regex.I)
    return LazyPattern(lambda: regex.compile("|".join(either_script(p) for p in patterns)))


_GENERAL = {lang: _compile(GRADES, lang) for lang in ("en", "zh")}
_ANY_GENERAL = {lang: _any_of(GRADES, lang) for lang in ("en", "zh")}
_TAIWAN = {lang: _compile(TAIWAN_GRADES, lang) for lang in ("en", "zh")}


def _strongest(text: str, compiled) -> Grade | None:
    """The strongest step named anywhere in ``text``."""
    for value, name, pattern in compiled:  # strongest first
        m = pattern.search(text)
        if m:
            return Grade(value, name, m.group(0))
    return None


def _nearest(text: str, compiled) -> Grade | None:
    """The verb nearest the end of ``text``: the one that governs what follows ("welcome
    X, and acknowledge Y" acknowledges Y); of two ending together, the stronger
    ("firmly supports" over "supports")."""
    best = None
    for value, name, pattern in compiled:
        for m in pattern.finditer(text):
            key = (m.end(), value)
            if best is None or key > best[0]:
                best = (key, Grade(value, name, m.group(0)))
    return None if best is None else best[1]


def grade_clause(before: str, language: str) -> Grade | None:
    """Grade of the verb governing a formula, from the text of its clause before it.

    >>> grade_clause("The Indonesian side firmly supports the", "en").name
    'firmly supports'
    >>> grade_clause("印尼方欢迎中方提出的", "zh").value
    5
    >>> grade_clause("The two sides will build a", "en") is None
    True
    """
    language = "zh" if language == "zh" else "en"
    if _ANY_GENERAL[language].search(before) is None:
        return None
    return _nearest(before, _GENERAL[language])


def taiwan_grade(sentence: str, language: str) -> Grade | None:
    """The strongest step of the Taiwan scale anywhere in the sentence.

    >>> taiwan_grade("哈方重申坚定奉行一个中国原则，支持中国政府为实现国家统一所作的一切努力。", "zh").name
    'supports national reunification'
    >>> taiwan_grade("The Netherlands respects the one-China policy.", "en").value
    3
    """
    return _strongest(sentence, _TAIWAN["zh" if language == "zh" else "en"])
