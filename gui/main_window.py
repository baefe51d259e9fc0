"""The main window: the library on the left, the reading or comparison view in the centre.

The window composes panels and routes their signals; each panel renders records and asks the
library for data, and long work runs on a background thread (``gui.operations``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QSettings, Qt, QThreadPool, Signal
from PySide6.QtGui import (
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from analysis.report import ArticleReport
from gui.about import AboutDialog, ShortcutsDialog
from gui.actions import ActionRegistry
from gui.classroom import ClassroomMode
from gui.comparison_view import ComparisonView, load_comparison
from gui.corrections import CorrectionController
from gui.glossary_pane import GlossaryPane
from gui.highlights import HighlightSettings, threshold_for
from gui.importer import Importer
from gui.legend import HighlightLegend
from gui.library_actions import LibraryActions
from gui.library_panel import LibraryPanel
from gui.operations import run_in_background
from gui.preferences import PreferencesDialog
from gui.reader import ArticleReader
from gui.retrain import RetrainFlow
from gui.scores_panel import ScoresPanel
from gui.settings import Preferences, open_settings, restore_window_state, save_window_state
from gui.themes import Appearance
from gui.undo import add_undo_actions
from gui.window_export import WindowExport
from library import Library, LibraryError, __version__


class MainWindow(QMainWindow):
    """The library window.

    ``analysis_ready(article_id)`` is emitted when the current article's highlights are shown;
    ``comparison_ready(article_ids)`` when a comparison is on screen, ``comparison_failed(text)``
    when one could not be made.

    Parameters
    ----------
    library
        The open library this window shows; the window never opens database sessions itself.
    settings
        Where preferences and the window's state are kept (default: :func:`open_settings`).
    """

    analysis_ready = Signal(int)
    comparison_ready = Signal(list)
    comparison_failed = Signal(str)

    #: Zoom steps of the centre views (each about 12 %), and how far each way they go.
    ZOOM_STEP, ZOOM_STEPS = 1.12, (-4, 10)

    def __init__(self, library: Library, settings: QSettings | None = None) -> None:
        super().__init__()
        self.library = library
        self.settings = settings if settings is not None else open_settings()
        #: Whether closing saves the window's size and layout (a screenshot's does not).
        self.remember_layout = True
        self.preferences = Preferences.load(self.settings)
        self._showing: int | None = None
        self._reading_outlet = ""
        self._analysis_job: object | None = None
        self.setWindowTitle(self.tr("Parallax"))
        self.resize(1280, 800)

        self.library_panel = LibraryPanel(library)
        self.reader = ArticleReader()
        self.comparison = ComparisonView()
        self.legend = HighlightLegend()
        # The preference is where the legend's slider starts; the slider is the live control.
        self.legend.slider.setValue(self.preferences.slider_value())
        self.centre = QStackedWidget()
        self.centre.addWidget(self.reader)
        self.centre.addWidget(self.comparison)
        centre_box = QWidget()
        centre_layout = QVBoxLayout(centre_box)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.setSpacing(0)
        centre_layout.addWidget(self.legend)
        centre_layout.addWidget(self.centre, 1)
        self._report: ArticleReport | None = None
        self._comparing: tuple[int, ...] = ()
        self._compare_job: object | None = None
        self._zoom = 0
        self._reading_sizes: list[int] | None = None
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main-splitter")
        self.splitter.addWidget(self.library_panel)
        self.splitter.addWidget(centre_box)
        self.splitter.setSizes([560, 720])
        self.setCentralWidget(self.splitter)

        self.actions = ActionRegistry(self)
        self.actions.add(
            "quit",
            self.tr("&Quit"),
            self.close,
            menu="&File",
            shortcut="Ctrl+Q",  # the platform's Quit key is empty on some systems
        )
        # One undo stack for every change the window makes to the library.
        self.undo_stack = QUndoStack(self)
        add_undo_actions(self.actions, self.undo_stack)
        self.actions.add(
            "find",
            self.tr("&Find in Library"),
            self.library_panel.focus_search,
            menu="&Edit",
            shortcut=QKeySequence.StandardKey.Find,
            tip=self.tr("Search the titles and text of the library"),
        )

        self.library_actions = LibraryActions(self)
        self._add_view_actions()
        self._add_import()  # first in the File menu: what a new user looks for first
        self._add_scores_and_export()
        self._add_corrections_and_classroom()
        self.classroom.toggled.connect(self.scores.set_simplified)
        self._sync_scores_action()  # the panel may come back open with the window's state
        self.corrections.report_changed.connect(self._update_scores)

        self.library_panel.current_changed.connect(self.show_article)
        self.library_panel.selection_changed.connect(self._on_selection)
        self.library_panel.selection_changed.connect(lambda _ids: self.export.update_actions())
        self.legend.settings_changed.connect(self._apply_highlight_settings)
        self.comparison.status_message.connect(self._show_status)
        self.centre.currentChanged.connect(self._on_centre_changed)
        self.centre.currentChanged.connect(self._update_scores)
        self._on_centre_changed()
        self.library_panel.count_changed.connect(self._update_status)
        self.library_panel.refresh()

    # The library panel's parts, for callers that drive the window (tests, screenshots).
    @property
    def search_field(self):
        return self.library_panel.search_field

    @property
    def table(self):
        return self.library_panel.table

    @property
    def model(self):
        return self.library_panel.model

    @property
    def message(self):
        return self.library_panel.message

    def refresh(self) -> None:
        """Re-read the library listing."""
        self.library_panel.refresh()

    def select_article(self, article_id: int) -> bool:
        """Select ``article_id`` in the table (its reading view follows)."""
        found = self.library_panel.select_article(article_id)
        if found:
            self.show_reading_view()  # also when it was selected already, behind a comparison
        return found

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        # The window is remembered as the user arranged it, not as classroom mode shows it,
        # nor as a screenshot sized it.
        self.classroom.set_active(False)
        if self.remember_layout:
            save_window_state(self.settings, self, self.splitter)
        self.retrain_flow.cancel()
        # Let a running analysis finish before the library it reads is closed, and a deletion
        # or its undo (one transaction, however long) finish whole.
        self.importer.shutdown()
        if self.library_actions.busy is not None:
            QThreadPool.globalInstance().waitForDone()
        QThreadPool.globalInstance().waitForDone(10_000)
        super().closeEvent(event)

    def _update_status(self, text: str) -> None:
        self.count_label.setText(f"{text} · {self.library.url} · Parallax {__version__}")

    def show_article(self, article_id: int | None) -> None:
        """Show ``article_id`` in the reader, then its highlights once analysed."""
        self.centre.setCurrentWidget(self.reader)
        self._report = None
        if article_id is None:
            self._showing = None
            self._end_analysing_message()
            self.reader.show_article(None)
            self._update_scores()
            return
        try:
            detail = self.library.get_article(article_id)
            self.reader.show_article(detail)
        except LibraryError as error:
            self.library_panel.show_message(str(error))
            return
        self._showing = article_id
        self._reading_outlet = detail.outlet or ""
        self._update_scores()
        self.statusBar().showMessage(self._analysing_message)
        self._analysis_job = run_in_background(
            lambda: self.library.analyze([article_id])[0],
            lambda result: self._on_analysis(article_id, result),
            self._on_analysis_error,
        )

    @property
    def _analysing_message(self) -> str:
        return self.tr("Analysing…")

    def _end_analysing_message(self) -> None:
        """Take "Analysing…" off the status bar (a newer message stays)."""
        if self.statusBar().currentMessage() == self._analysing_message:
            self.statusBar().clearMessage()

    def _on_analysis_error(self, message: str) -> None:
        self._end_analysing_message()
        self.library_panel.show_message(message)

    def _on_analysis(self, article_id: int, result: object) -> None:
        # The user may have moved on to another article while this one was analysed.
        if article_id != self._showing:
            return
        self._end_analysing_message()
        report = getattr(result, "report", None)
        if report is None:
            self.library_panel.show_message(str(result))
            return
        if report.available:
            self._report = report
            self.corrections.remember(article_id, report)
            self._show_report(report)
        self.library_panel.article_changed(article_id)  # its scores, now stored
        self._update_scores()
        self.analysis_ready.emit(article_id)

    # -- comparison, legend and zoom ---------------------------------------------------------

    def _add_view_actions(self) -> None:
        add = self.actions.add
        add(
            "compare",
            self.tr("&Compare Selected"),
            self.compare_selected,
            menu="&Analysis",
            shortcut="Ctrl+Return",
            tip=self.tr("Set the 2 to 4 selected articles side by side"),
        ).setEnabled(False)
        add(
            "reading_view",
            self.tr("&Reading View"),
            self.show_reading_view,
            menu="&View",
            shortcut="Ctrl+1",
            tip=self.tr("Read the current article alone"),
        )
        add(
            "comparison_view",
            self.tr("C&omparison View"),
            lambda: self.centre.setCurrentWidget(self.comparison),
            menu="&View",
            shortcut="Ctrl+2",
            tip=self.tr("Back to the last comparison"),
        ).setEnabled(False)
        self.actions.menu("&View").addSeparator()
        add(
            "zoom_in",
            self.tr("Zoom &In"),
            lambda: self.set_zoom(self._zoom + 1),
            menu="&View",
            shortcut=QKeySequence.StandardKey.ZoomIn,
            tip=self.tr("Larger text in the reading and comparison views"),
        ).setShortcuts([QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")])
        add(
            "zoom_out",
            self.tr("Zoom &Out"),
            lambda: self.set_zoom(self._zoom - 1),
            menu="&View",
            shortcut=QKeySequence.StandardKey.ZoomOut,
            tip=self.tr("Smaller text in the reading and comparison views"),
        )
        add(
            "zoom_reset",
            self.tr("&Actual Size"),
            lambda: self.set_zoom(0),
            menu="&View",
            shortcut="Ctrl+0",
            tip=self.tr("Text at its normal size"),
        )

    def _on_selection(self, article_ids: list[int]) -> None:
        self.actions["compare"].setEnabled(2 <= len(article_ids) <= 4)
        # One article selected again while comparing: back to reading it.
        if len(article_ids) == 1 and article_ids[0] == self._showing:
            self.show_reading_view()

    def _on_centre_changed(self, _index: int = 0) -> None:
        comparing = self.centre.currentWidget() is self.comparison
        self.legend.set_comparison_keys_visible(comparing)
        # Columns need the room: the library narrows while comparing, and gets its width
        # back when reading.
        sizes = self.splitter.sizes()
        if comparing and self._reading_sizes is None and sum(sizes):
            self._reading_sizes = sizes
            library = min(sizes[0], sum(sizes) // 4)
            self.splitter.setSizes([library, sum(sizes) - library])
        elif not comparing and self._reading_sizes is not None:
            self.splitter.setSizes(self._reading_sizes)
            self._reading_sizes = None

    def _show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 5000)

    def show_reading_view(self) -> None:
        """Show the reader (the current article) in the centre."""
        self.centre.setCurrentWidget(self.reader)

    def compare_selected(self) -> None:
        """Compare the articles selected in the library (2 to 4)."""
        article_ids = self.library_panel.selected_ids()
        if 2 <= len(article_ids) <= 4:
            self.compare_articles(article_ids)
        else:
            self.statusBar().showMessage(self.tr("Select 2 to 4 articles to compare."), 5000)

    def compare_articles(self, article_ids: Sequence[int]) -> None:
        """Compare ``article_ids`` in the background, then show them side by side."""
        ids = tuple(article_ids)
        self._comparing = ids
        self.comparison.show_busy(self.tr("Comparing %1 articles…").replace("%1", str(len(ids))))
        self.centre.setCurrentWidget(self.comparison)
        self._compare_job = run_in_background(
            lambda: load_comparison(self.library, ids),
            lambda shown: self._on_compared(ids, shown),
            lambda message: self._on_compare_failed(ids, message),
        )

    def _on_compared(self, ids: tuple[int, ...], shown: object) -> None:
        if ids != self._comparing:
            return  # a newer comparison was asked for meanwhile
        self.comparison.show_comparison(shown)
        for column in self.comparison.columns:  # corrections start from what is on screen
            if column.article_id is not None:
                self.corrections.remember(column.article_id, column.report)
        self.actions["comparison_view"].setEnabled(True)
        self._update_scores()
        self.export.update_actions()
        self.comparison_ready.emit(list(ids))

    def _on_compare_failed(self, ids: tuple[int, ...], message: str) -> None:
        if ids != self._comparing:
            return
        self.export.update_actions()
        text = self.tr("These articles could not be compared: %1").replace("%1", message)
        self.comparison.show_message(text)
        self.statusBar().showMessage(text, 10_000)
        self.comparison_failed.emit(message)

    def _apply_highlight_settings(self, settings: HighlightSettings) -> None:
        self._highlight_reader(settings)
        self.comparison.set_highlight_settings(settings)

    def _highlight_reader(self, _settings: HighlightSettings) -> None:
        if self._report is not None:
            self._show_report(self._report)

    def set_zoom(self, steps: int) -> None:
        """Zoom the centre views ``steps`` steps from the normal size (0)."""
        low, high = self.ZOOM_STEPS
        self._zoom = min(max(steps, low), high)
        factor = self.ZOOM_STEP**self._zoom
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * factor)
        self.reader.setFont(font)
        self.comparison.set_zoom(factor)

    # -- scores panel and exports ------------------------------------------------------------

    def _add_scores_and_export(self) -> None:
        self.scores = ScoresPanel(self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.scores)
        # Hidden at first: the centre's columns need the room (View > Scores Panel).
        self.scores.hide()
        self.actions.menu("&View").addSeparator()
        self.actions.add(
            "scores_panel",
            self.tr("&Scores Panel"),
            self._set_scores_shown,
            menu="&View",
            shortcut="Ctrl+3",
            checkable=True,
            tip=self.tr("Bars, frames and sources of the article or comparison on screen"),
        )
        self.scores.visibilityChanged.connect(self._sync_scores_action)
        self.export = WindowExport(
            self.library,
            self,
            self._shown_comparison,
            self._export_ids,
            lambda: self.preferences.pdf_page_size.lower(),
        )
        self.export.install(self.actions, self.actions["quit"])

    def _set_scores_shown(self, shown: bool) -> None:
        self.scores.setVisible(shown)
        # A new dock takes its content's narrow minimum; frame names need about 320 px.
        if shown and not getattr(self, "_scores_widened", False):
            self._scores_widened = True
            if self.scores.width() < 320:
                self.resizeDocks([self.scores], [320], Qt.Orientation.Horizontal)

    def _sync_scores_action(self, *_visible: bool) -> None:
        # As for the glossary: the action follows whether the user has the panel open.
        action = self.actions["scores_panel"]
        action.blockSignals(True)
        action.setChecked(not self.scores.isHidden())
        action.blockSignals(False)

    def _shown_comparison(self):
        """The comparison on screen with its story's name, or ``None``."""
        shown = self.comparison.shown_comparison
        if shown is None or not self.comparison.showing_columns:
            return None
        stories = {d.story for d in shown.details if d is not None}
        return shown.compared, (stories.pop() if len(stories) == 1 else None)

    def _export_ids(self) -> list[int]:
        """The articles File > Export Selected Articles writes: the selection, else the one
        being read."""
        ids = self.library_panel.selected_ids()
        if not ids and self._showing is not None:
            ids = [self._showing]
        return ids

    def _update_scores(self, *_args: object) -> None:
        """Show the scores of what the centre shows."""
        shown = self._shown_comparison()
        if self.centre.currentWidget() is self.comparison and shown is not None:
            compared = shown[0]
            names = [
                f"{chr(ord('A') + i)} · {column.outlet}"
                for i, column in enumerate(self.comparison.columns)
            ]
            self.scores.show_comparison(names, compared.comparison)
            return
        report = self.corrections.report_for(self._showing) if self._showing else None
        report = report or self._report
        self.scores.show_article(report, self._reading_outlet)

    # -- corrections, classroom mode, themes, preferences, help ------------------------------

    def _add_corrections_and_classroom(self) -> None:
        self.appearance = Appearance()
        self.corrections = CorrectionController(
            self.library,
            self.undo_stack,
            self,
            author=lambda: self.preferences.author,
            threshold=self._threshold,
        )
        self.glossary = GlossaryPane(self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.glossary)
        self.glossary.hide()
        self.classroom = ClassroomMode(self, self.glossary, self._restyle)
        self.retrain_flow = RetrainFlow(self.library, self)
        self.reader.context_requested.connect(self.corrections.request_menu)
        self.comparison.context_requested.connect(self.corrections.request_menu)
        self.corrections.report_changed.connect(self._on_corrected)
        self.corrections.explain_requested.connect(self.glossary.show_term)
        self.corrections.message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.retrain_flow.finished.connect(self._after_models_changed)

        add = self.actions.add
        add(
            "preferences",
            self.tr("&Preferences…"),
            self.edit_preferences,
            menu="&Edit",
            shortcut="Ctrl+,",
            tip=self.tr("Theme, type size, sensitivity, your name, paper"),
        )
        add(
            "classroom",
            self.tr("&Classroom Mode"),
            self.classroom.set_active,
            menu="&View",
            shortcut="Ctrl+Shift+C",
            checkable=True,
            tip=self.tr("Large type, high contrast and the glossary, for projecting"),
        )
        self.classroom.toggled.connect(self.actions["classroom"].setChecked)
        add(
            "glossary",
            self.tr("&Glossary"),
            self.glossary.setVisible,
            menu="&View",
            shortcut=QKeySequence.StandardKey.HelpContents,
            checkable=True,
            tip=self.tr("What each highlight, voice and frame means"),
        )
        self.glossary.visibilityChanged.connect(self._sync_glossary_action)
        add(
            "full_screen",
            self.tr("&Full Screen"),
            self._set_full_screen,
            menu="&View",
            shortcut=QKeySequence.StandardKey.FullScreen,
            checkable=True,
        )
        themes = QMenu(self.tr("&Theme"), self.actions.menu("&View"))
        self.actions.menu("&View").addMenu(themes)
        group = QActionGroup(self)
        for code, text in (
            ("system", self.tr("&System")),
            ("light", self.tr("&Light")),
            ("dark", self.tr("&Dark")),
        ):
            action = add(
                f"theme_{code}",
                text,
                lambda on, code=code: on and self.set_theme(code),
                checkable=True,
                tip=self.tr("Colours of the window"),
            )
            group.addAction(action)
            themes.addAction(action)
        self.actions[f"theme_{self.preferences.theme}"].setChecked(True)

        add(
            "mark_selection",
            self.tr("&Mark Selection as Loaded…"),
            lambda: self.corrections.mark_menu_at(self._cursor_context()),
            menu="&Analysis",
            shortcut="Ctrl+M",
            tip=self.tr("Highlight the selected words as loaded language of a category"),
        )
        add(
            "reject_highlight",
            self.tr("&Reject Highlight at Cursor"),
            lambda: self.corrections.reject_at_cursor(self._cursor_context()),
            menu="&Analysis",
            shortcut="Ctrl+Shift+R",
            tip=self.tr("Remove a false highlight (Edit > Undo brings it back)"),
        )
        add(
            "correction_menu",
            self.tr("&Correct at Cursor…"),
            lambda: self.corrections.menu_at_cursor(self._cursor_context()),
            menu="&Analysis",
            shortcut="Ctrl+Shift+M",
            tip=self.tr("Reject, relabel or confirm a highlight, or set a sentence's frame"),
        )
        self.actions.menu("&Analysis").addSeparator()
        add(
            "retrain",
            self.tr("Re&train Models with My Corrections…"),
            self.retrain_flow.start,
            menu="&Analysis",
            tip=self.tr("Learn from your corrections (takes minutes)"),
        )
        add(
            "use_shipped_models",
            self.tr("Use &Shipped Models"),
            self.use_shipped_models,
            menu="&Analysis",
            tip=self.tr("Go back to the models Parallax came with"),
        )
        add(
            "shortcuts",
            self.tr("&Keyboard Shortcuts"),
            self.show_shortcuts,
            menu="&Help",
            shortcut="Ctrl+/",
        )
        add("about", self.tr("&About Parallax"), self.show_about, menu="&Help")

        self._restyle(False)
        restore_window_state(self.settings, self, self.splitter)
        self._sync_glossary_action()

    def _sync_glossary_action(self, *_visible: bool) -> None:
        # The dock also "becomes invisible" when the window is minimised or closed: the
        # action follows whether the user has it open, and never closes it for them.
        action = self.actions["glossary"]
        action.blockSignals(True)
        action.setChecked(not self.glossary.isHidden())
        action.blockSignals(False)

    def _threshold(self, report: ArticleReport) -> float | None:
        """The confidence a highlight needs at the user's sensitivity (None: shipped)."""
        return threshold_for(report, self.legend.settings().sensitivity)

    def _show_report(self, report: ArticleReport) -> None:
        threshold = self._threshold(report)
        self.reader.show_highlights(report, threshold, self.legend.settings().hidden)
        self.glossary.set_article(report, threshold)

    def _on_corrected(self, article_id: int, report: ArticleReport) -> None:
        if article_id == self._showing and report.available:
            self._show_report(report)
        column = self.comparison.column_for(article_id)
        if column is not None and report.available:
            column.set_report(report, self.comparison.settings)

    def _cursor_context(self) -> tuple | None:
        """Where the correction shortcuts act: the text cursor of the column the keyboard
        is in while comparing, else the reader's."""
        if self.centre.currentWidget() is self.comparison and self.comparison.showing_columns:
            column = self.comparison.current_column()
            return column.cursor_context() if column is not None else None
        return self.reader.cursor_context()

    def _restyle(self, classroom: bool) -> None:
        """Apply the theme and type size (large and high-contrast in classroom mode)."""
        prefs = self.preferences
        self.appearance.apply(
            prefs.theme,
            font_size=prefs.font_size,
            classroom_scale=prefs.classroom_font_scale if classroom else None,
        )
        self._redraw()

    def _redraw(self) -> None:
        """Draw the article and glossary again in the current type and colours."""
        self.glossary.render()
        if self._showing is None:
            return
        scroll = self.reader.verticalScrollBar().value()
        try:
            self.reader.show_article(self.library.get_article(self._showing))
        except LibraryError:
            return
        report = self.corrections.report_for(self._showing)
        if report is not None and report.available:
            self._show_report(report)
        self.reader.verticalScrollBar().setValue(scroll)

    def set_theme(self, theme: str) -> None:
        """Use ``theme`` (``system``, ``light`` or ``dark``) and remember it."""
        if theme == self.preferences.theme:
            return
        self.apply_preferences(replace(self.preferences, theme=theme))

    def apply_preferences(self, preferences: Preferences) -> None:
        """Use and store ``preferences``."""
        before = self.preferences.sensitivity
        self.preferences = preferences.validated()
        if self.preferences.sensitivity != before:  # a new starting point moves the slider
            self.legend.slider.setValue(self.preferences.slider_value())
        self.preferences.save(self.settings)
        self.actions[f"theme_{self.preferences.theme}"].setChecked(True)
        self._restyle(self.classroom.active)

    def edit_preferences(self) -> PreferencesDialog:
        """Edit > Preferences (window-modal; OK applies)."""
        dialog = PreferencesDialog(self.preferences, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.apply_preferences(dialog.preferences()))
        dialog.open()
        return dialog

    def show_about(self) -> AboutDialog:
        dialog = AboutDialog(self.library, self.settings.fileName(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_shortcuts(self) -> ShortcutsDialog:
        dialog = ShortcutsDialog(self.actions, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _set_full_screen(self, on: bool) -> None:
        if on:
            self.showFullScreen()
        else:
            self.showNormal()

    def use_shipped_models(self) -> None:
        """Analysis > Use Shipped Models: leave a retrained set."""
        if not self.library.models_in_use().retrained:
            self.statusBar().showMessage(self.tr("Parallax already uses the shipped models."), 5000)
            return
        self.library.use_shipped_models()
        self.statusBar().showMessage(self.tr("Using the models Parallax came with."), 5000)
        self._after_models_changed(True)

    def _after_models_changed(self, changed: bool) -> None:
        if changed and self._showing is not None:
            self.corrections.refresh(self._showing)

    # -- import: menu, toolbar, drops (gui/importer.py does the work) -------------------------

    def _add_import(self) -> None:
        self.importer = Importer(self.library, self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.importer.dock)
        add = self.actions.add
        commands = [
            add(
                "import_files",
                self.tr("&Import Files…"),
                self.importer.import_files,
                shortcut=QKeySequence.StandardKey.Open,
                tip=self.tr("Import saved pages, text files, feeds, CSV/JSON dumps or archives"),
            ),
            add(
                "import_folder",
                self.tr("Import F&older…"),
                self.importer.import_folder,
                shortcut="Ctrl+Shift+O",
                tip=self.tr("Import every article file in a folder and its subfolders"),
            ),
            add(
                "import_url",
                self.tr("Import from &URL…"),
                self.importer.import_url,
                shortcut="Ctrl+Shift+U",
                tip=self.tr("Fetch web pages or feeds by address and import them"),
            ),
        ]
        paste = add(
            "paste_article",
            self.tr("&Paste Article…"),
            self.importer.paste_article,
            shortcut="Ctrl+Shift+V",
            tip=self.tr("Add an article by pasting its text, with its title and outlet"),
        )
        # Import comes first in the File menu, above Quit.
        file_menu = self.actions.menu("&File")
        file_menu.insertActions(self.actions["quit"], [*commands, paste])
        file_menu.insertSeparator(self.actions["quit"])
        self.importer.disable_while_running(commands)
        style = self.style()
        commands[0].setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton))
        commands[0].setIconText(self.tr("Import"))
        paste.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_FileIcon))
        paste.setIconText(self.tr("Paste"))
        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("main-toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions([commands[0], paste])
        self.setAcceptDrops(True)
        self.importer.articles_added.connect(self._show_added)
        self.importer.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))

    def _show_added(self, article_ids: list[int]) -> None:
        """Show the articles an import stored, selected (ready for Compare)."""
        self.library_panel.refresh(select=article_ids)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt override)
        self._answer_drag(event, self.importer.accepts(event.mimeData()))

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 (Qt override)
        self._answer_drag(event, self.importer.accepts(event.mimeData()))

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt override)
        self._answer_drag(event, self.importer.drop(event.mimeData()))

    @staticmethod
    def _answer_drag(event: QDropEvent, wanted: bool) -> None:
        # Said both ways: a new event counts as accepted until ignored.
        if wanted:
            event.acceptProposedAction()
        else:
            event.ignore()
