"""Glosses: one use of a formula written in two languages.

Analysts and translators often give a formula in one language and gloss it in the
other right away: "the Community of Common Destiny for Mankind (CCDM, 人类命运共同体)",
"The Global Development Initiative (全球发展倡议)", "人类命运共同体（community with a
shared future for mankind）". The matcher finds two matches; they are one use.

:func:`mark_glosses` marks the second of such a pair: its ``gloss_of`` is the
``start`` of the first (the same document), and it takes the first's voice, stance
and grade, since it is the same words of the same speaker. Scores leave glosses out by
default (``include_glosses=True`` counts them).

A pair is a gloss when both matches are the same formula (or one is the other's
parent), in different languages, and only brackets, quotation marks, a dash, a colon
or a comma, and at most an acronym ("CCDM,") or a word such as "or", 即, stand
between them.
"""

from __future__ import annotations

__all__ = ["GLOSS_GAP", "mark_glosses", "SHARED_WITH_GLOSS"]

from dataclasses import replace

import regex

# what may stand between a formula and its gloss (besides spaces)
GLOSS_GAP = regex.compile(
    r"^[\s(（\[【「『“‘\"'：:,，、—–\-/]*"
    r"(?:(?:[A-Z]{2,8}|i\.e\.|or|also|in Chinese|Chinese|Ch\.|zh|即|又称|或)[\s,，;；:：/]+)?"
    r"[\s(（\[【「『“‘\"'：:,，、—–\-/]*$"
)
_LONGEST_GAP = 16  # characters
SHARED_WITH_GLOSS = ("voice", "voice_actors", "subject", "speaker", "stance", "stance_cue", "strength", "strength_name",
                     "strength_cue")


def _related(a, b) -> bool:
    if a.formula_id == b.formula_id:
        return True
    return b.formula_id == a.parent or a.formula_id == b.parent


def mark_glosses(matches, attributions: list, text: str) -> list:
    """The attributions with ``gloss_of`` set (the start of the match glossed) on the
    second of each pair, and the first's voice, stance and grade; ``matches`` (one
    document's annotated matches, raw offsets into ``text``) and ``attributions`` are
    in the same order.

    >>> from types import SimpleNamespace as M
    >>> from phrasewatch.attribution import Attribution
    >>> text = "The Global Development Initiative (全球发展倡议) was launched in 2021."
    >>> found = [M(formula_id="gdi", parent=None, language="en", start=4, end=33, acronym=False),
    ...          M(formula_id="gdi", parent=None, language="zh", start=35, end=41, acronym=False)]
    >>> said = [Attribution("author", None, None, s, None, None, None, None) for s in ("neutral", "endorse")]
    >>> [(a.gloss_of, a.stance) for a in mark_glosses(found, said, text)]
    [(None, 'neutral'), (4, 'neutral')]
    """
    out = list(attributions)
    order = sorted(range(len(matches)), key=lambda i: (matches[i].start, matches[i].end))
    previous = None
    for i in order:
        match = matches[i]
        if previous is not None and out[previous].gloss_of is None and not match.acronym:
            before = matches[previous]
            gap = text[before.end:match.start]
            if (match.language != before.language and _related(before, match)
                    and len(gap) <= _LONGEST_GAP and GLOSS_GAP.match(gap)):
                shared = {column: getattr(out[previous], column) for column in SHARED_WITH_GLOSS}
                out[i] = replace(out[i], gloss_of=before.start, **shared)
        previous = i
    return out
