"""Help > About Parallax (versions, library, folders) and Help > Keyboard Shortcuts."""

from __future__ import annotations

import platform
from importlib.metadata import PackageNotFoundError, version

import PySide6
from PySide6.QtCore import qVersion
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.actions import WITHOUT_SHORTCUT, ActionRegistry
from library import Library, __version__
from library.paths import data_dir


def _installed(distribution: str) -> str:
    # Read from the installed package's metadata: importing scikit-learn alone takes a second.
    try:
        return version(distribution)
    except PackageNotFoundError:
        return "not installed"


def version_rows(library: Library, settings_file: str = "") -> list[tuple[str, str]]:
    """``(what, value)`` rows of the About box: versions, models, where things are."""
    from analysis.scoring import analyser_version

    models = library.models_in_use()
    which = f"retrained, in {models.folder}" if models.retrained else "shipped with Parallax"
    rows = [
        ("Parallax", __version__),
        ("Python", platform.python_version()),
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
        ("scikit-learn", _installed("scikit-learn")),
        ("textstat", _installed("textstat")),
        ("Analyser", analyser_version()),
        ("Models", f"{models.version or 'none'} ({which})"),
        ("Database", library.url),
        ("Data folder", str(data_dir())),
    ]
    if settings_file:
        rows.append(("Settings", settings_file))
    return rows


class _TableDialog(QDialog):
    """A dialog around a read-only two- or three-column table, with Copy and Close."""

    def __init__(self, title: str, headers: list[str], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setAccessibleName(title)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        copy = QPushButton(self.tr("&Copy"))
        copy.setToolTip(self.tr("Copy the table as text (for a bug report or a colleague)"))
        copy.clicked.connect(self.copy)
        self.buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        self.layout_ = QVBoxLayout(self)

    def fill(self, rows: list[tuple[str, ...]]) -> None:
        self.table.setRowCount(len(rows))
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        header = self.table.horizontalHeader()
        for column in range(self.table.columnCount() - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

    def text(self) -> str:
        """The table as tab-separated lines."""
        return "\n".join(
            "\t".join(
                self.table.item(row, column).text() for column in range(self.table.columnCount())
            )
            for row in range(self.table.rowCount())
            if not self.table.isRowHidden(row)
        )

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())


class AboutDialog(_TableDialog):
    """What Parallax is, and every version and place a bug report needs."""

    def __init__(self, library: Library, settings_file: str = "", parent: QWidget | None = None):
        super().__init__(
            self.tr("About Parallax"), [self.tr("What"), self.tr("Version or place")], parent
        )
        self.setObjectName("about-dialog")
        intro = QLabel(
            self.tr(
                "<b>Parallax %1</b><br>How different outlets tell the same story: loaded "
                "language, framing and aligned sentences, offline.<br>Evidence, not verdicts. "
                "MIT licence."
            ).replace("%1", __version__)
        )
        intro.setWordWrap(True)
        self.rows = version_rows(library, settings_file)
        self.fill(self.rows)
        self.layout_.addWidget(intro)
        self.layout_.addWidget(self.table)
        self.layout_.addWidget(self.buttons)
        self.resize(720, 440)


def _menu_of(registry: ActionRegistry, key: str) -> str:
    for owner in registry[key].associatedObjects():
        if isinstance(owner, QMenu):
            parent = owner.parent()
            path = owner.title()
            # A submenu (View > Theme) is named with its menu.
            if isinstance(parent, QMenu):
                path = f"{parent.title()} > {path}"
            return path.replace("&", "")
    return ""


def shortcut_rows(registry: ActionRegistry) -> list[tuple[str, str, str]]:
    """``(menu, command, shortcut)`` for every registered action; an action deliberately
    without a shortcut says why."""
    rows = []
    keys = registry.keys()
    for key in keys:
        action = registry[key]
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if not shortcut:
            shortcut = "— " + WITHOUT_SHORTCUT.get(key, "none")
        rows.append((_menu_of(registry, key), action.text().replace("&", ""), shortcut))
    return rows


class ShortcutsDialog(_TableDialog):
    """Every command of the window with its shortcut, filtered as you type."""

    def __init__(self, registry: ActionRegistry, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Keyboard Shortcuts"),
            [self.tr("Menu"), self.tr("Command"), self.tr("Shortcut")],
            parent,
        )
        self.setObjectName("shortcuts-dialog")
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter commands"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName(self.tr("Filter commands"))
        self.filter.textChanged.connect(self._filter)
        self.rows = shortcut_rows(registry)
        self.fill(self.rows)
        self.layout_.addWidget(self.filter)
        self.layout_.addWidget(self.table)
        self.layout_.addWidget(self.buttons)
        self.resize(640, 520)

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        for row, values in enumerate(self.rows):
            self.table.setRowHidden(row, bool(needle) and needle not in " ".join(values).lower())
