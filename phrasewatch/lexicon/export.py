"""A lexicon in the formats its users' other tools read, and a start on a lexicon from
theirs.

Exports (:func:`export_lexicon`):

- ``quanteda``: a dictionary YAML file for ``quanteda::dictionary(file = ...)``, one
  key per formula, its values the formula's forms expanded into literal phrases, in
  both languages (as glob patterns they match themselves);
- ``liwc``: a LIWC ``.dic`` file, one category per formula, one line per phrase
  (lower case, as LIWC matches);
- ``spacy``: JSON lines ``{"label", "pattern", "id"}`` for spaCy's ``EntityRuler`` or
  ``SpanRuler`` (``phrase_matcher_attr: LOWER``) or a ``PhraseMatcher``;
- ``csv``: every expanded form with its formula, language, role, years and category.

What the other tools cannot express is left out and listed (``Export.left_out``):
regular expressions (``re:``), acronyms (phrasewatch counts them only after the name
is spelled out), blockers (they silence the shorter term inside them), and anything a
format reads as a wildcard. Voice, stance, strength, first use, examples and the
normalisation phrasewatch applies (hyphens, quotes, line breaks, traditional
characters) are phrasewatch's own and have no counterpart.

Imports (:func:`import_lexicon`) read a quanteda dictionary or a CSV of terms and write
phrasewatch YAML whose missing parts (category, distinctiveness, Chinese or English,
example sentences) are ``TODO`` placeholders, which ``lexicon check`` reports until
they are filled in.
"""

from __future__ import annotations

__all__ = ["EXPORT_FORMATS", "IMPORT_FORMATS", "PLACEHOLDER", "Export", "export_lexicon", "import_lexicon"]

import csv
import io
import json
import re
from dataclasses import dataclass, field

import regex
import yaml

from .forms import formula_forms
from .load import PLACEHOLDER
from .model import Lexicon

EXPORT_FORMATS = ("quanteda", "liwc", "spacy", "csv")
IMPORT_FORMATS = ("quanteda", "csv")
CSV_COLUMNS = ("formula_id", "language", "role", "form", "phrase", "years", "source", "kind", "category", "parent",
               "distinctiveness")
_HAN = regex.compile(r"\p{Han}")
_NOTATION = re.compile(r"[{}\[\]|]")


@dataclass(frozen=True)
class Export:
    """An exported lexicon: its ``text``, and what was ``left_out`` (one line each)."""

    text: str
    left_out: tuple[str, ...] = field(default=())


def _phrases(lexicon: Lexicon, wildcards: str = "") -> tuple[dict[str, list[str]], list[str]]:
    """Formula id -> its literal phrases, English first then Chinese, and what was left out."""
    kept: dict[str, list[str]] = {}
    left_out = []
    for formula in lexicon:
        rows = formula_forms(formula)
        ordered = [r for r in rows if r["language"] == "en"] + [r for r in rows if r["language"] == "zh"]
        phrases = kept.setdefault(formula.id, [])
        for row in ordered:
            if row["role"] in ("regex", "acronym", "blocker"):
                left_out.append(f"{formula.id}: {row['role']} {row['phrase']!r}")
            elif wildcards and any(ch in row["phrase"] for ch in wildcards):
                left_out.append(f"{formula.id}: {row['phrase']!r} has a character the format reads as a wildcard")
            elif row["phrase"] not in phrases:
                phrases.append(row["phrase"])
    return kept, left_out


def _about(lexicon: Lexicon) -> str:
    return f"phrasewatch lexicon {', '.join(lexicon.names)} (version {lexicon.version})"


def export_lexicon(lexicon: Lexicon, to: str) -> Export:
    """The lexicon as a quanteda dictionary, a LIWC .dic, spaCy patterns or a CSV.

    >>> from phrasewatch.lexicon import load_lexicon
    >>> out = export_lexicon(load_lexicon(), "spacy")
    >>> out.text.splitlines()[0]
    '{"label": "ccdm", "pattern": "community of common destiny for mankind", "id": "ccdm"}'
    """
    if to not in EXPORT_FORMATS:
        raise ValueError(f"cannot export to {to!r}: choose one of {', '.join(EXPORT_FORMATS)}")
    if to == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for formula in lexicon:
            for row in formula_forms(formula):
                writer.writerow({**row, "kind": formula.kind, "category": formula.category, "parent": formula.parent,
                                 "distinctiveness": formula.distinctiveness})
        return Export(buffer.getvalue())
    if to == "quanteda":
        phrases, left_out = _phrases(lexicon, wildcards="*?")
        header = (f"# {_about(lexicon)} as a quanteda dictionary: one key per formula, its forms\n"
                  "# expanded into literal phrases, English and Chinese (quanteda::dictionary(file = ...)).\n"
                  "# Left out: regular expressions, acronyms and blockers (see phrasewatch's README).\n")
        body = yaml.safe_dump(phrases, allow_unicode=True, sort_keys=False, width=1 << 16, default_flow_style=False)
        return Export(header + body, tuple(left_out))
    if to == "liwc":
        phrases, left_out = _phrases(lexicon, wildcards="*\t")
        ids = [f for f in phrases if phrases[f]]
        lines = ["%", *(f"{i}\t{formula_id}" for i, formula_id in enumerate(ids, 1)), "%"]
        categories: dict[str, list[int]] = {}
        for number, formula_id in enumerate(ids, 1):
            for phrase in phrases[formula_id]:
                numbers = categories.setdefault(phrase.lower(), [])
                if number not in numbers:
                    numbers.append(number)
        lines += [f"{phrase}\t" + "\t".join(map(str, numbers)) for phrase, numbers in categories.items()]
        return Export("\n".join(lines) + "\n", tuple(left_out))
    phrases, left_out = _phrases(lexicon)
    lines = [json.dumps({"label": formula_id, "pattern": phrase, "id": formula_id}, ensure_ascii=False)
             for formula_id, items in phrases.items() for phrase in items]
    return Export("\n".join(lines) + "\n", tuple(left_out))


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    if not slug or not slug[0].isalpha():
        slug = f"term_{slug}" if slug else "term"
    return slug


def _escape(text: str) -> str:
    return re.escape(text).replace("\\ ", " ")  # spaces need no escape, and read better


def _literal(value: str) -> str:
    """A term as a form: glob wildcards (quanteda's ``*`` and ``?``) become a regular
    expression over the normalised text (lower case), and so does a term with the
    notation's own characters; anything else stands as written."""
    value = " ".join(str(value).split())
    if "*" in value or "?" in value:
        parts = re.split(r"([*?])", value.lower())
        pattern = "".join(r"\w*" if p == "*" else r"\w" if p == "?" else _escape(p) for p in parts)
        return rf"re:\b{pattern}\b"
    if _NOTATION.search(value):
        return "re:" + _escape(value.lower())
    return value


def _entry(formula_id: str, values: list[str], category: str | None = None) -> dict:
    zh = [v for v in values if _HAN.search(v)]
    en = [v for v in values if not _HAN.search(v)]
    entry = {
        "id": formula_id,
        "kind": "formula",
        "category": category or PLACEHOLDER,
        "distinctiveness": PLACEHOLDER,
        "zh": {"canonical": zh[0] if zh else PLACEHOLDER, "variants": zh[1:]},
        "en": {"variants": en or [PLACEHOLDER]},
        "examples": {"match": {"en": [f"{PLACEHOLDER}: an English sentence that must match"],
                               "zh": [f"{PLACEHOLDER}: a Chinese sentence that must match"]}},
    }
    if not entry["zh"]["variants"]:
        del entry["zh"]["variants"]
    return entry


def _from_quanteda(text: str) -> list[dict]:
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError("a quanteda dictionary is a YAML mapping of keys to lists of patterns")
    entries = []

    def walk(mapping: dict, trail: list[str]):
        for key, value in mapping.items():
            if isinstance(value, dict):
                walk(value, [*trail, str(key)])
                continue
            values = [value] if isinstance(value, str) else list(value or [])
            if not all(isinstance(v, str) for v in values):
                raise ValueError(f"key {key!r}: values must be patterns (text)")
            # nested keys keep their top level as the category (quanteda's levels)
            entries.append(_entry(_slug(str(key)), [_literal(v) for v in values], trail[0] if trail else None))

    walk(data, [])
    return entries


def _from_csv(text: str) -> list[dict]:
    reader = csv.DictReader(io.StringIO(text))
    columns = reader.fieldnames or []
    term = next((c for c in ("form", "phrase", "term", "pattern", "value", "word") if c in columns), None)
    if term is None:
        raise ValueError(f"the CSV needs a column of terms: form, phrase, term, pattern, value or word (found {', '.join(columns)})")
    key = next((c for c in ("formula_id", "id", "key", "category") if c in columns and c != term), None)
    grouped: dict[str, dict] = {}
    for row in reader:
        value = (row.get(term) or "").strip()
        if not value:
            continue
        formula_id = _slug(row[key]) if key and row.get(key) else _slug(value)
        item = grouped.setdefault(formula_id, {"values": [], "renderings": [], "acronyms": [], "blockers": {"en": [], "zh": []},
                                               "category": row.get("category") if key != "category" else row.get(key),
                                               "parent": row.get("parent") or None})
        role = (row.get("role") or "variant").strip()
        form = value if term == "form" else _literal(value)  # a form column is in the notation already
        if role == "acronym":
            if form not in item["acronyms"]:
                item["acronyms"].append(form)
        elif role == "blocker":
            blockers = item["blockers"]["zh" if _HAN.search(form) else "en"]
            if form not in blockers:
                blockers.append(form)
        elif role == "rendering":
            if form not in [r["text"] for r in item["renderings"]]:
                rendering = {"text": form}
                if row.get("years"):
                    rendering["years"] = row["years"]
                if row.get("source"):
                    rendering["source"] = row["source"]
                item["renderings"].append(rendering)
        elif form not in item["values"]:
            item["values"].insert(0 if role == "canonical" else len(item["values"]), form)
    entries = []
    for formula_id, item in grouped.items():
        entry = _entry(formula_id, item["values"], item["category"])
        english = [v for v in item["values"] if not _HAN.search(v)]
        if item["renderings"]:
            entry["en"] = {"renderings": item["renderings"], **({"variants": english} if english else {})}
        if item["acronyms"]:
            entry["en"]["acronyms"] = item["acronyms"]
        for language in ("en", "zh"):
            if item["blockers"][language]:
                entry[language]["blockers"] = item["blockers"][language]
        if item["parent"]:
            entry["parent"] = item["parent"]
        entries.append(entry)
    return entries


def import_lexicon(text: str, source: str, *, name: str = "imported") -> str:
    """Phrasewatch lexicon YAML from a quanteda dictionary (YAML) or a CSV of terms.

    quanteda: each key becomes a formula (nested keys: the top level becomes its
    category), each value a form; values with glob wildcards (``develop*``) become
    regular expressions. CSV: a column of terms (``form``, ``phrase``, ``term`` …) and
    optionally ``formula_id`` (or ``id``, ``key``) to group them, ``category``,
    ``role`` (canonical, rendering, variant, acronym, blocker), ``years``, ``parent``:
    a CSV written by ``lexicon export --to csv`` comes back with its forms as written.
    What neither says is a ``TODO`` placeholder for ``lexicon check`` to report.
    """
    if source not in IMPORT_FORMATS:
        raise ValueError(f"cannot import from {source!r}: choose one of {', '.join(IMPORT_FORMATS)}")
    entries = _from_quanteda(text) if source == "quanteda" else _from_csv(text)
    if not entries:
        raise ValueError(f"nothing to import: the {source} input has no terms")
    seen: dict[str, int] = {}
    for entry in entries:  # two keys that slug alike must not become one id
        base = entry["id"]
        seen[base] = seen.get(base, 0) + 1
        if seen[base] > 1:
            entry["id"] = f"{base}_{seen[base]}"
    header = (f"# Imported by phrasewatch from a {source} {'dictionary' if source == 'quanteda' else 'table'}.\n"
              f"# Fill in every {PLACEHOLDER} (category, distinctiveness, the other language, example\n"
              "# sentences), then: phrasewatch lexicon check THIS_FILE\n")
    body = yaml.safe_dump({"lexicon": name, "version": 1, "formulae": entries}, allow_unicode=True, sort_keys=False,
                          width=1 << 16)
    return header + body
