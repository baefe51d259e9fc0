"""Highlights as Qt text formats and legend samples: one look for the reader and the columns.

A highlight in the outlet's voice gets its category colour as a background, shaded by
confidence, and its category's underline style; a speaker's words get a wave underline in the
category colour and no background (they are the speaker's, not the outlet's).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPixmap, QTextCharFormat

from gui.highlights import CATEGORY_COLOURS, CATEGORY_UNDERLINES, Highlight, shaded

_UNDERLINE_STYLES = {
    "solid": QTextCharFormat.UnderlineStyle.SingleUnderline,
    "dash": QTextCharFormat.UnderlineStyle.DashUnderline,
    "dot": QTextCharFormat.UnderlineStyle.DotLine,
    "dash-dot": QTextCharFormat.UnderlineStyle.DashDotLine,
    "dash-dot-dot": QTextCharFormat.UnderlineStyle.DashDotDotLine,
    "double": QTextCharFormat.UnderlineStyle.SingleUnderline,
}

_PEN_STYLES = {
    "solid": Qt.PenStyle.SolidLine,
    "dash": Qt.PenStyle.DashLine,
    "dot": Qt.PenStyle.DotLine,
    "dash-dot": Qt.PenStyle.DashDotLine,
    "dash-dot-dot": Qt.PenStyle.DashDotDotLine,
    "double": Qt.PenStyle.SolidLine,
}

#: Grey for a category the palette does not know (a label from a newer analyser).
UNKNOWN_COLOUR = "#DDDDDD"


def line_colour(category: str) -> QColor:
    """The darker shade of a category colour that underlines and wave lines are drawn in."""
    return QColor(CATEGORY_COLOURS.get(category, UNKNOWN_COLOUR)).darker(170)


def highlight_format(highlight: Highlight) -> QTextCharFormat:
    """The character format that marks ``highlight`` (merged over the text's own format)."""
    fmt = QTextCharFormat()
    category = highlight.span.label
    fmt.setUnderlineColor(line_colour(category))
    if highlight.speaker_words:
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        return fmt
    fmt.setBackground(QColor(shaded(highlight.colour, highlight.span.score)))
    style = CATEGORY_UNDERLINES.get(category, "solid")
    fmt.setUnderlineStyle(_UNDERLINE_STYLES[style])
    fmt.setFontOverline(style == "double")
    return fmt


def cleared_format() -> QTextCharFormat:
    """A format that, merged over a highlight, removes it (and leaves the rest alone)."""
    fmt = QTextCharFormat()
    fmt.setBackground(QBrush(Qt.BrushStyle.NoBrush))
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.NoUnderline)
    fmt.setFontOverline(False)
    return fmt


def category_sample(category: str, size: int = 18) -> QPixmap:
    """A legend swatch: the category colour with its underline style beneath."""
    width, height = round(size * 1.6), size
    pixmap = QPixmap(width, height)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    box = QRectF(1, 1, width - 2, height - 5)
    painter.fillRect(box, QColor(CATEGORY_COLOURS.get(category, UNKNOWN_COLOUR)))
    style = CATEGORY_UNDERLINES.get(category, "solid")
    pen = QPen(line_colour(category), 1.6, _PEN_STYLES[style])
    painter.setPen(pen)
    painter.drawLine(QPointF(1, height - 2), QPointF(width - 1, height - 2))
    if style == "double":
        painter.drawLine(QPointF(1, 1), QPointF(width - 1, 1))
    painter.end()
    return pixmap


def wave_sample(size: int = 18) -> QPixmap:
    """A legend swatch for a speaker's words: a wave underline and no background."""
    width, height = round(size * 1.6), size
    pixmap = QPixmap(width, height)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = QPainterPath(QPointF(1, height - 3))
    x, up = 1.0, True
    while x < width - 1:
        path.quadTo(QPointF(x + 1.5, height - (5 if up else 1)), QPointF(x + 3, height - 3))
        x, up = x + 3, not up
    painter.setPen(QPen(QColor("#555555"), 1.2))
    painter.drawPath(path)
    painter.end()
    return pixmap


def category_name(category: str) -> str:
    """A category's name as the reader sees it."""
    names = {
        "emotional": QCoreApplication.translate("Highlights", "Emotional"),
        "labelling": QCoreApplication.translate("Highlights", "Labelling"),
        "exaggeration": QCoreApplication.translate("Highlights", "Exaggeration"),
        "doubt": QCoreApplication.translate("Highlights", "Doubt"),
        "loaded_attribution": QCoreApplication.translate("Highlights", "Loaded attribution"),
        "euphemism": QCoreApplication.translate("Highlights", "Euphemism"),
    }
    return names.get(category, category.replace("_", " ").capitalize())


def voice_text(voice: str, speaker: str | None) -> str:
    """Whose words a highlight is in, in one phrase."""
    tr = QCoreApplication.translate
    if voice == "quoted":
        if speaker:
            return tr("Highlights", "Quoted words of %1").replace("%1", speaker)
        return tr("Highlights", "Quoted words (speaker not named)")
    if voice == "reported":
        if speaker:
            return tr("Highlights", "Reported speech of %1").replace("%1", speaker)
        return tr("Highlights", "Reported speech (speaker not named)")
    return tr("Highlights", "The outlet's own words")
