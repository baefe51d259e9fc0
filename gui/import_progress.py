"""The import bar at the foot of the window: progress and Cancel while a batch runs, then a
one-line outcome with Details (the summary dialog) and Close. Non-modal: the library stays
usable while articles arrive."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QWidget,
)


class ElidedLabel(QLabel):
    """A one-line label that elides its text in the middle to fit (paths end in the name)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._full = ""

    def set_full_text(self, text: str) -> None:
        """Show ``text``, elided to the label's width; the whole of it in the tooltip."""
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        """The text as given (what is shown may be elided)."""
        return self._full

    def _elide(self) -> None:
        width = max(self.width(), 80)
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideMiddle, width))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._elide()


class ImportProgressPanel(QFrame):
    """Shows one import: "N of M · current file", a progress bar and Cancel, then the outcome.

    ``cancel_requested``, ``details_requested`` and ``close_requested`` are emitted by its
    buttons; the panel never starts or stops work itself.
    """

    cancel_requested = Signal()
    details_requested = Signal()
    close_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import-progress")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Import"))
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.bar = QProgressBar()
        self.bar.setAccessibleName(self.tr("Import progress"))
        self.bar.setMinimumWidth(220)
        self.bar.setMaximumWidth(360)
        self.detail = ElidedLabel()
        self.detail.setAccessibleName(self.tr("Article being imported"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(
            self.tr("Stop importing; the articles already stored are kept")
        )
        self.cancel_button.setAccessibleName(self.tr("Cancel the import"))
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.details_button = QPushButton(self.tr("Details…"))
        self.details_button.setToolTip(self.tr("What was imported, skipped and why inputs failed"))
        self.details_button.setAccessibleName(self.tr("Import details"))
        self.details_button.clicked.connect(self.details_requested)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setToolTip(self.tr("Hide this bar"))
        self.close_button.setAccessibleName(self.tr("Close the import bar"))
        self.close_button.clicked.connect(self.close_requested)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.bar)
        layout.addWidget(self.detail, 1)
        layout.addWidget(self.cancel_button)
        layout.addWidget(self.details_button)
        layout.addWidget(self.close_button)
        self.start()

    def start(self) -> None:
        """A new batch: a busy bar until the inputs are counted."""
        self.title.setText(self.tr("Importing"))
        self.bar.setRange(0, 0)
        self.bar.show()
        self._set_detail(self.tr("Finding articles to import…"))
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        self.details_button.hide()
        self.close_button.hide()

    def set_progress(self, done: int, total: int, source_ref: str) -> None:
        """``done`` of ``total`` inputs read and stored, the last one ``source_ref``."""
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        counts = self.tr("%1 of %2").replace("%1", f"{done:,}").replace("%2", f"{total:,}")
        self._set_detail(f"{counts} · {source_ref}" if source_ref else counts)

    def cancelling(self) -> None:
        """Cancel was pressed: the input being stored finishes, then the batch stops."""
        self.cancel_button.setEnabled(False)
        self.title.setText(self.tr("Cancelling"))

    def finish(self, outcome: str, *, details: bool = True) -> None:
        """The batch ended: show ``outcome`` (one line) with Details and Close."""
        self.title.setText(self.tr("Import"))
        self.bar.hide()
        self.cancel_button.hide()
        self._set_detail(outcome)
        self.details_button.setVisible(details)
        self.close_button.show()

    def detail_text(self) -> str:
        """The whole line shown beside the bar (it may be elided on screen)."""
        return self.detail.full_text()

    def _set_detail(self, text: str) -> None:
        self.detail.set_full_text(text)


if __name__ == "__main__":
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    panel = ImportProgressPanel()
    panel.set_progress(137, 2000, "/home/ana/saved pages/harbour-daily-star/bridge-closure.html")
    panel.resize(900, 40)
    panel.show()
    app.exec()
