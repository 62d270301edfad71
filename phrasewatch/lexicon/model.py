"""Plain records of a loaded lexicon: formulae, their forms, and compiled patterns."""

from __future__ import annotations

__all__ = [
    "KINDS",
    "DISTINCTIVENESS_WEIGHTS",
    "ORIGINS",
    "BORROWED_WEIGHT",
    "LANGUAGES",
    "Rendering",
    "FirstUse",
    "ShortForm",
    "LICENCES",
    "Origin",
    "dated_before",
    "Formula",
    "Pattern",
    "Lexicon",
]

import datetime as dt
from dataclasses import dataclass, field
from types import MappingProxyType

KINDS = ("formula", "reinterpreted")
DISTINCTIVENESS_WEIGHTS = MappingProxyType({"signature": 1.0, "mixed": 0.5, "generic": 0.2})
# Where a formula's words come from: a PRC coinage, or wording China took over from the
# Non-Aligned Movement / G77, Russia or the OSCE, the UN's own language, Western policy
# vocabulary, or elsewhere.
ORIGINS = ("prc", "non_aligned", "russia_osce", "un", "western", "other")
# A borrowed formula, even once China has made it its own, says less about Beijing's
# influence than its own coinage: its default weight is scaled by this.
BORROWED_WEIGHT = 0.5
LANGUAGES = ("en", "zh")
# When a short form counts: after its formula (or a sub-formula) is spelled out earlier
# in the document; in text China voices; either; both.
LICENCES = ("after", "china", "after or china", "after and china")


@dataclass(frozen=True)
class Rendering:
    """An official English rendering and when it was in use."""

    text: str
    years: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class FirstUse:
    """When the PRC first used a formula, as precisely as known."""

    date: str  # "YYYY", "YYYY-MM" or "YYYY-MM-DD", as written in the lexicon
    source: str | None = None

    @property
    def earliest(self) -> dt.date:
        """First day the written date can stand for (2021 -> 2021-01-01)."""
        parts = [int(p) for p in self.date.split("-")]
        while len(parts) < 3:
            parts.append(1)
        return dt.date(*parts)

    @property
    def year(self) -> int:
        return int(self.date[:4])


def dated_before(when: str, date: dt.date | None, year: int | None) -> bool:
    """True when a document (``date``, else ``year``) is dated before ``when`` ("YYYY",
    "YYYY-MM" or "YYYY-MM-DD"). With only a year on either side, years are compared, so
    a document of the same year is never before."""
    if date is not None and len(when) > 4:
        parts = [int(p) for p in when.split("-")]
        return date < dt.date(*parts, *([1] * (3 - len(parts))))
    if year is None and date is not None:
        year = date.year
    if year is None:
        return False
    return year < int(when[:4])


@dataclass(frozen=True)
class Origin:
    """Where a formula's words come from and since when China has promoted them as its own.

    ``coined_by`` is one of :data:`ORIGINS`. For a PRC coinage ``prc_since`` is None (the
    formula is China's from its first use). For a borrowed formula, ``prc_since`` is the
    date (as written) from which China made it its own; None means it never did, and no
    use of it is adoption of Beijing's vocabulary.
    """

    coined_by: str = "prc"
    prc_since: str | None = None
    source: str | None = None

    @property
    def borrowed(self) -> bool:
        return self.coined_by != "prc"

    def owned_by_prc(self, date: dt.date | None = None, year: int | None = None) -> bool:
        """Was the formula China's own on this date? Always for a PRC coinage; for a
        borrowed one, from ``prc_since`` on (never without it)."""
        if not self.borrowed:
            return True
        if self.prc_since is None:
            return False
        return not dated_before(self.prc_since, date, year)


PRC_ORIGIN = Origin()


@dataclass(frozen=True)
class ShortForm:
    """A form that stands for the formula only in context (see :data:`LICENCES`)."""

    form: str
    licence: str = "after"

    def needs(self, licence: str) -> bool:
        return licence in self.licence.split()


@dataclass(frozen=True)
class Formula:
    """One formula (提法) of a lexicon, as written in its file."""

    id: str
    kind: str
    category: str
    distinctiveness: str
    zh_canonical: str
    weight: float | None = None
    parent: str | None = None
    opposes: bool = False
    first_used: FirstUse | None = None
    origin: Origin = PRC_ORIGIN
    measured_distinctiveness: str | None = None  # the class a reference corpus measures, when it differs and notes say why
    zh_variants: tuple[str, ...] = ()
    zh_blockers: tuple[str, ...] = ()
    en_renderings: tuple[Rendering, ...] = ()
    en_variants: tuple[str, ...] = ()
    en_acronyms: tuple[str, ...] = ()
    en_blockers: tuple[str, ...] = ()
    zh_short_forms: tuple[ShortForm, ...] = ()
    en_short_forms: tuple[ShortForm, ...] = ()
    context: dict = field(default_factory=dict)
    notes: str | None = None
    sources: tuple[str, ...] = ()
    examples: dict = field(default_factory=dict)
    file: str | None = None
    line: int | None = None

    @property
    def effective_weight(self) -> float:
        """``weight`` when set; else the distinctiveness default, scaled by
        :data:`BORROWED_WEIGHT` for a formula China took from others."""
        if self.weight is not None:
            return float(self.weight)
        scale = BORROWED_WEIGHT if self.origin.borrowed else 1.0
        return DISTINCTIVENESS_WEIGHTS[self.distinctiveness] * scale

    @property
    def borrowed(self) -> bool:
        """True when the formula's words are not a PRC coinage (see :class:`Origin`)."""
        return self.origin.borrowed

    def forms(self, language: str) -> tuple[str, ...]:
        """Every form in the notation that matches this formula in ``language``."""
        if language == "zh":
            return (self.zh_canonical, *self.zh_variants)
        if language == "en":
            return (*(r.text for r in self.en_renderings), *self.en_variants)
        raise ValueError(f"language must be one of {LANGUAGES}, got {language!r}")

    def blockers(self, language: str) -> tuple[str, ...]:
        return self.zh_blockers if language == "zh" else self.en_blockers

    def short_forms(self, language: str) -> tuple[ShortForm, ...]:
        """Forms that count only with a licence (after the formula, in China's voice)."""
        return self.zh_short_forms if language == "zh" else self.en_short_forms

    def example_texts(self, expectation: str, language: str) -> tuple[str, ...]:
        """Example sentences; ``expectation`` is "match" or "no_match"."""
        return tuple(text for text, _ in self.example_items(expectation, language))

    def example_items(self, expectation: str, language: str) -> tuple[tuple[str, dict], ...]:
        """Example sentences with the document metadata they are read with (``actor``,
        ``parties``, ``genre``: an example of a short form licensed by China's voice
        says who speaks)."""
        return tuple((item, {}) if isinstance(item, str) else (item["text"], {k: v for k, v in item.items() if k != "text"})
                     for item in self.examples.get(expectation, {}).get(language, ()))


@dataclass(frozen=True)
class Pattern:
    """One phrase (or regular expression) expanded from a formula's form.

    ``phrase`` is as written, with the notation expanded (gaps as ``…M-N`` tokens); the
    matcher normalises it the way it normalises documents. For a regular expression ``regex`` holds the
    compiled pattern and ``phrase`` its source. A blocker matches like any pattern and
    wins where it is longest, but reports nothing.
    """

    formula_id: str
    language: str
    form: str  # the form as written in the lexicon (notation or re:)
    phrase: str
    blocker: bool = False
    regex: object | None = None
    licence: str | None = None  # a short form's licence (see LICENCES); None: counts anywhere
    gaps: tuple = ()  # the gaps (notation.Gap) between the phrase's segments, if any

    @property
    def literal(self) -> bool:
        """A fixed phrase: neither a regular expression nor a phrase with gaps."""
        return self.regex is None and not self.gaps


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Formulae loaded from one or more lexicon files, keyed by id."""

    formulae: dict  # id -> Formula; plain dicts so that a lexicon pickles (workers, Dask)
    files: tuple[str, ...]
    names: tuple[str, ...]
    version: str
    patterns: tuple[Pattern, ...]

    def __len__(self) -> int:
        return len(self.formulae)

    def __contains__(self, formula_id: object) -> bool:
        return formula_id in self.formulae

    def __getitem__(self, formula_id: str) -> Formula:
        try:
            return self.formulae[formula_id]
        except KeyError:
            raise KeyError(f"no formula {formula_id!r} in lexicon {', '.join(self.names)}") from None

    def __iter__(self):
        return iter(self.formulae.values())

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self.formulae)

    def select(self, kinds=KINDS) -> Lexicon:
        """The same lexicon restricted to formulae of the given kinds."""
        kinds = tuple(kinds)
        keep = {k: f for k, f in self.formulae.items() if f.kind in kinds}
        return Lexicon(
            formulae=keep,
            files=self.files,
            names=self.names,
            version=self.version,
            patterns=tuple(p for p in self.patterns if p.formula_id in keep),
        )
