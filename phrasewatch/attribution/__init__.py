"""Who voices each match, with what stance and strength: adoption, not mention.

:func:`attribute` gives each annotated match (from :func:`phrasewatch.match.annotate`)
an :class:`Attribution`:

- ``voice``: both / china / partner / signatories / author / other;
- ``voice_actors``: the codes credited, joined by ``;`` ("CHN;IDN", "IDN");
- ``subject``: the words naming the clause's subject (empty when implicit);
- ``stance``: endorse / neutral / reject, and ``stance_cue``, the words that decided;
- ``strength`` (int, higher is stronger) and ``strength_name`` / ``strength_cue``: the
  grade of the governing verb; for one_china and taiwan_part_of_china, the step of
  the Taiwan scale;
- ``prc_sense`` (reinterpreted words only): how PRC-like the use is, 0 to 1, from the
  bundled model (English) or the lexicon's context cues (0 or 1), see :mod:`.sense`;
- ``speaker``: in news, analysis and readouts, the words naming whoever's quoted or
  reported words the formula stands in ("Kenyan President William Ruto", 习近平); the
  voice is then ``quoted`` and credits the speaker's country (none for a speaker who
  is no state), see :mod:`.quotes`;
- ``gloss_of``: for a match glossing the one just before it in the other language
  ("Global Development Initiative (全球发展倡议)"), that match's ``start``; it shares
  its voice and stance and is left out of scores by default, see :mod:`.gloss`.

How a document is read depends on its genre: speeches, statements, joint statements,
and op-eds by a state (an ``op_ed`` whose actor is a country) are their author's own
words; news and analysis (:data:`THIRD_PARTY_GENRES`) are an author writing about
others, who adopts nothing except in the first person, while the people quoted speak
for themselves; a readout is a government's account of what each side said.
"""

from __future__ import annotations

__all__ = [
    "Attribution", "OP_ED_GENRES", "READOUT_GENRES", "THIRD_PARTY_GENRES", "attribute", "china_voice", "Speakers", "Voice",
    "stance_of", "grade_clause", "taiwan_grade", "reading_of",
]

from collections.abc import Sequence
from dataclasses import dataclass, replace

from .. import countries
from ..countries import CHINA, split_parties
from ..lexicon.model import Lexicon
from ..match.annotate import AnnotatedMatch
from ..text.sentences import Sentences
from .gloss import mark_glosses
from .quotes import Quoted, ReportedSpeech
from .sense import bundled_sense_model, context_of, cue_sense
from .stance import THIRD_PARTY_GENRES, stance_of
from .strength import TAIWAN_FORMULAE, grade_clause, taiwan_grade
from .voice import Speakers, Voice

OP_ED_GENRES = frozenset({"op_ed", "op-ed", "opinion"})
READOUT_GENRES = frozenset({"readout"})


@dataclass(frozen=True)
class Attribution:
    """Who voices one match, with what stance and strength (its columns of the matches
    table, see :mod:`phrasewatch.tables`)."""

    voice: str
    voice_actors: str | None
    subject: str | None
    stance: str
    stance_cue: str | None
    strength: int | None
    strength_name: str | None
    strength_cue: str | None
    prc_sense: float | None = None
    speaker: str | None = None
    gloss_of: int | None = None


def _is_state(actor) -> bool:
    codes = split_parties(actor)
    if not codes:
        return False
    try:
        return all(countries.country_names(code) for code in codes)
    except KeyError:
        return False


def reading_of(genre: str | None, actor=None) -> str:
    """How a document of this genre is read: ``own`` (its author's own words),
    ``third_party`` (an author writing about others: news, analysis; an op-ed unless
    its author is a state) or ``readout`` (a government's account of what each side said).

    >>> reading_of("general_debate"), reading_of("news"), reading_of("op_ed", "PAK"), reading_of("op_ed", "THINKTANK")
    ('own', 'third_party', 'own', 'third_party')
    """
    if genre in READOUT_GENRES:
        return "readout"
    if genre in OP_ED_GENRES:
        return "own" if _is_state(actor) else "third_party"
    return "third_party" if genre in THIRD_PARTY_GENRES else "own"


def attribute(matches: Sequence[AnnotatedMatch], text: str, lexicon: Lexicon, *, language: str | None, actor=None,
              parties=None, genre: str | None = None, sentences: Sentences | None = None) -> list[Attribution]:
    """One :class:`Attribution` per match of one document, in the same order.

    ``text`` is the document's raw text (match offsets point into it); ``actor``,
    ``parties`` and ``genre`` are its metadata; ``sentences``, the
    :class:`~phrasewatch.text.sentences.Sentences` that annotated the matches, if at
    hand (its windows are then not split again).

    >>> from phrasewatch import scan_text
    >>> m = scan_text("The Indonesian side supports the Global Development Initiative.",
    ...               actor="CHN;IDN", parties="CHN;IDN", genre="joint_statement").matches
    >>> m.loc[0, ["voice", "voice_actors", "stance", "strength_name"]].tolist()
    ['partner', 'IDN', 'endorse', 'supports']
    """
    if not matches:
        return []
    speakers = Speakers(text, language=language, actor=actor, parties=parties, genre=genre, sentences=sentences)
    reading = reading_of(genre, actor)
    own_side = speakers.authors if reading == "readout" and len(speakers.authors) == 1 else ()
    reported = ReportedSpeech(text, speakers.language, own_side) if reading != "own" else None
    out = []
    for match in matches:
        start, end = match.start, match.end
        formula = lexicon[match.formula_id]
        lang = match.language or speakers.language
        voice, subject, clause_start, sentence = speakers.attribute(start, end)
        quoted = reported.at(start, end, sentence) if reported is not None else None
        speaker = None
        if quoted is None and reading == "readout" and subject is not None and subject.actors and subject.label != "both":
            # a readout's sentence whose subject is one side ("China is ready to …")
            quoted = Quoted(subject.cue or "", subject.actors, clause_start, False)
        if quoted is not None:
            # the speaker's own words: read as the speaker's, from where they begin
            voice = Voice("quoted", quoted.actors, quoted.speaker)
            speaker = quoted.speaker.strip()
            clause_start = quoted.words_start if quoted.words_start <= start else clause_start
            said = speakers.subject_at(clause_start, sentence[1]) if clause_start < start else None
            own = set(quoted.actors)
            stance = stance_of(
                text, start, end, clause_start,
                language=lang,
                opposes=formula.opposes,
                speaker_is_china=CHINA in own,
                subject_is_china=said is not None and said.includes_china and CHINA not in own,
                subject_is_other=said is not None and said.label in ("other", "partner") and bool(said.actors)
                and not own & set(said.actors),
                third_party=False,
                quoted=True,
            )
        else:
            stance = stance_of(
                text, start, end, clause_start,
                language=lang,
                opposes=formula.opposes,
                speaker_is_china=voice.includes_china,
                subject_is_china=subject is not None and subject.includes_china and not voice.includes_china,
                subject_is_other=subject is not None and subject.label == "other" and not voice.includes_china,
                genre=genre,
                third_party=reading == "third_party",
            )
        if formula.id in TAIWAN_FORMULAE:
            grade = taiwan_grade(text[sentence[0]:sentence[1]], lang)
        else:
            grade = grade_clause(text[clause_start:start], lang)
        out.append(Attribution(
            voice=voice.label,
            voice_actors=";".join(voice.actors) or None,
            subject=subject.cue.strip() if subject is not None and subject.cue else None,
            stance=stance.value,
            stance_cue=stance.cue,
            strength=grade.value if grade else None,
            strength_name=grade.name if grade else None,
            strength_cue=grade.cue if grade else None,
            speaker=speaker,
        ))
    out = mark_glosses(matches, out, text)
    senses = _senses(matches, text, lexicon)
    return [a if sense is None else replace(a, prc_sense=sense) for a, sense in zip(out, senses, strict=True)]


def china_voice(text: str, *, language: str | None, actor=None, parties=None, genre: str | None = None,
                sentences: Sentences | None = None):
    """A function of a raw span of ``text``: whether China voices it (for the matcher's
    short forms licensed by China's voice), read as :func:`attribute` reads voices: in
    a document China writes or signs, the sentence's voice (中方, "The two sides", not
    阿方; not a journalist's question); in news, analysis and readouts, the words of a
    Chinese speaker they quote. Nothing is read until it is asked.

    >>> voice = china_voice("The Chinese side is committed to national rejuvenation. The UAE side welcomed it.",
    ...                     language="en", parties="CHN;ARE", genre="joint_statement")
    >>> voice(35, 56), voice(62, 70)
    (True, False)
    """
    reading = reading_of(genre, actor)
    if reading == "own" and CHINA not in split_parties(actor) + split_parties(parties):
        return lambda start, end: False
    state: dict = {}

    def voiced(start: int, end: int) -> bool:
        if not state:
            speakers = Speakers(text, language=language, actor=actor, parties=parties, genre=genre, sentences=sentences)
            own_side = speakers.authors if reading == "readout" and len(speakers.authors) == 1 else ()
            state["speakers"] = speakers
            state["reported"] = ReportedSpeech(text, speakers.language, own_side) if reading != "own" else None
        voice, subject, _, sentence = state["speakers"].attribute(start, end)
        quoted = state["reported"].at(start, end, sentence) if state["reported"] is not None else None
        if quoted is not None:
            return CHINA in quoted.actors
        if reading == "readout" and subject is not None and subject.actors and subject.label != "both":
            return CHINA in subject.actors
        return voice.includes_china

    return voiced


def _senses(matches: Sequence[AnnotatedMatch], text: str, lexicon: Lexicon) -> list[float | None]:
    """``prc_sense`` for the uses of reinterpreted words: the model's probability where
    one knows the word in its language, else 1.0 / 0.0 from the lexicon's cues; None
    for formulae."""
    senses: list[float | None] = [None] * len(matches)
    pending: dict[str, list[tuple[int, str]]] = {}
    for i, match in enumerate(matches):
        if match.kind != "reinterpreted":
            continue
        lang = match.language or "en"
        context = context_of(text, match.start, match.end, match.formula_id, lang)
        model = bundled_sense_model(lang)
        if model is not None and f"__{match.formula_id}" in model.vocabulary:
            pending.setdefault(lang, []).append((i, context))
        else:
            cues = lexicon[match.formula_id].context.get(lang, ())
            senses[i] = 1.0 if cue_sense(cues, match.sentence or context) else 0.0
    for lang, items in pending.items():
        probabilities = bundled_sense_model(lang).probability([c for _, c in items])
        for (i, _), p in zip(items, probabilities, strict=True):
            senses[i] = round(float(p), 4)
    return senses
