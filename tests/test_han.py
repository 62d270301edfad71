"""The character tables that read Chinese text without normalising it (the first look
for Chinese phrases, raw offsets of a window's characters) say what normalisation does."""

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from phrasewatch.text import _han
from phrasewatch.text.normalize import normalize


def test_the_stored_folds_are_what_this_code_and_opencc_give():
    pytest.importorskip("opencc")
    stored = json.loads(_han._DATA.read_text(encoding="utf-8"))
    try:
        current = _han.current_data()
    except (FileNotFoundError, OSError) as exc:
        pytest.skip(f"OpenCC's dictionary tool is not installed with its wheel: {exc}")
    if stored["unicode"] != current["unicode"]:
        pytest.skip("another Unicode version: the folds are computed again at run time")
    assert stored == current, "run: python -m phrasewatch.text._han"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=1).filter(bool))
def test_a_character_and_its_fold_share_a_representative(c):
    tables = _han.tables()
    key = normalize(c).text
    if len(key) == 1 and not tables.kind[ord(c)] & (_han.REFUSED | _han.IGNORABLE):
        assert tables.canon[ord(c)] == tables.canon[ord(key)]


def test_capitals_and_traditional_forms_share_a_representative():
    canon = _han.tables().canon
    for a, b in [("G", "g"), ("\uff27", "g"), ("\u9ad4", "\u4f53"), ("\u570b", "\u56fd"), ("\uf900", "\u8c48")]:
        assert canon[ord(a)] == canon[ord(b)], (a, b)
    assert np.all(canon[canon] == canon)  # a representative is its own
