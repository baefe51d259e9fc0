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


def open_window(library: Library, *, first_run: bool = False) -> MainWindow:
    """The main window on ``library``; on a first run with an empty library, the demo story
    is added (in the background, so the window shows at once) and opens already compared (a
    teacher sees a ready example)."""
    from gui.main_window import MainWindow

    window = MainWindow(library)
    window.show()
    if first_run and library.count_articles() == 0:
        _add_demo_story(window, library)
    return window


def _add_demo_story(window: MainWindow, library: Library) -> None:
    """Add the demo story on a background thread, then list it and open it compared."""
    window.library_panel.show_message(window.tr("Adding the demo story…"))

    def added(ids: list[int]) -> None:
        window.refresh()
        if len(ids) >= 2:
            window.compare_articles(ids)

    # Kept on the window: the job's signals must live until it is done.
    window.demo_job = run_in_background(
        library.add_demo_story, added, window.library_panel.show_message
    )


def run_window(db_url: str | None = None) -> int:
    """Open the main window on the library and run until it closes."""
    app = _application()
    first_run = _is_new_local_library(db_url)
    # Background work (the first analysis imports the analysers, about a second of work)
    # waits for the window's first paint rather than compete with it.
    release = hold_background_work()
    QTimer.singleShot(HOLD_MS, release)
    try:
        library = Library.open(db_url)
        window = open_window(library, first_run=first_run)
    except DatabaseError as error:
        release()
        QMessageBox.critical(None, "Parallax", f"The library could not be opened.\n\n{error}")
        return 1
    window.installEventFilter(
        _FirstPaint(release, bool(os.environ.get(STARTUP_PROBE)), parent=window)
    )
    try:
        return app.exec()
    finally:
        del window  # kept alive while the loop runs; gone before its library closes
        library.close()


def _compare_ids(text: str) -> list[int] | None:
    """``--compare 3,5,8`` as IDs (``None`` when a part is not a number)."""
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        return None


#: The size of every screenshot (the README's images).
SCREENSHOT_SIZE = (1280, 800)
#: How long a screenshot waits for an analysis or a comparison (never hang on a failure).
SCREENSHOT_WAIT_MS = 60_000


def _wait_for(ready, failed=None) -> str | None:
    """Run the event loop until ``ready`` (or ``failed``, whose message is returned) fires."""
    loop = QEventLoop()
    outcome: dict[str, str] = {}

    def fail(message: str) -> None:
        outcome["error"] = message
        loop.quit()

    ready.connect(lambda *_args: loop.quit())
    if failed is not None:
        failed.connect(fail)

    def time_out() -> None:
        outcome.setdefault("error", "timed out waiting for the window")
        loop.quit()

    QTimer.singleShot(SCREENSHOT_WAIT_MS, time_out)
    loop.exec()
    return outcome.get("error")


def _compare_argument(compare: str, article_id: int | None) -> list[int] | str:
    """The IDs of ``--compare``, or what is wrong with it (a usage error)."""
    found = _compare_ids(compare)
    if found is None:
        return f"gui --compare {compare}: not IDs"
    if article_id is not None:
        return "gui: give --article or --compare, not both"
    if not 2 <= len(found) <= 4:
        return f"gui --compare takes 2 to 4 article IDs, not {len(found)}"
    return found


def save_screenshot(
    out: str,
    *,
    db_url: str | None = None,
    article_id: int | None = None,
    compare: str | None = None,
) -> int:
    """Render the window to ``out`` (PNG), as it opens (on a new default library: with the
    demo story compared), with an article selected or a comparison open."""
    compare_ids: list[int] = []
    if compare is not None:
        parsed = _compare_argument(compare, article_id)
        if isinstance(parsed, str):
            print(f"parallax: {parsed}", file=sys.stderr)
            return 2
        compare_ids = parsed
    app = _application()
    first_run = _is_new_local_library(db_url)
    try:
        library = Library.open(db_url)
    except DatabaseError as error:
        print(f"parallax: {error}", file=sys.stderr)
        return 1
    try:
        window = open_window(library, first_run=first_run)
        # Screenshots are documentation: always the same size, whatever size the user left
        # the window at last time.
        window.resize(*SCREENSHOT_SIZE)
        if getattr(window, "demo_job", None) is not None:
            # A first run adds the demo story in the background, then opens it compared.
            error = _wait_for(window.comparison_ready, window.comparison_failed)
            if error is not None:
                print(f"parallax: the demo story: {error}", file=sys.stderr)
                return 1
        if article_id is not None:
            if not window.select_article(article_id):
                print(f"parallax: --article {article_id}: no such article", file=sys.stderr)
                return 1
            _wait_for(window.analysis_ready)
        elif compare_ids:
            # The result arrives through the event loop _wait_for runs, after the connections.
            window.compare_articles(compare_ids)
            error = _wait_for(window.comparison_ready, window.comparison_failed)
            if error is not None:
                print(f"parallax: --compare {compare}: {error}", file=sys.stderr)
                return 1
        app.processEvents()
        target = Path(out)
        if not window.grab().save(str(target), "PNG"):
            print(f"parallax: {out}: could not write the PNG", file=sys.stderr)
            return 1
        window.remember_layout = False  # the user's own layout stays as they left it
        window.close()
        return 0
    finally:
        library.close()
