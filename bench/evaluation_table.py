"""Evaluate the models on the labeled datasets; fix thresholds on the dev halves.

Run from the repository root::

    .venv/bin/python bench/evaluation_table.py --tune      # dev halves: fix thresholds,
                                                           # write them into the model files
    .venv/bin/python bench/evaluation_table.py             # test halves: the README table
    .venv/bin/python bench/evaluation_table.py --lexicon-only   # the baseline: lexicons and
                                                           # cues alone, "any flagged span"

``--models DIR`` evaluates another model set (default: resources/models).
Evaluation only: no row of any dataset is trained on.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.models import THRESHOLDS_FILE, ModelSet, load_models, shipped_models_dir
from bench.datasets import datasets_dir
from library.evaluation import evaluate

RUNS = (
    ("babe", "babe", ("sentence_macro_f1", "word_f1", "word_precision", "word_recall")),
    ("ptc", "ptc", ("span_f1", "span_precision", "span_recall")),
    ("basil", "basil", ("recall_at_3_per_100_words", "recall_outlet_voice")),
    ("semeval-frames", "semeval2023_frames", ("frames_micro_f1",)),
)
# Which dev result becomes which stored threshold: (model file, key in its thresholds).
THRESHOLDS = {
    "sentence_threshold": ("sentence_bias", "babe_sentence"),
    "word_threshold": ("loaded_tokens", "babe_word"),
    "span_threshold": ("loaded_tokens", "ptc_span"),
    "frame_share_threshold": ("frames", "semeval_article"),
}
REFERENCE = {
    "sentence_macro_f1": "0.804 (fine-tuned RoBERTa, BABE paper)",
    "word_f1": "0.43 (feature-based, MBIC)",
    "span_f1": "0.516 (best SemEval-2020 system, all techniques)",
}


def run(split: str, folder: Path | None) -> list[dict]:
    load_models.cache_clear()
    models = load_models(str(folder)) if folder else ModelSet(None, None, None)
    results = []
    for dataset, directory, _metrics in RUNS:
        start = time.perf_counter()
        result = evaluate(dataset, str(datasets_dir() / directory), split, models=models)
        result["seconds"] = round(time.perf_counter() - start, 1)
        results.append(result)
        print(json.dumps(result), file=sys.stderr)
    return results


def store_thresholds(results: list[dict], folder: Path) -> None:
    """Write the dev-fixed thresholds to ``folder/thresholds.json``.

    The display threshold of the loaded-language model (``default``) is the one that gives
    the best word-level F1 on BABE's dev half; the sentence model's is BABE's dev sentence
    threshold.
    """
    path = folder / THRESHOLDS_FILE
    tuned = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    for result in results:
        for key, (model, name) in THRESHOLDS.items():
            if key in result["metrics"]:
                tuned.setdefault(model, {})[name] = result["metrics"][key]
    if "babe_word" in tuned.get("loaded_tokens", {}):
        tuned["loaded_tokens"]["default"] = tuned["loaded_tokens"]["babe_word"]
    if "babe_sentence" in tuned.get("sentence_bias", {}):
        tuned["sentence_bias"]["default"] = tuned["sentence_bias"]["babe_sentence"]
    path.write_text(json.dumps(tuned, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tune", action="store_true", help="dev halves; store thresholds")
    parser.add_argument("--models", type=Path, default=shipped_models_dir())
    parser.add_argument("--lexicon-only", action="store_true", help="no learned models")
    args = parser.parse_args()
    split = "dev" if args.tune else "test"
    results = run(split, None if args.lexicon_only else args.models)
    if args.tune:
        store_thresholds(results, args.models)
        print(f"thresholds fixed on dev and written to {args.models}")
    print(f"\n| dataset (split {split}) | items | metric | Parallax | published reference |")
    print("|---|---:|---|---:|---|")
    for (dataset, _directory, metrics), result in zip(RUNS, results, strict=True):
        for metric in metrics:
            value = result["metrics"][metric]
            print(
                f"| {dataset} | {result['n']} | {metric} | {value:.3f} | "
                f"{REFERENCE.get(metric, '')} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
