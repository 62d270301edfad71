"""The HTML report: one self-contained file (styles and script inline, no network) that
opens offline in any browser.

Safe by construction: the page is a fixed skeleton, every piece of a scan (document
text, file names, metadata) reaches it either through :func:`html.escape` (the static
overview) or inside one JSON data block whose ``<``, ``>``, ``&`` and line separators
are escaped (so no ``</script>`` can close it), and the script builds the rest with
``textContent`` and ``setAttribute`` only, never ``innerHTML``. Links to documents are
relative paths with every character outside ``A-Za-z0-9/._~-`` percent-encoded, so a
file named ``javascript:…`` is a relative link, and the script refuses any other kind.
A Content-Security-Policy allows only the page's own script and style (by hash): were
anything to slip through, it would not run.
"""

from __future__ import annotations

__all__ = ["html", "page"]

import base64
import datetime as dt
import hashlib
import html as _html
import json
import os
from importlib import metadata, resources
from pathlib import Path
from urllib.parse import quote

import pandas as pd

from ..countries import CHINA
from ..options import KWIC_LIMIT
from ..tables import write_text
from .data import ReportData, actor_label, formula_label, report_data
from .kwic import kwic

_TEXT_SUFFIXES = (".txt", ".md", ".htm", ".html", "")  # a browser shows these itself, and finds a text fragment in them
_FAILED_LISTED = 200


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


def _esc(value) -> str:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return ""
    return _html.escape(str(value), quote=True)


def _json_for_html(data) -> str:
    """JSON that cannot end the script element holding it or start markup in it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _split(frame: pd.DataFrame, columns=None) -> dict:
    """A frame as ``{"columns": [...], "rows": [[...], ...]}``, missing values as null."""
    if columns is not None:
        frame = frame.reindex(columns=list(columns))
    out = json.loads(frame.to_json(orient="split", index=False, force_ascii=False, double_precision=15))
    return {"columns": [str(c) for c in out["columns"]], "rows": out["data"]}


def _value(v):
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return None
    if hasattr(v, "item"):
        return v.item()
    return v


def _href(path, base: Path | None) -> tuple[str | None, bool]:
    """A link to a document's file, relative to the report's folder, every character
    but ``A-Za-z0-9/._~-`` percent-encoded; and whether a browser shows the file itself
    (plain text, Markdown, HTML), so that a text fragment can point at the match."""
    if not isinstance(path, str) or not path:
        return None, False
    target = Path(path)
    if not target.is_absolute():
        target = Path.cwd() / target
    try:
        rel = os.path.relpath(target, base if base is not None else Path.cwd()).replace(os.sep, "/")
        href = quote(rel, safe="/")
        href = href if href.startswith("../") else "./" + href
    except ValueError:  # another drive (Windows): no relative path
        href = target.resolve().as_uri()
    return href, target.suffix.lower() in _TEXT_SUFFIXES


def _formula_meta(ids, lexicon, found: pd.Series) -> list[dict]:
    out = []
    for f in ids:
        entry = {"id": f, "label": formula_label(f, lexicon), "zh": "", "category": "", "distinctiveness": "",
                 "prcFirst": None, "prcFirstSource": "", "weight": None, "matches": int(found.get(f, 0))}
        if lexicon is not None and f in lexicon:
            x = lexicon[f]
            entry.update(zh=x.zh_canonical or "", category=x.category or "", distinctiveness=x.distinctiveness or "",
                         weight=x.effective_weight,
                         prcFirst=x.first_used.date if x.first_used else None,
                         prcFirstSource=(x.first_used.source or "") if x.first_used else "")
        out.append(entry)
    return out


def _overview(data: ReportData, title: str, command: str | None, generated: str, kwic_note: str) -> str:
    """The static part: what was read, what failed and why, with which lexicon, by which command."""
    docs = data.documents
    status = docs["status"].value_counts() if len(docs) else pd.Series(dtype=int)
    ok = docs[docs["status"] == "ok"]
    lexicon = data.lexicon
    chars = int(pd.to_numeric(ok.get("chars"), errors="coerce").fillna(0).sum()) if "chars" in ok else 0
    tokens = int(pd.to_numeric(ok.get("tokens"), errors="coerce").fillna(0).sum()) if "tokens" in ok else 0
    years = pd.to_numeric(ok["year"], errors="coerce").dropna() if "year" in ok else pd.Series(dtype=float)
    span = f"{int(years.min())}–{int(years.max())}" if len(years) else "—"
    actors = ok["actor"].dropna().nunique() if "actor" in ok else 0
    rows = [
        ("Documents read", f"{int(status.get('ok', 0)):,}"),
        ("Skipped on purpose", f"{int(status.get('skipped', 0)):,}"),
        ("Failed", f"{int(status.get('error', 0)):,}"),
        ("Text read", f"{chars / 1e6:,.1f} million characters, {tokens:,} tokens"),
        ("Years", span),
        ("Speakers (actor)", f"{actors:,}"),
        ("Matches", f"{len(data.matches):,} ({kwic_note})"),
    ]
    if lexicon is not None:
        kinds = pd.Series([f.kind for f in lexicon]).value_counts()
        rows.append(("Lexicon", f"{', '.join(lexicon.names)}, version {lexicon.version} "
                                f"({int(kinds.get('formula', 0))} formulae, {int(kinds.get('reinterpreted', 0))} reinterpreted words)"))
    options = data.options
    counted = ["endorsements credited to the side that voices them"]
    counted.append("anachronistic matches included" if options.include_anachronistic else
                   "matches dated before China's first use left out")
    counted.append("China's own sentences credited to every party" if options.include_china_voice else
                   "China's own sentences credited to China only")
    counted.append("every copy counted" if options.count_copies else "each group of copies counted once")
    rows.append(("Counted", "; ".join(counted)))
    rows.append(("Made by", command or "phrasewatch.report.html(...)"))
    rows.append(("Made on", generated))
    parts = ['<section id="overview"><h2>Overview</h2><table class="facts">']
    parts += [f"<tr><th>{_esc(k)}</th><td>{_esc(v)}</td></tr>" for k, v in rows]
    parts.append("</table>")
    for label, state in (("Skipped on purpose", "skipped"), ("Failed", "error")):
        subset = docs[docs["status"] == state] if len(docs) else docs
        if not len(subset):
            continue
        reasons = subset["reason"].fillna("(no reason given)").value_counts()
        parts.append(f"<h3>{_esc(label)}: why</h3><table class=\"plain\"><tr><th>files</th><th>reason</th></tr>")
        parts += [f"<tr><td class=\"num\">{int(n):,}</td><td>{_esc(reason)}</td></tr>" for reason, n in reasons.items()]
        parts.append("</table>")
    failed = docs[docs["status"] == "error"] if len(docs) else docs
    if len(failed):
        parts.append("<details><summary>The files that failed</summary><table class=\"plain\"><tr><th>file</th><th>reason</th></tr>")
        for path, reason in zip(failed["path"].head(_FAILED_LISTED), failed["reason"].head(_FAILED_LISTED), strict=True):
            parts.append(f"<tr><td>{_esc(path)}</td><td>{_esc(reason)}</td></tr>")
        parts.append("</table>")
        if len(failed) > _FAILED_LISTED:
            parts.append(f"<p>… and {len(failed) - _FAILED_LISTED:,} more: see the documents table "
                         "(<code>phrasewatch scan … -o matches.csv</code> writes it).</p>")
        parts.append("</details>")
    parts.append("</section>")
    return "\n".join(parts)


def _payload(data: ReportData, rows, kw, base: Path | None, title: str) -> dict:
    lexicon = data.lexicon
    order = data.formula_order()
    found = data.matches["formula_id"].value_counts() if len(data.matches) else pd.Series(dtype=int)
    adopters = data.adopters

    # documents: only those a KWIC row or a first adoption points to
    wanted = list(dict.fromkeys([*rows["doc_id"], *adopters["doc_id"]]))
    doc_index = {d: i for i, d in enumerate(wanted)}
    docs = data.documents[data.documents["doc_id"].isin(doc_index)].drop_duplicates("doc_id")
    fields = ["path", "row", "title", "actor", "year", "date", "genre", "text_offset"]
    known = {rec["doc_id"]: rec for rec in docs.reindex(columns=["doc_id", *fields]).to_dict("records")}
    doc_rows = []
    for d in wanted:
        rec = {k: _value(v) for k, v in known.get(d, {}).items()}
        href, shows_text = _href(rec.get("path"), base)
        # the script adds the match as a text fragment where the browser shows the file itself (not a table's row)
        fragment = shows_text and rec.get("row") is None
        doc_rows.append([d, href, fragment, rec.get("path"), rec.get("title"), rec.get("actor"),
                         rec.get("year"), rec.get("date"), rec.get("genre"), rec.get("text_offset")])

    formula_index = {f: i for i, f in enumerate(order)}
    kwic_rows = []

    def get(name):  # a column another version of the tables may lack
        return rows[name] if name in rows.columns else pd.Series(None, index=rows.index, dtype=object)

    for values in zip(rows["doc_id"], rows["formula_id"], rows["start"], rows["end"], rows["left"], rows["match"], rows["right"],
                      rows["surface"], get("voice"), get("credited"), get("stance"), get("stance_cue"), get("strength"),
                      get("strength_name"), get("anachronistic"), strict=True):
        d, f, start, end, left, match, right, surface, voice, credited, stance, cue, strength, grade, anachronistic = values
        kwic_rows.append([
            doc_index[d], formula_index.get(f, -1), _value(start), _value(end), left, match, right,
            match or " ".join(str(surface).split()), _value(voice), _value(credited), _value(stance), _value(cue),
            _value(strength), _value(grade), bool(anachronistic) if _value(anachronistic) is not None else False,
        ])

    actors = sorted(set(data.by_actor["actor"].dropna()) | set(adopters["actor"].dropna()))
    china_first = data.first[data.first["actor"] == CHINA].set_index("formula_id")["first_date"].to_dict()
    scores = {}
    for name, frame, command in (
        ("adoption", data.adoption, "phrasewatch score --table adoption"),
        ("index", data.index, "phrasewatch score --table index"),
        ("first", data.first, "phrasewatch score --table first"),
        ("diffusion", data.diffusion, "phrasewatch score --table diffusion"),
    ):
        scores[name] = {"command": command, **_split(frame)}
    heat = {
        "cells": _split(data.by_actor, ["actor", "formula_id", "count", "mentions", "documents", "strongest", "strongest_name",
                                        "adopted", "documents_total"]),
        "index": _split(data.actor_index, ["actor", "index", "formulae_adopted"]),
    }
    breakdowns = {col: _split(frame, [col, "formula_id", "count", "mentions", "documents", "documents_total", "adopted"])
                  for col, frame in data.breakdowns.items()}
    years = pd.to_numeric(data.documents.loc[data.documents["status"] == "ok", "year"], errors="coerce").dropna() \
        if "year" in data.documents else pd.Series(dtype=float)
    return {
        "title": title,
        "years": [int(years.min()), int(years.max())] if len(years) else None,
        "china": CHINA,
        "formulae": _formula_meta(order, lexicon, found),
        "actors": {a: actor_label(a, names=True) for a in actors},
        "chinaFirst": china_first,
        "diffusion": _split(data.diffusion),
        "adopters": _split(adopters.assign(doc=adopters["doc_id"].map(doc_index)),
                           ["actor", "formula_id", "first_date", "first_year", "lag_years", "lag_days", "strongest",
                            "strongest_name", "doc"]),
        "heat": heat,
        "breakdowns": breakdowns,
        "docs": {"columns": ["doc_id", "href", "fragment", "path", "title", "actor", "year", "date", "genre", "text_offset"], "rows": doc_rows},
        "kwic": {"total": kw.total, "sampled": kw.sampled, "seed": kw.seed,
                 "columns": ["doc", "formula", "start", "end", "left", "match", "right", "find", "voice", "credited", "stance",
                             "stance_cue", "strength", "strength_name", "anachronistic"],
                 "rows": kwic_rows},
        "scores": scores,
    }


def _version() -> str:
    try:
        return metadata.version("phrasewatch")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return ""


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def page(data: ReportData, *, title: str | None = None, command: str | None = None, output: str | Path | None = None,
         kwic_limit: int | None = KWIC_LIMIT, generated: str | None = None) -> str:
    """The report of scored data (:func:`~phrasewatch.report.data.report_data`) as one
    HTML page. ``output``: where the page will be saved, which links to documents are
    relative to (default: the current folder)."""
    title = title or "phrasewatch report"
    kw = kwic(data, limit=kwic_limit)
    rows = kw.rows
    if kw.sampled:
        note = (f"the sentence tables show {len(rows):,} of the {kw.total:,} matches counted: every first adoption and "
                f"a random sample of the rest, an equal share per formula (seed {kw.seed})")
    else:
        note = f"the sentence tables show all {kw.total:,} matches counted"
    base = Path(output).resolve().parent if output is not None else None
    generated = generated or dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    payload = _payload(data, rows, kw, base, title)
    payload["kwic"]["note"] = note
    script, style = _asset("report.js"), _asset("report.css")
    csp = (f"default-src 'none'; script-src {_csp_hash(script)}; style-src {_csp_hash(style)}; img-src data:; "
           "base-uri 'none'; form-action 'none'")
    skeleton = _asset("report.html")
    fill = {
        "csp": _esc(csp), "title": _esc(title), "style": style, "script": script, "data": _json_for_html(payload),
        "overview": _overview(data, title, command, generated, note),
        "subtitle": _esc(f"phrasewatch {_version()}" + (f" · lexicon {', '.join(data.lexicon.names)} {data.lexicon.version}"
                                                          if data.lexicon is not None else "") + f" · {generated}"),
    }
    out = []
    for piece in skeleton.split("{{"):
        if "}}" in piece:
            key, rest = piece.split("}}", 1)
            out.append(fill[key.strip()] + rest)
        else:
            out.append(piece)
    return "".join(out)


def html(matches, documents=None, *, output: str | Path | None = None, lexicon=None, options=None, title: str | None = None,
         command: str | None = None, kwic_limit: int | None = KWIC_LIMIT, **keywords) -> str:
    """A scan's report as one self-contained HTML page (no network needed to open it).

    Parameters
    ----------
    matches, documents : a :class:`~phrasewatch.ScanResult` alone, its two tables, or
        the files they were saved to (``phrasewatch scan … -o m.csv``).
    output : write the page here too (atomically); links to documents are relative to it.
    lexicon : names, weights and China's first use (the result's, if it has one).
    options : a :class:`~phrasewatch.ScoreOptions` (or its fields as keywords): what
        the scores count, as for ``phrasewatch score``.
    title, command : shown at the top (``command``: what made the report).
    kwic_limit : most matches the sentence tables carry (None: all); above it every
        first adoption is kept and the rest sampled, and the page says so.

    Returns
    -------
    str
        The page.

    >>> import phrasewatch
    >>> page = phrasewatch.report.html(phrasewatch.scan())
    >>> page.startswith("<!doctype html>") and "Global Development Initiative" in page
    True
    """
    data = report_data(matches, documents, lexicon=lexicon, options=options, **keywords)
    text = page(data, title=title, command=command, output=output, kwic_limit=kwic_limit)
    if output is not None:
        write_text(output, text)
    return text
