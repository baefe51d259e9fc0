"""Charts drawn with a ``QPainter`` on any paint device: a PDF page, an image, a widget.

The window's scores panel and every export call the same painter, so a chart looks the same
on screen and on paper. Sizes are in points and converted with the device's resolution; each
article's bars have a colour *and* a fill pattern, so they stay apart in greyscale print.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QTransform

from export.content import FrameChart, ScoreBars
from export.palette import ARTICLE_COLOURS, ARTICLE_PATTERNS

_PATTERNS = {
    "solid": Qt.BrushStyle.SolidPattern,
    "diagonal": Qt.BrushStyle.BDiagPattern,
    "dots": Qt.BrushStyle.Dense5Pattern,
    "cross": Qt.BrushStyle.DiagCrossPattern,
}

#: Layout in points.
LEGEND_HEIGHT = 16.0
BAR_HEIGHT = 6.5
ROW_GAP = 5.0
AXIS_HEIGHT = 14.0
FONT_POINTS = 7.5
#: Score bars: a title line, then one row per article.
TITLE_HEIGHT = 12.0
SCORE_ROW = 10.0


def points_to_pixels(painter: QPainter) -> float:
    """Device pixels per typographic point of the painter's device."""
    return painter.device().logicalDpiY() / 72.0


def _begin(painter: QPainter, family: str | None) -> tuple[float, QFont, QFontMetricsF, QColor]:
    """Save the painter and set it up for a chart: antialiasing and the label font. Returns
    the pixels per point, the font, its metrics on the device and the ink colour; the caller
    restores the painter when done."""
    unit = points_to_pixels(painter)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    font = QFont(painter.font())
    if family:
        font.setFamily(family)
    font.setPointSizeF(FONT_POINTS)
    painter.setFont(font)
    return unit, font, QFontMetricsF(font, painter.device()), QColor("#222222")


def frame_chart_height(chart: FrameChart) -> float:
    """The height, in points, :func:`paint_frame_chart` needs for ``chart``."""
    row = BAR_HEIGHT * len(chart.series) + ROW_GAP
    return LEGEND_HEIGHT + row * len(chart.rows) + AXIS_HEIGHT


def _series_brush(index: int, unit: float) -> QBrush:
    colour = QColor(ARTICLE_COLOURS[index % len(ARTICLE_COLOURS)])
    brush = QBrush(colour, _PATTERNS[ARTICLE_PATTERNS[index % len(ARTICLE_PATTERNS)]])
    # Qt's patterns are 8 device pixels wide: scale them to about 2.5 points on any device.
    scale = 2.5 * unit / 8
    brush.setTransform(QTransform.fromScale(scale, scale))
    return brush


def _bar(painter: QPainter, rect: QRectF, index: int, unit: float) -> None:
    colour = QColor(ARTICLE_COLOURS[index % len(ARTICLE_COLOURS)])
    painter.fillRect(rect, QColor("white"))
    painter.fillRect(rect, _series_brush(index, unit))
    painter.setPen(QPen(colour, 0.6 * unit))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect)


def _axis_top(values: list[float]) -> float:
    """The axis maximum: the largest share rounded up to the next 10 %, at least 10 %."""
    largest = max(values, default=0.0)
    return max(0.1, math.ceil(largest * 10 - 1e-9) / 10)


def paint_frame_chart(
    painter: QPainter, rect: QRectF, chart: FrameChart, *, family: str | None = None
) -> None:
    """Draw ``chart`` as grouped horizontal bars inside ``rect`` (device coordinates).

    Parameters
    ----------
    painter
        An active painter on any device (PDF writer, image, widget).
    rect
        Where to draw; the height :func:`frame_chart_height` gives fits best.
    chart
        Frame shares per article.
    family
        Font family for the labels (the painter's font when ``None``).
    """
    unit, font, metrics, ink = _begin(painter, family)

    # Legend: a swatch and the article's name per series, left to right.
    x = rect.left()
    swatch = 9 * unit
    for index, name in enumerate(chart.series):
        box = QRectF(x, rect.top() + 2 * unit, swatch, swatch * 0.7)
        _bar(painter, box, index, unit)
        painter.setPen(ink)
        painter.drawText(QPointF(box.right() + 3 * unit, box.bottom()), name)
        x = box.right() + 3 * unit + metrics.horizontalAdvance(name) + 12 * unit

    label_width = min(
        rect.width() * 0.32,
        max((metrics.horizontalAdvance(r) for r in chart.rows), default=0) + 8 * unit,
    )
    value_room = metrics.horizontalAdvance("100 %") + 6 * unit
    plot = QRectF(
        rect.left() + label_width,
        rect.top() + LEGEND_HEIGHT * unit,
        max(rect.width() - label_width - value_room, 10 * unit),
        rect.height() - (LEGEND_HEIGHT + AXIS_HEIGHT) * unit,
    )
    top = _axis_top([v for series in chart.values for v in series])

    # Grid lines and axis labels every 10 %.
    painter.setPen(QPen(QColor("#BBBBBB"), 0.4 * unit))
    steps = round(top * 10)
    for step in range(steps + 1):
        gx = plot.left() + plot.width() * step / steps
        painter.drawLine(QPointF(gx, plot.top()), QPointF(gx, plot.bottom()))
    painter.setPen(ink)
    for step in range(0, steps + 1, max(1, steps // 5)):
        gx = plot.left() + plot.width() * step / steps
        label = f"{step * 10}\u00a0%"
        width = metrics.horizontalAdvance(label)
        painter.drawText(
            QPointF(gx - width / 2, plot.bottom() + metrics.ascent() + 3 * unit), label
        )

    row_height = BAR_HEIGHT * len(chart.series) * unit + ROW_GAP * unit
    for row, name in enumerate(chart.rows):
        y = plot.top() + row * row_height + ROW_GAP * unit / 2
        painter.setPen(ink)
        label_box = QRectF(
            rect.left(), y, label_width - 6 * unit, BAR_HEIGHT * len(chart.series) * unit
        )
        painter.drawText(
            label_box,
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            metrics.elidedText(name, Qt.TextElideMode.ElideRight, label_box.width()),
        )
        for index, series in enumerate(chart.values):
            share = series[row] if row < len(series) else 0.0
            bar = QRectF(
                plot.left(),
                y + index * BAR_HEIGHT * unit,
                plot.width() * min(share, top) / top,
                BAR_HEIGHT * unit * 0.82,
            )
            if bar.width() > 0:
                _bar(painter, bar, index, unit)
            painter.setPen(ink)
            small = QFont(font)
            small.setPointSizeF(FONT_POINTS * 0.75)
            painter.setFont(small)
            painter.drawText(
                QPointF(bar.right() + 2 * unit, bar.bottom() - 0.5 * unit),
                f"{share * 100:.0f}\u00a0%",
            )
            painter.setFont(font)
    painter.restore()


def score_bars_height(bars: ScoreBars) -> float:
    """The height, in points, :func:`paint_score_bars` needs for ``bars``."""
    return TITLE_HEIGHT + SCORE_ROW * len(bars.series) + 2.0


def paint_score_bars(
    painter: QPainter,
    rect: QRectF,
    bars: ScoreBars,
    *,
    family: str | None = None,
    title: bool = True,
) -> None:
    """Draw one score across articles inside ``rect``: its name, then per article a labelled
    bar (colour and pattern as in :func:`paint_frame_chart`) and the value as text.

    Parameters
    ----------
    painter
        An active painter on any device (PDF writer, image, widget).
    rect
        Where to draw; the height :func:`score_bars_height` gives fits best.
    bars
        The score's values per article, with the axis range.
    family
        Font family for the labels (the painter's font when ``None``).
    title
        Whether to write the score's name above the bars.
    """
    unit, font, metrics, ink = _begin(painter, family)
    top = rect.top()
    if title:
        bold = QFont(font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(ink)
        painter.drawText(
            QPointF(rect.left(), top + metrics.ascent() + 1 * unit),
            QFontMetricsF(bold, painter.device()).elidedText(
                bars.name, Qt.TextElideMode.ElideRight, rect.width()
            ),
        )
        painter.setFont(font)
        top += TITLE_HEIGHT * unit
    label_width = min(
        rect.width() * 0.34,
        max((metrics.horizontalAdvance(s) for s in bars.series), default=0) + 6 * unit,
    )
    value_room = max((metrics.horizontalAdvance(t) for t in bars.texts), default=0) + 6 * unit
    plot_left = rect.left() + label_width
    plot_width = max(rect.width() - label_width - value_room, 10 * unit)
    span = (bars.high - bars.low) or 1.0

    def x_of(value: float) -> float:
        clipped = min(max(value, bars.low), bars.high)
        return plot_left + plot_width * (clipped - bars.low) / span

    zero = x_of(0.0)
    bottom = top + SCORE_ROW * unit * len(bars.series)
    painter.setPen(QPen(QColor("#BBBBBB"), 0.4 * unit))
    painter.drawLine(QPointF(plot_left, bottom), QPointF(plot_left + plot_width, bottom))
    painter.drawLine(QPointF(zero, top), QPointF(zero, bottom))
    for index, (name, value, text) in enumerate(
        zip(bars.series, bars.values, bars.texts, strict=True)
    ):
        y = top + index * SCORE_ROW * unit
        height = SCORE_ROW * unit * 0.72
        painter.setPen(ink)
        label_box = QRectF(rect.left(), y, label_width - 4 * unit, height)
        painter.drawText(
            label_box,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            metrics.elidedText(name, Qt.TextElideMode.ElideRight, label_box.width()),
        )
        end = zero if value is None else x_of(value)
        bar = QRectF(min(zero, end), y, abs(end - zero), height)
        if bar.width() > 0:
            _bar(painter, bar, index, unit)
        painter.setPen(ink)
        text_x = max(zero, end) + 3 * unit
        painter.drawText(QPointF(text_x, y + height / 2 + metrics.ascent() / 2 - unit), text)
    painter.restore()
