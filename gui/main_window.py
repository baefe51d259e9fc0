"""The main window: the library on the left, the reading or comparison view in the centre.

The window composes panels and routes their signals; each panel renders records and asks the
library for data, and long work runs on a background thread (``gui.operations``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QThreadPool, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QStackedWidget

from gui.actions import ActionRegistry
from gui.library_actions import LibraryActions
from gui.library_panel import LibraryPanel
from gui.operations import run_in_background
from gui.reader import ArticleReader
from gui.undo import add_undo_actions
from library import Library, LibraryError, __version__


class MainWindow(QMainWindow):
    """The library window.

    ``analysis_ready(article_id)`` is emitted when the current article's highlights are shown.

    Parameters
    ----------
    library
        The open library this window shows; the window never opens database sessions itself.
    """

    analysis_ready = Signal(int)

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self._showing: int | None = None
        self._analysis_job: object | None = None
        self.setWindowTitle(self.tr("Parallax"))
        self.resize(1280, 800)

        self.library_panel = LibraryPanel(library)
        self.reader = ArticleReader()
        self.centre = QStackedWidget()
        self.centre.addWidget(self.reader)
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main-splitter")
        self.splitter.addWidget(self.library_panel)
        self.splitter.addWidget(self.centre)
        self.splitter.setSizes([600, 680])
        self.setCentralWidget(self.splitter)

        self.actions = ActionRegistry(self)
        self.actions.add(
            "quit",
            self.tr("&Quit"),
            self.close,
            menu="&File",
            shortcut=QKeySequence.StandardKey.Quit,
        )
        self.actions.add(
            "find",
            self.tr("&Find in Library"),
            self.library_panel.focus_search,
            menu="&Edit",
            shortcut=QKeySequence.StandardKey.Find,
            tip=self.tr("Search the titles and text of the library"),
        )

        # One undo stack for every change the window makes to the library.
        self.undo_stack = QUndoStack(self)
        add_undo_actions(self.actions, self.undo_stack)
        self.library_actions = LibraryActions(self)

        self.library_panel.current_changed.connect(self.show_article)
        self.library_panel.count_changed.connect(self._update_status)
        self.library_panel.refresh()

    # The library panel's parts, for callers that drive the window (tests, screenshots).
    @property
    def search_field(self):
        return self.library_panel.search_field

    @property
    def table(self):
        return self.library_panel.table

    @property
    def model(self):
        return self.library_panel.model

    @property
    def message(self):
        return self.library_panel.message

    def refresh(self) -> None:
        """Re-read the library listing."""
        self.library_panel.refresh()

    def select_article(self, article_id: int) -> bool:
        """Select ``article_id`` in the table (its reading view follows)."""
        return self.library_panel.select_article(article_id)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        # Let a running analysis finish before the library it reads is closed.
        QThreadPool.globalInstance().waitForDone(10_000)
        super().closeEvent(event)

    def _update_status(self, text: str) -> None:
        self.count_label.setText(f"{text} · {self.library.url} · Parallax {__version__}")

    def show_article(self, article_id: int | None) -> None:
        """Show ``article_id`` in the reader, then its highlights once analysed."""
        self.centre.setCurrentWidget(self.reader)
        if article_id is None:
            self._showing = None
            self.reader.show_article(None)
            return
        try:
            self.reader.show_article(self.library.get_article(article_id))
        except LibraryError as error:
            self.library_panel.show_message(str(error))
            return
        self._showing = article_id
        self.statusBar().showMessage(self.tr("Analysing…"), 2000)
        self._analysis_job = run_in_background(
            lambda: self.library.analyze([article_id])[0],
            lambda result: self._on_analysis(article_id, result),
            self.library_panel.show_message,
        )

    def _on_analysis(self, article_id: int, result: object) -> None:
        # The user may have moved on to another article while this one was analysed.
        if article_id != self._showing:
            return
        report = getattr(result, "report", None)
        if report is None:
            self.library_panel.show_message(str(result))
            return
        if report.available:
            self.reader.show_highlights(report)
        self.library_panel.article_changed(article_id)  # its scores, now stored
        self.analysis_ready.emit(article_id)
