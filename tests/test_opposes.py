"""Formulae naming what Beijing opposes (hegemonism, Cold War mentality, unilateral
sanctions …) are adopted only by an act of opposing the thing: condemning, rejecting,
calling for its end, denying it ("is not a zero-sum game"), judging it ("must be
lifted", 不得人心). Naming the thing, or doing it, is not adopting China's critique."""

import pytest

import phrasewatch


def scan_text(*args, **kwargs):
    """The matches table of one text."""
    return phrasewatch.scan_text(*args, **kwargs).matches


def stances(text, formula, **meta):
    rows = scan_text(text, **meta)
    rows = rows[rows["formula_id"] == formula]
    return list(zip(rows["stance"], rows["stance_cue"], strict=True))


SPEECH = {"actor": "KIR", "genre": "general_debate"}


@pytest.mark.parametrize(("text", "formula"), [
    ("We oppose unilateral sanctions and long-arm jurisdiction.", "unilateral_sanctions"),
    ("My country calls once again for the lifting of the unilateral sanctions imposed on its people.", "unilateral_sanctions"),
    ("We urge those countries to lift their unilateral coercive measures without delay.", "unilateral_sanctions"),
    ("These illegal unilateral sanctions hurt the poorest first.", "unilateral_sanctions"),
    ("Unilateral sanctions imposed outside the Charter must be lifted.", "unilateral_sanctions"),
    ("We reject protectionism, unilateralism, hegemonism and power politics in all their forms.", "anti_hegemonism"),
    ("My delegation condemns the double standards applied to small States.", "double_standards"),
    ("Security is not a zero-sum game.", "zero_sum"),
    ("The world must rise above the Cold War mentality.", "cold_war_mentality"),
    ("The Cold War mentality has no place in the twenty-first century.", "cold_war_mentality"),
    ("双方反对单边制裁和“长臂管辖”。", "unilateral_sanctions"),
    ("我们呼吁有关国家立即取消对古巴的单边制裁。", "unilateral_sanctions"),
    ("双方一致同意摒弃冷战思维。", "cold_war_mentality"),
    ("大国关系不是零和博弈。", "zero_sum"),
    ("冷战思维不得人心。", "cold_war_mentality"),
    ("对制造“台湾独立”的一切言行，我们都坚决反对。", "oppose_taiwan_independence"),
    ("要完善反制裁、反“长臂管辖”的法律工具。", "long_arm_jurisdiction"),
    ("这种零和博弈的旧观念早已不合时宜。", "zero_sum"),
    ("我们敦促有关国家停止搞集团政治。", "cold_war_bloc"),
])
def test_an_act_of_opposing_the_thing_adopts_the_formula(text, formula):
    found = stances(text, formula, **SPEECH)
    assert found and {s for s, _ in found} == {"endorse"}, found


@pytest.mark.parametrize(("text", "formula"), [
    # the sanctioning state lifting its own sanctions: no critique of them
    ("We will suspend all unilateral sanctions against Haiti.", "unilateral_sanctions"),
    ("Last year we imposed unilateral sanctions on the junta's leaders.", "unilateral_sanctions"),
    ("We support targeted unilateral sanctions against those responsible.", "unilateral_sanctions"),
    ("We do not oppose unilateral sanctions as such.", "unilateral_sanctions"),
    ("Historians describe the Cold War mentality of the nineteen-fifties.", "cold_war_mentality"),
    ("Trade is often described as a zero-sum game.", "zero_sum"),
    ("我们宣布对该国实施单边制裁。", "unilateral_sanctions"),
    ("该国去年对邻国采取了单边制裁。", "unilateral_sanctions"),
])
def test_naming_or_doing_the_thing_is_not_adopting_the_critique(text, formula):
    found = stances(text, formula, **SPEECH)
    assert [s for s, _ in found] == ["neutral"], found
    assert found[0][1].startswith("no act of opposing")


def test_the_act_governs_a_list_but_not_a_new_clause():
    text = "We oppose protectionism, unilateralism and the zero-sum game, but others impose unilateral sanctions."
    assert stances(text, "zero_sum", **SPEECH)[0][0] == "endorse"
    assert stances(text, "unilateral_sanctions", **SPEECH)[0][0] == "neutral"


def test_china_distancing_the_thing_it_opposes_still_adopts_it():
    rows = stances("答：所谓“小院高墙”，实际上是院子越划越大。", "small_yard_high_fence", actor="CHN", genre="press_remarks")
    assert [s for s, _ in rows] == ["endorse"]


def test_in_news_only_the_author_opposing_in_the_first_person_adopts_it():
    # an agency reporting that Cuba opposes sanctions adopts nothing; the author's
    # own "we reject" in a signed commentary does
    news = {"actor": "AGENCY", "genre": "news"}
    assert stances("Cuba has long opposed unilateral sanctions.", "unilateral_sanctions", **news)[0][0] == "neutral"
    assert stances("Critics say the zero-sum game is back.", "zero_sum", **news)[0][0] == "neutral"
    own = stances("We reject the zero-sum game, whoever plays it.", "zero_sum", actor="THINKTANK", genre="commentary")
    assert own[0][0] == "endorse"


def test_real_speeches_with_and_without_an_act(corpora):
    # UN General Debate sentences: the first names sanctions the speaker's own country
    # is lifting; the second condemns them
    usa = (corpora / "ungdc/TXT/Session 49 - 1994/USA_49_1994.txt").read_text(encoding="utf-8")
    chn_sentence = ("A small number of countries have arbitrarily imposed illegal and unilateral sanctions, "
                    "severely undermining the harmony and stability of international relations.")
    rows = scan_text(usa, actor="USA", genre="general_debate")
    sanctions = rows[rows["formula_id"] == "unilateral_sanctions"]
    suspend = sanctions[sanctions["sentence"].str.contains("suspend all unilateral sanctions")]
    assert list(suspend["stance"]) == ["neutral"]
    assert stances(chn_sentence, "unilateral_sanctions", actor="CHN", genre="general_debate")[0][0] == "endorse"
