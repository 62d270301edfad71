"""phrasewatch: find CCP diplomatic formulae in English and Chinese documents and count
who adopts them.

>>> import phrasewatch
>>> result = phrasewatch.scan()            # the bundled sample corpus
>>> adopted = phrasewatch.adoption(result)  # endorsements by actor and year
>>> one = phrasewatch.scan_text("Indonesia supports the Global Development Initiative.", actor="IDN", date="2024")
>>> phrasewatch.adoption(one)[["actor", "year", "formula_id", "adopted"]].values.tolist()
[['IDN', 2024, 'gdi', True]]
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from typing import TYPE_CHECKING

# Where each public name lives. They are imported when first asked for (PEP 562), so
# that ``import phrasewatch`` and a command that needs a few stages (``phrasewatch
# scan --help``, ``lexicon list``) do not import every stage, pandas and all.
_PUBLIC = {
    "check_distinctiveness": "check", "check_lexicon": "check",
    "compare": "compare",
    "lexicon_coverage": "coverage", "lexicon_diff": "coverage",
    "Discovery": "discovery", "discover": "discovery",
    "DecodeError": "errors", "LexiconError": "errors", "PhrasewatchError": "errors", "ReadError": "errors",
    "Lexicon": "lexicon", "load_lexicon": "lexicon",
    "Match": "match", "Matcher": "match", "ReferenceMatcher": "match",
    "ScanOptions": "options", "ScoreOptions": "options",
    "summarize": "report",
    "ScanResult": "result",
    "iter_scan": "scan", "scan": "scan", "scan_frame": "scan", "scan_text": "scan",
    "adoption": "score", "adoption_index": "score", "diffusion": "score", "explain": "score",
    "first_adoption": "score", "score": "score", "score_table": "score",
    "normalize": "text",
}

if TYPE_CHECKING:  # for readers and type checkers: the names as eager imports gave them
    from .check import check_distinctiveness, check_lexicon
    from .compare import compare
    from .coverage import lexicon_coverage, lexicon_diff
    from .discovery import Discovery, discover
    from .errors import DecodeError, LexiconError, PhrasewatchError, ReadError
    from .lexicon import Lexicon, load_lexicon
    from .match import Match, Matcher, ReferenceMatcher
    from .options import ScanOptions, ScoreOptions
    from .report import summarize
    from .result import ScanResult
    from .scan import iter_scan, scan, scan_frame, scan_text
    from .score import adoption, adoption_index, diffusion, explain, first_adoption, score, score_table
    from .text import normalize


def __getattr__(name: str):
    module = _PUBLIC.get(name)
    if module is not None:
        value = getattr(importlib.import_module(f".{module}", __name__), name)
        globals()[name] = value  # asked for once
        return value
    # a stage by its module (phrasewatch.report.html after import phrasewatch), as when
    # this file imported them all
    if not name.startswith("__") and importlib.util.find_spec(f"{__name__}.{name}") is not None:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_PUBLIC})


class _Package(types.ModuleType):
    """Importing the module ``phrasewatch.scan`` (or ``.compare``, ``.score``) sets the
    package's attribute of that name to the module; the public name is the function it
    holds, as it was when this file imported them all."""

    def __setattr__(self, name: str, value) -> None:
        if isinstance(value, types.ModuleType) and value.__name__ == f"{__name__}.{name}" and _PUBLIC.get(name) == name:
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

__all__ = [
    "DecodeError",
    "Discovery",
    "Lexicon",
    "LexiconError",
    "Match",
    "Matcher",
    "PhrasewatchError",
    "ReadError",
    "ReferenceMatcher",
    "ScanOptions",
    "ScanResult",
    "ScoreOptions",
    "adoption",
    "adoption_index",
    "check_distinctiveness",
    "check_lexicon",
    "compare",
    "diffusion",
    "discover",
    "explain",
    "first_adoption",
    "iter_scan",
    "lexicon_coverage",
    "lexicon_diff",
    "load_lexicon",
    "normalize",
    "scan",
    "scan_frame",
    "scan_text",
    "score",
    "score_table",
    "summarize",
]

__version__ = "0.1.0"
