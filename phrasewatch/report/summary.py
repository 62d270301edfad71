"""The summary `phrasewatch scan` prints: a few lines a person reads in a terminal."""

from __future__ import annotations

__all__ = ["describe_formula", "kwic_lines", "show_table", "summarize"]

import unicodedata

import pandas as pd


def _table(frame: pd.DataFrame) -> str:
    return frame.to_string(index=False) if len(frame) else "  (none)"


def show_table(frame: pd.DataFrame, width: int = 80) -> str:
    """A table for a terminal: every row, text longer than ``width`` cut with "…" (a
    file written with -o keeps it whole)."""
    def cut(value):
        if isinstance(value, str) and len(value) > width:
            return value[: width - 1] + "…"
        return value

    shown = frame.copy()
    for column in shown.columns:
        if shown[column].dtype == object or pd.api.types.is_string_dtype(shown[column]):
            shown[column] = shown[column].map(cut)
    return shown.to_string(index=False)


def _adopters(result, top: int) -> pd.DataFrame:
    """Actors other than China by the number of formulae they endorse, with the strongest grade."""
    from ..score import adoption

    table = adoption(result.matches, result.documents, by=["actor"], lexicon=result.lexicon)
    table = table[table["adopted"] & (table["actor"] != "CHN")]
    if not len(table):
        return table
    top_formulae = (table.sort_values(["weight", "count"], ascending=False, kind="stable").groupby("actor")["formula_id"]
                    .apply(lambda f: ", ".join(list(f)[:4]) + (" …" if len(f) > 4 else "")))
    out = table.groupby("actor").agg(formulae=("formula_id", "nunique"), endorsements=("count", "sum"))
    graded = table.dropna(subset=["strongest"]).sort_values("strongest", ascending=False, kind="stable")
    out["strongest"] = graded.drop_duplicates("actor").set_index("actor")["strongest_name"]
    out["strongest"] = out["strongest"].fillna("")
    out["examples"] = top_formulae
    out = out.sort_values(["formulae", "endorsements"], ascending=False, kind="stable")
    return out.head(top).reset_index()


def summarize(result, top: int = 10) -> str:
    """A few lines a person can read: documents, top formulae, top actors, failures."""
    docs = result.documents
    matches = result.matches
    status = docs["status"].value_counts() if len(docs) else pd.Series(dtype=int)
    kinds = pd.Series([f.kind for f in result.lexicon]).value_counts()
    lines = [
        f"Scanned {int(status.get('ok', 0))} documents "
        f"({int(status.get('skipped', 0))} skipped, {int(status.get('error', 0))} failed) "
        f"with lexicon {', '.join(result.lexicon.names)} ({int(kinds.get('formula', 0))} formulae, "
        f"{int(kinds.get('reinterpreted', 0))} reinterpreted words; version {result.lexicon.version}).",
    ]
    current = matches
    anachronistic = 0
    if len(matches):
        anachronistic = int(matches["anachronistic"].sum())
        current = matches[~matches["anachronistic"].astype(bool)]
    lines.append(f"{len(matches)} matches in {matches['doc_id'].nunique() if len(matches) else 0} documents"
                 f" ({anachronistic} dated before the formula's first use, left out below).")
    if len(current):
        by_formula = (current.groupby("formula_id")
                      .agg(matches=("doc_id", "size"), documents=("doc_id", "nunique"),
                           en=("language", lambda s: int((s == "en").sum())),
                           zh=("language", lambda s: int((s == "zh").sum())))
                      .sort_values(["matches", "documents"], ascending=False).head(top).reset_index())
        lines += ["", "Top formulae:", _table(by_formula)]
        if "actor" in current.columns and current["actor"].notna().any():
            by_actor = (current.dropna(subset=["actor"]).groupby("actor")
                        .agg(matches=("doc_id", "size"), formulae=("formula_id", "nunique"), documents=("doc_id", "nunique"))
                        .sort_values(["matches"], ascending=False).head(top).reset_index())
            lines += ["", "Top actors:", _table(by_actor)]
        if "stance" in current.columns:
            stances = current["stance"].value_counts()
            lines += ["", "Stance: " + ", ".join(f"{int(stances.get(s, 0))} {s}" for s in ("endorse", "neutral", "reject"))]
            adopters = _adopters(result, top)
            if len(adopters):
                lines += ["Who adopts (endorsements credited to the side that voices them; China left out; "
                          "phrasewatch score --explain ACTOR FORMULA YEAR shows the sentences):", _table(adopters)]
    failed = docs[docs["status"] == "error"] if len(docs) else docs
    if len(failed):
        lines += ["", f"Files that failed ({len(failed)}):", *_listed(failed, "reason", top, "see the documents table")]
    if len(failed) and "row" in failed.columns and failed["row"].notna().any():
        lines.append(f"  ({int(failed['row'].notna().sum())} of them bad rows of tables, skipped: "
                     f"the tables' other rows were read)")
    warned = docs[docs["warnings"].notna()] if len(docs) and "warnings" in docs.columns else docs.iloc[0:0]
    if len(warned):
        lines += ["", f"Documents read with results known to be incomplete ({len(warned)}; exit code 3):",
                  *_listed(warned, "warnings", top, "see the warnings column of the documents table")]
    skipped = docs[docs["status"] == "skipped"] if len(docs) else docs
    if len(skipped):
        lines += ["", "Skipped on purpose:"]
        for reason, count in skipped["reason"].value_counts().items():
            lines.append(f"  {count} × {reason}")
    return "\n".join(lines)



def _listed(rows, column: str, top: int, where: str) -> list[str]:
    """The first ``top`` rows as "path: column" lines, and how many more there are."""
    lines = [f"  {row['path']}: {row[column]}" for _, row in rows.head(top).iterrows()]
    if len(rows) > top:
        lines.append(f"  … and {len(rows) - top} more ({where})")
    return lines

def describe_formula(record: dict) -> str:
    """What ``lexicon show`` prints: a formula's record (:func:`phrasewatch.catalogue.formula_record`)
    for a person, every form expanded, renderings with their years."""
    r = record
    lines = [f"{r['id']}  {r['zh']}  {r['en']}",
             f"  {r['kind']} · category {r['category']} · {r['distinctiveness']} (weight {r['weight']:g})"
             + (" · opposes: opposing it is adopting it" if r["opposes"] else "")]
    if r["parent"] or r["children"]:
        lines.append(f"  parent {r['parent'] or '—'}" + (f" · children {', '.join(r['children'])}" if r["children"] else ""))
    if r["first_used"]:
        source = f" ({r['first_used']['source']})" if r["first_used"]["source"] else ""
        lines.append(f"  first PRC use {r['first_used']['date']}{source}")
    if r["file"]:
        lines.append(f"  defined at {r['file']}:{r['line']}")
    for language, title in (("zh", "Chinese"), ("en", "English")):
        rows = [f for f in r["forms"] if f["language"] == language]
        if not rows:
            continue
        lines += ["", f"{title} forms ({sum(f['role'] != 'blocker' for f in rows)}):"]
        for role in ("canonical", "rendering", "variant", "acronym", "regex", "blocker"):
            for form in dict.fromkeys(f["form"] for f in rows if f["role"] == role):
                phrases = [f for f in rows if f["form"] == form and f["role"] == role]
                first = phrases[0]
                when = f" [{first['years']}]" if first.get("years") else ""
                source = f" ({first['source']})" if first.get("source") else ""
                label = "blocker (silences what it contains)" if role == "blocker" else role
                lines.append(f"  {label}: {form}{when}{source}")
                if len(phrases) > 1 or phrases[0]["phrase"] != form:
                    lines += [f"      {p['phrase']}" for p in phrases]
    examples = r["examples"]
    for expectation, title in (("match", "Must match"), ("no_match", "Must not match")):
        sentences = [(lang, s) for lang, block in examples.get(expectation, {}).items() for s in block]
        if sentences:
            lines += ["", f"{title}:"] + [f"  [{lang}] {s}" for lang, s in sentences]
    if r["sources"]:
        lines += ["", "Sources:"] + [f"  {s}" for s in r["sources"]]
    if r["notes"]:
        lines += ["", "Notes:", "  " + " ".join(r["notes"].split())]
    return "\n".join(lines)


def _width(text: str) -> int:
    """Columns a terminal gives the text: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def kwic_lines(table: pd.DataFrame, window: int = 60) -> str:
    """A keyword-in-context table (:func:`phrasewatch.kwic.kwic`) for a terminal: the
    keywords in one column, the left context aligned to it, who and how after."""
    if not len(table):
        return ""
    ids = max(_width(str(d)) for d in table["doc_id"])
    left = min(window, max(_width(str(x)) for x in table["left"]))
    lines = []
    for row in table.itertuples(index=False):
        doc = str(row.doc_id) + " " * (ids - _width(str(row.doc_id)))
        pad = " " * max(left - _width(row.left), 0)
        actors = row.voice_actors.split(";") if isinstance(row.voice_actors, str) and row.voice_actors else []
        shown = ";".join(actors[:3]) + (f"…+{len(actors) - 3}" if len(actors) > 3 else "")
        how = f"{row.voice} [{shown}] {row.stance}" if actors else f"{row.voice} {row.stance}"
        lines.append(f"{doc}  {pad}{row.left} [{row.keyword}] {row.right}   ({row.formula_id}; {how})")
    return "\n".join(lines)
