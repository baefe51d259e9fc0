"""The window's library commands: delete articles, edit outlets and stories, analyse all.

Each is an action of the registry (menu, shortcut, tip) and, where it fits, an entry of the
tree's context menu; changes go on the window's undo stack.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QProgressBar, QProgressDialog, QPushButton
from shiboken6 import isValid

from gui.library_commands import (
    DeleteArticlesCommand,
    EditOutletCommand,
    OutletFields,
    RenameStoryCommand,
    StoryChangeCommand,
)
from gui.library_panel import LibraryPanel
from gui.library_tree import Scope
from gui.operations import run_in_background
from gui.record_dialogs import OutletDialog, ask_story_name, choose_story
from library import AnalysisRun, CancelToken, Library, LibraryError


class _ProgressRelay(QObject):
    """Carries a worker's progress calls to the GUI thread (a queued signal)."""

    progressed = Signal(float, str)


class LibraryActions(QObject):
    """Registers the library and analysis actions of ``window`` and carries them out.

    ``analysis_finished(run)`` is emitted when Analyse All (or Selected) ends, cancelled or not.

    Parameters
    ----------
    window
        The main window: its ``library``, ``library_panel``, ``actions`` and ``undo_stack``.
    """

    analysis_finished = Signal(object)

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.library: Library = window.library  # type: ignore[attr-defined]
        self.panel: LibraryPanel = window.library_panel  # type: ignore[attr-defined]
        self.undo_stack = window.undo_stack  # type: ignore[attr-defined]
        self._analysis: object | None = None
        self._cancel: CancelToken | None = None
        #: The busy dialog of a change running in the background (None when there is none).
        self.busy: QProgressDialog | None = None
        self._busy_job: object | None = None
        self._register(window.actions)  # type: ignore[attr-defined]
        self._progress_widgets()
        self.panel.tree.customContextMenuRequested.connect(self._tree_menu)
        window.installEventFilter(self)  # to stop Analyse All when the window closes
        self.panel.selection_changed.connect(self._update_enabled)
        self._update_enabled(self.panel.selected_ids())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.window and event.type() == QEvent.Type.Close:
            # The window waits for running work before it closes the library: let Analyse
            # All stop after its current article instead of running on.
            self.cancel_analysis()
        return False

    # -- actions ---------------------------------------------------------------------------

    def _register(self, actions) -> None:
        tr = self.window.tr
        self.actions = actions
        delete = actions.add(
            "delete_articles",
            tr("&Delete Articles"),
            self.delete_selected,
            menu="&Library",
            shortcut=QKeySequence.StandardKey.Delete,
            tip=tr("Delete the selected articles from the library (Edit > Undo brings them back)"),
        )
        # Delete acts in the article table only: in the search field or the reader the key
        # keeps its usual meaning.
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.window.removeAction(delete)
        self.panel.table.addAction(delete)
        actions.menu("&Library").addSeparator()
        actions.add(
            "edit_outlet",
            tr("Edit &Outlet…"),
            self.edit_outlet,
            menu="&Library",
            shortcut="Ctrl+Alt+O",
            tip=tr("Edit the name, kind, country and other names of the outlet"),
        )
        actions.add(
            "rename_story",
            tr("&Rename Story…"),
            self.rename_story,
            menu="&Library",
            shortcut="Ctrl+Alt+R",
            tip=tr("Give the story picked in the tree (or the article's story) a new name"),
        )
        actions.add(
            "add_to_story",
            tr("&Add Selected to Story…"),
            self.add_to_story,
            menu="&Library",
            shortcut="Ctrl+Alt+A",
            tip=tr("Put the selected articles in a story, or in a new one"),
        )
        actions.add(
            "remove_from_story",
            tr("Remo&ve Selected from Story"),
            self.remove_from_story,
            menu="&Library",
            shortcut="Ctrl+Alt+X",
            tip=tr("Take the selected articles out of the story picked in the tree"),
        )
        actions.add(
            "delete_story",
            tr("Delete S&tory"),
            self.delete_story,
            menu="&Library",
            shortcut="Ctrl+Shift+Del",
            tip=tr("Delete the story picked in the tree; its articles stay in the library"),
        )
        actions.menu("&Library").addSeparator()
        actions.add(
            "clear_filters",
            tr("&Clear Search and Filters"),
            self.panel.clear_filters,
            menu="&Library",
            shortcut="Ctrl+Alt+C",
            tip=tr("List every article again"),
        )
        actions.add(
            "analyse_selected",
            tr("Analyse &Selected Articles"),
            self.analyse_selected,
            menu="&Analysis",
            shortcut="F9",
            tip=tr("Analyse the selected articles and store their scores"),
        )
        actions.add(
            "analyse_all",
            tr("Analyse &All Articles"),
            self.analyse_all,
            menu="&Analysis",
            shortcut="Shift+F9",
            tip=tr("Analyse every article not analysed yet, in the background"),
        )
        cancel = actions.add(
            "cancel_analysis",
            tr("&Cancel Analysis"),
            self.cancel_analysis,
            menu="&Analysis",
            shortcut="Ctrl+F9",
            tip=tr("Stop analysing; what is done is kept"),
        )
        cancel.setEnabled(False)

    def _update_enabled(self, selected: list) -> None:
        for key in ("delete_articles", "add_to_story", "remove_from_story", "analyse_selected"):
            self.actions[key].setEnabled(bool(selected))

    def _tree_menu(self, position: QPoint) -> None:
        tree = self.panel.tree
        scope = tree.scope_at(tree.indexAt(position))
        if scope is None:
            return
        if scope.kind in ("outlet", "story"):
            tree.select_scope(scope)  # the actions act on the item right-clicked
        keys = {
            "outlet": ["edit_outlet"],
            "story": ["rename_story", "add_to_story", "remove_from_story", "delete_story"],
            "stories": ["add_to_story"],
            "all": ["analyse_all"],
        }.get(scope.kind, [])
        if not keys:
            return
        menu = QMenu(tree)
        for key in keys:
            menu.addAction(self.actions[key])
        menu.exec(tree.viewport().mapToGlobal(position))

    # -- helpers ---------------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 6000)

    def _changed(self, article_ids: list[int]) -> None:
        self.panel.refresh()
        if article_ids:
            self.panel.select_articles(article_ids)

    def _push(self, command) -> None:
        self.undo_stack.push(command)  # runs the command's redo() now

    def _story_scope(self) -> Scope | None:
        """The story picked in the tree, else the current article's story."""
        scope = self.panel.scope()
        if scope.kind == "story":
            return scope
        current = self.panel.current_id()
        if current is None:
            return None
        try:
            name = self.library.get_article(current).story
        except LibraryError:
            return None
        story = next((s for s in self.library.stories() if s.name == name), None)
        return Scope("story", story.id, story.name) if story else None

    # -- articles --------------------------------------------------------------------------

    def delete_selected(self) -> None:
        """Delete the selected articles (undoable)."""
        ids = self.panel.selected_ids()
        if not ids:
            self._say(self.window.tr("Select the articles to delete first."))
            return
        counted = f"{len(ids):,} article" + ("" if len(ids) == 1 else "s")
        deleted = self.window.tr("Deleted %1. Edit > Undo brings them back.").replace("%1", counted)
        restored = self.window.tr("Restored %1.").replace("%1", counted)

        def changed(shown: list[int]) -> None:
            self._changed(shown)
            # Deleting shows nothing; undoing it shows the articles it brought back.
            self._say(restored if shown else deleted)

        self._push(DeleteArticlesCommand(self.library, ids, changed, self._say, self._run_busy))

    def _run_busy(
        self,
        text: str,
        work: Callable[[], list[int]],
        done: Callable[[list[int]], None],
        failed: Callable[[str], None],
    ) -> None:
        """Run a long library change in the background behind a busy dialog that keeps the
        window from taking input (Undo included) until the change is made."""
        dialog = QProgressDialog(self.window.tr(text), "", 0, 0, self.window)
        dialog.setCancelButton(None)  # a change is one transaction: it cannot stop half-way
        dialog.setWindowTitle(self.window.tr("Parallax"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.show()
        self.busy = dialog

        def finish(result: object, report: Callable) -> None:
            dialog.close()
            dialog.deleteLater()
            self.busy = None
            report(result)

        self._busy_job = run_in_background(
            work,
            lambda result: finish(result, done),
            lambda message: finish(message, failed),
        )

    # -- outlets and stories ---------------------------------------------------------------

    def edit_outlet(self) -> None:
        """Edit the outlet picked in the tree, else the current article's outlet."""
        scope = self.panel.scope()
        outlets = self.library.outlets()
        outlet = None
        if scope.kind == "outlet":
            outlet = next((o for o in outlets if o.id == scope.id), None)
        elif self.panel.current_id() is not None:
            name = self.library.get_article(self.panel.current_id()).outlet
            outlet = next((o for o in outlets if o.name == name), None)
        if outlet is None:
            self._say(self.window.tr("Pick an outlet in the tree, or an article, first."))
            return
        before = OutletFields(
            outlet.name,
            outlet.kind,
            outlet.country or "",
            tuple(self.library.outlet_aliases(outlet.id)),
        )
        dialog = OutletDialog(before, self.window)
        if not dialog.exec():
            return
        after = dialog.fields()
        if after != before:
            self._push(
                EditOutletCommand(self.library, outlet.id, before, after, self._changed, self._say)
            )

    def rename_story(self) -> None:
        """Rename the story picked in the tree (else the current article's story)."""
        scope = self._story_scope()
        if scope is None or scope.id is None:
            self._say(self.window.tr("Pick a story in the tree first."))
            return
        name = ask_story_name(
            self.window, self.window.tr("Rename Story"), self.window.tr("Story name:"), scope.name
        )
        if name and name != scope.name:
            self._push(
                RenameStoryCommand(
                    self.library, scope.id, scope.name, name, self._changed, self._say
                )
            )

    def add_to_story(self) -> None:
        """Put the selected articles in a story chosen or named in a dialog."""
        ids = self.panel.selected_ids()
        if not ids:
            self._say(self.window.tr("Select the articles to add first."))
            return
        scope = self.panel.scope()
        names = [story.name for story in self.library.stories()]
        name = choose_story(self.window, names, scope.name if scope.kind == "story" else None)
        if name is None:
            return
        text = self.window.tr("Add to Story “%1”").replace("%1", name)
        self._push(
            StoryChangeCommand(
                text,
                self.library,
                lambda: self.library.add_to_story(ids, name),
                self._changed,
                self._say,
                shown=ids,
            )
        )

    def remove_from_story(self) -> None:
        """Take the selected articles out of the story picked in the tree."""
        ids = self.panel.selected_ids()
        scope = self.panel.scope()
        if scope.kind != "story" or scope.id is None or not ids:
            self._say(self.window.tr("Pick a story in the tree and select its articles first."))
            return
        story_id = scope.id
        text = self.window.tr("Remove from Story “%1”").replace("%1", scope.name)
        self._push(
            StoryChangeCommand(
                text,
                self.library,
                lambda: self.library.remove_from_story(ids, story_id),
                self._changed,
                self._say,
            )
        )

    def delete_story(self) -> None:
        """Delete the story picked in the tree (its articles stay)."""
        scope = self.panel.scope()
        if scope.kind != "story" or scope.id is None:
            self._say(self.window.tr("Pick a story in the tree first."))
            return
        story_id = scope.id
        text = self.window.tr("Delete Story “%1”").replace("%1", scope.name)
        self._push(
            StoryChangeCommand(
                text,
                self.library,
                lambda: self.library.delete_story(story_id),
                self._changed,
                self._say,
            )
        )

    # -- analysing many articles -----------------------------------------------------------

    def _progress_widgets(self) -> None:
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setMaximumWidth(220)
        self.progress_bar.setAccessibleName(self.window.tr("Analysis progress"))
        self.cancel_button = QPushButton(self.window.tr("Cancel"))
        self.cancel_button.setToolTip(self.window.tr("Stop analysing; what is done is kept"))
        self.cancel_button.setAccessibleName(self.window.tr("Cancel the analysis"))
        self.cancel_button.clicked.connect(self.cancel_analysis)
        for widget in (self.progress_bar, self.cancel_button):
            self.window.statusBar().addPermanentWidget(widget)
            widget.hide()

    @property
    def analysing(self) -> bool:
        """Whether Analyse All (or Selected) is running."""
        return self._analysis is not None

    def analyse_all(self) -> None:
        """Analyse every article without a current analysis, in the background."""
        self._start_analysis(None)

    def analyse_selected(self) -> None:
        """Analyse the selected articles in the background."""
        ids = self.panel.selected_ids()
        if ids:
            self._start_analysis(ids)

    def cancel_analysis(self) -> None:
        """Ask the running analysis to stop after the article it is on."""
        if self._cancel is not None:
            self._cancel.cancel()
            self.progress_bar.setFormat(self.window.tr("Cancelling…"))

    def _start_analysis(self, ids: list[int] | None) -> None:
        if self._analysis is not None:
            self._say(self.window.tr("An analysis is running already."))
            return
        cancel = CancelToken()
        relay = _ProgressRelay(self)
        relay.progressed.connect(self._on_progress)
        self._cancel = cancel
        self.progress_bar.setValue(0)
        self.progress_bar.setFormat(self.window.tr("Analysing… %p%"))
        self.progress_bar.show()
        self.cancel_button.show()
        self.actions["cancel_analysis"].setEnabled(True)
        library = self.library
        self._analysis = run_in_background(
            lambda: library.analyze_all(ids, progress=relay.progressed.emit, cancel=cancel),
            self._on_analysed,
            lambda reason: self._on_analysed(reason),
        )

    def _on_progress(self, fraction: float, message: str) -> None:
        self.progress_bar.setValue(round(fraction * 1000))
        self.progress_bar.setToolTip(message)

    def _on_analysed(self, run: AnalysisRun | str) -> None:
        if not isValid(self.panel):  # the window closed while the analysis ran
            return
        self._analysis = None
        self._cancel = None
        self.progress_bar.hide()
        self.cancel_button.hide()
        self.actions["cancel_analysis"].setEnabled(False)
        self._say(run.summary() if isinstance(run, AnalysisRun) else str(run))
        self.panel.refresh()  # the new scores show; the current article stays selected
        self.analysis_finished.emit(run)
