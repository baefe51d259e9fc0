"""The glossary pane: what each highlight, voice and frame means, with examples drawn the way
the reader draws highlights, and questions for a class; in classroom mode it starts with the
shown article's highlights counted in plain words."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextListFormat
from PySide6.QtWidgets import QDockWidget, QTextBrowser, QWidget

from analysis.glossary import GlossaryTerm, load_glossary, term_name
from analysis.lexicon import LOADED_CATEGORIES
from analysis.report import ArticleReport
from gui.highlight_style import category_format
from gui.highlights import highlights
from gui.themes import is_dark


def plain_counts(report: ArticleReport, threshold: float | None = None) -> list[str]:
    """The shown highlights of ``report`` counted in plain words, one line per category
    (the classroom's simplified scores): ``"3 × Emotional language (1 in quotes)"``."""
    shown = [h.span for h in highlights(report, threshold)]
    own = Counter(s.label for s in shown if s.voice == "outlet")
    quoted = Counter(s.label for s in shown if s.voice != "outlet")
    lines = []
    others = sorted((set(own) | set(quoted)) - set(LOADED_CATEGORIES))  # a user's own labels
    for label in [*LOADED_CATEGORIES, *others]:
        total = own[label] + quoted[label]
        if not total:
            continue
        line = f"{total} × {term_name(label)}"
        if quoted[label]:
            line += f" ({quoted[label]} in a speaker's words)"
        lines.append(line)
    return lines


class GlossaryPane(QDockWidget):
    """A dock with the glossary (View > Glossary, and classroom mode)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Glossary"), parent)
        self.setObjectName("glossary-dock")  # saveState/restoreState find it by name
        self.setAllowedAreas(
            Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName(self.tr("Glossary"))
        self.setWidget(self.browser)
        self._report: ArticleReport | None = None
        self._threshold: float | None = None
        self._summary = False
        self.render()

    def set_article(self, report: ArticleReport | None, threshold: float | None = None) -> None:
        """The shown article, whose highlights the summary counts."""
        self._report, self._threshold = report, threshold
        if self._summary:
            self.render()

    def set_summary_shown(self, shown: bool) -> None:
        """Start with the shown article's highlights in plain words (classroom mode)."""
        self._summary = shown
        self.render()

    def show_term(self, code: str) -> None:
        """Scroll to the entry of ``code`` and show the pane."""
        self.show()
        self.raise_()
        self.browser.scrollToAnchor(code)

    def render(self) -> None:
        """Rebuild the text (after a theme or type-size change, too)."""
        scroll = self.browser.verticalScrollBar().value()
        self.browser.clear()
        cursor = QTextCursor(self.browser.document())
        size = self.browser.font().pointSizeF()
        dark = is_dark(self.browser.palette())
        if self._summary:
            self._heading(cursor, self.tr("In this article"), size * 1.3, first=True)
            lines = plain_counts(self._report, self._threshold) if self._report else []
            if not lines:
                lines = [
                    self.tr("No loaded words highlighted.")
                    if self._report
                    else self.tr("Select an article to count its highlights.")
                ]
            self._list(cursor, lines, size)
        for index, section in enumerate(load_glossary()):
            self._heading(cursor, section.title, size * 1.3, first=index == 0 and not self._summary)
            self._paragraph(cursor, section.intro, size)
            for term in section.terms:
                self._term(cursor, term, size, dark, loaded=section.code == "loaded")
        self.browser.moveCursor(QTextCursor.MoveOperation.Start)
        self.browser.verticalScrollBar().setValue(scroll)

    def _term(
        self, cursor: QTextCursor, term: GlossaryTerm, size: float, dark: bool, *, loaded: bool
    ) -> None:
        name = QTextCharFormat()
        name.setFontWeight(QFont.Weight.Bold)
        name.setFontPointSize(size * 1.1)
        name.setAnchor(True)
        name.setAnchorNames([term.code])
        block = QTextBlockFormat()
        block.setTopMargin(size * 0.8)
        cursor.insertBlock(block)
        cursor.insertText(term.name, name)
        if loaded:
            cursor.insertText("  ", self._plain(size))
            cursor.insertText(self.tr("outlet's words"), category_format(term.code, dark=dark))
            cursor.insertText(" ", self._plain(size))
            cursor.insertText(
                self.tr("speaker's words"),
                category_format(term.code, speaker_words=True, dark=dark),
            )
        self._paragraph(cursor, term.definition, size)
        examples = QTextListFormat()
        examples.setStyle(QTextListFormat.Style.ListDisc)
        for number, example in enumerate(term.examples):
            self._list_item(cursor, examples, first=number == 0)
            position = 0
            for start, end in example.marks:
                cursor.insertText(example.text[position:start], self._plain(size))
                mark = category_format(term.code, dark=dark) if loaded else self._emphasis(size)
                cursor.insertText(example.text[start:end], mark)
                position = end
            cursor.insertText(example.text[position:], self._plain(size))
        ask = self._plain(size)
        ask.setFontItalic(True)
        for question in term.ask:
            cursor.insertBlock(QTextBlockFormat())
            cursor.insertText(self.tr("Ask: ") + question, ask)

    def _heading(self, cursor: QTextCursor, text: str, size: float, *, first: bool) -> None:
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setFontPointSize(size)
        block = QTextBlockFormat()
        block.setTopMargin(0 if first else size)
        if first:
            cursor.setBlockFormat(block)
        else:
            cursor.insertBlock(block)
        cursor.insertText(text, fmt)

    def _paragraph(self, cursor: QTextCursor, text: str, size: float) -> None:
        cursor.insertBlock(QTextBlockFormat())
        cursor.insertText(text, self._plain(size))

    def _list(self, cursor: QTextCursor, lines: list[str], size: float) -> None:
        fmt = QTextListFormat()
        fmt.setStyle(QTextListFormat.Style.ListDisc)
        for number, line in enumerate(lines):
            self._list_item(cursor, fmt, first=number == 0)
            cursor.insertText(line, self._plain(size))

    @staticmethod
    def _list_item(cursor: QTextCursor, fmt: QTextListFormat, *, first: bool) -> None:
        # A new block copies the format of the one before, list membership included.
        if first:
            cursor.insertBlock(QTextBlockFormat())
            cursor.createList(fmt)
        else:
            cursor.insertBlock()

    @staticmethod
    def _plain(size: float) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFontPointSize(size)
        return fmt

    @staticmethod
    def _emphasis(size: float) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFontPointSize(size)
        fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setFontUnderline(True)
        return fmt


if __name__ == "__main__":  # preview: python -m gui.glossary_pane
    import sys

    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    pane = GlossaryPane()
    pane.resize(420, 700)
    pane.show()
    sys.exit(app.exec())
