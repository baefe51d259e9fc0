"""How a highlight is drawn: a light fill in its category's colour for the outlet's own words,
no fill for a speaker's, and an underline style per category, so the categories differ
without colour too (colour-blind readers, greyscale printouts).

The underline styles are the printed handouts' (solid, dash, dot, wave, dash-dot,
dash-dot-dot), so a class sees the same marks on the screen and on paper.
"""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor, QPalette, QTextCharFormat

from gui.highlights import CATEGORY_COLOURS, Highlight

_STYLE = QTextCharFormat.UnderlineStyle

#: The underline of each loaded-language category.
CATEGORY_UNDERLINES: dict[str, QTextCharFormat.UnderlineStyle] = {
    "emotional": _STYLE.SingleUnderline,
    "labelling": _STYLE.DashUnderline,
    "exaggeration": _STYLE.DotLine,
    "doubt": _STYLE.WaveUnderline,  # a wavering line for a wavering claim
    "loaded_attribution": _STYLE.DashDotLine,
    "euphemism": _STYLE.DashDotDotLine,
}

#: Text on a light fill: dark in every theme, or light text on a light fill would vanish.
FILL_TEXT = "#111111"
_UNKNOWN = "#DDDDDD"


def underline_of(label: str) -> QTextCharFormat.UnderlineStyle:
    """The underline style of a category (solid for a label Parallax does not know)."""
    return CATEGORY_UNDERLINES.get(label, _STYLE.SingleUnderline)


def category_format(
    label: str, *, speaker_words: bool = False, dark: bool = False, colour: str | None = None
) -> QTextCharFormat:
    """The character format of a ``label`` highlight.

    Parameters
    ----------
    label
        The loaded-language category.
    speaker_words
        The words are a speaker's (quoted or reported): underline only, no fill.
    dark
        The text is drawn on a dark background (dark theme): underlines of a speaker's words
        take the light category colour, which shows there; a dark ink would not.
    colour
        The fill, when the caller has it already (default: the category's).
    """
    fill = QColor(colour or CATEGORY_COLOURS.get(label, _UNKNOWN))
    ink = fill.darker(175)
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(underline_of(label))
    if speaker_words:
        fmt.setUnderlineColor(fill if dark else ink)
    else:
        fmt.setBackground(fill)
        fmt.setForeground(QColor(FILL_TEXT))
        fmt.setUnderlineColor(ink)
    return fmt


def highlight_format(highlight: Highlight, *, dark: bool = False) -> QTextCharFormat:
    """The character format of a highlight of the reader or a comparison column."""
    return category_format(
        highlight.span.label,
        speaker_words=highlight.speaker_words,
        dark=dark,
        colour=highlight.colour,
    )


def plain_format(palette: QPalette) -> QTextCharFormat:
    """Merged over a highlight, takes it away again (fill, underline and fill text)."""
    fmt = QTextCharFormat()
    fmt.setBackground(QBrush())
    fmt.setForeground(palette.text())
    fmt.setUnderlineStyle(_STYLE.NoUnderline)
    return fmt
