"""Qt table model over a listing of article ids, reading rows page by page as they show."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from gui.frame_names import frame_name
from library import ArticleSummary

#: ``fetch(ids) -> summaries`` in that order (missing ones left out): a call into the library.
Fetch = Callable[[Sequence[int]], list[ArticleSummary]]

PAGE = 200
#: Pages kept in memory; older ones are read again if the user scrolls back to them.
CACHED_PAGES = 64
_Index = QModelIndex | QPersistentModelIndex


class ArticleTableModel(QAbstractTableModel):
    """One row per id of a listing; a thin adapter, no queries of its own.

    The listing's ids arrive all at once (cheap even for 100,000 articles), so the scroll
    bar covers the whole listing; the rows' text is read a page at a time when first shown.

    Parameters
    ----------
    ids
        The listing, in order.
    fetch
        Returns the summaries of some ids, in order; called for each page when first needed.
    first_page
        Summaries of the first ids, when already read (e.g. on a worker thread).
    """

    COLUMNS = ("Title", "Outlet", "Date", "Words", "Loaded", "Top frame")
    #: The library's sort key of each column (``ArticleQuery.sort``).
    SORT_KEYS = ("title", "outlet", "published", "words", "loaded_density", "top_frame")
    _NUMERIC = (3, 4)
    # Columns whose first click sorts the largest or newest first.
    _DESCENDING_FIRST = (2, 3, 4)

    def __init__(
        self,
        ids: Sequence[int],
        fetch: Fetch,
        first_page: Sequence[ArticleSummary] = (),
        parent=None,
    ) -> None:
        super().__init__(parent)
        self._ids = list(ids)
        self._fetch = fetch
        self._pages: OrderedDict[int, list[ArticleSummary | None]] = OrderedDict()
        self._rows_of: dict[int, int] | None = None
        if first_page:
            self._store(0, list(first_page))

    @property
    def total(self) -> int:
        """How many articles the listing holds."""
        return len(self._ids)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def article_id(self, row: int) -> int:
        """The id shown in ``row`` (no query)."""
        return self._ids[row]

    def row_of(self, article_id: int) -> int | None:
        """The row showing ``article_id``, if the listing holds it."""
        if self._rows_of is None:
            self._rows_of = {article_id: row for row, article_id in enumerate(self._ids)}
        return self._rows_of.get(article_id)

    def loaded_rows(self) -> int:
        """How many rows have been read so far (and are still kept)."""
        return sum(len(page) for page in self._pages.values())

    def article(self, row: int) -> ArticleSummary | None:
        """The summary shown in ``row``, reading its page if needed (``None``: deleted since)."""
        page = row // PAGE
        rows = self._pages.get(page)
        if rows is None:
            start = page * PAGE
            wanted = self._ids[start : start + PAGE]
            found = {summary.id: summary for summary in self._fetch(wanted)}
            rows = self._store(page, [found.get(i) for i in wanted])
        else:
            self._pages.move_to_end(page)
        return rows[row - page * PAGE]

    def _store(self, page: int, rows: list) -> list:
        self._pages[page] = rows
        while len(self._pages) > CACHED_PAGES:
            self._pages.popitem(last=False)
        return rows

    def refresh_articles(self, summaries: Sequence[ArticleSummary]) -> None:
        """Show new values for rows already listed (e.g. scores after an analysis)."""
        for summary in summaries:
            row = self.row_of(summary.id)
            if row is None or row // PAGE not in self._pages:
                continue
            self._pages[row // PAGE][row % PAGE] = summary
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in self._NUMERIC:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        article = self.article(index.row())
        if article is None:
            return self.tr("(deleted)") if column == 0 else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(article, column)
        return self._text(article, column)

    def _text(self, article: ArticleSummary, column: int) -> object:
        if column == 0:
            return article.title
        if column == 1:
            return article.outlet or ""
        if column == 2:
            return article.published.date().isoformat() if article.published else ""
        if column == 3:
            return f"{article.words:,}"
        if column == 4:
            return "" if article.loaded_density is None else f"{article.loaded_density:.1f}"
        return frame_name(article.top_frame)

    def _tooltip(self, article: ArticleSummary, column: int) -> str | None:
        if column == 0:
            return article.title + (f"\n{article.story}" if article.story else "")
        if column in (4, 5) and article.loaded_density is None and article.top_frame is None:
            return self.tr("Not analysed yet: select it, or use Analysis > Analyse All Articles")
        if column == 4:
            return self.tr("%1 loaded words per 100 words in the outlet's own voice").replace(
                "%1", f"{article.loaded_density:.1f}"
            )
        if column == 5:
            return frame_name(article.top_frame)
        return article.outlet if column == 1 else None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.COLUMNS[section])
        if role == Qt.ItemDataRole.ToolTipRole:
            tips = {
                4: self.tr("Loaded words per 100 words in the outlet's own voice (not quotes)"),
                5: self.tr("The frame most of the article's framed sentences carry"),
            }
            return tips.get(section, self.tr("Click to sort by this column"))
        if role == Qt.ItemDataRole.InitialSortOrderRole:
            order = (
                Qt.SortOrder.DescendingOrder
                if section in self._DESCENDING_FIRST
                else Qt.SortOrder.AscendingOrder
            )
            return order.value  # the header reads this role as an int
        return None
