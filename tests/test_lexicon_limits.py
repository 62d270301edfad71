"""Hostile and huge lexicon files: refused with a short problem that names the file and
line, never a crash or a flood; loading and checking grow with the lexicon, not its
square."""

from __future__ import annotations

import time

import pytest

from phrasewatch import LexiconError, load_lexicon
from phrasewatch.check import check_lexicon

from .documents import generated_lexicon, yaml_alias_bomb
from .test_lexicon_load import GOOD_ENTRY, write


def test_an_alias_bomb_in_a_lexicon_is_refused_quickly_with_file_and_line(tmp_path):
    path = tmp_path / "bomb.yaml"
    path.write_text(yaml_alias_bomb(key="formulae"), encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(LexiconError) as caught:
        load_lexicon(path)
    assert time.perf_counter() - started < 5
    message = str(caught.value)
    assert f"{path}:" in message and "alias" in message
    assert len(message) < 500  # one line, not the expanded structure


def test_a_lexicon_nested_too_deep_is_refused_not_a_recursion_error(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("formulae:\n  - " + "[" * 900 + "]" * 900 + "\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="nested"):
        load_lexicon(path)


def test_aliases_within_the_bound_still_load(tmp_path):
    body = GOOD_ENTRY.replace("category: initiative", "category: &c initiative") + GOOD_ENTRY.replace(
        "id: gdi", "id: gdi2").replace("category: initiative", "category: *c").replace(
        "全球发展倡议", "全球发展倡议二").replace("Global Development Initiative", "Global Development Initiative Two")
    lexicon = load_lexicon(write(tmp_path, body))
    assert lexicon["gdi2"].category == "initiative"


def test_a_huge_value_is_shown_cut_short_in_the_problem(tmp_path):
    body = GOOD_ENTRY.replace("distinctiveness: signature", "distinctiveness: [" + ", ".join(["x" * 50] * 2000) + "]")
    with pytest.raises(LexiconError) as caught:
        load_lexicon(write(tmp_path, body))
    (problem,) = caught.value.problems
    assert "distinctiveness" in problem.message and len(problem.message) < 300


def test_check_of_a_large_lexicon_grows_linearly(tmp_path):
    """3,000 entries: the reference engine's check took about 30 s (every example
    against every pattern); the compiled engine checks it in a few seconds."""
    path = tmp_path / "big.yaml"
    path.write_text(generated_lexicon(3000), encoding="utf-8")
    started = time.process_time()  # CPU time: a busy machine (a CI runner, say) stretches the wall clock
    problems = check_lexicon(path)
    assert time.process_time() - started < 20
    assert problems == []
