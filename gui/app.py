"""Start the window, or render it to a PNG (``python main.py gui --screenshot OUT.png``)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from gui.operations import hold_background_work, run_in_background
from library import DatabaseError, Library, __version__
from library.paths import DEFAULT_FILE, data_dir

if TYPE_CHECKING:
    from gui.main_window import MainWindow


def _application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("Parallax")
        app.setOrganizationName("Parallax")
        app.setApplicationVersion(__version__)
    assert isinstance(app, QApplication)
    return app


def _is_new_local_library(db_url: str | None) -> bool:
    """Whether the window is about to create the default local library (first run)."""
    if db_url or os.environ.get("PARALLAX_DB"):
        return False
    return not (data_dir() / DEFAULT_FILE).exists()


#: Set (to anything) to measure start-up: at the window's first paint, Parallax prints
#: ``parallax-startup-probe WALL_CLOCK_SECONDS`` on standard output and quits (bench/startup.py).
STARTUP_PROBE = "PARALLAX_STARTUP_PROBE"
#: Background work starts at the first paint, or after this many milliseconds at the latest
#: (a window opened minimised paints later).
HOLD_MS = 3000


class _FirstPaint(QObject):
    """At the window's first paint: release background work; for the probe, print and quit."""

    def __init__(self, release: Callable[[], None], probe: bool, parent: QObject) -> None:
        super().__init__(parent)
        self.release = release
        self.probe = probe

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            self.release()
            if self.probe:
                import time

                print(f"parallax-startup-probe {time.time():.6f}", flush=True)
                if isinstance(watched, QWidget):
                    QTimer.singleShot(0, watched.close)
        return False


def run_window(db_url: str | None = None) -> int:
    """Open the main window on the library and run until it closes."""
    from gui.main_window import MainWindow

    app = _application()
    first_run = _is_new_local_library(db_url)
    try:
        library = Library.open(db_url)
        # A teacher opening Parallax for the first time sees a ready example story.
        add_demo = first_run and library.count_articles() == 0
    except DatabaseError as error:
        QMessageBox.critical(None, "Parallax", f"The library could not be opened.\n\n{error}")
        return 1
    release = hold_background_work()
    window = MainWindow(library)
    window.installEventFilter(
        _FirstPaint(release, bool(os.environ.get(STARTUP_PROBE)), parent=window)
    )
    QTimer.singleShot(HOLD_MS, release)
    window.show()
    if add_demo:
        _add_demo_story(window, library)
    try:
        return app.exec()
    finally:
        library.close()


def _add_demo_story(window: MainWindow, library: Library) -> None:
    """Add the demo story in the background (after the window's first paint), then list it."""
    window.library_panel.show_message(window.tr("Adding the demo story…"))
    # Kept on the window: the job's signals must live until it is done.
    window.demo_job = run_in_background(
        library.add_demo_story,
        lambda _ids: window.refresh(),
        window.library_panel.show_message,
    )


def save_screenshot(
    out: str,
    *,
    db_url: str | None = None,
    article_id: int | None = None,
    compare: str | None = None,
) -> int:
    """Render the window to ``out`` (PNG), optionally with an article selected."""
    from gui.main_window import MainWindow

    if compare:
        print("parallax: gui --compare: the comparison view is not available yet", file=sys.stderr)
        return 2
    app = _application()
    try:
        library = Library.open(db_url)
    except DatabaseError as error:
        print(f"parallax: {error}", file=sys.stderr)
        return 1
    try:
        window = MainWindow(library)
        window.show()
        if article_id is not None:
            loop = QEventLoop()
            window.analysis_ready.connect(lambda _id: loop.quit())
            QTimer.singleShot(30_000, loop.quit)  # never hang on a failed analysis
            if not window.select_article(article_id):
                print(f"parallax: --article {article_id}: no such article", file=sys.stderr)
                return 1
            loop.exec()
        app.processEvents()
        target = Path(out)
        if not window.grab().save(str(target), "PNG"):
            print(f"parallax: {out}: could not write the PNG", file=sys.stderr)
            return 1
        window.close()
        return 0
    finally:
        library.close()
