"""Two documents about one event, side by side: which formula one of them gives and the
other leaves out or weakens.

China's readout of a meeting often says the partner "supports" a formula that the
partner's own readout, or the English version of a statement, leaves out or softens.
:func:`compare` scans both documents (any language: formulae are compared by their
lexicon id, so 全球发展倡议 meets "Global Development Initiative") and lines up, for each
formula and each actor credited with it, the strongest use on each side: its voice,
stance and grade, and its sentence.

A use is stronger than another when its stance is (endorse > neutral > reject), or,
both endorsing, when its grade is (firmly supports > supports > … > takes note of).
Glosses count once. Rows credited to no one (a document whose author is unknown and
quotes no one) are compared under the actor ``""``: give each document its actor
(front matter, a sidecar) when its text does not name it.
"""

from __future__ import annotations

__all__ = ["COMPARE_COLUMNS", "compare", "compare_matches", "format_comparison"]

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from .countries import split_parties

_SIDE = ("voice", "voice_actors", "speaker", "stance", "strength", "strength_name", "surface", "sentence")
COMPARE_COLUMNS = (
    "formula_id", "actor", "difference",
    *(f"a_{c}" for c in _SIDE), *(f"b_{c}" for c in _SIDE),
)
_STANCE_RANK = {"reject": 0, "neutral": 1, "endorse": 2}


def _strongest(matches: pd.DataFrame) -> pd.DataFrame:
    """One row per formula and actor credited: the strongest use."""
    m = matches
    if "gloss_of" in m.columns:
        m = m[m["gloss_of"].isna()]
    rows = []
    for row in m.to_dict("records"):
        for actor in split_parties(row.get("voice_actors")) or ("",):
            rows.append({**row, "actor": actor})
    if not rows:
        return pd.DataFrame(columns=["formula_id", "actor", *_SIDE, "_rank", "_grade"])
    frame = pd.DataFrame(rows)
    frame["_rank"] = frame["stance"].map(_STANCE_RANK).fillna(1)
    frame["_grade"] = pd.to_numeric(frame["strength"], errors="coerce").where(frame["stance"] == "endorse")
    frame = frame.sort_values(["formula_id", "actor", "_rank", "_grade", "start"], ascending=[True, True, False, False, True],
                              na_position="last", kind="stable")
    return frame.drop_duplicates(["formula_id", "actor"])[["formula_id", "actor", *_SIDE, "_rank", "_grade"]]


def _difference(row) -> str:
    a, b = row["a_rank"], row["b_rank"]
    if pd.isna(b):
        return "only in A"
    if pd.isna(a):
        return "only in B"
    if a != b:
        return "weaker in B" if b < a else "weaker in A"
    ga, gb = row["a_grade"], row["b_grade"]
    if not pd.isna(ga) and not pd.isna(gb) and ga != gb:
        return "weaker in B" if gb < ga else "weaker in A"
    return "same"


def compare_matches(a, b, *, include_same: bool = False) -> pd.DataFrame:
    """Compare the matches tables of two documents (see :func:`compare`), or their
    scan results.

    >>> from phrasewatch import scan_text
    >>> a = scan_text("The Kenyan side supports the Global Development Initiative.", parties="CHN;KEN", genre="joint_statement")
    >>> b = scan_text("肯方欢迎全球发展倡议。", parties="CHN;KEN", genre="joint_statement")
    >>> compare_matches(a, b)[["formula_id", "actor", "difference", "a_strength_name", "b_strength_name"]].values.tolist()
    [['gdi', 'KEN', 'weaker in B', 'supports', 'welcomes']]
    """
    a, b = (getattr(side, "matches", side) for side in (a, b))  # a ScanResult, or its matches table
    left, right = _strongest(a), _strongest(b)
    left = left.rename(columns={c: f"a_{c.lstrip('_')}" for c in (*_SIDE, "_rank", "_grade")})
    right = right.rename(columns={c: f"b_{c.lstrip('_')}" for c in (*_SIDE, "_rank", "_grade")})
    table = left.merge(right, on=["formula_id", "actor"], how="outer")
    if table.empty:
        return pd.DataFrame(columns=list(COMPARE_COLUMNS))
    table["difference"] = table.apply(_difference, axis=1)
    if not include_same:
        table = table[table["difference"] != "same"]
    order = {"only in A": 0, "only in B": 1, "weaker in B": 2, "weaker in A": 3, "same": 4}
    table = table.assign(_order=table["difference"].map(order)).sort_values(["_order", "formula_id", "actor"], kind="stable")
    for side in ("a", "b"):
        table[f"{side}_strength"] = pd.array(pd.to_numeric(table[f"{side}_strength"], errors="coerce"), dtype="Int64")
    return table[list(COMPARE_COLUMNS)].reset_index(drop=True)


def compare(a, b, *, lexicon=None, include_same: bool = False, **scan_options) -> pd.DataFrame:
    """Line up two documents about one event (China's readout and the partner's, or two
    language versions of one statement) and list each formula present in one and
    absent or weaker in the other.

    Parameters
    ----------
    a, b : a file each (read with its front matter and sidecar metadata, as a scan
        reads it), or the :class:`~phrasewatch.scan.ScanResult` of a scan of one document.
    lexicon : the lexicon to match (default: the bundled ccdm).
    include_same : also list the formulae both give alike.
    scan_options : passed to :func:`phrasewatch.scan` (``kinds``, ``encoding`` …).

    Returns
    -------
    pandas.DataFrame
        One row per formula and actor credited (``actor``, "" for no one) where the two
        differ: ``difference`` ("only in A", "only in B", "weaker in B", "weaker in A",
        or "same"), then for each side (``a_``, ``b_``) the strongest use's ``voice``,
        ``voice_actors``, ``speaker``, ``stance``, ``strength`` (Int64),
        ``strength_name``, ``surface`` and ``sentence`` (empty when absent).
    """
    return compare_matches(_one_document(a, lexicon, scan_options, "A"), _one_document(b, lexicon, scan_options, "B"),
                           include_same=include_same)


def _one_document(source, lexicon, scan_options: dict, side: str) -> pd.DataFrame:
    from .scan import ScanResult, scan

    result = source if isinstance(source, ScanResult) else scan([Path(source)], lexicon=lexicon, **scan_options)
    docs = result.documents
    ok = docs[docs["status"] == "ok"]
    if len(ok) != 1:
        reasons = "; ".join(str(r) for r in docs["reason"].dropna()) or "no document read"
        raise ValueError(f"{side}: compare needs one document on each side, found {len(ok)} ({reasons})"
                         if len(ok) else f"{side}: {reasons}")
    return result.matches


def format_comparison(table: pd.DataFrame, names: Iterable[str] = ("A", "B")) -> str:
    """The comparison as text for a terminal: one block per difference."""
    a_name, b_name = names
    if table.empty:
        return f"no formula differs between {a_name} and {b_name}"

    def side(row, prefix):
        if pd.isna(row[f"{prefix}_stance"]):
            return "absent"
        who = row[f"{prefix}_voice"] + (f" [{row[f'{prefix}_voice_actors']}]" if isinstance(row[f"{prefix}_voice_actors"], str) else "")
        if isinstance(row[f"{prefix}_speaker"], str):
            who += f" ({row[f'{prefix}_speaker']})"
        grade = f", {row[f'{prefix}_strength_name']}" if isinstance(row[f"{prefix}_strength_name"], str) else ""
        return f"{who}, {row[f'{prefix}_stance']}{grade}: {row[f'{prefix}_sentence']}"

    lines = []
    for row in table.to_dict("records"):
        actor = f" · {row['actor']}" if row["actor"] else ""
        said = {"only in A": f"only in {a_name}", "only in B": f"only in {b_name}", "weaker in A": f"weaker in {a_name}",
                "weaker in B": f"weaker in {b_name}"}.get(row["difference"], row["difference"])
        lines.append(f"{row['formula_id']}{actor}: {said}")
        lines.append(f"  {a_name}: {side(row, 'a')}")
        lines.append(f"  {b_name}: {side(row, 'b')}")
        lines.append("")
    return "\n".join(lines).rstrip()
