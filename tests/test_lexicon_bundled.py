"""The bundled ccdm lexicon: the ids others rely on, both languages for every formula,
and every example sentence run through the matcher, entry by entry."""

import pytest

import phrasewatch
from phrasewatch import Matcher, normalize
from phrasewatch.attribution import china_voice
from phrasewatch.lexicon import KINDS

REQUIRED_IDS = {
    "ccdm": "人类命运共同体", "china_africa_ccsf": "中非命运共同体", "regional_ccsf": "命运共同体",
    "cyberspace_ccsf": "网络空间命运共同体", "health_community": "人类卫生健康共同体",
    "bainian_bianju": "百年未有之大变局", "dongsheng_xijiang": "东升西降", "gdi": "全球发展倡议",
    "gsi": "全球安全倡议", "gci": "全球文明倡议", "ggi": "全球治理倡议", "bri": "一带一路",
    "new_type_ir": "新型国际关系", "new_major_country": "新型大国关系", "true_multilateralism": "真正的多边主义",
    "common_values": "全人类共同价值", "win_win": "共赢", "gongshang": "共商共建共享",
    "csc_security": "共同、综合、合作、可持续的安全观", "indivisible_security": "安全不可分割",
    "democratization_ir": "国际关系民主化", "one_china": "一个中国原则",
    "taiwan_part_of_china": "台湾是中国领土不可分割的一部分", "five_principles": "和平共处五项原则",
    "anti_hegemonism": "霸权主义和强权政治", "cold_war_mentality": "冷战思维", "zero_sum": "零和",
    "wppd": "全过程人民民主", "chinese_modernization": "中国式现代化", "china_solution": "中国方案",
    "rejuvenation": "中华民族伟大复兴", "xi_thought": "习近平新时代中国特色社会主义思想",
    "people_centred": "以人民为中心", "right_to_development": "发展权", "hr_mutual_benefit": "在人权领域促进合作共赢",
    "south_south": "南南合作", "cold_war_bloc": "集团政治", "small_yard_high_fence": "小院高墙",
    "decoupling": "脱钩断链", "unilateral_sanctions": "单边制裁", "long_arm_jurisdiction": "长臂管辖",
    "bloc_confrontation": "阵营对抗",
}
OPPOSES = {"anti_hegemonism", "cold_war_mentality", "zero_sum", "cold_war_bloc", "small_yard_high_fence",
           "decoupling", "unilateral_sanctions", "long_arm_jurisdiction", "bloc_confrontation"}

LEXICON = phrasewatch.load_lexicon()
MATCHER = Matcher(LEXICON, kinds=KINDS)


def test_required_ids_exist_with_their_chinese():
    for formula_id, chinese in REQUIRED_IDS.items():
        assert formula_id in LEXICON, formula_id
        forms = " ".join(LEXICON[formula_id].forms("zh"))
        assert chinese in forms, (formula_id, forms)


def test_at_least_80_formulae_each_in_both_languages():
    formulae = [f for f in LEXICON if f.kind == "formula"]
    assert len(formulae) >= 80
    for f in LEXICON:
        assert f.zh_canonical and f.forms("en"), f.id


def test_opposed_formulae_are_marked():
    assert OPPOSES <= {f.id for f in LEXICON if f.opposes}


def test_parents_point_to_the_broader_formula():
    assert LEXICON["china_africa_ccsf"].parent == "ccdm"
    assert LEXICON["regional_ccsf"].parent == "ccdm"


def test_reinterpreted_words_carry_context_cues():
    words = [f for f in LEXICON if f.kind == "reinterpreted"]
    assert words
    for f in words:
        assert f.context.get("en") and f.context.get("zh"), f.id


@pytest.mark.parametrize("formula_id", LEXICON.ids)
def test_examples(formula_id):
    formula = LEXICON[formula_id]
    for language in ("en", "zh"):
        assert formula.example_texts("match", language), f"{formula_id} has no {language} example"
        for expectation in ("match", "no_match"):
            for sentence, meta in formula.example_items(expectation, language):
                # read with the example's metadata: who speaks licenses some short forms
                voice = china_voice(sentence, language=language, actor=meta.get("actor"),
                                    parties=meta.get("parties"), genre=meta.get("genre"))
                found = [m.formula_id for m in MATCHER(normalize(sentence), voice=voice)]
                assert (formula_id in found) == (expectation == "match"), (language, sentence, found)


def test_lexicon_check_is_clean():
    errors = [str(p) for p in phrasewatch.check_lexicon() if p.severity == "error"]
    assert errors == []


# --- every phrase of the lexicon survives what documents do to it ---------------------

import opencc  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

# fixed phrases that count anywhere (phrases with gaps and short forms: tests/test_recall.py)
_KEYED = [(p.formula_id, p.language, key) for p, key in MATCHER.keyed if not p.blocker and p.literal and p.licence is None]
# a phrase that, alone, is another formula's (a lexicon check error) is not asked for
_FINDABLE = [k for k in _KEYED if k[0] in {m.formula_id for m in MATCHER(normalize(k[2]))}]
_s2t = opencc.OpenCC("s2t")


@st.composite
def disguised(draw):
    formula_id, language, key = draw(st.sampled_from(_FINDABLE))
    if language == "en":
        words = []
        for word in key.split(" "):
            word = draw(st.sampled_from([word, word.upper(), word.title()]))
            if len(word) > 4 and word.isalpha() and draw(st.booleans()):
                cut = draw(st.integers(1, len(word) - 1))
                word = word[:cut] + "-\n" + word[cut:]
            words.append(word)
        seps = [draw(st.sampled_from([" ", "\n", "  \n"])) for _ in words[1:]]
        body = words[0] + "".join(s + w for s, w in zip(seps, words[1:], strict=True))
        left, right = draw(st.sampled_from([("", ""), ("\u201c", "\u201d"), ("'", "'")]))
        return formula_id, f"Qwerty {left}{body}{right}, qwerty."
    chars = []
    for i, c in enumerate(key):
        chars.append(_s2t.convert(c) if draw(st.booleans()) else c)
        beside_han = not (c.isascii() and key[i + 1:i + 2].isascii())  # no break inside "21"
        if beside_han:
            chars.append(draw(st.sampled_from(["", "", " ", "\n"])))
    left, right = draw(st.sampled_from([("", ""), ("\u201c", "\u201d"), ("\u300c", "\u300d")]))
    return formula_id, f"甲乙{left}{''.join(chars).rstrip()}{right}。"


@settings(max_examples=500, deadline=None)
@given(disguised())
def test_every_lexicon_phrase_survives_wrapping_case_quotes_and_traditional_characters(case):
    formula_id, text = case
    assert formula_id in [m.formula_id for m in MATCHER(normalize(text))], text
