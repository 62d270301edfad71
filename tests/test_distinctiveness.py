"""Measured distinctiveness: China's share of a formula's uses in a reference corpus,
earlier uses by others, the class derived from them, and `lexicon check --corpus`."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner

import phrasewatch
from phrasewatch.cli import main
from phrasewatch.score.distinctiveness import (
    classify,
    distinctiveness,
    distinctiveness_by_year,
    measure_corpus,
    top_users,
    use_table,
)

LEXICON = """
lexicon: measured
formulae:
  - id: coinage
    kind: formula
    category: core
    distinctiveness: signature
    first_used: {date: "2013", source: "a speech"}
    zh: {canonical: 新造词}
    en: {renderings: ["brand new coinage"]}
    examples:
      match: {en: ["We support the brand new coinage."], zh: ["支持新造词。"]}
  - id: everyones
    kind: formula
    category: order
    distinctiveness: signature
    zh: {canonical: 大家的话}
    en: {renderings: ["common parlance"]}
    examples:
      match: {en: ["That is common parlance."], zh: ["大家的话。"]}
  - id: older
    kind: formula
    category: order
    distinctiveness: signature
    measured_distinctiveness: mixed
    first_used: {date: "2013", source: "a speech"}
    notes: Others said it first, in another sense.
    zh: {canonical: 旧词新用}
    en: {renderings: ["old words anew"]}
    examples:
      match: {en: ["These are old words anew."], zh: ["旧词新用。"]}
"""


OTHERS = ("ARG AUS AUT BEL BRA CAN CHL COL CUB DNK EGY ESP ETH FIN FRA GBR GHA GRC HUN IND IRL ISL ITA JPN KEN "
          "MEX NGA NLD NOR NZL PER POL PRT SEN SWE THA TUN TUR URY ZAF").split()


def speeches(folder, texts):
    folder.mkdir(exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    root = tmp_path_factory.mktemp("measured")
    lexicon_file = root / "measured.yaml"
    lexicon_file.write_text(LEXICON, encoding="utf-8")
    texts = {}
    # China coins it in 2013 and keeps using it; two partners adopt it later
    for year in range(2013, 2019):
        texts[f"CHN_{year - 1945}_{year}"] = "We support the brand new coinage. These are old words anew."
        if year >= 2017:
            texts[f"CHN_{year - 1945}_{year}"] += " That is common parlance."
    texts["KIR_73_2018"] = "Kiribati supports the brand new coinage."
    texts["SLB_73_2018"] = "Solomon Islands welcomes the brand new coinage."
    # everyone's language: China in two speeches, forty other speakers, and the Republic of China before 1971
    for code in OTHERS:
        texts[f"{code}_73_2018"] = "That is common parlance."
    texts["CHN_20_1965"] = "That is common parlance."
    # old words used by others before China's first use
    for name in ("DEU_29_1974", "BGR_32_1977", "MNG_34_1979"):
        texts[name] = "These are old words anew."
    folder = speeches(root / "corpus", texts)
    lexicon = phrasewatch.load_lexicon(lexicon_file)
    return measure_corpus([folder], lexicon, jobs=1), lexicon_file, folder


def test_classes_from_share_and_earlier_use():
    assert classify(0.5, 0, 10) == "signature"
    assert classify(0.5, 3, 10) == "mixed"  # others had the words first
    assert classify(0.07, 0, 40) == "mixed"
    assert classify(0.04, 0, 40) == "generic"
    assert classify(1.0, 0, 4) is None  # too few uses to tell


def test_share_earlier_uses_and_status(measured):
    report, _, _ = measured
    t = report.table.set_index("formula_id")
    assert (t.loc["coinage", "uses"], t.loc["coinage", "prc_uses"]) == (8, 6)
    assert t.loc["coinage", "measured"] == "signature" and t.loc["coinage", "status"] == "agrees"
    # the ROC's 1965 speech is another government's use, outside the PRC era
    assert t.loc["everyones", "prc_uses"] == 2 and t.loc["everyones", "uses"] == 42
    assert t.loc["everyones", "measured"] == "generic" and t.loc["everyones", "status"] == "differs"
    assert t.loc["older", "others_before"] == 3 and t.loc["older", "measured"] == "mixed"
    assert t.loc["older", "status"] == "accepted"  # the entry says so, and why
    assert list(report.differing["formula_id"]) == ["everyones"]


def test_by_year_splits_before_and_after_first_use(measured):
    report, _, _ = measured
    older = report.by_year[report.by_year["formula_id"] == "older"].set_index("year")
    assert older.loc[1977, "period"] == "before" and older.loc[1977, "other_uses"] == 1
    assert older.loc[2013, "period"] == "after" and older.loc[2013, "share"] == 1.0


def test_top_users_name_non_prc_speakers_with_a_sentence(measured):
    report, _, _ = measured
    users = report.top_users[report.top_users["formula_id"] == "everyones"]
    assert len(users) == 3 and "CHN" not in set(users["actor"])
    assert users.iloc[0]["actor"] == "CHN (ROC)"  # first by year among equals: the 1965 speech
    assert users.iloc[0]["sentence"] == "That is common parlance."
    coinage = report.top_users[report.top_users["formula_id"] == "coinage"]
    assert set(coinage["actor"]) == {"KIR", "SLB"}


def test_a_joint_statement_sentence_voiced_by_both_sides_is_a_use_by_each():
    matches = pd.DataFrame({"doc_id": ["js"], "formula_id": ["gdi"], "voice_actors": ["CHN;IDN"], "year": [2024],
                            "date": ["2024-05-20"], "sentence": ["双方支持全球发展倡议。"], "surface": ["全球发展倡议"],
                            "start": [4]})
    uses = use_table(matches)
    assert uses[["actor", "prc"]].values.tolist() == [["CHN", True], ["IDN", False]]
    table = distinctiveness(uses, phrasewatch.load_lexicon().select(("formula",)))
    gdi = table.set_index("formula_id").loc["gdi"]
    assert (gdi["uses"], gdi["prc_uses"]) == (2, 1)
    assert distinctiveness_by_year(uses)["share"].tolist() == [0.5]
    assert top_users(uses)["actor"].tolist() == ["IDN"]


def test_check_command_prints_every_formula_and_warns_on_unexplained_disagreement(measured):
    _, lexicon_file, folder = measured
    out = CliRunner().invoke(main, ["lexicon", "check", str(lexicon_file), "--corpus", str(folder)])
    assert out.exit_code == 0, out.output  # disagreements are warnings
    text = out.stdout
    for formula_id in ("coinage", "everyones", "older"):
        assert any(line.startswith(formula_id) for line in text.splitlines()), formula_id
    assert "differs, explained in notes" in text
    assert "everyones: declared signature, measured generic" in text
    assert "KIR (1, 2018) KIR_73_2018: Kiribati supports the brand new coinage." in text
    strict = CliRunner().invoke(main, ["lexicon", "check", str(lexicon_file), "--corpus", str(folder), "--strict"])
    assert strict.exit_code == 1
    as_json = CliRunner().invoke(main, ["lexicon", "check", str(lexicon_file), "--corpus", str(folder), "--format", "json"])
    data = json.loads(as_json.stdout)
    assert {row["formula_id"]: row["status"] for row in data["distinctiveness"]} == {
        "coinage": "agrees", "everyones": "differs", "older": "accepted"}


def test_a_stale_acceptance_is_reported(tmp_path, measured):
    _, lexicon_file, folder = measured
    stale = tmp_path / "stale.yaml"
    stale.write_text(lexicon_file.read_text(encoding="utf-8").replace(
        "    distinctiveness: signature\n    first_used: {date: \"2013\", source: \"a speech\"}\n    zh: {canonical: 新造词}",
        "    distinctiveness: signature\n    measured_distinctiveness: mixed\n    notes: Stale.\n"
        "    first_used: {date: \"2013\", source: \"a speech\"}\n    zh: {canonical: 新造词}"), encoding="utf-8")
    problems, _ = phrasewatch.check_distinctiveness(stale, corpus=folder)
    assert [p.entry for p in problems if "is stale" in p.message] == ["coinage"]


@pytest.mark.corpus
def test_bundled_lexicon_on_the_ungdc_has_no_unexplained_disagreement(corpora):
    """The done-criterion of issue 17, through the command a curator runs."""
    out = CliRunner().invoke(main, ["lexicon", "check", "--corpus", str(corpora / "ungdc" / "TXT"), "--format", "json"])
    assert out.exit_code == 0, out.output[-2000:]
    data = json.loads(out.stdout)
    rows = {row["formula_id"]: row for row in data["distinctiveness"]}
    lexicon = phrasewatch.load_lexicon()
    assert set(rows) == {f.id for f in lexicon if f.kind == "formula"}
    assert [r["formula_id"] for r in rows.values() if r["status"] == "differs"] == []
    assert [p for p in data["problems"] if p["severity"] == "warning"] == []
    assert rows["bri"]["measured"] == "signature"
    assert rows["unilateral_sanctions"]["measured"] == "generic"
    assert rows["indivisible_security"]["prc_uses"] == 0
    assert rows["democratization_ir"]["others_before"] >= 50  # Non-Aligned wording before China's 1983 use
    top = [u for u in data["top_users"] if u["formula_id"] == "true_multilateralism"]
    assert top and all(u["actor"] != "CHN" for u in top)
