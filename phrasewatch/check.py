"""``lexicon check``: validate lexicon files and run every example through the matcher.

It sits above both the lexicon and the matcher (the lexicon itself knows nothing of
matching): schema problems come from loading, the rest from matching the lexicon's own
examples and forms.
"""

from __future__ import annotations

__all__ = ["check_lexicon", "check_distinctiveness"]

from pathlib import Path

from .errors import LexiconError, LexiconProblem
from .lexicon import KINDS, Lexicon, assemble_lexicon, load_lexicon
from .match import CompiledMatcher, ReferenceMatcher, available_backends
from .text import normalize


def _check_examples(lexicon: Lexicon, matcher) -> list[LexiconProblem]:
    problems = []
    for formula in lexicon:
        for language in ("en", "zh"):
            for expectation in ("match", "no_match"):
                for sentence in formula.example_texts(expectation, language):
                    found = [m.formula_id for m in matcher(sentence)]
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
        if not normalize(pattern.phrase).text.strip():
            problems.append(LexiconProblem(formula.file or "", formula.line, formula.id,
                                           f"{pattern.language} form {pattern.form!r} normalises to nothing"))
            continue
        found = matcher(pattern.phrase)
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


def check_lexicon(*paths: str | Path) -> list[LexiconProblem]:
    """Every problem in the given lexicons (bundled names or paths), errors and warnings.

    Checks the schema, unique ids, Chinese and English for every formula, the variant
    notation and raw expressions, that every ``match`` example matches its formula and
    no ``no_match`` example does, and that no form is swallowed by another formula's.
    """
    lexicon, problems = assemble_lexicon(*paths)
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
