"""What a lexicon finds in a reference corpus, and what an edit changes: for the curator
and for the CI of a lexicon repository.

:func:`lexicon_coverage` scans a corpus and reports hits per formula and per form,
forms that never match, formulae whose hits all come from one actor, and forms found
only inside a longer form of another formula (shadowed there). :func:`lexicon_diff`
compares two versions of a lexicon: entries and forms added, removed and changed, and
with a corpus, the matches each formula gains and loses, with examples.

Both give findings (:class:`~phrasewatch.errors.LexiconProblem`, located at the
formula's line) that :mod:`phrasewatch.ci` writes for CI: with ``min_hits`` a formula
with fewer hits fails the run; with ``fail_on_loss`` a formula that loses matches does.
"""

from __future__ import annotations

__all__ = ["CoverageReport", "DiffReport", "lexicon_coverage", "lexicon_diff"]

import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, fields
from pathlib import Path

import pandas as pd

from .countries import split_parties
from .errors import LexiconProblem
from .lexicon import Formula, Lexicon, load_lexicon
from .lexicon.forms import formula_forms
from .options import ScanOptions
from .scan import scan
from .text import normalize


def _key(text: str) -> str:
    return " ".join(normalize(str(text)).text.split())


def _where(formula) -> tuple[str, int | None, str]:
    return formula.file or "", formula.line, formula.id


def _lexicon_of(lexicon) -> Lexicon:
    if isinstance(lexicon, Lexicon):
        return lexicon
    names = [lexicon] if isinstance(lexicon, (str, Path)) else list(lexicon)
    return load_lexicon(*names)


@dataclass(frozen=True)
class CoverageReport:
    """``formulae``: one row per formula (hits, documents, actors, the top actor and its
    share, forms and forms matched); ``forms``: one row per expanded form with its hits;
    ``shadowed``: forms found inside a longer form of another formula; ``problems``:
    the findings; ``cases``: the formula ids (JUnit test cases)."""

    formulae: pd.DataFrame
    forms: pd.DataFrame
    shadowed: pd.DataFrame
    problems: tuple[LexiconProblem, ...]
    cases: tuple[str, ...]
    documents: int

    def summary(self) -> str:
        """A few tables a person reads."""
        f = self.formulae
        lines = [f"{self.documents} documents; {int((f['hits'] > 0).sum())} of {len(f)} formulae found, "
                 f"{int(f['forms_matched'].sum())} of {int(f['forms'].sum())} forms."]
        shown = f[["formula_id", "hits", "documents", "actors", "top_actor", "top_actor_share", "forms_matched", "forms"]]
        lines += ["", shown.to_string(index=False)]
        if len(self.shadowed):
            lines += ["", "Forms found only inside a longer form of another formula here:",
                      self.shadowed.to_string(index=False)]
        return "\n".join(lines)

    def as_dict(self) -> dict:
        return {"documents": self.documents, "formulae": self.formulae.to_dict("records"),
                "forms": self.forms.to_dict("records"), "shadowed": self.shadowed.to_dict("records")}


def _document_actors(documents: pd.DataFrame) -> dict[str, str]:
    """Who speaks in each document: its actor (a country, a body, FOCAC), else its parties."""
    out = {}
    for row in documents.itertuples(index=False):
        actor = getattr(row, "actor", None)
        parties = split_parties(getattr(row, "parties", None))
        out[row.doc_id] = actor if isinstance(actor, str) and actor else ";".join(parties)
    return out


def lexicon_coverage(lexicon, corpus: str | Path | Iterable[str | Path], *, min_hits: int | None = None,
                     options: ScanOptions | None = None, **option_keywords) -> CoverageReport:
    """Scan ``corpus`` with ``lexicon`` (a :class:`Lexicon`, a name or a path) and report
    what each formula and each form finds there.

    Findings: a formula with fewer than ``min_hits`` hits is an error (without
    ``min_hits``, a formula with none is a warning); forms that never match, hits that
    all come from one actor and forms shadowed by a longer form are warnings.
    """
    lexicon = _lexicon_of(lexicon)
    options = ScanOptions.of(options, **option_keywords)
    result = scan(corpus, lexicon=lexicon, options=options)
    m = result.matches
    actors = _document_actors(result.documents)
    problems: list[LexiconProblem] = []

    form_rows = [row for f in lexicon for row in formula_forms(f)
                 if row["role"] != "blocker" and f.kind in options.kinds]
    forms = pd.DataFrame(form_rows, columns=["formula_id", "language", "role", "form", "phrase", "years", "source"])
    surface_keys = m["surface"].map(_key) if len(m) else pd.Series(dtype=object)
    counts = pd.Series(list(zip(m["formula_id"], surface_keys, strict=True)), dtype=object).value_counts() if len(m) else {}
    forms["hits"] = [int(counts.get((r.formula_id, _key(r.phrase)), 0)) if r.role != "regex"
                     else int((m["variant"] == r.form).sum()) for r in forms.itertuples()]

    rows = []
    for formula in lexicon:
        if formula.id not in set(forms["formula_id"]):
            continue
        mine = m[m["formula_id"] == formula.id]
        who = pd.Series([actors.get(d, "") for d in mine["doc_id"]], dtype=object)
        top = who.value_counts()
        own = forms[forms["formula_id"] == formula.id]
        rows.append({
            "formula_id": formula.id, "hits": len(mine), "documents": mine["doc_id"].nunique(),
            "actors": int((top.index != "").sum()) if len(top) else 0,
            "top_actor": top.index[0] if len(top) else "", "top_actor_share": float(top.iloc[0] / len(mine)) if len(top) else float("nan"),
            "forms": len(own), "forms_matched": int((own["hits"] > 0).sum()),
        })
        where = _where(formula)
        if min_hits is not None and len(mine) < min_hits:
            problems.append(LexiconProblem(*where, f"{len(mine)} hit(s) in the corpus, fewer than --min-hits {min_hits}"))
        elif min_hits is None and not len(mine):
            problems.append(LexiconProblem(*where, "no hits in the corpus", "warning"))
        never = own[(own["hits"] == 0) & (own["role"] != "acronym")]
        if len(mine) and len(never):
            listed = "; ".join(never["phrase"].head(5)) + (f" … ({len(never)} in all)" if len(never) > 5 else "")
            problems.append(LexiconProblem(*where, f"{len(never)} of {len(own)} forms never match: {listed}", "warning"))
        if len(mine) >= 2 and len(top) == 1 and top.index[0]:
            problems.append(LexiconProblem(*where, f"all {len(mine)} hits come from one actor ({top.index[0]})", "warning"))
    formulae = pd.DataFrame(rows, columns=["formula_id", "hits", "documents", "actors", "top_actor", "top_actor_share",
                                           "forms", "forms_matched"])

    shadowed = _shadowed(lexicon, forms, m, surface_keys)
    for row in shadowed.itertuples(index=False):
        problems.append(LexiconProblem(*_where(lexicon[row.formula_id]),
                                       f"form {row.phrase!r} was found {row.inside_hits} time(s) only inside "
                                       f"{row.longer_formula}'s longer form {row.longer_phrase!r}", "warning"))
    docs = int((result.documents["status"] == "ok").sum())
    return CoverageReport(formulae, forms, shadowed, tuple(problems), tuple(formulae["formula_id"]), docs)


def _shadowed(lexicon: Lexicon, forms: pd.DataFrame, m: pd.DataFrame, surface_keys: pd.Series) -> pd.DataFrame:
    """Forms of one formula that the corpus holds only inside a longer form of another:
    each pair, with how many of the longer form's hits contain the shorter."""
    columns = ["formula_id", "phrase", "longer_formula", "longer_phrase", "inside_hits"]
    if not len(m):
        return pd.DataFrame(columns=columns)
    literal = forms[forms["role"].isin(["canonical", "rendering", "variant"])]
    keyed = [(r.formula_id, r.phrase, _key(r.phrase), r.language) for r in literal.itertuples()]
    hits = pd.DataFrame({"formula_id": m["formula_id"].to_numpy(), "key": surface_keys.to_numpy(),
                         "surface": [" ".join(str(x).split()) for x in m["surface"]]})
    found = hits.groupby(["formula_id", "key"]).agg(n=("surface", "size"), surface=("surface", "first"))
    rows = []
    for (longer_id, longer_key), (n, surface) in found.iterrows():
        padded = f" {longer_key} "
        for formula_id, phrase, key, language in keyed:
            if formula_id == longer_id or not key or len(key) >= len(longer_key):
                continue
            inside = key in longer_key if language == "zh" else f" {key} " in padded
            if inside:
                rows.append((formula_id, phrase, longer_id, surface, int(n)))
    out = pd.DataFrame(rows, columns=columns)
    if not len(out):
        return out
    out = out.groupby(["formula_id", "phrase", "longer_formula", "longer_phrase"], as_index=False)["inside_hits"].sum()
    return out.sort_values(["formula_id", "inside_hits"], ascending=[True, False], kind="stable").reset_index(drop=True)


@dataclass(frozen=True)
class DiffReport:
    """``entries``: one row per formula added, removed or changed (``change``, the
    ``fields`` that changed, ``forms_added``, ``forms_removed``); ``matches``: with a
    corpus, per formula the matches before and after, gained and lost, and examples;
    ``problems``: the findings; ``cases``: every formula id of either version."""

    entries: pd.DataFrame
    matches: pd.DataFrame | None
    problems: tuple[LexiconProblem, ...]
    cases: tuple[str, ...]

    def summary(self) -> str:
        lines = []
        if not len(self.entries):
            lines.append("No entry added, removed or changed.")
        for row in self.entries.itertuples(index=False):
            detail = []
            if row.fields:
                detail.append(f"fields: {row.fields}")
            if row.forms_added:
                detail.append(f"+ {row.forms_added}")
            if row.forms_removed:
                detail.append(f"- {row.forms_removed}")
            lines.append(f"{row.change:8} {row.formula_id}" + ("".join(f"\n           {d}" for d in detail)))
        if self.matches is not None:
            changed = self.matches[(self.matches["gained"] > 0) | (self.matches["lost"] > 0)]
            lines += ["", "Matches in the corpus, per formula (before → after):"]
            if not len(changed):
                lines.append("  no formula gains or loses a match")
            for row in changed.itertuples(index=False):
                lines.append(f"  {row.formula_id}: {row.before} → {row.after} (+{row.gained} −{row.lost})")
                for example in (row.examples_lost or "").split("\n"):
                    if example:
                        lines.append(f"      lost: {example}")
                for example in (row.examples_gained or "").split("\n"):
                    if example:
                        lines.append(f"    gained: {example}")
        return "\n".join(lines)

    def as_dict(self) -> dict:
        return {"entries": self.entries.to_dict("records"),
                "matches": None if self.matches is None else self.matches.to_dict("records")}


_COMPARED = [f.name for f in fields(Formula) if f.name not in ("file", "line")]  # where it stands is no change


def _form_set(formula) -> set[tuple[str, str, str]]:
    return {(r["language"], r["role"], r["phrase"]) for r in formula_forms(formula)}


def _show_forms(items) -> str:
    return "; ".join(f"{language} {role} {phrase!r}" for language, role, phrase in sorted(items))


def lexicon_diff(old, new, corpus: str | Path | Iterable[str | Path] | None = None, *, fail_on_loss: bool = False,
                 examples: int = 3, options: ScanOptions | None = None, **option_keywords) -> DiffReport:
    """Compare two versions of a lexicon (each a :class:`Lexicon`, a name or a path).

    Without a corpus: formulae added, removed and changed (which fields, which forms).
    With one: each version scans it (the second re-matches the text the first read,
    through a temporary store) and each formula's matches gained and lost are counted,
    with up to ``examples`` of each. A formula that loses matches is a warning, an
    error with ``fail_on_loss``; a removed formula is a warning.
    """
    old, new = _lexicon_of(old), _lexicon_of(new)
    rows, problems = [], []
    for formula in old:
        if formula.id not in new:
            rows.append((formula.id, "removed", "", "", _show_forms(_form_set(formula))))
            problems.append(LexiconProblem(*_where(formula), "removed from the lexicon", "warning"))
    for formula in new:
        if formula.id not in old:
            rows.append((formula.id, "added", "", _show_forms(_form_set(formula)), ""))
            continue
        before = old[formula.id]
        changed = [name for name in _COMPARED if getattr(before, name) != getattr(formula, name)]
        if changed:
            added, removed = _form_set(formula) - _form_set(before), _form_set(before) - _form_set(formula)
            rows.append((formula.id, "changed", ", ".join(changed), _show_forms(added), _show_forms(removed)))
    entries = pd.DataFrame(rows, columns=["formula_id", "change", "fields", "forms_added", "forms_removed"])
    cases = tuple(dict.fromkeys([*old.ids, *new.ids]))
    if corpus is None:
        return DiffReport(entries, None, tuple(problems), cases)

    scan_options = ScanOptions.of(options, **option_keywords)
    with tempfile.TemporaryDirectory(prefix="phrasewatch-diff-") as folder:
        store = Path(folder) / "diff.db"
        before_scan = scan(corpus, lexicon=old, options=ScanOptions.of(scan_options, store=store))
        after_scan = scan(corpus, lexicon=new, options=ScanOptions.of(scan_options, store=store))
    key = ["doc_id", "start", "end", "formula_id"]
    a = before_scan.matches.assign(_in="before")
    b = after_scan.matches.assign(_in="after")
    both = a[[*key, "surface", "sentence"]].merge(b[key], on=key, how="outer", indicator=True)
    table = []
    for formula_id in cases:
        mine = both[both["formula_id"] == formula_id]
        lost, gained = mine[mine["_merge"] == "left_only"], mine[mine["_merge"] == "right_only"]
        gained = gained.drop(columns=["surface", "sentence"]).merge(b[[*key, "surface", "sentence"]], on=key, how="left")

        def shown(frame):
            return "\n".join(f"{r.doc_id}: {r.surface!r} in “{_clip(r.sentence)}”" for r in frame.head(examples).itertuples())

        table.append({"formula_id": formula_id, "before": int((a["formula_id"] == formula_id).sum()),
                      "after": int((b["formula_id"] == formula_id).sum()), "gained": len(gained), "lost": len(lost),
                      "examples_gained": shown(gained), "examples_lost": shown(lost)})
        if len(lost):
            formula = new[formula_id] if formula_id in new else old[formula_id]
            first = lost.iloc[0]
            problems.append(LexiconProblem(*_where(formula), f"loses {len(lost)} of {table[-1]['before']} match(es) in the corpus, "
                                           f"e.g. {first['surface']!r} in {first['doc_id']}",
                                           "error" if fail_on_loss else "warning"))
    return DiffReport(entries, pd.DataFrame(table), tuple(problems), cases)


def _clip(sentence, width: int = 100) -> str:
    sentence = str(sentence)
    return sentence if len(sentence) <= width else sentence[: width - 1] + "…"
