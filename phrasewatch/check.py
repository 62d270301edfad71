"""``lexicon check``: validate lexicon files and run every example through the matcher.

It sits above both the lexicon and the matcher (the lexicon itself knows nothing of
matching): schema problems come from loading, the rest from matching the lexicon's own
examples and forms.
"""

from __future__ import annotations

__all__ = ["CheckReport", "check_distinctiveness", "check_lexicon", "check_report"]

from dataclasses import dataclass
from pathlib import Path

from .attribution import china_voice
from .errors import LexiconError, LexiconProblem
from .lexicon import KINDS, Lexicon, assemble_lexicon, load_lexicon
from .lexicon.load import resolve_lexicon_path
from .lexicon.notation import split_gaps
from .match import CompiledMatcher, ReferenceMatcher, available_backends
from .text import normalize, normalize_phrase


def _check_examples(lexicon: Lexicon, matcher) -> list[LexiconProblem]:
    problems = []
    for formula in lexicon:
        for language in ("en", "zh"):
            for expectation in ("match", "no_match"):
                for sentence, meta in formula.example_items(expectation, language):
                    # read as a document with the example's metadata (who speaks)
                    voice = china_voice(sentence, language=language, actor=meta.get("actor"),
                                        parties=meta.get("parties"), genre=meta.get("genre"))
                    found = [m.formula_id for m in matcher(sentence, voice=voice)]
                    if expectation == "match" and formula.id not in found:
                        other = f" (found {', '.join(sorted(set(found)))})" if found else ""
                        problems.append(LexiconProblem(formula.file or "", formula.line, formula.id,
                                                       f"{language} example does not match{other}: {sentence!r}"))
                    if expectation == "no_match" and formula.id in found:
                        problems.append(LexiconProblem(formula.file or "", formula.line, formula.id,
                                                       f"{language} must-not-match example matches: {sentence!r}"))
    return problems


def _check_swallowed(lexicon: Lexicon, matcher) -> list[LexiconProblem]:
    """A form that, standing alone, is found as another formula can never be found."""
    problems = []
    reported = set()
    for pattern in lexicon.patterns:
        if pattern.blocker or pattern.regex is not None:
            continue
        formula = lexicon[pattern.formula_id]
        segments, gaps = split_gaps(pattern.phrase)
        if not all(normalize(segment).text.strip() for segment in segments):
            problems.append(LexiconProblem(formula.file or "", formula.line, formula.id,
                                           f"{pattern.language} form {pattern.form!r} normalises to nothing"))
            continue
        # the phrase as a text would hold it: the fewest words each gap allows
        text = " ".join(x for pair in zip(segments, [" ".join(["so"] * g.least) for g in gaps] + [""], strict=True)
                        for x in pair if x)
        found = matcher(text, voice=lambda start, end: True)
        if pattern.licence is not None:
            # a short form counts only where no full form covers it; standing alone it
            # has no licence but China's voice, given here
            covering = sorted({m.formula_id for m in found if m.licence is None and m.start == 0 and m.end == len(text)})
            if covering:
                problems.append(LexiconProblem(formula.file or "", formula.line, formula.id,
                                               f"{pattern.language} short form {pattern.phrase!r} is a full form of {', '.join(covering)}: it can never count as a short form"))
            continue
        if any(m.formula_id == pattern.formula_id for m in found):
            continue
        owners = sorted({m.formula_id for m in found}) or ["a blocker"]
        key = (pattern.formula_id, pattern.phrase)
        if key in reported:
            continue
        reported.add(key)
        problems.append(LexiconProblem(formula.file or "", formula.line, formula.id,
                                       f"{pattern.language} form {pattern.phrase!r} (from {pattern.form!r}) is swallowed by {', '.join(owners)}"))
    return problems


def _check_gap_traps(lexicon: Lexicon, matcher: ReferenceMatcher) -> list[LexiconProblem]:
    """A form with gaps must be shown its limit: a no_match example that holds the words
    on either side of a gap but is not the formula (too many words between, or a
    clause break). Gaps are not a licence to match anything. A form whose first or last
    words are a form of the formula on their own needs none: its gap only joins what
    counts anyway into one use ("peace, development … freedom, the common values of
    humanity")."""
    problems = []
    for formula in lexicon:
        traps = [" " + normalize(t).text + " " for t in formula.example_texts("no_match", "en")]
        for form in dict.fromkeys(p.form for p in lexicon.patterns if p.formula_id == formula.id and p.gaps):
            phrases = [p.phrase for p in lexicon.patterns if p.formula_id == formula.id and p.form == form]
            ends = [(split_gaps(ph)[0][0], split_gaps(ph)[0][-1]) for ph in phrases]
            if all(any(m.formula_id == formula.id and m.licence is None for m in matcher(end)) for pair in ends for end in pair[:1]) \
                    or all(any(m.formula_id == formula.id and m.licence is None for m in matcher(pair[1])) for pair in ends):
                continue
            edges = [(normalize_phrase(a), normalize_phrase(b)) for a, b in ends]
            if not any(f" {a} " in trap and f" {b}" in trap[trap.index(f" {a} "):] for trap in traps for a, b in edges):
                problems.append(LexiconProblem(formula.file or "", formula.line, formula.id,
                                               f"form {form!r} has gaps but no no_match example with its words and too much between them"))
    return problems


def _check_first_look(lexicon: Lexicon) -> list[LexiconProblem]:
    """An English form that starts or ends with a mark ("U.N.") cannot be looked for by
    its letters first: every English text is then normalised whole, several times
    slower. Say so, with the form to rewrite."""
    problems = []
    for pattern in lexicon.patterns:
        if pattern.language != "en" or pattern.regex is not None:
            continue
        for part in (split_gaps(pattern.phrase)[0] if pattern.gaps else [pattern.phrase]):
            key = normalize_phrase(part)
            if key and key.isascii() and not (key[0].isalnum() and key[-1].isalnum()):
                formula = lexicon[pattern.formula_id]
                problems.append(LexiconProblem(formula.file or "", formula.line, formula.id,
                                               f"en form {pattern.form!r} starts or ends with a mark ({part!r}): scans cannot look for "
                                               "its letters first and read every English text whole, several times slower", "warning"))
                break
    return problems


def check_lexicon(*paths: str | Path) -> list[LexiconProblem]:
    """Every problem in the given lexicons (bundled names or paths), errors and warnings.

    Checks the schema, unique ids, Chinese and English for every formula, the variant
    notation and raw expressions, that every ``match`` example matches its formula and
    no ``no_match`` example does (an example may say who speaks: ``actor``, ``parties``,
    ``genre``), that no form is swallowed by another formula's, that every form with
    gaps has a no_match example that shows the gap's limit, and warns of forms that
    turn off the first look.
    """
    return _checked(*assemble_lexicon(*paths))


def _checked(lexicon: Lexicon | None, problems: list[LexiconProblem]) -> list[LexiconProblem]:
    if lexicon is None or any(p.severity == "error" for p in problems):
        return problems  # matching a lexicon that does not load would only add noise
    # The compiled engine (which finds exactly what the reference engine finds): the
    # reference engine tries every pattern on every example, which grows with the
    # square of the lexicon (4,000 entries: 46 s). pyahocorasick first, as it builds
    # its automaton faster than Hyperscan compiles, and a check matches little text.
    backends = available_backends()
    if backends:
        matcher = CompiledMatcher(lexicon, kinds=KINDS, backend="ahocorasick" if "ahocorasick" in backends else backends[0])
    else:
        matcher = ReferenceMatcher(lexicon, kinds=KINDS)
    problems.extend(_check_examples(lexicon, matcher))
    problems.extend(_check_swallowed(lexicon, matcher))
    problems.extend(_check_gap_traps(lexicon, matcher))
    problems.extend(_check_first_look(lexicon))
    return problems


def check_distinctiveness(*paths: str | Path, corpus, top: int = 3, jobs: int | None = None):
    """Measure every formula of the given lexicons on a reference corpus (``corpus``: a
    folder or files, such as the UN General Debate corpus's TXT folder) and compare the
    measured distinctiveness with the declared one.

    Returns the problems (warnings: a declared class the measure contradicts, unless the
    entry's ``measured_distinctiveness`` accepts the measured class and its notes say
    why; an acceptance the measure no longer needs) and the
    :class:`~phrasewatch.score.distinctiveness.DistinctivenessReport`, whose table also
    shows China's own uses dated before a formula's first_used (``prc_before``: the date
    may be too late, or the early use generic; the curator reads the sentence).
    """
    from .score.distinctiveness import measure_corpus

    try:
        lexicon = load_lexicon(*paths)
    except LexiconError as exc:
        return exc.problems, None
    corpus = [corpus] if isinstance(corpus, (str, Path)) else list(corpus)
    report = measure_corpus(corpus, lexicon, top=top, jobs=jobs)
    problems = []
    for row in report.table.itertuples(index=False):
        formula = lexicon[row.formula_id]
        where = (formula.file or "", formula.line, formula.id)
        accepted = formula.measured_distinctiveness
        if row.status == "differs":
            said = f" (measured_distinctiveness says {accepted})" if accepted else ""
            problems.append(LexiconProblem(*where, f"declared {row.declared}, measured {row.measured}{said}: "
                                           f"{report.describe(row.formula_id)}", "warning"))
        elif accepted and row.status == "agrees":
            problems.append(LexiconProblem(*where, f"measured_distinctiveness {accepted} is stale: the measure now "
                                           f"agrees with the declared {row.declared}", "warning"))
    return problems, report


@dataclass(frozen=True)
class CheckReport:
    """What ``lexicon check`` found: the files checked, the formulae they define (in
    file order; JUnit gives each a test case) and every problem."""

    files: tuple[str, ...]
    formulae: tuple[str, ...]
    problems: tuple[LexiconProblem, ...]

    def failing(self, strict: bool = False) -> list[LexiconProblem]:
        """The problems that fail a run: errors, and with ``strict`` warnings too."""
        return [p for p in self.problems if strict or p.severity == "error"]


def check_report(*paths: str | Path) -> CheckReport:
    """:func:`check_lexicon` with what a CI report needs besides the problems.

    Raises
    ------
    FileNotFoundError
        When a path is neither a file nor a bundled lexicon's name: that is a mistake in
        the command, not a problem of the lexicon (``lexicon check`` exits 2, not 1).
    """
    files = []
    for path in paths or ("ccdm",):
        try:
            resolved = resolve_lexicon_path(path)
        except LexiconError as exc:
            raise FileNotFoundError(str(exc.problems[0])) from None
        if not resolved.is_file():
            raise FileNotFoundError(f"{path}: no such lexicon file")
        files.append(str(resolved))
    lexicon, problems = assemble_lexicon(*paths)
    formulae = lexicon.ids if lexicon is not None else ()
    return CheckReport(tuple(files), tuple(formulae), tuple(_checked(lexicon, problems)))
