"""Qt table model over article summaries, fetched page by page as the view scrolls."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from library import ArticleSummary

#: ``fetch(limit, offset) -> summaries``: the window passes a call into the library.
Fetch = Callable[[int, int], list[ArticleSummary]]

PAGE = 200
_Index = QModelIndex | QPersistentModelIndex


class ArticleTableModel(QAbstractTableModel):
    """Rows of :class:`ArticleSummary`; a thin adapter, no queries of its own.

    Parameters
    ----------
    fetch
        Returns up to ``limit`` summaries from ``offset``; called when the view needs more.
    total
        How many rows exist in all (for the status bar; rows arrive lazily).
    """

    COLUMNS = ("Title", "Outlet", "Date", "Words", "Language")

    def __init__(self, fetch: Fetch, total: int, parent=None) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self.total = total
        self._rows: list[ArticleSummary] = []
        self._exhausted = total == 0

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid() or self._exhausted:
            return
        page = self._fetch(PAGE, len(self._rows))
        if len(page) < PAGE:
            self._exhausted = True
        if not page:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def article(self, row: int) -> ArticleSummary:
        """The summary shown in ``row``."""
        return self._rows[row]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        article = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return article.title
            if column == 1:
                return article.outlet or ""
            if column == 2:
                return article.published.date().isoformat() if article.published else ""
            if column == 3:
                return article.words
            return article.language or ""
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return article.title
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.COLUMNS[section]
        return None
