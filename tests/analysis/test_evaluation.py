"""Metric functions on hand-made numbers."""

from __future__ import annotations

import pytest

from analysis.evaluation import (
    best_threshold,
    macro_f1,
    micro_f1_sets,
    recall_at_density,
    span_prf,
    word_counts,
)


def test_macro_f1() -> None:
    assert macro_f1([True, False, True, False], [True, False, False, False]) == pytest.approx(
        (2 / 3 + 0.8) / 2
    )


def test_best_threshold_finds_the_separating_score() -> None:
    threshold, value = best_threshold([True, True, False, False], [0.9, 0.7, 0.3, 0.2])
    assert 0.3 < threshold <= 0.7
    assert value == 1.0


def test_word_counts() -> None:
    text = "The radical mob stormed the radical hall"
    gold = frozenset({"radical", "mob"})
    # predicted: "radical mob" (4..15)
    assert word_counts(text, gold, [(4, 15)]) == (2, 0, 1)


def test_span_prf_semeval_formula() -> None:
    # predicted [0, 10) and gold [5, 15): overlap 5.
    precision, recall, f1 = span_prf([[(0, 10)]], [[(5, 15)]])
    assert (precision, recall) == (0.5, 0.5)
    assert f1 == 0.5
    assert span_prf([[]], [[(0, 4)]]) == (0.0, 0.0, 0.0)


def test_recall_at_density_keeps_the_most_confident_spans() -> None:
    text = " ".join(["word"] * 100)  # 100 words: a budget of 3 spans
    candidates = [(0, 4, 0.9), (5, 9, 0.8), (10, 14, 0.7), (15, 19, 0.6)]
    recall, threshold, found = recall_at_density([(text, candidates, [(15, 19), (0, 4)])])
    assert found == [False, True]
    assert recall == 0.5
    assert threshold == 0.7


def test_micro_f1_sets() -> None:
    gold = [frozenset({"economic", "political"}), frozenset({"legality"})]
    predicted = [frozenset({"economic"}), frozenset({"legality", "morality"})]
    assert micro_f1_sets(gold, predicted) == pytest.approx(2 * 2 / (2 * 2 + 1 + 1))
