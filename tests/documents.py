"""Documents the format tests read, written on the fly: PDFs drawn with reportlab (its
built-in CID font STSong-Light draws Chinese without a font file), Word files written
as the zip of XML parts that Word itself writes, HTML as text. The wording is the
project's own."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

A4_HEIGHT = 842

# A General Assembly resolution laid out as UN PDFs are: the symbol and a short title
# on top of each page, the job number and page number at the foot; words broken at
# line ends, and the formula broken across a page.
UN_PAGES = [
    [
        "The General Assembly,",
        "Recalling the importance of transparency and confidence-",
        "building measures in outer space activities for the develop-",
        "ment of all nations,",
        "Welcoming efforts to build a community with a shared future for",
    ],
    [
        "mankind in outer space,",
        "1. Calls upon all States to contribute to the peaceful use",
        "of outer space and to refrain from an arms race there;",
        "2. Decides to include the item in the provisional agenda of its",
        "eighty-first session.",
    ],
    [
        "Recorded vote: 150 in favour, none against.",
    ],
]
UN_HEADER = ("A/RES/80/99", "Transparency measures in outer space")
UN_JOB_NUMBER = "25-20001"

ZH_LINES = [
    "中华人民共和国和某国关于深化全面战略伙伴关系的联合声明",
    "双方一致认为，应当携手推动构建人类命运共",
    "同体，共同落实全球发展倡议。",
    "双方同意加强各领域交流与合作。",
]


def write_pdf(path: Path, pages: list[list[str]], *, header: tuple[str, str] | None = None,
              job_number: str | None = None, chinese: bool = False, encrypt: str | None = None) -> Path:
    """A PDF with one page per list of lines; a running header, a job number and a page
    number "n/N" in the margins when asked."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    font = "Helvetica"
    if chinese:
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        font = "STSong-Light"
    pdf = canvas.Canvas(str(path), pagesize=(595, A4_HEIGHT), encrypt=encrypt)
    for number, lines in enumerate(pages, 1):
        if header:
            pdf.setFont("Helvetica", 9)
            pdf.drawString(72, A4_HEIGHT - 40, header[0])
            pdf.drawRightString(523, A4_HEIGHT - 40, header[1])
        pdf.setFont(font, 11)
        y = A4_HEIGHT - 100
        for line in lines:
            pdf.drawString(72, y, line)
            y -= 15
        pdf.setFont("Helvetica", 9)
        if job_number:
            pdf.drawString(72, 40, job_number)
        if header or job_number:
            pdf.drawRightString(523, 40, f"{number}/{len(pages)}")
        pdf.showPage()
    pdf.save()
    return path


def write_image_only_pdf(path: Path) -> Path:
    """A PDF as a scanner makes it: a picture on each page and no text layer."""
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=(595, A4_HEIGHT))
    for _ in range(2):
        pdf.rect(72, 400, 300, 200, fill=1)  # stands in for the scanned image
        pdf.showPage()
    pdf.save()
    return path


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '</Types>'
)


def _paragraph(text: str) -> str:
    runs = "".join(f'<w:r><w:t xml:space="preserve">{escape(part)}</w:t></w:r>' for part in text.split("|"))
    return f"<w:p>{runs}</w:p>"


def docx_body(paragraphs: list[str], table: list[list[str]] | None = None) -> str:
    """document.xml: paragraphs (a "|" splits a paragraph into runs, as Word often
    does mid-word), then a table."""
    body = "".join(_paragraph(p) for p in paragraphs)
    if table:
        rows = "".join("<w:tr>" + "".join(f"<w:tc>{_paragraph(cell)}</w:tc>" for cell in row) + "</w:tr>" for row in table)
        body += f"<w:tbl>{rows}</w:tbl>"
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W}"><w:body>{body}</w:body></w:document>'


def core_properties(title: str, created: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f'<dc:title>{escape(title)}</dc:title>'
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>'
        '</cp:coreProperties>'
    )


def write_docx(path: Path, document_xml: str, core_xml: str | None = None, parts: dict[str, str] | None = None) -> Path:
    """A .docx; ``parts``: more parts by name (word/header1.xml, word/footnotes.xml …)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("word/document.xml", document_xml)
        if core_xml:
            z.writestr("docProps/core.xml", core_xml)
        for name, xml in (parts or {}).items():
            z.writestr(name, xml)
    return path


_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"


def docx_part(root: str, inner: str) -> str:
    """A header, footer, footnotes or endnotes part: ``root`` (w:hdr, w:ftr,
    w:footnotes, w:endnotes) around ``inner``."""
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><{root} xmlns:w="{_W}">{inner}</{root}>'


def docx_notes(kind: str, texts: list[str]) -> str:
    """footnotes.xml or endnotes.xml (``kind``: "footnote" or "endnote") with Word's two
    separator notes first, as Word writes them."""
    separators = (f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
                  f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{kind}>')
    notes = "".join(f'<w:{kind} w:id="{i}">{_paragraph(t)}</w:{kind}>' for i, t in enumerate(texts, 1))
    return docx_part(f"w:{kind}s", separators + notes)


def docx_text_box_paragraph(before: str, box: str, after: str) -> str:
    """A paragraph with a text box anchored between two runs, stored as Word stores it:
    the drawing (mc:Choice) and its VML copy for older readers (mc:Fallback)."""
    content = f"<w:txbxContent>{_paragraph(box)}</w:txbxContent>"
    return (f'<w:p><w:r><w:t xml:space="preserve">{escape(before)}</w:t></w:r><w:r><mc:AlternateContent xmlns:mc="{_MC}">'
            f'<mc:Choice Requires="wps"><w:drawing><wps:wsp xmlns:wps="{_WPS}"><wps:txbx>{content}</wps:txbx></wps:wsp></w:drawing></mc:Choice>'
            f'<mc:Fallback><w:pict><v:textbox xmlns:v="urn:schemas-microsoft-com:vml">{content}</v:textbox></w:pict></mc:Fallback>'
            f'</mc:AlternateContent></w:r><w:r><w:t xml:space="preserve">{escape(after)}</w:t></w:r></w:p>')


def docx_moved_paragraphs(moved: str, stays: str) -> str:
    """Two paragraphs of a tracked move: ``moved`` at its old place (w:moveFrom), then
    ``stays``, then ``moved`` at its new place (w:moveTo)."""
    run = f'<w:r><w:t xml:space="preserve">{escape(moved)}</w:t></w:r>'
    return (f'<w:p><w:moveFrom w:id="1" w:author="a">{run}</w:moveFrom></w:p>{_paragraph(stays)}'
            f'<w:p><w:moveTo w:id="2" w:author="a">{run}</w:moveTo></w:p>')


def billion_laughs(root: str) -> str:
    """XML whose one entity expands to a billion copies of "lol" if a parser lets it."""
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )
    return f'<?xml version="1.0"?><!DOCTYPE {root} [{entities}]>'


def yaml_alias_bomb(levels: int = 9, fan: int = 9, key: str = "title") -> str:
    """YAML of a few hundred bytes whose ``key`` expands to ``fan ** levels`` strings
    (a "billion laughs") when anything walks it."""
    lines = ['a0: &a0 "lol"']
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * fan)}]")
    lines.append(f"{key}: *a{levels}")
    return "\n".join(lines) + "\n"


def generated_lexicon(n: int, seed: int = 0) -> str:
    """A lexicon of ``n`` made-up formulae (unique Chinese and English forms, a variant
    in the notation, an example in each language), for measuring load and check."""
    import random

    rng = random.Random(seed)
    han = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    syllables = "ka ro mi tu ne sa vo li pe du ga zo ri fa".split()
    seen: set[str] = set()
    out = ["lexicon: generated", "formulae:"]
    for i in range(n):
        while True:
            zh = "".join(rng.choice(han) for _ in range(6))
            en = " ".join("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(3))
            if zh not in seen and en not in seen:
                seen.update((zh, en))
                break
        out += [f"  - id: f{i}", "    category: generated", "    distinctiveness: mixed",
                "    zh:", f"      canonical: {zh}", f"      variants: [构建{zh}]",
                "    en:", f"      variants: ['{{the|a}} {en}']",
                "    examples:", "      match:", f"        en: ['We support the {en}.']", f"        zh: ['双方支持{zh}。']"]
    return "\n".join(out) + "\n"
