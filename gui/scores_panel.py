"""The scores panel: the measures of the article being read, or of each compared article, as
bars and a frame chart drawn by the same painters as the PDF handout (``export.charts``).

Each article keeps its export colour and fill pattern, so the panel, the handout and a
greyscale print name the articles alike. In classroom mode the panel shows only loaded words
in the outlet's own voice and the top frames, in large type.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from analysis.compare import Comparison
from analysis.report import ArticleReport
from export.charts import (
    frame_chart_height,
    paint_frame_chart,
    paint_score_bars,
    score_bars_height,
)
from export.content import FrameChart, ScoreBars, frames_of, score_bars
from export.glossary import score_meaning
from export.palette import ARTICLE_COLOURS

#: The bars the panel shows, in order (the classroom keeps only the first).
SHOWN_SCORES = (
    "loaded_per_100_words",
    "loaded_per_100_words_quoted",
    "tone",
    "subjectivity",
    "hedges_per_100_words",
    "flesch_kincaid_grade",
)
#: Rates of loaded words share one axis, so own voice and quotes compare at a glance.
_LOADED = ("loaded_per_100_words", "loaded_per_100_words_quoted")
#: Frames shown in classroom mode.
CLASSROOM_FRAMES = 3
#: How much larger the charts are drawn in classroom mode.
CLASSROOM_SCALE = 1.9
#: How much larger than print size charts are drawn on screen.
SCREEN_SCALE = 1.15

_FRAME_TIP = (
    "Share of the article's sentences that take each angle (frame); “no frame” counts the "
    "sentences without a clear one."
)
_SOURCES_TIP = "Who the article lets speak: named people and bodies, and unnamed sources."
_TERMS_TIP = "Words each article uses markedly more than the others (log-likelihood)."


class ChartCanvas(QWidget):
    """A widget that draws one chart with a painter from ``export.charts``, on paper white.

    Parameters
    ----------
    paint
        ``paint(painter, rect)`` draws the chart into ``rect`` (device coordinates).
    height_points
        The chart's height in points at print size.
    """

    def __init__(
        self,
        paint: Callable[[QPainter, QRectF], None],
        height_points: float,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._paint = paint
        self._points = height_points
        self.scale = SCREEN_SCALE
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self._height())

    #: The narrowest a chart is drawn, in points: large type in a narrow panel would leave
    #: no room for names, so the scale gives way first.
    MIN_WIDTH_POINTS = 230.0

    def _effective(self) -> float:
        room = self.width() / (self.MIN_WIDTH_POINTS * self.logicalDpiX() / 72.0)
        return max(1.0, min(self.scale, room)) if self.width() > 0 else self.scale

    def _height(self) -> int:
        return round(self._points * self.logicalDpiY() / 72.0 * self._effective()) + 8

    def set_scale(self, scale: float) -> None:
        """Draw ``scale`` times print size (less when the panel is too narrow for it)."""
        self.scale = scale
        self.setFixedHeight(self._height())
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.setFixedHeight(self._height())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(240, self._height())

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        # Charts are drawn in print colours, so they sit on paper in any theme.
        painter.fillRect(self.rect(), QColor("white"))
        # The painter's units follow the device's resolution; scaling the painter (and the
        # rectangle inversely) enlarges text, bars and patterns alike.
        scale = self._effective()
        painter.scale(scale, scale)
        area = QRectF(4, 4, self.width() / scale - 8, self.height() / scale - 8)
        self._paint(painter, area)
        painter.end()


def _bars_canvas(bars: ScoreBars) -> ChartCanvas:
    canvas = ChartCanvas(
        lambda painter, rect: paint_score_bars(painter, rect, bars), score_bars_height(bars)
    )
    canvas.bars = bars  # what it shows, for tests and screen readers
    canvas.setToolTip(score_meaning(bars.key))
    canvas.setAccessibleName(bars.name)
    canvas.setAccessibleDescription(
        "; ".join(f"{n}: {t}" for n, t in zip(bars.series, bars.texts, strict=True))
    )
    return canvas


def _frame_canvas(chart: FrameChart) -> ChartCanvas:
    canvas = ChartCanvas(
        lambda painter, rect: paint_frame_chart(painter, rect, chart), frame_chart_height(chart)
    )
    canvas.chart = chart
    canvas.setToolTip(_FRAME_TIP)
    canvas.setAccessibleName("Frames")
    return canvas


def _heading(text: str, tip: str = "") -> QLabel:
    label = QLabel(f"<b>{escape(text)}</b>")
    label.setToolTip(tip)
    return label


def _swatch(index: int) -> str:
    colour = ARTICLE_COLOURS[index % len(ARTICLE_COLOURS)]
    return f'<span style="color:{colour}">■</span>'


def sources_html(series: Sequence[str], reports: Sequence[ArticleReport]) -> str:
    """Who each article quotes or reports, named first, as rich text for a label."""
    parts = []
    for index, (name, report) in enumerate(zip(series, reports, strict=True)):
        named = [s for s in report.speakers if s.named]
        unnamed = [s for s in report.speakers if not s.named]
        people = ", ".join(escape(s.speaker) for s in named) or "none"
        line = f"{_swatch(index)} <b>{escape(name)}</b>: {len(named)} named ({people})"
        if unnamed:
            anonymous = ", ".join(escape(s.speaker) for s in unnamed)
            line += f"; {len(unnamed)} unnamed ({anonymous})"
        else:
            line += "; no unnamed sources"
        parts.append(line)
    return "<br>".join(parts)


def terms_html(series: Sequence[str], comparison: Comparison) -> str:
    """The distinctive terms of each compared article, as rich text for a label."""
    terms: dict[int, list[str]] = {}
    for term in comparison.keyness:
        terms.setdefault(term.article, []).append(term.term)
    return "<br>".join(
        f"{_swatch(i)} <b>{escape(name)}</b>: {escape(', '.join(terms.get(i, [])) or '—')}"
        for i, name in enumerate(series)
    )


class ScoresPanel(QDockWidget):
    """A dock with the scores of what the centre shows (View > Scores Panel)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Scores"), parent)
        self.setObjectName("scores-dock")  # saveState/restoreState find it by name
        self.setAllowedAreas(
            Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setAccessibleName(self.tr("Scores"))
        self.setWidget(self.scroll)
        self.setMinimumWidth(240)
        self.simplified = False
        self.series: tuple[str, ...] = ()
        self.reports: tuple[ArticleReport, ...] = ()
        self.comparison: Comparison | None = None
        self.bars: dict[str, ChartCanvas] = {}
        self.frames: ChartCanvas | None = None
        self.sources: QLabel | None = None
        self.terms: QLabel | None = None
        self.legend: QLabel | None = None
        self._render()

    # -- what to show ------------------------------------------------------------------------

    def show_article(self, report: ArticleReport | None, name: str = "") -> None:
        """Show one article's scores (``None``: nothing to show)."""
        if report is None or not report.available:
            self.series, self.reports = (), ()
        else:
            self.series, self.reports = (name or report.title,), (report,)
        self.comparison = None
        self._render()

    def show_comparison(self, names: Sequence[str], comparison: Comparison) -> None:
        """Show each compared article's scores, named ``names`` (``A · Outlet``)."""
        self.series, self.reports = tuple(names), tuple(comparison.articles)
        self.comparison = comparison
        self._render()

    def set_simplified(self, simplified: bool) -> None:
        """Classroom mode: only loaded words and the top frames, in large type."""
        if simplified != self.simplified:
            self.simplified = simplified
            self._render()

    # -- drawing -----------------------------------------------------------------------------

    def _render(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 6, 6, 6)
        self.bars, self.frames, self.sources, self.terms = {}, None, None, None
        self.legend = None
        if not self.reports:
            empty = QLabel(self.tr("Open an article or a comparison to see its scores."))
            empty.setWordWrap(True)
            layout.addWidget(empty)
            layout.addStretch(1)
            self.scroll.setWidget(page)
            return
        scale = CLASSROOM_SCALE if self.simplified else SCREEN_SCALE
        keys = SHOWN_SCORES[:1] if self.simplified else SHOWN_SCORES
        # Charts name the articles by letter (a single article needs no name); the full
        # names, with each article's colour, head the panel.
        comparing = len(self.reports) > 1
        letters = [chr(ord("A") + i) for i in range(len(self.reports))] if comparing else [""]
        self.legend = self._text(
            "<br>".join(f"{_swatch(i)} {escape(n)}" for i, n in enumerate(self.series)),
            self.tr("Hover a chart for what it measures."),
        )
        layout.addWidget(self.legend)
        # Own voice and quotes on one axis (the nicely rounded end of the larger).
        loaded_top = max(score_bars(k, letters, self.reports).high for k in _LOADED)
        for key in keys:
            top = loaded_top if key in _LOADED else None
            bars = score_bars(key, letters, self.reports, top=top)
            canvas = _bars_canvas(bars)
            canvas.set_scale(scale)
            self.bars[key] = canvas
            layout.addWidget(canvas)
        limit = CLASSROOM_FRAMES if self.simplified else 7
        chart = frames_of(letters, self.reports, limit=limit, no_frame=not self.simplified)
        if chart.rows:
            layout.addWidget(_heading(self.tr("Frames"), _FRAME_TIP))
            self.frames = _frame_canvas(chart)
            self.frames.set_scale(scale)
            layout.addWidget(self.frames)
        if not self.simplified:
            layout.addWidget(_heading(self.tr("Who speaks"), _SOURCES_TIP))
            self.sources = self._text(sources_html(self.series, self.reports), _SOURCES_TIP)
            layout.addWidget(self.sources)
            if self.comparison is not None and self.comparison.keyness:
                layout.addWidget(_heading(self.tr("Distinctive words"), _TERMS_TIP))
                self.terms = self._text(terms_html(self.series, self.comparison), _TERMS_TIP)
                layout.addWidget(self.terms)
        layout.addStretch(1)
        self.scroll.setWidget(page)  # the previous page is deleted with it

    def _text(self, html: str, tip: str) -> QLabel:
        label = QLabel(html)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setToolTip(tip)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label


if __name__ == "__main__":  # a preview with the demo story: python -m gui.scores_panel
    import sys
    import tempfile

    from PySide6.QtWidgets import QApplication

    from library import Library

    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder, Library.open(f"sqlite:///{folder}/l.db") as lib:
        ids = lib.add_demo_story()
        compared = lib.compare(ids)
        panel = ScoresPanel()
        panel.show_comparison([a.outlet or "" for a in compared.articles], compared.comparison)
        panel.resize(360, 800)
        panel.show()
        app.exec()
