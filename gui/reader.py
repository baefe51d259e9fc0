"""Reading one article: its text as stored, then its highlights with the reason on hover."""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QEvent
from PySide6.QtGui import QHelpEvent, QTextCursor, QTextFormat
from PySide6.QtWidgets import QTextBrowser, QToolTip, QWidget

from analysis.report import ArticleReport
from gui.highlight_format import cleared_format, highlight_format
from gui.highlights import Highlight, highlights, span_at
from library import ArticleDetail


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
        at ``threshold`` and not in a ``hidden`` category (see :func:`highlights`), in place
        of those shown before."""
        cursor = QTextCursor(self.document())
        for highlight in self._shown:
            cursor.setPosition(highlight.start)
            cursor.setPosition(highlight.end, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(cleared_format())
        self._shown = highlights(report, threshold, hidden)
        for highlight in self._shown:
            cursor.setPosition(highlight.start)
            cursor.setPosition(highlight.end, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(highlight_format(highlight))

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
