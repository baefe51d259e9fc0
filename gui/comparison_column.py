"""One column of the comparison: an outlet's header, then its analysed text with every mark.

The column renders records (the analysed article, its stored details, the comparison's
look-ups) and answers questions about positions: which highlight, which sentence, what to say
on hover. Corrections attach through :attr:`ComparisonColumn.context_requested`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from html import escape

from PySide6.QtCore import QPoint, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from analysis.compare import ContrastSide
from analysis.report import ArticleReport, Span
from gui.alignment import Alignment
from gui.column_text import MARGIN, TOP_GAP, ColumnText
from gui.highlight_format import category_name, voice_text
from gui.highlights import Highlight, HighlightSettings, span_at, visible_highlights
from library import ArticleDetail


class ComparisonColumn(QFrame):
    """The ``index``-th compared article.

    ``context_requested(article_id, offset, selection_start, selection_end, global_pos)`` is
    emitted on right-click (``str`` offsets into :attr:`report`'s text; ``article_id`` is
    ``None`` for an article read from a file); ``sentence_clicked(index, sentence)`` on a
    plain click (``sentence`` is -1 between sentences).

    Parameters
    ----------
    index
        The article's index in the comparison.
    report
        Its analysis (the text shown is ``report.text``).
    article_id
        Its ID in the library, ``None`` for a file.
    outlet
        The outlet's name as headers and tooltips say it.
    detail
        What the library stores about it (date, author), when stored.
    alignment
        Look-ups over the comparison.
    outlets
        Every compared article's outlet name, by index (for tooltips).
    settings
        Which highlights to show (the legend's choices).
    font
        The text's base font (zoom).
    """

    context_requested = Signal(object, int, int, int, QPoint)
    sentence_clicked = Signal(int, int)

    def __init__(
        self,
        index: int,
        report: ArticleReport,
        article_id: int | None,
        outlet: str,
        detail: ArticleDetail | None,
        alignment: Alignment,
        outlets: Sequence[str],
        settings: HighlightSettings,
        font: QFont,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.index = index
        self.report = report
        self.article_id = article_id
        self.outlet = outlet
        self.alignment = alignment
        self._outlets = list(outlets)
        self.marked: list[int] = []
        self.setObjectName(f"comparison-column-{index}")
        self.setFrameShape(QFrame.Shape.StyledPanel)

        self.outlet_label = QLabel(outlet)
        heading = self.outlet_label.font()
        heading.setBold(True)
        heading.setPointSizeF(heading.pointSizeF() * 1.15)
        self.outlet_label.setFont(heading)
        self.meta_label = QLabel(self._meta(detail))
        self.meta_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        header = QWidget()
        header.setObjectName("comparison-column-header")
        header_layout = QVBoxLayout(header)
        header_layout.setContentsMargins(MARGIN, 8, MARGIN, 6)
        header_layout.setSpacing(2)
        header_layout.addWidget(self.outlet_label)
        header_layout.addWidget(self.meta_label)

        self.text = ColumnText()
        self.text.setAccessibleName(
            self.tr("%1: %2").replace("%1", outlet).replace("%2", report.title)
        )
        self.text.show_report(report, self._visible(settings), font)
        self.text.describe = self.tooltip_at
        self.text.clicked_at.connect(self._on_click)
        self.text.context_at.connect(self._on_context)
        self.text.bars = [
            (self.text.qt_position(u.start), self.text.qt_position(u.end))
            for u in alignment.only_here(index)
        ]
        self._contrasts = alignment.contrasts_in(index)
        self.text.boxes = [
            (self.text.qt_position(m.side.start), self.text.qt_position(m.side.end))
            for m in self._contrasts
        ]
        self._only_here = alignment.only_here(index)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(self.text, 1)

    def _meta(self, detail: ArticleDetail | None) -> str:
        words = f"{int(self.report.scores.get('words', 0) or 0):,}"
        parts = []
        if detail is not None and detail.published is not None:
            day = detail.published
            parts.append(f"{day.day} {day:%B %Y}")
        if detail is not None and detail.author:
            parts.append(detail.author)
        parts.append(self.tr("%1 words").replace("%1", words))
        return " · ".join(parts)

    # -- highlights --------------------------------------------------------------------------

    def apply_settings(self, settings: HighlightSettings) -> None:
        """Show the highlights ``settings`` ask for (sensitivity, hidden categories)."""
        self.text.show_highlights(self._visible(settings))

    def _visible(self, settings: HighlightSettings) -> list[Highlight]:
        return visible_highlights(self.report, settings) if self.report.available else []

    @property
    def shown(self) -> list[Highlight]:
        """The highlights drawn now, in Qt positions."""
        return self.text.shown

    def highlight_at(self, qt_position: int) -> Span | None:
        """The highlighted span at Qt position ``qt_position``, if any."""
        return span_at(self.text.shown, qt_position)

    def set_text_font(self, font: QFont) -> None:
        """The base font of the text (zoom); the headline scales with it."""
        self.text.setFont(font)
        self.text.document().setDefaultFont(font)

    # -- sentences ---------------------------------------------------------------------------

    def sentence_extent(self, sentence: int) -> tuple[int, int]:
        """Top and bottom of ``sentence`` in document pixels."""
        info = self.report.sentences[sentence]
        return self.text.document_span(
            self.text.qt_position(info.start), self.text.qt_position(info.end)
        )

    def sentence_y(self, sentence: int) -> int:
        """Where ``sentence`` starts in the viewport now (pixels from its top)."""
        return self.sentence_extent(sentence)[0] - self.text.verticalScrollBar().value()

    def top_offset(self) -> int:
        """The ``str`` offset of the text at the top of the view."""
        return self.text.offset(self.text.position_at(QPoint(MARGIN + 1, TOP_GAP)))

    def top_sentence(self) -> tuple[int | None, float]:
        """The sentence at the top of the view, and how far into it the view has scrolled
        (0 at its first line, 1 past its last)."""
        sentence = self.alignment.sentence_from(self.index, self.top_offset())
        if sentence is None:
            return None, 0.0
        top, bottom = self.sentence_extent(sentence)
        y = self.text.verticalScrollBar().value() + TOP_GAP
        return sentence, min(max((y - top) / max(bottom - top, 1), 0.0), 1.0)

    def scroll_to_sentence(self, sentence: int, fraction: float = 0.0, y: int = TOP_GAP) -> None:
        """Scroll so that ``fraction`` of ``sentence`` lies ``y`` pixels below the top."""
        top, bottom = self.sentence_extent(sentence)
        self.text.verticalScrollBar().setValue(round(top + fraction * (bottom - top) - y))

    def mark_sentences(self, sentences: Collection[int]) -> None:
        """Frame ``sentences`` (a clicked sentence and its counterparts); empty clears."""
        self.marked = sorted(sentences)
        self.text.bands = [
            (
                self.text.qt_position(self.report.sentences[s].start),
                self.text.qt_position(self.report.sentences[s].end),
            )
            for s in self.marked
        ]
        self.text.viewport().update()

    def _on_click(self, offset: int) -> None:
        sentence = self.alignment.sentence_at(self.index, offset)
        self.sentence_clicked.emit(self.index, -1 if sentence is None else sentence)

    def _on_context(self, offset: int, start: int, end: int, global_pos: QPoint) -> None:
        self.context_requested.emit(self.article_id, offset, start, end, global_pos)

    # -- hover -------------------------------------------------------------------------------

    def tooltip_at(self, qt_position: int) -> str:
        """What hovering Qt position ``qt_position`` says (rich text; "" for nothing)."""
        offset = self.text.offset(qt_position)
        parts = []
        span = self.highlight_at(qt_position)
        if span is not None:
            parts.append(self._describe_span(span))
        for mark in self._contrasts:
            if mark.side.start <= offset < mark.side.end:
                parts.extend(self._describe_contrast(mark.side, other) for other in mark.others)
        for unique in self._only_here:
            if unique.start <= offset < unique.end:
                parts.append(self._describe_only_here(unique.facts))
        return "<br><br>".join(parts)

    def _describe_span(self, span: Span) -> str:
        confidence = self.tr("confidence %1%").replace("%1", f"{round(span.score * 100)}")
        return (
            f"<b>{escape(category_name(span.label), quote=False)}</b> · {confidence}<br>"
            f"<i>{escape(voice_text(span.voice, span.speaker), quote=False)}</i><br>"
            f"{escape(span.why, quote=False)}"
        )

    def _describe_contrast(self, side: ContrastSide, other: ContrastSide) -> str:
        text = (
            self.tr("%1 says ‘%2’ where %3 says ‘%4’")
            .replace("%1", f"<b>{escape(self.outlet, quote=False)}</b>")
            .replace("%2", escape(side.phrase, quote=False))
            .replace("%3", f"<b>{escape(self._outlets[other.article], quote=False)}</b>")
            .replace("%4", escape(other.phrase, quote=False))
        )
        return text

    def _describe_only_here(self, facts: Sequence[str]) -> str:
        text = self.tr("Only %1 reports this").replace(
            "%1", f"<b>{escape(self.outlet, quote=False)}</b>"
        )
        if facts:
            shown = ", ".join(escape(f, quote=False) for f in facts)
            text += "<br>" + self.tr("Not in the others: %1").replace("%1", shown)
        return text
