"""Dialogs that edit library records: an outlet, a story's name, the story to add to."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from gui.library_commands import OutletFields
from library import OUTLET_KINDS

_KIND_NAMES = {
    "state": "State-run",
    "public": "Public service",
    "commercial": "Commercial",
    "non-profit": "Non-profit",
    "unknown": "Unknown",
}


class OutletDialog(QDialog):
    """Name, kind, country and other names (aliases, domains) of one outlet."""

    def __init__(self, fields: OutletFields, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit Outlet"))
        self.name = QLineEdit(fields.name)
        self.name.setAccessibleName(self.tr("Outlet name"))
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Kind of outlet"))
        self.kind.setToolTip(self.tr("Who runs the outlet"))
        for kind in OUTLET_KINDS:
            self.kind.addItem(self.tr(_KIND_NAMES.get(kind, kind)), kind)
        self.kind.setCurrentIndex(max(0, self.kind.findData(fields.kind)))
        self.country = QLineEdit(fields.country)
        self.country.setAccessibleName(self.tr("Country"))
        self.aliases = QPlainTextEdit("\n".join(fields.aliases))
        self.aliases.setAccessibleName(self.tr("Other names and domains"))
        self.aliases.setToolTip(
            self.tr(
                "One per line. Articles imported under any of these names or domains are "
                "filed under this outlet."
            )
        )
        self.aliases.setTabChangesFocus(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.name.textChanged.connect(lambda text: self._ok.setEnabled(bool(text.strip())))

        form = QFormLayout(self)
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Kind"), self.kind)
        form.addRow(self.tr("&Country"), self.country)
        form.addRow(self.tr("&Other names"), self.aliases)
        form.addRow(buttons)
        self.resize(420, self.sizeHint().height())

    def fields(self) -> OutletFields:
        """The record as edited."""
        aliases = (line.strip() for line in self.aliases.toPlainText().splitlines())
        return OutletFields(
            name=self.name.text().strip(),
            kind=self.kind.currentData(),
            country=self.country.text().strip(),
            aliases=tuple(dict.fromkeys(alias for alias in aliases if alias)),
        )


def ask_story_name(parent: QWidget, title: str, label: str, name: str) -> str | None:
    """A new name for a story; ``None`` when cancelled or left empty."""
    text, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, name)
    return text.strip() if ok and text.strip() else None


def choose_story(parent: QWidget, names: list[str], current: str | None) -> str | None:
    """An existing story's name, or a new one typed in; ``None`` when cancelled."""
    start = names.index(current) if current in names else 0
    text, ok = QInputDialog.getItem(
        parent,
        parent.tr("Add to Story"),
        parent.tr("Story (pick one, or type a new name):"),
        names,
        start,
        True,
    )
    return text.strip() if ok and text.strip() else None
