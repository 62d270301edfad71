"""``lexicon check``: validate lexicon files and run every example through the matcher.

It sits above both the lexicon and the matcher (the lexicon itself knows nothing of
matching): schema problems come from loading, the rest from matching the lexicon's own
examples and forms.
"""

from __future__ import annotations

__all__ = ["CheckReport", "check_lexicon", "check_report"]

from dataclasses import dataclass
from pathlib import Path

from .errors import LexiconError, LexiconProblem
from .lexicon import KINDS, Lexicon, assemble_lexicon
from .lexicon.load import resolve_lexicon_path
from .match import ReferenceMatcher
from .text import normalize


def _check_examples(lexicon: Lexicon, matcher: ReferenceMatcher) -> list[LexiconProblem]:
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


def _check_swallowed(lexicon: Lexicon, matcher: ReferenceMatcher) -> list[LexiconProblem]:
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
    return _checked(*assemble_lexicon(*paths))


def _checked(lexicon: Lexicon | None, problems: list[LexiconProblem]) -> list[LexiconProblem]:
    if lexicon is None or any(p.severity == "error" for p in problems):
        return problems  # matching a lexicon that does not load would only add noise
    matcher = ReferenceMatcher(lexicon, kinds=KINDS)
    problems.extend(_check_examples(lexicon, matcher))
    problems.extend(_check_swallowed(lexicon, matcher))
    return problems


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
