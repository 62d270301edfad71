"""Read HTML pages saved from ministry and news sites: the main content only, with the
title and date the page gives.

Main content, by a density heuristic over lxml (in the manner of Readability):
navigation, scripts, styles, headers, footers, menus and other boilerplate are removed;
every paragraph of real prose (long, with commas) scores for its parent and, half, for
its grandparent; the best-scoring block, discounted by its share of link text, is the
content. A page with no such block (a bare list of paragraphs) keeps all its text.

Hidden text: an element the page hides by its own markup (the ``hidden`` attribute, an
inline ``display:none`` or ``visibility:hidden``) is not read, as a reader of the page
does not see it (duplicates kept for print or for phones, text for search engines),
unless it holds most of the page's text (a page hidden until its scripts run).
Style sheets are not applied. A page nested deeper than libxml2 goes (256 levels) is
read through :mod:`.flathtml` instead, with all its text.
"""

from __future__ import annotations

__all__ = ["read_html", "page_date"]

import re
from collections.abc import Iterator
from pathlib import Path

import regex

from ..errors import ReadError
from ..text.decode import Decoded, decode
from .document import Document, ReadOptions, read_bytes

_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
              "form", "button", "select", "textarea", "input", "nav", "header", "footer", "aside", "menu", "dialog")
_DROP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar"}
_BOILERPLATE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|sidebar|side|footer|foot|header|head|top|topbar|banner|"
    r"share|social|copyright|cookies?|related|recommend|pagination|pager|toolbar|skip|subscribe|ads?|advert)(?:$|[\s_-])",
    re.I,
)
_BLOCKS = frozenset("address article blockquote center dd div dl dt figcaption figure h1 h2 h3 h4 h5 h6 hr li main "
                    "ol p pre section table tbody td tfoot th thead tr ul".split())
_PARAGRAPHS = ("p", "pre", "td", "blockquote", "li", "div")
_MAIN = ("//article", "//main", "//*[@role='main']", "//*[@itemprop='articleBody']")
_MIN_PARAGRAPH = 25  # characters of prose for a block to count as a paragraph
_COMMAS = re.compile(r"[,，、;；。]")
_SPACES = re.compile(r"[ \t\r\n\f\u00a0]+")
_CJK = r"\p{Han}\u3000-\u303f\uff00-\uffef"
_SPACE_IN_CHINESE = regex.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# The XML declaration (lxml refuses a str that declares an encoding) and the doctype,
# whose internal subset of entity declarations the HTML parser would show as text.
_PROLOG = re.compile(r"\A\s*(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)?", re.S | re.I)
# The labels that pages use for encodings Python names otherwise, as browsers read
# them: a page that says GB2312 is in practice GBK, one that says ISO-8859-1 Windows-1252.
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "iso-8859-1": "cp1252",
                    "latin1": "cp1252", "us-ascii": "cp1252", "x-big5": "big5"}

_DATE_META = ("article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
              "publish_date", "publication_date", "date", "dc.date", "dc.date.issued", "dcterms.date",
              "dcterms.created", "dcterms.issued", "citation_publication_date", "citation_date", "firstpublishedtime")
_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!\s*important\s*)?(?:;|$)", re.I)
_DATE_IN_TEXT = re.compile(r"((?:19|20)\d{2})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[-/.](\d{1,2})[-/.](\d{1,2})(?!\d))")


def _decode_page(data: bytes, forced: str | None) -> Decoded:
    """The page's text: in the encoding forced, else the one its <meta> declares (when
    its bytes fit it), else as detected for any text."""
    if forced:
        return decode(data, forced)
    declared = _CHARSET.search(data[:4096])
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        label = declared.group(1).decode("ascii").lower()
        name = _CHARSET_ALIASES.get(label, label)
        try:
            return Decoded(data.decode(name), name)
        except (LookupError, UnicodeDecodeError):
            pass  # the page is wrong about itself: detect instead
    return decode(data)


def _text_length(element) -> int:
    return len(_SPACES.sub("", element.text_content()))


def _link_density(element) -> float:
    total = _text_length(element)
    return sum(_text_length(a) for a in element.iter("a")) / total if total else 0.0


def _remove(element) -> None:
    """Take an element out of the tree, keeping the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _strip_boilerplate(root) -> None:
    for element in list(root.iter(*_DROP_TAGS)):
        _remove(element)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            _remove(element)  # comments and processing instructions
    total = _text_length(root) or 1
    for element in list(root.iter()):
        if element.getparent() is None or element.tag in ("html", "body"):
            continue
        hidden = element.get("hidden") is not None or _HIDDEN_STYLE.search(element.get("style") or "")
        if hidden and _text_length(element) <= 0.5 * total:
            _remove(element)
    for element in list(root.iter()):
        if element.getparent() is None:
            continue
        marked = (element.get("role") or "").lower() in _DROP_ROLES or _BOILERPLATE.search(
            f"{element.get('class') or ''} {element.get('id') or ''}")
        # a container named "header" can hold the whole page: only small blocks go
        if marked and _text_length(element) < 0.3 * total:
            _remove(element)


def _main_block(root):
    """The element holding the main content, or ``root`` when no block stands out."""
    for path in _MAIN:
        found = [e for e in root.xpath(path) if _text_length(e) >= _MIN_PARAGRAPH]
        if found:
            root = max(found, key=_text_length)
            break
    scores: dict = {}
    for element in root.iter(*_PARAGRAPHS):
        if element.tag == "div" and any(child.tag in _BLOCKS for child in element):
            continue  # a div of blocks is a container, scored through its paragraphs
        text = _SPACES.sub(" ", element.text_content()).strip()
        if len(text) < _MIN_PARAGRAPH:
            continue
        score = 1 + len(_COMMAS.findall(text)) + min(len(text) // 100, 3)
        parent = element.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0) + score
        grandparent = parent.getparent()
        if grandparent is not None:
            scores[grandparent] = scores.get(grandparent, 0) + score / 2
    if not scores:
        return root
    return max(scores, key=lambda e: scores[e] * (1 - _link_density(e)))


def _block_text(element) -> str:
    """The element's text with a line per block and per <br>; line breaks in the
    source are spaces, as a browser shows them."""
    pieces: list[str] = []

    def visit(node) -> None:
        block = node.tag in _BLOCKS
        if block or node.tag == "br":
            pieces.append("\n")
        if node.text:
            pieces.append(_SPACES.sub(" ", node.text))
        for child in node:
            if isinstance(child.tag, str):
                visit(child)
            if child.tail:
                pieces.append(_SPACES.sub(" ", child.tail))
        if block:
            pieces.append("\n")

    visit(element)
    lines = (line.strip() for line in "".join(pieces).split("\n"))
    return "\n".join(_SPACE_IN_CHINESE.sub("", line) for line in lines if line)


def _meta_content(root, names: tuple[str, ...]) -> str | None:
    wanted = {n.lower(): i for i, n in enumerate(names)}
    found = []
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = (meta.get("content") or "").strip()
        if key in wanted and content:
            found.append((wanted[key], content))
    return min(found)[1] if found else None


def page_date(text: str) -> str | None:
    """The first date written in ``text`` (2023-09-22, 2023/9/22, 2023年9月22日) as
    YYYY-MM-DD, or None."""
    for m in _DATE_IN_TEXT.finditer(text):
        month, day = int(m.group(2) or m.group(4)), int(m.group(3) or m.group(5))
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{m.group(1)}-{month:02d}-{day:02d}"
    return None


def _metadata(root) -> dict:
    """Title and date from what the page states about itself: og:title, the first
    <h1>, <title>; a date meta tag, then <time>."""
    h1 = next(root.iter("h1"), None)
    title_element = next(root.iter("title"), None)
    titles = [_meta_content(root, ("og:title",)),
              _SPACES.sub(" ", h1.text_content()).strip() if h1 is not None else None,
              _SPACES.sub(" ", title_element.text_content()).strip() if title_element is not None else None]
    dated = [_meta_content(root, _DATE_META)]
    dated += [t.get("datetime") or t.text_content() for t in root.iter("time")]
    meta = {"title": next((t for t in titles if t), None),
            "date": next((d for d in map(page_date, filter(None, dated)) if d), None)}
    return {k: v for k, v in meta.items() if v}


def read_html(path: Path, options: ReadOptions) -> Iterator[Document]:
    """One document: the page's main content, with its title and date.

    Raises
    ------
    DecodeError
        When the page's bytes cannot be decoded with confidence.
    ReadError
        When the file holds no HTML elements at all.
    """
    import lxml.html  # only when a page is read
    from lxml.etree import ParserError

    decoded = _decode_page(read_bytes(path, options), options.encoding)
    markup = _PROLOG.sub("", decoded.text, count=1)
    if not markup.strip():
        yield Document(str(path), "", {}, decoded.encoding, encoding_confidence=decoded.confidence)
        return
    # the HTML parser neither loads DTDs nor expands entities a page declares
    parser = lxml.html.HTMLParser(no_network=True, huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(markup, parser=parser)
    except ParserError as exc:  # a page with no elements at all
        raise ReadError(f"not readable as HTML: {exc}") from exc
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):  # nested past libxml2's depth: the rest was dropped
        from .flathtml import flat_tree

        root = flat_tree(markup, _BLOCKS)
    meta = _metadata(root)
    _strip_boilerplate(root)
    body = next(root.iter("body"), root)
    text = _block_text(_main_block(body))
    if "date" not in meta:
        # a date written near the content ("发布时间：2023年9月22日") is the page's; one in
        # the content itself is more likely the date of what it reports
        date = page_date(_block_text(body).replace(text, ""))
        if date:
            meta["date"] = date
    yield Document(str(path), text, meta, decoded.encoding, encoding_confidence=decoded.confidence)
