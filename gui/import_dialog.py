"""The import dialog: which files, folders or web addresses, and the outlet and story for them.

Opened by File ▸ Import Files…/Import Folder…/Import from URL… and by a drop on the window,
with the inputs filled in; the user picks the outlet (or lets Parallax detect it from each
page) and, optionally, a story, then presses Import. Nothing is read here: the dialog only
collects an :class:`~gui.import_job.ImportRequest`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.import_job import ImportRequest, is_web_address
from gui.themes import is_dark

#: What File ▸ Import Files… offers first; "All files" is there too (names without an
#: extension are recognised by their content).
FILE_FILTER = (
    "Articles (*.html *.htm *.xhtml *.txt *.md *.markdown *.xml *.rss *.atom *.csv *.tsv "
    "*.json *.jsonl *.ndjson *.docx *.pdf *.zip *.gz);;All files (*)"
)


def input_problem(line: str) -> str | None:
    """Why ``line`` cannot be imported as named, or ``None`` when it can be tried."""
    if is_web_address(line):
        return None
    if re.match(r"^[a-z][a-z0-9+.-]*://", line, re.IGNORECASE):
        return "only http:// and https:// addresses can be fetched"
    if not os.path.exists(line):
        return "no such file or folder"
    return None


def message_label() -> QLabel:
    """An inline validation message: hidden until there is something to say."""
    label = QLabel()
    label.setObjectName("validation-message")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    # Said with a sign and words, not only in red (colour-blind users, greyscale projectors);
    # a lighter red on a dark theme.
    red = "#ff8a80" if is_dark(label.palette()) else "#b3261e"
    label.setStyleSheet(f"QLabel#validation-message {{ color: {red}; }}")
    label.hide()
    return label


def name_box(names: Sequence[str], first: str) -> QComboBox:
    """An editable list of names (outlets, stories) whose first entry means "no choice"."""
    box = QComboBox()
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    box.addItem(first)
    box.addItems(list(names))
    return box


def chosen(box: QComboBox, none_text: str) -> str | None:
    """The name typed or picked in ``box``, or ``None`` for its "no choice" entry."""
    text = box.currentText().strip()
    return None if not text or text == none_text else text


class ImportDialog(QDialog):
    """Collects what to import and how.

    Parameters
    ----------
    inputs
        Paths and addresses to start with (from the file chooser or a drop).
    outlets, stories
        Names already in the library, offered in the outlet and story lists.
    addresses
        Opened for File ▸ Import from URL…: the hint and the focus are on the addresses.
    """

    def __init__(
        self,
        inputs: Sequence[str],
        outlets: Sequence[str],
        stories: Sequence[str],
        *,
        addresses: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("import-dialog")
        self.setWindowTitle(self.tr("Import from URL") if addresses else self.tr("Import"))
        self.detect_text = self.tr("Detect from each page")
        self.no_story_text = ""

        self.sources = QPlainTextEdit()
        self.sources.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.sources.setAccessibleName(self.tr("Files, folders and web addresses"))
        self.sources.setToolTip(self.tr("One file, folder or web address a line"))
        self.sources.setPlaceholderText(
            self.tr("https://www.example.org/news/article.html\n(one address a line)")
            if addresses
            else self.tr("One file, folder or web address a line")
        )
        self.sources.setPlainText("\n".join(inputs))
        add_files = QPushButton(self.tr("Add &Files…"))
        add_files.setToolTip(self.tr("Choose saved pages, text files, feeds or archives"))
        add_files.clicked.connect(self._add_files)
        add_folder = QPushButton(self.tr("Add F&older…"))
        add_folder.setToolTip(self.tr("Choose a folder: every article file inside is imported"))
        add_folder.clicked.connect(self._add_folder)
        source_buttons = QHBoxLayout()
        source_buttons.addWidget(add_files)
        source_buttons.addWidget(add_folder)
        source_buttons.addStretch(1)

        self.outlet = name_box(outlets, self.detect_text)
        self.outlet.setAccessibleName(self.tr("Outlet"))
        self.outlet.setToolTip(
            self.tr(
                "The outlet of every imported article; leave “Detect from each page” to take "
                "it from each page's address or site name"
            )
        )
        self.story = name_box(stories, self.no_story_text)
        self.story.setAccessibleName(self.tr("Story"))
        self.story.lineEdit().setPlaceholderText(self.tr("None: Parallax suggests one"))
        self.story.setToolTip(self.tr("Put every imported article in this story (optional)"))
        self.fetch_full_text = QCheckBox(self.tr("Fetch the full text of feed entries"))
        self.fetch_full_text.setToolTip(
            self.tr("For feeds: download each entry's page (uses the network)")
        )
        self.message = message_label()

        form = QFormLayout()
        form.addRow(self.tr("&Outlet:"), self.outlet)
        form.addRow(self.tr("&Story:"), self.story)
        form.addRow("", self.fetch_full_text)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(self.tr("&Import"))
        self.import_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        heading = QLabel(
            self.tr("&Web addresses to fetch and import:")
            if addresses
            else self.tr("&Files, folders and web addresses to import:")
        )
        heading.setBuddy(self.sources)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.sources, 1)
        layout.addLayout(source_buttons)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(640, 380)
        if addresses or not inputs:
            self.sources.setFocus()
        else:
            self.import_button.setFocus()

    def inputs(self) -> list[str]:
        """The non-empty lines of the inputs box, without repeats."""
        lines = (line.strip() for line in self.sources.toPlainText().splitlines())
        return list(dict.fromkeys(line for line in lines if line))

    def request(self) -> ImportRequest:
        """What the user chose."""
        return ImportRequest(
            inputs=tuple(self.inputs()),
            outlet=chosen(self.outlet, self.detect_text),
            story=chosen(self.story, self.no_story_text),
            fetch_full_text=self.fetch_full_text.isChecked(),
        )

    def validate(self) -> str | None:
        """The first problem with the inputs, as one line, or ``None``."""
        inputs = self.inputs()
        if not inputs:
            return self.tr("Add at least one file, folder or web address.")
        for number, line in enumerate(inputs, start=1):
            problem = input_problem(line)
            if problem is not None:
                return (
                    self.tr("Line %1: %2 (%3).")
                    .replace("%1", str(number))
                    .replace("%2", line)
                    .replace("%3", self.tr(problem))
                )
        return None

    def accept(self) -> None:
        problem = self.validate()
        if problem is not None:
            self.message.setText("⚠ " + problem)
            self.message.show()
            self.sources.setFocus()
            return
        self.message.hide()
        super().accept()

    def _append(self, inputs: Sequence[str]) -> None:
        current = self.inputs()
        self.sources.setPlainText("\n".join(dict.fromkeys([*current, *inputs])))

    def _add_files(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Add Files"), "", self.tr(FILE_FILTER)
        )
        self._append(paths)

    def _add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add Folder"))
        if folder:
            self._append([folder])


if __name__ == "__main__":
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    dialog = ImportDialog(
        ["/home/ana/saved pages/bridge.html", "https://www.example.org/news/bridge"],
        ["Coastline Voice", "Harbour Daily Star"],
        ["Harbour bridge closure"],
    )
    dialog.show()
    app.exec()
