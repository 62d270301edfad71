"""The curator's queue (phrasewatch discover): unlisted variants of known formulae and
new formula candidates, on small corpora written here (file names in the UN General
Debate style give each speech its speaker and year)."""

import math
import re

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import phrasewatch
from phrasewatch.cli import main
from phrasewatch.discovery import _TOKEN, CANDIDATE_COLUMNS, VARIANT_COLUMNS, _log_odds, _tokens

CHINA = [
    "The world is going through sweeping changes never witnessed in a century, and a deep green partnership "
    "is what we offer to all. We will pursue the rejuvenation of our great nation.",
    "Faced with sweeping changes never witnessed in a century, we call for a deep green partnership among "
    "developing countries. The Global Development Initiative serves them.",
    "Sweeping changes never witnessed in a century demand a deep green partnership. China stands ready.",
]
OTHERS = [
    "Our island faces rising seas. We thank partners for their support and call for climate finance.",
    "The war has displaced millions. We call for a ceasefire and for humanitarian access.",
    "Small states need a fair trade system. We call for reform of the financial architecture.",
    "We welcome sweeping changes never witnessed in a century of our own history of elections.",
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("speeches")
    for i, text in enumerate(CHINA):
        (folder / f"CHN_{70 + i}_{2015 + i}.txt").write_text(text, encoding="utf-8")
    for i, text in enumerate(OTHERS):
        (folder / f"{['FJI', 'UKR', 'BRB', 'GHA'][i]}_{70 + i}_{2015 + i}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def found(corpus):
    return phrasewatch.discover([corpus], top=10)


def test_an_unlisted_variant_is_found_with_its_users_and_contexts(found):
    variants = found.variants
    assert list(variants.columns) == list(VARIANT_COLUMNS)
    row = variants[(variants.formula_id == "bainian_bianju") & (variants.key == "changes never witnessed in a century")]
    assert len(row) == 1, variants[["formula_id", "key"]]
    row = row.iloc[0]
    assert (row["count"], row["documents"], row["prc_count"]) == (4, 4, 3)
    assert row["first_date"] == "2015" and row["top_actors"].startswith("CHN 3")
    assert row["kwic_1"].startswith("CHN_70_2015: ") and "[changes never witnessed in a century]" in row["kwic_1"]
    assert row["users_marking"] > 0.5  # China, the most marked speaker here, is most of its users


def test_what_the_lexicon_knows_is_not_a_variant(found):
    keys = set(found.variants["key"])
    assert "global development initiative" not in keys
    assert not any("development initiative" in k for k in keys)


def test_a_phrase_china_favours_is_a_new_candidate(found):
    candidates = found.candidates
    assert list(candidates.columns) == list(CANDIDATE_COLUMNS)
    row = candidates[candidates.key == "deep green partnership"].iloc[0]
    assert (row["prc_count"], row["other_count"]) == (3, 0) and row["z"] > 0
    assert row["first_prc_date"] == "2015" and row["kwic_1"].startswith("CHN_")
    assert row["z"] == candidates["z"].max()
    # a phrase everyone uses is not one
    assert "call for" not in set(candidates["key"])


def test_the_stubs_are_yaml_to_paste(found):
    text = found.yaml()
    assert '- "changes never witnessed in a century"' in text
    entries = [block for block in text.split("\n\n") if block.lstrip().startswith("- id:")]
    assert entries
    parsed = [yaml.safe_load(block)[0] for block in entries]
    entry = next(e for e in parsed if e["en"]["variants"] == ["deep green partnership"])
    assert entry["zh"]["canonical"] == "TODO" and entry["kind"] == "formula"


def test_one_formula_at_a_time(corpus):
    one = phrasewatch.discover([corpus], formula="bainian_bianju")
    assert set(one.variants["formula_id"]) == {"bainian_bianju"} and one.candidates.empty
    with pytest.raises(KeyError, match="no formula 'nope'"):
        phrasewatch.discover([corpus], formula="nope")


def test_chinese_short_forms_are_found_by_their_head(tmp_path):
    report = "实现中华民族伟大复兴。我们为民族振兴伟业而奋斗，推进民族振兴伟业。"
    for year in (2021, 2022):
        (tmp_path / f"r{year}.txt").write_text(report, encoding="utf-8")
    found = phrasewatch.discover([tmp_path], formula="rejuvenation", min_count=2)
    assert "民族振兴伟业" not in set(found.variants["key"])  # its head (复兴) is not there
    # 复兴 stands for the formula here: mostly inside its full name
    report = "实现中华民族伟大复兴。中华民族伟大复兴是百年梦想。我们为复兴大业而奋斗，推进复兴大业。"
    for year in (2021, 2022):
        (tmp_path / f"r{year}.txt").write_text(report, encoding="utf-8")
    found = phrasewatch.discover([tmp_path], formula="rejuvenation", min_count=2)
    assert "复兴大业" in set(found.variants["key"]), found.variants[["key", "count"]]


def test_the_command(corpus, tmp_path):
    result = CliRunner().invoke(main, ["discover", str(corpus), "--formula", "bainian_bianju", "-o", str(tmp_path / "q")])
    assert result.exit_code == 0, result.output
    assert "changes never witnessed in a century" in result.output
    assert (tmp_path / "q" / "variants.csv").read_text().count("\n") >= 2
    assert (tmp_path / "q" / "stubs.yaml").exists()
    result = CliRunner().invoke(main, ["discover", str(corpus), "--formula", "nope"])
    assert result.exit_code == 2 and "no formula 'nope'" in result.output


def test_log_odds_is_monroe_colaresi_quinn():
    # eq. 16 and 20 of the paper, by hand: y_i=30 of n_i=1000, y_j=10 of n_j=9000, alpha_w=0.4, alpha_0=100
    delta, z = _log_odds(30, 10, 1000, 9000, 0.4, 100)
    expected = math.log(30.4 / (1000 + 100 - 30.4)) - math.log(10.4 / (9000 + 100 - 10.4))
    assert delta == pytest.approx(expected)
    assert z == pytest.approx(expected / math.sqrt(1 / 30.4 + 1 / 10.4))
    assert _log_odds(5, 5, 1000, 1000, 0.1, 10)[0] == pytest.approx(0.0)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("abc XYZ 019'.,;:-!?()[]_\"/") + ["china's", " the ", "\u00e9", "\u4e2d"]), max_size=60).map("".join))
def test_the_fast_words_are_the_pattern_words(raw):
    key = phrasewatch.normalize(raw).text
    assert _tokens(key) == _TOKEN.findall(key)


def test_on_china_and_others_at_the_un(corpora):
    speeches = sorted((corpora / "ungdc" / "TXT").glob("Session 7*/CHN_*.txt"))
    speeches += sorted((corpora / "ungdc" / "TXT").glob("Session 7*/[A-B]*.txt"))[:60]
    found = phrasewatch.discover(speeches, top=5, min_count=3)
    assert found.documents == len(speeches)
    top = found.candidates.head(10)
    # over-represented where China speaks: a higher rate there (China's speeches are a
    # small part of the text), used by China at least three times
    assert len(top) == 10 and (top["log_odds"] > 0).all() and (top["prc_count"] >= 3).all()
    assert top.iloc[0]["prc_count"] > top.iloc[0]["other_count"]
    assert all(re.match(r"\w+_\d+_\d{4}: ", line) for line in top["kwic_1"])


# bainian_bianju, rejuvenation and bri with their English forms as they stood before
# issue 10 (7c6c79c), so that discover can be asked what they missed
BEFORE_ISSUE_10 = """
lexicon: before-issue-10
version: test
formulae:
  - id: bainian_bianju
    kind: formula
    category: assessment
    distinctiveness: signature
    zh: {canonical: 百年未有之大变局}
    en:
      variants:
        - "change[s] {unseen|not seen|unprecedented} in a century"
        - "change[s] unseen in {a hundred|100} years"
        - "transformation[s] {unseen|not seen} in a century"
    examples: {match: {en: ["changes unseen in a century"], zh: ["百年未有之大变局"]}}
  - id: rejuvenation
    kind: formula
    category: domestic
    distinctiveness: signature
    zh: {canonical: 中华民族伟大复兴}
    en:
      variants:
        - "[great] {rejuvenation|renewal} of the Chinese nation"
        - "{China's|Chinese} [great] national rejuvenation"
    examples: {match: {en: ["the great rejuvenation of the Chinese nation"], zh: ["中华民族伟大复兴"]}}
  - id: bri
    kind: formula
    category: bri
    distinctiveness: signature
    zh: {canonical: 一带一路}
    en:
      variants: ["Belt and Road", "Belt and Road Initiative[s]", "One Belt[,] One Road", "One Belt and One Road"]
      acronyms: [BRI]
    examples: {match: {en: ["the Belt and Road Initiative"], zh: ["一带一路"]}}
"""


def test_on_the_un_debates_it_finds_what_issue_10_added(corpora, tmp_path):
    # the done-when of issue 10: among discover's variants for these three formulae on
    # the UN General Debates, wordings the lexicon did not know before it (and the
    # bundled lexicon now matches, so they leave its queue)
    names = ["CHN_73_2018", "CHN_75_2020", "CHN_77_2022", "KAZ_74_2019", "KAZ_78_2023",
             "USA_73_2018", "FRA_75_2020", "IND_77_2022", "BRA_74_2019"]
    speeches = [next((corpora / "ungdc" / "TXT").glob(f"*/{name}.txt")) for name in names]
    (tmp_path / "before.yaml").write_text(BEFORE_ISSUE_10, encoding="utf-8")
    before = phrasewatch.load_lexicon(tmp_path / "before.yaml")
    expected = {
        "bainian_bianju": {"changes never before seen in this century", "changes never seen in a century"},
        "rejuvenation": {"national rejuvenation"},
        "bri": {"one belt one road initiative"},
    }
    for formula, keys in expected.items():
        queue = phrasewatch.discover(speeches, formula=formula, lexicon=before).variants
        assert keys <= set(queue["key"]), (formula, queue[["key", "count"]])
        now = phrasewatch.discover(speeches, formula=formula).variants
        assert not keys & set(now["key"]), (formula, now[["key", "count"]])
    # China says them; Kazakhstan names the initiative
    queue = phrasewatch.discover(speeches, formula="rejuvenation", lexicon=before).variants
    assert queue[queue.key == "national rejuvenation"].iloc[0]["prc_count"] == 1


def test_words_joined_by_a_hyphen_are_words(tmp_path):
    # the key joins "One Belt-One Road" into one word; discovery reads the words apart
    for year in (2014, 2015):
        (tmp_path / f"CHN_{year - 1945}_{year}.txt").write_text(
            "China proposed the One Belt-One Road initiative. The Global Development Initiative is open.", encoding="utf-8")
    lexicon = tmp_path / "lexicon.yaml"
    lexicon.write_text(
        "formulae:\n"
        "  - {id: bri, kind: formula, category: bri, distinctiveness: signature, zh: {canonical: 一带一路},\n"
        "     en: {variants: ['One Belt[,] One Road', 'Belt and Road']},\n"
        "     examples: {match: {en: ['One Belt, One Road'], zh: ['一带一路']}}}\n", encoding="utf-8")
    found = phrasewatch.discover([tmp_path / f"CHN_{y - 1945}_{y}.txt" for y in (2014, 2015)],
                                 lexicon=phrasewatch.load_lexicon(lexicon))
    assert "one belt one road" in set(found.variants["key"]), found.variants[["key"]]
    row = found.variants[found.variants.key == "one belt one road"].iloc[0]
    assert row["variant"] == "One Belt-One Road"


def test_since_leaves_older_documents_out(corpus):
    later = phrasewatch.discover([corpus], formula="bainian_bianju", since=2016)
    row = later.variants[later.variants.key == "changes never witnessed in a century"].iloc[0]
    assert row["first_date"] == "2016" and later.documents == 5
