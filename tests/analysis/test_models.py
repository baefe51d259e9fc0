"""Model files: plain arrays that load without code, numpy inference equal to scikit-learn's,
reproducible training."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from analysis.corpus import FrameExample, LoadedExample, MarkedSpan, parse_marked
from analysis.models import ModelError, load_model, save_model
from analysis.training import (
    make_bias_model,
    sentence_features,
    token_rows,
    train_bias_model,
    train_frame_model,
    train_token_model,
)

SENTENCES = [
    "A [[mob|labelling]] of [[thugs|labelling]] [[stormed|emotional]] the town hall.",
    "Protesters gathered outside the town hall on Monday, police said.",
    "The minister [[admitted|loaded_attribution]] the plan had [[utterly|exaggeration]] failed.",
    "The minister said the plan had not worked.",
    "Prices [[skyrocketed|exaggeration]] in a [[shocking|emotional]] month for shoppers.",
    "Prices rose by 4% in March, the statistics office said.",
    "The [[so-called|doubt]] experts offered [[bogus|doubt]] figures.",
    "Economists offered new figures on Tuesday.",
    "“These [[thugs|labelling|quoted]] must be stopped,” the mayor said.",
    "The blast killed 12 people and wounded 40, officials said.",
] * 3


def loaded() -> list[LoadedExample]:
    examples = []
    for index, marked in enumerate(SENTENCES):
        text, spans = parse_marked(marked)
        examples.append(LoadedExample(f"t-{index}", text, spans, "test", "wire"))
    return examples


def frames() -> list[FrameExample]:
    texts = [
        ("The new tax will cost families 300 dollars a year.", ("economic",)),
        ("The court ruled the ban unconstitutional.", ("legality",)),
        ("The army moved troops to the border.", ("security_defense",)),
        ("The weather was sunny on Monday.", ()),
    ] * 6
    return [FrameExample(f"f-{i}", t, f, "", "") for i, (t, f) in enumerate(texts)]


def test_marked_text_parses_into_offsets() -> None:
    text, spans = parse_marked("A [[mob|labelling]] said “[[vile|emotional|quoted]] lies”.")
    assert text == "A mob said “vile lies”."
    assert spans == (
        MarkedSpan(2, 5, "labelling", "outlet"),
        MarkedSpan(12, 16, "emotional", "quoted"),
    )


def test_token_model_round_trip_and_numpy_equals_sklearn(tmp_path: Path) -> None:
    examples = loaded()
    model, _metrics = train_token_model(examples, evaluate_holdout=False)
    save_model(model, tmp_path)
    again = load_model(tmp_path, model.name)
    rows, _labels = token_rows(examples[:4])
    # The shipped inference (numpy only) gives the probabilities the fitted pipeline gives.
    from analysis.training import make_token_model

    pipeline = make_token_model().fit(*token_rows(examples))
    expected = pipeline.predict_proba(rows)
    classes = list(pipeline.classes_)
    got = again.probabilities(rows)
    for label in again.labels:
        if label in classes:  # labels the small corpus lacks never win
            column = got[:, again.labels.index(label)]
            assert np.allclose(column, expected[:, classes.index(label)], atol=1e-5)
        else:
            assert got[:, again.labels.index(label)].max() < 1e-9


@pytest.mark.filterwarnings("ignore:Label not:UserWarning")  # the tiny frame set lacks frames
def test_sentence_models_numpy_equals_sklearn(tmp_path: Path) -> None:
    examples = loaded()
    bias, _ = train_bias_model(examples, evaluate_holdout=False)
    pipeline = make_bias_model().fit(
        [sentence_features(e.text) for e in examples], [int(e.biased) for e in examples]
    )
    rows = [sentence_features(e.text) for e in examples[:5]]
    assert np.allclose(
        bias.probabilities(rows)[:, 0], pipeline.predict_proba(rows)[:, 1], atol=1e-6
    )
    frame, _ = train_frame_model(frames(), evaluate_holdout=False)
    assert frame.coef.shape[0] == 14
    probabilities = frame.probabilities([sentence_features("The new tax will cost families.")])
    assert frame.labels[int(np.argmax(probabilities[0]))] == "economic"


def test_training_is_reproducible() -> None:
    first, _ = train_token_model(loaded(), evaluate_holdout=False)
    second, _ = train_token_model(loaded(), evaluate_holdout=False)
    assert first.vocabulary == second.vocabulary
    assert np.array_equal(first.coef, second.coef)
    assert np.array_equal(first.intercept, second.intercept)


def test_model_files_hold_no_code(tmp_path: Path) -> None:
    model, _ = train_bias_model(loaded(), evaluate_holdout=False)
    save_model(model, tmp_path)
    with np.load(tmp_path / "sentence_bias.npz", allow_pickle=False) as arrays:
        assert set(arrays.files) == {"coef", "intercept"}
        assert all(arrays[name].dtype.kind == "f" for name in arrays.files)
    card = json.loads((tmp_path / "sentence_bias.json").read_text())["card"]
    assert {"training_data", "libraries", "date", "features", "metrics"} <= set(card)


def test_broken_model_files_are_refused(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text('{"format": "something else"}')
    np.savez(tmp_path / "x.npz", coef=np.zeros((1, 1)), intercept=np.zeros(1))
    with pytest.raises(ModelError, match="not a Parallax model"):
        load_model(tmp_path, "x")
    with pytest.raises(ModelError, match="cannot read"):
        load_model(tmp_path, "missing")
    # A pickled object array is refused by numpy itself (allow_pickle=False).
    np.savez(tmp_path / "evil.npz", coef=np.array([object()], dtype=object), intercept=np.zeros(1))
    (tmp_path / "evil.json").write_text('{"format": "parallax-linear-1"}')
    with pytest.raises(ModelError):
        load_model(tmp_path, "evil")
