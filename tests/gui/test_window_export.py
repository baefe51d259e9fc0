"""Exporting from the window: the comparison on screen as PDF or HTML, articles as CSV/JSON."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

from gui.main_window import MainWindow
from gui.window_export import file_stem
from library import Library


@pytest.fixture
def window(qtbot, sqlite_url: str, tmp_path: Path):
    with Library.open(sqlite_url) as library:
        ids = library.add_demo_story()
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        shown = MainWindow(library, settings)
        shown.ids = ids
        qtbot.addWidget(shown)
        shown.show()
        yield shown


def _compare(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.comparison_ready, timeout=60_000):
        window.compare_articles(window.ids)


def test_comparison_exports_are_enabled_only_with_a_comparison_on_screen(
    qtbot, window: MainWindow
) -> None:
    keys = ["export_comparison", "export_worksheet", "export_answer_key", "export_html"]
    assert not any(window.actions[k].isEnabled() for k in keys)
    _compare(qtbot, window)
    assert all(window.actions[k].isEnabled() for k in keys)
    assert window.actions["export_comparison"].shortcut().toString() == "Ctrl+E"
    file_menu = [a.objectName() for a in window.actions.menu("&File").actions()]
    assert file_menu.index("export_comparison") < file_menu.index("quit")


def test_exporting_the_comparison_writes_a_pdf_with_the_three_titles(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _compare(qtbot, window)
    target = tmp_path / "handout.pdf"
    asked = []

    def save_file_name(parent, title, suggested, filters):
        asked.append((title, suggested, filters))
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_file_name))
    with qtbot.waitSignal(window.export.finished, timeout=60_000) as finished:
        window.actions["export_comparison"].trigger()
        assert window.export.busy.isVisible()  # busy while the worker writes
        assert not window.actions["export_comparison"].isEnabled()
    ok, message = finished.args
    assert ok, message
    assert str(target) in message
    assert window.export.open_button.isVisible()
    assert not window.export.busy.isVisible()
    assert asked[0][1].endswith("-handout.pdf")  # named after the story
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    flat = " ".join(text.split())
    for article in window.comparison.shown_comparison.compared.articles:
        first_words = " ".join(article.report.title.split()[:4])
        assert first_words in flat
    assert window.actions["export_comparison"].isEnabled()


def test_page_size_comes_from_the_preferences(qtbot, window: MainWindow, tmp_path: Path) -> None:
    from dataclasses import replace

    window.apply_preferences(replace(window.preferences, pdf_page_size="Letter"))
    _compare(qtbot, window)
    target = tmp_path / "worksheet.pdf"
    with qtbot.waitSignal(window.export.finished, timeout=60_000) as finished:
        assert window.export.export_comparison("worksheet", target)
    assert finished.args[0]
    box = PdfReader(target).pages[0].mediabox
    assert round(float(box.width)) == 612  # US Letter, 8.5 in


def test_an_unwritable_path_gives_a_message_and_no_file(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    _compare(qtbot, window)
    target = tmp_path / "no such folder" / "handout.pdf"
    with qtbot.waitSignal(window.export.finished, timeout=60_000) as finished:
        assert window.export.export_comparison("comparison", target)
    ok, message = finished.args
    assert not ok
    assert "not saved" in message
    assert "does not exist" in message
    assert "\n" not in message
    assert window.export.notice.text() == message
    assert not window.export.open_button.isVisible()
    assert not target.exists()
    assert not target.parent.exists()
    if os.name == "posix" and os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        with qtbot.waitSignal(window.export.finished, timeout=60_000) as finished:
            window.export.export_comparison("html", locked / "report.html")
        assert not finished.args[0]
        assert list(locked.iterdir()) == []


def test_selected_articles_export_as_csv_and_json(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    with qtbot.waitSignal(window.analysis_ready, timeout=30_000):
        window.select_article(window.ids[0])
    assert window.actions["export_json"].isEnabled()
    target = tmp_path / "articles.json"
    with qtbot.waitSignal(window.export.finished, timeout=60_000) as finished:
        assert window.export.export_articles("json", target)
    assert finished.args[0], finished.args[1]
    assert target.exists()
    with qtbot.waitSignal(window.export.finished, timeout=60_000) as finished:
        assert window.export.export_articles("csv", tmp_path / "articles.csv")
    assert finished.args[0], finished.args[1]
    assert (tmp_path / "articles.csv").exists()


def test_a_cancelled_file_dialog_exports_nothing(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    _compare(qtbot, window)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: ("", "")))
    assert not window.export.export_comparison("html")
    assert not window.export.busy.isVisible()


def test_file_stems_come_from_the_story() -> None:
    assert file_stem("Port Calder dock strike, March 2026") == "port-calder-dock-strike-march-2026"
    assert file_stem(None) == "parallax"
