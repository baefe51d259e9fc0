"""How soon a correction shows: from the click (reject, mark, undo) to the reader showing the
corrected highlights, in the real window offscreen, on a SQLite library with the demo story.

Run from the repository root::

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/correction_latency.py [--rounds 20]

Two times per correction: *shown*, when the reader has redrawn the corrected highlights (the
annotation stored, the correction applied to the report on screen), and *confirmed*, when the
background re-analysis of the article (stored analyses are recomputed when annotations change)
has come back and been drawn. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()

    import os

    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    folder = Path(tempfile.mkdtemp(prefix="parallax-bench-"))
    os.environ["PARALLAX_HOME"] = str(folder)
    app = QApplication(sys.argv[:1])
    from gui.main_window import MainWindow
    from library import Library

    def wait(signal) -> None:
        loop = QEventLoop()
        signal.connect(loop.quit)
        QTimer.singleShot(60_000, loop.quit)
        loop.exec()
        signal.disconnect(loop.quit)

    library = Library.open(f"sqlite:///{folder / 'library.sqlite3'}")
    article_id = library.add_demo_story()[1]
    window = MainWindow(library, QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    window.show()
    window.select_article(article_id)
    wait(window.analysis_ready)
    report = window.corrections.report_for(article_id)
    assert report is not None
    words = int(report.scores["words"])
    span = report.highlighted()[0]
    start = report.text.index("gridlock")

    names = ("reject", "undo", "mark", "relabel")
    shown: dict[str, list[float]] = {name: [] for name in names}
    confirmed: dict[str, list[float]] = {name: [] for name in names}

    def timed(name: str, act) -> None:
        began = time.perf_counter()
        act()  # the reader is redrawn inside, before this returns
        shown[name].append((time.perf_counter() - began) * 1000)
        while window.corrections.pending():
            app.processEvents()
            time.sleep(0.001)
        confirmed[name].append((time.perf_counter() - began) * 1000)

    for _ in range(args.rounds):
        timed("reject", lambda: window.corrections.reject(article_id, span))
        timed("undo", window.undo_stack.undo)
        timed("mark", lambda: window.corrections.mark(article_id, start, start + 8, "emotional"))
        timed("relabel", lambda: window.corrections.relabel(article_id, span, "emotional"))
        timed("undo", window.undo_stack.undo)
        timed("undo", window.undo_stack.undo)

    print(f"Correction to redrawn highlights, {words}-word article, {args.rounds} rounds\n")
    print("| correction | n | shown: median ms | p90 ms | confirmed: median ms | p90 ms |")
    print("|---|---:|---:|---:|---:|---:|")
    for name in names:
        first, last = sorted(shown[name]), sorted(confirmed[name])
        p90 = min(len(first) - 1, int(len(first) * 0.9))
        print(
            f"| {name} | {len(first)} | {statistics.median(first):.0f} | {first[p90]:.0f} "
            f"| {statistics.median(last):.0f} | {last[p90]:.0f} |"
        )
    window.close()
    library.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
