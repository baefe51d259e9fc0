"""Span offsets (code points) become Qt positions (UTF-16 units)."""

from __future__ import annotations

from analysis.report import ArticleReport, Span
from gui.highlights import highlights, span_at, utf16_positions


def test_astral_characters_shift_qt_positions() -> None:
    text = "Fans 🎉 cheered"
    positions = utf16_positions(text)
    assert positions[text.index("cheered")] == text.index("cheered") + 1
    assert positions[len(text)] == len(text) + 1


def _report(text: str, spans: list[Span]) -> ArticleReport:
    return ArticleReport(
        title=text.split("\n")[0],
        text=text,
        language="en",
        available=True,
        scores={"loaded_threshold": 0.5},
        frames={},
        sentences=(),
        spans=tuple(spans),
        speakers=(),
        actor_tone={},
        versions={},
    )


def test_only_shown_loaded_spans_in_qt_positions() -> None:
    text = "Title 🎉\n\nA mob stormed the hall."
    start = text.index("mob")
    spans = [
        Span(start, start + 3, "mob", "loaded", "labelling", 0.8, "outlet", None, "why"),
        Span(start, start + 11, "mob stormed", "loaded", "emotional", 0.9, "outlet", None, "w"),
        Span(0, 5, "Title", "loaded", "emotional", 0.2, "outlet", None, "too weak"),
        Span(start, start + 3, "mob", "hedge", "hedge", 0.9, "outlet", None, "not loaded"),
    ]
    shown = highlights(_report(text, spans))
    assert [(h.span.text, h.start) for h in shown] == [("mob stormed", start + 1)]
    assert span_at(shown, start + 2).text == "mob stormed"
    assert span_at(shown, 0) is None
