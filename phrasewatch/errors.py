"""Errors raised by phrasewatch. Each message says what is wrong and how to fix it."""

from __future__ import annotations

__all__ = [
    "EXIT_OK",
    "EXIT_FAILURE",
    "EXIT_PARTIAL",
    "PhrasewatchError",
    "LexiconError",
    "LexiconProblem",
    "DecodeError",
    "ReadError",
    "ScoreInputError",
]

from dataclasses import dataclass

# Exit codes a CI can tell apart: everything read; some files failed; nothing usable.
EXIT_OK = 0
EXIT_FAILURE = 2
EXIT_PARTIAL = 3


class PhrasewatchError(Exception):
    """Base class of every error phrasewatch raises on purpose."""


@dataclass(frozen=True)
class LexiconProblem:
    """One problem in a lexicon file, located as precisely as the file allows."""

    file: str
    line: int | None
    entry: str | None
    message: str
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        who = f" {self.entry}:" if self.entry else ""
        return f"{where}:{who} {self.message}"

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "entry": self.entry,
            "severity": self.severity,
            "message": self.message,
        }


class LexiconError(PhrasewatchError, ValueError):
    """A lexicon could not be loaded. ``problems`` lists every problem found."""

    def __init__(self, problems: list[LexiconProblem]):
        self.problems = list(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in lexicon:\n{lines}")


class DecodeError(PhrasewatchError, UnicodeError):
    """Bytes that could not be decoded with confidence."""


class ReadError(PhrasewatchError, OSError):
    """A document could not be read (binary, unreadable, unsupported)."""


class ScoreInputError(PhrasewatchError, ValueError):
    """Tables, weights or options that cannot be scored; ``problems`` lists every one."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"cannot score: {len(self.problems)} problem(s) in the input:\n{lines}")
