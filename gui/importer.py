"""Import in the window: the File menu's import commands, drops on the window, the paste
dialog, the batch on its own thread with the import bar, and the summary.

The window owns one :class:`Importer`; its ``articles_added(ids)`` tells the window which
articles to show when a batch or a pasted article is stored, so the user can go straight on
to Compare.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QDockWidget, QFileDialog, QWidget

from gui.import_job import ImportJob, ImportRequest, is_web_address
from gui.import_progress import ImportProgressPanel
from gui.operations import run_in_background
from library import AddResult, ImportReport, Library, LibraryError

if TYPE_CHECKING:
    # The dialogs are imported when first opened: the window shows sooner without them.
    from gui.import_dialog import ImportDialog
    from gui.import_summary import ImportSummaryDialog
    from gui.paste_dialog import PasteArticleDialog, PastedArticle


@dataclass(frozen=True)
class Dropped:
    """What a drop carries: paths and addresses to import, or text to paste as an article."""

    inputs: list[str] = field(default_factory=list)
    text: str = ""


def dropped(mime: QMimeData) -> Dropped:
    """Read a drop: local files and folders and http(s) links, else plain text.

    Plain text holding only web addresses (one a line) is imported like links; any other
    text is an article's text for the paste dialog.
    """
    if mime.hasUrls():
        # A drag of links or files is about them (its text is only their addresses again):
        # other schemes (ftp:, mailto:) are refused, not pasted as an article.
        inputs: list[str] = []
        for url in mime.urls():
            if url.isLocalFile():
                inputs.append(url.toLocalFile())
            elif url.scheme().lower() in ("http", "https"):
                inputs.append(url.toString())
        return Dropped(inputs=inputs)
    if mime.hasText():
        text = mime.text().strip()
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if lines and all(is_web_address(line) for line in lines):
            return Dropped(inputs=lines)
        return Dropped(text=text)
    return Dropped()


def shown_ids(report: ImportReport) -> list[int]:
    """The articles to select after a batch: the new ones, else those it found already there."""
    added = [a.article_id for a in report.added if a.article_id is not None]
    if added:
        return added
    return list(dict.fromkeys(d.duplicate_of for d in report.duplicates if d.duplicate_of))


class Importer(QObject):
    """Runs the window's imports, one batch at a time.

    Signals: ``articles_added(ids)`` when articles were stored (or found already stored),
    ``progressed(done, total, source_ref)`` as a batch goes on, ``report_ready(report)`` when
    a batch ended, ``running_changed(running)``, and
    ``status_message(text)`` for the status bar.

    Parameters
    ----------
    library
        Where articles go.
    window
        Parent of the dialogs and of the import bar (``dock``, which the window places).
    """

    articles_added = Signal(list)
    progressed = Signal(int, int, str)
    report_ready = Signal(object)
    running_changed = Signal(bool)
    status_message = Signal(str)

    def __init__(self, library: Library, window: QWidget) -> None:
        super().__init__(window)
        self.library = library
        self._window = window
        self.panel = ImportProgressPanel()
        self.dock = QDockWidget(self.tr("Import"), window)
        self.dock.setObjectName("import-dock")
        self.dock.setWidget(self.panel)
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        self.dock.setTitleBarWidget(QWidget())  # a bar, not a panel with a title
        self.dock.hide()
        self.panel.cancel_requested.connect(self.cancel)
        self.panel.details_requested.connect(self.show_summary)
        self.panel.close_requested.connect(self.dock.hide)
        self.job: ImportJob | None = None
        self.report: ImportReport | None = None
        self.dialog: ImportDialog | PasteArticleDialog | None = None
        self.summary: ImportSummaryDialog | None = None
        self._paste_job: object | None = None
        self._import_actions: list[QAction] = []

    # -- commands -------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        """Whether a batch is being imported."""
        return self.job is not None and not self.job.isFinished()

    def disable_while_running(self, actions: Iterable[QAction]) -> None:
        """Grey out ``actions`` (the import commands) while a batch runs."""
        self._import_actions = list(actions)

    def import_files(self) -> None:
        """File ▸ Import Files…: choose files, then the outlet and story."""
        from gui.import_dialog import FILE_FILTER

        paths, _filter = QFileDialog.getOpenFileNames(
            self._window, self.tr("Import Files"), "", self.tr(FILE_FILTER)
        )
        if paths:
            self.ask(paths)

    def import_folder(self) -> None:
        """File ▸ Import Folder…: every article file in a folder and its subfolders."""
        folder = QFileDialog.getExistingDirectory(self._window, self.tr("Import Folder"))
        if folder:
            self.ask([folder])

    def import_url(self) -> None:
        """File ▸ Import from URL…: addresses typed or pasted; fetched by the batch's thread."""
        self.ask([], addresses=True)

    def ask(self, inputs: list[str], *, addresses: bool = False) -> ImportDialog | None:
        """Open the import dialog with ``inputs``; Import starts the batch."""
        from gui.import_dialog import ImportDialog

        if self.running:
            self.status_message.emit(
                self.tr("An import is running: wait for it to finish, or cancel it.")
            )
            return None
        dialog = ImportDialog(
            inputs, self._outlets(), self._stories(), addresses=addresses, parent=self._window
        )
        dialog.accepted.connect(lambda: self.start(dialog.request()))
        self._replace_dialog(dialog)
        dialog.open()
        return dialog

    def paste_article(self, text: str | None = None) -> PasteArticleDialog:
        """File ▸ Paste Article…: prefilled with ``text``, else with the clipboard's text."""
        from gui.paste_dialog import PasteArticleDialog

        dialog = PasteArticleDialog(self._outlets(), self._stories(), parent=self._window)
        if text is None:
            copied = QGuiApplication.clipboard().text().strip()
            if is_web_address(copied):
                dialog.prefill(url=copied)
            else:
                dialog.prefill(copied)
        else:
            dialog.prefill(text)
        dialog.submitted.connect(lambda article: self._store_pasted(dialog, article))
        self._replace_dialog(dialog)
        dialog.open()
        return dialog

    def start(self, request: ImportRequest) -> ImportJob:
        """Import ``request`` on a new thread, with the import bar showing its progress."""
        if self.job is not None:
            self.job.deleteLater()
        job = ImportJob(self.library, request, self)
        job.progressed.connect(self.panel.set_progress)
        job.progressed.connect(self.progressed)
        job.succeeded.connect(self._on_report)
        job.failed.connect(self._on_failed)
        job.finished.connect(lambda: self._set_running(False))
        self.job = job
        self.report = None
        self.panel.start()
        self.dock.show()
        self._set_running(True)
        job.start()
        return job

    def cancel(self) -> None:
        """Stop the batch after the input being stored; what was stored is kept."""
        if self.running and self.job is not None:
            self.job.cancel()
            self.panel.cancelling()

    def show_summary(self) -> ImportSummaryDialog | None:
        """The summary of the last batch, in its own non-modal window."""
        from gui.import_summary import ImportSummaryDialog

        if self.report is None:
            return None
        if self.summary is not None:
            self.summary.close()
            self.summary.deleteLater()
        self.summary = ImportSummaryDialog(self.report, self._window)
        self.summary.show()
        return self.summary

    def shutdown(self, wait_ms: int = 10_000) -> None:
        """The window closes: cancel a running batch and let it finish its current article."""
        if self.running and self.job is not None:
            self.job.cancel()
            self.job.wait(wait_ms)

    # -- drops ----------------------------------------------------------------------------

    def accepts(self, mime: QMimeData) -> bool:
        """Whether a drag carries something to import or paste."""
        found = dropped(mime)
        return bool(found.inputs or found.text)

    def drop(self, mime: QMimeData) -> bool:
        """Files, folders and links open the import dialog; other text, the paste dialog."""
        found = dropped(mime)
        if found.inputs:
            self.ask(found.inputs)
            return True
        if found.text:
            self.paste_article(found.text)
            return True
        return False

    # -- results --------------------------------------------------------------------------

    def _on_report(self, report: ImportReport) -> None:
        self.report = report
        from gui.import_summary import outcome_line

        self.panel.finish(outcome_line(report))
        ids = shown_ids(report)
        if ids:
            # On the next turn of the event loop: the outcome is painted first, and the
            # table's refresh is a step of its own (the window answers in between).
            QTimer.singleShot(0, self, lambda: self.articles_added.emit(ids))
        if report.failures or report.cancelled:
            # Only then: a clean import of three pages needs no window to dismiss.
            self.show_summary()
        self.report_ready.emit(report)

    def _on_failed(self, reason: str) -> None:
        self.panel.finish(self.tr("The import stopped: %1").replace("%1", reason), details=False)

    def _set_running(self, running: bool) -> None:
        for action in self._import_actions:
            action.setEnabled(not running)
        self.running_changed.emit(running)

    def _store_pasted(self, dialog: PasteArticleDialog, article: PastedArticle) -> None:
        def store() -> AddResult:
            return self.library.add_text(
                article.title,
                article.body,
                outlet=article.outlet,
                story=article.story,
                published=article.published,
                url=article.url,
            )

        self._paste_job = run_in_background(
            store, lambda result: self._on_pasted(dialog, result), dialog.refused
        )

    def _on_pasted(self, dialog: PasteArticleDialog, result: AddResult) -> None:
        dialog.stored()
        # Shown first, then said: showing an article puts its own note in the status bar.
        if result.stored and result.article_id is not None:
            self.articles_added.emit([result.article_id])
            message = self.tr("Added “%1” to the library.").replace("%1", result.title)
        elif result.duplicate_of is not None:
            self.articles_added.emit([result.duplicate_of])
            message = self.tr(
                "That article is already in the library (article %1): not added again."
            ).replace("%1", str(result.duplicate_of))
        else:
            return
        self.status_message.emit(message)

    # -- helpers --------------------------------------------------------------------------

    def _replace_dialog(self, dialog: ImportDialog | PasteArticleDialog) -> None:
        # The previous dialog goes unless it is still open (a paste being stored answers it).
        if self.dialog is not None and self.dialog is not dialog and not self.dialog.isVisible():
            self.dialog.deleteLater()
        self.dialog = dialog

    def _outlets(self) -> list[str]:
        try:
            return [outlet.name for outlet in self.library.outlets()]
        except LibraryError:
            return []

    def _stories(self) -> list[str]:
        try:
            return [story.name for story in self.library.stories()]
        except LibraryError:
            return []
