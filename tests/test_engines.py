"""The compiled engine returns exactly what the reference engine returns: a
differential test over generated text with embedded variants, traps and line wraps."""

from pathlib import Path

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import phrasewatch
from phrasewatch.lexicon import KINDS
from phrasewatch.lexicon.notation import split_gaps
from phrasewatch.match import CompiledMatcher, ReferenceMatcher, available_backends
from phrasewatch.text import KeyedText

LEXICON = phrasewatch.load_lexicon()
REFERENCE = ReferenceMatcher(LEXICON, kinds=KINDS)
BACKENDS = available_backends()
ENGINES = {b: CompiledMatcher(LEXICON, kinds=KINDS, backend=b) for b in BACKENDS}



def _filled(phrase, words):
    """A phrase with gaps as text holds it: each gap filled with ``words(gap)`` words."""
    segments, gaps = split_gaps(phrase)
    return segments[0] + "".join(" " + " ".join(["world"] * words(g)) + " " + s for g, s in zip(gaps, segments[1:], strict=True))


# fixed phrases, and each phrase with gaps filled to its bound and one word past it
PHRASES = sorted({p.phrase for p, _ in REFERENCE.keyed if p.literal}
                 | {_filled(p.phrase, n) for p, _ in REFERENCE.keyed if p.gaps for n in (lambda g: g.most, lambda g: g.most + 1)})
SENTENCES = sorted({s for f in LEXICON for e in ("match", "no_match") for lang in ("en", "zh") for s in f.example_texts(e, lang)})
FILLER = ["the", "and", "GDI", "BRI", "(GDI)", "score", "one", "China", "policy", "中方", "双方", "支持", "，", "。", "x", "21",
          "命运共同体", "民族复兴", "national rejuvenation", "-related", "pro-", "\u00b9", "&nbsp;"]
_s2t = opencc.OpenCC("s2t")


@st.composite
def documents(draw, phrases=PHRASES, sentences=SENTENCES, filler=FILLER, styles=("as is", "upper", "traditional", "wrapped"),
              wraps=("\n", " \n  ", "-\n", " **", "** "), separators=(" ", "\n", "", "-", "\u201c", "\u2014", ". ", "\u200b",
                                                                      " \u200e", "\u200f ", "\u2066", "\u2069", "\u061c ",
                                                                      "**", " *"), longest=8):
    """Phrases, example sentences and filler, each as is, in capitals, in traditional
    characters, wrapped at a space or broken inside a word, between separators."""
    pieces = draw(st.lists(st.one_of(st.sampled_from(phrases), st.sampled_from(sentences), st.sampled_from(filler)),
                           min_size=1, max_size=longest))
    out = []
    for piece in pieces:
        style = draw(st.sampled_from(styles))
        if style == "upper":
            piece = piece.upper()
        elif style == "traditional":
            piece = _s2t.convert(piece)
        elif style == "wrapped" and " " in piece:
            piece = piece.replace(" ", draw(st.sampled_from(wraps)), 1)
        elif style == "hyphenated" and len(piece) > 4:
            cut = draw(st.integers(min_value=1, max_value=len(piece) - 1))
            piece = piece[:cut] + draw(st.sampled_from(["-\n", "\u00ad", "- ", "\u200b"])) + piece[cut:]
        out.append(piece)
        out.append(draw(st.sampled_from(separators)))
    return "".join(out)


def as_tuples(matches):
    return [(m.formula_id, m.language, m.variant, m.phrase, m.start, m.end, m.surface, m.acronym, m.licence) for m in matches]


def voice(start, end):
    """Whether "China" speaks a span: arbitrary, the same for every engine, so that
    short forms licensed by China's voice are both kept and dropped."""
    return (start // 3) % 2 == 0


def whole_key_matches(engine, text):
    """The matches of the route that normalises the whole text (the engine's own call
    takes it only where it cannot look for windows)."""
    from phrasewatch.text import KeyedText

    return engine._match(KeyedText(text).whole(), voice)


@pytest.mark.skipif(not BACKENDS, reason="no automaton library installed (hyperscan or pyahocorasick)")
@settings(max_examples=400, deadline=None)
@given(documents())
def test_compiled_engines_agree_with_the_reference(text):
    expected = as_tuples(whole_key_matches(REFERENCE, text))
    assert as_tuples(REFERENCE(text, voice=voice)) == expected
    for name, engine in ENGINES.items():
        assert as_tuples(whole_key_matches(engine, text)) == expected, name
        assert as_tuples(engine(text, voice=voice)) == expected, name


@pytest.mark.skipif(not BACKENDS, reason="no automaton library installed")
def test_engines_agree_on_the_seeds():
    seeds = phrasewatch.scan(lexicon=LEXICON)  # default engine
    for _, doc in seeds.documents[seeds.documents["status"] == "ok"].iterrows():
        text = open(doc["path"], encoding="utf-8-sig").read()[int(doc["text_offset"]):]
        expected = as_tuples(REFERENCE(text))
        for name, engine in ENGINES.items():
            assert as_tuples(engine(text)) == expected, (name, doc["path"])


def test_the_default_engine_is_compiled_when_a_backend_is_installed():
    expected = CompiledMatcher if BACKENDS else ReferenceMatcher
    assert phrasewatch.Matcher is expected


# English documents: a matcher reads only windows around its phrases' letters, and must
# find what the whole key gives. The
# blocks in which letters are counted are made small.
EN_PHRASES = [p for p in PHRASES if p.isascii()]
EN_SENTENCES = [s for s in SENTENCES if s.isascii() and KeyedText(s).has_skeleton()]  # the first look can read them
EN_FILLER = ["the", "and", "GDI", "BRI", "(GDI)", "Global Development Initiative", "Belt and Road Initiative", "score",
             "one", "China", "policy", "x", "21", "so-called", "\u201c", "\u201d", "\u00ad", "\ufeff",
             "national rejuvenation", "-related", "pro-", "BRI-funded", "world",
             "\u200e", "\u2066", "\u2069", "\u200b", "\u061c"]


def english_documents():
    return documents(EN_PHRASES, EN_SENTENCES, EN_FILLER, styles=("as is", "upper", "wrapped", "hyphenated"),
                     wraps=("\n", " \n  ", "   ", "\u200b", " \u200e"),
                     separators=(" ", "\n", " ", ". ", ", ", " the ", "\u2014", "\u200b", "\u200f ", " \u2067", "\u2069 "), longest=14)


@pytest.mark.skipif("hyperscan" not in BACKENDS, reason="the first look needs Hyperscan")
@settings(max_examples=500, deadline=None)
@given(english_documents(), st.integers(min_value=1, max_value=40))
def test_windows_find_what_the_whole_key_finds(text, block):
    from phrasewatch.text import KeyedText
    from phrasewatch.text._routes import SkeletonLocator, WindowedKey

    saved = SkeletonLocator.BLOCK
    SkeletonLocator.BLOCK = block
    try:
        for engine in (REFERENCE, *ENGINES.values()):
            whole = as_tuples(whole_key_matches(engine, text))
            assert isinstance(engine._view(KeyedText(text)), WindowedKey)  # the windows route is the one tested
            assert as_tuples(engine(text, voice=voice)) == whole
    finally:
        SkeletonLocator.BLOCK = saved


# Chinese documents: a matcher reads only windows around where the representatives of
# its Chinese phrases (traditional and simplified, full-width and compatibility forms as
# one) occur in the raw text, skipping what the key drops between characters (spaces,
# line breaks, quotes, dashes), and must find what the whole key gives.
ZH_PHRASES = [p for p in PHRASES if not p.isascii()]
ZH_SENTENCES = [s for s in SENTENCES if not s.isascii()]
ZH_FILLER = ["中方", "双方", "支持", "，", "。", "、", "；", "21", "G20", "命运共同体", "人类", "共同体", "一带", "一路",
             "民族复兴", "Belt and Road Initiative", "GDI", "BRI", "(GDI)", "\u3000", "\uff08", "\uff09", "\u300a", "\u300b",
             "\u2014\u2014", "\u00b7", "\u2460", "\u3231", "\uf900", "\u2f08", "&nbsp;", "\u0301", "G20杭州峰会",
             "\uff27\uff12\uff10杭州峰会", "5G数字丝绸之路", "5g", "g20"]
_FULL_WIDTH = {c: chr(ord(c) + 0xFEE0) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"}
_INNER = (" ", "\n", " \n ", "\u3000", "\u201c", "\u201d", "\u300c", "\u300d", "\"", "'", "-", "\u2014", "\u200b",
          "\u00ad", "\r\n", "\t", "\x85", "\u2028", "\u00a0", "**", "\uff0a")
MIXED_LEXICON = phrasewatch.load_lexicon(Path(__file__).parent / "fixtures" / "mixed_script.yaml")
MIXED = [ReferenceMatcher(MIXED_LEXICON), *(CompiledMatcher(MIXED_LEXICON, backend=b) for b in BACKENDS)]


@st.composite
def chinese_documents(draw):
    """Chinese phrases, example sentences and filler, as is or with what normalisation
    folds: traditional characters, full-width letters and digits, capitals, and spaces,
    line breaks, quotes and dashes between their characters."""
    pieces = draw(st.lists(st.one_of(st.sampled_from(ZH_PHRASES), st.sampled_from(ZH_SENTENCES), st.sampled_from(ZH_FILLER)),
                           min_size=1, max_size=10))
    out = []
    for piece in pieces:
        for style in draw(st.sets(st.sampled_from(("traditional", "full width", "upper", "broken", "broken twice")), max_size=3)):
            if style == "traditional":
                piece = _s2t.convert(piece)
            elif style == "full width":
                piece = "".join(_FULL_WIDTH.get(c, c) for c in piece)
            elif style == "upper":
                piece = piece.upper()
            elif len(piece) > 1:
                for _ in range(1 if style == "broken" else 2):
                    cut = draw(st.integers(min_value=1, max_value=len(piece) - 1))
                    piece = piece[:cut] + draw(st.sampled_from(_INNER)) + piece[cut:]
        out.append(piece)
        out.append(draw(st.sampled_from(("", "", "，", "。", "、", " ", "\n", "\u201c", "\u201d", "\u3002\n", "；"))))
    return "".join(out)


@pytest.mark.skipif("hyperscan" not in BACKENDS, reason="the first look needs Hyperscan")
@settings(max_examples=600, deadline=None)
@given(chinese_documents())
def test_chinese_windows_find_what_the_whole_key_finds(text):
    from phrasewatch.text._routes import HanWindowedKey

    keyed = KeyedText(text)
    for engine in (REFERENCE, *ENGINES.values(), *MIXED):
        whole = as_tuples(whole_key_matches(engine, text))
        if keyed.beyond_ascii is None and keyed.han() is not None:
            assert isinstance(engine._view(keyed), HanWindowedKey)  # the windows route is the one tested
        assert as_tuples(engine(text, voice=voice)) == whole


@pytest.mark.skipif("hyperscan" not in BACKENDS, reason="the first look needs Hyperscan")
def test_chinese_windows_take_the_folded_forms():
    from phrasewatch.text._routes import HanWindowedKey

    engine = next(iter(ENGINES.values()))
    for text in ["共建\u201c一带一路\u201d，人類 命運\n共同體。", "推动构建人类命运\r\n共同体", "21世紀海上絲綢之路",
                 "２１世纪海上丝绸之路和G20", "百年未有之\u3000大变局"]:
        view = engine._view(KeyedText(text))
        assert isinstance(view, HanWindowedKey), text
        assert as_tuples(engine(text)) == as_tuples(whole_key_matches(engine, text)) != [], text
