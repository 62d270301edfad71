"""Countries, regions and organisations by name, in English and Chinese.

One table (``phrasewatch/data/countries.csv``) for every stage that meets a country
name: corpus metadata (the parties of a joint statement from its title) and
attribution (who speaks in 印尼方 or "the Indonesian side"). It holds the 193 UN
member states, the two observer states, Taiwan, Hong Kong and Macao (and the Cook
Islands and Niue) as regions, and organisations that sign joint statements (EU, ASEAN,
the African Union, the Arab League, CELAC …) under short codes such as ``EU``.

>>> lookup("the People's Republic of China"), lookup("中华人民共和国"), lookup("Chinese")
('CHN', 'CHN', 'CHN')
>>> lookup("印尼"), lookup("Korea")
('IDN', None)
>>> side_candidates("印尼")
('IDN',)
>>> find_countries("China and the Republic of Indonesia", "en")
[(0, 5, 'CHN'), (14, 35, 'IDN')]
"""

from __future__ import annotations

__all__ = ["CHINA", "Country", "lookup", "side_candidates", "find_countries", "country_at", "country_names", "all_countries",
           "split_parties"]

import csv
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

CHINA = "CHN"  # the actor whose formulae are measured


def split_parties(value) -> tuple[str, ...]:
    """Actor codes from ``"CHN;IDN"`` (or ``,`` or ``|``; or a list) as a tuple.

    >>> split_parties("CHN; IDN"), split_parties(None)
    (('CHN', 'IDN'), ())
    """
    if value is None or value != value:  # None or NaN
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return tuple(p.strip() for p in re.split(r"[;,|]", str(value)) if p.strip())

_TABLE = Path(__file__).resolve().parent / "data" / "countries.csv"

# Names that are real names but mostly mean something else in running text: 中非 is
# also "China–Africa" (中非合作论坛), "America" also the continent in "Latin America".
# lookup() knows them; find_countries() does not report them.
_NOT_IN_RUNNING_TEXT = frozenset({"中非", "America"})


@dataclass(frozen=True)
class Country:
    """One country, region or organisation.

    ``code``: ISO 3166 alpha-3 for countries and regions, a short code (``EU``,
    ``ASEAN``, ``AU``) for organisations; ``kind``: member, observer, region or
    organisation; ``side_zh``: the abbreviations written before 方 for this party
    in Chinese joint statements (阿 in 阿方), often shared with other countries.
    """

    code: str
    kind: str
    name_en: str
    official_en: str
    other_en: tuple[str, ...]
    demonyms: tuple[str, ...]
    name_zh: str
    official_zh: str
    short_zh: tuple[str, ...]
    side_zh: tuple[str, ...]

    @property
    def names_en(self) -> tuple[str, ...]:
        """Every English name and adjective, official name first without its "the"."""
        return tuple(dict.fromkeys([_without_article(self.official_en), self.name_en, *self.other_en, *self.demonyms]))

    @property
    def names_zh(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys([self.official_zh, self.name_zh, *self.short_zh]))


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";") if part.strip())


def _without_article(name: str) -> str:
    return re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)


def _key(name: str) -> str:
    """How names are compared: NFKC (full-width brackets become ASCII), accents and a
    leading "the" dropped, curly apostrophes straightened, case and spacing ignored."""
    text = unicodedata.normalize("NFKC", name).replace("\u2019", "'").replace("\u2018", "'")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", _without_article(text)).casefold()


@functools.lru_cache(maxsize=1)
def all_countries() -> tuple[Country, ...]:
    """The whole table, in its file order."""
    with _TABLE.open(encoding="utf-8", newline="") as fh:
        return tuple(
            Country(
                code=row["code"], kind=row["kind"], name_en=row["name_en"], official_en=row["official_en"],
                other_en=_split(row["other_en"]), demonyms=_split(row["demonyms"]), name_zh=row["name_zh"],
                official_zh=row["official_zh"], short_zh=_split(row["short_zh"]), side_zh=_split(row["side_zh"]),
            )
            for row in csv.DictReader(fh)
        )


@functools.lru_cache(maxsize=1)
def _by_code() -> dict[str, Country]:
    return {c.code: c for c in all_countries()}


@functools.lru_cache(maxsize=1)
def _codes_by_name() -> dict[str, frozenset[str]]:
    """Each name's key → every code it may stand for (more than one: ambiguous)."""
    index: dict[str, set[str]] = {}
    for c in all_countries():
        for name in (c.code, *c.names_en, *c.names_zh):
            index.setdefault(_key(name), set()).add(c.code)
    return {k: frozenset(v) for k, v in index.items()}


def lookup(name: str) -> str | None:
    """The code of a country named in English or Chinese (short or official name, other
    name, short form or adjective), or None when unknown or ambiguous ("Korea",
    "Congolese", 刚果)."""
    codes = _codes_by_name().get(_key(name)) if name else None
    return next(iter(codes)) if codes and len(codes) == 1 else None


def side_candidates(abbrev: str) -> tuple[str, ...]:
    """The codes a Chinese 「X方」 abbreviation can stand for, in table order: 印尼 →
    ``("IDN",)``; 阿 → Afghanistan, Albania, Algeria, Argentina, Azerbaijan, Oman, the
    UAE; () when it names no party. Choose among several with the document's parties."""
    abbrev = unicodedata.normalize("NFKC", abbrev.strip()).removesuffix("方")
    if not abbrev:
        return ()
    return tuple(
        c.code for c in all_countries()
        if any(unicodedata.normalize("NFKC", a) == abbrev for a in (*c.side_zh, c.name_zh, *c.short_zh))
    )


def country_names(iso3: str) -> Country:
    """The record of a code (``"IDN"``, ``"EU"``); KeyError when there is none."""
    try:
        return _by_code()[iso3.upper()]
    except KeyError:
        raise KeyError(f"no country, region or organisation with code {iso3!r}") from None


def _english_alternative(name: str) -> str:
    # line breaks of hard-wrapped text between words; either apostrophe
    return r"\s+".join(re.escape(word).replace("'", "['\u2019]") for word in name.split())


def _chinese_forms(name: str) -> set[str]:
    # 刚果（金） is written with full-width or ASCII brackets
    return {name, unicodedata.normalize("NFKC", name), name.replace("(", "（").replace(")", "）")}


@functools.lru_cache(maxsize=2)
def _finder(language: str) -> tuple[re.Pattern, dict[str, str]]:
    """One alternation over all unambiguous names, longest first, so that at any
    position the longest name wins ("Equatorial Guinea" over "Guinea")."""
    ambiguous = {k for k, codes in _codes_by_name().items() if len(codes) > 1}
    code_of: dict[str, str] = {}
    for c in all_countries():
        if language == "zh":
            # one-character short forms (中, 美, 俄) are parts of words, not names
            names = [form for n in c.names_zh if len(n) > 1 for form in _chinese_forms(n)]
        else:
            names = list(c.names_en)
        for name in names:
            if name not in _NOT_IN_RUNNING_TEXT and _key(name) not in ambiguous:
                code_of[name] = c.code
    ordered = sorted(code_of, key=lambda n: (-len(n), n))
    if language == "zh":
        pattern = "|".join(map(re.escape, ordered))
    else:
        pattern = r"(?<!\w)(?:" + "|".join(map(_english_alternative, ordered)) + r")(?!\w)"
    lookup_key = {_match_key(n, language): code for n, code in code_of.items()}
    return re.compile(pattern), lookup_key


def _match_key(text: str, language: str) -> str:
    return _key(text) if language != "zh" else unicodedata.normalize("NFKC", text)


def find_countries(text: str, language: str) -> list[tuple[int, int, str]]:
    """``(start, end, code)`` of every country name or adjective in ``text``, left to
    right, never overlapping, the longest name winning where names overlap ("Papua New
    Guinea", not "Guinea"; 南苏丹, not 苏丹). English names are matched whole words and
    case-sensitively ("Chad", not "chad"); ambiguous names ("Dominican", "Congolese")
    are left out, since no code can be given."""
    language = "zh" if str(language).lower().startswith("zh") else "en"
    pattern, code_of = _finder(language)
    return [(m.start(), m.end(), code_of[_match_key(m.group(), language)]) for m in pattern.finditer(text)]


def country_at(text: str, pos: int, language: str) -> tuple[int, int, str] | None:
    """The country name starting exactly at ``pos``, as ``(start, end, code)``, or None.
    What :func:`find_countries` would report there, without scanning the rest."""
    language = "zh" if str(language).lower().startswith("zh") else "en"
    pattern, code_of = _finder(language)
    m = pattern.match(text, pos)
    return (m.start(), m.end(), code_of[_match_key(m.group(), language)]) if m else None
