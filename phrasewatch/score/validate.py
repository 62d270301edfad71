"""What scoring needs of its input, checked before anything is counted: the tables of a
scan (perhaps saved and read back, perhaps edited by hand) and formula weights.

Every problem is listed in one error, so a user fixes them all at once. Values that
only differ in case or spelling of a boolean (``stance=ENDORSE``, ``anachronistic=yes``)
are normalised, not refused: read as they stand they would silently count for nothing.
"""

from __future__ import annotations

__all__ = ["ScoreInputError", "check_tables", "check_weights"]

import math

import numpy as np
import pandas as pd

from ..errors import ScoreInputError
from ..options import check_weights  # noqa: F401 - checked where options are made; named here with the table checks

STANCES = ("endorse", "neutral", "reject")
VOICES = ("both", "china", "partner", "signatories", "author", "quoted", "other")
STATUSES = ("ok", "skipped", "error")
_TRUE = {"true", "yes", "y", "t", "1", "1.0"}
_FALSE = {"false", "no", "n", "f", "0", "0.0"}

# columns every score reads; ``credited``: those that adoption, first adoption and explain read too
MATCH_COLUMNS = ("doc_id", "formula_id", "anachronistic")
CREDITED_COLUMNS = ("voice", "voice_actors", "stance", "strength", "start", "end")
DOCUMENT_COLUMNS = ("doc_id", "status", "tokens", "group_id")


def _example(values: pd.Series) -> str:
    shown = ", ".join(f"{v!r} (row {i + 1})" for i, v in list(values.items())[:3])
    return shown + (f" and {len(values) - 3} more" if len(values) > 3 else "")


def _words(column: pd.Series, allowed: tuple[str, ...], where: str, problems: list[str], *, missing_ok: bool) -> pd.Series:
    """The column in lower case without surrounding spaces; values outside ``allowed`` reported."""
    text = column.map(lambda v: v.strip().lower() if isinstance(v, str) else v)
    absent = text.isna()
    bad = text[~absent & ~text.isin(allowed)]
    if len(bad):
        problems.append(f"{where}: {len(bad)} value(s) not one of {', '.join(allowed)}: {_example(column[bad.index])}")
    if not missing_ok and absent.any():
        problems.append(f"{where}: {int(absent.sum())} empty value(s) (rows {', '.join(str(i + 1) for i in list(absent[absent].index)[:3])}…)")
    return text


def _booleans(column: pd.Series, where: str, problems: list[str]) -> pd.Series:
    if column.dtype == bool:
        return column

    def read(v):
        if isinstance(v, bool):
            return v
        if v is None or (isinstance(v, float) and math.isnan(v)):
            return None
        word = str(v).strip().lower()
        return True if word in _TRUE else False if word in _FALSE else None

    out = column.map(read)
    bad = out.isna()
    if bad.any():
        problems.append(f"{where}: {int(bad.sum())} value(s) not true or false: {_example(column[bad])}")
        return out
    return out.astype(bool)


def _numbers(column: pd.Series, where: str, problems: list[str], *, integer: bool, missing_ok: bool) -> pd.Series:
    numbers = pd.to_numeric(column, errors="coerce").astype("float64")
    given = column.notna() & (column.astype(str).str.strip() != "")
    sound = pd.Series(np.isfinite(numbers.to_numpy()), index=column.index) & (numbers >= 0)
    if integer:
        sound &= numbers % 1 == 0
    bad = given & ~sound
    if bad.any():
        kind = "a whole number ≥ 0" if integer else "a number ≥ 0"
        problems.append(f"{where}: {int(bad.sum())} value(s) not {kind}: {_example(column[bad])}")
    if not missing_ok and (~given).any():
        problems.append(f"{where}: {int((~given).sum())} empty value(s)")
    return numbers


def _identifier(value):
    if value is None or (isinstance(value, float) and not math.isfinite(value)) or value is pd.NA:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def check_tables(matches: pd.DataFrame, documents: pd.DataFrame, *, credited: bool = False,
                 by: list[str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The matches and documents tables, checked and normalised for scoring.

    ``credited``: also the columns that crediting a match to an actor reads (voice,
    stance …). ``by``: document columns to group by.

    Raises
    ------
    ScoreInputError
        Listing every missing column, every column with values of the wrong type or
        outside the allowed values, and repeated document ids.
    """
    problems: list[str] = []
    for name, frame in (("matches", matches), ("documents", documents)):
        if not isinstance(frame, pd.DataFrame):
            raise ScoreInputError([f"the {name} table is a {type(frame).__name__}, not a table (pandas DataFrame)"])
    wanted = {"matches": [*MATCH_COLUMNS, *(CREDITED_COLUMNS if credited else ())], "documents": list(DOCUMENT_COLUMNS)}
    for name, frame in (("matches", matches), ("documents", documents)):
        missing = [c for c in wanted[name] if c not in frame.columns]
        if missing:
            problems.append(f"{name} table: no column {', '.join(missing)} (a table written by phrasewatch scan has them; "
                            f"columns found: {', '.join(map(str, frame.columns)) or 'none'})")
    # adoption credits each match to an actor; plain counts group by the documents' own columns
    missing_by = [c for c in (by or []) if c not in documents.columns and not (credited and c == "actor")]
    if missing_by:
        problems.append(f"cannot group by {', '.join(missing_by)}: no such document column "
                        f"(available: {'actor, ' if credited else ''}{', '.join(map(str, documents.columns))})")
    matches, documents = matches.copy(), documents.copy()
    # document ids as text in both tables: read back from a file they can be numbers in
    # one (floats where some are missing) and text in the other, or of no type when empty
    for frame, column in ((matches, "doc_id"), (documents, "doc_id"), (documents, "group_id")):
        if column in frame.columns:
            frame[column] = frame[column].map(_identifier).astype(object)
    for column in ("anachronistic", "borrowed"):
        if column in matches.columns:
            matches[column] = _booleans(matches[column], f"matches table, column {column}", problems)
    if "stance" in matches.columns:
        matches["stance"] = _words(matches["stance"], STANCES, "matches table, column stance", problems, missing_ok=False)
    if "voice" in matches.columns:
        matches["voice"] = _words(matches["voice"], VOICES, "matches table, column voice", problems, missing_ok=True)
    for column in ("start", "end"):
        if column in matches.columns:
            _numbers(matches[column], f"matches table, column {column}", problems, integer=True, missing_ok=not credited)
    if "strength" in matches.columns:
        _numbers(matches["strength"], "matches table, column strength", problems, integer=False, missing_ok=True)
    if "status" in documents.columns:
        documents["status"] = _words(documents["status"], STATUSES, "documents table, column status", problems,
                                     missing_ok=False)
    if "tokens" in documents.columns:
        documents["tokens"] = _numbers(documents["tokens"], "documents table, column tokens", problems, integer=True,
                                       missing_ok=True).fillna(0)
    if "doc_id" in documents.columns:
        ids = documents["doc_id"].dropna()
        repeated = ids[ids.duplicated()]
        if len(repeated):
            problems.append(f"documents table: {len(repeated)} repeated doc_id(s), which would count documents twice: "
                            f"{_example(repeated)}")
    if problems:
        raise ScoreInputError(problems)
    return matches, documents
