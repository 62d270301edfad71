"""Who voices each match, with what stance and strength: adoption, not mention.

:func:`attribute` adds to each match row (from :func:`phrasewatch.match.annotate`):

- ``voice``: both / china / partner / signatories / author / other;
- ``voice_actors``: the codes credited, joined by ``;`` ("CHN;IDN", "IDN");
- ``subject``: the words naming the clause's subject (empty when implicit);
- ``stance``: endorse / neutral / reject, and ``stance_cue``, the words that decided;
- ``strength`` (int, higher is stronger) and ``strength_name`` / ``strength_cue``: the
  grade of the governing verb; for one_china and taiwan_part_of_china, the step of
  the Taiwan scale;
- ``prc_sense`` (reinterpreted words only): how PRC-like the use is, 0 to 1, from the
  bundled model (English) or the lexicon's context cues (0 or 1), see :mod:`.sense`.
"""

from __future__ import annotations

__all__ = ["ATTRIBUTION_COLUMNS", "attribute", "china_voice", "Speakers", "Voice", "stance_of", "grade_clause", "taiwan_grade"]

from ..lexicon.model import Lexicon
from ..text.sentences import Sentences
from .sense import bundled_sense_model, context_of, cue_sense
from .stance import stance_of
from .strength import TAIWAN_FORMULAE, grade_clause, taiwan_grade
from .voice import CHINA, Speakers, Voice, split_parties

ATTRIBUTION_COLUMNS = (
    "voice", "voice_actors", "subject", "stance", "stance_cue", "strength", "strength_name", "strength_cue", "prc_sense",
)


def attribute(rows: list[dict], text: str, lexicon: Lexicon, *, language: str | None, actor=None, parties=None,
              genre: str | None = None, sentences: Sentences | None = None) -> list[dict]:
    """Add the :data:`ATTRIBUTION_COLUMNS` to match rows of one document, in place.

    ``text`` is the document's raw text (row offsets point into it); ``actor``,
    ``parties`` and ``genre`` are its metadata; ``sentences``, the
    :class:`~phrasewatch.text.sentences.Sentences` that annotated the rows, if at hand
    (its windows are then not split again).

    >>> from phrasewatch import scan_text
    >>> m = scan_text("The Indonesian side supports the Global Development Initiative.",
    ...               actor="CHN;IDN", parties="CHN;IDN", genre="joint_statement")
    >>> m.loc[0, ["voice", "voice_actors", "stance", "strength_name"]].tolist()
    ['partner', 'IDN', 'endorse', 'supports']
    """
    if not rows:
        return rows
    speakers = Speakers(text, language=language, actor=actor, parties=parties, genre=genre, sentences=sentences)
    for row in rows:
        start, end = row["start"], row["end"]
        formula = lexicon[row["formula_id"]]
        lang = row.get("language") or speakers.language
        voice, subject, clause_start, sentence = speakers.attribute(start, end)
        stance = stance_of(
            text, start, end, clause_start,
            language=lang,
            opposes=formula.opposes,
            speaker_is_china=voice.includes_china,
            subject_is_china=subject is not None and subject.includes_china and not voice.includes_china,
            subject_is_other=subject is not None and subject.label == "other" and not voice.includes_china,
            genre=genre,
        )
        if formula.id in TAIWAN_FORMULAE:
            grade = taiwan_grade(text[sentence[0]:sentence[1]], lang)
        else:
            grade = grade_clause(text[clause_start:start], lang)
        row.update({
            "voice": voice.label,
            "voice_actors": ";".join(voice.actors) or None,
            "subject": subject.cue.strip() if subject is not None and subject.cue else None,
            "stance": stance.value,
            "stance_cue": stance.cue,
            "strength": grade.value if grade else None,
            "strength_name": grade.name if grade else None,
            "strength_cue": grade.cue if grade else None,
            "prc_sense": None,
        })
    _add_sense(rows, text, lexicon)
    return rows


def china_voice(text: str, *, language: str | None, actor=None, parties=None, genre: str | None = None,
                sentences: Sentences | None = None):
    """A function of a raw span of ``text``: whether China voices it (for the matcher's
    short forms licensed by China's voice). China must be the document's author or a
    party to it; then in a joint statement the sentence's own voice decides (中方, "The
    two sides", not 阿方), and in a single-author text the author speaks (not a
    journalist's question). Nothing is read until it is asked.

    >>> voice = china_voice("The Chinese side is committed to national rejuvenation. The UAE side welcomed it.",
    ...                     language="en", parties="CHN;ARE", genre="joint_statement")
    >>> voice(35, 56), voice(62, 70)
    (True, False)
    """
    if CHINA not in split_parties(actor) + split_parties(parties):
        return lambda start, end: False
    speakers: list[Speakers] = []

    def voiced(start: int, end: int) -> bool:
        if not speakers:
            speakers.append(Speakers(text, language=language, actor=actor, parties=parties, genre=genre, sentences=sentences))
        return speakers[0].attribute(start, end).voice.includes_china

    return voiced


def _add_sense(rows: list[dict], text: str, lexicon: Lexicon) -> None:
    """``prc_sense`` for the uses of reinterpreted words: the model's probability where
    one knows the word in its language, else 1.0 / 0.0 from the lexicon's cues."""
    pending: dict[str, list[tuple[dict, str]]] = {}
    for row in rows:
        if row.get("kind") != "reinterpreted":
            continue
        lang = row.get("language") or "en"
        context = context_of(text, row["start"], row["end"], row["formula_id"], lang)
        model = bundled_sense_model(lang)
        if model is not None and f"__{row['formula_id']}" in model.vocabulary:
            pending.setdefault(lang, []).append((row, context))
        else:
            cues = lexicon[row["formula_id"]].context.get(lang, ())
            row["prc_sense"] = 1.0 if cue_sense(cues, row.get("sentence") or context) else 0.0
    for lang, items in pending.items():
        probabilities = bundled_sense_model(lang).probability([c for _, c in items])
        for (row, _), p in zip(items, probabilities, strict=True):
            row["prc_sense"] = round(float(p), 4)
