"""How each loaded-language category looks, on screen and on paper: one table for the window
and every export.

Colour alone fails twice in a classroom: for colour-blind readers and on a greyscale printer.
So each category has a light fill from the Okabe–Ito colour-blind-safe palette *and* an
underline style of its own, drawn in a darker ink of the same hue. A speaker's words (quoted or
reported) keep their category's underline but get no fill: the outlet did not choose them.

Plain strings only (no Qt), so the table can be imported anywhere; renderers map the underline
codes to ``QTextCharFormat.UnderlineStyle`` or CSS.
"""

from __future__ import annotations

#: Category codes in the order legends list them.
CATEGORIES = (
    "emotional",
    "labelling",
    "exaggeration",
    "doubt",
    "loaded_attribution",
    "euphemism",
)

#: Light fills (Okabe–Ito hues, lightened so black text stays readable on them).
CATEGORY_COLOURS = {
    "emotional": "#F5C9A8",  # orange
    "labelling": "#F2B5D4",  # reddish purple
    "exaggeration": "#F7E9A0",  # yellow
    "doubt": "#B8DDF2",  # sky blue
    "loaded_attribution": "#A8D8C8",  # bluish green
    "euphemism": "#C9C9E8",  # lavender
}

#: Darker inks of the same hues, for underlines: visible on white and on the fill.
CATEGORY_INKS = {
    "emotional": "#B35F00",
    "labelling": "#A3417A",
    "exaggeration": "#857400",
    "doubt": "#1F6FA8",
    "loaded_attribution": "#00795A",
    "euphemism": "#55559E",
}

#: Underline styles: what tells the categories apart in greyscale. ``wave`` for doubt (a
#: wavering line for a wavering claim); the codes are Qt's underline styles.
CATEGORY_UNDERLINES = {
    "emotional": "solid",
    "labelling": "dash",
    "exaggeration": "dot",
    "doubt": "wave",
    "loaded_attribution": "dashdot",
    "euphemism": "dashdotdot",
}

#: Fill and ink for a label the palette does not know (a user's own category).
OTHER_COLOUR = "#DDDDDD"
OTHER_INK = "#555555"
OTHER_UNDERLINE = "solid"

#: One colour per compared article (A–D) for charts: strong Okabe–Ito hues, each with a fill
#: pattern code so that the bars also differ in greyscale.
ARTICLE_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7")
ARTICLE_PATTERNS = ("solid", "diagonal", "dots", "cross")


def fill_of(label: str) -> str:
    """The fill colour of a category (grey for unknown labels)."""
    return CATEGORY_COLOURS.get(label, OTHER_COLOUR)


def ink_of(label: str) -> str:
    """The underline colour of a category."""
    return CATEGORY_INKS.get(label, OTHER_INK)


def underline_of(label: str) -> str:
    """The underline style code of a category."""
    return CATEGORY_UNDERLINES.get(label, OTHER_UNDERLINE)
