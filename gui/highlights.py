"""Highlights for the reader: which spans to show, in which colour, at which Qt positions.

Pure functions, no widgets, so the mapping is testable alone. Offsets in reports are Python
``str`` indices (code points); Qt counts UTF-16 units, so astral characters (emoji, some
scripts) shift every later position unless converted.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from itertools import accumulate

from analysis.report import ArticleReport, Span

# The palette is shared with the exports (handouts must look like the screen).
from export.palette import CATEGORY_COLOURS, OTHER_COLOUR

#: How each category is underlined, so that categories read apart without colour (greyscale
#: print, colour-blind readers); a speaker's words are wave-underlined instead, whatever their
#: category. ``double`` is a line under and a line over the words.
CATEGORY_UNDERLINES = {
    "emotional": "solid",
    "labelling": "dash",
    "exaggeration": "dash-dot",
    "doubt": "dot",
    "loaded_attribution": "dash-dot-dot",
    "euphemism": "double",
}

#: The sensitivity slider's range and its default, at which the highlights shown are exactly
#: :meth:`ArticleReport.highlighted` (the report's own threshold).
SENSITIVITY_MIN, SENSITIVITY_DEFAULT, SENSITIVITY_MAX = 0, 50, 100


@dataclass(frozen=True)
class HighlightSettings:
    """What the reader chose to see: the sensitivity and the categories switched off."""

    sensitivity: int = SENSITIVITY_DEFAULT
    hidden: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Highlight:
    """A span to draw: Qt (UTF-16) positions, colour, whether it is a speaker's words."""

    start: int
    end: int
    colour: str
    speaker_words: bool
    span: Span


def utf16_positions(text: str) -> list[int]:
    """``positions[i]`` is the UTF-16 offset of code point ``i`` (one more entry at the end)."""
    if not text or max(text) <= "\uffff":
        return list(range(len(text) + 1))  # the usual case: no astral characters at all
    return [0, *accumulate(2 if ord(char) > 0xFFFF else 1 for char in text)]


def text_offset(positions: Sequence[int], qt_position: int) -> int:
    """The ``str`` offset of Qt position ``qt_position`` (``positions`` from
    :func:`utf16_positions`); a position inside a surrogate pair maps to its character."""
    return max(bisect_right(positions, qt_position) - 1, 0)


def threshold_for(report: ArticleReport, sensitivity: int) -> float | None:
    """The confidence threshold a sensitivity stands for (``None``: the report's own).

    Below the default the threshold falls linearly to 0 (every stored candidate); above it,
    it rises to 1 (only phrases the user confirmed, whose confidence is 1).
    """
    if sensitivity == SENSITIVITY_DEFAULT:
        return None
    shipped = float(report.scores.get("loaded_threshold", 0.0))
    value = min(max(sensitivity, SENSITIVITY_MIN), SENSITIVITY_MAX)
    if value < SENSITIVITY_DEFAULT:
        return shipped * value / SENSITIVITY_DEFAULT
    share = (value - SENSITIVITY_DEFAULT) / (SENSITIVITY_MAX - SENSITIVITY_DEFAULT)
    return shipped + (1.0 - shipped) * share


def shaded(colour: str, score: float) -> str:
    """``colour`` (``#RRGGBB``) mixed with white by confidence: weak candidates pale, sure
    ones in the full category colour."""
    strength = 0.4 + 0.6 * min(max(score, 0.0), 1.0)
    channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(255 - (255 - c) * strength) for c in channels]
    return "#" + "".join(f"{c:02X}" for c in mixed)


def visible_highlights(report: ArticleReport, settings: HighlightSettings) -> list[Highlight]:
    """:func:`highlights` as ``settings`` ask (the legend's sensitivity and categories)."""
    return highlights(report, threshold_for(report, settings.sensitivity), settings.hidden)


def highlights(
    report: ArticleReport, threshold: float | None = None, hidden: Collection[str] = ()
) -> list[Highlight]:
    """The loaded-language spans to show, at or above ``threshold`` (default: the shipped
    one) and not in a ``hidden`` category, non-overlapping (the first wins), in Qt positions
    of ``report.text``."""
    candidates = (
        report.highlighted()
        if threshold is None
        else [s for s in report.spans if s.layer == "loaded" and s.score >= threshold]
    )
    if hidden:
        candidates = [s for s in candidates if s.label not in hidden]
    positions = utf16_positions(report.text)
    shown: list[Highlight] = []
    last_end = -1
    for span in sorted(candidates, key=lambda s: (s.start, -s.end)):
        if span.start < last_end:
            continue
        shown.append(
            Highlight(
                positions[span.start],
                positions[span.end],
                CATEGORY_COLOURS.get(span.label, OTHER_COLOUR),
                span.voice != "outlet",
                span,
            )
        )
        last_end = span.end
    return shown


def span_at(shown: Sequence[Highlight], position: int) -> Span | None:
    """The highlighted span at Qt ``position``, if any."""
    for highlight in shown:
        if highlight.start <= position < highlight.end:
            return highlight.span
    return None
