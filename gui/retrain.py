"""Analysis > Retrain Models with My Corrections: ``train --with-annotations`` off the GUI
thread (the library runs it in a worker process), with progress, Cancel and a report."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from gui.operations import run_in_background
from library import CancelToken, Library, Progress

#: ``work(progress, cancel)`` returns a training summary (``Library.retrain`` by default).
RetrainWork = Callable[[Progress, CancelToken], Any]


def summary_text(summary: Any) -> str:
    """What a retraining did, for a person: what it learnt from and where the models are."""
    lines = [
        f"Trained on {summary.examples:,} loaded-language sentences, "
        f"{summary.annotation_examples:,} of them from your corrections, "
        f"and {summary.frame_examples:,} framing passages"
        + (
            f", {summary.annotation_frames:,} of them sentences whose frame you set."
            if getattr(summary, "annotation_frames", 0)
            else "."
        ),
    ]
    for name, metrics in sorted(summary.metrics.items()):
        shown = ", ".join(f"{key} {value}" for key, value in metrics.items())
        lines.append(f"{name.replace('_', ' ')}: {shown}")
    lines.append(f"The new models are in use, saved in {summary.folder}.")
    lines.append("Analysis > Use Shipped Models goes back to the models Parallax came with.")
    return "\n".join(lines)


class RetrainOperation(QObject):
    """Runs ``work`` on the thread pool; its progress and outcome arrive as signals on the
    GUI thread: ``progressed(fraction, text)``, then ``succeeded(summary)``, ``failed(text)``
    or ``cancelled()``."""

    progressed = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, work: RetrainWork, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.work = work
        self.token = CancelToken()
        self._job: object | None = None

    @property
    def running(self) -> bool:
        return self._job is not None

    def start(self) -> None:
        """Start the work (once)."""
        # progressed is emitted from the pool thread: Qt queues it to this object's thread.
        self._job = run_in_background(
            lambda: self.work(self.progressed.emit, self.token), self._on_done, self._on_failed
        )

    def cancel(self) -> None:
        """Ask the work to stop (the training process is ended)."""
        self.token.cancel()

    def _on_done(self, summary: object) -> None:
        self._job = None
        self.succeeded.emit(summary)

    def _on_failed(self, text: str) -> None:
        self._job = None
        if self.token.cancelled:
            self.cancelled.emit()
        else:
            self.failed.emit(text)


class RetrainFlow(QObject):
    """The window's side of retraining: a progress dialog with Cancel, then a report.

    ``finished(trained)`` is emitted at the end (``True`` when new models are in use), so
    the window can analyse the shown article again.
    """

    finished = Signal(bool)

    def __init__(self, library: Library, parent: QWidget, work: RetrainWork | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.parent_widget = parent
        self.work: RetrainWork = work or (
            lambda progress, cancel: library.retrain(progress=progress, cancel=cancel)
        )
        self.operation: RetrainOperation | None = None
        self.dialog: QProgressDialog | None = None
        self.report: QMessageBox | None = None

    @property
    def running(self) -> bool:
        return self.operation is not None and self.operation.running

    def start(self) -> None:
        """Start retraining, unless it is already running."""
        if self.running:
            return
        operation = RetrainOperation(self.work, self)
        dialog = QProgressDialog(
            self.tr("Retraining the models with your corrections…"),
            self.tr("Cancel"),
            0,
            100,
            self.parent_widget,
        )
        dialog.setWindowTitle(self.tr("Retrain Models"))
        dialog.setWindowModality(Qt.WindowModality.NonModal)  # the window stays usable
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setValue(0)
        dialog.canceled.connect(operation.cancel)
        operation.progressed.connect(self._on_progress)
        operation.succeeded.connect(self._on_succeeded)
        operation.failed.connect(self._on_failed)
        operation.cancelled.connect(self._on_cancelled)
        self.operation, self.dialog = operation, dialog
        dialog.show()
        operation.start()

    def cancel(self) -> None:
        """Stop a running retraining (the window is closing)."""
        if self.operation is not None and self.operation.running:
            self.operation.cancel()

    def _on_progress(self, fraction: float, text: str) -> None:
        if self.dialog is not None:
            self.dialog.setValue(round(fraction * 100))
            self.dialog.setLabelText(
                self.tr("%1\nThis takes a few minutes; you can go on working.").replace("%1", text)
            )

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def _tell(self, icon: QMessageBox.Icon, text: str) -> None:
        box = QMessageBox(icon, self.tr("Retrain Models"), text, parent=self.parent_widget)
        box.setObjectName("retrain-report")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # not exec(): the window goes on while the report is read
        self.report = box

    def _on_succeeded(self, summary: object) -> None:
        self._close_dialog()
        self._tell(QMessageBox.Icon.Information, summary_text(summary))
        self.finished.emit(True)

    def _on_failed(self, text: str) -> None:
        self._close_dialog()
        self._tell(
            QMessageBox.Icon.Warning,
            self.tr("The models were not retrained: %1").replace("%1", text),
        )
        self.finished.emit(False)

    def _on_cancelled(self) -> None:
        self._close_dialog()
        self.finished.emit(False)
