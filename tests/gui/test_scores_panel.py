"""The scores panel: the reader's article, a comparison, the frame chart, classroom mode."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor

from export.charts import paint_score_bars, score_bars_height
from export.content import score_bars
from gui.main_window import MainWindow
from gui.scores_panel import SHOWN_SCORES, ScoresPanel
from library import Library


@pytest.fixture
def window(qtbot, sqlite_url: str, tmp_path: Path):
    with Library.open(sqlite_url) as library:
        ids = library.add_demo_story()
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        shown = MainWindow(library, settings)
        shown.ids = ids
        qtbot.addWidget(shown)
        shown.resize(1280, 800)
        shown.show()
        shown.actions["scores_panel"].trigger()
        with qtbot.waitSignal(shown.analysis_ready, timeout=30_000):
            assert shown.select_article(ids[1])
        yield shown


def _ink_pixels(canvas) -> int:
    """Pixels of a chart that are neither the paper nor near-white."""
    image = canvas.grab().toImage()
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            if QColor(image.pixel(x, y)).lightness() < 200:
                count += 1
    return count


def test_the_panel_shows_the_values_of_the_article_being_read(window: MainWindow) -> None:
    assert window.scores.isVisible()
    assert window.actions["scores_panel"].isChecked()
    assert window.actions["scores_panel"].shortcut().toString() == "Ctrl+3"
    report = window.corrections.report_for(window.ids[1])
    assert report is not None
    assert set(window.scores.bars) == set(SHOWN_SCORES)
    for key, canvas in window.scores.bars.items():
        assert canvas.bars.values == (pytest.approx(report.scores[key]),)
        assert canvas.toolTip()  # one sentence on what it measures
    own = window.scores.bars["loaded_per_100_words"].toolTip()
    assert "outlet wrote itself" in own
    assert "left out" in own
    assert "Harbour Daily Star" in window.scores.legend.text()
    assert "Gideon Vale" in window.scores.sources.text()  # who is quoted, by name


def test_a_comparison_shows_three_articles_and_the_frame_chart_paints(
    qtbot, window: MainWindow
) -> None:
    with qtbot.waitSignal(window.comparison_ready, timeout=60_000):
        window.compare_articles(window.ids)
    panel = window.scores
    compared = window.comparison.shown_comparison.compared
    for key, canvas in panel.bars.items():
        assert len(canvas.bars.values) == 3
        expected = [a.report.scores[key] for a in compared.articles]
        assert list(canvas.bars.values) == pytest.approx(expected)
    assert panel.frames is not None
    assert len(panel.frames.chart.series) == 3
    assert _ink_pixels(panel.frames) > 200  # bars, labels and grid were drawn
    assert panel.terms is not None
    assert panel.terms.text()
    for article in compared.articles:
        assert article.outlet in panel.legend.text()
    # Back to reading: the panel follows the centre.
    window.show_reading_view()
    assert all(len(c.bars.values) == 1 for c in panel.bars.values())


def test_classroom_mode_keeps_loaded_words_and_top_frames_in_large_type(
    qtbot, window: MainWindow
) -> None:
    full_height = window.scores.bars["loaded_per_100_words"].height()
    window.classroom.set_active(True)
    panel = window.scores
    assert list(panel.bars) == ["loaded_per_100_words"]
    assert panel.frames is not None
    assert len(panel.frames.chart.rows) <= 3
    assert panel.sources is None
    assert panel.terms is None
    assert panel.bars["loaded_per_100_words"].scale > 1.5
    window.classroom.set_active(False)
    assert set(panel.bars) == set(SHOWN_SCORES)
    assert panel.bars["loaded_per_100_words"].height() == full_height


def test_corrections_update_the_panel(qtbot, window: MainWindow) -> None:
    report = window.corrections.report_for(window.ids[1])
    changed = report.__class__(**{**report.__dict__, "scores": {**report.scores, "tone": -0.9}})
    window.corrections.show_now(window.ids[1], report=changed)  # as a correction shows
    assert window.scores.bars["tone"].bars.values == (pytest.approx(-0.9),)


def test_the_bars_painter_draws_on_an_image_as_on_the_panel(qtbot) -> None:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    from analysis.report import ArticleReport

    reports = [
        ArticleReport("t", "t", "en", True, {"tone": value}, {}, (), (), (), {}, {})
        for value in (-0.5, 0.5)
    ]
    bars = score_bars("tone", ["A", "B"], reports)
    assert (bars.low, bars.high) == (-1.0, 1.0)
    assert bars.texts == ("−0.50", "+0.50")
    image = QImage(400, 200, QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(3780)
    image.setDotsPerMeterY(3780)
    image.fill(QColor("white"))
    painter = QPainter(image)
    height = score_bars_height(bars) * image.logicalDpiY() / 72
    paint_score_bars(painter, QRectF(0, 0, 400, height), bars)
    painter.end()
    # The negative bar lies left of the middle, the positive one right of it.
    row_a, row_b = [int((12 + 10 * i + 3.5) * image.logicalDpiY() / 72) for i in (0, 1)]
    middle = 200
    left = [QColor(image.pixel(x, row_a)).lightness() < 200 for x in range(60, middle - 2)]
    right = [QColor(image.pixel(x, row_b)).lightness() < 230 for x in range(middle + 2, 300)]
    assert any(left)
    assert any(right)


def test_an_empty_panel_says_what_to_do(qtbot) -> None:
    panel = ScoresPanel()
    qtbot.addWidget(panel)
    panel.show_article(None)
    assert not panel.bars
    assert panel.frames is None
