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


def test_sensitivity_default_is_the_reports_own_threshold_and_ends_span_everything() -> None:
    from gui.highlights import (
        SENSITIVITY_DEFAULT,
        SENSITIVITY_MAX,
        SENSITIVITY_MIN,
        HighlightSettings,
        threshold_for,
        visible_highlights,
    )

    text = "Title\n\nA mob stormed the hall and rioters fled."
    spans = [
        Span(9, 12, "mob", "loaded", "labelling", 0.8, "outlet", None, "strong"),
        Span(30, 37, "rioters", "loaded", "labelling", 0.3, "outlet", None, "weak"),
        Span(13, 20, "stormed", "loaded", "emotional", 1.0, "outlet", None, "user marked"),
    ]
    report = _report(text, spans)
    assert threshold_for(report, SENSITIVITY_DEFAULT) is None
    assert threshold_for(report, SENSITIVITY_MIN) == 0.0
    assert threshold_for(report, SENSITIVITY_MAX) == 1.0
    assert threshold_for(report, 25) == 0.25  # half way down to 0 from 0.5
    default = visible_highlights(report, HighlightSettings())
    assert [h.span.text for h in default] == [s.text for s in report.highlighted()]
    assert [h.span.text for h in visible_highlights(report, HighlightSettings(0))] == [
        "mob",
        "stormed",
        "rioters",
    ]
    # At the right end only what the user confirmed (confidence 1) stays.
    assert [h.span.text for h in visible_highlights(report, HighlightSettings(100))] == ["stormed"]
    hidden = HighlightSettings(0, frozenset({"labelling"}))
    assert [h.span.text for h in visible_highlights(report, hidden)] == ["stormed"]


def test_shading_pales_weak_highlights_and_keeps_sure_ones() -> None:
    from gui.highlights import shaded

    assert shaded("#F5C9A8", 1.0) == "#F5C9A8"
    weak = shaded("#F5C9A8", 0.0)
    assert weak != "#F5C9A8"
    assert all(int(weak[i : i + 2], 16) >= int("F5C9A8"[i - 1 : i + 1], 16) for i in (1, 3, 5))


def test_qt_positions_map_back_to_str_offsets() -> None:
    from gui.highlights import text_offset

    text = "a🎉b"
    positions = utf16_positions(text)
    assert positions == [0, 1, 3, 4]
    assert [text_offset(positions, q) for q in range(5)] == [0, 1, 1, 2, 3]


def test_every_category_has_an_underline_style_of_its_own() -> None:
    from gui.highlights import CATEGORY_COLOURS, CATEGORY_UNDERLINES

    assert set(CATEGORY_UNDERLINES) == set(CATEGORY_COLOURS)
    assert len(set(CATEGORY_UNDERLINES.values())) == len(CATEGORY_UNDERLINES)
