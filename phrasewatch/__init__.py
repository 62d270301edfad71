"""phrasewatch: find CCP diplomatic formulae in English and Chinese documents and count
who adopts them.

>>> import phrasewatch
>>> result = phrasewatch.scan()            # the bundled sample corpus
>>> adopted = phrasewatch.adoption(result)  # endorsements by actor and year
>>> one = phrasewatch.scan_text("Indonesia supports the Global Development Initiative.", actor="IDN", date="2024")
>>> phrasewatch.adoption(one)[["actor", "year", "formula_id", "adopted"]].values.tolist()
[['IDN', 2024, 'gdi', True]]
"""

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
