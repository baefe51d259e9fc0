"""Highlights for the reader: which spans to show, in which colour, at which Qt positions.

Pure functions, no widgets, so the mapping is testable alone. Offsets in reports are Python
``str`` indices (code points); Qt counts UTF-16 units, so astral characters (emoji, some
scripts) shift every later position unless converted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from analysis.report import ArticleReport, Span

# The palette is shared with the exports (handouts must look like the screen).
from export.palette import CATEGORY_COLOURS, OTHER_COLOUR


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
    positions = [0] * (len(text) + 1)
    unit = 0
    for index, char in enumerate(text):
        positions[index] = unit
        unit += 2 if ord(char) > 0xFFFF else 1
    positions[len(text)] = unit
    return positions


def highlights(report: ArticleReport, threshold: float | None = None) -> list[Highlight]:
    """The loaded-language spans to show, at or above ``threshold`` (default: the shipped
    one), non-overlapping (the first wins), in Qt positions of ``report.text``."""
    candidates = (
        report.highlighted()
        if threshold is None
        else [s for s in report.spans if s.layer == "loaded" and s.score >= threshold]
    )
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
