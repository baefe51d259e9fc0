"""Classroom mode, the glossary pane, themes and highlight styles, window state."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QApplication

from analysis.lexicon import LOADED_CATEGORIES
from gui.glossary_pane import GlossaryPane, plain_counts
from gui.highlight_style import CATEGORY_UNDERLINES, FILL_TEXT, category_format
from gui.main_window import MainWindow
from gui.themes import Appearance, is_dark
from library import Library


@pytest.fixture(autouse=True)
def _system_appearance(qapp):
    yield
    Appearance().apply("system")  # one QApplication serves every test


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, sqlite_url: str, settings: QSettings):
    with Library.open(sqlite_url) as library:
        ids = library.add_demo_story()
        shown = MainWindow(library, settings)
        qtbot.addWidget(shown)
        shown.show()
        with qtbot.waitSignal(shown.analysis_ready, timeout=30_000):
            assert shown.select_article(ids[1])
        yield shown


def test_classroom_mode_enlarges_type_shows_the_glossary_and_restores_the_window(
    qtbot, window: MainWindow
) -> None:
    window.resize(720, 520)  # inside the offscreen screen (800 x 600), so nothing is clamped
    before_size = window.reader.font().pointSizeF()
    before_size_px = window.size()
    before_base = QApplication.palette().color(QPalette.ColorRole.Base)
    assert not window.glossary.isVisible()

    window.actions["classroom"].trigger()
    assert window.classroom.active
    assert window.actions["classroom"].isChecked()
    assert window.reader.font().pointSizeF() == pytest.approx(before_size * 1.6)
    # The title is sized relative to the reader's font, so it grows with it.
    title_cursor = QTextCursor(window.reader.document())
    title_cursor.setPosition(1)
    assert title_cursor.charFormat().intProperty(QTextFormat.Property.FontSizeAdjustment) > 0
    assert window.glossary.isVisible()
    glossary = window.glossary.browser.toPlainText()
    assert glossary.startswith("In this article")
    assert "× Labelling (name-calling)" in glossary
    base = QApplication.palette().color(QPalette.ColorRole.Base)
    text = QApplication.palette().color(QPalette.ColorRole.Text)
    assert {base.name(), text.name()} == {"#000000", "#ffffff"}  # high contrast
    assert window.reader._shown  # highlights drawn again in the new type

    window.actions["classroom"].trigger()
    assert not window.classroom.active
    assert window.reader.font().pointSizeF() == pytest.approx(before_size)
    assert not window.glossary.isVisible()
    assert not window.glossary.browser.toPlainText().startswith("In this article")
    assert window.size() == before_size_px
    assert QApplication.palette().color(QPalette.ColorRole.Base) == before_base
    assert window.reader._shown


def test_classroom_mode_keeps_a_glossary_the_user_had_open(window: MainWindow) -> None:
    window.actions["glossary"].trigger()
    assert window.glossary.isVisible()
    window.classroom.set_active(True)
    window.classroom.set_active(False)
    assert window.glossary.isVisible()
    assert window.actions["glossary"].isChecked()


def test_explain_in_the_correction_menu_opens_the_glossary_at_the_category(
    window: MainWindow,
) -> None:
    article_id = window.reader.article_id
    span = window.reader._shown[0].span
    menu = window.corrections.build_menu(article_id, span.start)
    explain = next(a for a in menu.actions() if a.objectName() == "explain")
    explain.trigger()
    assert window.glossary.isVisible()
    assert window.glossary.browser.verticalScrollBar().value() > 0 or span.label == "emotional"


def test_glossary_pane_lists_every_category_with_its_own_underline(qtbot) -> None:
    pane = GlossaryPane()
    qtbot.addWidget(pane)
    text = pane.browser.toPlainText()
    for heading in ("Loaded language", "Whose words are they?", "Frames", "Scare quotes"):
        assert heading in text
    assert text.count("Ask: ") >= 25
    styles = set()
    block = pane.browser.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.text() == "outlet's words":
                styles.add(fragment.charFormat().underlineStyle())
            iterator += 1
        block = block.next()
    assert len(styles) == len(LOADED_CATEGORIES)


def test_categories_differ_without_colour_and_stay_readable_in_the_dark() -> None:
    assert set(CATEGORY_UNDERLINES) == set(LOADED_CATEGORIES)
    assert len(set(CATEGORY_UNDERLINES.values())) == len(LOADED_CATEGORIES)
    outlet = category_format("labelling", dark=True)
    assert outlet.foreground().color() == QColor(FILL_TEXT)  # dark text on the light fill
    assert outlet.underlineStyle() == QTextCharFormat.UnderlineStyle.DashUnderline
    speaker = category_format("labelling", speaker_words=True, dark=True)
    assert speaker.background().style() == speaker.background().style().NoBrush
    assert QColor(speaker.underlineColor()).lightness() > 160  # shows on a dark background


def test_dark_theme_is_dark_keeps_highlights_readable_and_system_comes_back(
    window: MainWindow, settings: QSettings
) -> None:
    original = QApplication.palette().color(QPalette.ColorRole.Base)
    window.actions["theme_dark"].trigger()
    assert is_dark(QApplication.palette())
    assert window.preferences.theme == "dark"
    assert settings.value("preferences/theme") == "dark"
    highlight = next(h for h in window.reader._shown if not h.speaker_words)
    cursor = QTextCursor(window.reader.document())
    cursor.setPosition(highlight.start + 1)
    assert cursor.charFormat().foreground().color() == QColor(FILL_TEXT)
    plain = QTextCursor(window.reader.document())
    plain.setPosition(window.reader.toPlainText().index("Thursday") + 1)
    # Text outside highlights follows the theme (drawn again, not left dark on dark).
    foreground = plain.charFormat().foreground()
    assert foreground.style() == Qt.BrushStyle.NoBrush or foreground.color().lightness() > 128
    window.actions["theme_system"].trigger()
    assert QApplication.palette().color(QPalette.ColorRole.Base) == original


def test_window_state_is_restored_on_the_next_start(
    qtbot, window: MainWindow, settings: QSettings
) -> None:
    window.resize(720, 520)  # the offscreen screen is 800 x 600
    window.splitter.setSizes([300, 700])
    window.glossary.show()
    sizes = window.splitter.sizes()
    window.close()
    again = MainWindow(window.library, settings)
    qtbot.addWidget(again)
    again.show()
    assert again.size().width() == 720
    assert again.splitter.sizes() == sizes
    assert again.glossary.isVisible()
    assert again.actions["glossary"].isChecked()


def test_closing_in_classroom_mode_remembers_the_window_before_it(
    qtbot, window: MainWindow, settings: QSettings
) -> None:
    window.glossary.hide()
    window.classroom.set_active(True)
    window.close()
    assert not window.classroom.active
    again = MainWindow(window.library, settings)
    qtbot.addWidget(again)
    again.show()
    assert not again.glossary.isVisible()
    assert not again.classroom.active


def test_plain_counts_say_how_many_of_each_kind(window: MainWindow) -> None:
    report = window.corrections.report_for(window.reader.article_id)
    lines = plain_counts(report)
    assert len(lines) == len({line.split(" × ")[1].split(" (")[0] for line in lines})
    assert sum(int(line.split(" × ")[0]) for line in lines) == len(window.reader._shown)
    assert any(line.startswith(tuple("0123456789")) and "Labelling" in line for line in lines)
    assert any("in a speaker's words" in line for line in lines)
