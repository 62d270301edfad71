"""The bundled sample corpus, scanned with the bundled lexicon, gives the matches that
tests/fixtures/seeds_expected.csv lists (written by hand, document by document)."""

from pathlib import Path

import pandas as pd
import pytest

import phrasewatch

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
EXPECTED = pd.read_csv(Path(__file__).resolve().parent / "fixtures" / "seeds_expected.csv")


@pytest.fixture(scope="module")
def seeds(lexicon):
    return phrasewatch.scan(lexicon=lexicon)


def test_default_scan_is_the_seeds_and_succeeds(seeds):
    docs = seeds.documents
    read = docs[docs["status"] == "ok"]
    assert len(read) == len(pd.read_csv(SEEDS / "metadata.csv"))
    assert seeds.exit_code == 0


def test_expected_counts(seeds):
    covered = set(EXPECTED["formula_id"])
    m = seeds.matches
    m = m.assign(file=m["path"].map(lambda p: Path(p).name))
    got = m[m["formula_id"].isin(covered)].groupby(["file", "formula_id"]).size()
    want = EXPECTED.set_index(["file", "formula_id"])["count"]
    want = want[want > 0]
    diff = pd.concat({"want": want, "got": got}, axis=1).fillna(0).astype(int)
    diff = diff[diff["want"] != diff["got"]]
    assert diff.empty, "\n" + diff.to_string()


def test_old_speech_is_anachronistic(seeds):
    m = seeds.matches
    old = m[(m["doc_id"] == "gd-tza-50-1995") & (m["formula_id"] == "true_multilateralism")]
    assert len(old) == 1 and bool(old["anachronistic"].iloc[0])


def test_traditional_characters_are_matched_with_their_raw_surface(seeds):
    m = seeds.matches
    hk = m[m["doc_id"] == "cm-hkmedia-2023-zht"]
    assert "ccdm" in set(hk["formula_id"])
    assert any("命運共同體" in s for s in hk["surface"])
