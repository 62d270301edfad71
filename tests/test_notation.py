import pytest

from phrasewatch.lexicon.notation import MAX_EXPANSIONS, NotationError, expand


def test_alternatives_and_options_expand():
    assert expand("community {with a|of} shared future for {mankind|humanity}") == [
        "community with a shared future for mankind",
        "community with a shared future for humanity",
        "community of shared future for mankind",
        "community of shared future for humanity",
    ]
    assert expand("[the] East is rising") == ["the East is rising", "East is rising"]


def test_nested_groups_and_optional_alternatives():
    assert expand("{a|b [c|d]} e") == ["a e", "b c e", "b d e", "b e"]
    assert expand("[x|y] z") == ["x z", "y z", "z"]


def test_whitespace_is_collapsed_and_duplicates_removed():
    assert expand("a  [b]  c") == ["a b c", "a c"]
    assert expand("{a|a}") == ["a"]


@pytest.mark.parametrize("form, message", [
    ("{a|b", "never closed"),
    ("a}", "unexpected '}'"),
    ("[x", "never closed"),
    ("", "empty form"),
    ("re:abc", "regular expression"),
])
def test_bad_forms_say_what_is_wrong(form, message):
    with pytest.raises(NotationError, match=message):
        expand(form)


def test_expansion_is_bounded():
    form = " ".join(["{a|b|c}"] * 8)  # 3**8 phrases
    with pytest.raises(NotationError, match=str(MAX_EXPANSIONS)):
        expand(form)


# --- gaps ------------------------------------------------------------------------------

from phrasewatch.lexicon.notation import Gap, split_gaps  # noqa: E402


def test_a_gap_stays_in_the_phrase_as_a_canonical_token():
    assert expand("changes …3 unseen") == ["changes \u20260-3 unseen"]
    assert expand("changes ...1-2 unseen") == ["changes \u20261-2 unseen"]
    assert expand("{great|vast} changes …2 {unseen|not seen}") == [
        "great changes \u20260-2 unseen", "great changes \u20260-2 not seen",
        "vast changes \u20260-2 unseen", "vast changes \u20260-2 not seen"]


def test_a_gap_of_no_word_allows_punctuation_only():
    assert expand("system …0 with") == ["system \u20260-0 with"]


def test_a_phrase_splits_into_segments_and_gaps():
    assert split_gaps("great \u20261-2 shift \u20260-2 century") == (["great", "shift", "century"], [Gap(1, 2), Gap(0, 2)])
    assert split_gaps("Belt and Road") == (["Belt and Road"], [])


@pytest.mark.parametrize("form, message", [
    ("…3 changes", "words on both sides"),
    ("changes …3", "words on both sides"),
    ("a …3 …2 b", "words on both sides"),
    ("a …9 b", "more than 6"),
    ("a …3-1 b", "least"),
    ("a…3 b", "between spaces"),
    ("One Belt... One Road", "between spaces"),
])
def test_misplaced_gaps_say_what_is_wrong(form, message):
    with pytest.raises(NotationError, match=message):
        expand(form)
