"""The numbers a report shows, computed once, by the same score calls `phrasewatch score`
makes (:func:`~phrasewatch.score.score_table` runs the same functions with the same
arguments), so the HTML report, the figures and the score tables cannot disagree."""

from __future__ import annotations

__all__ = ["ReportData", "report_data", "actor_label", "formula_label"]

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..countries import CHINA, country_names
from ..lexicon.notation import expand, is_regex
from ..options import ScoreOptions
from ..score import adoption, adoption_index, diffusion, first_adoption
from ..score.scope import scan_tables
from ..score.validate import check_tables
from ..tables import DOCUMENTS, MATCHES, read_table

# document columns a breakdown is drawn for, where the metadata has them
BREAKDOWN_COLUMNS = ("body", "genre")
_DISTINCTIVENESS = {"signature": 0, "mixed": 1, "generic": 2}


@dataclass
class ReportData:
    """A scan's tables and the score tables a report draws from them.

    ``adoption``, ``index``, ``first`` and ``diffusion`` are ``phrasewatch score
    --table adoption|index|first|diffusion`` (by actor and year); ``by_actor`` and
    ``actor_index`` the same by actor alone (``--by actor``), for the heat map;
    ``breakdowns`` adoption by each of ``body`` and ``genre`` the documents have."""

    matches: pd.DataFrame
    documents: pd.DataFrame
    lexicon: object
    options: ScoreOptions
    adoption: pd.DataFrame
    index: pd.DataFrame
    first: pd.DataFrame
    diffusion: pd.DataFrame
    by_actor: pd.DataFrame
    actor_index: pd.DataFrame
    breakdowns: dict[str, pd.DataFrame] = field(default_factory=dict)

    @property
    def adopters(self) -> pd.DataFrame:
        """First adoption by actors other than China, with each one's strongest grade of
        endorsement of the formula (over all years)."""
        first = self.first[self.first["actor"] != CHINA]
        grades = self.by_actor[["actor", "formula_id", "strongest", "strongest_name", "count"]]
        return first.merge(grades, on=["actor", "formula_id"], how="left").reset_index(drop=True)

    def formula_order(self) -> list[str]:
        """The formulae found: Beijing's own (signature) before mixed and generic ones
        ("mutual respect" has spread since 1946 and says little of Beijing's vocabulary),
        and within each, most adopters other than China first, then most matches."""
        adopters = self.adopters.groupby("formula_id")["actor"].nunique()
        found = self.matches["formula_id"].value_counts() if len(self.matches) else pd.Series(dtype=int)
        lexicon = self.lexicon

        def rank(f):
            kind = lexicon[f].distinctiveness if lexicon is not None and f in lexicon else None
            return _DISTINCTIVENESS.get(kind, len(_DISTINCTIVENESS)), -adopters.get(f, 0), -found.get(f, 0), f

        return sorted(set(adopters.index) | set(found.index), key=rank)


def _tables(matches, documents):
    """DataFrames from DataFrames, a ScanResult or saved table files."""
    if isinstance(matches, (str, Path)):
        matches = read_table(matches, MATCHES)
    if isinstance(documents, (str, Path)):
        documents = read_table(documents, DOCUMENTS)
    return matches, documents


def report_data(matches, documents=None, *, lexicon=None, options: ScoreOptions | None = None, **keywords) -> ReportData:
    """Score a scan for a report.

    ``matches, documents``: a :class:`~phrasewatch.ScanResult` alone, its two tables,
    or the files they were saved to; ``lexicon`` (the result's, if it has one) gives
    names, weights and China's first use; ``options`` (or its fields as keywords) as
    for ``phrasewatch score``."""
    matches, documents = _tables(matches, documents)
    matches, documents, lexicon = scan_tables(matches, documents, lexicon)
    # checked once, ids as text: the page joins its tables on doc_id, which a saved file may give as numbers
    matches, documents = check_tables(matches, documents)
    options = ScoreOptions.of(options, **keywords)
    table = adoption(matches, documents, by=["actor", "year"], lexicon=lexicon, options=options)
    first = first_adoption(matches, documents, lexicon=lexicon, options=options)
    by_actor = adoption(matches, documents, by=["actor"], lexicon=lexicon, options=options)
    breakdowns = {}
    for column in BREAKDOWN_COLUMNS:
        if column in documents.columns and documents.loc[documents["status"] == "ok", column].notna().any():
            breakdowns[column] = adoption(matches, documents, by=[column], lexicon=lexicon, options=options)
    return ReportData(
        matches=matches, documents=documents, lexicon=lexicon, options=options,
        adoption=table, index=adoption_index(table, by=["actor", "year"]), first=first, diffusion=diffusion(first),
        by_actor=by_actor, actor_index=adoption_index(by_actor, by=["actor"]), breakdowns=breakdowns,
    )


def actor_label(code: str, names: bool = False) -> str:
    """An actor as a figure names it: its code, or with ``names`` its English short name
    where the country table knows the code (a label such as ``UNGA`` stays as it is)."""
    if not names:
        return code
    try:
        return country_names(code).name_en
    except KeyError:
        return code


def formula_label(formula_id: str, lexicon, english: bool = True) -> str:
    """A formula's current official English rendering, written out (the first reading
    of its notation: ``{win-win|win win} cooperation`` -> ``win-win cooperation``), or
    its Chinese form; its id when the lexicon does not know it.

    >>> from phrasewatch import load_lexicon
    >>> formula_label("ccdm", load_lexicon()), formula_label("ccdm", load_lexicon(), english=False)
    ('community with a shared future for mankind', '人类命运共同体')
    """
    if lexicon is None or formula_id not in lexicon:
        return formula_id
    f = lexicon[formula_id]
    if english:
        renderings = [r for r in f.en_renderings if not is_regex(r.text)]
        # the first rendering still in use (open-ended years, "2017-"): the lexicon lists the main one first
        current = [r for r in renderings if not r.years or str(r.years).endswith("-")]
        chosen = (current or renderings or [None])[0]
        forms = [chosen.text] if chosen else [v for v in f.en_variants if not is_regex(v)][:1]
        if forms:
            try:
                return expand(forms[0])[0]
            except ValueError:
                return forms[0]
    return f.zh_canonical or formula_id
