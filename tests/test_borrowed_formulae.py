"""Formulae that are really Beijing's (issue 17): borrowed wording is not adoption until
China made it its own, precision traps stay out, partners' one-China wording counts, and
China's own early uses are not anachronistic. First on sentences written for the
project, then on the real speeches they paraphrase (skipped without ../shared)."""

from __future__ import annotations

import pytest

import phrasewatch

# (file name as the UNGDC names it, a sentence written for the project in the manner of that speech)
SPEECHES = {
    "USA_49_1994": "Today I can announce that the United States will lift all of its unilateral sanctions on the island, "
                   "apart from those aimed at the junta.",
    "VEN_78_2023": "We denounce the illegal unilateral coercive measures imposed on our people.",
    "USA_75_2023": "Our courts assert long-arm jurisdiction over foreign firms that do business here.",
    "CUB_78_2023": "No country has the right to exercise long-arm jurisdiction over others.",
    "USA_78_2023": "Our export controls follow a small yard, high fence approach to the most sensitive chips.",
    "USA_72_2017": "Our export controls follow a small yard, high fence approach to the most sensitive chips.",
    "AUS_45_1990": "Having worked for a future of common security, the world must now build a future of common prosperity.",
    "USA_75_2020": "We will beat the pandemic and enter a new era of peace and prosperity.",
    "LIE_78_2023": "This hall remains the home of genuine multilateralism, resting on the sovereign equality of its members.",
    "AFG_71_2016": "Our soldiers have paid a heavy price in defence of the common values of humanity against terror.",
    "ECU_73_2018": "Chinese wisdom says that things are never as bad, nor as good, as they seem.",
    "TON_62_2007": "Tonga continues to adhere to the one-China policy and regards Taiwan as part of China.",
    "USA_77_2022": "We remain committed to our One China Policy, which has kept the peace for decades.",
    "EU_77_2022": "We adhere to the one-China policy, but we will not look away from abuses in the region.",
    "ALB_18_1963": "There is only one China in the world, and its only Government sits in Beijing.",
    "CHN_68_2013": "We will voice China's views, offer China's wisdom and propose China's solutions.",
    "NPL_45_1990": "Nepal calls for the democratization of international relations.",
    "NPL_60_2005": "Nepal calls for the democratization of international relations.",
    "RUS_77_2022": "Europe needs rules of coexistence based on equal and indivisible security.",
    "IDN_33_1978": "We view with dismay the revival of bloc politics in our region.",
    "CHN_77_2022": "We should jointly oppose group politics and bloc confrontation.",
}


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("speeches")
    for name, text in SPEECHES.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    result = phrasewatch.scan([folder], jobs=1)
    table = phrasewatch.adoption(result.matches, result.documents, lexicon=result.lexicon)
    return result, table


def matched(result, doc_id):
    return set(result.matches.loc[result.matches["doc_id"] == doc_id, "formula_id"])


def adopted(table, actor, year):
    rows = table[(table["actor"] == actor) & (table["year"] == year) & table["adopted"]]
    return set(rows["formula_id"])


def test_generic_sanction_language_is_a_mention_never_adoption(written):
    result, table = written
    assert "unilateral_sanctions" in matched(result, "USA_49_1994")
    assert "unilateral_sanctions" in matched(result, "VEN_78_2023")
    assert result.matches.loc[result.matches["formula_id"] == "unilateral_sanctions", "borrowed"].all()
    assert "unilateral_sanctions" not in adopted(table, "USA", 1994)
    assert "unilateral_sanctions" not in adopted(table, "VEN", 2023)
    counted = phrasewatch.adoption(result.matches, result.documents, include_borrowed=True)
    assert "unilateral_sanctions" in adopted(counted, "VEN", 2023)


def test_long_arm_jurisdiction_is_the_prc_marked_part(written):
    result, table = written
    assert "long_arm_jurisdiction" in adopted(table, "CUB", 2023)
    assert not result.lexicon["long_arm_jurisdiction"].borrowed


def test_asserting_long_arm_jurisdiction_oneself_is_not_adopting_the_critique(written):
    _, table = written
    assert "long_arm_jurisdiction" not in adopted(table, "USA", 2023)


@pytest.mark.parametrize("doc_id, formula_id", [
    ("AUS_45_1990", "common_prosperity"),
    ("USA_75_2020", "new_era"),
    ("LIE_78_2023", "true_multilateralism"),
    ("AFG_71_2016", "common_values"),
    ("ECU_73_2018", "china_wisdom"),
    ("USA_77_2022", "one_china"),
    ("EU_77_2022", "one_china"),
])
def test_precision_traps_do_not_match(written, doc_id, formula_id):
    result, _ = written
    assert formula_id not in matched(result, doc_id)


def test_a_partner_affirming_the_one_china_policy_adopts_one_china(written):
    _, table = written
    assert "one_china" in adopted(table, "TON", 2007)
    assert "one_china" in adopted(table, "ALB", 1963)  # "there is only one China in the world"


def test_chinas_2013_solutions_and_wisdom_are_not_anachronistic(written):
    result, _ = written
    rows = result.matches[result.matches["doc_id"] == "CHN_68_2013"].set_index("formula_id")
    assert {"china_solution", "china_wisdom"} <= set(rows.index)
    assert not rows["anachronistic"].any()


def test_non_aligned_wording_counts_only_from_when_china_made_it_its_own(written):
    result, table = written
    assert "democratization_ir" not in adopted(table, "NPL", 1990)
    assert "democratization_ir" in adopted(table, "NPL", 2005)
    weight = table.loc[(table["actor"] == "NPL") & (table["formula_id"] == "democratization_ir"), "weight"].iloc[0]
    assert weight == pytest.approx(result.lexicon["democratization_ir"].effective_weight) == pytest.approx(0.25)
    assert "indivisible_security" in matched(result, "RUS_77_2022")
    assert "indivisible_security" not in adopted(table, "RUS", 2022)  # Russia's own formula, never Beijing's
    assert "cold_war_bloc" in matched(result, "IDN_33_1978")
    assert "cold_war_bloc" not in adopted(table, "IDN", 1978)


def test_the_gsi_pair_is_one_match_of_the_narrower_entry(written):
    result, _ = written
    rows = result.matches[result.matches["doc_id"] == "CHN_77_2022"]
    assert rows["formula_id"].tolist() == ["bloc_confrontation"]
    assert result.lexicon["bloc_confrontation"].parent == "cold_war_bloc"


# --- the real speeches, as filed in the UN General Debate corpus -----------------------

REAL = ["USA_49_1994", "AUS_45_1990", "KOR_46_1991", "USA_75_2020", "GBR_77_2022", "LIE_78_2023", "CMR_77_2022",
        "AFG_71_2016", "ECU_73_2018", "TON_62_2007", "GMB_72_2017", "DMA_74_2019", "SLB_74_2019", "ARE_64_2009",
        "USA_77_2022", "EU_77_2022", "ALB_18_1963", "CHN_50_1995", "CHN_68_2013", "CHN_73_2018", "CHN_75_2020",
        "CHN_46_1991", "CHN_67_2012", "RUS_77_2022", "BLR_77_2022", "TZA_79_2024", "CHN_74_2019", "CHN_77_2022",
        "VEN_78_2023", "IDN_33_1978"]


@pytest.fixture(scope="module")
def real(corpora):
    txt = corpora / "ungdc" / "TXT"
    paths = [next(txt.glob(f"*/{name}.txt")) for name in REAL]
    result = phrasewatch.scan(paths, jobs=1)
    table = phrasewatch.adoption(result.matches, result.documents, lexicon=result.lexicon)
    return result, table


@pytest.mark.corpus
def test_real_usa_1994_suspending_sanctions_is_not_adoption(real):
    result, table = real
    assert "unilateral_sanctions" in matched(result, "USA_49_1994")
    assert "unilateral_sanctions" not in adopted(table, "USA", 1994)
    assert "unilateral_sanctions" not in adopted(table, "VEN", 2023)  # G77 wording, not Beijing's


@pytest.mark.corpus
def test_a_western_slogan_before_china_took_it_up_is_borrowed(written):
    result, table = written
    flags = result.matches[result.matches["formula_id"] == "small_yard_high_fence"].set_index("doc_id")["borrowed"]
    assert flags.to_dict() == {"USA_72_2017": True, "USA_78_2023": False}
    assert "small_yard_high_fence" not in adopted(table, "USA", 2017)


def test_a_government_describing_its_own_small_yard_policy_does_not_adopt_the_critique(written):
    _, table = written
    assert "small_yard_high_fence" not in adopted(table, "USA", 2023)


@pytest.mark.parametrize("doc_id, formula_id", [
    ("AUS_45_1990", "common_prosperity"), ("KOR_46_1991", "common_prosperity"),
    ("USA_75_2020", "new_era"), ("GBR_77_2022", "new_era"),
    ("LIE_78_2023", "true_multilateralism"), ("CMR_77_2022", "true_multilateralism"),
    ("AFG_71_2016", "common_values"), ("ECU_73_2018", "china_wisdom"),
    ("USA_77_2022", "one_china"), ("EU_77_2022", "one_china"),
])
def test_real_precision_traps_are_not_adoption(real, doc_id, formula_id):
    result, _ = real
    assert formula_id not in matched(result, doc_id)


@pytest.mark.corpus
@pytest.mark.parametrize("doc_id", ["TON_62_2007", "GMB_72_2017", "DMA_74_2019", "SLB_74_2019", "ARE_64_2009"])
def test_real_partners_adhering_to_the_one_china_policy_adopt_one_china(real, doc_id):
    actor, _, year = doc_id.split("_")
    assert "one_china" in adopted(real[1], actor, int(year))


@pytest.mark.corpus
def test_real_only_one_china_in_the_world_matches(real):
    result, _ = real
    assert "one_china" in matched(result, "ALB_18_1963")  # "There is only one China in the world"
    assert "one_china" in matched(result, "CHN_50_1995")  # "There is but one China in the world"


@pytest.mark.corpus
def test_real_chinas_own_early_uses_are_not_anachronistic(real):
    result, _ = real
    m = result.matches
    for doc_id, formula_id in [("CHN_68_2013", "china_solution"), ("CHN_68_2013", "china_wisdom"),
                               ("CHN_68_2013", "justice_interests"), ("CHN_67_2012", "civilizations_mutual_learning"),
                               ("CHN_46_1991", "subsistence_development_primary"), ("CHN_73_2018", "bainian_bianju"),
                               ("CHN_75_2020", "bainian_bianju")]:
        rows = m[(m["doc_id"] == doc_id) & (m["formula_id"] == formula_id)]
        assert len(rows) and not rows["anachronistic"].any(), (doc_id, formula_id)


@pytest.mark.corpus
def test_real_borrowed_and_split_formulae(real):
    result, table = real
    for actor in ("RUS", "BLR"):
        assert "indivisible_security" not in adopted(table, actor, 2022)
    assert "indivisible_security" not in adopted(table, "TZA", 2024)
    assert "cold_war_bloc" not in adopted(table, "IDN", 1978)
    china_2019 = matched(result, "CHN_74_2019")
    assert {"unilateral_sanctions", "long_arm_jurisdiction"} <= china_2019
    assert "bloc_confrontation" in matched(result, "CHN_77_2022")


@pytest.mark.corpus
def test_real_us_eu_statement_keeps_its_own_one_china_policy(corpora):
    path = corpora / "us-joint-statements" / "2023-10-20-u-s-eu-summit-joint-statement.md"
    result = phrasewatch.scan([path], jobs=1)
    assert "one_china" not in set(result.matches["formula_id"])
