"""The reference engine: boundaries, nesting, blockers, acronyms, raw expressions,
offsets, and matches that survive re-wrapping, case, traditional characters, quotes."""

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from phrasewatch import Matcher, normalize, scan_text
from phrasewatch.lexicon import FirstUse
from phrasewatch.match import is_anachronistic


def found(matcher, text):
    return [(m.formula_id, m.surface) for m in matcher(normalize(text))]


@pytest.fixture(scope="module")
def matcher(mini_lexicon):
    return Matcher(mini_lexicon)


def test_english_matches_on_word_boundaries_only(matcher):
    assert found(matcher, "score interests") == []
    assert found(matcher, "our core interests.") == [("core_interests", "core interests")]
    assert found(matcher, "true multilateralisms") == []


def test_chinese_matches_as_substrings(matcher):
    assert found(matcher, "双方同意推动构建人类命运共同体。") == [("ccdm", "构建人类命运共同体")]


def test_longest_match_wins_where_forms_nest(matcher):
    assert found(matcher, "世界百年未有之大变局加速演进") == [("bainian_bianju", "世界百年未有之大变局")]
    assert found(matcher, "a China-Africa community with a shared future") == [
        ("china_africa_ccsf", "China-Africa community with a shared future")]


def test_blocker_silences_the_shorter_term_inside_it(matcher):
    assert found(matcher, "under its one China policy principle") == []
    assert found(matcher, "the one-China principle") == [("one_china", "one-China principle")]


def test_acronym_counts_only_after_the_full_name(matcher):
    text = "GDI comes first. The Global Development Initiative (GDI) follows. GDI, then gdi."
    assert found(matcher, text) == [("gdi", "Global Development Initiative"), ("gdi", "GDI")]
    hits = matcher(normalize(text))
    assert [m.acronym for m in hits] == [False, True]


def test_raw_expression_is_matched_on_normalised_text_with_boundaries(matcher):
    assert found(matcher, "Core interest and core interests") == [
        ("core_interests", "Core interest"), ("core_interests", "core interests")]


def test_reinterpreted_words_are_left_out_unless_asked(mini_lexicon):
    assert found(Matcher(mini_lexicon), "Democracy matters.") == []
    assert found(Matcher(mini_lexicon, kinds=("formula", "reinterpreted")), "Democracy matters.") == [
        ("democracy", "Democracy")]


def test_offsets_are_raw_offsets(matcher):
    raw = "Both sides\n\nwill build a  Community\nof Common Destiny."
    (m,) = matcher(normalize(raw))
    assert raw[m.start:m.end] == m.surface == "Community\nof Common Destiny"


def test_scan_text_reports_the_sentence_and_anachronism(mini_lexicon):
    table = scan_text("It was 1990. We need true multilateralism today. Thanks.", lexicon=mini_lexicon, date="1990-09-25").matches
    row = table.iloc[0]
    assert row["formula_id"] == "true_multilateralism"
    assert row["sentence"] == "We need true multilateralism today."
    assert bool(row["anachronistic"]) is True
    later = scan_text("We need true multilateralism today.", lexicon=mini_lexicon, date="2021-02-01").matches
    assert bool(later.iloc[0]["anachronistic"]) is False


@pytest.mark.parametrize("first, date, year, expected", [
    ("2021-01", None, 1990, True),
    ("2021-01", None, 2021, False),
    ("2021-09-21", "2021-09-20", 2021, True),
    ("2021-09-21", "2021-09-21", 2021, False),
    ("2021", "2020-12-31", 2020, True),
    (None, None, 1950, False),
])
def test_anachronism(first, date, year, expected):
    import datetime as dt

    first_used = FirstUse(first) if first else None
    d = dt.date.fromisoformat(date) if date else None
    assert is_anachronistic(first_used, d, year) is expected


# --- properties: a match survives what documents do to text -------------------------

_s2t = opencc.OpenCC("s2t")
EN_PHRASES = [
    ("community with a shared future for mankind", "ccdm"),
    ("Global Development Initiative", "gdi"),
    ("profound changes unseen in a century", "bainian_bianju"),
    ("true multilateralism", "true_multilateralism"),
]
ZH_PHRASES = [("人类命运共同体", "ccdm"), ("全球发展倡议", "gdi"), ("真正的多边主义", "true_multilateralism"),
              ("百年未有之大变局", "bainian_bianju")]


@st.composite
def english_document(draw):
    phrase, fid = draw(st.sampled_from(EN_PHRASES))
    words = phrase.split(" ")
    out = []
    for i, word in enumerate(words):
        case = draw(st.sampled_from(["same", "upper", "title", "lower"]))
        word = {"same": word, "upper": word.upper(), "title": word.title(), "lower": word.lower()}[case]
        if len(word) > 3 and draw(st.booleans()):  # hyphenate across a line end
            cut = draw(st.integers(min_value=1, max_value=len(word) - 1))
            word = word[:cut] + draw(st.sampled_from(["-\n", "\u00ad\n", "-\n   "])) + word[cut:]
        out.append(word)
        if i < len(words) - 1:
            out.append(draw(st.sampled_from([" ", "\n", "  ", " \n ", "\r\n", "\u00a0"])))
    body = "".join(out)
    left, right = draw(st.sampled_from([("", ""), ('"', '"'), ("\u201c", "\u201d"), ("\u2018", "\u2019"), ("(", ")")]))
    before = draw(st.sampled_from(["", "We support the ", "Both sides agreed on a\n"]))
    after = draw(st.sampled_from(["", ".", " today.", ",\nand more"]))
    return before + left + body + right + after, fid


@settings(max_examples=300, deadline=None)
@given(english_document())
def test_english_match_survives_wrapping_case_and_quotes(mini_lexicon, doc):
    text, fid = doc
    hits = Matcher(mini_lexicon)(normalize(text))
    assert [m.formula_id for m in hits] == [fid]
    (m,) = hits
    assert text[m.start:m.end] == m.surface
    assert normalize(m.surface).text == m.phrase


@st.composite
def chinese_document(draw):
    phrase, fid = draw(st.sampled_from(ZH_PHRASES))
    chars = []
    for ch in phrase:
        chars.append(_s2t.convert(ch) if draw(st.booleans()) else ch)
        chars.append(draw(st.sampled_from(["", "", "", " ", "\n", "\r\n"])))
    body = "".join(chars).rstrip()
    left, right = draw(st.sampled_from([("", ""), ("\u201c", "\u201d"), ("\u300c", "\u300d"), ("\u300e", "\u300f")]))
    before = draw(st.sampled_from(["", "双方同意", "中方愿同各方"]))
    after = draw(st.sampled_from(["", "。", "，加强合作。"]))
    return before + left + body + right + after, fid


@settings(max_examples=300, deadline=None)
@given(chinese_document())
def test_chinese_match_survives_traditional_characters_breaks_and_quotes(mini_lexicon, doc):
    text, fid = doc
    hits = Matcher(mini_lexicon)(normalize(text))
    assert [m.formula_id for m in hits] == [fid]
    (m,) = hits
    assert text[m.start:m.end] == m.surface


def test_runaway_expression_is_cut_off_and_reported(tmp_path, monkeypatch):
    import phrasewatch
    from phrasewatch.match import reference

    path = tmp_path / "runaway.yaml"
    path.write_text(
        "formulae:\n"
        "  - id: runaway\n    kind: formula\n    category: test\n    distinctiveness: generic\n"
        "    zh: {canonical: 失控}\n    en: {variants: ['re:(x+x+)+y']}\n"
        "    examples: {match: {en: [xxy], zh: [失控]}}\n", encoding="utf-8")
    monkeypatch.setattr(reference, "REGEX_TIMEOUT", 0.2)
    matcher = Matcher(phrasewatch.load_lexicon(path))
    matches = matcher("x" * 5000)
    warnings = matches.warnings
    assert matches == []
    assert len(warnings) == 1 and "timed out" in warnings[0] and "runaway" in warnings[0]
