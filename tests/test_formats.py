"""Reading PDF, Word, HTML and legacy-encoded text files into documents."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import phrasewatch
from phrasewatch.corpus import ReadOptions, read_path
from phrasewatch.corpus.pages import Line, drop_running_lines, rejoin_hyphenated, running_text
from phrasewatch.errors import DecodeError, ReadError
from phrasewatch.text import decode

from .conftest import ROOT
from .documents import (
    UN_HEADER,
    UN_JOB_NUMBER,
    UN_PAGES,
    ZH_LINES,
    core_properties,
    docx_body,
    write_docx,
    write_image_only_pdf,
    write_pdf,
)


def read_one(path: Path, **options):
    documents = list(read_path(path, ReadOptions(**options)))
    assert len(documents) == 1
    return documents[0]


# --- PDF ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def un_pdf(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdf")
    return write_pdf(folder / "A_RES_80_99.pdf", UN_PAGES, header=UN_HEADER, job_number=UN_JOB_NUMBER)


def test_un_pdf_rejoins_hyphenated_words_and_drops_running_lines(un_pdf):
    text = read_one(un_pdf).text
    assert "transparency and confidence-building measures" in text
    assert "for the development of all nations" in text
    assert "a shared future for\nmankind in outer space" in text  # across the page break
    for furniture in (*UN_HEADER, UN_JOB_NUMBER, "1/3", "2/3", "3/3"):
        assert furniture not in text
    assert text.startswith("The General Assembly,")
    assert text.endswith("Recorded vote: 150 in favour, none against.")


def test_scan_of_un_pdf_finds_the_formula_across_the_page(un_pdf, lexicon):
    result = phrasewatch.scan([un_pdf], lexicon=lexicon)
    doc = result.documents.iloc[0]
    assert (doc["status"], doc["symbol"]) == ("ok", "A/RES/80/99")
    hits = result.matches[result.matches["formula_id"] == "ccdm"]
    assert len(hits) == 1
    text = read_one(un_pdf).text
    start, end = int(hits.iloc[0]["start"]), int(hits.iloc[0]["end"])
    assert text[start:end] == hits.iloc[0]["surface"]  # offsets into the document text
    assert "community with a shared future for\nmankind" in hits.iloc[0]["surface"]


def test_chinese_pdf_has_no_spaces_or_breaks_inside_sentences(tmp_path, lexicon):
    path = write_pdf(tmp_path / "joint_zh.pdf", [ZH_LINES], chinese=True)
    text = read_one(path).text
    assert "携手推动构建人类命运共同体，共同落实全球发展倡议。" in text
    assert " " not in text
    result = phrasewatch.scan([path], lexicon=lexicon)
    assert "ccdm" in set(result.matches["formula_id"])
    assert result.documents.iloc[0]["language"] == "zh"


def test_pdf_without_text_layer_is_an_error_not_an_empty_document(tmp_path, mini_lexicon):
    path = write_image_only_pdf(tmp_path / "scanned.pdf")
    with pytest.raises(ReadError, match="^no_text_layer"):
        read_one(path)
    doc = phrasewatch.scan([path], lexicon=mini_lexicon).documents.iloc[0]
    assert doc["status"] == "error" and doc["reason"].startswith("no_text_layer")


def test_running_lines_need_repeating_unless_they_are_page_furniture():
    def page(*lines):
        return [Line(lines[0], 0.97, 0.95), *(Line(t, 0.8, 0.78) for t in lines[1:-1]), Line(lines[-1], 0.05, 0.03)]

    pages = [page("Report of the Committee", "Body one.", "- 1 -"),
             page("Report of the Committee", "Body two.", "- 2 -"),
             page("A heading on the top of one page", "Body three.", "Footnote on one page only")]
    kept = [[line.text for line in p] for p in drop_running_lines(pages)]
    assert kept == [["Body one."], ["Body two."], ["A heading on the top of one page", "Body three.", "Footnote on one page only"]]


@pytest.mark.parametrize("before, after, vocabulary, separator", [
    ("confidence", "building measures", set(), "-"),  # two words: a compound
    ("the develop", "ment of", set(), ""),  # a word ending, not a word
    ("the coun", "tries of", {"countries"}, ""),  # the document spells it whole elsewhere
    ("well", "being", {"well-being"}, "-"),  # ... or hyphenated
    ("Sino", "African ties", set(), "-"),
])
def test_line_end_hyphen_rule(before, after, vocabulary, separator):
    assert rejoin_hyphenated(before, after, vocabulary) == separator


def test_running_text_joins_hyphens_across_lines_and_chinese_lines_without_breaks():
    lines = [Line("Developing countries, the coun-"), Line("tries of the South,"), Line("welcome regional co-"),
             Line("operation."), Line("双方同意推动构建人类命运共"), Line("同体。"), Line("第二段。")]
    assert running_text([lines]) == "Developing countries, the countries of the South,\nwelcome regional co-operation.\n双方同意推动构建人类命运共同体。\n第二段。"


# --- plain text in legacy encodings --------------------------------------------------

TRADITIONAL = "中華人民共和國與某國聯合聲明：雙方同意推動構建人類命運共同體，支持全球發展倡議，加強經濟、貿易、教育和文化領域的交流與合作。"
SIMPLIFIED = "中华人民共和国与某国联合声明：双方同意推动构建人类命运共同体，支持全球发展倡议，加强经济、贸易、教育和文化领域的交流与合作。"
WESTERN = "The Minister’s statement – “a community of shared future” – was noted by the café’s Señor Pérez, naïvely."


@pytest.mark.parametrize("text, codec, encoding", [
    (TRADITIONAL, "big5", "big5"),
    (SIMPLIFIED, "gbk", "gb18030"),
    (TRADITIONAL, "gb18030", "gb18030"),  # traditional characters in a GB file stay GB
    (WESTERN, "cp1252", "cp1252"),
])
def test_legacy_encodings_are_told_apart_with_confidence(text, codec, encoding, tmp_path):
    path = tmp_path / "statement.txt"
    path.write_bytes(text.encode(codec))
    doc = read_one(path)
    assert (doc.text, doc.encoding) == (text, encoding)
    assert 0.9 <= doc.encoding_confidence <= 1.0


def test_certain_encodings_have_confidence_one(tmp_path):
    for name, data in [("utf8.txt", SIMPLIFIED.encode("utf-8")), ("bom.txt", b"\xff\xfe" + SIMPLIFIED.encode("utf-16-le"))]:
        (tmp_path / name).write_bytes(data)
        assert read_one(tmp_path / name).encoding_confidence == 1.0


def test_western_text_is_never_read_as_chinese():
    decoded = decode("Pérez said “yes” to the Président’s “coopération”.".encode("cp1252"))
    assert decoded.encoding == "cp1252"


def test_too_little_evidence_is_refused_naming_the_way_out():
    # two characters whose GBK bytes read as common characters in Big5 too (祥賸)
    data = "不了".encode("gbk")
    assert data.decode("big5") == "祥賸"
    with pytest.raises(DecodeError, match="--encoding"):
        decode(data)
    assert decode(data, "gbk").text == "不了"


# --- Word ------------------------------------------------------------------------------

def test_docx_paragraphs_tables_and_core_properties(tmp_path, lexicon):
    body = docx_body(
        ["Joint State|ment of the two Foreign Ministers",  # runs split mid-word, as Word does
         "",
         "Both sides support the Global Develop|ment Initiative and a community with a shared future for mankind.",
         "双方同意推动构建人类命运共同体。"],
        table=[["Area", "Commitment"], ["Trade", "Deepen Belt and Road cooperation"]],
    )
    path = write_docx(tmp_path / "statement.docx", body, core_properties("Joint Statement on Partnership", "2023-09-22T08:00:00Z"))
    doc = read_one(path)
    assert doc.text.split("\n") == [
        "Joint Statement of the two Foreign Ministers",
        "Both sides support the Global Development Initiative and a community with a shared future for mankind.",
        "双方同意推动构建人类命运共同体。",
        "Area\tCommitment",
        "Trade\tDeepen Belt and Road cooperation",
    ]
    assert doc.meta == {"title": "Joint Statement on Partnership", "date": "2023-09-22"}
    result = phrasewatch.scan([path], lexicon=lexicon)
    row = result.documents.iloc[0]
    assert (row["status"], row["title"], row["date"], row["year"]) == ("ok", "Joint Statement on Partnership", "2023-09-22", 2023)
    assert {"ccdm", "gdi"} <= set(result.matches["formula_id"])


def test_docx_without_core_properties_has_no_title(tmp_path):
    path = write_docx(tmp_path / "plain.docx", docx_body(["中方愿同各方携手落实全球安全倡议。"]))
    doc = read_one(path)
    assert (doc.text, doc.meta) == ("中方愿同各方携手落实全球安全倡议。", {})


# --- HTML ------------------------------------------------------------------------------

MINISTRY_PAGE_ZH = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="{charset}"><title>外交部长会见来访外宾_外交部网站</title>
<style>.nav {{ color: red }}</style><script>var menu = "首页 外交动态 新闻发布";</script></head>
<body>
<div class="header"><a href="/">首页</a> <a href="/news">外交动态</a> <a href="/en">English</a></div>
<div id="nav"><ul><li><a href="/a">部长活动</a></li><li><a href="/b">新闻发布会</a></li></ul></div>
<div class="main">
 <h1>外交部长会见来访外宾</h1>
 <div class="info">发布时间：2023年9月22日 来源：新闻司</div>
 <div class="article">
  <p>9月21日，外交部长在北京会见来访的某国外长，双方就双边关系交换意见。</p>
  <p>外交部长表示，中方愿同某国一道，推动构建人类命运共同体，
  落实全球发展倡议，共同应对各种风险挑战。</p>
  <p>某国外长表示，某国赞赏中方为促进共同发展所作的贡献，愿深化各领域合作。</p>
 </div>
</div>
<div class="related"><h3>相关新闻</h3><ul><li><a href="/c">部长会见某国总统，双方强调合作</a></li></ul></div>
<div class="footer">版权所有：外交部 地址：北京市 备案号：京ICP备00000000号</div>
</body></html>"""

NEWS_PAGE_EN = """<html><head>
<meta property="og:title" content="Ministers meet on development cooperation">
<meta property="article:published_time" content="2024-03-05T09:30:00+08:00">
<title>Ministers meet | Ministry of Foreign Affairs</title></head>
<body>
<nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/contact">Contact</a></nav>
<header><p>Ministry of Foreign Affairs of an imagined republic, serving since 1949</p></header>
<main><article>
 <h1>Ministers meet</h1>
 <p>The two ministers met in the capital on Tuesday, and agreed to deepen cooperation under the
 Global Development Initiative, with new projects in health, agriculture and digital trade.</p>
 <p>They also discussed the situation in the region, and called for dialogue, restraint and a
 peaceful settlement of disputes.</p>
</article></main>
<aside><h2>Most read</h2><p>An unrelated story about a trade fair, with many words in it, one, two.</p></aside>
<footer><p>Copyright 2024, all rights reserved, terms of use, privacy policy.</p></footer>
</body></html>"""


def test_html_main_content_title_and_date_from_a_ministry_page(tmp_path, lexicon):
    path = tmp_path / "meeting.html"
    path.write_bytes(MINISTRY_PAGE_ZH.format(charset="utf-8").encode("utf-8"))
    doc = read_one(path)
    assert doc.text.split("\n") == [
        "9月21日，外交部长在北京会见来访的某国外长，双方就双边关系交换意见。",
        "外交部长表示，中方愿同某国一道，推动构建人类命运共同体，落实全球发展倡议，共同应对各种风险挑战。",
        "某国外长表示，某国赞赏中方为促进共同发展所作的贡献，愿深化各领域合作。",
    ]
    assert doc.meta == {"title": "外交部长会见来访外宾", "date": "2023-09-22"}
    result = phrasewatch.scan([path], lexicon=lexicon)
    assert {"ccdm", "gdi"} <= set(result.matches["formula_id"])
    assert result.documents.iloc[0]["date"] == "2023-09-22"


def test_html_main_content_of_an_english_page_with_meta_tags(tmp_path):
    path = tmp_path / "ministers.htm"
    path.write_text(NEWS_PAGE_EN, encoding="utf-8")
    doc = read_one(path)
    assert doc.text.startswith("Ministers meet\nThe two ministers met in the capital on Tuesday, and agreed")
    assert "peaceful settlement of disputes." in doc.text
    for boilerplate in ("Home", "imagined republic", "trade fair", "Copyright"):
        assert boilerplate not in doc.text
    assert doc.meta == {"title": "Ministers meet on development cooperation", "date": "2024-03-05"}


def test_html_date_in_the_prose_is_not_taken_for_the_page_date(tmp_path, lexicon):
    path = tmp_path / "CHN_XXX_2019-07-23_zh.html"
    path.write_text("<p>应邀请，某国元首于2019年7月21日至23日对中国进行国事访问，双方发表联合声明如下。</p>"
                    "<p>双方同意推动构建人类命运共同体，深化各领域合作，造福两国人民。</p>", encoding="utf-8")
    assert read_one(path).meta == {}
    result = phrasewatch.scan([path], lexicon=lexicon)
    assert result.documents.iloc[0]["date"] == "2019-07-23"  # from the file name


def test_html_in_the_encoding_its_meta_declares(tmp_path):
    path = tmp_path / "gbk.html"
    path.write_bytes(MINISTRY_PAGE_ZH.format(charset="gb2312").encode("gbk"))
    doc = read_one(path)
    assert doc.encoding == "gb18030"  # pages labelled GB2312 are GBK in practice
    assert "推动构建人类命运共同体" in doc.text


# --- properties --------------------------------------------------------------------

_BODY_LINE = st.text(st.sampled_from("abcdefgh -\ufffe中国人民共同体，。"), min_size=1, max_size=30)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_BODY_LINE, min_size=1, max_size=6), min_size=1, max_size=4))
def test_running_text_loses_and_invents_no_letters(pages):
    """Rejoining lines may only add or remove hyphens, spaces and breaks."""
    def letters(text):
        return "".join(c for c in text if c not in " -\n\ufffe")

    laid_out = [[Line(text, 0.5, 0.48) for text in page] for page in pages]  # mid-page: no margins
    assert letters(running_text(laid_out)) == letters("".join(t for page in pages for t in page))


_PHRASES_TRADITIONAL = ["雙方同意", "推動構建人類命運共同體", "支持全球發展倡議", "深化經貿合作", "加強人文交流",
                        "維護多邊主義", "共同應對氣候變化", "中方讚賞對方的立場", "兩國關係穩定發展", "造福兩國人民"]
_PHRASES_SIMPLIFIED = ["双方同意", "推动构建人类命运共同体", "支持全球发展倡议", "深化经贸合作", "加强人文交流",
                       "维护多边主义", "共同应对气候变化", "中方赞赏对方的立场", "两国关系稳定发展", "造福两国人民"]


@settings(max_examples=100, deadline=None)
@given(st.sampled_from([(_PHRASES_TRADITIONAL, "big5", "big5"), (_PHRASES_SIMPLIFIED, "gbk", "gb18030")])
       .flatmap(lambda case: st.tuples(st.lists(st.sampled_from(case[0]), min_size=3, max_size=12), st.just(case[1:]))))
def test_chinese_sentences_in_big5_or_gbk_are_read_right(case):
    phrases, (codec, name) = case
    text = "，".join(phrases) + "。"
    decoded = decode(text.encode(codec))
    assert (decoded.text, decoded.encoding) == (text, name)


def test_docx_tracked_changes_keep_insertions_and_drop_deletions(tmp_path):
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xml = (f'<w:document xmlns:w="{w}"><w:body><w:p>'
           '<w:r><w:t xml:space="preserve">Both sides back the </w:t></w:r>'
           '<w:del><w:r><w:delText>Belt and Road</w:delText></w:r></w:del>'
           '<w:ins><w:r><w:t>Global Security Initiative</w:t></w:r></w:ins>'
           '<w:r><w:tab/><w:t>(2022)</w:t></w:r></w:p></w:body></w:document>')
    assert read_one(write_docx(tmp_path / "tracked.docx", xml)).text == "Both sides back the Global Security Initiative\t(2022)"


def test_format_libraries_load_only_when_a_file_needs_them():
    # OpenCC too: its dictionaries took 10 s to load when rule patterns were built at import
    code = "import sys, phrasewatch; print(sorted(m for m in ('pypdfium2', 'lxml', 'reportlab', 'opencc') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout
    assert out.strip() == "[]"
