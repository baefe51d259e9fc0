"""The first main window: the library as a searchable table and a reader for one article."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QColor,
    QHelpEvent,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QTableView,
    QTextBrowser,
    QToolBar,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from analysis.report import ArticleReport
from gui.article_table_model import ArticleTableModel
from gui.highlights import Highlight, highlights, span_at
from gui.operations import run_in_background
from library import ArticleDetail, Library, LibraryError, SearchQueryError, __version__


class ArticleReader(QTextBrowser):
    """Shows one stored article as plain text (never as HTML: no remote resources, ever),
    then its loaded-language highlights once the analysis arrives; hover one for its reason."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setReadOnly(True)
        self.setMouseTracking(True)
        self.setPlaceholderText(self.tr("Select an article to read it here."))
        self._shown: list[Highlight] = []

    def show_article(self, article: ArticleDetail | None) -> None:
        """Render ``article`` (``None`` clears the reader)."""
        self.clear()
        self._shown = []
        if article is None:
            return
        cursor = self.textCursor()
        title_format = cursor.charFormat()
        title_format.setFontPointSize(self.font().pointSizeF() * 1.5)
        title_format.setFontWeight(700)
        # The title, a blank line and the body: the analysed text, so that span offsets map
        # one to one onto the document.
        cursor.insertText(article.title, title_format)
        plain = self.textCursor().charFormat()
        plain.setFontPointSize(self.font().pointSizeF())
        plain.setFontWeight(400)
        cursor.insertBlock()
        cursor.insertBlock()
        for index, paragraph in enumerate(article.body.split("\n\n")):
            if index:
                cursor.insertBlock()
                cursor.insertBlock()
            cursor.insertText(paragraph, plain)
        meta = " · ".join(
            filter(
                None,
                [
                    article.outlet,
                    article.author,
                    article.published.date().isoformat() if article.published else None,
                    self.tr("%1 words").replace("%1", f"{article.words:,}"),
                ],
            )
        )
        grey = self.textCursor().charFormat()
        grey.setForeground(self.palette().placeholderText())
        grey.setFontPointSize(self.font().pointSizeF())
        cursor.insertBlock()
        cursor.insertBlock()
        cursor.insertText(meta, grey)
        if article.trimmed:
            cursor.insertBlock()
            cursor.insertBlock()
            cursor.insertText(self.tr("Trimmed from the page (not part of the article):"), grey)
            cursor.insertBlock()
            cursor.insertText(article.trimmed, grey)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def show_highlights(self, report: ArticleReport) -> None:
        """Colour the loaded-language spans of ``report`` (its text is the shown article's)."""
        self._shown = highlights(report)
        for highlight in self._shown:
            cursor = QTextCursor(self.document())
            cursor.setPosition(highlight.start)
            cursor.setPosition(highlight.end, QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            colour = QColor(highlight.colour)
            if highlight.speaker_words:
                # A speaker's words: underlined in the category colour, no background.
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
                fmt.setUnderlineColor(colour.darker(160))
            else:
                fmt.setBackground(colour)
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(colour.darker(160))
            cursor.mergeCharFormat(fmt)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            position = self.cursorForPosition(self.viewport().mapFromGlobal(event.globalPos()))
            span = span_at(self._shown, position.position())
            if span is not None:
                QToolTip.showText(event.globalPos(), span.why, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)


class MainWindow(QMainWindow):
    """The library window.

    ``analysis_ready(article_id)`` is emitted when the selected article's highlights are shown.

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
        self.resize(1200, 760)

        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText(
            self.tr('Search titles and text: words, "a phrase", word*, -excluded')
        )
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setAccessibleName(self.tr("Search the library"))
        # Search as the user types, after a short pause so each keystroke does not query.
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self.refresh)
        self.search_field.textChanged.connect(self._search_timer.start)
        self.search_field.returnPressed.connect(self.refresh)

        toolbar = QToolBar(self.tr("Search"), self)
        toolbar.setObjectName("search-toolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(self.search_field)
        self.addToolBar(toolbar)

        self.table = QTableView()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setAccessibleName(self.tr("Articles"))
        self.reader = ArticleReader()
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()

        left = QWidget()
        layout = QVBoxLayout(left)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message)
        layout.addWidget(self.table)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.reader)
        splitter.setSizes([700, 500])
        self.setCentralWidget(splitter)

        find = QAction(self.tr("&Find"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self._focus_search)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(quit_action)
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        edit_menu.addAction(find)

        self.model: ArticleTableModel | None = None
        self.refresh()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        # Let a running analysis finish before the library it reads is closed.
        QThreadPool.globalInstance().waitForDone(10_000)
        super().closeEvent(event)

    def _focus_search(self) -> None:
        self.search_field.setFocus()
        self.search_field.selectAll()

    def refresh(self) -> None:
        """Re-read the listing for the current search."""
        query = self.search_field.text().strip() or None
        try:
            total = self.library.count_articles(search=query)
        except SearchQueryError as error:
            self._show_message(self.tr("Search: %1").replace("%1", str(error)))
            return
        except LibraryError as error:
            self._show_message(str(error))
            return
        self.message.hide()

        def fetch(limit: int, offset: int) -> list:
            return self.library.list_articles(search=query, limit=limit, offset=offset)

        self.model = ArticleTableModel(fetch, total, self)
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        if self.model.canFetchMore():
            self.model.fetchMore()
        self._update_status(query)
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self.reader.show_article(None)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _update_status(self, query: str | None) -> None:
        assert self.model is not None
        total = self.model.total
        text = (
            self.tr("1 article")
            if total == 1
            else self.tr("%1 articles").replace("%1", f"{total:,}")
        )
        if query:
            text = self.tr("%1 match").replace("%1", text)
        self.count_label.setText(f"{text} · {self.library.url} · Parallax {__version__}")
        if not query and self.model.total == 0:
            self._show_message(
                self.tr(
                    "The library is empty. Import articles with: "
                    "python main.py import FILE_OR_FOLDER --outlet NAME"
                )
            )

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes or self.model is None:
            return
        summary = self.model.article(indexes[0].row())
        try:
            self.reader.show_article(self.library.get_article(summary.id))
        except LibraryError as error:
            self._show_message(str(error))
            return
        self._showing = summary.id
        self.statusBar().showMessage(self.tr("Analysing…"), 2000)
        self._analysis_job = run_in_background(
            lambda: self.library.analyze([summary.id])[0],
            lambda result, article_id=summary.id: self._on_analysis(article_id, result),
            self._show_message,
        )

    def _on_analysis(self, article_id: int, result: object) -> None:
        # The user may have moved on to another article while this one was analysed.
        if article_id != self._showing:
            return
        report = getattr(result, "report", None)
        if report is None:
            self._show_message(str(result))
            return
        if report.available:
            self.reader.show_highlights(report)
        self.analysis_ready.emit(article_id)

    def select_article(self, article_id: int) -> bool:
        """Select the row of ``article_id``, fetching pages until it appears."""
        assert self.model is not None
        while True:
            for row in range(self.model.rowCount()):
                if self.model.article(row).id == article_id:
                    self.table.selectRow(row)
                    return True
            if not self.model.canFetchMore():
                return False
            self.model.fetchMore()
