"""Every form of a formula, expanded: the rows that listing, showing and exporting a
lexicon share."""

from __future__ import annotations

__all__ = ["ROLES", "formula_forms", "phrases_of"]

from .model import Formula
from .notation import expand, is_regex

ROLES = ("canonical", "rendering", "variant", "acronym", "regex", "blocker")


def phrases_of(form: str) -> list[str]:
    """The phrases a form expands to (a ``re:`` form stands for itself)."""
    return [form] if is_regex(form) else expand(form)


def formula_forms(formula: Formula) -> list[dict]:
    """Every form of a formula, one row per expanded phrase: ``language``, ``role``
    (canonical, variant, rendering, acronym, blocker, or regex for a ``re:`` form),
    ``form`` as written, ``phrase`` expanded, and a rendering's ``years`` and ``source``."""
    rows = []

    def add(language, role, form, years=None, source=None):
        for phrase in phrases_of(form):
            rows.append({"formula_id": formula.id, "language": language, "role": "regex" if is_regex(form) else role,
                         "form": form, "phrase": phrase, "years": years, "source": source})

    add("zh", "canonical", formula.zh_canonical)
    for form in formula.zh_variants:
        add("zh", "variant", form)
    for rendering in formula.en_renderings:
        add("en", "rendering", rendering.text, rendering.years, rendering.source)
    for form in formula.en_variants:
        add("en", "variant", form)
    for acronym in formula.en_acronyms:
        add("en", "acronym", acronym)
    for form in formula.zh_blockers:
        add("zh", "blocker", form)
    for form in formula.en_blockers:
        add("en", "blocker", form)
    return rows
