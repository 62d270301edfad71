"""Voice, stance and strength: who adopts a formula, and how firmly."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from phrasewatch import scan_text
from phrasewatch.attribution import Speakers, grade_clause, taiwan_grade

JOINT = {"genre": "joint_statement"}


def attributed(text, formula_id=None, **meta):
    rows = scan_text(text, **meta).matches
    if formula_id is not None:
        rows = rows[rows["formula_id"] == formula_id]
    return [tuple(r) for r in rows[["formula_id", "voice", "voice_actors", "stance"]].itertuples(index=False)]


# -- voice ------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "voice", "actors"), [
    ("双方同意共同推动构建人类命运共同体。", "both", "CHN;IDN"),
    ("两国元首一致认为，应践行真正的多边主义。", "both", "CHN;IDN"),
    ("中方阐释了全球发展倡议。", "china", "CHN"),
    ("印尼方支持全球发展倡议。", "partner", "IDN"),
    ("印度尼西亚支持全球发展倡议。", "partner", "IDN"),
    ("The two sides agreed to build a community with a shared future for mankind.", "both", "CHN;IDN"),
    ("The Chinese side elaborated on the Global Development Initiative.", "china", "CHN"),
    ("The Indonesian side supports the Global Development Initiative.", "partner", "IDN"),
    ("Indonesia supports the Global Development Initiative.", "partner", "IDN"),
    ("2. In this regard, the Indonesian side supports the Global Development Initiative.", "partner", "IDN"),
    ("China and Indonesia will jointly build the Belt and Road.", "both", "CHN;IDN"),
])
def test_the_subject_of_a_joint_statement_sentence_gives_the_voice(sentence, voice, actors):
    rows = attributed(sentence, parties="CHN;IDN", actor="CHN;IDN", **JOINT)
    assert rows and all((v, a) == (voice, actors) for _, v, a, _ in rows), rows


def test_a_formula_inside_the_clause_of_another_subject_is_not_china_speaking():
    # 中方 here is inside the object ("the initiatives China proposed"): 哈方 speaks
    rows = attributed("哈方高度评价中方提出的三大全球倡议。", parties="CHN;KAZ", **JOINT)
    assert rows == [("three_global_initiatives", "partner", "KAZ", "endorse")]


def test_an_implicit_subject_carries_over_from_the_sentence_before():
    text = "二、中方介绍了有关情况。哈方高度评价上述成果。支持全球发展倡议，认为全球安全倡议有助于对话。三、双方愿践行真正的多边主义。"
    rows = attributed(text, parties="CHN;KAZ", **JOINT)
    voices = {f: (v, a) for f, v, a, _ in rows}
    assert voices["gdi"] == ("partner", "KAZ")
    assert voices["gsi"] == ("partner", "KAZ")
    assert voices["true_multilateralism"] == ("both", "CHN;KAZ")


def test_an_ambiguous_side_is_resolved_from_the_parties():
    # 阿方 is the UAE in a China–UAE statement, Argentina in a China–Argentina one
    text = "阿方支持共建“一带一路”倡议。"
    assert attributed(text, parties="CHN;ARE", **JOINT)[0][1:3] == ("partner", "ARE")
    assert attributed(text, parties="CHN;ARG", **JOINT)[0][1:3] == ("partner", "ARG")
    assert attributed("巴方支持全球发展倡议。", parties="CHN;PAK", **JOINT)[0][2] == "PAK"
    assert attributed("巴方支持全球发展倡议。", parties="CHN;BRA", **JOINT)[0][2] == "BRA"


def test_a_multilateral_declaration_credits_signatories_a_group_or_a_named_subset():
    parties = "BLR;CHN;IND;IRN;KAZ;RUS"
    text = (
        "The Member States reaffirm their commitment to a community with a shared future for mankind. "
        "Reaffirming their support for China's Belt and Road Initiative, the Republic of Belarus, "
        "the Islamic Republic of Iran, the Republic of Kazakhstan and the Russian Federation note the progress made."
    )
    rows = attributed(text, parties=parties, actor="SCO", genre="declaration")
    assert rows[0] == ("ccdm", "signatories", parties, "endorse")
    assert rows[1] == ("bri", "partner", "BLR;IRN;KAZ;RUS", "endorse")  # India is not among them
    africa = "CHN;KEN;NGA;ZAF"
    rows = attributed("The African side welcomes the Global Development Initiative.", parties=africa, genre="declaration")
    assert rows == [("gdi", "partner", "KEN;NGA;ZAF", "endorse")]


def test_single_author_documents_speak_with_their_author_except_a_journalists_question():
    rows = attributed("We support the Global Development Initiative.", actor="KIR", genre="general_debate")
    assert rows == [("gdi", "author", "KIR", "endorse")]
    text = "问：有学者称中方鼓吹“东升西降”。中方如何评论？\n\n答：所谓“东升西降”并不是中国的政策表述。我们反对冷战思维。"
    rows = attributed(text, actor="CHN", genre="press_remarks")
    assert [(f, v) for f, v, _, _ in rows] == [
        ("dongsheng_xijiang", "other"), ("dongsheng_xijiang", "author"), ("cold_war_mentality", "author"),
    ]


# -- stance -----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "formula", "genre", "stance"), [
    ("Beijing's so-called 'community of common destiny' is vague.", "ccdm", "general_debate", "reject"),
    ('This is what China calls "true multilateralism".', "true_multilateralism", "general_debate", "reject"),
    ("Then there is the \u201cGlobal Security Initiative\u201d, launched last year.", "gsi", "commentary", "reject"),
    ("所谓“人类命运共同体”不过是一句口号。", "ccdm", "commentary", "reject"),
    ("Our government does not endorse the Global Security Initiative.", "gsi", "general_debate", "reject"),
    ("We withdrew from the Belt and Road Initiative last year.", "bri", "general_debate", "reject"),
    ("Italy later withdrew from the Belt and Road Initiative.", "bri", "general_debate", "neutral"),  # reported
    ("It is in favour of negotiations between opposing parties and of non-interference in internal affairs.",
     "non_interference", "general_debate", "endorse"),
    ("China has proposed the Global Development Initiative.", "gdi", "general_debate", "neutral"),
    ("The Global Development Initiative proposed by China deserves study.", "gdi", "general_debate", "endorse"),
    ("We welcome the Global Development Initiative.", "gdi", "general_debate", "endorse"),
    # a speaker's quotes around a name are not scare quotes
    ("We welcome China\u2019s vision of \u201cOne Belt, One Road\u201d.", "bri", "general_debate", "endorse"),
    ("We fought against terrorism to uphold the common values of humanity.", "common_values", "general_debate", "endorse"),
    ("Loans under the Belt and Road Initiative have grown.", "bri", "commentary", "neutral"),  # a mention
])
def test_stance_in_a_non_chinese_authors_text(text, formula, genre, stance):
    rows = attributed(text, formula, actor="KIR", genre=genre)
    assert [s for *_, s in rows] == [stance]


def test_rejecting_what_beijing_opposes_is_adopting_the_formula():
    # hegemonism, Cold War mentality, zero-sum game: opposing the thing is the formula
    for text, formula in [
        ("The two sides oppose hegemonism and power politics.", "anti_hegemonism"),
        ("双方摒弃冷战思维。", "cold_war_mentality"),
        ("We must reject the zero-sum game.", "zero_sum"),
    ]:
        rows = attributed(text, formula, parties="CHN;IDN", **JOINT)
        assert [s for *_, s in rows] == ["endorse"], text
    # China attacking a policy it calls 所谓“小院高墙” is China using its own formula
    rows = attributed("答：所谓“小院高墙”，实际上是院子越划越大。", "small_yard_high_fence", actor="CHN", genre="press_remarks")
    assert [s for *_, s in rows] == ["endorse"]


def test_chinas_own_voice_endorses_and_reported_speech_about_china_is_neutral():
    text = "The Chinese side elaborated on the Global Development Initiative. The Indonesian side noted that China has proposed the Global Security Initiative."
    rows = attributed(text, parties="CHN;IDN", **JOINT)
    assert rows[0] == ("gdi", "china", "CHN", "endorse")
    assert rows[1][1:] == ("partner", "IDN", "neutral")


# -- strength ---------------------------------------------------------------------------

def test_grades_order_the_verbs_of_endorsement_in_both_languages():
    # the order the issue states: supports > welcomes > appreciates > takes note of
    en = ["takes note of", "appreciates", "welcomes", "supports", "firmly supports"]
    zh = ["注意到", "赞赏", "欢迎", "支持", "坚定支持"]
    for words, language in ((en, "en"), (zh, "zh")):
        grades = [grade_clause(f"The other side {w} the" if language == "en" else f"对方{w}", language).value for w in words]
        assert grades == sorted(grades) and len(set(grades)) == len(grades), (language, grades)
    assert grade_clause("The two sides will build a", "en") is None


def test_the_taiwan_scale():
    steps = [
        ("The Netherlands acknowledges the Chinese position", "acknowledges"),
        ("X takes note of the one-China principle", "takes note of"),
        ("X respects the one-China policy", "respects"),
        ("X understands and respects the position", "understands and respects"),
        ("X recognizes that Taiwan is part of China", "recognises"),
        ("X firmly adheres to the one-China principle", "adheres to the one-China principle"),
        ("X opposes any form of Taiwan independence", "opposes Taiwan independence"),
        ("X supports all efforts by China to achieve national reunification", "supports national reunification"),
    ]
    values = [taiwan_grade(s, "en") for s, _ in steps]
    assert [v.name for v in values] == [name for _, name in steps]
    assert [v.value for v in values] == sorted(v.value for v in values)
    assert taiwan_grade("哈方坚定奉行一个中国原则，支持中国政府为实现国家统一所作的一切努力。", "zh").name == "supports national reunification"
    assert taiwan_grade("某国理解并尊重中方立场。", "zh").name == "understands and respects"
    rows = scan_text("The Indonesian side firmly adheres to the one-China principle.", parties="CHN;IDN", **JOINT).matches
    assert rows.loc[0, "strength_name"] == "adheres to the one-China principle"


# -- the seeds, counted by hand ---------------------------------------------------------

def test_seed_joint_statements_credit_each_formula_to_the_side_that_says_it(seed_scan):
    m = seed_scan.matches
    for doc, partner in (("js-chn-idn-2024-zh", "IDN"), ("js-chn-idn-2024-en", "IDN")):
        rows = m[m["doc_id"] == doc]
        voices = rows.groupby("formula_id")["voice_actors"].apply(lambda s: sorted(set(s)))
        assert voices["gdi"] == ["CHN", partner]
        assert voices["gci"] == ["CHN", partner]
        assert voices["gsi"] == ["CHN"]
        assert voices["one_china"] == [partner]
        assert voices["ccdm"] == ["CHN;IDN"]
    kaz = m[m["doc_id"] == "js-chn-kaz-2024-zh"].set_index("formula_id")
    assert kaz.loc["gdi", "voice_actors"] == "KAZ" and pd.isna(kaz.loc["gdi", "subject"])  # implicit subject
    assert kaz.loc["taiwan_part_of_china", "strength_name"] == "supports national reunification"
    critic = m[m["doc_id"] == "cm-thinktank-2023-en"].set_index("formula_id")
    assert set(critic.loc[["ccdm", "true_multilateralism", "gsi"], "stance"]) == {"reject"}


@pytest.fixture(scope="module")
def seed_scan():
    from phrasewatch import scan

    return scan(jobs=1)


# -- properties -------------------------------------------------------------------------

SUBJECTS = {"双方": ("both", "CHN;IDN"), "中方": ("china", "CHN"), "印尼方": ("partner", "IDN"), "": None}
FILLER = ["愿加强各领域合作", "同意继续保持高层交往", "强调应加强人文交流", "欢迎两国企业扩大投资"]
FORMULAE = {"gdi": "全球发展倡议", "gsi": "全球安全倡议", "ccdm": "人类命运共同体", "bri": "“一带一路”"}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(list(SUBJECTS)), st.sampled_from(FILLER),
                          st.one_of(st.none(), st.sampled_from(list(FORMULAE)))), min_size=1, max_size=8))
def test_every_formula_takes_the_voice_of_the_nearest_named_subject(sentences):
    """Whatever the order of sentences, a formula is voiced by the last subject named
    at or before its sentence (双方 at the start of the statement when none is)."""
    text, expected, current = "", [], ("both", "CHN;IDN")
    for subject, filler, formula in sentences:
        if SUBJECTS[subject] is not None:
            current = SUBJECTS[subject]
        tail = f"，支持{FORMULAE[formula]}" if formula else ""
        text += f"{subject}{filler}{tail}。"
        if formula:
            expected.append((formula, *current))
    rows = scan_text(text, parties="CHN;IDN", **JOINT).matches
    assert [tuple(r) for r in rows[["formula_id", "voice", "voice_actors"]].itertuples(index=False)] == expected


def test_speakers_reads_offsets_of_the_raw_text():
    text = "一、双方同意：\n——中方介绍了全球安全倡议；\n——印尼方欢迎全球文明倡议。"
    speakers = Speakers(text, language="zh", parties="CHN;IDN", genre="joint_statement")
    gsi = text.index("全球安全倡议")
    gci = text.index("全球文明倡议")
    assert speakers.attribute(gsi, gsi + 6)[0].label == "china"
    assert speakers.attribute(gci, gci + 6)[0].actors == ("IDN",)


def test_traditional_characters_are_read_like_simplified_ones():
    text = "雙方同意推動構建人類命運共同體。中方闡釋了全球發展倡議。印尼方歡迎全球文明倡議。"
    rows = attributed(text, parties="CHN;IDN", **JOINT)
    assert [(f, v, a) for f, v, a, _ in rows] == [
        ("ccdm", "both", "CHN;IDN"), ("gdi", "china", "CHN"), ("gci", "partner", "IDN"),
    ]
    grade = scan_text("印尼方歡迎全球文明倡議。", parties="CHN;IDN", **JOINT).matches.loc[0, "strength_name"]
    assert grade == "welcomes"
    # a commentator reporting what the head of state announced is not endorsing it:
    # the words are the head of state's, China's
    rows = attributed("國家主席宣布支持共建「一帶一路」的八項行動。", actor="HKMEDIA", genre="commentary")
    assert rows == [("bri", "quoted", "CHN", "endorse")]
    rows = attributed("所謂「人類命運共同體」不過是口號。", actor="X", genre="commentary")
    assert [s for *_, s in rows] == ["reject"]


@pytest.mark.parametrize(("text", "formula", "stance"), [
    # condemning an attack on a principle upholds the principle
    ("We strongly condemn this aggression, a flagrant violation of the sovereignty and territorial integrity of our country.",
     "sovereignty_integrity", "endorse"),
    # (reported: the sentence's subject is another state)
    ("Israel, refusing to withdraw from the occupied territories, has stepped up its violation of the sovereignty and "
     "territorial integrity of Lebanon.", "sovereignty_integrity", "neutral"),
    # a rejecting word far from the formula governs something else
    ("They can find the road to friendship by rejecting any idea of hegemony and by establishing relations based on "
     "equality and mutual respect.", "mutual_respect", "endorse"),
    ("We reject any attempt to deny the principle of mutual respect.", "mutual_respect", "endorse"),
    # a new clause with its own verb ends the rejecting word's reach, even when that
    # verb is the formula's first word; a list does not
    ("We should oppose hegemonism and power politics, and make international relations more democratic.",
     "democratization_ir", "endorse"),
    ("We oppose protectionism, and build a community with a shared future for mankind.", "ccdm", "endorse"),
    ("We oppose protectionism, unilateralism and the Belt and Road Initiative.", "bri", "reject"),
    ("我们反对民族分裂，维护祖国统一。", "national_reunification", "endorse"),
    ("我们反对一带一路倡议。", "bri", "reject"),
])
def test_rejecting_words_aimed_elsewhere_do_not_reject_the_formula(text, formula, stance):
    rows = attributed(text, formula, actor="KIR", genre="general_debate")
    assert [s for *_, s in rows] == [stance], rows


def test_distancing_words_count_only_right_before_the_formula():
    # 所谓 quotes the first formula; the second, later in the sentence, is not distanced
    rows = attributed("北京反复推销所谓“人类命运共同体”，并把它作为新时代外交的总目标。", actor="X", genre="commentary")
    assert dict((f, s) for f, _, _, s in rows) == {"ccdm": "reject", "new_era": "neutral"}


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["问", "答", "記者", "发言人", "Q", "A", "Question", "Answer", "：", ":", " ", "\t", "\n",
                                 "\n\n", "中方", "text", "x"]), max_size=40).map("".join))
def test_questions_are_found_from_line_breaks_as_the_line_start_pattern_finds_them(text):
    from phrasewatch.attribution.voice import _QUESTION, _questions_in

    assert _questions_in(text) == [(m.start(), m.lastgroup == "q", m.group(0).strip()) for m in _QUESTION.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["supports ", "Firmly ", "backs", " the ", "welcome", "note", "notes ", "stand ready",
                                 "支持", "坚定", "欢迎", "注意", "積極", "參與", "推动", "的", "，", "x"]), max_size=12).map("".join),
       st.sampled_from(["en", "zh"]))
def test_a_clause_without_any_grade_verb_is_told_so_by_one_search_with_the_same_grade(before, language):
    from phrasewatch.attribution.strength import _GENERAL, _nearest, grade_clause

    assert grade_clause(before, language) == _nearest(before, _GENERAL[language])
