"""Token counts: in Chinese, characters by default, counted on the raw text as on the
key; on request jieba's words, word for word, though jieba-rs cuts them."""

import functools
import json
import logging

import jieba
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import phrasewatch
from phrasewatch.match import Matcher
from phrasewatch.text._routes import normalize_text
from phrasewatch.text.tokens import _CJK_RUN, TokenCounter, _count_words

PHRASES = sorted({key for p, key in Matcher(phrasewatch.load_lexicon()).keyed if p.language == "zh" and p.regex is None})


@functools.lru_cache(maxsize=1)
def _jieba():
    logging.getLogger("jieba").setLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    for phrase in PHRASES:
        tokenizer.add_word(phrase, freq=10_000)
    return tokenizer


def reference(text: str) -> int:
    """The definition: words outside Chinese runs, plus jieba's words in each run."""
    cut = _jieba().cut
    return _count_words(_CJK_RUN.sub(" ", text)) + sum(sum(1 for _ in cut(run)) for run in _CJK_RUN.findall(text))


COUNTER = TokenCounter(PHRASES, chinese="jieba")
# characters and words jieba's dictionary knows, its HMM has to guess, or it leaves
# alone (CJK extension A, compatibility ideographs, U+9FD6-9FFF, extension B)
_PIECES = PHRASES[:40] + [
    "中国", "人民", "共和国", "中华人民共和国成立", "发展", "的", "了", "在", "和", "我们", "坚持", "推动",
    "一带一路", "构建", "命运", "共同体", "衞生", "覚悟", "宝鶏", "擧办", "贪汚", "鿐", "鿖", "㐀", "㐁", "豈",
    "更", "𠀀", "𠀁", "，", "。", " ", "\n", "a", "GDP", "2024", "年", "月", "日", "习近平", "新时代",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_chinese_words_are_jiebas(text):
    assert COUNTER.count(text) == reference(text)


@pytest.mark.corpus
def test_chinese_reports_count_as_with_jieba(corpora):
    path = corpora / "cn-reports" / "government_work_reports.jsonl"
    rows = [json.loads(line)["content"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for text in rows[:8]:
        key = normalize_text(text)
        assert COUNTER.count(key) == reference(key)


# Chinese characters: each a token, read from the raw text without its key where the
# character tables can, and always what counting the key gives.
CHARACTERS = TokenCounter(PHRASES)
_RAW_PIECES = _PIECES + ["人類命運共同體", "\u3000", "\u201c", "\u201d", "don't", "win-win", "Win-\nWin", "\u2014", "ＧＤＰ",
                         "\u2460", "\u3231", "\u337b", "\uff08", "\uff09", "\u00b7", "x'", "'y", "\u200b", "\x85", "&amp;",
                         "\u0301", "e", "21", "-", "'", "\"", "\u00ad", "\uff0d", "\u2f08", "\u3007", "\u3005"]


def reference_characters(key: str) -> int:
    """The definition: words outside Chinese runs, plus every Chinese character."""
    return _count_words(_CJK_RUN.sub(" ", key)) + sum(map(len, _CJK_RUN.findall(key)))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_RAW_PIECES), max_size=30).map("".join))
def test_chinese_characters_counted_on_the_raw_text_are_the_keys(text):
    from phrasewatch.text import KeyedText, letters_of

    key = normalize_text(text)
    tokens, unit = CHARACTERS.count_text(KeyedText(text))
    assert tokens == reference_characters(key) == CHARACTERS.count(key)
    assert unit == ("words+characters" if _CJK_RUN.search(key) else "words")
    assert KeyedText(text).letters() == letters_of(key)  # what fingerprints hash, read the same way


def test_the_unit_is_named():
    assert CHARACTERS.count_with_unit("both sides 人类命运共同体") == (9, "words+characters")
    assert COUNTER.count_with_unit("both sides 人类命运共同体") == (3, "words+jieba")
    assert CHARACTERS.count_with_unit("both sides") == COUNTER.count_with_unit("both sides") == (2, "words")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_RAW_PIECES + ["\u570b", "\u6703", "\u5f8c", "\u9ad4", "\u8457", "\uff0c", "\u3002"]),
                max_size=60).map("".join), st.sampled_from([0, 3, 200]))
def test_letters_of_text_with_traditional_characters_read_in_stretches_are_the_keys(text, gap):
    # the characters OpenCC may convert are read in stretches between cuts, the rest
    # through the tables: however near the stretches lie, the letters are the key's
    from phrasewatch.text import KeyedText, _han, letters_of

    saved = _han._STRETCH_GAP
    _han._STRETCH_GAP = gap
    try:
        assert KeyedText(text).letters() == letters_of(normalize_text(text))
    finally:
        _han._STRETCH_GAP = saved
