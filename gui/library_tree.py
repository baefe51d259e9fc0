"""The library tree: all articles, each outlet and each story, with their counts."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from library import OutletSummary, StorySummary

#: The item data role holding an item's :class:`Scope`.
SCOPE_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Scope:
    """What a tree item stands for: ``all`` articles, one ``outlet`` or one ``story``
    (``id`` and ``name``), or a group heading (``outlets``, ``stories``)."""

    kind: str
    id: int | None = None
    name: str = ""


ALL = Scope("all")


class LibraryTreeModel(QStandardItemModel):
    """Items for the records the library lists; rebuilt by :meth:`show_records`."""

    def show_records(
        self, total: int, outlets: list[OutletSummary], stories: list[StorySummary]
    ) -> None:
        """Rebuild the items: all articles, then outlets and stories with their counts."""
        self.clear()
        root = self.invisibleRootItem()
        root.appendRow(self._item(self.tr("All articles (%1)"), f"{total:,}", ALL))
        groups = (
            (self.tr("Outlets"), "outlets", "outlet", outlets),
            (self.tr("Stories"), "stories", "story", stories),
        )
        for title, group_kind, kind, records in groups:
            group = self._item(f"{title} ({len(records):,})", "", Scope(group_kind))
            group.setSelectable(False)
            for record in records:
                group.appendRow(
                    self._item(
                        f"{record.name} ({record.articles:,})",
                        "",
                        Scope(kind, record.id, record.name),
                    )
                )
            root.appendRow(group)

    def _item(self, text: str, count: str, scope: Scope) -> QStandardItem:
        item = QStandardItem(text.replace("%1", count))
        item.setEditable(False)
        item.setData(scope, SCOPE_ROLE)
        item.setToolTip(
            {
                "all": self.tr("Show every article"),
                "outlet": self.tr("Show only this outlet's articles (right-click to edit)"),
                "story": self.tr("Show only this story's articles (right-click to edit)"),
            }.get(scope.kind, "")
        )
        return item

    def index_of(self, scope: Scope) -> QModelIndex:
        """The item of ``scope`` (matched by kind and id), or an invalid index."""
        for row in range(self.rowCount()):
            top = self.index(row, 0)
            if self._matches(top, scope):
                return top
            for child_row in range(self.rowCount(top)):
                child = self.index(child_row, 0, top)
                if self._matches(child, scope):
                    return child
        return QModelIndex()

    @staticmethod
    def _matches(index: QModelIndex, scope: Scope) -> bool:
        found = index.data(SCOPE_ROLE)
        return found is not None and (found.kind, found.id) == (scope.kind, scope.id)


class LibraryTree(QTreeView):
    """The tree view; ``scope_changed(scope)`` when the user picks another item."""

    scope_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree_model = LibraryTreeModel(self)
        self.setModel(self.tree_model)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setAccessibleName(self.tr("Outlets and stories"))
        self.setToolTip(self.tr("Pick an outlet or a story to list only its articles"))
        self._scope = ALL
        self.selectionModel().currentChanged.connect(self._on_current)

    @property
    def scope(self) -> Scope:
        """The outlet, story or all articles picked."""
        return self._scope

    def show_records(
        self, total: int, outlets: list[OutletSummary], stories: list[StorySummary]
    ) -> None:
        """Show new counts and records, keeping the picked item when it still exists."""
        blocked = self.selectionModel().blockSignals(True)
        self.tree_model.show_records(total, outlets, stories)
        self.expandAll()
        index = self.tree_model.index_of(self._scope)
        if not index.isValid():
            self._scope = ALL
            index = self.tree_model.index_of(ALL)
        else:
            # The name may have changed (a renamed story).
            self._scope = index.data(SCOPE_ROLE)
        self.setCurrentIndex(index)
        self.selectionModel().blockSignals(blocked)

    def select_scope(self, scope: Scope) -> bool:
        """Pick ``scope`` as if clicked; ``False`` if the tree has no such item."""
        index = self.tree_model.index_of(scope)
        if index.isValid():
            self.setCurrentIndex(index)
        return index.isValid()

    def scope_at(self, index: QModelIndex) -> Scope | None:
        """The scope of the item at ``index``."""
        return index.data(SCOPE_ROLE) if index.isValid() else None

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        scope = self.scope_at(current)
        if scope is None or scope.kind not in ("all", "outlet", "story"):
            return
        if scope != self._scope:
            self._scope = scope
            self.scope_changed.emit(scope)
