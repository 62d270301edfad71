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
