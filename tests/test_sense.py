"""The PRC sense of reinterpreted words: a bundled model for English, cues for Chinese."""

from __future__ import annotations

import json

import phrasewatch
from phrasewatch.attribution.sense import SenseModel, bundled_sense_model, context_of, sense_examples, train_sense_model

PRC_STYLE = ("Every country has the right to choose a path of democracy suited to its own national conditions; "
             "there is no one-size-fits-all model, and imposing it is interference in internal affairs.")
LIBERAL_STYLE = ("Free and fair elections, an independent press and a vibrant civil society are the foundations of "
                 "democracy, and we will defend them with our allies.")


def test_the_bundled_model_knows_every_reinterpreted_word_and_says_what_it_was_trained_on():
    model = bundled_sense_model("en")
    assert model is not None
    words = [f.id for f in phrasewatch.load_lexicon() if f.kind == "reinterpreted"]
    assert all(f"__{w}" in model.vocabulary for w in words)
    evaluation = model.about["evaluation"]
    assert evaluation["held_out_documents"] > 100 and 0.5 < evaluation["balanced_accuracy"] <= 1
    assert model.about["lexicon_version"]


def test_a_prc_style_use_scores_higher_than_a_liberal_one():
    model = bundled_sense_model("en")
    contexts = []
    for text in (PRC_STYLE, LIBERAL_STYLE):
        start = text.index("democracy")
        contexts.append(context_of(text, start, start + 9, "democracy"))
    prc, liberal = model.probability(contexts)
    assert prc > 0.5 > liberal


def test_country_names_are_masked_so_the_model_reads_the_sense_not_who_is_named():
    text = "China and Indonesia support democracy in Kenya."
    start = text.index("democracy")
    assert context_of(text, start, start + 9, "democracy") == "country and country support __democracy in country"


def test_scans_report_the_sense_of_each_use_and_the_share_per_document(tmp_path):
    (tmp_path / "a.txt").write_text(PRC_STYLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(LIBERAL_STYLE, encoding="utf-8")
    (tmp_path / "c.txt").write_text("我们坚持走符合本国国情的民主道路。", encoding="utf-8")
    result = phrasewatch.scan([tmp_path], kinds=("formula", "reinterpreted"), jobs=1)
    uses = result.matches[result.matches["kind"] == "reinterpreted"].set_index("doc_id")
    assert uses.loc["a", "prc_sense"] > 0.5 > uses.loc["b", "prc_sense"]
    assert uses.loc["c", "prc_sense"] == 1.0  # Chinese: the lexicon's cue 国情
    docs = result.documents.set_index("doc_id")
    assert docs.loc["a", "prc_sense_share"] == 1.0 and docs.loc["b", "prc_sense_share"] == 0.0
    assert docs.loc["a", "reinterpreted_uses"] == 1
    formulae_only = phrasewatch.scan([tmp_path], jobs=1)
    assert formulae_only.matches["prc_sense"].isna().all()


def test_the_saved_model_round_trips_exactly(tmp_path):
    model = bundled_sense_model("en")
    path = model.save(tmp_path / "m.json")
    again = SenseModel.load(path)
    assert again.vocabulary == model.vocabulary and (again.coef == model.coef).all() and again.intercept == model.intercept
    assert json.loads(path.read_text(encoding="utf-8"))["language"] == "en"


def test_training_is_seeded_and_reproducible_on_the_real_corpora(corpora, capsys):
    """Retrains the bundled model from the reference corpora and reports its held-out accuracy."""
    from phrasewatch.attribution.sense import labelled_corpora

    lexicon = phrasewatch.load_lexicon()
    examples = sense_examples(labelled_corpora(corpora, seed=0), lexicon)
    model, evaluation = train_sense_model(examples, seed=0)
    bundled = bundled_sense_model("en")
    with capsys.disabled():
        print(f"\nPRC-sense model, held out: {json.dumps(evaluation)}")
    saved = bundled.about["evaluation"]
    retrain = "retrain the bundled model: phrasewatch lexicon train-sense ../shared/corpora -o lexicons/models/reinterpreted-en.json"
    # the same examples and split exactly; the solver's last digits may differ between scikit-learn releases
    assert {k: v for k, v in evaluation.items() if "accuracy" not in k} == {k: v for k, v in saved.items() if "accuracy" not in k}, retrain
    for measure in ("accuracy", "balanced_accuracy"):
        assert abs(evaluation[measure] - saved[measure]) <= 0.005, retrain
    assert model.vocabulary == bundled.vocabulary
    assert evaluation["balanced_accuracy"] >= 0.75
    # the cue rule, the alternative, does far worse on the same documents
    from sklearn.metrics import balanced_accuracy_score

    from phrasewatch.attribution.sense import cue_sense

    cues = [cue_sense(lexicon[f].context.get("en", ()), c) for f, c in zip(examples["formula_id"], examples["context"], strict=True)]
    assert balanced_accuracy_score(examples["label"], cues) < evaluation["balanced_accuracy"]


def test_examples_come_from_every_reinterpreted_word():
    lexicon = phrasewatch.load_lexicon()
    docs = [("prc", PRC_STYLE, True), ("other", LIBERAL_STYLE, False)]
    examples = sense_examples(docs, lexicon)
    assert examples[["doc_id", "formula_id", "label"]].values.tolist() == [["prc", "democracy", 1], ["other", "democracy", 0]]
