"""Time the comparison view's work on the UI thread for three ~1,000-word articles.

Run from the repository root: ``QT_QPA_PLATFORM=offscreen .venv/bin/python
bench/comparison_view_speed.py [--repeat 10]``. The articles are the demo story's, each
lengthened to about 1,000 words with paragraphs of the other two (as in ``compare_speed.py``);
the comparison itself runs on a worker in the window and is timed there, not here. Measured:
building the columns, the first paint of the window, re-highlighting after a legend change,
and one synchronised scroll step.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication

from analysis.compare import compare
from analysis.scoring import analyze
from gui.comparison_view import ComparisonView, ShownComparison
from gui.highlights import HighlightSettings
from library.analysing import AnalysedArticle
from library.comparing import ComparedArticles

DEMO = Path(__file__).resolve().parent.parent / "resources" / "samples" / "demo_story"


def _reports():
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
    return reports


def _ms(timings: list[float]) -> str:
    return f"{statistics.median(timings) * 1000:.1f} | {max(timings) * 1000:.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    reports = _reports()
    comparison = compare(reports)
    articles = tuple(
        AnalysedArticle(r, None, f"Outlet {i + 1}", f"demo {i}") for i, r in enumerate(reports)
    )
    shown = ShownComparison(ComparedArticles(comparison, articles), (None, None, None))
    view = ComparisonView()
    view.resize(1200, 760)
    view.show()
    build, paint, legend, scroll = [], [], [], []
    for round_ in range(args.repeat):
        start = time.perf_counter()
        view.show_comparison(shown)
        build.append(time.perf_counter() - start)
        start = time.perf_counter()
        view.grab()  # lays out and paints every column
        paint.append(time.perf_counter() - start)
        start = time.perf_counter()
        view.set_highlight_settings(HighlightSettings(round_ % 2 * 100))
        view.grab()
        legend.append(time.perf_counter() - start)
        bar = view.columns[0].text.verticalScrollBar()
        start = time.perf_counter()
        bar.setValue(bar.maximum() // 3)
        view.grab()
        scroll.append(time.perf_counter() - start)
        view.set_highlight_settings(HighlightSettings())
        app.processEvents()
    words = ", ".join(str(r.scores["words"]) for r in reports)
    print(f"Three articles of {words} words; {args.repeat} rounds; window 1200×760, offscreen.\n")
    print("| step (UI thread) | median ms | max ms |")
    print("|---|---:|---:|")
    print(f"| build the three columns | {_ms(build)} |")
    print(f"| first layout and paint | {_ms(paint)} |")
    print(f"| legend change (re-highlight and paint) | {_ms(legend)} |")
    print(f"| scroll one column, others follow, paint | {_ms(scroll)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
