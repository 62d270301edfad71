"""Adoption scoring: credited to the voice, endorsements only, traceable to sentences."""

from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner

import phrasewatch
from phrasewatch.cli import main
from phrasewatch.score.adoption import credited_matches, group_totals

STATEMENT_ZH = """中华人民共和国和印度尼西亚共和国联合声明

一、中方阐释了全球发展倡议和全球安全倡议。印尼方支持全球发展倡议，注意到全球安全倡议。
二、双方同意推动构建人类命运共同体。
"""
SPEECH_2023 = "We firmly support the Global Development Initiative and the Belt and Road Initiative."
SPEECH_1995 = "We call for true multilateralism in this Organization."
CRITIC = "Jakarta should not echo Beijing's so-called 'community of common destiny'."


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("adoption")
    (folder / "CHN_IDN_2024-05-20_zh.txt").write_text(STATEMENT_ZH, encoding="utf-8")
    (folder / "KIR_78_2023.txt").write_text(SPEECH_2023, encoding="utf-8")
    (folder / "IND_50_1995.txt").write_text(SPEECH_1995, encoding="utf-8")
    (folder / "critic.md").write_text(f"---\nactor: THINKTANK\ngenre: commentary\ndate: 2024-01-10\n---\n{CRITIC}\n", encoding="utf-8")
    (folder / "metadata.csv").write_text("file,genre\nCHN_IDN_2024-05-20_zh.txt,joint_statement\n", encoding="utf-8")
    return phrasewatch.scan([folder], jobs=1), folder


def rows(table, **where):
    for column, value in where.items():
        table = table[table[column] == value]
    return table


def test_a_partner_adopts_only_what_it_says_itself(corpus):
    result, _ = corpus
    table = phrasewatch.adoption(result.matches, result.documents, lexicon=result.lexicon)
    idn = rows(table, actor="IDN").set_index("formula_id")
    assert idn.loc["gdi", "adopted"] and idn.loc["gdi", "count"] == 1
    assert idn.loc["gdi", "strongest_name"] == "supports"
    assert idn.loc["ccdm", "adopted"]  # 双方: both sides say it
    # the GSI: China elaborated it, Indonesia only took note of it
    assert idn.loc["gsi", "strongest_name"] == "takes note of"
    chn = rows(table, actor="CHN").set_index("formula_id")
    assert chn.loc["gsi", "count"] == 1 and chn.loc["gdi", "count"] == 1


def test_the_naive_document_count_is_an_option(corpus):
    result, _ = corpus
    table = phrasewatch.adoption(result.matches, result.documents, include_china_voice=True)
    idn = rows(table, actor="IDN").set_index("formula_id")
    assert idn.loc["gdi", "count"] == 2  # China's sentence now counts for Indonesia too
    assert idn.loc["gsi", "count"] == 2


def test_critics_and_anachronisms_are_not_adoption(corpus):
    result, _ = corpus
    table = phrasewatch.adoption(result.matches, result.documents)
    critic = rows(table, actor="THINKTANK", formula_id="ccdm").iloc[0]
    assert not critic["adopted"] and critic["rejections"] == 1 and critic["mentions"] == 1
    assert rows(table, actor="IND").empty  # 1995: before "true multilateralism" existed
    with_old = phrasewatch.adoption(result.matches, result.documents, include_anachronistic=True)
    assert rows(with_old, actor="IND", formula_id="true_multilateralism")["adopted"].tolist() == [True]


def test_rates_shares_and_the_weighted_index(corpus):
    result, _ = corpus
    docs = result.documents.set_index("doc_id")
    table = phrasewatch.adoption(result.matches, result.documents, lexicon=result.lexicon)
    kir = rows(table, actor="KIR", formula_id="gdi").iloc[0]
    assert kir["documents_total"] == 1 and kir["share"] == 1.0
    assert kir["rate_per_10k"] == pytest.approx(10_000 / docs.loc["KIR_78_2023", "tokens"])
    assert kir["strongest_name"] == "firmly supports"
    index = phrasewatch.adoption_index(table).set_index("actor")
    expected = sum(result.lexicon[f].effective_weight for f in ("gdi", "bri"))
    assert index.loc["KIR", "index"] == pytest.approx(expected)
    custom = phrasewatch.adoption(result.matches, result.documents, lexicon=result.lexicon, weights={"gdi": 3.0})
    assert phrasewatch.adoption_index(custom).set_index("actor").loc["KIR", "index"] == pytest.approx(
        3.0 + result.lexicon["bri"].effective_weight)


def test_first_adoption_lag_and_diffusion(corpus):
    result, _ = corpus
    first = phrasewatch.first_adoption(result.matches, result.documents, lexicon=result.lexicon)
    gdi = first[first["formula_id"] == "gdi"].set_index("actor")
    assert gdi.loc["KIR", "first_date"] == "2023" and pd.isna(gdi.loc["KIR", "lag_days"])  # only the year is known
    assert gdi.loc["KIR", "lag_years"] == 2023 - result.lexicon["gdi"].first_used.year
    assert gdi.loc["IDN", "first_date"] == "2024-05-20"
    prc = pd.Timestamp(result.lexicon["gdi"].first_used.earliest)
    assert gdi.loc["IDN", "lag_days"] == (pd.Timestamp("2024-05-20") - prc).days
    curve = phrasewatch.diffusion(first)
    gdi_curve = curve[curve["formula_id"] == "gdi"]
    assert gdi_curve[["year", "new_adopters", "cumulative"]].values.tolist() == [[2023, 1, 1], [2024, 1, 2]]
    assert "CHN" not in ";".join(curve["adopters"])


def test_by_a_document_column_instead_of_the_actor(corpus):
    result, _ = corpus
    table = phrasewatch.adoption(result.matches, result.documents, by=["genre"])
    joint = rows(table, genre="joint_statement").set_index("formula_id")
    assert joint.loc["gdi", "count"] == 2  # both endorsing sentences of the statement
    with pytest.raises(ValueError, match="no such document column"):
        phrasewatch.adoption(result.matches, result.documents, by=["ministry"])


def test_every_figure_is_traceable_to_its_sentences(corpus):
    result, folder = corpus
    behind = phrasewatch.explain(result.matches, result.documents, "IDN", "gdi", 2024)
    assert behind["stance"].tolist() == ["endorse"]
    assert behind.loc[0, "sentence"].startswith("印尼方支持全球发展倡议")
    out = CliRunner().invoke(main, ["score", str(folder), "--explain", "IDN", "gsi", "2024", "--no-progress"])
    assert out.exit_code == 0, out.output
    assert "takes note of" in out.stdout and "注意到全球安全倡议" in out.stdout
    # the naive count shows China's own sentence, so a user can see what the option adds
    naive = CliRunner().invoke(main, ["score", str(folder), "--explain", "IDN", "gsi", "2024", "--include-china-voice", "--no-progress"])
    assert "中方阐释了全球发展倡议和全球安全倡议" in naive.stdout


def test_score_command_tables(corpus, tmp_path):
    _, folder = corpus
    for table in ("adoption", "index", "first", "diffusion", "mentions"):
        out = tmp_path / f"{table}.csv"
        result = CliRunner().invoke(main, ["score", str(folder), "--table", table, "-o", str(out), "--no-progress"])
        assert result.exit_code == 0, result.output
        assert len(pd.read_csv(out)) > 0, table
    weights = tmp_path / "weights.yaml"
    weights.write_text("gdi: 5\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["score", str(folder), "--table", "index", "--weights", str(weights), "--by", "actor", "--no-progress"])
    kir = [line.split() for line in result.stdout.splitlines() if line.split()[:1] == ["KIR"]]
    assert float(kir[0][1]) == pytest.approx(5 + phrasewatch.load_lexicon()["bri"].effective_weight)


def test_counts_never_exceed_mentions_on_the_seeds():
    result = phrasewatch.scan(jobs=1)
    table = phrasewatch.adoption(result.matches, result.documents)
    assert (table["count"] <= table["mentions"]).all()
    from phrasewatch.score import credited_matches

    credited = credited_matches(result.matches, result.documents)
    assert table["count"].sum() == (credited["stance"] == "endorse").sum()
    assert table["rejections"].sum() == (credited["stance"] == "reject").sum()


def test_a_statement_and_its_translation_count_once_unless_copies_are_asked_for():
    result = phrasewatch.scan(jobs=1)  # the seeds hold the China–Indonesia statement in Chinese and English
    once = rows(phrasewatch.adoption(result.matches, result.documents), actor="IDN", formula_id="gdi").iloc[0]
    both = rows(phrasewatch.adoption(result.matches, result.documents, count_copies=True), actor="IDN", formula_id="gdi").iloc[0]
    assert (once["count"], once["documents_total"]) == (1, 1)
    assert (both["count"], both["documents_total"]) == (2, 2)


def test_the_scan_summary_says_who_adopts():
    summary = phrasewatch.summarize(phrasewatch.scan(jobs=1))
    section = summary[summary.index("Who adopts"):]
    assert "KAZ" in section and "IDN" in section
    assert "\n  CHN " not in section  # China's own use is not adoption by a partner
    assert "THINKTANK" not in section  # the critic rejects what it quotes


BORROWED_LEXICON = """
lexicon: borrowed
formulae:
  - id: democratization_ir
    kind: formula
    category: order
    distinctiveness: mixed
    first_used: {date: "1983", source: "China endorses the Non-Aligned call at the UN"}
    origin:
      coined_by: non_aligned
      prc_since: "1992"
      source: "Non-Aligned summit declarations"
    zh: {canonical: 国际关系民主化}
    en: {renderings: ["democratization of international relations"]}
    examples:
      match: {en: ["We stand for the democratization of international relations."], zh: ["推动国际关系民主化。"]}
"""


@pytest.fixture(scope="module")
def borrowed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("borrowed")
    lexicon_file = folder / "borrowed.yaml"
    lexicon_file.write_text(BORROWED_LEXICON, encoding="utf-8")
    speeches = folder / "speeches"
    speeches.mkdir()
    for name in ("NPL_40_1985", "NPL_50_1995"):
        (speeches / f"{name}.txt").write_text("Nepal calls for the democratization of international relations.", encoding="utf-8")
    lexicon = phrasewatch.load_lexicon(lexicon_file)
    return phrasewatch.scan([speeches], lexicon=lexicon, jobs=1), lexicon_file, speeches


def test_borrowed_wording_is_adoption_only_once_china_made_it_its_own(borrowed):
    result, _, _ = borrowed
    flags = result.matches.set_index("doc_id")["borrowed"]
    assert flags.to_dict() == {"NPL_40_1985": True, "NPL_50_1995": False}
    table = phrasewatch.adoption(result.matches, result.documents, lexicon=result.lexicon)
    assert rows(table, actor="NPL")["year"].tolist() == [1995]
    # a borrowed mixed formula weighs half a PRC-coined mixed one
    assert rows(table, actor="NPL")["weight"].tolist() == [pytest.approx(0.25)]
    everything = phrasewatch.adoption(result.matches, result.documents, lexicon=result.lexicon, include_borrowed=True)
    assert rows(everything, actor="NPL")["year"].tolist() == [1985, 1995]
    first = phrasewatch.first_adoption(result.matches, result.documents, lexicon=result.lexicon)
    assert first.set_index("actor").loc["NPL", "first_date"] == "1995"
    assert phrasewatch.explain(result.matches, result.documents, "NPL", "democratization_ir", 1985).empty


def test_score_command_counts_borrowed_wording_when_asked(borrowed):
    _, lexicon_file, speeches = borrowed
    default = CliRunner().invoke(main, ["score", str(speeches), "-l", str(lexicon_file), "--by", "year", "--no-progress"])
    asked = CliRunner().invoke(main, ["score", str(speeches), "-l", str(lexicon_file), "--by", "year", "--include-borrowed",
                                      "--no-progress"])
    assert default.exit_code == 0 and asked.exit_code == 0, default.output + asked.output
    assert "1985" not in default.stdout and "1995" in default.stdout
    assert "1985" in asked.stdout


def test_a_table_without_the_borrowed_column_is_refused_not_miscounted(borrowed):
    result, _, _ = borrowed
    old = result.matches.drop(columns=["borrowed"])
    with pytest.raises(ValueError, match="no borrowed column"):
        phrasewatch.adoption(old, result.documents)
    assert len(phrasewatch.adoption(old, result.documents, include_borrowed=True)) == 2


def test_china_at_the_un_before_the_prc_held_its_seat_is_the_republic_of_china(tmp_path):
    # the general debate speeches filed as CHN up to 1971 were the ROC government's; a
    # joint statement the PRC signed in 1954 is the PRC's whatever its date
    five = "We uphold the Five Principles of Peaceful Coexistence."
    (tmp_path / "CHN_19_1964.txt").write_text(five, encoding="utf-8")
    (tmp_path / "CHN_26_1971.txt").write_text(five, encoding="utf-8")
    (tmp_path / "CHN_27_1972.txt").write_text(five, encoding="utf-8")
    (tmp_path / "CHN_IND_1954-04-29.txt").write_text(f"Both sides agreed. {five}", encoding="utf-8")
    result = phrasewatch.scan([tmp_path], jobs=1)
    credited = credited_matches(result.matches, result.documents, include_borrowed=True,
                                            include_anachronistic=True)
    by_doc = credited.groupby("doc_id")["actor"].agg(lambda a: ";".join(sorted(set(a))))
    assert by_doc["CHN_19_1964"] == by_doc["CHN_26_1971"] == "CHN (ROC)"
    assert by_doc["CHN_27_1972"] == "CHN"
    assert "CHN" in by_doc["CHN_IND_1954-04-29"].split(";")
    first = phrasewatch.first_adoption(result.matches, result.documents, include_borrowed=True, include_anachronistic=True)
    assert rows(first, actor="CHN", formula_id="five_principles")["first_year"].tolist() == [1954]
    assert rows(first, actor="CHN (ROC)", formula_id="five_principles")["first_year"].tolist() == [1964]
    totals = group_totals(result.documents)
    assert set(rows(totals, actor="CHN (ROC)")["year"]) == {1964, 1971}
