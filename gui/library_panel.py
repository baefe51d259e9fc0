"""The library panel: search and the article table, fetched lazily from the library."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QTimer, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from gui.article_table_model import PAGE, ArticleTableModel
from library import Library, LibraryError, SearchQueryError


class LibraryPanel(QWidget):
    """Search field, messages and the article table.

    ``current_changed(article_id)`` is emitted when the current article changes (``None``
    when the listing is empty);
    ``selection_changed(ids)`` with every selected article (for Compare); ``count_changed(text)``
    with the status line (how many articles match); ``articles_selected(count)`` when
    :meth:`select_articles` has made its selection.
    """

    current_changed = Signal(object)
    selection_changed = Signal(list)
    count_changed = Signal(str)
    articles_selected = Signal(int)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
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

        self.table = QTableView()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setAccessibleName(self.tr("Articles"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_field)
        layout.addWidget(self.message)
        layout.addWidget(self.table)
        self.model: ArticleTableModel | None = None
        self._current: int | None = None
        self._selecting: tuple[ArticleTableModel, set[int], int] | None = None

    def focus_search(self) -> None:
        self.search_field.setFocus()
        self.search_field.selectAll()

    def refresh(self, select: Sequence[int] = ()) -> None:
        """Re-read the listing for the current search, then select ``select`` (e.g. articles
        just imported) or else the first row."""
        query = self.search_field.text().strip() or None
        try:
            total = self.library.count_articles(search=query)
        except SearchQueryError as error:
            self.show_message(self.tr("Search: %1").replace("%1", str(error)))
            return
        except LibraryError as error:
            self.show_message(str(error))
            return
        self.message.hide()

        def fetch(limit: int, offset: int) -> list:
            return self.library.list_articles(search=query, limit=limit, offset=offset)

        self.model = ArticleTableModel(fetch, total, self)
        self._current = None
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Columns fit the rows on screen, not every row loaded: measuring thousands of rows
        # after each page fetched would stall the window.
        header.setResizeContentsPrecision(0)
        for column in range(1, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        if self.model.canFetchMore():
            self.model.fetchMore()
        self._update_count(query)
        if select:
            self.select_articles(select)
        elif self.model.rowCount():
            self.table.selectRow(0)
        else:
            self.current_changed.emit(None)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _update_count(self, query: str | None) -> None:
        assert self.model is not None
        total = self.model.total
        text = (
            self.tr("1 article")
            if total == 1
            else self.tr("%1 articles").replace("%1", f"{total:,}")
        )
        if query:
            text = self.tr("%1 match").replace("%1", text)
        self.count_changed.emit(text)
        if not query and total == 0:
            self.show_message(
                self.tr(
                    "The library is empty. To import articles, use File ▸ Import Files… "
                    "(Ctrl+O), drop saved pages on this window, or paste an article's text "
                    "with Ctrl+Shift+V."
                )
            )

    def selected_ids(self) -> list[int]:
        """The selected articles, in table order."""
        if self.model is None:
            return []
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.article(row).id for row in rows]

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self.model is None:
            return
        self.selection_changed.emit(self.selected_ids())
        current = self.table.currentIndex()
        article_id = self.model.article(current.row()).id if current.isValid() else None
        if article_id is not None and article_id != self._current:
            self._current = article_id
            self.current_changed.emit(article_id)

    def select_article(self, article_id: int) -> bool:
        """Select the row of ``article_id``, fetching pages until it appears."""
        if self.model is None:
            return False
        while True:
            for row in range(self.model.rowCount()):
                if self.model.article(row).id == article_id:
                    self.table.selectRow(row)
                    return True
            if not self.model.canFetchMore():
                return False
            self.model.fetchMore()

    def select_articles(self, article_ids: Sequence[int], *, scan_limit: int = 2_000) -> None:
        """Select the rows of ``article_ids`` (e.g. just imported); the first becomes current.

        The selection is made on a later turn of the event loop, and rows not loaded yet are
        fetched one page per turn (each page is a query on this thread) until all are found
        or ``scan_limit`` rows are loaded, so the window keeps answering;
        ``articles_selected(count)`` says when the selection is made.
        For more articles than a page holds, only the rows already loaded are searched:
        fetching pages to select hundreds of rows would cost more than it helps.
        """
        if self.model is None or not article_ids:
            return
        if len(article_ids) > PAGE:
            scan_limit = 0
        self._selecting = (self.model, set(article_ids), scan_limit)
        # On the next turn of the event loop: the listing just loaded gets painted first,
        # and no single step keeps the window from answering for long.
        QTimer.singleShot(0, self, self._select_step)

    def _select_step(self) -> None:
        if self._selecting is None:
            return
        model, wanted, scan_limit = self._selecting
        if model is not self.model:  # refreshed meanwhile: that listing is gone
            self._selecting = None
            self.table.setUpdatesEnabled(True)
            return
        rows = [row for row in range(model.rowCount()) if model.article(row).id in wanted]
        if len(rows) < len(wanted) and model.canFetchMore() and model.rowCount() < scan_limit:
            # No repaint of half-loaded listings in between: one when the selection is made.
            self.table.setUpdatesEnabled(False)
            model.fetchMore()
            QTimer.singleShot(0, self, self._select_step)
            return
        self._selecting = None
        self.table.setUpdatesEnabled(True)
        if rows:
            self._select_rows(rows)
        elif model.rowCount():
            self.table.selectRow(0)  # none of them listed (a search hides them): as refresh does
        self.articles_selected.emit(len(rows))

    def _select_rows(self, rows: list[int]) -> None:
        assert self.model is not None
        # One selection change for the whole set (runs of rows as ranges): each change
        # makes the window re-read the selection and show the current article.
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        for first, end in _runs(rows):
            selection.select(self.model.index(first, 0), self.model.index(end, last))
        flags = QItemSelectionModel.SelectionFlag
        self.table.selectionModel().setCurrentIndex(self.model.index(rows[0], 0), flags.NoUpdate)
        self.table.selectionModel().select(selection, flags.ClearAndSelect)
        self.table.scrollTo(self.model.index(rows[0], 0))


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted rows as ``(first, last)`` runs of consecutive rows."""
    runs: list[tuple[int, int]] = []
    for row in sorted(rows):
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs
