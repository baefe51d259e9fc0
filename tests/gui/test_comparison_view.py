"""The comparison view, offscreen, on a real SQLite library holding the demo story."""

from __future__ import annotations

import shutil
from html import escape
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QContextMenuEvent, QHelpEvent, QImage, QTextCursor
from PySide6.QtWidgets import QToolTip

from gui.column_text import TOP_GAP
from gui.comparison_column import ComparisonColumn
from gui.highlights import CATEGORY_COLOURS, SENSITIVITY_MAX, SENSITIVITY_MIN, shaded
from gui.main_window import MainWindow
from ingest import ArticleDraft
from library import Library

DEMO_OUTLETS = ["The Calder Ledger", "Harbour Daily Star", "Coastline Voice"]


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Path:
    """A library with the demo story, analysed and compared once for the whole module."""
    path = tmp_path_factory.mktemp("demo") / "library.sqlite3"
    shutil.copyfile(sqlite_template, path)
    with Library.open(f"sqlite:///{path}") as library:
        ids = library.add_demo_story()
        library.compare(ids)  # stored: each test's comparison is read back, not recomputed
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path):
    """A fresh copy of the demo library, open."""
    target = tmp_path / "library.sqlite3"
    shutil.copyfile(demo_file, target)
    with Library.open(f"sqlite:///{target}") as library:
        yield library


def _window(qtbot, library: Library) -> MainWindow:
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def _compared(qtbot, library: Library) -> MainWindow:
    """A window with every article of ``library`` selected and compared."""
    window = _window(qtbot, library)
    window.table.selectAll()
    assert window.actions["compare"].isEnabled()
    with qtbot.waitSignal(window.comparison_ready, timeout=60_000):
        window.actions["compare"].trigger()
    return window


def _column(window: MainWindow, outlet: str) -> ComparisonColumn:
    return next(c for c in window.comparison.columns if c.outlet == outlet)


def _format_at(column: ComparisonColumn, qt_position: int):
    cursor = QTextCursor(column.text.document())
    cursor.setPosition(qt_position + 1)  # the format of the character before the cursor
    return cursor.charFormat()


def _shown_in(column: ComparisonColumn, text: str):
    return next(h for h in column.shown if h.span.text == text)


def test_compare_selected_shows_three_columns_with_titles(qtbot, demo: Library) -> None:
    window = _window(qtbot, demo)
    compare = window.actions["compare"]
    assert compare.shortcut().toString() == "Ctrl+Return"
    assert not compare.isEnabled()  # one article selected
    window.table.selectAll()
    assert compare.isEnabled()
    with qtbot.waitSignal(window.comparison_ready, timeout=60_000) as ready:
        compare.trigger()
    assert window.centre.currentWidget() is window.comparison
    columns = window.comparison.columns
    assert len(columns) == 3
    assert sorted(ready.args[0]) == sorted(c.article_id for c in columns)
    assert sorted(c.outlet_label.text() for c in columns) == sorted(DEMO_OUTLETS)
    for column in columns:
        assert column.text.toPlainText().startswith(column.report.title)
        assert column.report.title == demo.get_article(column.article_id).title
        assert "12 March 2026" in column.meta_label.text()


def test_a_highlight_has_its_category_colour_at_its_position(qtbot, demo: Library) -> None:
    window = _compared(qtbot, demo)
    star = _column(window, "Harbour Daily Star")
    mob = _shown_in(star, "mob")
    assert mob.span.label == "labelling"
    background = _format_at(star, mob.start).background().color()
    assert background == QColor(shaded(CATEGORY_COLOURS["labelling"], mob.span.score))
    assert star.highlight_at(mob.start) == mob.span
    # A speaker's words: wave-underlined, no background.
    quoted = next(h for h in star.shown if h.speaker_words)
    fmt = _format_at(star, quoted.start)
    assert fmt.underlineStyle() == fmt.UnderlineStyle.WaveUnderline
    assert fmt.background().style() == Qt.BrushStyle.NoBrush


def test_category_toggle_hides_and_restores_it_everywhere(qtbot, demo: Library) -> None:
    window = _compared(qtbot, demo)
    star = _column(window, "Harbour Daily Star")
    mob = _shown_in(star, "mob")
    before = {c.outlet: len(c.shown) for c in window.comparison.columns}
    window.legend.buttons["labelling"].click()
    for column in window.comparison.columns:
        assert all(h.span.label != "labelling" for h in column.shown)
    assert _format_at(star, mob.start).background().style() == Qt.BrushStyle.NoBrush
    assert star.highlight_at(mob.start) is None
    window.legend.buttons["labelling"].click()
    assert {c.outlet: len(c.shown) for c in window.comparison.columns} == before
    assert _format_at(star, mob.start).background().color() == QColor(
        shaded(CATEGORY_COLOURS["labelling"], mob.span.score)
    )


def test_sensitivity_slider_shows_fewer_to_the_right_and_more_to_the_left(
    qtbot, demo: Library
) -> None:
    window = _compared(qtbot, demo)
    columns = window.comparison.columns

    def count() -> int:
        return sum(len(c.shown) for c in columns)

    default = count()
    # At the default, exactly what each report highlights (non-overlapping).
    for column in columns:
        assert {h.span for h in column.shown} <= set(column.report.highlighted())
    window.legend.slider.setValue(SENSITIVITY_MAX)
    assert count() < default
    window.legend.slider.setValue(SENSITIVITY_MIN)
    assert count() > default


def test_scrolling_one_column_brings_counterparts_to_the_top(qtbot, demo: Library) -> None:
    window = _compared(qtbot, demo)
    view = window.comparison
    ledger = _column(window, "The Calder Ledger")
    alignment = view.alignment
    assert alignment is not None
    # An aligned sentence of the first article with a counterpart in every other one.
    sentence = next(
        m.sentence
        for g in alignment.comparison.aligned
        for m in g.members
        if m.article == ledger.index
        and m.sentence > 0
        and {r.article for r in alignment.counterparts(ledger.index, m.sentence)}
        == {c.index for c in view.columns} - {ledger.index}
    )
    ledger.scroll_to_sentence(sentence)  # moves the scroll bar, as a wheel would
    assert ledger.text.verticalScrollBar().value() > 0
    assert abs(ledger.sentence_y(sentence) - TOP_GAP) <= 1
    for column in view.columns:
        if column is ledger:
            continue
        refs = [
            r for r in alignment.counterparts(ledger.index, sentence) if r.article == column.index
        ]
        assert any(abs(column.sentence_y(r.sentence) - TOP_GAP) <= 2 for r in refs), column.outlet
    # Inside a sentence no other article carries (one that starts a paragraph, so that its
    # first line is its own), the others keep their distance.
    lead, lone = next(
        (column, u.sentence)
        for column in view.columns
        for u in alignment.only_here(column.index)
        if column.report.text[u.start - 1] == "\n"
        and column.sentence_extent(u.sentence)[1] < column.text.verticalScrollBar().maximum() // 2
    )
    lead.scroll_to_sentence(lone)
    before = [c.text.verticalScrollBar().value() for c in view.columns]
    bar = lead.text.verticalScrollBar()
    bar.setValue(bar.value() + 5)
    after = [c.text.verticalScrollBar().value() for c in view.columns]
    assert [b - a for a, b in zip(before, after, strict=True)] == [5, 5, 5]
    # Back at the top, every column shows its headline again.
    lead.text.verticalScrollBar().setValue(0)
    assert all(c.text.verticalScrollBar().value() == 0 for c in view.columns)


def test_clicking_a_sentence_frames_its_counterparts(qtbot, demo: Library) -> None:
    window = _compared(qtbot, demo)
    view = window.comparison
    ledger = _column(window, "The Calder Ledger")
    alignment = view.alignment
    sentence = next(
        s
        for s in range(1, len(ledger.report.sentences))
        if len({r.article for r in alignment.counterparts(ledger.index, s)}) == 2
    )
    ledger.scroll_to_sentence(sentence, 0.0, 120)
    info = ledger.report.sentences[sentence]
    cursor = QTextCursor(ledger.text.document())
    cursor.setPosition(ledger.text.qt_position(info.start + 2))
    qtbot.mouseClick(
        ledger.text.viewport(),
        Qt.MouseButton.LeftButton,
        pos=ledger.text.cursorRect(cursor).center(),
    )
    assert ledger.marked == [sentence]
    counterparts = alignment.counterparts(ledger.index, sentence)
    for column in view.columns:
        if column is ledger:
            continue
        expected = sorted(r.sentence for r in counterparts if r.article == column.index)
        assert column.marked == expected
        assert column.text.bands
        # Scrolled into view, beside the clicked sentence.
        height = column.text.viewport().height()
        assert 0 <= column.sentence_y(expected[0]) < height
    assert "framed" in window.statusBar().currentMessage()


def test_contrasts_and_only_here_are_marked_where_the_comparison_says(qtbot, demo: Library) -> None:
    window = _compared(qtbot, demo)
    view = window.comparison
    comparison = view.alignment.comparison
    assert comparison.contrasts
    assert comparison.unique
    outlets = {c.index: c.outlet for c in view.columns}
    for column in view.columns:
        text = column.text
        sides = [s for c in comparison.contrasts for s in c.sides if s.article == column.index]
        assert sorted(text.boxes) == sorted(
            (text.qt_position(s.start), text.qt_position(s.end)) for s in sides
        )
        unique = [u for u in comparison.unique if u.article == column.index]
        assert sorted(text.bars) == sorted(
            (text.qt_position(u.start), text.qt_position(u.end)) for u in unique
        )
        if unique:
            tip = column.tooltip_at(text.qt_position(unique[0].start))
            assert f"Only <b>{escape(column.outlet, quote=False)}</b> reports this" in tip
    contrast = comparison.contrasts[0]
    side, other = contrast.sides[0], contrast.sides[1]
    column = view.columns[side.article]
    tip = column.tooltip_at(column.text.qt_position(side.start))
    assert f"says ‘{escape(side.phrase, quote=False)}’ where" in tip
    assert escape(outlets[other.article], quote=False) in tip


def test_hover_shows_why_label_confidence_and_voice(qtbot, demo: Library) -> None:
    window = _compared(qtbot, demo)
    star = _column(window, "Harbour Daily Star")
    mob = _shown_in(star, "mob")
    tip = star.tooltip_at(mob.start)
    assert escape(mob.span.why, quote=False) in tip
    assert "Labelling" in tip
    assert f"{round(mob.span.score * 100)}%" in tip
    assert "outlet's own words" in tip
    quoted = next(h for h in star.shown if h.span.speaker)
    assert escape(quoted.span.speaker, quote=False) in star.tooltip_at(quoted.start)
    # Through a real tooltip event at the highlight's place on screen.
    star.scroll_to_sentence(0)
    cursor = QTextCursor(star.text.document())
    cursor.setPosition(mob.start + 1)
    local = star.text.cursorRect(cursor).center()
    event = QHelpEvent(QEvent.Type.ToolTip, local, star.text.viewport().mapToGlobal(local))
    star.text.event(event)
    assert escape(mob.span.why, quote=False) in QToolTip.text()


def test_reading_view_zoom_and_back(qtbot, demo: Library) -> None:
    window = _compared(qtbot, demo)
    column = window.comparison.columns[0]
    size = column.text.font().pointSizeF()
    window.actions["zoom_in"].trigger()
    assert column.text.font().pointSizeF() > size
    assert window.reader.font().pointSizeF() > window.font().pointSizeF()
    window.actions["zoom_reset"].trigger()
    assert column.text.font().pointSizeF() == pytest.approx(size)
    window.actions["reading_view"].trigger()
    assert window.centre.currentWidget() is window.reader
    assert window.actions["comparison_view"].isEnabled()
    window.actions["comparison_view"].trigger()
    assert window.centre.currentWidget() is window.comparison
    # Selecting one article goes back to reading it: the one being read ...
    reading = window._showing
    window.select_article(reading)
    assert window.centre.currentWidget() is window.reader
    # ... or another.
    window.actions["comparison_view"].trigger()
    other = next(c for c in window.comparison.columns if c.article_id != reading)
    with qtbot.waitSignal(window.analysis_ready, timeout=30_000):
        window.select_article(other.article_id)
    assert window.centre.currentWidget() is window.reader
    assert other.report.title in window.reader.toPlainText()


def test_legend_applies_to_the_reader_too(qtbot, demo: Library) -> None:
    window = _window(qtbot, demo)
    with qtbot.waitSignal(window.analysis_ready, timeout=30_000):
        window.refresh()
    shown = len(window.reader._shown)
    assert shown
    window.legend.slider.setValue(SENSITIVITY_MIN)
    assert len(window.reader._shown) > shown
    window.legend.slider.setValue(SENSITIVITY_MAX)
    assert len(window.reader._shown) < shown
    window.legend.slider.setValue(SENSITIVITY_MIN)
    label = window.reader._shown[0].span.label
    window.legend.buttons[label].click()
    assert all(h.span.label != label for h in window.reader._shown)


def test_a_failed_comparison_says_why_once(qtbot, demo: Library) -> None:
    window = _window(qtbot, demo)
    with qtbot.waitSignal(window.comparison_failed, timeout=60_000) as failed:
        window.compare_articles([1, 9999])
    assert "no article with ID 9999" in failed.args[0]
    assert window.centre.currentWidget() is window.comparison
    assert "could not be compared" in window.comparison.status_label.text()
    assert not window.comparison.showing_columns


def test_first_launch_opens_the_demo_story_compared(qtbot, sqlite_url: str) -> None:
    from gui.app import open_window

    with Library.open(sqlite_url) as library:
        window = open_window(library, first_run=True)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.comparison_ready, timeout=60_000):
            pass
        assert window.centre.currentWidget() is window.comparison
        assert [c.outlet for c in window.comparison.columns] == DEMO_OUTLETS
        # Not on a later launch, nor on a library that already has articles.
        again = open_window(library, first_run=True)
        qtbot.addWidget(again)
        assert library.count_articles() == 3
        assert again.centre.currentWidget() is again.reader


def test_right_click_reports_str_offsets_past_an_emoji(qtbot, sqlite_url: str) -> None:
    body = "Fans 🎉🎉 cheered, then a mob of thugs stormed the hall. The mayor spoke."
    with Library.open(sqlite_url) as library:
        ids = [
            library.add_draft(
                ArticleDraft(title=title, body=text, source_kind="text", source_ref=ref),
                outlet=outlet,
            ).article_id
            for title, text, ref, outlet in (
                ("Party 🎉 turns ugly", body, "a.txt", "Gazette"),
                (
                    "Party ends",
                    "Fans cheered, then a crowd left the hall. The mayor spoke.",
                    "b",
                    "Courier",
                ),
            )
        ]
        window = _window(qtbot, library)
        with qtbot.waitSignal(window.comparison_ready, timeout=60_000):
            window.compare_articles(ids)
        column = window.comparison.column_for(ids[0])
        assert column is not None
        text = column.report.text
        thugs = next(h for h in column.shown if h.span.text == "thugs")
        # Three emoji before it: three extra UTF-16 units.
        assert thugs.start == text.index("thugs") + 3
        cursor = QTextCursor(column.text.document())
        cursor.setPosition(thugs.start)
        cursor.setPosition(thugs.end, QTextCursor.MoveMode.KeepAnchor)
        assert cursor.selectedText() == "thugs"
        assert _format_at(column, thugs.start).background().style() != Qt.BrushStyle.NoBrush
        assert column.highlight_at(thugs.start).text == "thugs"

        received = []
        window.comparison.context_requested.connect(lambda *args: received.append(args))
        cursor.setPosition(thugs.start + 2)
        column.text.setTextCursor(cursor)  # a selection: from the 't' of "thugs" ...
        cursor.setPosition(thugs.end, QTextCursor.MoveMode.KeepAnchor)
        column.text.setTextCursor(cursor)
        point = column.text.cursorRect(cursor).center()
        column.text.contextMenuEvent(
            QContextMenuEvent(
                QContextMenuEvent.Reason.Mouse, point, column.text.viewport().mapToGlobal(point)
            )
        )
        [(article_id, offset, start, end, _pos)] = received
        assert article_id == ids[0]
        assert start == text.index("thugs") + 2
        assert end == text.index("thugs") + len("thugs")
        assert text.index("thugs") <= offset <= end


def test_screenshot_of_a_comparison(demo: Library, tmp_path: Path) -> None:
    import main

    ids = ",".join(str(a.id) for a in demo.list_articles())
    out = tmp_path / "comparison.png"
    url = demo.url
    assert main.main(["gui", "--screenshot", str(out), "--db", url, "--compare", ids]) == 0
    image = QImage(str(out))
    assert image.width() >= 1000
    assert image.height() >= 600
    small = image.scaled(64, 40)
    colours = {small.pixel(x, y) for x in range(64) for y in range(40)}
    assert len(colours) > 20  # not blank: text, highlights, headers


def test_screenshot_of_a_new_default_library_shows_the_demo_compared(tmp_path: Path) -> None:
    import main

    out = tmp_path / "first.png"
    assert main.main(["gui", "--screenshot", str(out), "--compare", "1,2,3"]) == 0
    assert QImage(str(out)).width() >= 1000
    with Library.open() as library:  # the default library, in this test's PARALLAX_HOME
        assert sorted(a.outlet for a in library.list_articles()) == sorted(DEMO_OUTLETS)


@pytest.mark.parametrize(
    ("compare", "code", "message"),
    [
        ("1,9999", 1, "no article with ID 9999"),
        ("1", 2, "2 to 4"),
        ("1,2,3,1,2", 2, "2 to 4"),
        ("one,two", 2, "not IDs"),
    ],
)
def test_screenshot_compare_errors(
    demo: Library, tmp_path: Path, capsys, compare: str, code: int, message: str
) -> None:
    import main

    out = tmp_path / "never.png"
    argv = ["gui", "--screenshot", str(out), "--db", demo.url, "--compare", compare]
    assert main.main(argv) == code
    err = capsys.readouterr().err
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_screenshot_of_an_article_still_works(demo: Library, tmp_path: Path) -> None:
    import main

    out = tmp_path / "article.png"
    assert main.main(["gui", "--screenshot", str(out), "--db", demo.url, "--article", "2"]) == 0
    assert QImage(str(out)).width() >= 800


def test_new_actions_have_menus_shortcuts_and_tips(qtbot, demo: Library) -> None:
    window = _window(qtbot, demo)
    expected = [
        ("compare", "&Analysis", "Ctrl+Return"),
        ("reading_view", "&View", "Ctrl+1"),
        ("comparison_view", "&View", "Ctrl+2"),
        ("zoom_in", "&View", "Ctrl++"),
        ("zoom_out", "&View", "Ctrl+-"),
        ("zoom_reset", "&View", "Ctrl+0"),
    ]
    for key, menu, shortcut in expected:
        action = window.actions[key]
        assert action in window.actions.menu(menu).actions()
        assert action.shortcut().toString() == shortcut
        assert action.toolTip()
    assert window.legend.slider.accessibleName()
    assert all(button.accessibleName() for button in window.legend.buttons.values())


def test_enter_frames_the_counterparts_of_the_sentence_at_the_cursor(qtbot, demo: Library) -> None:
    window = _compared(qtbot, demo)
    view = window.comparison
    star = _column(window, "Harbour Daily Star")
    counterparts = view.alignment.counterparts(star.index, 0)  # the headline
    assert counterparts
    cursor = QTextCursor(star.text.document())
    cursor.setPosition(3)
    star.text.setTextCursor(cursor)
    star.text.setFocus()
    qtbot.keyClick(star.text, Qt.Key.Key_Return)
    assert star.marked == [0]
    assert any(c.marked for c in view.columns if c is not star)
