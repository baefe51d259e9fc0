"""``evaluate DATASET PATH``: analyse a labeled dataset and score the analysis against it.

On ``--split dev`` the thresholds that maximise each metric are searched and reported (that is
where thresholds are fixed); on ``test`` and ``all`` the thresholds stored with the models are
used. Metric names follow ../shared/datasets/README.md.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from analysis.corpus import parse_marked
from analysis.evaluation import (
    WORD,
    best_threshold,
    f1,
    macro_f1,
    micro_f1_sets,
    recall_at_density,
    span_prf,
    word_counts,
)
from analysis.models import ModelSet, load_models
from analysis.report import ArticleReport
from analysis.scoring import SPAN_FLOOR, analyze
from ingest.datasets import (
    read_babe,
    read_basil,
    read_jsonl,
    read_ptc,
    read_semeval_frames,
)
from library.progress import Progress, no_progress

DATASETS = ("babe", "basil", "ptc", "semeval-frames", "jsonl")
_SWEEP = [step / 100 for step in range(int(SPAN_FLOOR * 100), 96)]


def _loaded(report: ArticleReport, threshold: float, shift: int = 0) -> list[tuple[int, int]]:
    return [
        (s.start - shift, s.end - shift)
        for s in report.spans
        if s.layer == "loaded" and s.score >= threshold
    ]


def _threshold(models: ModelSet, model: str, key: str, fallback: float) -> float:
    found = getattr(models, model)
    if found is None:
        return 0.0 if model == "tokens" else fallback  # lexicon alone: every flagged span
    return float(found.thresholds.get(key, found.thresholds.get("default", fallback)))


def _bias_score(report: ArticleReport) -> float:
    """The sentence's bias probability, or (without a model) its strongest loaded span."""
    scores = [s.bias for s in report.sentences if s.bias is not None]
    if scores:
        return max(scores)
    # Lexicon alone: "any flagged span" makes a sentence biased.
    return 1.0 if any(s.layer == "loaded" for s in report.spans) else 0.0


def evaluate_babe(
    items: list, reports: list[ArticleReport], split: str, models: ModelSet
) -> dict[str, Any]:
    gold = [item.biased for item in items]
    scores = [_bias_score(r) for r in reports]
    if split == "dev":
        sentence_threshold, _ = best_threshold(gold, scores)
    else:
        sentence_threshold = _threshold(models, "bias", "babe_sentence", 0.5)

    def word_metrics(threshold: float) -> tuple[float, float, float]:
        tp = fp = fn = 0
        for item, report in zip(items, reports, strict=True):
            a, b, c = word_counts(item.text, item.biased_tokens, _loaded(report, threshold))
            tp, fp, fn = tp + a, fp + b, fn + c
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        return precision, recall, f1(tp, fp, fn)

    if split == "dev":
        word_threshold = max(_SWEEP, key=lambda t: word_metrics(t)[2])
    else:
        word_threshold = _threshold(models, "tokens", "babe_word", 0.5)
    precision, recall, word_f1 = word_metrics(word_threshold)
    return {
        "sentence_macro_f1": round(macro_f1(gold, [s >= sentence_threshold for s in scores]), 4),
        "word_f1": round(word_f1, 4),
        "word_precision": round(precision, 4),
        "word_recall": round(recall, 4),
        "sentence_threshold": sentence_threshold,
        "word_threshold": word_threshold,
    }


def evaluate_ptc(
    items: list, reports: list[ArticleReport], split: str, models: ModelSet
) -> dict[str, Any]:
    gold = [item.spans for item in items]

    def at(threshold: float) -> tuple[float, float, float]:
        return span_prf([_loaded(r, threshold, shift=2) for r in reports], gold)

    if split == "dev":
        threshold = max(_SWEEP, key=lambda t: at(t)[2])
    else:
        threshold = _threshold(models, "tokens", "ptc_span", 0.5)
    precision, recall, value = at(threshold)
    return {
        "span_f1": round(value, 4),
        "span_precision": round(precision, 4),
        "span_recall": round(recall, 4),
        "span_threshold": threshold,
    }


def evaluate_basil(
    items: list, reports: list[ArticleReport], _split: str, _models: ModelSet
) -> dict[str, Any]:
    documents = [
        (
            item.text,
            [(s.start, s.end, s.score) for s in r.spans if s.layer == "loaded"],
            item.spans,
        )
        for item, r in zip(items, reports, strict=True)
    ]
    recall, threshold, found = recall_at_density(documents, 3.0)
    quoted = [q for item in items for q in item.quoted]
    outlet = [hit for hit, q in zip(found, quoted, strict=True) if not q]
    return {
        "recall_at_3_per_100_words": round(recall, 4),
        "recall_outlet_voice": round(sum(outlet) / len(outlet), 4) if outlet else 0.0,
        "lex_spans": len(found),
        "score_threshold_reached": round(threshold, 3),
    }


def evaluate_frames(
    items: list, reports: list[ArticleReport], split: str, models: ModelSet
) -> dict[str, Any]:
    gold = [item.frames for item in items]

    def predicted(threshold: float) -> list[frozenset[str]]:
        return [
            frozenset(f for f, share in r.frames.items() if f != "none" and share >= threshold)
            for r in reports
        ]

    if split == "dev":
        candidates = [step / 100 for step in range(1, 50)]
        threshold = max(candidates, key=lambda t: micro_f1_sets(gold, predicted(t)))
    else:
        threshold = _threshold(models, "frames", "semeval_article", 0.05)
    return {
        "frames_micro_f1": round(micro_f1_sets(gold, predicted(threshold)), 4),
        "frame_share_threshold": threshold,
    }


def evaluate_jsonl(
    rows: list[dict], reports: list[ArticleReport], _split: str, models: ModelSet
) -> dict[str, Any]:
    metrics: dict[str, Any] = {}
    loaded = [(row, r) for row, r in zip(rows, reports, strict=True) if "marked" in row]
    if loaded:
        threshold = _threshold(models, "tokens", "default", 0.5)
        bias_threshold = _threshold(models, "bias", "default", 0.5)
        tp = fp = fn = 0
        gold_bias, predicted_bias = [], []
        for row, report in loaded:
            text, spans = parse_marked(row["marked"])
            gold_spans = [(s.start, s.end) for s in spans]
            predicted_spans = _loaded(report, threshold)
            for start, end in ((m.start(), m.end()) for m in WORD.finditer(text)):
                g = any(s < end and start < e for s, e in gold_spans)
                p = any(s < end and start < e for s, e in predicted_spans)
                tp, fp, fn = tp + (g and p), fp + (p and not g), fn + (g and not p)
            gold_bias.append(any(s.voice == "outlet" for s in spans))
            predicted_bias.append(_bias_score(report) >= bias_threshold)
        metrics["word_f1"] = round(f1(tp, fp, fn), 4)
        metrics["sentence_macro_f1"] = round(macro_f1(gold_bias, predicted_bias), 4)
    framed = [(row, r) for row, r in zip(rows, reports, strict=True) if "frames" in row]
    if framed:
        gold = [frozenset(row["frames"]) for row, _r in framed]
        predicted = [frozenset(s.frame for s in r.sentences if s.frame) for _row, r in framed]
        metrics["frames_micro_f1"] = round(micro_f1_sets(gold, predicted), 4)
    return metrics


def evaluate(
    dataset: str,
    path: str,
    split: str = "test",
    *,
    models: ModelSet | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Score the analysis on a labeled dataset; returns the ``evaluate --json`` shape."""
    models = models or load_models()
    report_progress = progress or no_progress
    root = Path(path)
    readers: dict[str, tuple[Callable, Callable[[Any], tuple[str, str]], Callable]] = {
        "babe": (read_babe, lambda i: (i.text, ""), evaluate_babe),
        "ptc": (read_ptc, lambda i: ("", i.body), evaluate_ptc),
        "basil": (read_basil, lambda i: (i.title, i.body), evaluate_basil),
        "semeval-frames": (read_semeval_frames, lambda i: (i.title, i.body), evaluate_frames),
    }
    if dataset == "jsonl":
        items: list[Any] = list(read_jsonl(root))
        texts = [
            (parse_marked(row["marked"])[0] if "marked" in row else row.get("text", ""), "")
            for row in items
        ]
        scorer: Callable = evaluate_jsonl
    else:
        reader, to_text, scorer = readers[dataset]
        items = reader(root, split)
        texts = [to_text(item) for item in items]
    reports = []
    for index, (title, body) in enumerate(texts):
        reports.append(analyze(title, body, models=models))
        if index % 50 == 0:
            report_progress(index / max(len(texts), 1), f"Analysed {index} of {len(texts)}")
    metrics = scorer(items, reports, split, models)
    return {"dataset": dataset, "split": split, "n": len(items), "metrics": metrics}
