import bisect

from hypothesis import given, settings
from hypothesis import strategies as st

from phrasewatch.text import Sentences, sentence_spans
from phrasewatch.text.sentences import SplitText, window_spans


def split(text):
    return [text[a:b] for a, b in sentence_spans(text)]


def test_english_sentences_with_abbreviations():
    assert split("Mr. Wang spoke for the U.S. delegation. Both sides agreed. H.E. the President left.") == [
        "Mr. Wang spoke for the U.S. delegation.", "Both sides agreed.", "H.E. the President left."]


def test_chinese_full_stops_and_semicolons():
    assert split("双方同意。中方支持；印尼方欢迎！") == ["双方同意。", "中方支持；", "印尼方欢迎！"]


def test_numbered_paragraphs_and_blank_lines():
    text = "The General Assembly,\n\nRecalling its resolutions,\n\n1. Decides to act;\n2. Requests the report."
    assert split(text) == ["The General Assembly,", "Recalling its resolutions,", "1. Decides to act;", "2. Requests the report."]


def test_sentence_text_collapses_hard_wraps():
    text = "First one. We need\ntrue multi-\nlateralism now. Last."
    sentences = Sentences(text)
    start = text.index("true")
    assert sentences.text_around(start, start + 4) == "We need true multi- lateralism now."


# -- a window's sentences read from the whole text split once ---------------------------

# pieces that make boundaries, near-boundaries and the edges' traps: abbreviations and
# paragraph numbers (read backwards), closing quotes and whitespace runs (read forwards),
# the look-aheads' capitals, digits, openers and Chinese numerals
_PIECES = ["Mr", ".", " ", "  ", "\n", "\n\n", "\t", "No", "3", "12", "1234", "a", "Wang", "spoke", "Both",
           "U.S", "e.g", '"', "'", "\u201d", "\u201c", ")", "(", "(a)", "[", "]", "。", "！", "？", "；", "」",
           "』", "）", "一", "十", "、", "双方", "中方", "!", "?", "International", "x", "B", "\u3000", "\u00a0"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=80), st.data())
def test_windows_read_from_the_whole_text_are_split_as_anew(pieces, data):
    text = "".join(pieces)
    whole = SplitText(text)
    for _ in range(6):
        lo = data.draw(st.integers(0, len(text)))
        hi = data.draw(st.integers(lo, len(text)))
        assert whole.window(lo, hi) == window_spans(text, lo, hi)


def test_window_edges_that_differ_from_the_whole_text():
    # a window starting inside "Mr." sees a one-letter abbreviation ("r."), one starting
    # inside a blank line's whitespace a different boundary, one ending before the
    # capital after ". " no boundary at all; and a paragraph number read from the
    # window's start is at the start of its line
    text = "He met Mr. Wang there. Both sides agreed.\n\n  \n\n  3. The end. Then 12. No more."
    whole = SplitText(text)
    for lo in range(len(text) + 1):
        for hi in range(lo, len(text) + 1):
            assert whole.window(lo, hi) == window_spans(text, lo, hi), (lo, hi)


def test_sentences_split_the_text_once_when_windows_would_cover_it():
    text = "Both sides agreed. " * 400
    sentences = Sentences(text)
    starts = [i for i in range(0, len(text), 19)]
    got = [sentences.around(a, a + 4) for a in starts]
    assert sentences._whole is not None  # the windows came to more than the text
    assert got == [Sentences(text).around(a, a + 4) for a in starts]


def test_sentences_told_how_many_matches_are_coming_split_the_text_once_up_front():
    text = "Both sides agreed. " * 400
    few, many = Sentences(text), Sentences(text)
    few.expect(0)
    many.expect(len(text) // 19)
    assert few._whole is None and many._whole is not None  # split at once only when windows would cover the text
    starts = list(range(0, len(text), 19))
    assert [many.around(a, a + 4) for a in starts] == [Sentences(text).around(a, a + 4) for a in starts]


def _around_by_definition(text, start, end, window):
    lo, hi = max(0, start - window), min(len(text), end + window)
    spans = window_spans(text, lo, hi)
    whole = spans[1:] if lo > 0 and len(spans) > 1 else spans
    starts = [a for a, _ in whole]
    holding = whole[max(0, bisect.bisect_right(starts, start) - 1)] if whole else None
    if not spans:
        return (start, end), holding
    starts = [a for a, _ in spans]
    first = spans[max(bisect.bisect_right(starts, start) - 1, 0)]
    last = spans[max(bisect.bisect_right(starts, max(start, end - 1)) - 1, 0)]
    return (min(first[0], start), max(last[1], end)), holding


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Mr. ", "Wang ", "agreed. ", "Both sides", "\n\n", "\n3. ", "。", "双方", "“", "” ",
                                 " ", "x", "U.S. ", "12. "]), min_size=1, max_size=40).map("".join),
       st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=6), st.sampled_from([3, 10, 40]))
def test_the_sentences_around_a_match_and_holding_it_are_the_windows(text, offsets, window):
    sentences = Sentences(text)
    sentences.window = window
    for offset in sorted(o % len(text) for o in offsets):
        start, end = offset, min(len(text), offset + 3)
        assert (sentences.around(start, end), sentences.holding(start, end)) == \
            _around_by_definition(text, start, end, window)
