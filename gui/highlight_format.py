"""Highlights as Qt text formats and legend samples: one look for the reader, the comparison
columns, the legend, the glossary and the printed handout.

The look comes from :mod:`export.palette`, the table the PDFs use too, so a class sees the
same marks on the screen and on paper: the outlet's own words get their category's light fill
(shaded by confidence on screen) and its underline style in a darker ink; a speaker's words
(quoted or reported) keep their category's underline but get no fill — the outlet did not
choose them. The underline styles tell the categories apart without colour.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
    QTextCharFormat,
)

from export.palette import fill_of, ink_of, underline_of
from gui.highlights import Highlight, shaded

_STYLE = QTextCharFormat.UnderlineStyle

#: The palette's underline codes as Qt text underlines.
UNDERLINE_STYLES: dict[str, QTextCharFormat.UnderlineStyle] = {
    "solid": _STYLE.SingleUnderline,
    "dash": _STYLE.DashUnderline,
    "dot": _STYLE.DotLine,
    "dashdot": _STYLE.DashDotLine,
    "dashdotdot": _STYLE.DashDotDotLine,
    "wave": _STYLE.WaveUnderline,
}

#: The same codes as pen styles, for legend samples ("wave" is drawn as a path).
_PEN_STYLES = {
    "solid": Qt.PenStyle.SolidLine,
    "dash": Qt.PenStyle.DashLine,
    "dot": Qt.PenStyle.DotLine,
    "dashdot": Qt.PenStyle.DashDotLine,
    "dashdotdot": Qt.PenStyle.DashDotDotLine,
}

#: Text on a light fill: dark in every theme, or light text on a light fill would vanish.
FILL_TEXT = "#111111"
#: The legend's speaker's-words sample: a grey that shows on light and dark backgrounds.
_SAMPLE_INK = "#8A8A8A"


def underline_style(label: str) -> QTextCharFormat.UnderlineStyle:
    """The Qt underline of a category (the palette's; solid for an unknown label)."""
    return UNDERLINE_STYLES.get(underline_of(label), _STYLE.SingleUnderline)


def category_format(
    label: str,
    *,
    speaker_words: bool = False,
    dark: bool = False,
    fill: str | None = None,
) -> QTextCharFormat:
    """The character format of a ``label`` highlight (merged over the text's own format).

    Parameters
    ----------
    label
        The loaded-language category.
    speaker_words
        The words are a speaker's (quoted or reported): underline only, no fill.
    dark
        The text is drawn on a dark background (dark theme): a speaker's words are
        underlined in the light category colour, which shows there; the dark ink would not.
        Filled words keep dark text, which reads on the light fill in every theme.
    fill
        The fill, when the caller has it already (a confidence shade); default: the
        category's own.
    """
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(underline_style(label))
    if speaker_words:
        fmt.setUnderlineColor(QColor(fill_of(label) if dark else ink_of(label)))
        return fmt
    fmt.setBackground(QColor(fill or fill_of(label)))
    fmt.setForeground(QColor(FILL_TEXT))
    fmt.setUnderlineColor(QColor(ink_of(label)))
    return fmt


def highlight_format(highlight: Highlight, *, dark: bool = False) -> QTextCharFormat:
    """The character format of a highlight of the reader or a comparison column: its fill
    shaded by confidence (weak candidates pale, sure ones in the full category colour)."""
    return category_format(
        highlight.span.label,
        speaker_words=highlight.speaker_words,
        dark=dark,
        fill=shaded(highlight.colour, highlight.span.score),
    )


def plain_format(palette: QPalette) -> QTextCharFormat:
    """Merged over a highlight, takes it away again (fill, underline and fill text)."""
    fmt = QTextCharFormat()
    fmt.setBackground(QBrush())
    fmt.setForeground(palette.text())
    fmt.setUnderlineStyle(_STYLE.NoUnderline)
    return fmt


def _draw_underline(painter: QPainter, code: str, left: float, right: float, y: float) -> None:
    if code != "wave":
        painter.drawLine(QPointF(left, y), QPointF(right, y))
        return
    pen = painter.pen()
    pen.setStyle(Qt.PenStyle.SolidLine)
    painter.setPen(pen)
    path = QPainterPath(QPointF(left, y))
    x, up = left, True
    while x < right:
        path.quadTo(QPointF(x + 1.5, y + (-2 if up else 2)), QPointF(x + 3, y))
        x, up = x + 3, not up
    painter.drawPath(path)


def _sample(fill: str | None, ink: str, code: str, size: int) -> QPixmap:
    width, height = round(size * 1.6), size
    pixmap = QPixmap(width, height)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if fill is not None:
        painter.fillRect(QRectF(1, 1, width - 2, height - 6), QColor(fill))
    painter.setPen(QPen(QColor(ink), 1.6, _PEN_STYLES.get(code, Qt.PenStyle.SolidLine)))
    _draw_underline(painter, code, 1, width - 1, height - 3)
    painter.end()
    return pixmap


def category_sample(category: str, size: int = 18) -> QPixmap:
    """A legend swatch: the category's fill with its underline beneath, in its ink."""
    return _sample(fill_of(category), ink_of(category), underline_of(category), size)


def speaker_sample(size: int = 18) -> QPixmap:
    """A legend swatch for a speaker's words: an underline and no fill."""
    return _sample(None, _SAMPLE_INK, "solid", size)


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
