"""The compiled engine returns exactly what the reference engine returns: a
differential test over generated text with embedded variants, traps and line wraps."""

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import phrasewatch
from phrasewatch.lexicon import KINDS
from phrasewatch.match import CompiledMatcher, ReferenceMatcher, available_backends
from phrasewatch.text import normalize

LEXICON = phrasewatch.load_lexicon()
REFERENCE = ReferenceMatcher(LEXICON, kinds=KINDS)
BACKENDS = available_backends()
ENGINES = {b: CompiledMatcher(LEXICON, kinds=KINDS, backend=b) for b in BACKENDS}

PHRASES = sorted({p.phrase for p, _ in REFERENCE.keyed if p.regex is None})
SENTENCES = sorted({s for f in LEXICON for e in ("match", "no_match") for lang in ("en", "zh") for s in f.example_texts(e, lang)})
FILLER = ["the", "and", "GDI", "BRI", "(GDI)", "score", "one", "China", "policy", "中方", "双方", "支持", "，", "。", "x", "21"]
_s2t = opencc.OpenCC("s2t")


@st.composite
def documents(draw):
    pieces = draw(st.lists(st.one_of(st.sampled_from(PHRASES), st.sampled_from(SENTENCES), st.sampled_from(FILLER)),
                           min_size=1, max_size=8))
    out = []
    for piece in pieces:
        style = draw(st.sampled_from(["as is", "upper", "traditional", "wrapped"]))
        if style == "upper":
            piece = piece.upper()
        elif style == "traditional":
            piece = _s2t.convert(piece)
        elif style == "wrapped" and " " in piece:
            piece = piece.replace(" ", draw(st.sampled_from(["\n", " \n  ", "-\n"])), 1)
        out.append(piece)
        out.append(draw(st.sampled_from([" ", "\n", "", "-", "\u201c", "\u2014", ". "])))
    return "".join(out)


def as_tuples(matches):
    return [(m.formula_id, m.language, m.variant, m.phrase, m.norm_start, m.norm_end, m.start, m.end, m.surface, m.acronym)
            for m in matches]


@pytest.mark.skipif(not BACKENDS, reason="no automaton library installed (hyperscan or pyahocorasick)")
@settings(max_examples=400, deadline=None)
@given(documents())
def test_compiled_engines_agree_with_the_reference(text):
    expected = as_tuples(REFERENCE.find(normalize(text))[0])
    for name, engine in ENGINES.items():
        assert as_tuples(engine.find(normalize(text))[0]) == expected, name
        assert as_tuples(engine.find_in(text)[0]) == expected, name


@pytest.mark.skipif(not BACKENDS, reason="no automaton library installed")
def test_engines_agree_on_the_seeds():
    seeds = phrasewatch.scan(lexicon=LEXICON)  # default engine
    for _, doc in seeds.documents[seeds.documents["status"] == "ok"].iterrows():
        text = open(doc["path"], encoding="utf-8-sig").read()[int(doc["text_offset"]):]
        expected = as_tuples(REFERENCE.find_in(text)[0])
        for name, engine in ENGINES.items():
            assert as_tuples(engine.find_in(text)[0]) == expected, (name, doc["path"])


def test_the_default_engine_is_compiled_when_a_backend_is_installed():
    expected = CompiledMatcher if BACKENDS else ReferenceMatcher
    assert phrasewatch.Matcher is expected
