"""Loading lexicons: what a maintainer sees when an entry is wrong."""

import datetime as dt
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


# --- short forms, gaps, examples with a speaker (issue 10) ------------------------------

SHORT_ENTRY = """
  - id: rejuvenation
    kind: formula
    category: domestic
    distinctiveness: signature
    zh:
      canonical: 中华民族伟大复兴
      short_forms: [民族复兴, {form: 伟大复兴, licence: after or china}]
    en:
      variants: ["great rejuvenation of the Chinese nation", "changes …3 unseen"]
      short_forms: [{form: national rejuvenation, licence: china}]
    examples:
      match:
        en: [{text: "We seek national rejuvenation.", actor: CHN}]
        zh: ["中华民族伟大复兴。"]
"""


def test_short_forms_load_with_their_licence(tmp_path):
    lexicon = load_lexicon(write(tmp_path, SHORT_ENTRY))
    formula = lexicon["rejuvenation"]
    assert [(s.form, s.licence) for s in formula.short_forms("zh")] == [("民族复兴", "after"), ("伟大复兴", "after or china")]
    assert [(s.form, s.licence) for s in formula.short_forms("en")] == [("national rejuvenation", "china")]
    licences = {p.phrase: p.licence for p in lexicon.patterns}
    assert licences["national rejuvenation"] == "china" and licences["中华民族伟大复兴"] is None
    gapped = [p for p in lexicon.patterns if p.gaps]
    assert [(p.phrase, p.literal) for p in gapped] == [("changes \u20260-3 unseen", False)]
    assert formula.example_items("match", "en") == (("We seek national rejuvenation.", {"actor": "CHN"}),)
    assert formula.example_texts("match", "en") == ("We seek national rejuvenation.",)


@pytest.mark.parametrize("change, message", [
    ('{form: national rejuvenation, licence: china}', None),
    ('{form: national rejuvenation, licence: sometimes}', "'licence' must be one of"),
    ('{licence: china}', "needs 'form'"),
])
def test_a_short_form_needs_a_form_and_a_known_licence(tmp_path, change, message):
    body = SHORT_ENTRY.replace("{form: national rejuvenation, licence: china}", change)
    if message is None:
        load_lexicon(write(tmp_path, body))
        return
    with pytest.raises(LexiconError, match=message):
        load_lexicon(write(tmp_path, body))


def test_gaps_are_for_english_forms(tmp_path):
    body = SHORT_ENTRY.replace("canonical: 中华民族伟大复兴", "canonical: 中华民族伟大复兴\n      variants: [\"中华 …2 复兴\"]")
    with pytest.raises(LexiconError, match="gaps are for English forms only"):
        load_lexicon(write(tmp_path, body))
    body = SHORT_ENTRY.replace('"changes …3 unseen"', '"changes …3 , unseen"')
    with pytest.raises(LexiconError, match="beside a gap must start and end with a letter or digit"):
        load_lexicon(write(tmp_path, body))


def test_an_example_with_a_speaker_needs_its_text(tmp_path):
    body = SHORT_ENTRY.replace('{text: "We seek national rejuvenation.", actor: CHN}', "{actor: CHN, speaker: me}")
    with pytest.raises(LexiconError, match="a mapping with 'text'"):
        load_lexicon(write(tmp_path, body))


def test_check_wants_a_trap_for_every_form_with_gaps(tmp_path):
    from phrasewatch import check_lexicon

    problems = [str(p) for p in check_lexicon(write(tmp_path, SHORT_ENTRY))]
    assert any("'changes …3 unseen' has gaps but no no_match example" in p for p in problems), problems
    trapped = SHORT_ENTRY.replace('zh: ["中华民族伟大复兴。"]', 'zh: ["中华民族伟大复兴。"]\n      no_match:\n        en: ["changes that nobody there has unseen"]')
    problems = [str(p) for p in check_lexicon(write(tmp_path, trapped))]
    assert not any("has gaps" in p for p in problems), problems


def test_check_runs_examples_with_their_speaker_and_flags_dead_short_forms(tmp_path):
    from phrasewatch import check_lexicon

    other = GOOD_ENTRY.replace("全球发展倡议", "民族复兴")
    trapped = SHORT_ENTRY.replace('zh: ["中华民族伟大复兴。"]', 'zh: ["中华民族伟大复兴。"]\n      no_match:\n        en: ["changes that nobody there has unseen"]')
    problems = [str(p) for p in check_lexicon(write(tmp_path, trapped + other))]
    assert any("short form '民族复兴' is a full form of gdi" in p for p in problems), problems
    assert not any("does not match" in p and "rejuvenation:" in p for p in problems), problems
    unvoiced = trapped.replace('{text: "We seek national rejuvenation.", actor: CHN}', '"We seek national rejuvenation."')
    problems = [str(p) for p in check_lexicon(write(tmp_path, unvoiced))]
    assert any("en example does not match" in p for p in problems), problems


def test_a_gap_that_only_joins_two_uses_needs_no_trap(tmp_path):
    from phrasewatch import check_lexicon

    joined = SHORT_ENTRY.replace('"changes …3 unseen"', '"great rejuvenation of the Chinese nation …2 new era"')
    problems = [str(p) for p in check_lexicon(write(tmp_path, joined))]
    assert not any("has gaps" in p for p in problems), problems


def test_check_warns_of_a_form_that_ends_with_a_mark(tmp_path):
    from phrasewatch import check_lexicon

    marked = SHORT_ENTRY.replace('"changes …3 unseen"', '"reform of the U.N."')
    problems = [p for p in check_lexicon(write(tmp_path, marked)) if "starts or ends with a mark" in str(p)]
    assert len(problems) == 1 and problems[0].severity == "warning"


BORROWED_ENTRY = GOOD_ENTRY.replace("id: gdi", "id: dem_ir").replace("category: initiative", """category: order
    first_used: {date: "1983", source: "UNGA38"}
    origin:
      coined_by: non_aligned
      prc_since: "1992"
      source: "Non-Aligned summit declarations of the 1970s\"""")


def test_origin_says_whose_words_and_since_when_china_owns_them(tmp_path):
    lexicon = load_lexicon(write(tmp_path, BORROWED_ENTRY))
    formula = lexicon["dem_ir"]
    assert formula.borrowed and formula.origin.coined_by == "non_aligned"
    assert not formula.origin.owned_by_prc(year=1985)
    assert formula.origin.owned_by_prc(year=1992) and formula.origin.owned_by_prc(dt.date(2001, 5, 1))
    # a borrowed signature formula weighs half a PRC coinage
    assert formula.effective_weight == pytest.approx(0.5)
    own = load_lexicon(write(tmp_path, GOOD_ENTRY, "own.yaml"))["gdi"]
    assert not own.borrowed and own.origin.owned_by_prc(year=1950) and own.effective_weight == 1.0


def test_a_borrowed_formula_china_never_made_its_own_is_never_owned(tmp_path):
    body = BORROWED_ENTRY.replace('      prc_since: "1992"\n', "")
    formula = load_lexicon(write(tmp_path, body))["dem_ir"]
    assert formula.borrowed and not formula.origin.owned_by_prc(year=2024)


@pytest.mark.parametrize("change, message", [
    (("coined_by: non_aligned", "coined_by: nam"), r":\d+: dem_ir: 'origin.coined_by' must be one of prc, non_aligned"),
    (('prc_since: "1992"', 'prc_since: "1992-13"'), r":\d+: dem_ir: 'origin.prc_since' is not a real date"),
    (('prc_since: "1992"', "prc_since: soon"), r":\d+: dem_ir: 'origin.prc_since' needs a date"),
    (('prc_since: "1992"', 'prc_since: "1980"'), r":\d+: dem_ir: 'origin.prc_since' \(1980\) is before 'first_used' \(1983\)"),
])
def test_a_bad_origin_is_reported_with_its_line(tmp_path, change, message):
    path = write(tmp_path, BORROWED_ENTRY.replace(*change))
    with pytest.raises(LexiconError, match=message) as info:
        load_lexicon(path)
    line = int(str(info.value.problems[0]).split(":")[1])
    assert path.read_text(encoding="utf-8").splitlines()[line - 1].strip().startswith(("coined_by", "prc_since"))


def test_origin_warnings_do_not_stop_loading(tmp_path):
    body = BORROWED_ENTRY.replace('      source: "Non-Aligned summit declarations of the 1970s"', "").replace(
        "coined_by: non_aligned", "coined_by: prc")
    path = write(tmp_path, body)
    lexicon = load_lexicon(path)
    assert not lexicon["dem_ir"].borrowed and lexicon["dem_ir"].origin.prc_since is None
    with pytest.raises(LexiconError, match="'origin.prc_since' is for borrowed formulae"):
        load_lexicon(path, strict_warnings=True)


def test_measured_distinctiveness_must_be_a_class_and_explained(tmp_path):
    body = GOOD_ENTRY.replace("distinctiveness: signature", "distinctiveness: signature\n    measured_distinctiveness: mixed")
    with pytest.raises(LexiconError, match=r":\d+: gdi: 'measured_distinctiveness' differs from 'distinctiveness': say why in 'notes'"):
        load_lexicon(write(tmp_path, body))
    explained = body.replace("kind: formula", "kind: formula\n    notes: Partners adopt it so widely that China's share falls.")
    assert load_lexicon(write(tmp_path, explained)).formulae["gdi"].measured_distinctiveness == "mixed"
    with pytest.raises(LexiconError, match="'measured_distinctiveness' must be one of"):
        load_lexicon(write(tmp_path, explained.replace("measured_distinctiveness: mixed", "measured_distinctiveness: rare")))
