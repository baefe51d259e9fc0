"""The library panel: outlets and stories, search and filters, and the article table."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from gui.article_table_model import PAGE, ArticleTableModel
from gui.library_filters import FilterBar
from gui.library_tree import ALL, LibraryTree, Scope
from gui.operations import run_in_background
from library import ArticleQuery, ArticleSummary, Library, LibraryError, SearchQueryError

#: A listing read off the GUI thread: its ids and the rows of its first page.
Listing = tuple[list[int], list[ArticleSummary]]


class LibraryPanel(QWidget):
    """The tree of outlets and stories, the search field, filters, messages and the table.

    ``current_changed(article_id)`` is emitted when the current article changes (``None``
    when the listing is empty);
    ``selection_changed(ids)`` with every selected article (for Compare); ``count_changed(text)``
    with the status line (how many articles match); ``listing_ready()`` whenever a new
    listing is in the table (typing, filters and sorting read it on a worker thread).
    """

    current_changed = Signal(object)
    selection_changed = Signal(list)
    count_changed = Signal(str)
    listing_ready = Signal()

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
        self._search_timer.timeout.connect(self.request_listing)
        self.search_field.textChanged.connect(self._search_timer.start)
        self.search_field.returnPressed.connect(self.request_listing)

        self.filters = FilterBar()
        # Filters wait for the same pause as typing: a spin box changes with every step.
        self.filters.changed.connect(self._search_timer.start)
        self.filters.clear_button.clicked.connect(self.clear_filters)
        self.tree = LibraryTree()
        self.tree.scope_changed.connect(self.request_listing)

        self.table = QTableView()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        # Rows of one height: the view never asks 100,000 rows for their size.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        self.table.setAccessibleName(self.tr("Articles"))
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicatorClearable(True)  # a third click goes back to newest first
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self._on_sort)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("library-splitter")
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.table)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([170, 530])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_field)
        layout.addWidget(self.filters)
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)
        self.model: ArticleTableModel | None = None
        self._current: int | None = None
        self._sort: tuple[str, bool] | None = None
        # Each listing request gets a number; a worker's result that is not the latest
        # request's is dropped (the user typed on, or sorted again, meanwhile).
        self._generation = 0
        self._jobs: list[object] = []

    def focus_search(self) -> None:
        self.search_field.setFocus()
        self.search_field.selectAll()

    # -- what is listed -------------------------------------------------------------------

    def query(self) -> ArticleQuery:
        """The listing the controls ask for: search, tree item, filters and sort."""
        scope = self.tree.scope
        sort, descending = self._sort or (None, False)
        return ArticleQuery(
            search=self.search_field.text().strip() or None,
            outlet_id=scope.id if scope.kind == "outlet" else None,
            story_id=scope.id if scope.kind == "story" else None,
            sort=sort,
            descending=descending,
            **self.filters.values(),  # type: ignore[arg-type]
        )

    def scope(self) -> Scope:
        """The outlet or story picked in the tree (or all articles)."""
        return self.tree.scope

    def show_scope(self, scope: Scope) -> bool:
        """List the articles of ``scope`` (as if picked in the tree)."""
        return self.tree.select_scope(scope)

    def clear_filters(self) -> None:
        """Back to every article: no search, no filter, the tree on "All articles"."""
        self._search_timer.stop()
        blocked = self.search_field.blockSignals(True)
        self.search_field.clear()
        self.search_field.blockSignals(blocked)
        tree_blocked = self.tree.blockSignals(True)
        self.tree.select_scope(ALL)
        self.tree.blockSignals(tree_blocked)
        self.filters.clear()  # announces one change: one listing

    # -- reading ---------------------------------------------------------------------------

    def refresh(self, select: Sequence[int] = ()) -> None:
        """Re-read the tree's counts and the listing now (after the library changed), then
        select ``select`` (e.g. articles just imported) when they are listed."""
        self._search_timer.stop()
        self.refresh_tree()
        self._generation += 1
        query = self.query()
        self._show_listing(self._generation, query, self._read(query))
        if select:
            self.select_articles(select)

    def refresh_tree(self) -> None:
        """Re-read the outlets and stories with their counts."""
        try:
            total = self.library.count_articles()
            self.tree.show_records(total, self.library.outlets(), self.library.stories())
        except LibraryError as error:
            self.show_message(str(error))

    def request_listing(self) -> None:
        """Read the listing for the controls on a worker thread; the table follows."""
        self._search_timer.stop()
        self._generation += 1
        generation, query = self._generation, self.query()
        job = run_in_background(
            lambda: self._read(query),
            lambda listing: self._on_listing(job, generation, query, listing),
            lambda reason: self._on_listing(job, generation, query, LibraryError(reason)),
        )
        self._jobs.append(job)

    def _read(self, query: ArticleQuery) -> Listing | Exception:
        # May run on a worker thread: library calls only, no widgets.
        try:
            ids = self.library.article_ids(query)
            return ids, self.library.article_summaries(ids[:PAGE])
        except (SearchQueryError, LibraryError) as error:
            return error

    def _on_listing(
        self, job: object, generation: int, query: ArticleQuery, listing: Listing | Exception
    ) -> None:
        self._jobs.remove(job)
        # A result may arrive after the window closed, or after a newer request.
        if isValid(self) and generation == self._generation:
            self._show_listing(generation, query, listing)

    def _show_listing(
        self, generation: int, query: ArticleQuery, listing: Listing | Exception
    ) -> None:
        if isinstance(listing, SearchQueryError):
            self.show_message(self.tr("Search: %1").replace("%1", str(listing)))
            self.listing_ready.emit()
            return
        if isinstance(listing, Exception):
            self.show_message(str(listing))
            self.listing_ready.emit()
            return
        self.message.hide()
        ids, first_page = listing
        previous, previous_selection = self.model, self.table.selectionModel()
        self.model = ArticleTableModel(ids, self.library.article_summaries, first_page, self)
        self.table.setModel(self.model)
        # The view lets go of the old model and selection model but does not delete them.
        for stale in (previous, previous_selection):
            if stale is not None:
                stale.deleteLater()
        self._size_columns()
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self._update_count(query)
        keep = self.model.row_of(self._current) if self._current is not None else None
        if keep is not None:
            self._select_rows([keep])
        elif self.model.rowCount():
            self._current = None
            self.table.selectRow(0)
        else:
            self._current = None
            self.current_changed.emit(None)
        self.listing_ready.emit()

    #: Text as wide as each column's usual content (sizing by content would read every row).
    _COLUMN_SAMPLES = ("", "Harbour Gazet", "0000-00-00", "00,000", "Loaded", "Security and")

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, sample in enumerate(self._COLUMN_SAMPLES[1:], start=1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            title = (
                str(self.model.headerData(column, Qt.Orientation.Horizontal)) if self.model else ""
            )
            width = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title) + 12)
            header.resizeSection(column, width + 10)

    def _on_sort(self, section: int, order: Qt.SortOrder) -> None:
        if 0 <= section < len(ArticleTableModel.SORT_KEYS):
            key = ArticleTableModel.SORT_KEYS[section]
            self._sort = (key, order == Qt.SortOrder.DescendingOrder)
        else:
            self._sort = None
        self.request_listing()

    def sort_by(self, key: str | None, *, descending: bool = False) -> None:
        """Sort the table by a column's key (``ArticleTableModel.SORT_KEYS``), as a header
        click does; ``None`` for the default order (newest, or best match, first)."""
        header = self.table.horizontalHeader()
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        section = -1 if key is None else ArticleTableModel.SORT_KEYS.index(key)
        header.setSortIndicator(section, order)  # emits sortIndicatorChanged: one listing

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _update_count(self, query: ArticleQuery) -> None:
        assert self.model is not None
        total = self.model.total
        text = (
            self.tr("1 article")
            if total == 1
            else self.tr("%1 articles").replace("%1", f"{total:,}")
        )
        narrowed = any(
            value is not None
            for value in (
                query.search,
                query.outlet_id,
                query.story_id,
                *self.filters.values().values(),
            )
        )
        if narrowed:
            text = self.tr("%1 match").replace("%1", text)
        self.count_changed.emit(text)
        if total:
            return
        if not narrowed:
            self.show_message(
                self.tr(
                    "The library is empty. Import articles with: "
                    "python main.py import FILE_OR_FOLDER --outlet NAME"
                )
            )
        elif query.search or self.filters.active():
            self.show_message(self.tr("No article matches the search and filters."))

    # -- selection -------------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        """The selected articles, in table order."""
        if self.model is None:
            return []
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.article_id(row) for row in rows]

    def current_id(self) -> int | None:
        """The article in the reader (the table's current row)."""
        return self._current

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self.model is None:
            return
        self.selection_changed.emit(self.selected_ids())
        current = self.table.currentIndex()
        article_id = self.model.article_id(current.row()) if current.isValid() else None
        if article_id is not None and article_id != self._current:
            self._current = article_id
            self.current_changed.emit(article_id)

    def select_article(self, article_id: int) -> bool:
        """Select the row of ``article_id``; ``False`` when the listing does not hold it."""
        if self.model is None:
            return False
        row = self.model.row_of(article_id)
        if row is None:
            return False
        self._select_rows([row])
        return True

    def select_articles(self, article_ids: Sequence[int]) -> int:
        """Select the rows of ``article_ids`` (the first becomes current); how many were found."""
        if self.model is None:
            return 0
        rows = [row for row in map(self.model.row_of, article_ids) if row is not None]
        self._select_rows(rows)
        return len(rows)

    def _select_rows(self, rows: list[int]) -> None:
        assert self.model is not None
        if not rows:
            return
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        for row in rows:
            selection.select(self.model.index(row, 0), self.model.index(row, last))
        flags = self.table.selectionModel().SelectionFlag
        self.table.selectionModel().setCurrentIndex(self.model.index(rows[0], 0), flags.NoUpdate)
        self.table.selectionModel().select(selection, flags.ClearAndSelect | flags.Rows)
        self.table.scrollTo(self.model.index(rows[0], 0))

    def article_changed(self, article_id: int) -> None:
        """Show an article's new values (e.g. its scores once analysed) in its row."""
        if self.model is not None and self.model.row_of(article_id) is not None:
            self.model.refresh_articles(self.library.article_summaries([article_id]))


if __name__ == "__main__":  # a preview of the panel alone, on the demo story
    import sys
    import tempfile

    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder, Library.open(f"{folder}/l.sqlite3") as demo:
        demo.add_demo_story()
        panel = LibraryPanel(demo)
        panel.refresh()
        panel.resize(620, 720)
        panel.show()
        app.exec()
