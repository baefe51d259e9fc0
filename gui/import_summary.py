"""What an import did: counts, then each failed input with its reason on one line (copyable),
the duplicates skipped and, after Cancel, the inputs not read."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from library import ImportReport


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportSummary", text)


def _count(n: int, singular: str, plural: str) -> str:
    return (_tr(singular) if n == 1 else _tr(plural)).replace("%1", f"{n:,}")


def outcome_line(report: ImportReport) -> str:
    """One line for the import bar: what was imported, skipped, failed or left unread."""
    added = len(report.added)
    if report.cancelled:
        parts = [
            _tr("Cancelled: %1 kept").replace("%1", _count(added, "%1 article", "%1 articles"))
        ]
        if report.unfinished:
            parts.append(_count(len(report.unfinished), "%1 input not read", "%1 inputs not read"))
    else:
        parts = [_tr("Imported %1").replace("%1", _count(added, "%1 article", "%1 articles"))]
    if report.duplicates:
        parts.append(
            _count(len(report.duplicates), "skipped %1 duplicate", "skipped %1 duplicates")
        )
    if report.failures:
        parts.append(_count(len(report.failures), "%1 failed", "%1 failed"))
    return " · ".join(parts)


def problem_lines(report: ImportReport) -> list[str]:
    """Each failed input with its reason, one line each, in the order they were met."""
    return [f"{problem.source_ref} — {problem.reason}" for problem in report.failures]


def summary_text(report: ImportReport) -> str:
    """The whole summary as plain text (what Copy puts on the clipboard)."""
    sections = [outcome_line(report)]
    if report.failures:
        sections.append(_tr("Failed:") + "\n" + "\n".join(problem_lines(report)))
    if report.duplicates:
        lines = [
            _tr("%1 — already in the library as article %2")
            .replace("%1", d.source_ref)
            .replace("%2", str(d.duplicate_of))
            for d in report.duplicates
        ]
        sections.append(_tr("Skipped as duplicates:") + "\n" + "\n".join(lines))
    linked = [a for a in report.added if a.status in ("wire_copy", "near_duplicate")]
    if linked:
        lines = [
            (
                _tr("%1 — same text as article %2 (linked as wire copy)")
                if a.status == "wire_copy"
                else _tr("%1 — nearly the same as article %2 (linked)")
            )
            .replace("%1", a.source_ref)
            .replace("%2", str(a.duplicate_of))
            for a in linked
        ]
        sections.append(_tr("Imported and linked:") + "\n" + "\n".join(lines))
    if report.unfinished:
        sections.append(_tr("Not read (cancelled):") + "\n" + "\n".join(report.unfinished))
    return "\n\n".join(sections)


class ImportSummaryDialog(QDialog):
    """The summary of one import batch; non-modal, so it can stay open beside the library.

    Parameters
    ----------
    report
        The batch's outcome.
    """

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle(self.tr("Import Summary"))
        self.setObjectName("import-summary")
        self.headline = QLabel(outcome_line(report))
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)

        counts = QFormLayout()
        wire = sum(1 for a in report.added if a.status == "wire_copy")
        near = sum(1 for a in report.added if a.status == "near_duplicate")
        counts.addRow(self.tr("Imported:"), QLabel(f"{len(report.added):,}"))
        if wire or near:
            counts.addRow(
                self.tr("…of which linked:"),
                QLabel(
                    self.tr("%1 wire copies, %2 near-duplicates")
                    .replace("%1", str(wire))
                    .replace("%2", str(near))
                ),
            )
        counts.addRow(self.tr("Duplicates skipped:"), QLabel(f"{len(report.duplicates):,}"))
        counts.addRow(self.tr("Failed:"), QLabel(f"{len(report.failures):,}"))
        if report.cancelled:
            counts.addRow(self.tr("Not read (cancelled):"), QLabel(f"{len(report.unfinished):,}"))

        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setAccessibleName(self.tr("Failed inputs and their reasons"))
        self.details.setPlainText(summary_text(report).partition("\n\n")[2])
        self.details.setPlaceholderText(self.tr("Every input was imported."))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("&Copy"))
        self.copy_button.setToolTip(self.tr("Copy this summary to the clipboard"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addLayout(counts)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(720, 420)

    def copy(self) -> None:
        """Put the whole summary on the clipboard (for a bug report or a colleague)."""
        QGuiApplication.clipboard().setText(summary_text(self.report))
