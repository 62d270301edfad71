"""phrasewatch: find CCP diplomatic formulae in English and Chinese documents and count
who adopts them.

>>> import phrasewatch
>>> result = phrasewatch.scan()            # the bundled sample corpus
>>> table = phrasewatch.score(result.matches, result.documents, by=["actor"])
>>> adopted = phrasewatch.adoption(result.matches, result.documents, lexicon=result.lexicon)
"""

from .check import check_lexicon
from .discovery import Discovery, discover
from .errors import DecodeError, LexiconError, PhrasewatchError, ReadError
from .lexicon import Lexicon, load_lexicon
from .match import Match, Matcher, ReferenceMatcher
from .scan import ScanResult, iter_scan, scan, scan_text
from .score import adoption, adoption_index, diffusion, explain, first_adoption, score
from .text import normalize

__all__ = [
    "DecodeError",
    "Discovery",
    "Lexicon",
    "LexiconError",
    "Match",
    "Matcher",
    "adoption",
    "adoption_index",
    "diffusion",
    "explain",
    "first_adoption",
    "PhrasewatchError",
    "ReadError",
    "ReferenceMatcher",
    "ScanResult",
    "check_lexicon",
    "discover",
    "iter_scan",
    "load_lexicon",
    "normalize",
    "scan",
    "scan_text",
    "score",
]

__version__ = "0.1.0"
