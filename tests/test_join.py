"""Metadata tables joined to the documents: the UNGDC speaker roster and plain tables."""

import pandas as pd
import pytest
from click.testing import CliRunner

import phrasewatch
from phrasewatch.cli import main
from phrasewatch.corpus.join import MetadataJoin, read_metadata_table, read_speakers

ROSTER = pd.DataFrame({
    "Year": [2023, 2023, 2023, 1968],
    "Session": [78, 78, 78, 23],
    "ISO Code": ["SLB", " VUT", "VUT", "IND"],
    "Country": ["Solomon Islands", "Vanuatu", "Vanuatu", "India"],
    "Name of Person Speaking": ["A. Speaker ", "B. Speaker", "C. Speaker", "D. Speaker"],
    "Post": ["Prime Minister ", "President", None, "Prime Minister"],
})


@pytest.fixture
def roster_file(tmp_path):
    path = tmp_path / "Speakers_by_session.xlsx"
    ROSTER.to_excel(path, index=False)
    return path


@pytest.fixture
def speeches(tmp_path):
    folder = tmp_path / "speeches"
    folder.mkdir()
    (folder / "SLB_78_2023.txt").write_text("We support the Global Development Initiative.", encoding="utf-8")
    (folder / "VUT_78_2023.txt").write_text("Climate change is our first concern.", encoding="utf-8")
    (folder / "FJI_78_2023.txt").write_text("Fiji speaks for the ocean.", encoding="utf-8")
    return folder


def test_roster_is_tidy(roster_file):
    roster = read_speakers(roster_file)
    assert list(roster.columns) == ["actor", "session", "year", "country", "speaker", "post"]
    vut = roster[roster["actor"] == "VUT"].iloc[0]
    # two speakers for one country and session: both kept, one row
    assert (vut["speaker"], vut["post"], vut["year"]) == ("B. Speaker; C. Speaker", "President", 2023)
    assert roster[roster["actor"] == "SLB"].iloc[0]["post"] == "Prime Minister"
    assert len(roster) == 3


def test_roster_joins_to_speeches(roster_file, speeches):
    docs = phrasewatch.scan([speeches], metadata=roster_file).documents.set_index("doc_id")
    assert docs.loc["SLB_78_2023", "speaker"] == "A. Speaker"
    assert docs.loc["SLB_78_2023", "post"] == "Prime Minister"
    assert docs.loc["VUT_78_2023", "country"] == "Vanuatu"
    assert pd.isna(docs.loc["FJI_78_2023", "speaker"])  # not in the roster


def test_joined_values_fill_gaps_only(tmp_path, speeches):
    table = pd.DataFrame({"doc_id": ["SLB_78_2023", "VUT_78_2023"], "actor": ["XXX", None], "region": ["Pacific", "Pacific"]})
    docs = phrasewatch.scan([speeches], metadata=table).documents.set_index("doc_id")
    assert docs.loc["SLB_78_2023", "actor"] == "SLB"
    assert docs.loc["VUT_78_2023", "region"] == "Pacific"


def test_a_table_without_join_columns_is_refused(tmp_path):
    path = tmp_path / "extra.csv"
    path.write_text("name,region\nx,y\n", encoding="utf-8")
    with pytest.raises(ValueError, match="columns to join on"):
        MetadataJoin.of(read_metadata_table(path))


def test_cli_metadata_option(roster_file, speeches, tmp_path):
    out = tmp_path / "m.csv"
    result = CliRunner().invoke(main, ["scan", str(speeches), "-o", str(out), "--metadata", str(roster_file), "-j", "1"])
    assert result.exit_code == 0, result.output
    docs = pd.read_csv(tmp_path / "m.documents.csv")
    assert set(docs["speaker"].dropna()) == {"A. Speaker", "B. Speaker; C. Speaker"}
    bad = tmp_path / "bad.csv"
    bad.write_text("name\nx\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["scan", str(speeches), "--metadata", str(bad)])
    assert result.exit_code == 2 and "columns to join on" in result.output


@pytest.mark.corpus
def test_real_roster(corpora):
    roster = read_speakers(corpora / "ungdc" / "Speakers_by_session.xlsx")
    assert not roster.duplicated(["actor", "session"]).any()
    china_2023 = roster[(roster["actor"] == "CHN") & (roster["session"] == 78)].iloc[0]
    assert china_2023["year"] == 2023 and china_2023["speaker"]
    speech = next((corpora / "ungdc" / "TXT").glob("*/CHN_78_2023.txt"))
    doc = phrasewatch.scan([speech], metadata=corpora / "ungdc" / "Speakers_by_session.xlsx").documents.iloc[0]
    assert doc["speaker"] == china_2023["speaker"] and doc["post"] == china_2023["post"]


@pytest.fixture
def memo(tmp_path):
    """A file whose name and text say nothing of who wrote it."""
    folder = tmp_path / "memos"
    folder.mkdir()
    (folder / "memo.txt").write_text("We will press on toward national rejuvenation, and nothing will stop us.\n",
                                     encoding="utf-8")
    return folder


def test_joined_actor_is_what_attribution_reads(memo):
    # "national rejuvenation" counts only where China speaks: the table saying so must
    # reach the matcher and attribution, not only the documents table
    china = phrasewatch.scan([memo], metadata=pd.DataFrame({"doc_id": ["memo"], "actor": ["CHN"]})).matches
    assert list(china["formula_id"]) == ["rejuvenation"]
    assert (china.iloc[0]["actor"], china.iloc[0]["licence"], china.iloc[0]["stance"]) == ("CHN", "china", "endorse")
    other = phrasewatch.scan([memo], metadata=pd.DataFrame({"doc_id": ["memo"], "actor": ["IDN"]})).matches
    assert other.empty


def test_joined_genre_outranks_the_genre_inferred(tmp_path):
    folder = tmp_path / "pieces"
    folder.mkdir()
    # read without metadata, a statement in its author's own voice, adopting
    (folder / "piece.txt").write_text(
        "The Global Development Initiative offers a path to shared prosperity across the region.\n", encoding="utf-8")
    alone = phrasewatch.scan([folder])
    assert alone.documents.iloc[0]["genre"] != "news"
    table = pd.DataFrame({"doc_id": ["piece"], "genre": ["news"], "actor": ["KEN"]})
    joined = phrasewatch.scan([folder], metadata=table)
    assert joined.documents.iloc[0]["genre"] == "news"
    assert joined.documents.iloc[0]["genre_source"] == "metadata"
    # a news report does not speak for the country it is filed under
    assert alone.matches.iloc[0]["stance"] == "endorse"
    assert joined.matches.iloc[0]["stance"] == "neutral"


def test_store_does_not_reuse_results_of_another_table(memo, tmp_path):
    store = tmp_path / "scan.db"
    first = phrasewatch.scan([memo], store=store, metadata=pd.DataFrame({"doc_id": ["memo"], "actor": ["CHN"]}))
    assert len(first.matches) == 1
    again = phrasewatch.scan([memo], store=store, metadata=pd.DataFrame({"doc_id": ["memo"], "actor": ["IDN"]}))
    assert again.matches.empty and again.documents.iloc[0]["actor"] == "IDN"
    none = phrasewatch.scan([memo], store=store)
    assert none.matches.empty and pd.isna(none.documents.iloc[0]["actor"])
