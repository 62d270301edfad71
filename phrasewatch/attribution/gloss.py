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


def _related(a: dict, b: dict) -> bool:
    if a["formula_id"] == b["formula_id"]:
        return True
    return b["formula_id"] == a.get("parent") or a["formula_id"] == b.get("parent")


def mark_glosses(rows: list[dict], text: str) -> list[dict]:
    """Set ``gloss_of`` on every row (None, or the start of the match it glosses),
    in place; rows are one document's, with raw offsets into ``text``.

    >>> text = "The Global Development Initiative (全球发展倡议) was launched in 2021."
    >>> rows = [{"formula_id": "gdi", "language": "en", "start": 4, "end": 33, "stance": "neutral"},
    ...         {"formula_id": "gdi", "language": "zh", "start": 35, "end": 41, "stance": "endorse"}]
    >>> [(r["gloss_of"], r["stance"]) for r in mark_glosses(rows, text)]
    [(None, 'neutral'), (4, 'neutral')]
    """
    order = sorted(range(len(rows)), key=lambda i: (rows[i]["start"], rows[i]["end"]))
    for row in rows:
        row["gloss_of"] = None
    previous = None
    for i in order:
        row = rows[i]
        if previous is not None and previous.get("gloss_of") is None and not row.get("acronym"):
            gap = text[previous["end"]:row["start"]]
            if (row.get("language") != previous.get("language") and _related(previous, row)
                    and len(gap) <= _LONGEST_GAP and GLOSS_GAP.match(gap)):
                row["gloss_of"] = previous["start"]
                for column in SHARED_WITH_GLOSS:
                    if column in previous:
                        row[column] = previous[column]
        previous = row
    return rows
