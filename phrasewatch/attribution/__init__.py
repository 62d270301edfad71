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
    "ATTRIBUTION_COLUMNS", "OP_ED_GENRES", "READOUT_GENRES", "THIRD_PARTY_GENRES", "attribute", "Speakers", "Voice",
    "stance_of", "grade_clause", "taiwan_grade", "reading_of",
]

from .. import countries
from ..lexicon.model import Lexicon
from ..text.sentences import Sentences
from .gloss import mark_glosses
from .quotes import Quoted, ReportedSpeech
from .sense import bundled_sense_model, context_of, cue_sense
from .stance import THIRD_PARTY_GENRES, stance_of
from .strength import TAIWAN_FORMULAE, grade_clause, taiwan_grade
from .voice import CHINA, Speakers, Voice, split_parties

ATTRIBUTION_COLUMNS = (
    "voice", "voice_actors", "subject", "stance", "stance_cue", "strength", "strength_name", "strength_cue", "prc_sense",
    "speaker", "gloss_of",
)
OP_ED_GENRES = frozenset({"op_ed", "op-ed", "opinion"})
READOUT_GENRES = frozenset({"readout"})


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
    reading = reading_of(genre, actor)
    own_side = speakers.authors if reading == "readout" and len(speakers.authors) == 1 else ()
    reported = ReportedSpeech(text, speakers.language, own_side) if reading != "own" else None
    for row in rows:
        start, end = row["start"], row["end"]
        formula = lexicon[row["formula_id"]]
        lang = row.get("language") or speakers.language
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
            "speaker": speaker,
        })
    mark_glosses(rows, text)
    _add_sense(rows, text, lexicon)
    return rows


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
