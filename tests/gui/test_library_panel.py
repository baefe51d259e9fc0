"""The analyst's journey through the library panel, offscreen, on a real library file: search
with an outlet and a date range, sort by loaded density, open a story, delete and undo,
analyse everything, edit outlet and story records."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from gui.actions import WITHOUT_SHORTCUT
from gui.library_commands import OutletFields
from gui.library_tree import Scope
from gui.main_window import MainWindow
from ingest import ArticleDraft
from library import Library

ARTICLES = [
    # title, outlet, published, story, body
    (
        "Ceasefire agreed after night of talks",
        "Harbour Gazette",
        datetime(2026, 11, 3, 9, tzinfo=UTC),
        "Border talks",
        "Negotiators agreed a ceasefire early on Tuesday after talks that ran through the "
        "night. Both sides said observers would monitor the truce.",
    ),
    (
        "Ceasefire collapses as militants launch brutal assault",
        "Daily Clarion",
        datetime(2026, 11, 10, 7, tzinfo=UTC),
        "Border talks",
        "The so-called ceasefire collapsed in shocking scenes as thugs launched a brutal, "
        "cowardly assault. Critics slammed the disastrous deal.",
    ),
    (
        "Gazette: ceasefire broadly holding, officials say",
        "Harbour Gazette",
        datetime(2026, 11, 20, 18, tzinfo=UTC),
        "Border talks",
        "Officials said the ceasefire was broadly holding, with minor incidents reported near "
        "the border crossing.",
    ),
    (
        "Ceasefire talks to open next month",
        "Harbour Gazette",
        datetime(2026, 9, 2, 12, tzinfo=UTC),
        None,
        "Diplomats said ceasefire talks would open next month in the capital.",
    ),
    (
        "Council slashes library budget in outrageous move",
        "Daily Clarion",
        datetime(2026, 11, 14, 10, tzinfo=UTC),
        None,
        "Furious residents blasted the council's outrageous decision to slash the library "
        "budget, calling it an attack on the town.",
    ),
]


@pytest.fixture
def filled(sqlite_url: str):
    with Library.open(sqlite_url) as library:
        library.add_demo_story()
        for title, outlet, published, story, body in ARTICLES:
            library.add_draft(
                ArticleDraft(
                    title=title,
                    body=body,
                    source_kind="text",
                    source_ref=f"{title}.txt",
                    published=published,
                    language="en",
                ),
                outlet=outlet,
                story=story,
            )
        yield library


@pytest.fixture
def window(qtbot, filled: Library) -> MainWindow:
    shown = MainWindow(filled)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def _titles(window: MainWindow) -> list[str]:
    model = window.model
    assert model is not None
    return [model.article(row).title for row in range(model.rowCount())]


def _click_tree(qtbot, window: MainWindow, scope: Scope) -> None:
    tree = window.library_panel.tree
    index = tree.tree_model.index_of(scope)
    assert index.isValid()
    with qtbot.waitSignal(window.library_panel.listing_ready, timeout=10_000):
        qtbot.mouseClick(
            tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center()
        )


def _outlet(library: Library, name: str) -> Scope:
    outlet = next(o for o in library.outlets() if o.name == name)
    return Scope("outlet", outlet.id, outlet.name)


def _story(library: Library, name: str) -> Scope:
    story = next(s for s in library.stories() if s.name == name)
    return Scope("story", story.id, story.name)


def test_search_in_one_outlet_over_a_month(qtbot, window: MainWindow, filled: Library) -> None:
    panel = window.library_panel
    _click_tree(qtbot, window, _outlet(filled, "Harbour Gazette"))
    assert set(_titles(window)) == {
        "Ceasefire agreed after night of talks",
        "Gazette: ceasefire broadly holding, officials say",
        "Ceasefire talks to open next month",
    }
    with qtbot.waitSignal(panel.listing_ready, timeout=10_000):
        qtbot.keyClicks(panel.search_field, "ceasefire")
    with qtbot.waitSignal(panel.listing_ready, timeout=10_000):
        panel.filters.set_values(published_from=date(2026, 11, 1), published_to=date(2026, 11, 30))
    assert set(_titles(window)) == {
        "Ceasefire agreed after night of talks",
        "Gazette: ceasefire broadly holding, officials say",
    }
    assert window.count_label.text().startswith("2 articles match")
    # The reader follows the listing.
    assert window.reader.toPlainText().split("\n")[0] in _titles(window)

    with qtbot.waitSignal(panel.listing_ready, timeout=10_000):
        panel.filters.set_values(published_from=date(2027, 1, 1))
    assert _titles(window) == []
    assert panel.message.isVisible()
    assert "No article matches" in panel.message.text()
    with qtbot.waitSignal(panel.listing_ready, timeout=10_000):
        window.library_actions.actions["clear_filters"].trigger()
    assert len(_titles(window)) == 8


def test_sorting_by_loaded_density_follows_the_stored_scores(
    qtbot, window: MainWindow, filled: Library
) -> None:
    panel = window.library_panel
    filled.analyze_all()
    # The article in the reader is analysed by the window meanwhile.
    qtbot.waitUntil(
        lambda: all(a.loaded_density is not None for a in filled.list_articles()), timeout=30_000
    )
    panel.refresh()
    header = window.table.horizontalHeader()
    section = window.model.SORT_KEYS.index("loaded_density")
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    with qtbot.waitSignal(panel.listing_ready, timeout=10_000):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    model = window.model
    densities = [model.article(row).loaded_density for row in range(model.rowCount())]
    assert densities == sorted(densities, reverse=True)  # the first click: most loaded first
    stored = [a.id for a in filled.list_articles(sort="loaded_density", descending=True)]
    assert [model.article_id(row) for row in range(model.rowCount())] == stored
    assert model.article(0).title == "Ceasefire collapses as militants launch brutal assault"
    shown = model.index(0, section).data()
    assert shown == f"{model.article(0).loaded_density:.1f}"

    with qtbot.waitSignal(panel.listing_ready, timeout=10_000):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    model = window.model
    rising = [model.article(row).loaded_density for row in range(model.rowCount())]
    assert rising == sorted(rising)


def test_a_story_in_the_tree_lists_only_its_articles(
    qtbot, window: MainWindow, filled: Library
) -> None:
    _click_tree(qtbot, window, _story(filled, "Port Calder dock strike"))
    titles = _titles(window)
    assert len(titles) == 3
    assert all(window.model.article(row).story == "Port Calder dock strike" for row in range(3))
    assert "Border talks (3)" in [
        window.library_panel.tree.tree_model.index_of(_story(filled, "Border talks")).data()
    ]
    # Two to four of them can be selected together, for Compare.
    table = window.table
    with qtbot.waitSignal(window.library_panel.selection_changed) as selected:
        table.selectAll()
    assert len(selected.args[0]) == 3


def test_delete_with_undo_brings_the_rows_back_for_good(
    qtbot, window: MainWindow, filled: Library, sqlite_url: str
) -> None:
    panel = window.library_panel
    _click_tree(qtbot, window, _story(filled, "Border talks"))
    ids = sorted(window.model.article_id(row) for row in range(2))
    panel.select_articles(ids)
    assert sorted(panel.selected_ids()) == ids
    before = sorted(_titles(window))
    filled.add_annotation(ids[0], "reject", 0, 9, label="emotional")

    window.activateWindow()
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert filled.count_articles() == 6
    assert len(_titles(window)) == 1
    assert window.undo_stack.canUndo()
    assert window.actions["undo"].text().startswith("&Undo Delete 2 Articles")

    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert sorted(_titles(window)) == before
    assert sorted(panel.selected_ids()) == ids  # the restored rows are selected again
    assert [a.action for a in filled.annotations(ids[0])] == ["reject"]

    filled.close()
    with Library.open(sqlite_url) as reopened:
        assert reopened.count_articles() == 8
        assert sorted(reopened.article_ids(story="Border talks")) == sorted(
            [*ids, *set(reopened.article_ids(story="Border talks")) - set(ids)]
        )
        assert all(reopened.get_article(i).story == "Border talks" for i in ids)


def test_deleting_many_articles_runs_behind_a_busy_dialog_and_undoes(
    qtbot, sqlite_url: str
) -> None:
    from gui.library_commands import BACKGROUND_FROM

    count = BACKGROUND_FROM + 20
    with Library.open(sqlite_url) as library:
        _add_notices(library, count)
        window = MainWindow(library)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        actions = window.library_actions
        window.table.selectAll()
        assert len(window.library_panel.selected_ids()) == count
        window.actions["delete_articles"].trigger()
        # The window waits behind a busy dialog that cannot be cancelled half-way.
        busy = actions.busy
        assert busy is not None
        assert busy.isVisible()
        assert busy.windowModality() == Qt.WindowModality.WindowModal
        assert busy.labelText() == f"Deleting {count:,} articles…"
        qtbot.waitUntil(lambda: actions.busy is None, timeout=30_000)
        assert library.count_articles() == 0
        assert window.model.rowCount() == 0
        assert window.statusBar().currentMessage().startswith(f"Deleted {count:,} articles.")

        window.undo_stack.undo()
        assert actions.busy is not None
        assert actions.busy.labelText() == f"Restoring {count:,} articles…"
        qtbot.waitUntil(lambda: actions.busy is None, timeout=30_000)
        assert library.count_articles() == count
        assert window.model.rowCount() == count
        assert window.statusBar().currentMessage() == f"Restored {count:,} articles."


def test_delete_key_in_the_search_field_edits_the_text(qtbot, window: MainWindow) -> None:
    panel = window.library_panel
    window.activateWindow()
    panel.search_field.setText("ab")
    panel.search_field.setFocus()
    panel.search_field.setCursorPosition(0)
    qtbot.keyClick(panel.search_field, Qt.Key.Key_Delete)
    assert panel.search_field.text() == "b"
    assert not window.undo_stack.canUndo()


def test_analyse_all_fills_the_score_columns(qtbot, window: MainWindow, filled: Library) -> None:
    model = window.model
    loaded = model.SORT_KEYS.index("loaded_density")
    unscored = [row for row in range(model.rowCount()) if model.index(row, loaded).data() == ""]
    assert len(unscored) >= 7  # only the article in the reader may have been analysed
    actions = window.library_actions
    with qtbot.waitSignal(actions.analysis_finished, timeout=120_000) as finished:
        window.actions["analyse_all"].trigger()
        assert actions.progress_bar.isVisible()
        assert window.actions["cancel_analysis"].isEnabled()
    run = finished.args[0]
    assert not run.cancelled
    assert not actions.progress_bar.isVisible()
    model = window.model
    assert all(model.index(row, loaded).data() != "" for row in range(model.rowCount()))
    assert "Analysed" in window.statusBar().currentMessage()


def _add_notices(library: Library, count: int = 30) -> None:
    for n in range(count):
        library.add_draft(
            ArticleDraft(
                title=f"Harbour notice {n}",
                body=f"Notice number {n}: the harbour office opens at nine on weekdays.",
                source_kind="text",
                source_ref=f"notice-{n}.txt",
                language="en",
            ),
            outlet="Harbour Gazette",
        )


def test_analyse_all_can_be_cancelled(qtbot, window: MainWindow, filled: Library) -> None:
    _add_notices(filled)
    actions = window.library_actions
    with qtbot.waitSignal(actions.analysis_finished, timeout=120_000) as finished:
        window.actions["analyse_all"].trigger()
        qtbot.mouseClick(actions.cancel_button, Qt.MouseButton.LeftButton)
    run = finished.args[0]
    assert run.cancelled
    assert run.analysed < run.total
    assert filled.analyze_all().total == run.total - run.analysed


def test_closing_the_window_stops_analyse_all(qtbot, window: MainWindow, filled: Library) -> None:
    _add_notices(filled)
    actions = window.library_actions
    with qtbot.waitSignal(actions.analysis_finished, timeout=120_000) as finished:
        window.actions["analyse_all"].trigger()
        window.close()
    assert finished.args[0].cancelled


def test_edit_outlet_shows_at_once_and_undoes(
    qtbot, window: MainWindow, filled: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gui.library_actions as library_actions

    class Edited:
        def __init__(self, fields: OutletFields, _parent) -> None:
            self.before = fields

        def exec(self) -> bool:
            return True

        def fields(self) -> OutletFields:
            return OutletFields("Clarion Daily", "commercial", "Calder", ("clarion.example",))

    monkeypatch.setattr(library_actions, "OutletDialog", Edited)
    _click_tree(qtbot, window, _outlet(filled, "Daily Clarion"))
    window.actions["edit_outlet"].trigger()
    outlet = next(o for o in filled.outlets() if o.id == window.library_panel.scope().id)
    assert (outlet.name, outlet.kind, outlet.country) == ("Clarion Daily", "commercial", "Calder")
    assert filled.outlet_aliases(outlet.id) == ["Clarion Daily", "clarion.example"]
    assert {window.model.article(row).outlet for row in range(2)} == {"Clarion Daily"}
    tree = window.library_panel.tree
    assert tree.currentIndex().data() == "Clarion Daily (2)"

    window.undo_stack.undo()
    outlet = next(o for o in filled.outlets() if o.id == outlet.id)
    assert outlet.name == "Daily Clarion"
    assert "clarion.example" not in filled.outlet_aliases(outlet.id)
    assert tree.currentIndex().data() == "Daily Clarion (2)"


def test_story_edits_from_the_window_undo(
    qtbot, window: MainWindow, filled: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gui.library_actions as library_actions

    monkeypatch.setattr(library_actions, "choose_story", lambda *_args: "Budget fights")
    monkeypatch.setattr(library_actions, "ask_story_name", lambda *_args: "Budget rows")
    panel = window.library_panel
    with qtbot.waitSignal(panel.listing_ready, timeout=10_000):
        panel.search_field.setText("budget")
        panel.request_listing()
    ids = panel.selected_ids()
    assert len(ids) == 1
    window.actions["add_to_story"].trigger()
    assert filled.article_ids(story="Budget fights") == ids
    panel.show_scope(_story(filled, "Budget fights"))
    window.actions["rename_story"].trigger()
    assert [s.name for s in filled.stories()].count("Budget rows") == 1
    assert panel.scope().name == "Budget rows"

    window.undo_stack.undo()  # the rename
    window.undo_stack.undo()  # the new story
    assert "Budget fights" not in [s.name for s in filled.stories()]
    assert "Budget rows" not in [s.name for s in filled.stories()]


def test_every_library_action_has_a_shortcut_and_a_tip(window: MainWindow) -> None:
    keys = [
        "delete_articles",
        "edit_outlet",
        "rename_story",
        "add_to_story",
        "remove_from_story",
        "delete_story",
        "clear_filters",
        "analyse_selected",
        "analyse_all",
        "cancel_analysis",
        "undo",
        "redo",
    ]
    for key in keys:
        action = window.actions[key]
        assert not action.shortcut().isEmpty(), key
        assert action.toolTip(), key
    # No two actions share a key (those deliberately without one aside).
    registered = [key for key in window.actions if key not in WITHOUT_SHORTCUT]
    shortcuts = [window.actions[key].shortcut().toString() for key in registered]
    assert len(shortcuts) == len(set(shortcuts))
    assert QApplication.instance() is not None
