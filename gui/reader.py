"""Reading one article: its text as stored, then its highlights with the reason on hover."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QHelpEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextBrowser, QToolTip, QWidget

from analysis.report import ArticleReport
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
