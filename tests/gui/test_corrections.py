"""Corrections in the window, on a real library file with the demo story: reject, undo, mark,
relabel, confirm, frame; the right-click and keyboard routes; retraining's window side."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QColor, QContextMenuEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu, QPushButton

from gui.highlights import CATEGORY_COLOURS
from gui.main_window import MainWindow
from gui.themes import Appearance
from library import Cancelled, Library


@pytest.fixture(autouse=True)
def _system_appearance(qapp):
    yield
    Appearance().apply("system")  # one QApplication serves every test


@pytest.fixture
def demo(sqlite_url: str):
    with Library.open(sqlite_url) as library:
        ids = library.add_demo_story()
        yield library, ids[1]  # the tabloid article: "mob", "troublemakers", "so-called"


def _window(qtbot, library: Library, article_id: int, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(library, settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.analysis_ready, timeout=30_000):
        assert window.select_article(article_id)
    return window


def _shown(window: MainWindow) -> dict[tuple[int, int], str]:
    """(start, end) -> category of each highlight the reader shows."""
    return {(h.span.start, h.span.end): h.span.label for h in window.reader._shown}


def _span(window: MainWindow, text: str):
    """The last highlight of ``text`` (the body's, when the title has the word too)."""
    return [h.span for h in window.reader._shown if h.span.text == text][-1]


def _at(span) -> tuple[int, int]:
    return (span.start, span.end)


def _settle(qtbot, window: MainWindow) -> None:
    """Wait for the background re-analysis that confirms what was shown at once."""
    qtbot.waitUntil(lambda: not window.corrections.pending(), timeout=30_000)


def _trigger(qtbot, window: MainWindow, menu: QMenu, name: str) -> None:
    action = menu.findChild(QAction, name)
    assert action is not None, [a.objectName() for a in menu.findChildren(QAction)]
    action.trigger()
    _settle(qtbot, window)


def _background_at(window: MainWindow, position: int) -> QColor:
    cursor = QTextCursor(window.reader.document())
    cursor.setPosition(position + 1)  # the format of the character before the cursor
    return cursor.charFormat().background().color()


def test_rejecting_a_highlight_removes_it_until_undone_and_survives_reopening(
    qtbot, demo, tmp_path: Path
) -> None:
    library, article_id = demo
    window = _window(qtbot, library, article_id, tmp_path)
    mob = _span(window, "mob")
    menu = window.corrections.build_menu(article_id, mob.start + 1)
    assert {"reject", "confirm", "explain"} <= {a.objectName() for a in menu.actions()}
    menu.findChild(QAction, "reject").trigger()
    assert _at(mob) not in _shown(window)  # at once, before the re-analysis confirms it
    _settle(qtbot, window)
    assert _at(mob) not in _shown(window)
    assert _background_at(window, mob.start) != QColor(CATEGORY_COLOURS["labelling"])
    assert window.actions["undo"].isEnabled()
    assert "Reject “mob”" in window.actions["undo"].text()

    window.actions["undo"].trigger()
    assert _shown(window)[_at(mob)] == "labelling"  # at once
    _settle(qtbot, window)
    assert _shown(window)[_at(mob)] == "labelling"
    assert library.annotations(article_id) == []

    window.actions["redo"].trigger()
    _settle(qtbot, window)
    assert _at(mob) not in _shown(window)
    window.close()

    url = library.url
    library.close()
    with Library.open(url) as reopened:
        again = _window(qtbot, reopened, article_id, tmp_path)
        assert _at(mob) not in _shown(again)
        assert [a.action for a in reopened.annotations(article_id)] == ["reject"]
        again.close()


def test_marking_a_missed_phrase_shows_it_in_its_category_colour(
    qtbot, demo, tmp_path: Path
) -> None:
    library, article_id = demo
    window = _window(qtbot, library, article_id, tmp_path)
    text = window.reader.toPlainText()
    start = text.index("gridlock")
    gridlock = (start, start + len("gridlock"))
    assert gridlock not in _shown(window)
    # Select the word (with the space after it, as a drag does) and use the keyboard route.
    cursor = window.reader.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len("gridlock "), QTextCursor.MoveMode.KeepAnchor)
    window.reader.setTextCursor(cursor)
    menu = window.corrections.mark_menu_at(window.reader.cursor_context())
    assert menu is not None
    assert "“gridlock”" in menu.title()
    _trigger(qtbot, window, menu, "mark-emotional")
    menu.close()
    assert _shown(window)[gridlock] == "emotional"
    assert _background_at(window, start) == QColor(CATEGORY_COLOURS["emotional"])
    assert _span(window, "gridlock").why.startswith("Marked by you as emotional")
    [note] = library.annotations(article_id)
    assert (note.action, note.label, note.start, note.end) == (
        "add",
        "emotional",
        start,
        start + len("gridlock"),
    )


def test_relabelling_changes_the_category_and_confirming_keeps_it(
    qtbot, demo, tmp_path: Path
) -> None:
    library, article_id = demo
    window = _window(qtbot, library, article_id, tmp_path)
    mob = _span(window, "mob")
    menu = window.corrections.build_menu(article_id, mob.start)
    relabel = menu.findChild(QMenu, "relabel-menu")
    assert "relabel-labelling" not in {a.objectName() for a in relabel.actions()}
    _trigger(qtbot, window, menu, "relabel-emotional")
    assert _shown(window)[_at(mob)] == "emotional"
    assert _background_at(window, mob.start) == QColor(CATEGORY_COLOURS["emotional"])

    brave = _span(window, "troublemakers")
    _trigger(qtbot, window, window.corrections.build_menu(article_id, brave.start), "confirm")
    assert "Confirmed by you" in _span(window, "troublemakers").why
    assert [a.action for a in library.annotations(article_id)] == ["add", "accept"]


def test_setting_a_sentences_frame_is_stored_and_shown_in_the_report(
    qtbot, demo, tmp_path: Path
) -> None:
    library, article_id = demo
    window = _window(qtbot, library, article_id, tmp_path)
    text = window.reader.toPlainText()
    offset = text.index("Councillors will debate")
    report = window.corrections.report_for(article_id)
    sentence = window.corrections.sentence_at(report, offset)
    assert sentence is not None
    menu = window.corrections.build_menu(article_id, offset)
    frames = menu.findChild(QMenu, "frame-menu")
    current = [a.objectName() for a in frames.actions() if a.isChecked()]
    assert current == [f"frame-{sentence.frame or 'none'}"]
    target = "economic" if sentence.frame != "economic" else "political"
    _trigger(qtbot, window, menu, f"frame-{target}")
    [note] = library.annotations(article_id)
    assert (note.action, note.layer, note.label) == ("frame", "frame", target)
    corrected = window.corrections.report_for(article_id)
    assert window.corrections.sentence_at(corrected, offset).frame == target


def test_menus_offer_what_is_under_the_mouse(qtbot, demo, tmp_path: Path) -> None:
    library, article_id = demo
    window = _window(qtbot, library, article_id, tmp_path)
    text = window.reader.toPlainText()
    plain = text.index("Thursday")
    menu = window.corrections.build_menu(article_id, plain, plain, plain + len("Thursday"))
    names = {a.objectName() for a in menu.findChildren(QAction)}
    assert "reject" not in names
    assert {f"mark-{c}" for c in CATEGORY_COLOURS} <= names
    assert "copy" in names
    # Outside the article's text (the meta line): nothing to correct.
    outside = window.corrections.build_menu(article_id, -1)
    assert [a.isEnabled() for a in outside.actions()] == [False]
    # Before the analysis arrives, the menu says so.
    waiting = window.corrections.build_menu(article_id + 100, 0)
    assert "not ready" in waiting.actions()[0].text()
    # A selection of spaces only marks nothing.
    assert window.corrections.selection(window.corrections.report_for(article_id), 5, 5) is None


def test_right_click_in_the_reader_asks_for_the_menu_at_the_text_under_the_mouse(
    qtbot, demo, tmp_path: Path
) -> None:
    library, article_id = demo
    window = _window(qtbot, library, article_id, tmp_path)
    window.show()
    mob = _span(window, "mob")
    cursor = QTextCursor(window.reader.document())
    cursor.setPosition(mob.start + 1)
    point = window.reader.cursorRect(cursor).center()
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, point, window.reader.viewport().mapToGlobal(point)
    )
    with qtbot.waitSignal(window.reader.context_requested) as request:
        QApplication.sendEvent(window.reader.viewport(), event)
    requested_id, offset, _start, _end, _pos = request.args
    assert requested_id == article_id
    assert mob.start <= offset < mob.end
    popup = QApplication.activePopupWidget()
    assert isinstance(popup, QMenu)
    assert popup.objectName() == "correction-menu"
    popup.close()


def test_reject_at_cursor_from_the_keyboard(qtbot, demo, tmp_path: Path) -> None:
    library, article_id = demo
    window = _window(qtbot, library, article_id, tmp_path)
    so_called = _span(window, "so-called")
    cursor = window.reader.textCursor()
    cursor.setPosition(so_called.start + 2)
    window.reader.setTextCursor(cursor)
    assert window.actions["reject_highlight"].shortcut().toString() == "Ctrl+Shift+R"
    window.actions["reject_highlight"].trigger()
    _settle(qtbot, window)
    assert _at(so_called) not in _shown(window)
    # Nowhere near a highlight: a message, nothing stored.
    cursor.setPosition(window.reader.toPlainText().index("Thursday"))
    window.reader.setTextCursor(cursor)
    with qtbot.waitSignal(window.corrections.message) as said:
        window.actions["reject_highlight"].trigger()
    assert "no highlight" in said.args[0]
    assert len(library.annotations(article_id)) == 1


def test_astral_characters_before_a_highlight_keep_offsets_right(qtbot, sqlite_url: str) -> None:
    from ingest import ArticleDraft

    with Library.open(sqlite_url) as library:
        added = library.add_draft(
            ArticleDraft(
                title="Fans 🎉 cheer",
                body="The 🎉 crowd called the referee a thug and a liar.",
                source_kind="text",
                source_ref="emoji.txt",
            ),
            outlet="Gazette",
        )
        window = MainWindow(library)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.analysis_ready, timeout=30_000):
            window.select_article(added.article_id)
        report = window.corrections.report_for(added.article_id)
        start = report.text.index("liar")
        qt_start = start + report.text[:start].count("🎉")  # each emoji is two UTF-16 units
        assert window.reader.text_offset(qt_start) == start
        cursor = window.reader.textCursor()
        cursor.setPosition(qt_start)
        cursor.setPosition(qt_start + 4, QTextCursor.MoveMode.KeepAnchor)
        context = window.reader.cursor_context(cursor)
        assert context[2:4] == (start, start + 4)


# -- retraining, the window's side -------------------------------------------------------------


def test_retraining_reports_what_it_learnt_and_where_the_models_went(
    qtbot, demo, tmp_path: Path
) -> None:
    from library.training import TrainingSummary

    library, article_id = demo
    window = _window(qtbot, library, article_id, tmp_path)

    def work(progress, _cancel):
        progress(0.5, "Training the sentence bias model…")
        return TrainingSummary(tmp_path / "models", 6251, 3780, 1, {"frames": {"f1": 0.5}})

    window.retrain_flow.work = work
    with qtbot.waitSignal(window.retrain_flow.finished, timeout=10_000) as done:
        window.actions["retrain"].trigger()
    assert done.args == [True]
    report = window.retrain_flow.report
    assert "6,251 loaded-language sentences, 1 of them from your corrections" in report.text()
    assert str(tmp_path / "models") in report.text()
    report.close()


def test_retraining_can_be_cancelled(qtbot, demo, tmp_path: Path) -> None:
    library, article_id = demo
    window = _window(qtbot, library, article_id, tmp_path)

    def work(progress, cancel):
        progress(0.1, "Training the loaded-language model…")
        while not cancel.cancelled:
            cancel._event.wait(0.05)
        raise Cancelled

    window.retrain_flow.work = work
    window.retrain_flow.start()
    qtbot.waitUntil(lambda: window.retrain_flow.dialog.value() == 10)
    cancel = window.retrain_flow.dialog.findChild(QPushButton)
    assert cancel.text() == "Cancel"
    with qtbot.waitSignal(window.retrain_flow.finished, timeout=10_000) as done:
        cancel.click()
    assert done.args == [False]
    assert window.retrain_flow.report is None


def test_retraining_without_corrections_says_what_to_do(qtbot, demo, tmp_path: Path) -> None:
    library, article_id = demo
    window = _window(qtbot, library, article_id, tmp_path)
    with qtbot.waitSignal(window.retrain_flow.finished, timeout=10_000) as done:
        window.retrain_flow.start()
    assert done.args == [False]
    assert "no corrections to learn from" in window.retrain_flow.report.text()
    window.retrain_flow.report.close()


def test_use_shipped_models_leaves_a_retrained_set(qtbot, demo, tmp_path: Path) -> None:
    import json

    from analysis.models import shipped_models_dir

    library, article_id = demo
    folder = tmp_path / "user-models"
    shutil.copytree(shipped_models_dir(), folder)
    for meta in folder.glob("*.json"):
        document = json.loads(meta.read_text())
        if "card" in document:
            document["card"]["version"] = "1+user.test"
            meta.write_text(json.dumps(document))
    library.activate_models(folder, {"loaded_tokens": {"version": "1+user.test"}})
    window = _window(qtbot, library, article_id, tmp_path)
    assert window.corrections.report_for(article_id).versions["models"] == "1+user.test"
    with qtbot.waitSignal(window.corrections.report_changed, timeout=30_000) as changed:
        window.actions["use_shipped_models"].trigger()
    assert not library.models_in_use().retrained
    assert changed.args[1].versions["models"] == "1"
