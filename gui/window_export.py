"""Exporting from the window: the comparison on screen as a handout, worksheet, answer key or
HTML report, and the selected articles as CSV or JSON tables.

The library writes the files (whole or not at all) on a background thread; the status bar
says it is busy, then gives one line on what was written, with "Open", or why it failed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QProgressBar, QPushButton

from export.fonts import register_fonts
from gui.actions import ActionRegistry
from gui.operations import run_in_background
from library import Library
from library.comparing import ComparedArticles
from library.records import ExportReport

#: Comparison documents: (action key, menu text, shortcut, file suffix, file filter, tip).
COMPARISON_DOCUMENTS = {
    "comparison": (
        "Export Comparison &Handout (PDF)…",
        "Ctrl+E",
        "handout.pdf",
        "PDF (*.pdf)",
        "The articles side by side with highlights, scores, frames and who speaks",
    ),
    "worksheet": (
        "Export &Worksheet (PDF)…",
        "Ctrl+Alt+W",
        "worksheet.pdf",
        "PDF (*.pdf)",
        "The same texts without highlights, with questions for students",
    ),
    "answer_key": (
        "Export &Answer Key (PDF)…",
        "Ctrl+Alt+K",
        "answer-key.pdf",
        "PDF (*.pdf)",
        "The worksheet's questions with answers from the analysis",
    ),
    "html": (
        "Export HTML &Report…",
        "Ctrl+Shift+E",
        "report.html",
        "HTML (*.html *.htm)",
        "The comparison as one web page that opens anywhere, offline",
    ),
}
#: Article tables: (menu text, shortcut, suffix, filter, tip).
TABLES = {
    "csv": (
        "Export Selected Articles as &CSV…",
        "Ctrl+Alt+S",
        "articles.csv",
        "CSV (*.csv)",
        "Scores, frames, sentences, highlights and speakers as spreadsheet tables",
    ),
    "json": (
        "Export Selected Articles as &JSON…",
        "Ctrl+Alt+J",
        "articles.json",
        "JSON (*.json)",
        "Everything the analysis says about the selected articles, in one JSON file",
    ),
}
#: What each export is called in messages.
NAMES = {
    "comparison": "comparison handout",
    "worksheet": "worksheet",
    "answer_key": "answer key",
    "html": "HTML report",
    "csv": "CSV tables",
    "json": "JSON file",
}


def file_stem(name: str | None) -> str:
    """A file-name stem from a story's name: lower case words joined by hyphens."""
    words = re.findall(r"[^\W_]+", (name or "").lower())
    return "-".join(words[:8]) or "parallax"


class WindowExport(QObject):
    """The File menu's export commands for ``window``.

    ``finished(ok, message)`` is emitted when an export has ended (written or failed).

    Parameters
    ----------
    library
        Writes the files.
    window
        Parent of dialogs; its status bar shows progress and the outcome.
    compared
        ``compared()`` is the comparison on screen with its story's name, or ``None``.
    selected
        ``selected()`` are the IDs of the articles the CSV/JSON exports write.
    page_size
        ``page_size()`` is the paper of the PDFs (``a4`` or ``letter``).
    """

    finished = Signal(bool, str)

    def __init__(
        self,
        library: Library,
        window: QMainWindow,
        compared: Callable[[], tuple[ComparedArticles, str | None] | None],
        selected: Callable[[], Sequence[int]],
        page_size: Callable[[], str],
    ) -> None:
        super().__init__(window)
        self.library = library
        self.window = window
        self._compared = compared
        self._selected = selected
        self._page_size = page_size
        self._job: object | None = None
        self._opened: Path | None = None
        self.folder = Path(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            or Path.home()
        )
        self.actions: list[QAction] = []
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # moving without a known end
        self.busy.setMaximumWidth(120)
        self.busy.setAccessibleName(self.tr("Exporting"))
        self.busy.hide()
        self.notice = QLabel()
        self.notice.setAccessibleName(self.tr("Export result"))
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setToolTip(self.tr("Open the exported file"))
        self.open_button.setAccessibleName(self.tr("Open the exported file"))
        self.open_button.clicked.connect(self.open_written)
        self.open_button.hide()
        bar = window.statusBar()
        # Permanent: passing status messages ("Analysing…") do not hide that work goes on.
        bar.insertPermanentWidget(0, self.busy)
        bar.addWidget(self.notice, 1)
        bar.addWidget(self.open_button)
        self._clear_timer = QTimer(self)
        self._clear_timer.setSingleShot(True)
        self._clear_timer.timeout.connect(self._clear_notice)

    # -- menu --------------------------------------------------------------------------------

    def install(self, registry: ActionRegistry, before: QAction) -> None:
        """Register the export actions and put them in the File menu above ``before``."""
        menu = registry.menu("&File")
        for kind, (text, shortcut, _suffix, _filter, tip) in COMPARISON_DOCUMENTS.items():
            action = registry.add(
                f"export_{kind}",
                self.tr(text),
                lambda kind=kind: self.export_comparison(kind),
                shortcut=shortcut,
                tip=self.tr(tip),
            )
            menu.insertAction(before, action)
            self.actions.append(action)
        menu.insertSeparator(before)
        for kind, (text, shortcut, _suffix, _filter, tip) in TABLES.items():
            action = registry.add(
                f"export_{kind}",
                self.tr(text),
                lambda kind=kind: self.export_articles(kind),
                shortcut=shortcut,
                tip=self.tr(tip),
            )
            menu.insertAction(before, action)
            self.actions.append(action)
        menu.insertSeparator(before)
        self.update_actions()

    def update_actions(self) -> None:
        """Enable what can be exported now (a comparison on screen; articles selected)."""
        idle = self._job is None
        comparing = self._compared() is not None
        articles = bool(self._selected())
        for action in self.actions:
            table = action.objectName().removeprefix("export_") in TABLES
            action.setEnabled(idle and (articles if table else comparing))

    # -- exports -----------------------------------------------------------------------------

    def export_comparison(self, kind: str, path: str | Path | None = None) -> bool:
        """Export the comparison on screen as ``kind`` to ``path`` (asked when ``None``).

        Returns whether an export was started.
        """
        shown = self._compared()
        if shown is None:
            self._say(False, self.tr("Compare 2 to 4 articles first, then export them."))
            return False
        compared, story = shown
        text, _shortcut, suffix, filters, _tip = COMPARISON_DOCUMENTS[kind]
        if path is None:
            path = self._ask(text, f"{file_stem(story)}-{suffix}", filters)
            if path is None:
                return False
        page_size = self._page_size()
        target = Path(path)
        register_fonts()  # once, on the GUI thread: the worker then only reads the fonts
        return self._start(
            kind,
            lambda: self.library.export_comparison(compared, {kind: target}, page_size=page_size),
        )

    def export_articles(self, kind: str, path: str | Path | None = None) -> bool:
        """Export the selected articles as ``csv`` or ``json`` to ``path`` (asked if None)."""
        ids = list(self._selected())
        if not ids:
            self._say(False, self.tr("Select the articles to export in the library first."))
            return False
        text, _shortcut, suffix, filters, _tip = TABLES[kind]
        if path is None:
            path = self._ask(text, suffix, filters)
            if path is None:
                return False
        target = Path(path)
        return self._start(kind, lambda: self.library.export_articles(ids, **{kind: target}))

    def _ask(self, title: str, name: str, filters: str) -> str | None:
        path, _chosen = QFileDialog.getSaveFileName(
            self.window,
            self.tr(title).replace("&", "").rstrip("…"),
            str(self.folder / name),
            filters,
        )
        if not path:
            return None
        self.folder = Path(path).parent
        return path

    def _start(self, kind: str, work: Callable[[], ExportReport]) -> bool:
        if self._job is not None:
            self._say(False, self.tr("An export is still being written; try again after it."))
            return False
        self._clear_notice()
        self.busy.show()
        self.notice.setStyleSheet("")
        self.notice.setText(self.tr("Writing the %1…").replace("%1", NAMES[kind]))
        self._job = run_in_background(
            work, lambda report: self._done(kind, report), lambda text: self._failed(kind, text)
        )
        self.update_actions()
        return True

    def _end(self) -> None:
        self._job = None
        self.busy.hide()
        self.update_actions()

    def _done(self, kind: str, report: ExportReport) -> None:
        self._end()
        if report.failures:
            problem = report.failures[0]
            self._failed(kind, str(problem), ended=True)
            return
        written = report.written[0] if report.written else None
        self._opened = written
        more = len(report.written) - 1
        where = str(written) + (
            self.tr(" (and %1 more files beside it)").replace("%1", str(more)) if more else ""
        )
        self._say(
            True, self.tr("Saved the %1 to %2.").replace("%1", NAMES[kind]).replace("%2", where)
        )

    def _failed(self, kind: str, reason: str, *, ended: bool = False) -> None:
        if not ended:
            self._end()
        self._opened = None
        self._say(
            False,
            self.tr("The %1 was not saved: %2").replace("%1", NAMES[kind]).replace("%2", reason),
        )

    def _say(self, ok: bool, message: str) -> None:
        self.notice.setText(message)
        self.notice.setToolTip(message)
        self.notice.setStyleSheet("" if ok else "color: #B00020; font-weight: bold;")
        self.open_button.setVisible(ok and self._opened is not None)
        self._clear_timer.start(60_000)  # long enough to read and click "Open"
        self.finished.emit(ok, message)

    def _clear_notice(self) -> None:
        self.notice.clear()
        self.open_button.hide()

    def open_written(self) -> bool:
        """Open the last written file with the desktop's application for it."""
        if self._opened is None:
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._opened)))
