"""Read PDF files with pypdfium2 (PDFium, the PDF engine of Chrome): the text layer of
every page, in PDFium's reading order, made into running text by :mod:`.pages`."""

from __future__ import annotations

__all__ = ["NoTextLayer", "read_pdf"]

import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import ReadError
from .document import Document, ReadOptions, check_size
from .pages import Line, running_text

# Producers fill the Title property with placeholders and file names.
_NOT_A_TITLE = re.compile(r"^untitled$|\.(?:docx?|pdf|rtf|odt|indd)$", re.I)


class NoTextLayer(ReadError):
    """A PDF whose pages carry no text (a scan): there is nothing to read without OCR."""


def _page_lines(page) -> list[Line]:
    """The lines of one page with their height on the page, as PDFium reports them."""
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        height = page.get_height() or 1.0
        # PDFium counts the line breaks it inserts as characters, so character indices
        # and string positions agree; where they do not, positions are left unknown.
        located = textpage.count_chars() == len(text)
        lines, start = [], 0
        raws = text.split("\r\n") if located else text.replace("\r\n", "\n").split("\n")
        for raw in raws:
            top = bottom = None
            if located and raw.strip():
                first = start + len(raw) - len(raw.lstrip())
                _, low, _, high = textpage.get_charbox(first)
                top, bottom = high / height, low / height
            lines.append(Line(raw, top, bottom))
            start += len(raw) + 2
        return lines
    finally:
        textpage.close()


def read_pdf(path: Path, options: ReadOptions) -> Iterator[Document]:
    """One document: the PDF's text, with its title from the PDF's properties.

    Raises
    ------
    NoTextLayer
        When no page has text (a scanned PDF).
    ReadError
        For an encrypted, corrupt or truncated PDF.
    """
    import pypdfium2 as pdfium  # heavy: only when a PDF is read

    check_size(path, options)
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise ReadError("encrypted PDF: it needs a password to open") from exc
        raise ReadError(f"not a readable PDF (corrupt or truncated?): {message}") from exc
    try:
        pages = []
        for page in pdf:
            try:
                pages.append(_page_lines(page))
            finally:
                page.close()
        title = (pdf.get_metadata_value("Title") or "").strip()
    finally:
        pdf.close()
    text = running_text(pages)
    if pages and not text.strip():
        raise NoTextLayer(
            f"no_text_layer: none of the {len(pages)} page(s) has text (a scan?); "
            "run OCR first, e.g. ocrmypdf, and scan its output"
        )
    meta = {"title": title} if title and not _NOT_A_TITLE.search(title) else {}
    yield Document(str(path), text, meta, None)
