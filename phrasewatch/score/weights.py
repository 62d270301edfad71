"""Formula weights for the adoption index, from a file a user writes."""

from __future__ import annotations

__all__ = ["read_weights"]

from pathlib import Path

from ..errors import ScoreInputError
from ..options import check_weights


def read_weights(path: str | Path) -> dict[str, float]:
    """Formula weights from a YAML mapping (``gdi: 1.0``) or a table with
    ``formula_id`` and ``weight`` columns (.csv, .tsv, .jsonl, .parquet), checked as
    :class:`~phrasewatch.options.ScoreOptions` checks them (numbers, finite, not
    negative). A :class:`~phrasewatch.errors.ScoreInputError` names the file and every
    problem."""
    import yaml

    from ..lexicon.safeyaml import load_bounded
    from ..tables import read_table

    path = Path(path)
    try:
        if path.suffix.lower() in (".yaml", ".yml"):
            data = load_bounded(path.read_text(encoding="utf-8"), getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
        else:
            frame = read_table(path)
            missing = [c for c in ("formula_id", "weight") if c not in frame.columns]
            if missing:
                raise ScoreInputError([f"{path}: no column {', '.join(missing)} (a weights table has formula_id and weight)"])
            data = dict(zip(frame["formula_id"], frame["weight"], strict=True))
    except ScoreInputError:
        raise
    except (OSError, ValueError, UnicodeError, yaml.YAMLError) as exc:
        raise ScoreInputError([f"{path}: cannot read weights ({exc}); expected formula_id: weight pairs"]) from exc
    try:
        return check_weights(data)
    except ScoreInputError as exc:
        raise ScoreInputError([f"{path}: {p}" for p in exc.problems]) from None
