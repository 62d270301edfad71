"""News, analysis and op-eds read as what they are: the agency or the analyst adopts
nothing it reports, the people it quotes speak for themselves (China's words count as
China's), a government's op-ed speaks in its own voice, and a formula glossed in the
other language is one use. Documents written for the project (fictional)."""

import pandas as pd
import pytest
import yaml
from click.testing import CliRunner

import phrasewatch
from phrasewatch.cli import main
from phrasewatch.score.adoption import credited_matches
from tests.conftest import FIXTURES


def scan_text(*args, **kwargs):
    """The matches table of one text."""
    return phrasewatch.scan_text(*args, **kwargs).matches


WIRE_EN = """\
Xi pledges more support for Africa as summit opens
BEIJING, Sept 4 (Reuters) - Chinese President Xi Jinping told African leaders on Wednesday that China would "work with Africa to build an all-weather China-Africa community with a shared future" and offered new credit lines.
Kenyan President William Ruto said his country "supports the Global Development Initiative" and wanted Chinese investment in ports.
"Kenya welcomes the Global Security Initiative," Ruto said, adding that Nairobi would also keep its Western partnerships.
The Belt and Road Initiative has financed railways across the region, but lending has slowed since 2019, according to figures compiled by a U.S. university.
Analysts said the Global Civilization Initiative had drawn little interest in African capitals.
(Reporting by Ann Lee; Editing by Tom Hart)
"""

WIRE_ZH = """\
新华社北京9月4日电（记者李文）国家主席习近平4日在人民大会堂会见来华出席峰会的南非总统拉马福萨。
习近平指出，中方愿同南方一道，推动构建高水平中非命运共同体。
拉马福萨表示，南非支持全球发展倡议，愿同中方深化共建“一带一路”合作。
"""

COMMENTARY_ZH = """\
评论：北京的外交新词为何难以落地
近年来，北京大力推销所谓“人类命运共同体”，并把“全球安全倡议”包装成解决地区冲突的良方。
然而，北京推销的“全球发展倡议”至今缺乏清晰的资金安排，不少发展中国家只是“注意到”这一倡议。
笔者认为，中共宣传的“一带一路”成就，很大程度上是一厢情愿。
分析人士指出，在联合国场合，这些提法往往只出现在中方主导起草的文件中。
"""

OP_ED_EN = """\
Pakistan and China: a partnership for the next decade
By Ahmed Raza Khan, Minister for Planning and Development of Pakistan
Ten years after the China-Pakistan Economic Corridor began, its power plants light our cities.
Pakistan firmly supports the Belt and Road Initiative, of which the corridor is the flagship.
We also welcome the Global Development Initiative, which puts poverty reduction and industrialisation at the centre of the international agenda.
My government will make the next phase of the corridor about jobs and training.
"""

THINK_TANK_EN = """\
Counting Beijing's Words: Initiatives and Their Endorsers
Executive Summary
This paper examines how partner governments take up the PRC's diplomatic vocabulary (Xinhua, September 22, 2021).
The Global Development Initiative (全球发展倡议) was announced at the UN General Assembly in 2021; the Global Security Initiative (GSI, 全球安全倡议) followed in April 2022 (FMPRC, April 21, 2022).
Both are presented as building blocks of a "community with a shared future for mankind" (人类命运共同体), Beijing's overarching slogan.
The so-called Global Civilization Initiative is the least specific of the three.
Xi also promoted the Belt and Road Initiative at every summit he attended that year.
We find that few governments go beyond "taking note" of the initiatives.[1]
Notes
[1] The authors counted the verbs in 120 joint statements.
"""


def _voices(frame, formula):
    rows = frame[frame["formula_id"] == formula]
    return [(r.voice, r.voice_actors if isinstance(r.voice_actors, str) else None, r.stance) for r in rows.itertuples()]


@pytest.fixture(scope="module")
def scanned(tmp_path_factory, lexicon):
    folder = tmp_path_factory.mktemp("reading")
    for name, text in {"wire_en": WIRE_EN, "wire_zh": WIRE_ZH, "commentary_zh": COMMENTARY_ZH, "op_ed_en": OP_ED_EN,
                       "think_tank_en": THINK_TANK_EN}.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    result = phrasewatch.scan([folder], lexicon=lexicon)
    return result, {d: result.matches[result.matches["doc_id"] == d] for d in result.documents["doc_id"]}


def test_a_wire_story_credits_the_people_it_quotes_and_the_agency_adopts_nothing(scanned):
    result, docs = scanned
    wire = docs["wire_en"]
    assert result.documents.set_index("doc_id").loc["wire_en", "genre"] == "news"
    # Xi quoted: China's words
    assert _voices(wire, "china_africa_ccsf") == [("quoted", "CHN", "endorse")]
    # a quoted African leader: his country's words, before and after the quotation
    assert _voices(wire, "gdi") == [("quoted", "KEN", "endorse")]
    assert _voices(wire, "gsi") == [("quoted", "KEN", "endorse")]
    speakers = dict(zip(wire["formula_id"], wire["speaker"], strict=True))
    assert "Xi Jinping" in speakers["china_africa_ccsf"] and speakers["gsi"] == "Ruto"
    # the agency's own sentences and unnamed analysts: nobody adopts anything
    assert _voices(wire, "bri") == [("author", None, "neutral")]
    assert [(v, a) for v, a, _ in _voices(wire, "gci")] == [("quoted", None)]
    adopted = phrasewatch.adoption(result.matches, result.documents, by=["actor"])
    wire_actors = set(credited_matches(wire, result.documents)["actor"])
    assert wire_actors == {"CHN", "KEN"}
    assert set(adopted[adopted["adopted"]]["actor"]) >= {"CHN", "KEN"}


def test_a_chinese_wire_story_credits_xi_to_china_and_the_visiting_leader_to_his_country(scanned):
    _, docs = scanned
    wire = docs["wire_zh"]
    assert _voices(wire, "china_africa_ccsf") == [("quoted", "CHN", "endorse")]
    assert _voices(wire, "gdi") == [("quoted", "ZAF", "endorse")]
    assert _voices(wire, "bri") == [("quoted", "ZAF", "endorse")]


def test_a_chinese_commentary_rejects_or_reports_and_never_endorses(scanned):
    result, docs = scanned
    commentary = docs["commentary_zh"]
    assert result.documents.set_index("doc_id").loc["commentary_zh", "genre"] == "analysis"
    stances = dict(zip(commentary["formula_id"], commentary["stance"], strict=True))
    assert stances["ccdm"] == "reject"  # 所谓
    assert stances["gdi"] == "reject"  # 北京推销的
    assert stances["bri"] == "reject"  # 一厢情愿
    assert stances["gsi"] in ("neutral", "reject")  # 包装成
    assert set(commentary["voice"]) == {"author"} and set(commentary["stance"]) <= {"neutral", "reject"}


def test_an_op_ed_by_a_partner_government_is_its_own_voice(scanned):
    result, docs = scanned
    doc = result.documents.set_index("doc_id").loc["op_ed_en"]
    assert (doc["genre"], doc["actor"], doc["actor_source"]) == ("op_ed", "PAK", "text")
    op_ed = docs["op_ed_en"]
    assert _voices(op_ed, "bri") == [("author", "PAK", "endorse")]
    assert _voices(op_ed, "gdi") == [("author", "PAK", "endorse")]
    assert set(op_ed.set_index("formula_id").loc[["bri", "gdi"], "strength_name"]) == {"firmly supports", "welcomes"}


def test_a_chinese_op_ed_by_an_ambassador_is_his_governments_voice(tmp_path, lexicon):
    text = next(d["text"] for d in yaml.safe_load((FIXTURES / "genres.yaml").read_text(encoding="utf-8"))
                if d["id"] == "op_ed-zh-1")
    (tmp_path / "op_ed.txt").write_text(text, encoding="utf-8")
    result = phrasewatch.scan([tmp_path], lexicon=lexicon)
    doc = result.documents.iloc[0]
    assert (doc["genre"], doc["actor"]) == ("op_ed", "PAK")
    m = result.matches
    assert _voices(m, "bri") == [("author", "PAK", "endorse")]
    assert _voices(m, "gdi") == [("author", "PAK", "endorse")]


def test_the_command_counts_a_gloss_once_unless_asked(tmp_path):
    (tmp_path / "paper.txt").write_text(THINK_TANK_EN, encoding="utf-8")
    once = CliRunner().invoke(main, ["score", str(tmp_path), "--table", "mentions", "--by", "", "--no-progress"])
    twice = CliRunner().invoke(main, ["score", str(tmp_path), "--table", "mentions", "--by", "", "--include-glosses",
                                      "--no-progress"])
    assert once.exit_code == 0 and twice.exit_code == 0, once.output
    count = {line.split()[0]: int(line.split()[1]) for line in once.stdout.splitlines()[1:]}
    count_both = {line.split()[0]: int(line.split()[1]) for line in twice.stdout.splitlines()[1:]}
    assert count["gdi"] == 1 and count_both["gdi"] == 2


def test_the_same_op_ed_by_an_analyst_adopts_nothing():
    # what makes an op-ed its author's own voice is a state as its author
    rows = scan_text("Pakistan firmly supports the Belt and Road Initiative.", actor="THINKTANK", genre="op_ed")
    assert rows.loc[0, "stance"] == "neutral"
    rows = scan_text("Pakistan firmly supports the Belt and Road Initiative.", actor="PAK", genre="op_ed")
    assert rows.loc[0, "stance"] == "endorse"


def test_a_think_tank_paper_with_glosses_counts_each_glossed_pair_once(scanned):
    result, docs = scanned
    paper = docs["think_tank_en"]
    assert result.documents.set_index("doc_id").loc["think_tank_en", "genre"] == "analysis"
    glosses = paper[paper["gloss_of"].notna()]
    assert sorted(glosses["formula_id"]) == ["ccdm", "gdi", "gsi"]
    for row in glosses.itertuples():
        first = paper[paper["start"] == row.gloss_of].iloc[0]
        assert first["formula_id"] == row.formula_id and first["language"] != row.language
        assert (first["voice"], first["stance"]) == (row.voice, row.stance)
    # one use each: the mentions table counts the pair once, or twice when asked
    mentions = phrasewatch.score(paper, result.documents, by=[]).set_index("formula_id")["count"]
    both = phrasewatch.score(paper, result.documents, by=[], include_glosses=True).set_index("formula_id")["count"]
    assert (mentions["gdi"], mentions["gsi"], mentions["ccdm"]) == (1, 1, 1)
    assert (both["gdi"], both["gsi"], both["ccdm"]) == (2, 2, 2)
    # the analyst adopts none of it: reported, distanced or in scare quotes
    stances = dict(zip(paper[paper["gloss_of"].isna()]["formula_id"], paper[paper["gloss_of"].isna()]["stance"], strict=True))
    assert stances == {"gdi": "neutral", "gsi": "neutral", "ccdm": "reject", "gci": "reject", "bri": "neutral"}


def test_a_gloss_needs_the_other_language_and_only_punctuation_between():
    rows = scan_text("人类命运共同体——community with a shared future for mankind——是中方提出的。")
    assert list(rows["gloss_of"].notna()) == [False, True]
    # the same language twice is two uses; so is a gloss far away
    rows = scan_text("The Global Development Initiative (the GDI) and the Global Development Initiative again.")
    assert rows["gloss_of"].isna().all()
    rows = scan_text("The Global Development Initiative was launched in 2021 and later 全球发展倡议 was praised.")
    assert rows["gloss_of"].isna().all()


def test_he_said_is_the_last_person_named_and_a_scholar_is_no_state():
    text = ("Foreign Minister Wang Yi met his Brazilian counterpart on Monday. "
            "He said the two countries should \"practise true multilateralism\". "
            "A Brazilian scholar said the Global Development Initiative was \"worth studying\".")
    rows = scan_text(text, genre="news", actor="AGENCY").set_index("formula_id")
    assert (rows.loc["true_multilateralism", "voice"], rows.loc["true_multilateralism", "voice_actors"]) == ("quoted", "CHN")
    assert rows.loc["true_multilateralism", "speaker"] == "He"
    assert (rows.loc["gdi", "voice"], rows.loc["gdi", "speaker"]) == ("quoted", "A Brazilian scholar")
    assert pd.isna(rows.loc["gdi", "voice_actors"])


def test_a_negated_support_in_reported_words_is_not_support():
    for text in ("Indonesian Foreign Minister Retno Marsudi said Jakarta had not joined the Global Security Initiative.",
                 "印尼外长蕾特诺说，印尼尚未加入全球安全倡议。"):
        rows = scan_text(text, genre="news", actor="AGENCY")
        assert (rows.loc[0, "voice"], rows.loc[0, "voice_actors"], rows.loc[0, "stance"]) == ("quoted", "IDN", "reject"), text


def test_a_description_of_what_china_does_is_not_speech():
    rows = scan_text("Beijing launched the Global Development Initiative in 2021, and Xi also promoted the Global Security "
                     "Initiative.", genre="news", actor="AGENCY")
    assert set(rows["voice"]) == {"author"} and set(rows["stance"]) == {"neutral"}
    rows = scan_text("北京提出的“全球发展倡议”和中共宣传的“全球文明倡议”都缺乏细节。", genre="analysis", actor="X")
    assert set(rows["voice"]) == {"author"} and set(rows["stance"]) == {"neutral"}


def test_speeches_and_statements_keep_their_authors_voice_when_they_quote():
    # a speaker quoting Xi approvingly in a UN speech adopts the words: unchanged
    rows = scan_text('As President Xi Jinping said, "we must build a community with a shared future for mankind".',
                     actor="KIR", genre="general_debate")
    assert (rows.loc[0, "voice"], rows.loc[0, "voice_actors"], rows.loc[0, "stance"]) == ("author", "KIR", "endorse")


@pytest.mark.corpus
def test_the_analysts_articles_adopt_nothing(corpora):
    seeds = corpora.parent / "seeds"
    result = phrasewatch.scan([seeds])
    m = result.matches
    assert set(result.documents["genre"]) <= {"news", "analysis"}
    # every match in the authors' own voice is neutral or reject
    own = m[m["voice"] == "author"]
    assert len(own) and set(own["stance"]) <= {"neutral", "reject"}
    # the words they quote belong to China (Xi) or to no state (a scholar)
    quoted = m[m["voice"] == "quoted"]
    assert set(quoted["voice_actors"].dropna()) <= {"CHN"}
    adopted = phrasewatch.adoption(m, result.documents, by=["actor"])
    assert set(adopted[adopted["adopted"]]["actor"]) <= {"CHN"}
    # the glossed pairs are one use each: "Global Development Initiative (全球发展倡议)" …
    glosses = m[m["gloss_of"].notna()]
    assert len(glosses) >= 5
    for row in glosses.itertuples():
        first = m[(m["doc_id"] == row.doc_id) & (m["start"] == row.gloss_of)].iloc[0]
        assert first["formula_id"] == row.formula_id and first["language"] == "en" and row.language == "zh"
    counted = phrasewatch.score(m, result.documents, by=[])
    assert counted["count"].sum() == len(m) - len(glosses)
    print(f"\nseeds: {len(m)} matches, {len(glosses)} glosses; author {own['stance'].value_counts().to_dict()}; "
          f"quoted {quoted[['voice_actors', 'stance']].fillna('-').value_counts().to_dict()}")


def test_the_seeds_scan_is_unchanged_for_joint_statements_and_speeches(lexicon):
    # the bundled seeds carry their genres: voice and stance of the statements as before
    result = phrasewatch.scan(lexicon=lexicon)
    m = result.matches
    js = m[m["doc_id"] == "js-chn-idn-2024-en"]
    assert set(js["voice"]) <= {"both", "china", "partner"}
    assert "quoted" not in set(m[m["genre"].isin(["joint_statement", "general_debate", "declaration"])]["voice"])
