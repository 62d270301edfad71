"""Two readouts of one meeting, compared: the formula China's readout says the partner
supports and the partner's own readout leaves out. Readouts written for the project
(fictional), one in Chinese and one in English: the lexicon's ids meet across languages."""

import pandas as pd
import pytest
from click.testing import CliRunner

import phrasewatch
from phrasewatch.cli import main
from phrasewatch.compare import compare_matches

CHINA_READOUT = """\
---
actor: CHN
date: 2024-10-17
---
习近平同肯尼亚总统鲁托会谈
10月17日下午，国家主席习近平在北京人民大会堂同来华进行国事访问的肯尼亚总统鲁托举行会谈。
习近平指出，中肯是好朋友、好伙伴。中方愿同肯方一道，推动构建高水平中非命运共同体。
鲁托表示，肯方坚定奉行一个中国原则，支持全球发展倡议，愿同中方深化共建“一带一路”合作。
会谈后，两国元首共同见证签署多项合作文件。
"""

KENYA_READOUT = """\
---
actor: KEN
date: 2024-10-17
---
President Ruto holds talks with President Xi Jinping
President William Ruto today held bilateral talks with President Xi Jinping of the People's Republic of China in Beijing.
The two leaders discussed investment in roads, energy and agriculture.
President Ruto said Kenya would deepen cooperation with China under the Belt and Road Initiative, with a focus on value addition and jobs.
He reaffirmed Kenya's adherence to the one China policy.
"""


@pytest.fixture
def readouts(tmp_path):
    a, b = tmp_path / "china_readout.md", tmp_path / "kenya_readout.md"
    a.write_text(CHINA_READOUT, encoding="utf-8")
    b.write_text(KENYA_READOUT, encoding="utf-8")
    return a, b


def test_both_documents_are_read_as_readouts(readouts):
    for path in readouts:
        doc = phrasewatch.scan([path]).documents.iloc[0]
        assert (doc["genre"], doc["genre_source"]) == ("readout", "text")


def test_the_formula_only_china_reports_is_listed_with_both_sides(readouts):
    table = phrasewatch.compare(*readouts)
    rows = {(r["formula_id"], r["actor"]): r for r in table.to_dict("records")}
    gdi = rows[("gdi", "KEN")]
    assert gdi["difference"] == "only in A"
    assert (gdi["a_voice"], gdi["a_voice_actors"], gdi["a_stance"], gdi["a_strength_name"]) == ("quoted", "KEN", "endorse", "supports")
    assert "全球发展倡议" in gdi["a_sentence"] and pd.isna(gdi["b_stance"])
    # Kenya's own readout speaks of a one-China policy, not China's principle
    assert rows[("one_china", "KEN")]["difference"] == "only in A"
    # Xi's words are China's, and only China's readout gives them
    assert rows[("china_africa_ccsf", "CHN")]["difference"] == "only in A"
    # both give the Belt and Road, credited to Kenya on both sides (across languages)
    assert ("bri", "KEN") not in rows
    everything = phrasewatch.compare(*readouts, include_same=True)
    bri = everything[(everything["formula_id"] == "bri") & (everything["actor"] == "KEN")].iloc[0]
    assert bri["difference"] == "same"
    assert (bri["a_voice"], bri["b_voice"], bri["b_speaker"]) == ("quoted", "quoted", "President Ruto")


def test_a_weaker_verb_on_one_side_is_listed():
    a = phrasewatch.scan_text("The Kenyan side firmly supports the Global Development Initiative.",
                              parties="CHN;KEN", genre="joint_statement").matches
    b = phrasewatch.scan_text("The Kenyan side takes note of the Global Development Initiative.",
                              parties="CHN;KEN", genre="joint_statement").matches
    table = compare_matches(a, b)
    assert table[["formula_id", "actor", "difference", "a_strength_name", "b_strength_name"]].values.tolist() == [
        ["gdi", "KEN", "weaker in B", "firmly supports", "takes note of"]]
    assert compare_matches(b, a)["difference"].tolist() == ["weaker in A"]
    assert compare_matches(a, a).empty


def test_the_command_prints_each_difference_with_both_sides(readouts):
    result = CliRunner().invoke(main, ["compare", *map(str, readouts)])
    assert result.exit_code == 0, result.output
    assert "gdi · KEN: only in china_readout.md" in result.output
    assert "kenya_readout.md: absent" in result.output


def test_the_command_refuses_a_side_with_no_document(readouts, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", str(readouts[0]), str(empty)])
    assert result.exit_code == 2
    assert "B:" in result.output
