"""Normalisation: what it folds, that it is idempotent, and that every normalised
character maps back to the raw text."""

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from phrasewatch.text import normalize, normalize_phrase


@pytest.mark.parametrize("raw, key", [
    ("Community  with a\nShared Future", "community with a shared future"),
    ("confidence-\nbuilding", "confidencebuilding"),
    ("confidence-building", "confidencebuilding"),
    ("confidence- building", "confidencebuilding"),  # PDF extraction artefact
    ("commu-\nnity", "community"),
    ("commu\u00ad\nnity", "community"),  # soft hyphen at a line end
    ("commu\u00adnity", "community"),
    ("pre- and post-war", "pre- and postwar"),  # a suspended hyphen stays apart
    ("win\u2010win win\u2011win win\u2013win win\u2014win", "winwin winwin winwin winwin"),
    ("China\u2019s \u201ctrue multilateralism\u201d", "china's true multilateralism"),
    ("\u2018Belt and Road\u2019", "belt and road"),
    ("a\u00a0b\u200bc\u2060d", "a b cd"),  # a zero-width space is a word boundary; the word joiner is not
    ("Global\u200e Development \u200fInitiative\u061c", "global development initiative"),  # LRM, RLM, ALM
    ("\u2066Global Development Initiative\u2069", "global development initiative"),  # LRI … PDI
    ("\u202bBelt and Road\u202c", "belt and road"),  # RLE … PDF
    ("the\u200bGlobal\u200bDevelopment\u200bInitiative", "the global development initiative"),
    ("全球\u2067发展\u2069倡议", "全球发展倡议"),
    ("人类\u200b命运\u200e共同体", "人类命运共同体"),
    ("\uff27\uff24\uff29", "gdi"),  # full-width letters
    ("共建\u201c一带一路\u201d", "共建一带一路"),
    ("「一帶一路」", "一带一路"),
    ("人類命運共同體", "人类命运共同体"),
    ("人类命运 共同体", "人类命运共同体"),
    ("人类命运\n共同体", "人类命运共同体"),
    ("中国\u2014东盟命运共同体", "中国东盟命运共同体"),
    ("e\u0301", "\u00e9"),
    ("line one\r\nline two", "line one line two"),
    # HTML character references left in plain text
    ("Belt&nbsp;and&nbsp;Road", "belt and road"),
    ("R&amp;D &AMP; more", "r&d & more"),
    ("&#8220;win&#x2011;win&#8221;", "winwin"),
    ("Belt &amp;amp; Road", "belt & road"),  # escaped twice
    ("commu&shy;nity", "community"),
    ("AT&T; &foo; &amp;foo;", "at&t; &foo; &foo;"),  # not references: left alone
])
def test_folds(raw, key):
    assert normalize(raw).text == key


def test_surface_maps_back_to_raw_text():
    raw = "The  COMMUNITY with a\n  shared FUTURE for mankind."
    n = normalize(raw)
    i = n.text.index("community with a shared future")
    a, b = n.to_source(i, i + len("community with a shared future"))
    assert raw[a:b] == "COMMUNITY with a\n  shared FUTURE"


def test_references_map_back_to_the_raw_text():
    raw = "the Belt&nbsp;and&nbsp;Road"
    n = normalize(raw)
    start = n.text.index("belt and road")
    assert n.source_span(start, start + len("belt and road")) == "Belt&nbsp;and&nbsp;Road"
    assert n.source_span(start + 4, start + 5) == "&nbsp;"


def test_hyphenated_surface_keeps_the_hyphen():
    raw = "build a commu-\nnity of shared future"
    n = normalize(raw)
    i = n.text.index("community")
    assert n.source_span(i, i + len("community")) == "commu-\nnity"


def test_span_outside_text_is_refused():
    with pytest.raises(IndexError):
        normalize("abc").to_source(2, 5)


def test_bytes_are_refused_with_a_hint():
    with pytest.raises(TypeError, match="decode"):
        normalize(b"abc")


def test_phrase_normalisation_trims():
    assert normalize_phrase("  Win-Win  Cooperation ") == "winwin cooperation"


# Text made of the characters normalisation cares about.
_ALPHABET = list("abcXYZ019 ") + list("\n\t\r-'\"") + [
    "\u2010", "\u2013", "\u2014", "\u00ad", "\u2019", "\u201c", "\u201d", "\u300c", "\u300d",
    "\u200b", "\u00a0", "\u3000", "\u0301", "\u00c9", "\u0130", "\uff21", "\u2163",
    "\u200e", "\u200f", "\u061c", "\u2066", "\u2067", "\u2068", "\u2069", "\u202a", "\u202e", " \u200e", "\u200b ",
    "人", "類", "命", "運", "共", "同", "體", "一", "带", "路", "后", "發", "乾", "。", "，", "\uf900",
    # HTML character references, escaped ampersands, a full-width one, and near misses
    "&nbsp;", "&amp;", "&AMP;", "&#8220;", "&#x2014;", "&eacute;", "&amp;nbsp;", "\uff06amp\uff1b", "&", ";", "&foo;", "&#0;",
]
texts = st.lists(st.sampled_from(_ALPHABET), max_size=60).map("".join) | st.text(max_size=40)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_normalisation_is_idempotent(raw):
    once = normalize(raw).text
    assert normalize(once).text == once


@settings(max_examples=400, deadline=None)
@given(texts)
def test_every_normalised_character_maps_into_the_raw_text(raw):
    n = normalize(raw)
    previous_start = previous_end = 0
    for i in range(len(n.text)):
        a, b = n.to_source(i, i + 1)
        assert 0 <= a < b <= len(raw)
        assert a >= previous_start and b >= previous_end  # order is kept
        previous_start, previous_end = a, b


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("abcdefgh XYZ-\n'\"\u2019\u201c\u2014\u00ad")), max_size=60).map("".join))
def test_latin_characters_come_from_their_raw_span(raw):
    n = normalize(raw)
    for i, ch in enumerate(n.text):
        if ch.isalnum():
            a, b = n.to_source(i, i + 1)
            assert ch in raw[a:b].lower()


_to_traditional = opencc.OpenCC("s2t")


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["人类命运共同体", "百年未有之大变局", "全球发展倡议", "一带一路", "真正的多边主义"]),
       st.integers(min_value=1, max_value=6))
def test_chinese_survives_traditional_characters_and_line_breaks(phrase, cut):
    cut = min(cut, len(phrase) - 1)
    raw = _to_traditional.convert(phrase[:cut]) + " \n " + _to_traditional.convert(phrase[cut:])
    assert normalize(raw).text == phrase


@settings(max_examples=400, deadline=None)
@given(texts)
def test_key_without_map_is_the_key_with_map(raw):
    from phrasewatch.text._routes import normalize_text

    assert normalize_text(raw) == normalize(raw).text


@settings(max_examples=300, deadline=None)
@given(texts)
def test_fast_word_count_is_the_regex_count(raw):
    from phrasewatch.text.tokens import _WORD, _count_words

    key = normalize(raw).text
    assert _count_words(key) == len(_WORD.findall(key))
    assert _count_words(raw) == len(_WORD.findall(raw))


_cuttable = st.lists(st.sampled_from(_ALPHABET + ["ab ", "cd ", "。人", " xy", "Ab Cd", "a-\nb", "'q ", "\u0301"]), max_size=80).map("".join)


@settings(max_examples=500, deadline=None)
@given(_cuttable, st.integers(min_value=1, max_value=12))
def test_pieces_normalise_like_the_whole(raw, every):
    from phrasewatch.text._routes import PiecewiseKey

    whole = normalize(raw)
    pieces = PiecewiseKey(raw, every=every)
    assert pieces.text == whole.text
    for i in range(len(whole.text)):
        assert pieces.to_source(i, i + 1) == whole.to_source(i, i + 1)


# English text with the characters that could make the one-pass keys differ from the
# piece-by-piece ones. The one pass takes text of the first kind; text with one of the
# second (capitals that lower to two characters or by context, marks, spaces beyond
# ASCII after folding, the separator, anything in the CJK blocks) goes piece by piece.
_ENGLISH = list("abXY z0 ") + list("\n\t\r-'\"`*") + ["**", "\uff0a",
    "ab ", "cd ", "Ab Cd", "a-\nb", "'q ", "co- op", "x -y", "\u2014", "\u2019", "\u201c", "\u00ad", "\u200b",
    "a\u200bb", " \u200e", "\u200f ", "\u061c", "\u2066", "\u2069 ", "\u202b", "\u202c", "-\u200e\n",
    "\u00a0", "\u00e9", "\u00c9", "\ufb01", "\uff2b", "\u2163", "\u212a", "\x1c", "\u00bd", "\u2002", "\u3000",
]
_REFUSED = ["\u0130", "\u03a3", "e\u0301", "\x00", "\u3220", "\u2028", "人", "&nbsp;", "&AMP;", "&#x2d;"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_ENGLISH), max_size=80).map("".join), st.lists(st.sampled_from(_REFUSED), max_size=1),
       st.integers(min_value=1, max_value=12))
def test_one_pass_keys_are_the_piece_keys(raw, refused, every):
    from phrasewatch.text._routes import _cuts, _piece_keys, normalize_text

    raw = raw + "".join(refused)
    cuts = _cuts(raw, every)
    keys = _piece_keys(raw, cuts)
    assert (keys is None) == bool(refused)
    if keys is not None:
        assert keys == [normalize_text(raw[a:b]) for a, b in zip(cuts, cuts[1:], strict=False)]


def test_one_pass_keys_are_taken_for_plain_english():
    from phrasewatch.text._routes import PiecewiseKey, _cuts, _piece_keys

    raw = "The \u201cGlobal Development Initiative\u201d \u2014 win-win, caf\u00e9  life.\n" * 40
    assert _piece_keys(raw, _cuts(raw, 64)) is not None
    assert PiecewiseKey(raw, every=64).text == normalize(raw).text


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=60).map(lambda b: b.replace(b"\x00", b" ")), st.integers(min_value=1, max_value=7))
def test_space_runs_collapse_across_blocks(data, block):
    import importlib
    import re

    normalize_module = importlib.import_module("phrasewatch.text._routes")
    saved = normalize_module._COLLAPSE_BLOCK
    normalize_module._COLLAPSE_BLOCK = block
    try:
        assert normalize_module._collapse_spaces(data) == re.sub(rb"  +", b" ", data)
    finally:
        normalize_module._COLLAPSE_BLOCK = saved


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_ENGLISH + _REFUSED + ["\u212a", "\u2460", "\u00b2", "\uff41", "\u3220", "ß", "\u0345"]),
                max_size=60).map("".join))
def test_the_skeleton_of_raw_text_is_the_skeleton_of_its_key(raw):
    from phrasewatch.text._routes import ascii_skeleton, normalize_text, phrase_skeleton

    skeleton = ascii_skeleton(raw)
    if skeleton is not None:
        assert skeleton == phrase_skeleton(normalize_text(raw))


def test_the_skeleton_is_refused_where_folding_makes_letters():
    from phrasewatch.text._routes import ascii_skeleton

    assert ascii_skeleton("Win-win co\u00adoperation, \u201cso-called\u201d") == b"winwincooperationsocalled"
    for text in ("\ufb01sheries", "\uff27\uff24\uff29", "\u212aelvin", "\u2163", "人类命运共同体", "\u3220", "cafe\u0301"):
        assert ascii_skeleton(text) is None, text


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_ENGLISH + _REFUSED), max_size=80).map("".join))
def test_the_key_with_spaces_is_the_key_but_for_its_runs_of_whitespace(raw):
    import re

    from phrasewatch.text._routes import key_with_spaces, normalize_text

    key = key_with_spaces(raw)
    if key is not None:
        assert re.sub(r" \s+|[^\S ]\s*", " ", key) == normalize_text(raw)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_ENGLISH + _REFUSED + ["人类命运共同体", "。", " "]), max_size=80).map("".join),
       st.booleans())
def test_the_counting_key_has_the_words_of_the_key(raw, whole_first):
    """KeyedText's counting key (one-pass where it can be made, the whole key where it
    cannot or has been made already) is the key but for its runs of whitespace."""
    import re

    from phrasewatch.text import KeyedText

    keyed = KeyedText(raw)
    if whole_first:
        assert keyed.whole().text == normalize(raw).text
    assert re.sub(r" \s+|[^\S ]\s*", " ", keyed.counting_key()) == normalize(raw).text


def test_keyed_text_refuses_what_is_not_text():
    from phrasewatch.text import KeyedText

    with pytest.raises(TypeError, match="decode bytes first"):
        KeyedText(b"bytes")
