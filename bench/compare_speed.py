"""Time to compare three 1,000-word articles once each is analysed (budget: 300 ms).

Run from the repository root: ``.venv/bin/python bench/compare_speed.py [--repeat 20]``.
The articles are the three demo-story articles, each lengthened to about 1,000 words with
paragraphs of the other two (so that much of the text aligns, as in real coverage).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.compare import compare
from analysis.scoring import analyze

DEMO = Path(__file__).resolve().parent.parent / "resources" / "samples" / "demo_story"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8").split("\n", 1) for p in sorted(DEMO.glob("*.txt"))]
    reports = []
    for index, (title, body) in enumerate(texts):
        paragraphs = body.strip().split("\n\n")
        others = [
            p for j, (_t, b) in enumerate(texts) if j != index for p in b.strip().split("\n\n")
        ]
        while len(" ".join(paragraphs).split()) < 1000 and others:
            paragraphs.append(others.pop(0))
        reports.append(analyze(title.strip(), "\n\n".join(paragraphs)))
    words = [r.scores["words"] for r in reports]
    timings = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        compare(reports)
        timings.append(time.perf_counter() - start)
    print("| articles | words each | median ms | max ms |")
    print("|---:|---|---:|---:|")
    print(
        f"| 3 | {', '.join(map(str, words))} | {statistics.median(timings) * 1000:.0f} | "
        f"{max(timings) * 1000:.0f} |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
