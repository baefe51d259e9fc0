"""Metrics against human annotations (names and definitions of the datasets README).

Pure functions over predictions and gold labels; the dataset readers are in
``ingest.datasets`` and the loop that analyses each item is in ``library.evaluation``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

WORD = re.compile(r"\w+(?:[-']\w+)*")


def f1(tp: float, fp: float, fn: float) -> float:
    """F1 from counts (0 when nothing was found)."""
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def macro_f1(gold: Sequence[bool], predicted: Sequence[bool]) -> float:
    """Macro-F1 over the two classes of a binary task."""
    scores = []
    for positive in (True, False):
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == positive and p == positive)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if g != positive and p == positive)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == positive and p != positive)
        scores.append(f1(tp, fp, fn))
    return sum(scores) / 2


def best_threshold(gold: Sequence[bool], scores: Sequence[float]) -> tuple[float, float]:
    """The threshold on ``scores`` with the best macro-F1 (for fixing thresholds on dev)."""
    best = (0.5, -1.0)
    for step in range(5, 96):
        threshold = step / 100
        value = macro_f1(gold, [s >= threshold for s in scores])
        if value > best[1]:
            best = (threshold, value)
    return best


def word_counts(
    text: str, gold_tokens: frozenset[str], spans: Sequence[tuple[int, int]]
) -> tuple[int, int, int]:
    """BABE word-level ``(tp, fp, fn)``: gold tokens by lower-cased form, predicted tokens
    those overlapped by a loaded span."""
    tp = fp = fn = 0
    for match in WORD.finditer(text):
        gold = match.group().lower() in gold_tokens
        predicted = any(s < match.end() and match.start() < e for s, e in spans)
        tp += gold and predicted
        fp += predicted and not gold
        fn += gold and not predicted
    return tp, fp, fn


def span_prf(
    predicted: Sequence[Sequence[tuple[int, int]]], gold: Sequence[Sequence[tuple[int, int]]]
) -> tuple[float, float, float]:
    """SemEval-2020 Task 11 span identification precision, recall and F1 (character overlap),
    summed over documents."""
    precision_sum = recall_sum = 0.0
    predicted_count = gold_count = 0
    for doc_predicted, doc_gold in zip(predicted, gold, strict=True):
        predicted_count += len(doc_predicted)
        gold_count += len(doc_gold)
        for s_start, s_end in doc_predicted:
            for t_start, t_end in doc_gold:
                overlap = min(s_end, t_end) - max(s_start, t_start)
                if overlap > 0:
                    precision_sum += overlap / (s_end - s_start)
                    recall_sum += overlap / (t_end - t_start)
    precision = precision_sum / predicted_count if predicted_count else 0.0
    recall = recall_sum / gold_count if gold_count else 0.0
    value = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, value


def recall_at_density(
    documents: Sequence[tuple[str, Sequence[tuple[int, int, float]], Sequence[tuple[int, int]]]],
    per_100_words: float = 3.0,
) -> tuple[float, float, list[bool]]:
    """BASIL recall: keep the most confident loaded spans until they reach ``per_100_words``
    over all documents, then the share of gold spans overlapped by a kept span.

    ``documents`` holds ``(text, candidate spans (start, end, score), gold spans)``.
    Returns the recall, the score threshold reached and which gold spans were found.
    """
    words = sum(len(re.findall(r"\w+", text)) for text, _c, _g in documents)
    budget = int(words * per_100_words / 100)
    ranked = sorted(
        (
            (score, d, start, end)
            for d, (_t, c, _g) in enumerate(documents)
            for start, end, score in c
        ),
        key=lambda item: -item[0],
    )
    kept: dict[int, list[tuple[int, int]]] = {}
    threshold = 1.0
    for score, d, start, end in ranked[:budget]:
        kept.setdefault(d, []).append((start, end))
        threshold = score
    found = []
    for d, (_text, _candidates, gold) in enumerate(documents):
        spans = kept.get(d, [])
        for g_start, g_end in gold:
            found.append(any(s < g_end and g_start < e for s, e in spans))
    recall = sum(found) / len(found) if found else 0.0
    return recall, threshold, found


def micro_f1_sets(gold: Sequence[frozenset[str]], predicted: Sequence[frozenset[str]]) -> float:
    """Micro-F1 over multi-label sets."""
    tp = sum(len(g & p) for g, p in zip(gold, predicted, strict=True))
    fp = sum(len(p - g) for g, p in zip(gold, predicted, strict=True))
    fn = sum(len(g - p) for g, p in zip(gold, predicted, strict=True))
    return f1(tp, fp, fn)
