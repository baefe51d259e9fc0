"""Training the three models with scikit-learn (imported here only: ``train``/``evaluate``).

One factory per model, each a scikit-learn ``Pipeline`` that follows the estimator contract:
``MinCount`` (drop features seen fewer than ``min_count`` times) → ``DictVectorizer`` →
``LogisticRegression`` (one-vs-rest for the 14 frames). Fixed seeds and deterministic solvers:
the same corpus and library versions give the same coefficients.
"""

from __future__ import annotations

import platform
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MultiLabelBinarizer

from analysis.corpus import FRAMES, FrameExample, LoadedExample, corpus_hash, holdout
from analysis.features import cue_counts, token_context, token_feature_rows
from analysis.models import (
    BIAS_MODEL,
    FRAME_MODEL,
    TOKEN_MODEL,
    LinearModel,
    ngram_features,
)
from analysis.text import build_text
from analysis.voice import analyse_voice

SEED = 20261127
TOKEN_LABELS = (
    "O",
    "emotional",
    "labelling",
    "exaggeration",
    "doubt",
    "loaded_attribution",
    "euphemism",
)
#: Default thresholds until ``evaluate`` fixes better ones on the dev halves.
DEFAULT_THRESHOLDS = {TOKEN_MODEL: 0.5, BIAS_MODEL: 0.5, FRAME_MODEL: 0.35}
MODEL_VERSION = "1"


class MinCount(BaseEstimator, TransformerMixin):
    """Keep only features seen in at least ``min_count`` training rows.

    Parameters
    ----------
    min_count
        Rows a feature must occur in to be kept.
    """

    def __init__(self, min_count: int = 2) -> None:
        self.min_count = min_count

    def fit(self, X: Sequence[Mapping[str, float]], y: object = None) -> MinCount:  # noqa: N803
        counts: Counter[str] = Counter()
        for row in X:
            counts.update(row.keys())
        self.kept_ = frozenset(name for name, n in counts.items() if n >= self.min_count)
        return self

    def transform(self, X: Sequence[Mapping[str, float]]) -> list[dict[str, float]]:  # noqa: N803
        kept = self.kept_
        return [{k: v for k, v in row.items() if k in kept} for row in X]


def make_token_model(c: float = 1.0) -> Pipeline:
    """Loaded-language token classifier: O or one of the six categories."""
    return Pipeline(
        [
            ("prune", MinCount(2)),
            ("vectorize", DictVectorizer()),
            ("classify", LogisticRegression(C=c, max_iter=2000, random_state=SEED)),
        ]
    )


def make_bias_model(c: float = 1.0) -> Pipeline:
    """Sentence biased / not-biased classifier."""
    return Pipeline(
        [
            ("prune", MinCount(2)),
            ("vectorize", DictVectorizer()),
            (
                "classify",
                LogisticRegression(C=c, max_iter=2000, class_weight="balanced", random_state=SEED),
            ),
        ]
    )


def make_frame_model(c: float = 4.0) -> Pipeline:
    """Multi-label framing classifier over the 14 frames (one-vs-rest)."""
    return Pipeline(
        [
            ("prune", MinCount(2)),
            ("vectorize", DictVectorizer()),
            (
                "classify",
                OneVsRestClassifier(
                    LogisticRegression(
                        C=c, max_iter=2000, class_weight="balanced", random_state=SEED
                    )
                ),
            ),
        ]
    )


# -- examples to rows ------------------------------------------------------------------------


def token_rows(examples: Iterable[LoadedExample]) -> tuple[list[dict[str, float]], list[str]]:
    """One feature row and label per word token of every example."""
    rows: list[dict[str, float]] = []
    labels: list[str] = []
    for example in examples:
        model = build_text(example.text)
        voices = analyse_voice(model)
        context = token_context(model, voices)
        words = [i for i, token in enumerate(model.tokens) if token.is_word]
        rows.extend(token_feature_rows(model, voices, context, words))
        for index in words:
            token = model.tokens[index]
            label = "O"
            for span in example.spans:
                if span.start < token.end and token.start < span.end:
                    label = span.label
                    break
            labels.append(label)
    return rows, labels


def sentence_features(text: str) -> dict[str, float]:
    """Features of one sentence or passage for the bias and frame models."""
    model = build_text(text)
    voices = analyse_voice(model)
    context = token_context(model, voices)
    features = ngram_features(text)
    features.update(cue_counts(model, voices, context, 0, len(model.tokens)))
    features["bias"] = 1.0
    return features


# -- export ----------------------------------------------------------------------------------


def _card(name: str, extra: Mapping[str, object]) -> dict[str, object]:
    return {
        "name": name,
        "version": MODEL_VERSION,
        "training_data": {"corpus_sha256": corpus_hash()},
        "libraries": {
            "python": platform.python_version(),
            "scikit-learn": version("scikit-learn"),
            "numpy": version("numpy"),
        },
        "date": datetime.now(UTC).date().isoformat(),
        **extra,
    }


def export(
    pipeline: Pipeline,
    name: str,
    kind: str,
    labels: Sequence[str],
    threshold: float,
    card: Mapping[str, object],
) -> LinearModel:
    """Turn a fitted pipeline into a :class:`LinearModel` (plain arrays)."""
    vectorizer: DictVectorizer = pipeline.named_steps["vectorize"]
    classifier = pipeline.named_steps["classify"]
    if isinstance(classifier, OneVsRestClassifier):
        width = len(vectorizer.vocabulary_)
        # A frame with no positive example is fitted as a constant "no": a row that never fires.
        coef = np.vstack(
            [getattr(e, "coef_", np.zeros((1, width))) for e in classifier.estimators_]
        )
        intercept = np.concatenate(
            [getattr(e, "intercept_", np.array([-30.0])) for e in classifier.estimators_]
        )
    else:
        coef, intercept = classifier.coef_, classifier.intercept_
        if kind == "softmax":
            # Labels absent from the training data get a row that never wins.
            classes = list(classifier.classes_)
            rows = [
                coef[classes.index(label)] if label in classes else np.zeros(coef.shape[1])
                for label in labels
            ]
            biases = [
                intercept[classes.index(label)] if label in classes else -30.0 for label in labels
            ]
            coef, intercept = np.vstack(rows), np.asarray(biases)
    return LinearModel(
        name=name,
        kind=kind,
        labels=tuple(labels),
        vocabulary=dict(vectorizer.vocabulary_),
        coef=np.asarray(coef, dtype=np.float64),
        intercept=np.asarray(intercept, dtype=np.float64),
        thresholds={"default": threshold},
        card=_card(name, card),
    )


# -- training --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingResult:
    """Trained models and the corpus hold-out metrics reported in their cards."""

    models: tuple[LinearModel, ...]
    metrics: Mapping[str, Mapping[str, float]]


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def train_token_model(
    examples: Sequence[LoadedExample], *, evaluate_holdout: bool = True
) -> tuple[LinearModel, dict[str, float]]:
    """Fit the token model on all ``examples``; metrics from a fit without the hold-out."""
    metrics: dict[str, float] = {}
    if evaluate_holdout:
        train = [e for e in examples if not holdout(e.id)]
        test = [e for e in examples if holdout(e.id)]
        rows, labels = token_rows(train)
        pipeline = make_token_model().fit(rows, labels)
        test_rows, test_labels = token_rows(test)
        predicted = pipeline.predict(test_rows)
        gold = np.array([label != "O" for label in test_labels])
        guess = np.array([label != "O" for label in predicted])
        metrics = {
            "holdout_token_f1": round(
                _f1(
                    int((gold & guess).sum()),
                    int((~gold & guess).sum()),
                    int((gold & ~guess).sum()),
                ),
                4,
            ),
            "holdout_tokens": len(test_labels),
        }
    rows, labels = token_rows(examples)
    pipeline = make_token_model().fit(rows, labels)
    model = export(
        pipeline,
        TOKEN_MODEL,
        "softmax",
        TOKEN_LABELS,
        DEFAULT_THRESHOLDS[TOKEN_MODEL],
        {
            "features": "word, affixes, shape, own lexicons (category, strength), neutral topic "
            "words, hedges, boosters, VADER valence, neighbouring words and lexicon categories, "
            "voice, scare quotes, speech-verb class",
            "examples": len(examples),
            "tokens": len(labels),
            "metrics": metrics,
        },
    )
    return model, metrics


def train_bias_model(
    examples: Sequence[LoadedExample], *, evaluate_holdout: bool = True
) -> tuple[LinearModel, dict[str, float]]:
    """Fit the sentence bias model (biased: the outlet's own voice has a loaded span)."""
    metrics: dict[str, float] = {}

    def rows_of(items: Sequence[LoadedExample]) -> tuple[list[dict[str, float]], list[int]]:
        return [sentence_features(e.text) for e in items], [int(e.biased) for e in items]

    if evaluate_holdout:
        train = [e for e in examples if not holdout(e.id)]
        test = [e for e in examples if holdout(e.id)]
        pipeline = make_bias_model().fit(*rows_of(train))
        test_rows, gold = rows_of(test)
        predicted = pipeline.predict(test_rows)
        scores = []
        for positive in (1, 0):
            g = np.array(gold) == positive
            p = np.array(predicted) == positive
            scores.append(_f1(int((g & p).sum()), int((~g & p).sum()), int((g & ~p).sum())))
        metrics = {"holdout_macro_f1": round(sum(scores) / 2, 4), "holdout_sentences": len(test)}
    pipeline = make_bias_model().fit(*rows_of(examples))
    model = export(
        pipeline,
        BIAS_MODEL,
        "sigmoid",
        ("biased",),
        DEFAULT_THRESHOLDS[BIAS_MODEL],
        {
            "features": "word unigrams and bigrams, loaded-lexicon counts by category and "
            "voice, strengths, scare quotes, hedges, boosters, VADER valence, quoted share",
            "examples": len(examples),
            "metrics": metrics,
        },
    )
    return model, metrics


def train_frame_model(
    examples: Sequence[FrameExample], *, evaluate_holdout: bool = True
) -> tuple[LinearModel, dict[str, float]]:
    """Fit the multi-label frame model."""
    metrics: dict[str, float] = {}
    binarizer = MultiLabelBinarizer(classes=list(FRAMES))

    def rows_of(items: Sequence[FrameExample]) -> tuple[list[dict[str, float]], np.ndarray]:
        return [sentence_features(e.text) for e in items], binarizer.fit_transform(
            [list(e.frames) for e in items]
        )

    if evaluate_holdout:
        train = [e for e in examples if not holdout(e.id)]
        test = [e for e in examples if holdout(e.id)]
        pipeline = make_frame_model().fit(*rows_of(train))
        test_rows, gold = rows_of(test)
        predicted = pipeline.predict_proba(test_rows) >= DEFAULT_THRESHOLDS[FRAME_MODEL]
        tp = int((gold.astype(bool) & predicted).sum())
        fp = int((~gold.astype(bool) & predicted).sum())
        fn = int((gold.astype(bool) & ~predicted).sum())
        metrics = {"holdout_micro_f1": round(_f1(tp, fp, fn), 4), "holdout_passages": len(test)}
    pipeline = make_frame_model().fit(*rows_of(examples))
    model = export(
        pipeline,
        FRAME_MODEL,
        "sigmoid",
        FRAMES,
        DEFAULT_THRESHOLDS[FRAME_MODEL],
        {
            "features": "word unigrams and bigrams, loaded-lexicon and cue counts",
            "examples": len(examples),
            "metrics": metrics,
        },
    )
    return model, metrics


def train_all(
    loaded: Sequence[LoadedExample],
    frames: Sequence[FrameExample],
    *,
    progress: Callable[[float, str], None] | None = None,
    evaluate_holdout: bool = True,
) -> TrainingResult:
    """Train the three models."""
    report = progress or (lambda _f, _m: None)
    report(0.0, "Training the loaded-language model…")
    tokens, token_metrics = train_token_model(loaded, evaluate_holdout=evaluate_holdout)
    report(0.5, "Training the sentence bias model…")
    bias, bias_metrics = train_bias_model(loaded, evaluate_holdout=evaluate_holdout)
    report(0.7, "Training the framing model…")
    frame, frame_metrics = train_frame_model(frames, evaluate_holdout=evaluate_holdout)
    report(1.0, "Done")
    return TrainingResult(
        (tokens, bias, frame),
        {TOKEN_MODEL: token_metrics, BIAS_MODEL: bias_metrics, FRAME_MODEL: frame_metrics},
    )
