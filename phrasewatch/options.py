"""Options as values: what a scan and a score are asked to do, checked once, when made.

The library, the command line and Dask build the same frozen objects, so an option is
validated in one place and travels as one value instead of through every signature.

>>> ScanOptions(jobs=2).jobs
2
>>> ScanOptions(kinds=("formulas",))
Traceback (most recent call last):
...
ValueError: kinds must be among formula, reinterpreted; got 'formulas'
"""

from __future__ import annotations

__all__ = ["ScanOptions", "ScoreOptions", "DEFAULT_MAX_BYTES", "FORMULA_GROUPS", "KWIC_LIMIT", "SCORE_TABLES", "check_weights"]

import codecs
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from types import MappingProxyType

from .corpus.document import ReadOptions
from .errors import ScoreInputError
from .lexicon.model import KINDS

DEFAULT_MAX_BYTES = ReadOptions.max_bytes
# the choices of the score and report commands, here so that the command line lists
# them without importing the scores (pandas and all)
SCORE_TABLES = ("adoption", "mentions", "index", "first", "diffusion")
FORMULA_GROUPS = ("formula", "category", "parent", "all")
KWIC_LIMIT = 20_000  # most matches a report's sentence tables carry


def _merged(cls, options, keywords: dict):
    """``options`` (or the defaults) with ``keywords`` replacing its fields; an unknown
    keyword is a TypeError that lists the known ones."""
    known = {f.name for f in fields(cls)}
    unknown = sorted(set(keywords) - known)
    if unknown:
        raise TypeError(f"unknown {cls.__name__} option(s): {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    if options is not None and not isinstance(options, cls):
        raise TypeError(f"options must be a {cls.__name__}, got {type(options).__name__}")
    base = options if options is not None else cls()
    return replace(base, **keywords) if keywords else base


@dataclass(frozen=True)
class ScanOptions:
    """How to scan.

    Parameters
    ----------
    kinds : which kinds of formulae to match (``"formula"``, ``"reinterpreted"``).
    text_column : for tables (.csv, .jsonl, .parquet …), the column holding the text.
    encoding : force an encoding instead of detecting one.
    max_bytes : larger files (or .docx, .xlsx, .parquet unpacking to more) are recorded
        as errors instead of read.
    max_rows : rows read from one table file; the rest are one error row.
    max_matches : matches kept per document; the rest are dropped with a warning.
    jobs : worker processes; None for one per core. The result is the same for any.
    store : an SQLite file (see :mod:`phrasewatch.store`): an interrupted scan resumes
        where it stopped, and after a lexicon edit stored text is matched again.
    rebuild_store : a damaged store is moved aside (``FILE.damaged``) and started anew.
    chinese_tokens : the unit of token counts (rate denominators) in Chinese text:
        ``"characters"`` (each Chinese character one token: no segmentation) or
        ``"jieba"`` (jieba's words, with the lexicon's phrases one word each; segments
        every Chinese text in full). Other words count as words either way.
    """

    kinds: tuple[str, ...] = ("formula",)
    text_column: str | None = None
    encoding: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    max_rows: int = ReadOptions.max_rows
    max_matches: int = ReadOptions.max_matches
    jobs: int | None = 1
    store: Path | None = None
    rebuild_store: bool = False
    chinese_tokens: str = "characters"

    def __post_init__(self):
        kinds = (self.kinds,) if isinstance(self.kinds, str) else tuple(self.kinds)
        for kind in kinds:
            if kind not in KINDS:
                raise ValueError(f"kinds must be among {', '.join(KINDS)}; got {kind!r}")
        if not kinds:
            raise ValueError(f"kinds must name at least one of {', '.join(KINDS)}")
        object.__setattr__(self, "kinds", kinds)
        if self.encoding is not None:
            try:
                codecs.lookup(self.encoding)
            except LookupError:
                raise ValueError(f"unknown encoding {self.encoding!r}") from None
        for name in ("max_bytes", "max_rows", "max_matches"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise ValueError(f"{name} must be a positive whole number, got {value!r}")
        if self.jobs is not None and (isinstance(self.jobs, bool) or not isinstance(self.jobs, int) or self.jobs < 1):
            raise ValueError(f"jobs must be a whole number of processes (1 or more) or None for one per core, got {self.jobs!r}")
        if self.store is not None:
            object.__setattr__(self, "store", Path(self.store))
        if self.chinese_tokens not in ("characters", "jieba"):
            raise ValueError(f"chinese_tokens must be 'characters' or 'jieba', got {self.chinese_tokens!r}")
        if self.text_column is not None and not isinstance(self.text_column, str):
            raise TypeError(f"text_column must be a column name (str), got {type(self.text_column).__name__}")

    @classmethod
    def of(cls, options: ScanOptions | None = None, **keywords) -> ScanOptions:
        """``options`` with any of its fields given as keywords replaced."""
        return _merged(cls, options, keywords)

    @property
    def read(self) -> ReadOptions:
        """What the readers need to know."""
        return ReadOptions(text_column=self.text_column, encoding=self.encoding, max_bytes=self.max_bytes,
                           max_rows=self.max_rows, max_matches=self.max_matches)


@dataclass(frozen=True)
class ScoreOptions:
    """What a score counts.

    Parameters
    ----------
    include_anachronistic : count matches dated before the formula's first PRC use
        ("true multilateralism" in 1990). Left out by default: they are not adoption.
    include_china_voice : credit every party of a statement with China's own sentences
        too (the naive document count).
    count_copies : count every copy of a document (a reprint, another format, a
        translation) instead of each group of copies once.
    include_glosses : count a formula glossed in the other language right after it
        ("Global Development Initiative (全球发展倡议)") twice instead of once.
    include_borrowed : count a formula China took from others (Non-Aligned, Russian, UN
        wording) also where the lexicon says China had not (yet) made it its own.
    weights : formula id -> weight for the adoption index (finite, not negative);
        formulae it does not name keep the lexicon's weight (by distinctiveness).
    formula : count only these formulae (a list, or one string, comma-separated): ids,
        acronyms (GDI) or any form ("community with a shared future"), a category
        (``initiative``, or ``category:bri`` where a category shares an id's name), or
        ``parent:ID`` for a formula and every formula under it. Empty: all.
    actor, exclude_actor : count only these actors, or all but these (ISO3 codes or
        labels, any case). Adoption scores filter the actor credited with a match;
        mentions filter documents by their actor or parties.
    since, until : count only documents of these years (inclusive).
    """

    include_anachronistic: bool = False
    include_china_voice: bool = False
    count_copies: bool = False
    include_glosses: bool = False
    include_borrowed: bool = False
    weights: Mapping[str, float] | None = field(default=None, compare=False)
    formula: tuple[str, ...] = ()
    actor: tuple[str, ...] = ()
    exclude_actor: tuple[str, ...] = ()
    since: int | None = None
    until: int | None = None

    def __post_init__(self):
        for name in ("include_anachronistic", "include_china_voice", "count_copies", "include_glosses", "include_borrowed"):
            if not isinstance(getattr(self, name), bool):
                raise TypeError(f"{name} must be True or False, got {getattr(self, name)!r}")
        if self.weights is not None:
            object.__setattr__(self, "weights", MappingProxyType(check_weights(self.weights)))
        object.__setattr__(self, "formula", _names("formula", self.formula))
        object.__setattr__(self, "actor", tuple(a.upper() for a in _names("actor", self.actor)))
        object.__setattr__(self, "exclude_actor", tuple(a.upper() for a in _names("exclude_actor", self.exclude_actor)))
        overlap = sorted(set(self.actor) & set(self.exclude_actor))
        if overlap:
            raise ValueError(f"actor and exclude_actor both name {', '.join(overlap)}")
        for name in ("since", "until"):
            object.__setattr__(self, name, _year(name, getattr(self, name)))
        if self.since is not None and self.until is not None and self.since > self.until:
            raise ValueError(f"since ({self.since}) is after until ({self.until})")

    @classmethod
    def of(cls, options: ScoreOptions | None = None, **keywords) -> ScoreOptions:
        """``options`` with any of its fields given as keywords replaced."""
        return _merged(cls, options, keywords)


def check_weights(weights) -> dict[str, float] | None:
    """Formula weights as a dict of finite numbers of 0 or more (None stays None).

    Raises
    ------
    ScoreInputError
        Listing every weight that is not one (negative, NaN, infinite, not a number),
        or saying that ``weights`` is not a mapping of formula ids to numbers.
    """
    if weights is None:
        return None
    if not isinstance(weights, Mapping):
        raise ScoreInputError([f"weights must map formula ids to numbers (formula_id: weight), found a "
                               f"{type(weights).__name__}"])
    out, problems = {}, []
    for key, value in weights.items():
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            problems.append(f"weight of {key!r}: {value!r} is not a number")
            continue
        try:
            number = float(value)
        except ValueError:
            problems.append(f"weight of {key!r}: {value!r} is not a number")
            continue
        if not math.isfinite(number) or number < 0:
            problems.append(f"weight of {key!r}: {value!r} must be a finite number ≥ 0")
            continue
        out[str(key)] = number
    if problems:
        raise ScoreInputError(problems)
    return out


def _names(option: str, value) -> tuple[str, ...]:
    """A comma-separated string or a list of strings as a tuple of names."""
    if value is None:
        return ()
    items = value.split(",") if isinstance(value, str) else list(value)
    names = []
    for item in items:
        if not isinstance(item, str):
            raise TypeError(f"{option} takes names (str), got {item!r}")
        for part in item.split(","):
            if part.strip():
                names.append(part.strip())
    return tuple(dict.fromkeys(names))


def _year(option: str, value) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).strip().isdigit():
        raise ValueError(f"{option} must be a year such as 2015, got {value!r}")
    return int(value)
