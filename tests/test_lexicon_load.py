"""Loading lexicons: what a maintainer sees when an entry is wrong."""

import textwrap

import pytest

from phrasewatch import LexiconError, load_lexicon
from phrasewatch.lexicon import bundled_lexicons

GOOD_ENTRY = """
  - id: gdi
    kind: formula
    category: initiative
    distinctiveness: signature
    zh: {canonical: 全球发展倡议}
    en: {renderings: [Global Development Initiative]}
    examples:
      match: {en: ["We support the Global Development Initiative."], zh: ["支持全球发展倡议。"]}
"""


def write(tmp_path, body, name="my.yaml"):
    path = tmp_path / name
    path.write_text("lexicon: mine\nformulae:\n" + textwrap.dedent(body), encoding="utf-8")
    return path


def test_loads_a_good_file_and_reports_its_formulae(tmp_path, mini_lexicon):
    lexicon = load_lexicon(write(tmp_path, GOOD_ENTRY))
    assert lexicon.ids == ("gdi",)
    assert "gdi" in lexicon and len(lexicon) == 1
    assert lexicon.names == ("mine",)
    with pytest.raises(KeyError, match="no formula 'nope'"):
        lexicon["nope"]


def test_error_names_file_line_entry_and_problem(tmp_path):
    body = GOOD_ENTRY + """
  - id: gsi
    kind: formula
    category: initiative
    distinctiveness: very
    en: {renderings: [Global Security Initiative]}
    examples:
      match: {en: ["The Global Security Initiative."], zh: ["全球安全倡议。"]}
"""
    path = write(tmp_path, body)
    with pytest.raises(LexiconError) as info:
        load_lexicon(path)
    messages = [str(p) for p in info.value.problems]
    assert any(m.startswith(f"{path}:16: gsi: 'distinctiveness' must be one of") for m in messages), messages
    assert any(f"{path}:" in m and "gsi: every formula needs Chinese" in m for m in messages), messages


def test_duplicate_ids_across_files_are_refused(tmp_path):
    a = write(tmp_path, GOOD_ENTRY, "a.yaml")
    b = write(tmp_path, GOOD_ENTRY, "b.yaml")
    with pytest.raises(LexiconError, match="duplicate id"):
        load_lexicon(a, b)


def test_bad_notation_and_bad_regex_are_reported(tmp_path):
    body = GOOD_ENTRY.replace("[Global Development Initiative]", '["Global {Development Initiative", "re:(unclosed"]')
    with pytest.raises(LexiconError) as info:
        load_lexicon(write(tmp_path, body))
    text = str(info.value)
    assert "is never closed" in text and "not a valid regular expression" in text


def test_regex_that_matches_nothing_is_refused(tmp_path):
    body = GOOD_ENTRY.replace("[Global Development Initiative]", '["re:x*"]')
    with pytest.raises(LexiconError, match="matches the empty string"):
        load_lexicon(write(tmp_path, body))


def test_unknown_parent_and_bad_yaml(tmp_path):
    with pytest.raises(LexiconError, match="parent 'ghost'"):
        load_lexicon(write(tmp_path, GOOD_ENTRY.replace("kind: formula", "kind: formula\n    parent: ghost")))
    bad = tmp_path / "bad.yaml"
    bad.write_text("formulae:\n  - id: [unclosed\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad.yaml:\d+: not valid YAML"):
        load_lexicon(bad)


def test_missing_examples_are_reported(tmp_path):
    body = GOOD_ENTRY.replace(', zh: ["支持全球发展倡议。"]', "")
    with pytest.raises(LexiconError, match=r"no 'examples.match.zh'"):
        load_lexicon(write(tmp_path, body))


def test_unknown_lexicon_name_lists_the_bundled_ones():
    with pytest.raises(LexiconError, match="bundled: ccdm"):
        load_lexicon("no_such_lexicon")
    assert "ccdm" in bundled_lexicons()


def test_several_lexicons_load_together(tmp_path, mini_lexicon):
    extra = write(tmp_path, GOOD_ENTRY.replace("id: gdi", "id: gdi_copy").replace("Global Development Initiative", "Global Dev Initiative").replace("全球发展倡议", "全球发展新倡议"))
    from tests.conftest import FIXTURES

    both = load_lexicon(FIXTURES / "mini.yaml", extra)
    assert "gdi_copy" in both and "ccdm" in both
    assert both.version != mini_lexicon.version
