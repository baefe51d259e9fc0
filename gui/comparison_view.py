"""The comparison view: two to four articles side by side, scrolled together by aligned sentence.

Scrolling one column brings the counterparts of the sentence at its top to the top of the
others (a column with no counterpart there moves by as much as the scrolled one); clicking a
sentence frames its counterparts and lines them up beside it. Wording contrasts are boxed,
content only one article carries has a bar in the margin, and hovering says why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QMetaMethod, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gui.alignment import Alignment, nearest
from gui.column_text import TOP_GAP
from gui.comparison_column import ComparisonColumn
from gui.highlights import HighlightSettings
from library import ArticleDetail, Library, LibraryError

if TYPE_CHECKING:
    # For the annotation only: library.comparing brings numpy and the analysers, which the
    # window does not need before it first shows.
    from library.comparing import ComparedArticles


@dataclass(frozen=True)
class ShownComparison:
    """A comparison with what the library stores about each article (``None`` for files)."""

    compared: ComparedArticles
    details: tuple[ArticleDetail | None, ...]


def load_comparison(library: Library, article_ids: Sequence[int]) -> ShownComparison:
    """Compare stored articles and fetch their details (long: run it on a worker).

    Raises
    ------
    LibraryError
        When an article cannot be compared (the reasons, one per article), or with fewer
        than two or more than four.
    """
    result = library.compare(list(article_ids))
    if isinstance(result, list):
        raise LibraryError("; ".join(problem.reason for problem in result))
    details = tuple(
        library.get_article(a.article_id) if a.article_id is not None else None
        for a in result.articles
    )
    return ShownComparison(result, details)


class ComparisonView(QWidget):
    """Columns of compared articles, or a message while there are none.

    ``context_requested(article_id, offset, selection_start, selection_end, global_pos)`` is
    a right-click in a column (``str`` offsets into that column's analysed text; see
    :meth:`column_for` for the column); with nothing connected, Qt's own menu opens.
    ``status_message(text)`` says what a click found.
    """

    context_requested = Signal(object, int, int, int, QPoint)
    status_message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns: list[ComparisonColumn] = []
        self.alignment: Alignment | None = None
        self.shown_comparison: ShownComparison | None = None
        self.settings = HighlightSettings()
        self.zoom = 1.0
        self._base_point_size = self.font().pointSizeF()
        self._syncing = False
        self._values: list[int] = []
        self._lead = 0
        # Re-align after a resize or zoom, once the new layout exists (coalesced).
        self._resync_timer = QTimer(self, singleShot=True, interval=0)
        self._resync_timer.timeout.connect(lambda: self.sync_from(self._lead))

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # busy: no percentage to show
        self.busy.setTextVisible(False)
        self.busy.setMaximumWidth(260)
        self.busy.setAccessibleName(self.tr("Comparing"))
        status_page = QWidget()
        status_layout = QVBoxLayout(status_page)
        status_layout.addStretch(1)
        status_layout.addWidget(self.status_label)
        status_layout.addWidget(self.busy, 0, Qt.AlignmentFlag.AlignHCenter)
        status_layout.addStretch(2)
        self.status_page = status_page

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setObjectName("comparison-columns")
        self.pages = QStackedWidget()
        self.pages.addWidget(status_page)
        self.pages.addWidget(self.splitter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.show_message(
            self.tr(
                "Select two to four articles in the library, then choose "
                "Analysis > Compare Selected (Ctrl+Return)."
            )
        )

    # -- pages -------------------------------------------------------------------------------

    def show_busy(self, text: str) -> None:
        """Say that a comparison is being prepared (the columns come later)."""
        self.status_label.setText(text)
        self.busy.show()
        self.pages.setCurrentWidget(self.status_page)

    def show_message(self, text: str) -> None:
        """Show ``text`` instead of columns (no comparison, or it failed)."""
        self.status_label.setText(text)
        self.busy.hide()
        self.pages.setCurrentWidget(self.status_page)

    @property
    def showing_columns(self) -> bool:
        """Whether a comparison is on screen (not a message)."""
        return self.pages.currentWidget() is self.splitter and bool(self.columns)

    def show_comparison(self, shown: ShownComparison) -> None:
        """Render ``shown``: one column per article, in the comparison's order."""
        # Built out of sight: a hidden splitter lays its columns out once, when shown.
        self.pages.setCurrentWidget(self.status_page)
        self._clear()
        compared = shown.compared
        self.shown_comparison = shown
        self.alignment = Alignment(compared.comparison)
        outlets = [
            article.outlet
            or (detail.outlet if detail is not None else None)
            or self.tr("Article %1").replace("%1", str(index + 1))
            for index, (article, detail) in enumerate(
                zip(compared.articles, shown.details, strict=True)
            )
        ]
        font = self._text_font()
        for index, (article, detail) in enumerate(
            zip(compared.articles, shown.details, strict=True)
        ):
            column = ComparisonColumn(
                index,
                article.report,
                article.article_id,
                outlets[index],
                detail,
                self.alignment,
                outlets,
                self.settings,
                font,
            )
            column.context_requested.connect(partial(self._on_context, column))
            column.sentence_clicked.connect(self._on_sentence_clicked)
            column.text.verticalScrollBar().valueChanged.connect(partial(self._on_scrolled, index))
            self.splitter.addWidget(column)
            self.columns.append(column)
        self._values = [0] * len(self.columns)
        self._lead = 0
        self.splitter.setSizes([1000] * len(self.columns))  # equal shares
        self.pages.setCurrentWidget(self.splitter)

    def _clear(self) -> None:
        for column in self.columns:
            column.hide()
            column.setParent(None)
            column.deleteLater()
        self.columns = []
        self._values = []
        self.alignment = None
        self.shown_comparison = None

    def column_for(self, article_id: int) -> ComparisonColumn | None:
        """The column showing ``article_id``, if shown."""
        return next((c for c in self.columns if c.article_id == article_id), None)

    def current_column(self) -> ComparisonColumn | None:
        """The column the keyboard is in (the first one when the focus is elsewhere)."""
        focus = QApplication.focusWidget()
        for column in self.columns:
            if focus is not None and column.isAncestorOf(focus):
                return column
        return self.columns[0] if self.columns else None

    # -- what the legend and zoom change -----------------------------------------------------

    def set_highlight_settings(self, settings: HighlightSettings) -> None:
        """Show the highlights ``settings`` ask for in every column."""
        self.settings = settings
        for column in self.columns:
            column.apply_settings(settings)

    def set_zoom(self, factor: float) -> None:
        """Scale the text of every column by ``factor`` (1 is the normal size)."""
        self.zoom = factor
        font = self._text_font()
        for column in self.columns:
            column.set_text_font(font)
        self._resync_timer.start()

    def _text_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(self._base_point_size * self.zoom)
        return font

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if self.columns:
            self._resync_timer.start()

    # -- scrolling together ------------------------------------------------------------------

    def _on_scrolled(self, index: int, value: int) -> None:
        if index >= len(self._values):
            return
        delta = value - self._values[index]
        self._values[index] = value
        if self._syncing:
            return
        self._lead = index
        self.sync_from(index, delta)

    def sync_from(self, index: int, delta: int = 0) -> None:
        """Scroll the other columns to match column ``index``: the counterpart of its top
        sentence to their top, or (with none) by ``delta`` pixels as it moved."""
        if not 0 <= index < len(self.columns) or self.alignment is None:
            return
        source = self.columns[index]
        sentence, fraction = source.top_sentence()
        counterparts = self.alignment.counterparts(index, sentence) if sentence is not None else []
        self._syncing = True
        try:
            for column in self.columns:
                if column is source:
                    continue
                bar = column.text.verticalScrollBar()
                refs = [ref for ref in counterparts if ref.article == column.index]
                target = nearest(refs, column.top_offset())
                if source.text.verticalScrollBar().value() == 0:
                    bar.setValue(0)  # at the start, every column starts with its headline
                elif target is not None:
                    column.scroll_to_sentence(target.sentence, fraction)
                elif delta:
                    bar.setValue(bar.value() + delta)
        finally:
            self._syncing = False
        self._values = [c.text.verticalScrollBar().value() for c in self.columns]

    # -- clicks ------------------------------------------------------------------------------

    def _on_sentence_clicked(self, index: int, sentence: int) -> None:
        if self.alignment is None:
            return
        if sentence < 0:
            for column in self.columns:
                column.mark_sentences([])
            return
        source = self.columns[index]
        counterparts = self.alignment.counterparts(index, sentence)
        if not counterparts:
            for column in self.columns:
                column.mark_sentences([])
            self.status_message.emit(
                self.tr("No other article has a sentence aligned with this one.")
            )
            return
        source.mark_sentences([sentence])
        # Line the counterparts up beside the clicked sentence, where it is on screen.
        y = min(max(source.sentence_y(sentence), TOP_GAP), source.text.viewport().height() // 2)
        self._syncing = True
        try:
            for column in self.columns:
                if column is source:
                    continue
                refs = [ref for ref in counterparts if ref.article == column.index]
                column.mark_sentences([ref.sentence for ref in refs])
                if refs:
                    column.scroll_to_sentence(refs[0].sentence, 0.0, y)
        finally:
            self._syncing = False
        self._values = [c.text.verticalScrollBar().value() for c in self.columns]
        names = sorted({self.columns[ref.article].outlet for ref in counterparts})
        self.status_message.emit(
            self.tr("The same content in %1 (framed)").replace("%1", ", ".join(names))
        )

    def _on_context(
        self,
        column: ComparisonColumn,
        article_id: object,
        offset: int,
        start: int,
        end: int,
        global_pos: QPoint,
    ) -> None:
        if self.isSignalConnected(QMetaMethod.fromSignal(self.context_requested)):
            self.context_requested.emit(article_id, offset, start, end, global_pos)
        else:
            column.text.show_standard_menu(global_pos)


if __name__ == "__main__":  # a preview with the demo story in a temporary library
    import sys
    import tempfile
    from pathlib import Path

    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    with (
        tempfile.TemporaryDirectory() as folder,
        Library.open(f"sqlite:///{Path(folder) / 'preview.sqlite3'}") as preview_library,
    ):
        view = ComparisonView()
        view.show_comparison(load_comparison(preview_library, preview_library.add_demo_story()))
        view.resize(1200, 760)
        view.show()
        app.exec()
