"""Reading one article: its text as stored, then its highlights with the reason on hover."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection

from PySide6.QtCore import SIGNAL, QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QHelpEvent, QTextCursor, QTextFormat
from PySide6.QtWidgets import QTextBrowser, QToolTip, QWidget

from analysis.report import ArticleReport
from gui.highlight_style import highlight_format, plain_format
from gui.highlights import Highlight, highlights, span_at, utf16_positions
from gui.themes import is_dark
from library import ArticleDetail

_CONTEXT_SIGNAL = SIGNAL("context_requested(int,int,int,int,QPoint)")


class ArticleReader(QTextBrowser):
    """Shows one stored article as plain text (never as HTML: no remote resources, ever),
    then its loaded-language highlights once the analysis arrives; hover one for its reason.

    ``context_requested(article_id, text_offset, selection_start, selection_end, global_pos)``
    is emitted on a right-click (or the context-menu key): offsets index the analysed text
    (code points, as in reports; -1 outside it), an empty selection has start == end.
    """

    context_requested = Signal(int, int, int, int, QPoint)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setReadOnly(True)
        self.setMouseTracking(True)
        # A caret and Shift+arrow selection, so corrections need no mouse.
        self.setTextInteractionFlags(
            self.textInteractionFlags() | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setPlaceholderText(self.tr("Select an article to read it here."))
        self._shown: list[Highlight] = []
        self._article_id: int | None = None
        self._positions: list[int] = []  # UTF-16 position of each code point of the text

    @property
    def article_id(self) -> int | None:
        """The article shown, if any."""
        return self._article_id

    def show_article(self, article: ArticleDetail | None) -> None:
        """Render ``article`` (``None`` clears the reader)."""
        self.clear()
        self._shown = []
        self._article_id = None if article is None else article.id
        self._positions = []
        if article is None:
            return
        self._positions = utf16_positions(f"{article.title}\n\n{article.body}")
        cursor = self.textCursor()
        title_format = cursor.charFormat()
        # Sizes relative to the base font, so that zooming the view scales the title too.
        title_format.setProperty(QTextFormat.Property.FontSizeAdjustment, 2)
        title_format.setFontWeight(700)
        # The title, a blank line and the body: the analysed text, so that span offsets map
        # one to one onto the document.
        cursor.insertText(article.title, title_format)
        plain = self.textCursor().charFormat()
        plain.setProperty(QTextFormat.Property.FontSizeAdjustment, 0)
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
        grey.setProperty(QTextFormat.Property.FontSizeAdjustment, 0)
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

    def show_highlights(
        self, report: ArticleReport, threshold: float | None = None, hidden: Collection[str] = ()
    ) -> None:
        """Colour the loaded-language spans of ``report`` (its text is the shown article's)
        at ``threshold`` (default: the shipped one) and not in a ``hidden`` category,
        replacing earlier highlights."""
        plain = plain_format(self.palette())
        for highlight in self._shown:
            self._select(highlight).mergeCharFormat(plain)
        self._shown = highlights(report, threshold, hidden)
        dark = is_dark(self.palette())
        for highlight in self._shown:
            # The outlet's words filled, a speaker's only underlined; each category its own
            # underline (gui.highlight_style).
            self._select(highlight).mergeCharFormat(highlight_format(highlight, dark=dark))

    def _select(self, highlight: Highlight) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(highlight.start)
        cursor.setPosition(highlight.end, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def text_offset(self, position: int) -> int:
        """The analysed-text offset (code points) of Qt ``position``; -1 outside the text."""
        if not self._positions or not 0 <= position < self._positions[-1]:
            return -1
        return bisect_left(self._positions, position)

    def cursor_context(self, cursor: QTextCursor | None = None) -> tuple | None:
        """``(article_id, offset, selection_start, selection_end, global_pos)`` at the text
        cursor (or ``cursor``), as :attr:`context_requested` carries them."""
        if self._article_id is None:
            return None
        cursor = cursor or self.textCursor()
        offset = self.text_offset(cursor.position())
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        selection_start = self.text_offset(start) if start != end else offset
        selection_end = self._selection_end(end) if start != end else offset
        if selection_start < 0 or selection_end < 0:
            selection_start = selection_end = offset
        rect = self.cursorRect(cursor)
        return (
            self._article_id,
            offset,
            selection_start,
            selection_end,
            self.viewport().mapToGlobal(rect.bottomRight()),
        )

    def _selection_end(self, position: int) -> int:
        # A selection may run to the end of the text, or on into the lines under it.
        if self._positions and position >= self._positions[-1]:
            return len(self._positions) - 1
        return self.text_offset(position)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt override)
        # Without a listener (a reader on its own), Qt's own Copy / Select All menu.
        if self._article_id is None or not self.receivers(_CONTEXT_SIGNAL):
            super().contextMenuEvent(event)
            return
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            under = self.cursorForPosition(event.pos())
            context = self.cursor_context()
            assert context is not None
            article_id, _offset, start, end, _pos = context
            self.context_requested.emit(
                article_id, self.text_offset(under.position()), start, end, event.globalPos()
            )
        else:
            context = self.cursor_context()
            assert context is not None
            self.context_requested.emit(*context)
        event.accept()

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
