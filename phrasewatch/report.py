"""Reports: a readable summary of a scan, and tables written as CSV, JSONL or Parquet."""

from __future__ import annotations

__all__ = ["summarize", "read_table", "write_table", "write_scan", "TABLE_FORMATS", "companion_path"]

from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from .scan import MATCH_TABLE_COLUMNS, DocumentResult, documents_frame, with_integer_columns

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


def _format(path: Path) -> str:
    fmt = TABLE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"cannot tell the format of {path.name!r}: use one of {', '.join(TABLE_FORMATS)}")
    return fmt


class _StreamingTable:
    """Appends batches of rows with fixed columns to a CSV, JSONL or Parquet file."""

    _INTEGERS = ("start", "end", "year", "session", "strength")
    _BOOLEANS = ("acronym", "anachronistic")

    def __init__(self, path: Path, columns: list[str]):
        self.path, self.columns, self.fmt = path, columns, _format(path)
        if path.parent and not path.parent.exists():
            path.parent.mkdir(parents=True)
        self.rows = 0
        self._fh = None if self.fmt == "parquet" else path.open("w", encoding="utf-8", newline="")
        self._parquet = None

    def _schema(self):
        import pyarrow as pa

        def kind(column):
            if column in self._INTEGERS:
                return pa.int64()
            if column in self._BOOLEANS:
                return pa.bool_()
            return pa.string()

        return pa.schema([(c, kind(c)) for c in self.columns])

    def write(self, rows: list[dict]) -> None:
        frame = with_integer_columns(pd.DataFrame.from_records(rows, columns=self.columns))
        if self.fmt in ("csv", "tsv"):
            frame.to_csv(self._fh, index=False, header=self.rows == 0, sep="\t" if self.fmt == "tsv" else ",")
        elif self.fmt == "jsonl":
            if len(frame):
                text = frame.to_json(orient="records", lines=True, force_ascii=False)
                self._fh.write(text if text.endswith("\n") else text + "\n")
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            schema = self._schema()
            if self._parquet is None:
                self._parquet = pq.ParquetWriter(self.path, schema)
            if len(frame):
                self._parquet.write_table(pa.Table.from_pandas(frame, schema=schema, preserve_index=False))
        self.rows += len(frame)

    def close(self) -> None:
        if self.fmt == "parquet":
            if self._parquet is None:
                self.write([])
            self._parquet.close()
        else:
            self._fh.close()


class _Counter:
    """A table that only counts its rows."""

    rows = 0

    def write(self, rows: list[dict]) -> None:
        self.rows += len(rows)

    def close(self) -> None:
        pass


def write_scan(
    results: Iterable[DocumentResult],
    matches_path: str | Path | None,
    documents_path: str | Path,
    *,
    batch: int = 20_000,
    on_document: Callable[[DocumentResult], None] | None = None,
) -> tuple[pd.DataFrame, int]:
    """Write a scan's matches to ``matches_path`` as they come, in batches (memory stays
    flat however many matches there are), then its documents table to
    ``documents_path``. Returns the documents table and the number of matches
    (``matches_path`` None: count them only)."""
    matches = _StreamingTable(Path(matches_path), list(MATCH_TABLE_COLUMNS)) if matches_path else _Counter()
    documents: list[dict] = []
    pending: list[dict] = []
    try:
        for result in results:
            if on_document is not None:
                on_document(result)
            documents.append(result.document)
            pending.extend(result.matches)
            if len(pending) >= batch:
                matches.write(pending)
                pending = []
        matches.write(pending)
    finally:
        matches.close()
    frame = documents_frame(documents)
    write_table(frame, documents_path)
    return frame, matches.rows


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


def _adopters(result, top: int) -> pd.DataFrame:
    """Actors other than China by the number of formulae they endorse, with the strongest grade."""
    from .score import adoption

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
        lines += ["", f"Files that failed ({len(failed)}):"]
        for _, row in failed.head(top).iterrows():
            lines.append(f"  {row['path']}: {row['reason']}")
        if len(failed) > top:
            lines.append(f"  … and {len(failed) - top} more (see the documents table)")
    if len(failed) and "row" in failed.columns and failed["row"].notna().any():
        lines.append(f"  ({int(failed['row'].notna().sum())} of them bad rows of tables, skipped: "
                     f"the tables' other rows were read)")
    warned = docs[docs["warnings"].notna()] if len(docs) and "warnings" in docs.columns else docs.iloc[0:0]
    if len(warned):
        lines += ["", f"Documents read with results known to be incomplete ({len(warned)}; exit code 3):"]
        for _, row in warned.head(top).iterrows():
            lines.append(f"  {row['path']}: {row['warnings']}")
        if len(warned) > top:
            lines.append(f"  … and {len(warned) - top} more (see the warnings column of the documents table)")
    skipped = docs[docs["status"] == "skipped"] if len(docs) else docs
    if len(skipped):
        lines += ["", "Skipped on purpose:"]
        for reason, count in skipped["reason"].value_counts().items():
            lines.append(f"  {count} × {reason}")
    return "\n".join(lines)
