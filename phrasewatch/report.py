"""Reports: a readable summary of a scan, and tables written as CSV, JSONL or Parquet."""

from __future__ import annotations

__all__ = ["summarize", "read_table", "write_table", "TABLE_FORMATS", "companion_path"]

from pathlib import Path

import pandas as pd

from .scan import with_integer_columns

TABLE_FORMATS = {".csv": "csv", ".tsv": "tsv", ".jsonl": "jsonl", ".json": "jsonl", ".parquet": "parquet"}


def write_table(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write ``frame`` in the format its extension names (.csv, .tsv, .jsonl, .parquet)."""
    path = Path(path)
    fmt = TABLE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"cannot tell the format of {path.name!r}: use one of {', '.join(TABLE_FORMATS)}")
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True)
    if fmt == "csv":
        frame.to_csv(path, index=False)
    elif fmt == "tsv":
        frame.to_csv(path, index=False, sep="\t")
    elif fmt == "jsonl":
        frame.to_json(path, orient="records", lines=True, force_ascii=False)
    else:
        frame.to_parquet(path, index=False)
    return path


def read_table(path: str | Path) -> pd.DataFrame:
    """Read a table written by :func:`write_table` (format from the extension)."""
    path = Path(path)
    fmt = TABLE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"cannot tell the format of {path.name!r}: use one of {', '.join(TABLE_FORMATS)}")
    if fmt == "parquet":
        frame = pd.read_parquet(path)
    elif fmt == "jsonl":
        frame = pd.read_json(path, lines=True)
    else:
        frame = pd.read_csv(path, sep="\t" if fmt == "tsv" else ",", low_memory=False)
    return with_integer_columns(frame)


def companion_path(path: str | Path, name: str) -> Path:
    """``m.csv`` -> ``m.documents.csv``: where a second table of the same scan goes."""
    path = Path(path)
    return path.with_name(f"{path.stem}.{name}{path.suffix}")


def _table(frame: pd.DataFrame) -> str:
    return frame.to_string(index=False) if len(frame) else "  (none)"


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
    failed = docs[docs["status"] == "error"] if len(docs) else docs
    if len(failed):
        lines += ["", f"Files that failed ({len(failed)}):"]
        for _, row in failed.head(top).iterrows():
            lines.append(f"  {row['path']}: {row['reason']}")
        if len(failed) > top:
            lines.append(f"  … and {len(failed) - top} more (see the documents table)")
    skipped = docs[docs["status"] == "skipped"] if len(docs) else docs
    if len(skipped):
        lines += ["", "Skipped on purpose:"]
        for reason, count in skipped["reason"].value_counts().items():
            lines.append(f"  {count} × {reason}")
    return "\n".join(lines)
