"""Learning curve: train on 25 %, 50 % and 100 % of the corpus, score on the test halves.

Run from the repository root (about ten minutes on two cores)::

    .venv/bin/python bench/learning_curve.py

Each fraction is a fixed subset (stable hash of the example id); thresholds are fixed on the
dev halves for each model set, then the test halves are scored, as for the shipped models.
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.corpus import frame_examples, loaded_examples
from analysis.models import save_model
from analysis.training import train_all
from bench.evaluation_table import RUNS, run, store_thresholds

FRACTIONS = (0.25, 0.5, 1.0)


def subset(items: list, fraction: float) -> list:
    def keep(item: object) -> bool:
        digest = int(hashlib.sha1(item.id.encode()).hexdigest(), 16)
        return (digest % 1000) < fraction * 1000

    return [item for item in items if keep(item)]


def main() -> int:
    loaded, frames = loaded_examples(), frame_examples()
    rows = []
    for fraction in FRACTIONS:
        with tempfile.TemporaryDirectory() as folder:
            result = train_all(
                subset(loaded, fraction), subset(frames, fraction), evaluate_holdout=False
            )
            for model in result.models:
                save_model(model, Path(folder))
            store_thresholds(run("dev", Path(folder)), Path(folder))
            rows.append((fraction, len(subset(loaded, fraction)), run("test", Path(folder))))
    metrics = [(dataset, metric) for dataset, _d, names in RUNS for metric in names[:1]]
    header = " | ".join(f"{d} {m}" for d, m in metrics)
    print(f"| corpus share | loaded sentences | {header} |")
    print("|---:|---:|" + "---:|" * len(metrics))
    for fraction, count, results in rows:
        values = [next(r for r in results if r["dataset"] == d)["metrics"][m] for d, m in metrics]
        print(f"| {fraction:.0%} | {count} | " + " | ".join(f"{v:.3f}" for v in values) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
