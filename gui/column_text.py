"""The text of one compared article: plain text, highlights, sentence marks, hover and clicks.

The widget knows Qt positions (UTF-16 units) and ranges to draw; what the ranges mean
(counterparts, only-here content, contrasts) is the comparison column's business.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QFrame, QTextBrowser, QToolTip, QWidget

from analysis.report import ArticleReport
from gui.highlight_format import highlight_format
from gui.highlights import Highlight, text_offset, utf16_positions

#: Room on the left of the text for the only-here bar (pixels).
MARGIN = 18
#: A sentence scrolled "to the top" sits this far below the top edge, as the headline does
#: at the start (pixels).
TOP_GAP = MARGIN
#: Marked sentences (a clicked one and its counterparts): a light band with a thin border.
BAND_FILL = QColor("#E6EDF8")
BAND_LINE = QColor("#7F9CC9")
#: Only-here content: a bar in the left margin.
BAR_COLOUR = QColor("#5F6B7A")
#: Wording contrasts: a light dotted box around the phrase, a darker dashed one inside framed
#: sentences (where the reader is comparing now).
BOX_COLOUR = QColor("#34527A")
BOX_LIGHT = QColor("#8EA3C2")


def title_format() -> QTextCharFormat:
    """The headline's format: bold and larger, relative to the base font so zoom scales it."""
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setProperty(QTextFormat.Property.FontSizeAdjustment, 1)
    return fmt


class ColumnText(QTextBrowser):
    """An analysed text (``report.text``) rendered as plain text with its marks.

    ``clicked_at(offset)`` is emitted on a plain left click (or Enter at the text cursor),
    ``context_at(offset, selection_start, selection_end, global_pos)`` on right-click;
    offsets are ``str`` indices into the analysed text.
    """

    clicked_at = Signal(int)
    context_at = Signal(int, int, int, QPoint)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setReadOnly(True)
        self.setMouseTracking(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.report: ArticleReport | None = None
        self.positions: list[int] = [0]
        self.shown: list[Highlight] = []
        #: Qt ranges drawn as bands (marked sentences), bars (only here) and boxes (contrasts).
        self.bands: list[tuple[int, int]] = []
        self.bars: list[tuple[int, int]] = []
        self.boxes: list[tuple[int, int]] = []
        #: Tooltip text at a Qt position ("" for none); set by the column.
        self.describe: Callable[[int], str] = lambda _position: ""

    # -- content ------------------------------------------------------------------------------

    def show_report(
        self, report: ArticleReport, shown: Sequence[Highlight] = (), font: QFont | None = None
    ) -> None:
        """Render ``report.text`` (as plain text: never HTML from an article) in ``font`` with
        the highlights ``shown``; the document is complete before it is attached, so it is
        laid out once."""
        if font is not None:
            self.setFont(font)  # while the old document is still here: no relayout of the new
        self.report = report
        self.positions = utf16_positions(report.text)
        document = QTextDocument(self)
        document.setUndoRedoEnabled(False)
        document.setDocumentMargin(MARGIN)
        document.setDefaultFont(self.font())
        document.setPlainText(report.text)
        cursor = QTextCursor(document)
        cursor.select(QTextCursor.SelectionType.Document)
        spacing = QTextBlockFormat()
        # Looser lines read better on a projector and leave room for the underlines.
        spacing.setLineHeight(125, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        cursor.mergeBlockFormat(spacing)
        self._format(document, shown)
        self.setDocument(document)

    def show_highlights(self, shown: Sequence[Highlight]) -> None:
        """Replace the highlights with ``shown`` (Qt positions of the shown report)."""
        if self.report is not None:
            self._format(self.document(), shown)

    def _format(self, document: QTextDocument, shown: Sequence[Highlight]) -> None:
        assert self.report is not None
        self.shown = list(shown)
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.setCharFormat(QTextCharFormat())
        self._merge(cursor, 0, self.positions[len(self.report.title)], title_format())
        for highlight in self.shown:
            self._merge(cursor, highlight.start, highlight.end, highlight_format(highlight))
        cursor.endEditBlock()

    @staticmethod
    def _merge(cursor: QTextCursor, start: int, end: int, fmt: QTextCharFormat) -> None:
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(fmt)

    # -- positions ----------------------------------------------------------------------------

    def qt_position(self, offset: int) -> int:
        """The Qt position of ``str`` offset ``offset``."""
        return self.positions[min(max(offset, 0), len(self.positions) - 1)]

    def offset(self, qt_position: int) -> int:
        """The ``str`` offset of Qt position ``qt_position``."""
        return text_offset(self.positions, qt_position)

    def position_at(self, point: QPoint) -> int:
        """The Qt position under viewport point ``point``."""
        return self.cursorForPosition(point).position()

    def range_rect(self, start: int, end: int) -> QRect:
        """The viewport rectangle of the lines from Qt position ``start`` to ``end``."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        top = self.cursorRect(cursor)
        cursor.setPosition(end)
        bottom = self.cursorRect(cursor)
        return QRect(0, top.top(), self.viewport().width(), bottom.bottom() - top.top() + 1)

    def document_span(self, start: int, end: int) -> tuple[int, int]:
        """The vertical extent of Qt range ``[start, end)`` in document pixels."""
        rect = self.range_rect(start, end)
        scrolled = self.verticalScrollBar().value()
        return rect.top() + scrolled, rect.bottom() + scrolled

    # -- painting -----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        visible = event.rect()
        if self.bands:
            # Under the text: the band is painted first so highlights stay visible on it.
            painter = QPainter(self.viewport())
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            pen = QPen(BAND_LINE, 1.2)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            painter.setBrush(BAND_FILL)
            for start, end in self.bands:
                if self.range_rect(start, end).intersects(visible):
                    painter.drawPath(self._band_path(start, end))
            painter.end()
        super().paintEvent(event)
        if not (self.bars or self.boxes):
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for start, end in self.bars:
            rect = self.range_rect(start, end)
            bar = QRect(4, rect.top() + 2, 4, max(rect.height() - 4, 4))
            if bar.intersects(visible):
                painter.fillRect(bar, BAR_COLOUR)
        light = QPen(BOX_LIGHT, 1.0, Qt.PenStyle.DotLine)
        strong = QPen(BOX_COLOUR, 1.4, Qt.PenStyle.DashLine)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for start, end in self.boxes:
            framed = any(b_start <= start and end <= b_end for b_start, b_end in self.bands)
            painter.setPen(strong if framed else light)
            for box in self._phrase_rects(start, end):
                if box.intersects(visible):
                    painter.drawRoundedRect(QRectF(box).adjusted(-1.5, 0, 1.5, 0), 3, 3)
        painter.end()

    def _band_path(self, start: int, end: int) -> QPainterPath:
        """The outline of Qt range ``[start, end)``: from its first character to its last,
        whole lines between (so the neighbouring sentences on its lines stay outside)."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        first = QRectF(self.cursorRect(cursor))
        cursor.setPosition(end)
        last = QRectF(self.cursorRect(cursor))
        left, right = MARGIN - 3.0, self.viewport().width() - MARGIN + 6.0
        path = QPainterPath()
        if first.top() == last.top():
            path.addRect(
                QRectF(
                    first.left() - 3,
                    first.top() - 2,
                    last.left() - first.left() + 6,
                    first.height() + 4,
                )
            )
            return path
        path.addRect(
            QRectF(first.left() - 3, first.top() - 2, right - first.left() + 3, first.height() + 2)
        )
        if last.top() > first.bottom() + 1:
            path.addRect(QRectF(left, first.bottom(), right - left, last.top() - first.bottom()))
        path.addRect(QRectF(left, last.top() - 1, last.left() + 3 - left, last.height() + 3))
        return path.simplified()

    def _phrase_rects(self, start: int, end: int) -> list[QRect]:
        """One rectangle per line of the phrase at Qt ``[start, end)`` (viewport pixels)."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        first = self.cursorRect(cursor)
        cursor.setPosition(end)
        last = self.cursorRect(cursor)
        if first.top() == last.top():
            return [QRect(first.left(), first.top(), last.left() - first.left(), first.height())]
        right = self.viewport().width() - MARGIN
        return [
            QRect(first.left(), first.top(), right - first.left(), first.height()),
            QRect(MARGIN, last.top(), last.left() - MARGIN, last.height()),
        ]

    # -- events -------------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            point = self.viewport().mapFromGlobal(event.globalPos())
            text = self.describe(self.position_at(point))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        super().mouseReleaseEvent(event)
        # A plain click (not the end of a text selection) picks the sentence under it.
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            self.clicked_at.emit(self.offset(self.position_at(event.position().toPoint())))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        # Enter picks the sentence at the text cursor, as a click does (keyboard users too).
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.clicked_at.emit(self.offset(self.textCursor().position()))
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt override)
        selection = self.textCursor()
        self.context_at.emit(
            self.offset(self.position_at(event.pos())),
            self.offset(selection.selectionStart()),
            self.offset(selection.selectionEnd()),
            event.globalPos(),
        )

    def show_standard_menu(self, global_pos: QPoint) -> None:
        """Qt's own menu (Copy, Select All), for when nothing else handles a right-click."""
        menu = self.createStandardContextMenu(self.viewport().mapFromGlobal(global_pos))
        menu.exec(global_pos)
        menu.deleteLater()
