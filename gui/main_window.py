"""The main window: the library on the left, the reading or comparison view in the centre.

The window composes panels and routes their signals; each panel renders records and asks the
library for data, and long work runs on a background thread (``gui.operations``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QThreadPool, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QStackedWidget, QStyle

from gui.actions import ActionRegistry
from gui.importer import Importer
from gui.library_panel import LibraryPanel
from gui.operations import run_in_background
from gui.reader import ArticleReader
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
        self.splitter.setSizes([520, 760])
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

        self._add_import()

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
        self.importer.shutdown()
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
        self.analysis_ready.emit(article_id)

    # -- import: menu, toolbar, drops (gui/importer.py does the work) -------------------------

    def _add_import(self) -> None:
        self.importer = Importer(self.library, self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.importer.dock)
        add = self.actions.add
        commands = [
            add(
                "import_files",
                self.tr("&Import Files…"),
                self.importer.import_files,
                shortcut=QKeySequence.StandardKey.Open,
                tip=self.tr("Import saved pages, text files, feeds, CSV/JSON dumps or archives"),
            ),
            add(
                "import_folder",
                self.tr("Import F&older…"),
                self.importer.import_folder,
                shortcut="Ctrl+Shift+O",
                tip=self.tr("Import every article file in a folder and its subfolders"),
            ),
            add(
                "import_url",
                self.tr("Import from &URL…"),
                self.importer.import_url,
                shortcut="Ctrl+Shift+U",
                tip=self.tr("Fetch web pages or feeds by address and import them"),
            ),
        ]
        paste = add(
            "paste_article",
            self.tr("&Paste Article…"),
            self.importer.paste_article,
            shortcut="Ctrl+Shift+V",
            tip=self.tr("Add an article by pasting its text, with its title and outlet"),
        )
        # Import comes first in the File menu, above Quit.
        file_menu = self.actions.menu("&File")
        file_menu.insertActions(self.actions["quit"], [*commands, paste])
        file_menu.insertSeparator(self.actions["quit"])
        self.importer.disable_while_running(commands)
        style = self.style()
        commands[0].setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton))
        commands[0].setIconText(self.tr("Import"))
        paste.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_FileIcon))
        paste.setIconText(self.tr("Paste"))
        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("main-toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions([commands[0], paste])
        self.setAcceptDrops(True)
        self.importer.articles_added.connect(self._show_added)
        self.importer.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))

    def _show_added(self, article_ids: list[int]) -> None:
        """Show the articles an import stored, selected (ready for Compare)."""
        self.library_panel.refresh(select=article_ids)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt override)
        self._answer_drag(event, self.importer.accepts(event.mimeData()))

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 (Qt override)
        self._answer_drag(event, self.importer.accepts(event.mimeData()))

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt override)
        self._answer_drag(event, self.importer.drop(event.mimeData()))

    @staticmethod
    def _answer_drag(event: QDropEvent, wanted: bool) -> None:
        # Said both ways: a new event counts as accepted until ignored.
        if wanted:
            event.acceptProposedAction()
        else:
            event.ignore()
