"""Metadata a document states about itself: the header of a UN document (symbol,
adopting body, date) and the title and closing date line of a joint statement
(genre, parties, date), in English or Chinese.

What is found here only fills gaps: file names, front matter, table columns and
sidecars say what the user knows, and win.

>>> meta = metadata_from_text("United Nations\\nA/RES/72/250\\nResolution adopted by the General Assembly\\non 24 December 2017\\n")
>>> meta["symbol"], meta["body"], meta["session"], meta["date"]
('A/RES/72/250', 'General Assembly', 72, '2017-12-24')
>>> meta = metadata_from_title("中华人民共和国和阿拉伯联合酋长国关于加强全面战略伙伴关系的联合声明")
>>> meta["genre"], meta["parties"]
('joint_statement', 'CHN;ARE')
"""

from __future__ import annotations

__all__ = ["metadata_from_text", "metadata_from_title", "HEADER_LINES", "JOINT_GENRES"]

import datetime as dt
import re

from .metadata import un_symbol_metadata

# UN headers and statement titles sit in the first lines; 40 leaves room for the
# running headers and blank lines of text extracted from PDF.
HEADER_LINES = 40
# the symbol is printed in the first lines, beside "United Nations" and the body
_SYMBOL_LINES = 8
_LONGEST_TITLE = 250

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
_EN_DATE = r"(?:\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|[A-Z][a-z]+\s+\d{1,2},?\s+\d{4})"
_ZH_DATE = r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"

# A symbol: A/RES/80/20, A/HRC/RES/37/23, S/RES/2344 (2017), E/CN.5/2017/2, A/C.1/80/L.5.
_SYMBOL = re.compile(
    r"(?<![\w/])(?:A|S|E)(?:/(?:[A-Z]{1,6}(?:\.\d{1,2})?|\d{1,5}|L\.\d{1,4}|Rev\.\d|Add\.\d{1,3}|Corr\.\d))+"
    r"(?:\s\(\d{4}\))?(?![\w/])"
)
# opening a line, capitalised: speeches also cite resolutions "adopted by the General
# Assembly on …", and hard-wrapped ones may put that at the start of a line
_ADOPTED = re.compile(
    r"^\s*(?:Resolution\s+adopted|Adopted)\s+by\s+the\s+(?P<body>[A-Z][A-Za-z ]+?)(?:\s+at\s+its\s+(?P<meeting>\d+)(?:st|nd|rd|th)\s+meeting)?"
    r",?\s+on\s+(?P<date>" + _EN_DATE + ")",
    re.MULTILINE,
)
_DISTRIBUTED = re.compile(r"Distr\.:\s*\w+\s+(?P<date>" + _EN_DATE + ")")
# "80/20. Title" (General Assembly, Human Rights Council); "Resolution 2344 (2017)" (Security Council)
_NUMBERED_TITLE = re.compile(r"^\s*(?P<session>\d{1,3})/(?P<number>\d{1,4})\.\s+(?P<title>\S.*)$")
_SC_RESOLUTION = re.compile(r"^\s*Resolution\s+(?P<number>\d{1,5})\s+\((?P<year>\d{4})\)\s*$")

# genre values for the words that end a statement's title, most specific first
JOINT_GENRES = (
    ("joint_press_statement", r"联合新闻公报|联合新闻稿|新闻公报|Joint\s+Press\s+(?:Statement|Release|Communiqu[ée])"),
    ("joint_communique", r"联合公报|Joint\s+Communiqu[ée]"),
    ("joint_declaration", r"联合宣言|宣言|Joint\s+Declaration|Declaration"),
    ("action_plan", r"行动计划|Joint\s+Action\s+Plan|Action\s+Plan"),
    ("joint_statement", r"联合声明|Joint\s+Statement"),
)
_GENRE = re.compile("|".join(f"(?P<{genre}>{words})" for genre, words in JOINT_GENRES), re.IGNORECASE)
# what follows the parties in a title: its subject ("on …", 关于…), which may name
# countries that are not parties
# "Background Press Call on the Joint Statement …", "Remarks by … in a Joint Declaration":
# other genres that name a statement in their title
_ABOUT_A_STATEMENT = re.compile(r"^(?:Remarks|Readout|Background|Fact\s+Sheet|Press\s+Briefing)\b|\s(?:on|regarding|about)\s+(?:the|a)\s*$",
                                re.IGNORECASE)
_JOINT = re.compile(r"联合|Joint|新闻公报", re.IGNORECASE)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SUBJECT = re.compile(r"关于|\s(?:on|regarding|concerning|about|following|at)\s|:|：", re.IGNORECASE)


def _english_date(text: str) -> str | None:
    parts = re.sub(r",", " ", text).split()
    try:
        if parts[0].isdigit():
            day, month, year = int(parts[0]), _MONTHS[parts[1].lower()], int(parts[2])
        else:
            month, day, year = _MONTHS[parts[0].lower()], int(parts[1]), int(parts[2])
        return dt.date(year, month, day).isoformat()
    except (KeyError, ValueError, IndexError):
        return None


def _chinese_date(text: str) -> str | None:
    year, month, day = map(int, re.findall(r"\d+", text)[:3])
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _own_symbol(lines: list[str]) -> str | None:
    """The document's own symbol: one standing alone on a line at the top, as UN PDFs
    print it; never one cited in passing ("[on the report of the First Committee
    (A/80/534)]", "Recalling its resolution 70/1") or alone on a hard-wrapped line
    further down."""
    for line in lines[:_SYMBOL_LINES]:
        m = _SYMBOL.fullmatch(line.strip())
        if m:
            return m.group()
    return None


def _un_header(lines: list[str]) -> dict:
    header = "\n".join(line.strip() for line in lines)
    meta: dict = {}
    symbol = _own_symbol(lines)
    if symbol is None and "dopted by" not in header:
        return {}  # most documents: no need to try the patterns below
    adopted = _ADOPTED.search(header)
    if adopted:
        meta["body"] = re.sub(r"\s+", " ", adopted.group("body")).strip()
        meta["date"] = _english_date(adopted.group("date"))
        if adopted.group("meeting"):
            meta["meeting"] = int(adopted.group("meeting"))
    elif (distributed := _DISTRIBUTED.search(header)) and symbol:
        meta["date"] = _english_date(distributed.group("date"))
    for i, line in enumerate(lines):
        numbered = _NUMBERED_TITLE.match(line)
        sc = _SC_RESOLUTION.match(line)
        if numbered:
            title = numbered.group("title").strip()
            # a PDF title wrapped onto the next line, which starts in lower case
            if i + 1 < len(lines) and lines[i + 1].strip()[:1].islower():
                title = f"{title} {lines[i + 1].strip()}"
            meta["title"] = title
            if symbol is None and meta.get("body") in ("General Assembly", "Human Rights Council"):
                prefix = "A/RES/" if meta["body"] == "General Assembly" else "A/HRC/RES/"
                symbol = f"{prefix}{numbered.group('session')}/{numbered.group('number')}"
            break
        if sc and symbol is None:
            symbol = f"S/RES/{sc.group('number')} ({sc.group('year')})"
            break
    if symbol is None and not adopted:
        return {}
    if symbol is not None:
        meta = {**un_symbol_metadata(symbol), **{k: v for k, v in meta.items() if v is not None}}
    return {k: v for k, v in meta.items() if v is not None}


def metadata_from_title(title: str) -> dict:
    """Genre and parties from the title of a joint statement, communiqué, declaration
    or press statement, in English or Chinese; {} for any other title."""
    from ..countries import find_countries  # the table loads on first use

    title = re.sub(r"\s+", " ", title or "").strip()
    genre = _GENRE.search(title)
    if not genre:
        return {}
    before, after = title[:genre.start()], title[genre.end():]
    if _ABOUT_A_STATEMENT.search(before):
        return {}
    meta = {"genre": genre.lastgroup}
    subject = _SUBJECT.search(after)
    after = after[:subject.start()] if subject else after
    language = "zh" if re.search(r"[\u4e00-\u9fff]", title) else "en"
    codes = list(dict.fromkeys(code for _, _, code in find_countries(f"{before} {after}", language)))
    if len(codes) >= 2:
        meta["parties"] = ";".join(codes)
        meta["actor"] = meta["parties"]
    elif not _JOINT.search(genre.group()):
        # "Implementation of the Declaration on …", "… the Universal Declaration": a
        # declaration is a joint one when it says so or names two parties
        return {}
    return meta


def _join_lines(lines: list[str]) -> str:
    title = ""
    for line in lines:
        line = line.strip()
        title = title + line if title and _CJK.match(title[-1]) and _CJK.match(line) else f"{title} {line}".strip()
    return title


def _statement(head: list[str], tail: list[str]) -> dict:
    """A joint statement's title (its first lines) and the date it closes with
    ("2019年7月23日于北京", "Beijing, 23 July 2019")."""
    start = next(i for i, line in enumerate(head) if line.strip())
    block: list[str] = []
    for line in head[start:start + 4]:
        if not line.strip() or sum(map(len, block)) + len(line) > _LONGEST_TITLE:
            break  # a paragraph, not a title (and long lines are slow to search)
        block.append(line)
    if not block or not _GENRE.search(_join_lines(block)):
        return {}  # no genre in the whole block, so none in any of its first lines (most documents)
    # a Chinese title ends with its genre (…的联合声明) and the body follows on the
    # next line; an English one opens with it and ends at a blank line
    for k in range(1, len(block) + 1):
        title = _join_lines(block[:k])
        m = _GENRE.search(title)
        if m and len(title) - m.end() <= 1:
            break
    else:
        title = _join_lines(block[:3])
        m = _GENRE.search(_join_lines(block[:1]))
        if not m:
            return {}
    meta = metadata_from_title(title)
    if not meta:
        return {}
    meta["title"] = title
    # the date a statement closes with, or else a date line under its title
    # ("Jakarta, 12 March 2025", "（2024年7月3日，阿斯塔纳）")
    under_title = [line for line in head[start:] if line.strip()][:6]  # a title line is never a date line
    for line in [*reversed(tail), *under_title]:
        line = line.strip()
        if len(line) > 40:
            continue
        date = _date_line(line)
        if date:
            meta["date"] = date
            break
    return meta


def _date_line(line: str) -> str | None:
    """The date of a line that is only a date and a place, in either language."""
    zh = re.fullmatch(rf"[（(]?({_ZH_DATE})(?:于.{{1,12}}|[，,、]\s*.{{1,12}})?[）)]?", line)
    en = re.fullmatch(rf"(?:[A-Z][\w .'-]{{0,30}},\s*)?({_EN_DATE})\.?", line)
    return _chinese_date(zh.group(1)) if zh else _english_date(en.group(1)) if en else None


def metadata_from_text(text: str) -> dict:
    """Whatever a document's own header or title says: a UN symbol, body, session and
    date; or a joint statement's title, genre, parties and date. {} when nothing."""
    head = text[:4_000].splitlines()  # hard-wrapped text: enough lines from far fewer characters
    head = head[:HEADER_LINES] if len(head) > HEADER_LINES else text[:20_000].splitlines()[:HEADER_LINES]
    lines = [line for line in head if line.strip()]
    if not lines:
        return {}
    meta = _un_header(lines)
    if meta:
        return meta
    tail = [line for line in text[-2_000:].splitlines() if line.strip()][-3:]
    return _statement(head, tail)
