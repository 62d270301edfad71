"""Genre inference, quoted speakers and glosses touch only documents read as news,
analysis or readouts: the joint statements and UN General Debate speeches of
../shared/corpora read as before. (Only the critique formulae change there, by design:
they now need an act of opposing, see test_opposes.py.)"""

import pandas as pd
import pytest

import phrasewatch

pytestmark = pytest.mark.corpus

# the formulae whose stance changed on purpose (opposes: true in the lexicon)
CRITIQUE = {"cold_war_mentality", "zero_sum", "cold_war_bloc", "small_yard_high_fence", "decoupling", "anti_hegemonism",
            "unilateral_sanctions", "oppose_taiwan_independence", "double_standards"}


@pytest.fixture(scope="module")
def joint(corpora, lexicon):
    return phrasewatch.scan([corpora / "joint-statements"], lexicon=lexicon)


def test_the_uae_joint_statement_is_read_as_a_joint_statement_voice_by_voice(joint):
    docs = joint.documents[joint.documents["status"] == "ok"]
    assert set(docs["genre"]) == {"joint_statement"} and set(docs["genre_source"]) == {"metadata"}
    m = joint.matches
    for _, doc in m.groupby("doc_id"):
        # 双方 / 中方 / 阿方, as before: 6 both, 2 China, 5 UAE, all endorsing
        assert doc.groupby("voice").size().to_dict() == {"both": 6, "china": 2, "partner": 5}
        assert set(doc["stance"]) == {"endorse"}
        assert set(doc[doc["voice"] == "partner"]["voice_actors"]) == {"ARE"}
    assert m["speaker"].isna().all() and m["gloss_of"].isna().all()


@pytest.fixture(scope="module")
def speeches(corpora, lexicon):
    folder = corpora / "ungdc" / "TXT"
    names = ["RUS_76_2021", "GNQ_77_2022", "SLB_78_2023", "VEN_78_2023", "SLB_79_2024", "CHN_78_2023", "KIR_78_2023"]
    paths = [p for name in names for p in folder.glob(f"*/{name}.txt")]
    assert len(paths) == len(names)
    return phrasewatch.scan(paths, lexicon=lexicon)


def test_general_debate_speeches_keep_their_speakers_voice(speeches):
    docs = speeches.documents
    assert set(docs["genre"]) == {"general_debate"} and set(docs["genre_source"]) == {"metadata"}
    m = speeches.matches
    assert set(m["voice"]) == {"author"} and (m["voice_actors"] == m["doc_id"].str[:3]).all()
    assert m["speaker"].isna().all() and m["gloss_of"].isna().all()
    # the non-PRC speakers naming the global initiatives (facts of the corpora README)
    initiatives = m[m["formula_id"].isin(["gdi", "gsi", "gci"]) & (m["doc_id"] != "CHN_78_2023")]
    assert set(initiatives["doc_id"]) == {"RUS_76_2021", "GNQ_77_2022", "SLB_78_2023", "VEN_78_2023", "SLB_79_2024"}
    assert set(initiatives["stance"]) == {"endorse"}
    grades = initiatives.groupby("doc_id")["strength_name"].agg(lambda s: set(s.dropna()))
    assert grades["VEN_78_2023"] == {"supports"} and grades["SLB_78_2023"] == {"speaks highly of"}


def test_in_speeches_only_critique_formulae_can_be_neutral_without_a_reported_subject(speeches):
    m = speeches.matches
    neutral = m[(m["stance"] == "neutral") & ~m["formula_id"].isin(CRITIQUE)]
    # any other neutral row is reported speech inside the speech, as before
    assert neutral["stance_cue"].fillna("").str.match(r"subject:|propos|put forward|launch|introduc|announc|"
                                                     r"initiat|elaborat|explain|brief|china|beijing|chinese", case=False).all(), \
        neutral[["doc_id", "formula_id", "stance_cue"]]
    critique = m[m["formula_id"].isin(CRITIQUE)]
    assert set(critique["stance"]) <= {"endorse", "neutral"}
    assert pd.Series(critique["stance_cue"]).notna().all()  # an act, or "no act of opposing"
