"""Speed of ``analysis.analyze`` (DESIGN.md budgets: an 800-word article in ≤ 25 ms once loaded;
≥ 30,000 words/s per core in batch).

Run from the repository root::

    .venv/bin/python bench/analysis_speed.py [--repeat 50]

Texts: the three demo-story articles (resources/samples/demo_story) and an 800-word article
made of their paragraphs; the first call (which loads lexicons and textstat's dictionary) is
timed separately. Prints a Markdown table; per-stage times come from a profile of the batch.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from analysis.models import ModelSet  # noqa: E402
from analysis.scoring import analyze  # noqa: E402

DEMO = REPO / "resources" / "samples" / "demo_story"


def articles() -> list[tuple[str, str, str]]:
    found = []
    for path in sorted(DEMO.glob("*.txt")):
        title, body = path.read_text(encoding="utf-8").split("\n", 1)
        found.append((path.stem, title.strip(), body.strip()))
    paragraphs = [p for _name, _title, body in found for p in body.split("\n\n")]
    body, words = [], 0
    for paragraph in paragraphs:
        if words >= 800:
            break
        body.append(paragraph)
        words += len(paragraph.split())
    found.append(("800-word article", "Port Calder strike: three accounts", "\n\n".join(body)))
    sample = REPO.parent / "shared" / "samples" / "000_7cbcd1d4ab3bfdea.txt"
    if sample.exists():  # the real sample article, when ../shared is beside the repository
        title, body_text = sample.read_text(encoding="utf-8").split("\n", 1)
        found.append(("sample (SANA, ../shared/samples)", title.strip(), body_text.strip()))
    return found


def _median_ms(function, repeat: int, first: int = 0) -> float:
    """Median wall time of ``function(i)`` for ``i`` in ``first .. first + repeat - 1``."""
    timings = []
    for index in range(first, first + repeat):
        start = time.perf_counter()
        function(index)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    texts = articles()
    start = time.perf_counter()
    analyze(texts[0][1], texts[0][2])
    first = time.perf_counter() - start
    print(f"first call (loads lexicons, models, VADER, textstat data): {first * 1000:.0f} ms\n")
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()
    no_models = ModelSet(None, None, None)
    print(
        "| article | words | VADER alone, ms | lexicons and cues, ms | with models, ms | "
        "words/s with models |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    total_words = total_ms = 0.0
    for name, title, body in texts:
        words = len(f"{title} {body}".split())
        # A different text each time (a number appended, and different numbers for the two
        # analyses), so no cache anywhere can answer: textstat keeps the scores of its last
        # 128 texts, which would otherwise answer the second column from the first.
        vader_ms = _median_ms(
            lambda i, t=title, b=body: vader.polarity_scores(f"{t}\n\n{b} {i}"), args.repeat
        )
        lexicon_ms = _median_ms(
            lambda i, t=title, b=body: analyze(t, f"{b} {i}", models=no_models), args.repeat
        )
        model_ms = _median_ms(
            lambda i, t=title, b=body: analyze(t, f"{b} {i}"), args.repeat, first=args.repeat
        )
        total_words += words
        total_ms += model_ms
        print(
            f"| {name} | {words} | {vader_ms:.1f} | {lexicon_ms:.1f} | {model_ms:.1f} | "
            f"{words / model_ms * 1000:,.0f} |"
        )
    print(f"| all, one core | | | | | {total_words / total_ms * 1000:,.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
