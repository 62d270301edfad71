"""The lexicon as a person looks things up in it: every form of a formula expanded, in
both languages, with what each is (canonical, rendering and its years, variant,
acronym, blocker); a formula found by its id, an acronym or any of its forms, as
written or as a document spells it (case, hyphens, quotes, traditional characters do
not matter); a search by any part of any form.

>>> from phrasewatch.lexicon import load_lexicon
>>> lexicon = load_lexicon()
>>> resolve_formula(lexicon, "GDI"), resolve_formula(lexicon, "人類命運共同體")
('gdi', 'ccdm')
>>> [hit["formula_id"] for hit in search_formulae(lexicon, "shared future")][:2]
['ccdm', 'china_africa_ccsf']
"""

from __future__ import annotations

__all__ = ["FORM_COLUMNS", "current_rendering", "formula_forms", "formula_record", "lexicon_forms", "lexicon_listing",
           "resolve_formula", "search_formulae"]

import difflib
from functools import lru_cache

import pandas as pd

from .lexicon import Formula, Lexicon
from .lexicon.forms import formula_forms, phrases_of
from .text import normalize

FORM_COLUMNS = ("formula_id", "language", "role", "form", "phrase", "years", "source")


def current_rendering(formula: Formula) -> str:
    """The English a reader sees first: the first rendering still in use (its years
    open, as "2017-", or not given), else the last one, else the first variant.

    >>> from phrasewatch.lexicon import load_lexicon
    >>> current_rendering(load_lexicon()["ccdm"])
    'community with a shared future for mankind'
    """
    if formula.en_renderings:
        current = [r for r in formula.en_renderings if not r.years or str(r.years).strip().endswith("-")]
        return phrases_of((current or [formula.en_renderings[-1]])[0].text)[0]
    return phrases_of(formula.en_variants[0])[0] if formula.en_variants else ""


def _key(text: str) -> str:
    return " ".join(normalize(text).text.split())


@lru_cache(maxsize=8)
def _index(lexicon: Lexicon) -> tuple[dict, list]:
    """Keys of every id, acronym and form (not blockers) -> formula ids; and every
    (key, formula id, phrase) for searching."""
    exact: dict[str, set[str]] = {}
    searchable = []
    for formula in lexicon:
        exact.setdefault(formula.id.casefold(), set()).add(formula.id)
        for row in formula_forms(formula):
            if row["role"] in ("blocker", "regex"):
                continue
            key = _key(row["phrase"])
            exact.setdefault(key, set()).add(formula.id)
            if row["role"] == "acronym":
                exact.setdefault(row["phrase"].casefold(), set()).add(formula.id)
            searchable.append((key, formula.id, row["phrase"], row["language"]))
    return exact, searchable


def resolve_formula(lexicon: Lexicon, name: str) -> str:
    """The id of the formula ``name`` names: its id, an acronym (GDI), or any of its
    forms in either language, however a document spells it.

    Raises
    ------
    KeyError
        When nothing or more than one formula answers to it; the message suggests ids.
    """
    if name in lexicon:
        return name
    exact, _ = _index(lexicon)
    found = exact.get(name.strip().casefold()) or exact.get(_key(name))
    if found and len(found) == 1:
        return next(iter(found))
    if found:
        raise KeyError(f"{name!r} is a form of several formulae: {', '.join(sorted(found))}; name one by its id")
    close = difflib.get_close_matches(name.casefold(), [f.id for f in lexicon], n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else " (see: phrasewatch lexicon list --search TEXT)"
    raise KeyError(f"no formula {name!r} in lexicon {', '.join(lexicon.names)}: not an id, acronym or form{hint}")


def search_formulae(lexicon: Lexicon, text: str) -> list[dict]:
    """Formulae with ``text`` in their id or in any form (normalised: case, hyphens,
    quotes and traditional characters do not matter), in lexicon order, each with the
    forms that contain it (``formula_id``, ``forms``: the phrases, ``languages``)."""
    key = _key(text)
    needle = text.strip().casefold()
    _, searchable = _index(lexicon)
    hits: dict[str, dict] = {}
    for formula in lexicon:
        if needle and needle in formula.id:
            hits[formula.id] = {"formula_id": formula.id, "forms": [], "languages": []}
    for form_key, formula_id, phrase, language in searchable:
        if key and key in form_key:
            hit = hits.setdefault(formula_id, {"formula_id": formula_id, "forms": [], "languages": []})
            if phrase not in hit["forms"]:
                hit["forms"].append(phrase)
            if language not in hit["languages"]:
                hit["languages"].append(language)
    order = {f: i for i, f in enumerate(lexicon.ids)}
    return sorted(hits.values(), key=lambda h: order[h["formula_id"]])


def formula_record(lexicon: Lexicon, formula_id: str) -> dict:
    """Everything the lexicon says of one formula, its forms expanded, as plain data
    (what ``lexicon show`` prints, and its JSON)."""
    f = lexicon[formula_id]
    return {
        "id": f.id, "kind": f.kind, "category": f.category, "distinctiveness": f.distinctiveness,
        "weight": f.effective_weight, "parent": f.parent,
        "children": [c.id for c in lexicon if c.parent == f.id],
        "opposes": f.opposes,
        "first_used": None if f.first_used is None else {"date": f.first_used.date, "source": f.first_used.source},
        "zh": f.zh_canonical, "en": current_rendering(f),
        "renderings": [{"text": r.text, "years": r.years, "source": r.source} for r in f.en_renderings],
        "forms": formula_forms(f),
        "context": {k: list(v) for k, v in f.context.items()},
        "notes": f.notes, "sources": list(f.sources),
        "examples": {e: {lang: list(s) for lang, s in block.items()} for e, block in f.examples.items()},
        "file": f.file, "line": f.line,
    }


LISTING_COLUMNS = ("id", "kind", "category", "distinctiveness", "parent", "zh", "en", "acronyms", "forms", "found")


def lexicon_listing(lexicon: Lexicon, search: str | None = None) -> pd.DataFrame:
    """One row per formula (those with ``search`` in a form or id, when given): id,
    kind, category, distinctiveness, parent, ``zh`` (canonical), ``en`` (the rendering in
    use now), ``acronyms``, ``forms`` (how many phrases its forms expand to) and
    ``found`` (the phrases that contain ``search``, ``;``-joined)."""
    hits = {h["formula_id"]: h for h in search_formulae(lexicon, search)} if search else None
    rows = []
    for f in lexicon:
        if hits is not None and f.id not in hits:
            continue
        forms = [r for r in formula_forms(f) if r["role"] != "blocker"]
        rows.append((f.id, f.kind, f.category, f.distinctiveness, f.parent or "", f.zh_canonical, current_rendering(f),
                     ";".join(f.en_acronyms), len(forms), "; ".join(hits[f.id]["forms"]) if hits else ""))
    return pd.DataFrame(rows, columns=list(LISTING_COLUMNS))


def lexicon_forms(lexicon: Lexicon, search: str | None = None) -> pd.DataFrame:
    """Every expanded form of every formula (of those ``search`` finds), one row each:
    :data:`FORM_COLUMNS` with the formula's kind, category and parent."""
    hits = {h["formula_id"] for h in search_formulae(lexicon, search)} if search else None
    rows = []
    for f in lexicon:
        if hits is not None and f.id not in hits:
            continue
        for row in formula_forms(f):
            rows.append({**row, "kind": f.kind, "category": f.category, "parent": f.parent})
    return pd.DataFrame(rows, columns=[*FORM_COLUMNS, "kind", "category", "parent"])
