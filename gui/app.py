"""Start the window, or render it to a PNG (``python main.py gui --screenshot OUT.png``)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from library import DatabaseError, Library, __version__
from library.paths import DEFAULT_FILE, data_dir


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


def run_window(db_url: str | None = None) -> int:
    """Open the main window on the library and run until it closes."""
    from gui.main_window import MainWindow

    app = _application()
    first_run = _is_new_local_library(db_url)
    try:
        library = Library.open(db_url)
        if first_run and library.count_articles() == 0:
            # A teacher opening Parallax for the first time sees a ready example story.
            library.add_demo_story()
    except DatabaseError as error:
        QMessageBox.critical(None, "Parallax", f"The library could not be opened.\n\n{error}")
        return 1
    window = MainWindow(library)
    window.show()
    try:
        return app.exec()
    finally:
        library.close()


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
