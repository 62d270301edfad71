"""Document metadata from file names, front matter and sidecar tables.

File-name conventions understood:

- UN General Debate speeches: ``ISO3_SS_YYYY.txt`` (``SLB_78_2023.txt``);
- UN document symbols with ``/`` written ``_``: ``A_RES_80_20``, ``A_HRC_RES_37_23``,
  ``S_RES_2344_(2017)``, optionally with a language suffix (``-EN``);
- joint statements: ``CHN_ARE_2019-07-23_zh.txt`` (parties, date, language).
"""

from __future__ import annotations

__all__ = [
    "METADATA_FIELDS",
    "metadata_from_filename",
    "parse_date",
    "un_symbol_metadata",
    "read_sidecar",
    "load_sidecar",
    "Sidecar",
    "SIDECAR_NAME",
    "SIDECAR_KEYS",
]

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

METADATA_FIELDS = ("title", "date", "year", "actor", "genre", "language", "body", "session", "symbol", "parties")
SIDECAR_NAME = "metadata.csv"
# the column naming each document, first found wins ("name" may also be plain metadata
# in a sidecar that has a "file" column)
SIDECAR_KEYS = ("file", "path", "filename", "name")

_UNGDC = re.compile(r"^(?P<actor>[A-Z]{2,3})_(?P<session>\d{1,3})_(?P<year>\d{4})$")
_JOINT = re.compile(
    r"^(?P<a>[A-Z]{3})_(?P<b>[A-Z]{3})_(?P<date>\d{4}-\d{2}-\d{2})(?:_(?P<lang>[a-z]{2}))?$"
)
_UN_SYMBOL = re.compile(r"^(?P<symbol>(?:A|S|E)_[A-Za-z0-9_.()]+?)(?:-(?P<lang>[A-Z]{2}))?$")
_BODIES = (
    ("A/HRC/", "Human Rights Council"),
    ("A/C.1/", "General Assembly First Committee"),
    ("A/C.2/", "General Assembly Second Committee"),
    ("A/C.3/", "General Assembly Third Committee"),
    ("A/C.4/", "General Assembly Fourth Committee"),
    ("A/C.5/", "General Assembly Fifth Committee"),
    ("A/C.6/", "General Assembly Sixth Committee"),
    ("A/", "General Assembly"),
    ("S/", "Security Council"),
    ("E/CN.3/", "Statistical Commission"),
    ("E/CN.4/", "Commission on Human Rights"),
    ("E/CN.5/", "Commission for Social Development"),
    ("E/CN.6/", "Commission on the Status of Women"),
    ("E/CN.7/", "Commission on Narcotic Drugs"),
    ("E/CN.9/", "Commission on Population and Development"),
    ("E/CN.15/", "Commission on Crime Prevention and Criminal Justice"),
    ("E/CN.16/", "Commission on Science and Technology for Development"),
    ("E/CN.17/", "Commission on Sustainable Development"),
    ("E/CN.", "ECOSOC functional commission"),
    ("E/", "Economic and Social Council"),
)
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def parse_date(value) -> tuple[dt.date | None, int | None]:
    """A date and a year from ``"2023-09-22"``, ``"2023"``, ``2023`` or a date object."""
    if value is None or value == "":
        return None, None
    if isinstance(value, dt.datetime):
        return value.date(), value.year
    if isinstance(value, dt.date):
        return value, value.year
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value != value:  # NaN
            return None, None
        year = int(value)
        return None, year if 1000 <= year <= 3000 else None
    m = _DATE.match(str(value).strip())
    if not m:
        return None, None
    year = int(m.group(1))
    if m.group(3):
        try:
            return dt.date(year, int(m.group(2)), int(m.group(3))), year
        except ValueError:
            return None, year
    return None, year


# who speaks in a resolution
_BODY_ACTORS = (("General Assembly", "UNGA"), ("Human Rights Council", "UNHRC"), ("Security Council", "UNSC"))


def un_symbol_metadata(symbol: str) -> dict:
    """Body, actor, session, year and genre from a UN document symbol such as
    ``A/RES/80/20``, ``S/RES/2344 (2017)`` or ``E/CN.5/2017/2``."""
    meta: dict = {"symbol": symbol}
    for prefix, body in _BODIES:
        if symbol.startswith(prefix):
            meta["body"] = body
            break
    parts = symbol.split("/")
    if "RES" in parts:
        meta["genre"] = "un_resolution"
        # a resolution is the body speaking; other documents (letters, reports) are not
        for body, actor in _BODY_ACTORS:
            if meta.get("body", "").startswith(body):
                meta["actor"] = actor
                break
        i = parts.index("RES")
        # A/RES/80/20 has a session; the old A/RES/411 (V) has only a number
        if parts[0] == "A" and i + 2 < len(parts) and parts[i + 1].isdigit():
            meta["session"] = int(parts[i + 1])
    else:
        meta["genre"] = "un_document"
        if parts[0] == "A" and len(parts) > 1 and parts[1].isdigit():
            meta["session"] = int(parts[1])
    # Security Council and ECOSOC symbols carry a year: S/RES/2344 (2017), E/CN.5/2017/2, S/2017/123
    m = re.search(r"\((\d{4})\)", symbol) or (re.search(r"/((?:19|20)\d{2})(?:/|$)", symbol) if parts[0] in ("S", "E") else None)
    if m:
        meta["year"] = int(m.group(1))
    return meta


def metadata_from_filename(path: str | Path) -> dict:
    """Whatever the file name tells about a document (empty dict when nothing)."""
    stem = Path(path).stem
    m = _UNGDC.match(stem)
    if m:
        return {
            "actor": m.group("actor"),
            "session": int(m.group("session")),
            "year": int(m.group("year")),
            "genre": "general_debate",
            "body": "General Assembly",
            "language": "en",
        }
    m = _JOINT.match(stem)
    if m:
        meta = {
            "actor": f"{m.group('a')};{m.group('b')}",
            "parties": f"{m.group('a')};{m.group('b')}",
            "date": m.group("date"),
            "genre": "joint_statement",
        }
        if m.group("lang"):
            meta["language"] = m.group("lang")
        return meta
    m = _UN_SYMBOL.match(stem)
    if m and "_" in m.group("symbol"):
        raw = m.group("symbol")
        symbol = re.sub(r"_\((\d{4})\)$", r" (\1)", raw).replace("_", "/")
        meta = un_symbol_metadata(symbol)
        if m.group("lang"):
            meta["language"] = m.group("lang").lower()
        return meta
    return {}


@dataclass(frozen=True)
class Sidecar:
    """A folder's ``metadata.csv``: ``rows`` keyed by the document's path relative to
    the folder (``a.txt``, ``sub/b.txt``, with or without its suffix); ``problem`` says
    what could not be used (None when all could)."""

    folder: Path
    rows: dict[str, dict] = field(default_factory=dict)
    problem: str | None = None

    def row_for(self, path: Path) -> dict:
        """The row naming ``path`` (a file under the folder), or {}."""
        try:
            relative = PurePosixPath(Path(path).relative_to(self.folder).as_posix())
        except ValueError:
            return {}
        return self.rows.get(str(relative)) or self.rows.get(str(relative.with_suffix(""))) or {}


def _key_of(value: str) -> str:
    """A key as written ("./sub\\a.txt") as the relative path it names ("sub/a.txt")."""
    return str(PurePosixPath(value.strip().replace("\\", "/")))


def load_sidecar(folder: Path) -> Sidecar:
    """The sidecar of ``folder``, never raising: a problem (unreadable, no key column,
    a document named twice, names of files that are not there) is described in
    ``problem``, naming the columns found, and whatever rows are usable are kept.

    The key column is the first of ``file``, ``path``, ``filename``, ``name``; its values
    are paths relative to the folder. Empty cells are left out so that they do not erase
    what other sources know.
    """
    folder = Path(folder)
    path = folder / SIDECAR_NAME
    if not path.is_file():
        return Sidecar(folder)
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            columns = [c for c in (reader.fieldnames or []) if c is not None]
            key = next((k for k in SIDECAR_KEYS if k in columns), None)
            if key is None:
                found = ", ".join(c for c in columns if c.strip()) or "none"
                return Sidecar(folder, problem=f"no column naming the documents (one of {', '.join(SIDECAR_KEYS)}); "
                                               f"columns found: {found}")
            rows: dict[str, dict] = {}
            twice: list[str] = []
            for row in reader:
                name = (row.get(key) or "").strip()
                if not name:
                    continue
                name = _key_of(name)
                if name in rows:
                    twice.append(name)
                    continue  # the first row stands
                rows[name] = {k: v.strip() for k, v in row.items()
                              if k is not None and k != key and isinstance(v, str) and v.strip()}
    except UnicodeDecodeError:
        return Sidecar(folder, problem="not UTF-8 text (save it as UTF-8 CSV)")
    except (OSError, csv.Error) as exc:
        return Sidecar(folder, problem=f"cannot read it: {exc}")
    problems = []
    if twice:
        problems.append(f"{len(twice)} document(s) named twice in column {key!r}, the first row used "
                        f"({', '.join(sorted(set(twice))[:3])})")
    missing = [name for name in rows if not _names_a_file(folder, name)]
    if missing:
        problems.append(f"{len(missing)} row(s) of column {key!r} name no file in {folder.name or folder}/ "
                        f"({', '.join(missing[:3])}{' …' if len(missing) > 3 else ''})")
    return Sidecar(folder, rows, "; ".join(problems) or None)


def _names_a_file(folder: Path, name: str) -> bool:
    target = folder / name
    if target.is_file():
        return True
    parent = target.parent
    return parent.is_dir() and any(p.stem == target.name for p in parent.glob(f"{_glob_escape(target.name)}.*"))


def _glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def read_sidecar(folder: Path) -> dict[str, dict]:
    """Rows of ``metadata.csv`` in ``folder``, keyed by their key column (see
    :func:`load_sidecar`). Raises ValueError when the sidecar has no key column or
    cannot be read; a scan uses :func:`load_sidecar`, which never does."""
    sidecar = load_sidecar(folder)
    if sidecar.problem and not sidecar.rows:
        raise ValueError(f"{Path(folder) / SIDECAR_NAME}: {sidecar.problem}")
    return sidecar.rows
