"""The PRC sense of reinterpreted words: how PRC-like is this use of "democracy"?

Lam & Fung (2024) count, besides coined formulae, ordinary words that Beijing uses in
its own sense (democracy, human rights, development, security …). Whether a use is
PRC-like shows in its context ("whole-process", "national conditions", "right to
development" versus "free elections", "civil society"). Two ways to judge it:

- a model: a logistic regression over the words around each use, trained on text the
  PRC produced (China's UN General Debate speeches) against other authors (the other
  speakers, the US joint statements), seeded, evaluated on held-out documents, and saved
  as plain JSON with the lexicon version it was trained for (``lexicons/models/``);
- the lexicon's context cues, for a language without a model (Chinese: every Chinese
  text in the corpora is PRC-produced, so there is nothing to contrast it with).

Country names and the word itself are masked so that the model reads the sense, not
who is named.
"""

from __future__ import annotations

__all__ = ["SenseModel", "SENSE_WINDOW", "context_of", "cue_sense", "sense_examples", "train_sense_model", "bundled_sense_model"]

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import regex

from .. import countries

SENSE_WINDOW = 30  # words on each side of the use
_WORD = regex.compile(r"\w+(?:['\u2019-]\w+)*")
_MODEL_FILE = "reinterpreted-{language}.json"
_TOKEN = r"(?u)\b[^\W\d]+\b"  # words, not numbers: paragraph numbers and years say who wrote, not what is meant


def context_of(text: str, start: int, end: int, formula_id: str, language: str = "en", window: int = SENSE_WINDOW) -> str:
    """The words around a use, lower-cased, country names masked as ``country``, the
    use itself as a token naming the formula (``__democracy``)."""
    lo = max(0, start - window * 12)
    hi = min(len(text), end + window * 12)
    before = _masked(text[lo:start], language).split()[-window:]
    after = _masked(text[end:hi], language).split()[:window]
    return " ".join([*before, f"__{formula_id}", *after])


def _masked(text: str, language: str) -> str:
    pieces, last = [], 0
    for a, b, _ in countries.find_countries(text, language):
        pieces.append(text[last:a])
        pieces.append(" country ")
        last = b
    pieces.append(text[last:])
    return " ".join(_WORD.findall("".join(pieces).lower()))


def cue_sense(cues: tuple[str, ...], sentence: str) -> bool:
    """True when any of the lexicon's context cues for the PRC sense is in the sentence."""
    lowered = sentence.lower()
    return any(cue.lower() in lowered for cue in cues)


@dataclass
class SenseModel:
    """A trained linear model, as plain data: TF-IDF vocabulary and idf, one weight per
    feature, an intercept, and what it was trained on and how well it did."""

    language: str
    vocabulary: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray
    intercept: float
    ngram_range: tuple[int, int] = (1, 2)
    about: dict = field(default_factory=dict)

    @functools.cached_property
    def _vectorizer(self):
        from sklearn.feature_extraction.text import TfidfVectorizer

        vectorizer = TfidfVectorizer(vocabulary=self.vocabulary, ngram_range=tuple(self.ngram_range), sublinear_tf=True,
                                     token_pattern=_TOKEN)
        vectorizer.idf_ = self.idf
        return vectorizer

    def probability(self, contexts: list[str]) -> np.ndarray:
        """Probability that each context is a PRC-sense use."""
        if not contexts:
            return np.zeros(0)
        x = self._vectorizer.transform(contexts)
        z = x @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-np.asarray(z).ravel()))

    def to_dict(self) -> dict:
        terms = sorted(self.vocabulary, key=self.vocabulary.get)
        return {
            "language": self.language,
            "about": self.about,
            "ngram_range": list(self.ngram_range),
            "intercept": round(float(self.intercept), 6),
            # one row per feature: term, idf, weight (rounded: the file is diffable data)
            "features": [[t, round(float(self.idf[i]), 5), round(float(self.coef[i]), 5)] for i, t in enumerate(terms)],
        }

    @classmethod
    def from_dict(cls, data: dict) -> SenseModel:
        features = data["features"]
        return cls(
            language=data["language"],
            vocabulary={t: i for i, (t, _, _) in enumerate(features)},
            idf=np.array([f[1] for f in features], dtype=float),
            coef=np.array([f[2] for f in features], dtype=float),
            intercept=float(data["intercept"]),
            ngram_range=tuple(data.get("ngram_range", (1, 2))),
            about=data.get("about", {}),
        )

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = self.to_dict()
        features = data.pop("features")
        head = json.dumps(data, ensure_ascii=False, indent=1)[:-2]  # without the closing brace
        lines = ",\n".join(json.dumps(f, ensure_ascii=False) for f in features)
        path.write_text(f'{head},\n "features": [\n{lines}\n]}}\n', encoding="utf-8")  # a feature per line
        return path

    @classmethod
    def load(cls, path: str | Path) -> SenseModel:
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


@functools.lru_cache(maxsize=4)
def bundled_sense_model(language: str) -> SenseModel | None:
    """The model shipped with the bundled lexicon for ``language``, or None."""
    from ..resources import lexicon_dir

    path = lexicon_dir() / "models" / _MODEL_FILE.format(language=language)
    return SenseModel.load(path) if path.is_file() else None


def sense_examples(documents, lexicon, *, language: str = "en"):
    """Training examples from labelled documents: ``documents`` is an iterable of
    ``(doc_id, text, is_prc)``; every use of a reinterpreted word becomes a row of
    (doc_id, formula_id, context, label)."""
    import pandas as pd

    from ..match import Matcher

    matcher = Matcher(lexicon, kinds=("reinterpreted",))
    rows = []
    for doc_id, text, is_prc in documents:
        found = matcher(text)
        for m in found:
            if m.language != language:
                continue
            rows.append((doc_id, m.formula_id, context_of(text, m.start, m.end, m.formula_id, language), int(is_prc)))
    return pd.DataFrame(rows, columns=["doc_id", "formula_id", "context", "label"])


def train_sense_model(examples, *, language: str = "en", seed: int = 0, test_share: float = 0.25,
                      max_features: int = 6000, about: dict | None = None) -> tuple[SenseModel, dict]:
    """Fit the model on ``examples`` (from :func:`sense_examples`) and evaluate it on
    held-out documents (a document's uses are all in training or all in test).

    Returns the model (fitted on the training documents) and the evaluation: accuracy,
    balanced accuracy and the counts, on the held-out documents.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score, balanced_accuracy_score
    from sklearn.model_selection import GroupShuffleSplit

    split = GroupShuffleSplit(n_splits=1, test_size=test_share, random_state=seed)
    train_idx, test_idx = next(split.split(examples, examples["label"], groups=examples["doc_id"]))
    train, test = examples.iloc[train_idx], examples.iloc[test_idx]
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2, max_features=max_features,
                                 token_pattern=_TOKEN)
    x_train = vectorizer.fit_transform(train["context"])
    classifier = LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000, random_state=seed)
    classifier.fit(x_train, train["label"])
    vocabulary = {t: int(i) for t, i in vectorizer.vocabulary_.items()}
    model = SenseModel(language, vocabulary, vectorizer.idf_.copy(), classifier.coef_.ravel().copy(),
                       float(classifier.intercept_[0]), (1, 2), dict(about or {}))
    model = SenseModel.from_dict(model.to_dict())  # evaluate with the saved form's rounding, as it will be used
    predicted = (model.probability(list(test["context"])) >= 0.5).astype(int)
    evaluation = {
        "held_out_documents": int(test["doc_id"].nunique()),
        "held_out_uses": int(len(test)),
        "held_out_prc_uses": int(test["label"].sum()),
        "accuracy": round(float(accuracy_score(test["label"], predicted)), 4),
        "balanced_accuracy": round(float(balanced_accuracy_score(test["label"], predicted)), 4),
        "train_uses": int(len(train)),
        "seed": seed,
    }
    model.about = {**model.about, "evaluation": evaluation}
    return model, evaluation


def labelled_corpora(corpora: str | Path, *, others_sample: int = 1200, seed: int = 0):
    """(doc_id, text, is_prc) for English training documents in a folder laid out like
    the project's reference corpora: ``ungdc/TXT/**/ISO3_SS_YYYY.txt`` (China's speeches
    are PRC-produced; a seeded sample of the other speakers' are not) and
    ``us-joint-statements/*.md`` (not)."""
    import random

    corpora = Path(corpora)
    speeches = sorted((corpora / "ungdc" / "TXT").glob("*/[A-Z][A-Z]*_*_*.txt"))
    if not speeches:
        raise FileNotFoundError(f"no UN General Debate speeches under {corpora / 'ungdc' / 'TXT'}")
    prc = [p for p in speeches if p.name.startswith("CHN_")]
    others = [p for p in speeches if not p.name.startswith("CHN_")]
    others = sorted(random.Random(seed).sample(others, min(others_sample, len(others))))
    for path in prc + others:
        yield path.stem, path.read_text(encoding="utf-8", errors="replace"), path.name.startswith("CHN_")
    for path in sorted((corpora / "us-joint-statements").glob("*.md")):
        yield "us-" + path.stem[:60], path.read_text(encoding="utf-8", errors="replace"), False
