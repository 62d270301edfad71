"""Formula weights for the adoption index, from a file a user writes."""

from __future__ import annotations

__all__ = ["read_weights"]

from pathlib import Path

from ..options import ScoreOptions


def read_weights(path: str | Path) -> dict[str, float]:
    """Formula weights from a YAML mapping (``gdi: 1.0``) or a table with
    ``formula_id`` and ``weight`` columns (.csv, .tsv, .jsonl, .parquet). Checked as
    :class:`~phrasewatch.options.ScoreOptions` checks them (numbers, finite, not
    negative); a ValueError names the file and every problem."""
    path = Path(path)
    try:
        if path.suffix.lower() in (".yaml", ".yml"):
            import yaml

            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            if not isinstance(data, dict):
                raise ValueError(f"expected a mapping of formula_id: weight, found a {type(data).__name__}")
        else:
            from ..tables import read_table

            table = read_table(path)
            missing = [c for c in ("formula_id", "weight") if c not in table.columns]
            if missing:
                raise ValueError(f"no column {', '.join(missing)} (columns: {', '.join(map(str, table.columns))})")
            data = dict(zip(table["formula_id"], table["weight"], strict=True))
        return dict(ScoreOptions(weights=data).weights)
    except (OSError, ValueError, TypeError) as exc:
        raise ValueError(f"{path}: cannot read weights ({exc}); expected formula_id: weight pairs") from exc
