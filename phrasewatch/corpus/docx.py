"""Read Word (.docx) files: the headers, the body's paragraphs and tables in document
order, the footers, then the footnotes and endnotes; the title and date from the core
properties.

Each piece of text is read once: a text box is its own paragraphs after the paragraph
that anchors it (Word stores it twice, as a drawing and as a VML fallback: only the
first is read), and of a tracked move only the text at its new place counts (the
moved-from copy is like deleted text). A header or footer that repeats another's text
(first page, even pages) is read once.

A .docx is a zip of XML parts, and both are treated as hostile: a part is read with a
cap on its decompressed size (the size the zip declares can lie), and XML carrying a
DTD, which Word never writes, is refused before any entity could expand.
"""

from __future__ import annotations

__all__ = ["read_docx", "safe_xml"]

import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from ..errors import ReadError
from .document import Document, ReadOptions, check_size

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_DCTERMS = "{http://purl.org/dc/terms/}"
_BODY = "word/document.xml"
_CORE = "docProps/core.xml"
# A DTD can only come in the prolog: after the XML declaration, comments and
# processing instructions, before the root element.
_PROLOG_DTD = re.compile(rb"\A(?:\xef\xbb\xbf)?(?:\s+|<\?.*?\?>|<!--.*?-->)*<!DOCTYPE", re.S | re.I)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
# What a run's elements add to the text; w:delText (deleted in tracked changes) and
# w:instrText (field codes) add nothing.
_RUN_TEXT = {f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}
# never read: the copy Word keeps for older readers, the old place of moved text
_SKIPPED = {f"{_MC}Fallback", f"{_W}moveFrom"}
_TEXT_BOX = f"{_W}txbxContent"
_PARTS = re.compile(r"^word/(header|footer|footnotes|endnotes)(\d*)\.xml$")


def safe_xml(data: bytes, part: str):
    """Parse XML that declares no DTD, without expanding entities or reaching the
    network; XML that declares a DTD is refused unparsed."""
    from lxml import etree

    if _PROLOG_DTD.match(data):
        raise ReadError(f"{part} declares a DTD, which Word never writes (an entity-expansion attack?); refused")
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"{part} is not well-formed XML: {exc}") from exc


def _read_part(archive: zipfile.ZipFile, name: str, budget: list[int]) -> bytes | None:
    """A part's bytes, decompressing no more than what is left of ``budget[0]`` + 1
    bytes (and taking them from it); None when absent."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    cap = budget[0]
    with archive.open(info) as member:
        data = member.read(cap + 1)
    if len(data) > cap:
        raise ReadError(f"{name} decompresses to more than {cap:,} bytes (a zip bomb?); raise --max-bytes to read it")
    budget[0] -= len(data)
    return data


def _paragraph(p) -> tuple[str, list]:
    """The paragraph's own text, and the text boxes anchored in it (read apart)."""
    parts: list[str] = []
    boxes: list = []
    stack = list(reversed(p))
    while stack:  # in document order, without entering what is skipped or boxed
        node = stack.pop()
        tag = node.tag
        if tag in _SKIPPED:
            continue
        if tag == _TEXT_BOX:
            boxes.append(node)
            continue
        if tag == f"{_W}t":
            parts.append(node.text or "")
        elif tag in _RUN_TEXT:
            parts.append(_RUN_TEXT[tag])
        stack.extend(reversed(node))
    return "".join(parts), boxes


def _blocks(element) -> Iterator[str]:
    """Paragraph texts in order, each followed by its text boxes' paragraphs; a table
    row gives its cells' texts joined by tabs."""
    for child in element:
        if child.tag in _SKIPPED:
            continue
        if child.tag == f"{_W}p":
            text, boxes = _paragraph(child)
            yield text
            for box in boxes:
                yield from _blocks(box)
        elif child.tag == f"{_W}tbl":
            for row in child.iterfind(f"{_W}tr"):
                cells = ("\n".join(t for t in _blocks(cell) if t.strip()) for cell in row.iterfind(f"{_W}tc"))
                yield "\t".join(cells)
        else:  # content controls, custom XML, tracked insertions, notes: look inside
            yield from _blocks(child)


def _notes(root) -> Iterator[str]:
    """The footnotes or endnotes of their part, without Word's separator notes."""
    for note in root:
        if note.get(f"{_W}type") in (None, "normal"):
            yield from _blocks(note)


def _part_order(name: str) -> tuple:
    kind, number = _PARTS.match(name).groups()
    return ("header", "footer", "footnotes", "endnotes").index(kind), int(number or 0)


def _core_properties(data: bytes | None) -> dict:
    if data is None:
        return {}
    root = safe_xml(data, _CORE)
    meta = {}
    title = (root.findtext(f"{_DC}title") or "").strip()
    if title:
        meta["title"] = title
    created = (root.findtext(f"{_DCTERMS}created") or "").strip()
    if _ISO_DATE.match(created):
        meta["date"] = created[:10]
    return meta


def read_docx(path: Path, options: ReadOptions) -> Iterator[Document]:
    """One document: the text of the body, with its title and date.

    Raises
    ------
    ReadError
        For a file that is not a Word zip, a part that decompresses past
        ``options.max_bytes``, or XML that is malformed or declares a DTD.
    """
    check_size(path, options)
    budget = [options.max_bytes]  # for all the parts together
    try:
        with zipfile.ZipFile(path) as archive:
            body = _read_part(archive, _BODY, budget)
            core = _read_part(archive, _CORE, budget)
            names = sorted((n for n in archive.namelist() if _PARTS.match(n)), key=_part_order)
            parts = {name: _read_part(archive, name, budget) for name in names}
    except zipfile.BadZipFile as exc:
        raise ReadError(f"not a readable .docx (a damaged zip, or a password-protected or old .doc file?): {exc}") from exc
    except (zipfile.LargeZipFile, NotImplementedError, EOFError, zlib.error) as exc:  # odd or damaged compression
        raise ReadError(f"cannot unpack the .docx: {exc}") from exc
    if body is None:
        raise ReadError(f"no {_BODY} inside: a zip, but not a Word document")
    root = safe_xml(body, _BODY)
    body_element = root.find(f"{_W}body")
    before, after, seen = [], [], set()
    for name, data in parts.items():
        kind = _PARTS.match(name).group(1)
        part = safe_xml(data, name)
        texts = [t for t in (_notes(part) if kind.endswith("notes") else _blocks(part)) if t.strip()]
        if kind in ("header", "footer"):  # first-page and even-page variants often repeat the default
            key = "\n".join(texts)
            if key in seen:
                continue
            seen.add(key)
        (before if kind == "header" else after).extend(texts)
    texts = [t for t in _blocks(root if body_element is None else body_element) if t.strip()]
    yield Document(str(path), "\n".join([*before, *texts, *after]), _core_properties(core), None)
