"""Features: the fast inference paths score exactly what training sees."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from analysis.corpus import loaded_examples
from analysis.features import token_context, token_feature_rows, token_scores
from analysis.models import LinearModel, load_models
from analysis.text import build_text
from analysis.voice import analyse_voice
from resources import resource_path


def texts() -> list[str]:
    found = [example.text for example in loaded_examples()[::9]]
    found += [p.read_text("utf-8") for p in resource_path("samples", "demo_story").glob("*.txt")]
    found += ["", "“Never,” he said.", "'Brutal' — the so-called experts 'admitted' it!"]
    return found


def token_model() -> LinearModel:
    model = load_models().tokens
    if model is None:
        pytest.skip("no shipped token model")
    return model


def both_ways(text: str, linear: LinearModel) -> tuple[np.ndarray, np.ndarray]:
    model = build_text(text)
    voices = analyse_voice(model)
    context = token_context(model, voices)
    words = [i for i, token in enumerate(model.tokens) if token.is_word]
    rows = token_feature_rows(model, voices, context, words)
    expected = linear.decision(rows) if rows else np.zeros((0, len(linear.labels)))
    got = token_scores(model, voices, context, words, linear)
    return got, expected


def test_token_scores_equal_the_decision_on_the_training_rows() -> None:
    linear = token_model()
    for text in texts():
        got, expected = both_ways(text, linear)
        assert got.shape == expected.shape
        # Only the order of a float sum differs.
        assert np.allclose(got, expected, rtol=0, atol=1e-9), text


def test_token_scores_survive_the_group_table_being_emptied() -> None:
    linear = token_model()
    groups = linear.feature_groups()
    limit = groups.limit
    groups.limit = 50  # emptied before nearly every text
    try:
        for text in texts()[:40]:
            got, expected = both_ways(text, linear)
            assert np.allclose(got, expected, rtol=0, atol=1e-9), text
    finally:
        groups.limit = limit


def test_token_scores_in_several_threads_at_once() -> None:
    linear = token_model()
    sample = texts()[:60]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda text: both_ways(text, linear), sample * 2))
    for got, expected in results:
        assert np.allclose(got, expected, rtol=0, atol=1e-9)
