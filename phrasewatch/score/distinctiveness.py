"""Measured distinctiveness: how much of a formula's use in a reference corpus is China's.

The lexicon declares each formula signature, mixed or generic, and the adoption index
weighs it by that. This module measures it instead, in a reference corpus where China
and others speak side by side (the UN General Debate corpus is the one it is tuned
for): of the documents using a formula from China's first use on, the share voiced by
the PRC; whether others used it before China did; and, per year, both counts.

A *use* is a document in which a side voices the formula, whatever the stance (this
is about whose vocabulary it is, not who endorses it): a speech is one use; a joint
statement's 双方 sentence is a use by each side. Speeches filed as CHN before the
PRC took China's UN seat (25 October 1971; a document known only by its year counts
as the PRC's from 1972) are the Republic of China's: another government's use.

The measured class:

- **generic** when China voices less than :data:`GENERIC_SHARE` of the uses (it is one
  speaker among many);
- **signature** when China voices at least :data:`SIGNATURE_SHARE` of them and others
  had not used the words before China (fewer than :data:`PRIOR_USES` earlier uses);
- **mixed** otherwise;
- none (``rare``) with fewer than :data:`MIN_USES` uses: too few to tell.

In a corpus of ~190 speakers a year, a share of 10% means China uses the formula some
twenty times as often as the average speaker; 5%, about ten times. A signature formula
that partners adopt widely sees its share fall although nobody used it before China:
that is what the earlier-use test is for, and what a curator reads the top users for.

>>> import pandas as pd
>>> uses = use_table(pd.DataFrame({"doc_id": ["CHN_70_2015", "KIR_78_2023"], "formula_id": ["gdi", "gdi"],
...     "voice_actors": ["CHN", "KIR"], "actor": ["CHN", "KIR"], "year": [2015, 2023], "date": [None, None],
...     "sentence": ["a", "b"]}))
>>> uses[["doc_id", "actor", "prc"]].values.tolist()
[['CHN_70_2015', 'CHN', True], ['KIR_78_2023', 'KIR', False]]
"""

from __future__ import annotations

__all__ = [
    "GENERIC_SHARE",
    "MIN_USES",
    "PRC_SEAT",
    "PRIOR_USES",
    "SIGNATURE_SHARE",
    "DISTINCTIVENESS_COLUMNS",
    "DistinctivenessReport",
    "classify",
    "distinctiveness",
    "distinctiveness_by_year",
    "measure_corpus",
    "measure_distinctiveness",
    "prc_voiced",
    "top_users",
    "use_table",
]

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..countries import CHINA, split_parties
from .scope import PRC_SEAT, ROC, documents_in_scope, prc_era

SIGNATURE_SHARE = 0.10
GENERIC_SHARE = 0.05
PRIOR_USES = 3
MIN_USES = 5

DISTINCTIVENESS_COLUMNS = (
    "formula_id", "declared", "measured", "status", "uses", "prc_uses", "share", "others_before", "prc_before",
    "start", "first_prc_use", "first_other_use", "accepted",
)


def prc_voiced(frame: pd.DataFrame) -> pd.Series:
    """True for match rows voiced by the People's Republic: China among the voice's
    actors, in the PRC era."""
    china = frame["voice_actors"].map(lambda a: CHINA in split_parties(a))
    return china.astype(bool) & prc_era(frame)


def use_table(matches: pd.DataFrame, documents: pd.DataFrame | None = None, *, count_copies: bool = False) -> pd.DataFrame:
    """One row per formula, document and side voicing it (the PRC, or each other actor),
    with the document's year and date, ``prc`` (bool), ``actor`` (the PRC as CHN; CHN
    before the seat change as "CHN (ROC)") and the first sentence voicing it."""
    m = matches
    if documents is not None:
        docs = documents_in_scope(documents, count_copies)
        m = m[m["doc_id"].isin(docs["doc_id"])]
    m = m.assign(_era=prc_era(m).to_numpy())
    rows = []
    date_column = m["date"] if "date" in m.columns else pd.Series(None, index=m.index)
    surface = m["surface"] if "surface" in m.columns else pd.Series(None, index=m.index)
    for doc_id, formula_id, actors, year, date, era, sentence, found, start in zip(
            m["doc_id"], m["formula_id"], m["voice_actors"], m["year"], date_column, m["_era"], m["sentence"], surface,
            m["start"] if "start" in m.columns else range(len(m)), strict=True):
        for actor in split_parties(actors):
            prc = actor == CHINA and era
            rows.append((formula_id, doc_id, CHINA if prc else (ROC if actor == CHINA else actor), prc, year, date,
                         sentence, found, start))
    uses = pd.DataFrame(rows, columns=["formula_id", "doc_id", "actor", "prc", "year", "date", "sentence", "surface", "start"])
    uses = uses.sort_values(["formula_id", "doc_id", "actor", "start"], kind="stable")
    uses = uses.drop_duplicates(["formula_id", "doc_id", "actor"]).drop(columns=["start"])
    uses["year"] = pd.to_numeric(uses["year"], errors="coerce")
    return uses.reset_index(drop=True)


def excerpt(sentence: str, surface: str | None, width: int = 120) -> str:
    """The sentence on one line, cut to about ``width`` characters around the formula.

    >>> excerpt("Our nation has made sacrifices in defence of the common values of humanity.", "common values of humanity", 50)
    '…in defence of the common values of humanity.'
    """
    text = " ".join(str(sentence).split())
    if len(text) <= width:
        return text
    key = " ".join(str(surface).split()) if isinstance(surface, str) else ""
    at = text.find(key) if key else -1
    if at < 0:
        return text[:width - 1] + "…"
    begin = max(0, min(at - (width - len(key)) // 2, len(text) - width))
    end = begin + width
    if begin and text[begin - 1] != " ":  # start at a word, not inside one
        space = text.find(" ", begin, at)
        begin = space + 1 if space >= 0 else begin
    if end < len(text) and text[end] != " ":
        space = text.rfind(" ", at + len(key), end)
        end = space if space >= 0 else end
    return ("…" if begin else "") + text[begin:end].strip() + ("…" if end < len(text) else "")


def _before(uses: pd.DataFrame, when: str) -> pd.Series:
    """Uses dated before a lexicon date ("YYYY", "YYYY-MM", "YYYY-MM-DD"): by date when
    both are precise, else by year."""
    from ..lexicon.model import dated_before

    dates = pd.to_datetime(uses["date"], errors="coerce")
    return pd.Series([dated_before(when, None if pd.isna(d) else d.date(), None if pd.isna(y) else int(y))
                      for d, y in zip(dates, uses["year"], strict=True)], index=uses.index, dtype=bool)


def classify(share: float, others_before: int, uses: int) -> str | None:
    """The measured class from China's share of the uses, the number of uses by others
    before China's, and the number of uses (None when too few to tell).

    >>> classify(0.19, 0, 21), classify(0.43, 24, 7), classify(0.03, 0, 150), classify(1.0, 0, 3)
    ('signature', 'mixed', 'generic', None)
    """
    if uses < MIN_USES:
        return None
    if share < GENERIC_SHARE:
        return "generic"
    if share >= SIGNATURE_SHARE and others_before < PRIOR_USES:
        return "signature"
    return "mixed"


def distinctiveness(uses: pd.DataFrame, lexicon) -> pd.DataFrame:
    """Declared against measured distinctiveness for every formula of ``lexicon``, from a
    :func:`use_table`.

    Returns
    -------
    pandas.DataFrame
        One row per formula: ``declared`` and ``measured`` class (None: too few uses);
        ``status``: agrees, accepted (differs as the entry's ``measured_distinctiveness``
        and notes say), differs, or rare; ``uses`` and ``prc_uses`` from ``start`` on
        (in the PRC era); ``share`` (prc_uses / uses); ``others_before`` (uses by
        others before ``start``); ``prc_before`` (China's own uses before its
        ``first_used``: the date is too late); ``start`` (first_used, or China's first
        use in the corpus when the lexicon gives none); ``first_prc_use`` and
        ``first_other_use`` (years); ``accepted`` (the entry's measured_distinctiveness).
    """
    out = []
    by_formula = dict(tuple(uses.groupby("formula_id", sort=False)))
    empty = uses.iloc[:0]
    for formula in lexicon:
        u = by_formula.get(formula.id, empty)
        prc = u[u["prc"]]
        first_prc = prc["year"].min() if len(prc) else np.nan
        first_other = u.loc[~u["prc"], "year"].min() if (~u["prc"]).any() else np.nan
        if formula.first_used is not None:
            start = formula.first_used.date
            before = _before(u, start)
            in_scope = ~before & prc_era(u)
            others_before = int((before & ~u["prc"]).sum())
            prc_before = int((before & u["prc"]).sum())
        else:
            # no date in the lexicon: China's first use here, and only others' uses in
            # the PRC era count as earlier (before 1972 the PRC could not speak at the UN)
            start = None if np.isnan(first_prc) else str(int(first_prc))
            era = prc_era(u)
            before = _before(u, start) if start else pd.Series(False, index=u.index)
            in_scope = era & ~before
            others_before = int((before & era & ~u["prc"]).sum())
            prc_before = 0
        n = int(in_scope.sum())
        n_prc = int((in_scope & u["prc"]).sum())
        share = n_prc / n if n else np.nan
        measured = classify(share, others_before, n) if n else None
        declared = formula.distinctiveness
        if measured is None:
            status = "rare"
        elif measured == declared:
            status = "agrees"
        elif measured == formula.measured_distinctiveness:
            status = "accepted"
        else:
            status = "differs"
        out.append({
            "formula_id": formula.id, "declared": declared, "measured": measured, "status": status,
            "uses": n, "prc_uses": n_prc, "share": share, "others_before": others_before, "prc_before": prc_before,
            "start": start, "first_prc_use": first_prc, "first_other_use": first_other,
            "accepted": formula.measured_distinctiveness,
        })
    table = pd.DataFrame(out, columns=list(DISTINCTIVENESS_COLUMNS)).astype({"measured": object, "accepted": object})
    for column in ("measured", "accepted", "start"):
        table[column] = table[column].where(table[column].notna(), None)
    for column in ("first_prc_use", "first_other_use"):
        table[column] = pd.array(table[column], dtype="Int64")
    return table


def distinctiveness_by_year(uses: pd.DataFrame, lexicon=None) -> pd.DataFrame:
    """Per formula and year: uses by the PRC and by others, China's share, and whether
    the year is before the formula's first_used (``period``: before / after; after for
    a formula without one)."""
    u = uses.dropna(subset=["year"])
    grouped = u.groupby(["formula_id", "year"])
    out = grouped.agg(prc_uses=("prc", "sum"), uses=("prc", "size")).reset_index()
    out["other_uses"] = out["uses"] - out["prc_uses"]
    out["share"] = out["prc_uses"] / out["uses"]

    def period(row):
        formula = lexicon[row.formula_id] if lexicon is not None and row.formula_id in lexicon else None
        if formula is None or formula.first_used is None:
            return "after"
        return "before" if int(row.year) < formula.first_used.year else "after"

    out["period"] = [period(r) for r in out.itertuples(index=False)]
    out["year"] = out["year"].astype("int64")
    for column in ("prc_uses", "uses", "other_uses"):
        out[column] = out[column].astype("int64")
    return out[["formula_id", "year", "period", "prc_uses", "other_uses", "uses", "share"]]


def top_users(uses: pd.DataFrame, n: int = 3) -> pd.DataFrame:
    """Each formula's ``n`` most frequent non-PRC users (by documents), with their first
    and last year and the sentence of their first use."""
    others = uses[~uses["prc"]].sort_values(["year", "doc_id"], kind="stable")
    if others.empty:
        return pd.DataFrame(columns=["formula_id", "rank", "actor", "uses", "first_year", "last_year", "doc_id", "sentence",
                                     "surface"])
    grouped = others.groupby(["formula_id", "actor"], sort=False)
    table = grouped.agg(uses=("doc_id", "nunique"), first_year=("year", "min"), last_year=("year", "max"),
                        doc_id=("doc_id", "first"), sentence=("sentence", "first"), surface=("surface", "first")).reset_index()
    table = table.sort_values(["formula_id", "uses", "first_year", "actor"], ascending=[True, False, True, True], kind="stable")
    table["rank"] = table.groupby("formula_id").cumcount() + 1
    table = table[table["rank"] <= n]
    for column in ("first_year", "last_year"):
        table[column] = pd.array(table[column], dtype="Int64")
    return table[["formula_id", "rank", "actor", "uses", "first_year", "last_year", "doc_id", "sentence", "surface"]].reset_index(drop=True)


@dataclass
class DistinctivenessReport:
    """Declared against measured distinctiveness on a reference corpus."""

    table: pd.DataFrame  # see distinctiveness()
    by_year: pd.DataFrame  # see distinctiveness_by_year()
    top_users: pd.DataFrame  # see top_users()
    corpus: str = ""
    unmeasured: tuple[str, ...] = ()  # ids of the lexicon's formulae of kinds not measured

    @property
    def differing(self) -> pd.DataFrame:
        """Formulae whose measured class differs from the declared one, unaccepted."""
        return self.table[self.table["status"] == "differs"]

    @property
    def first_used_too_late(self) -> pd.DataFrame:
        """Formulae China uses in the corpus before the lexicon's first_used."""
        return self.table[self.table["prc_before"] > 0]

    def describe(self, formula_id: str) -> str:
        """One line of figures for a formula: share, uses, earlier uses."""
        row = self.table.set_index("formula_id").loc[formula_id]
        share = "-" if pd.isna(row["share"]) else f"{row['share']:.0%}"
        since = f" from {row['start']}" if row["start"] else ""
        return (f"China voices {share} of {row['uses']} uses{since} ({row['prc_uses']} by the PRC); "
                f"{row['others_before']} earlier uses by others")

    def format(self, *, sentences: bool = True, width: int = 160) -> str:
        """The report as text: one line per formula, then each formula's top non-PRC users."""
        t = self.table
        lines = [f"Distinctiveness measured on {self.corpus or 'the reference corpus'}: China's share of each formula's uses "
                 f"(signature: ≥{SIGNATURE_SHARE:.0%} and fewer than {PRIOR_USES} uses by others before China's; "
                 f"generic: <{GENERIC_SHARE:.0%}; fewer than {MIN_USES} uses: rare)", ""]
        if self.unmeasured:
            lines.append(f"Not measured ({len(self.unmeasured)} reinterpreted words, whose PRC mark is their sense, not "
                         f"their wording): {', '.join(self.unmeasured)}")
            lines.append("")
        header = f"{'formula':34} {'declared':9} {'measured':9} {'share':>6} {'PRC':>4} {'uses':>5} {'before':>6}  status"
        lines.append(header)
        for row in t.itertuples(index=False):
            share = "-" if pd.isna(row.share) else f"{row.share:.0%}"
            status = row.status
            if status == "accepted":
                status = "differs, explained in notes"
            if row.prc_before:
                status += f"; China uses it {row.prc_before}x before first_used {row.start}"
            measured = row.measured if isinstance(row.measured, str) else "-"
            lines.append(f"{row.formula_id:34} {row.declared:9} {measured:9} {share:>6} {row.prc_uses:>4} "
                         f"{row.uses:>5} {row.others_before:>6}  {status}")
        if sentences and len(self.top_users):
            lines += ["", "Top non-PRC users (first use's sentence):"]
            for formula_id, group in self.top_users.groupby("formula_id", sort=False):
                lines.append(f"  {formula_id}:")
                for row in group.itertuples(index=False):
                    years = f"{row.first_year}" if row.first_year == row.last_year else f"{row.first_year}-{row.last_year}"
                    sentence = excerpt(row.sentence, row.surface, max(40, width - 40))
                    lines.append(f"    {row.actor} ({row.uses}, {years}) {row.doc_id}: {sentence}")
        return "\n".join(lines)


def measure_distinctiveness(matches: pd.DataFrame, documents: pd.DataFrame | None, lexicon, *, top: int = 3,
                            corpus: str = "", unmeasured: tuple[str, ...] = ()) -> DistinctivenessReport:
    """Measure every formula of ``lexicon`` on the tables of a scan of a reference corpus."""
    uses = use_table(matches, documents)
    uses = uses[uses["formula_id"].isin(lexicon.ids)]
    return DistinctivenessReport(distinctiveness(uses, lexicon), distinctiveness_by_year(uses, lexicon),
                                 top_users(uses, top), corpus, tuple(unmeasured))


def measure_corpus(paths: Iterable[str | Path], lexicon, *, kinds: tuple[str, ...] = ("formula",), top: int = 3,
                   jobs: int | None = None, **scan_options) -> DistinctivenessReport:
    """Scan a reference corpus (the UN General Debate corpus's ``TXT`` folder, say) with
    ``lexicon`` and measure the distinctiveness of each formula of the given kinds on it.
    Reinterpreted words are left out by default: they are ordinary words whose PRC mark
    is their sense, not their wording (and matching them is much slower)."""
    from ..scan import scan

    paths = list(paths)
    result = scan(paths, lexicon=lexicon, kinds=kinds, jobs=jobs, **scan_options)
    selected = lexicon.select(kinds)
    return measure_distinctiveness(result.matches, result.documents, selected, top=top,
                                   corpus=", ".join(str(p) for p in paths),
                                   unmeasured=tuple(f for f in lexicon.ids if f not in selected))
