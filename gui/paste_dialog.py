"""File ▸ Paste Article…: an article's text copied from anywhere, with its title and outlet.

The dialog checks what it can by itself (a title, some text, a date it can read, an http(s)
address, an outlet or an address to take it from) and says what is missing beside the field.
It stores nothing: ``submitted(PastedArticle)`` goes to the window, which asks the library to
store it on a background thread and then closes the dialog or shows the library's reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from gui.import_dialog import chosen, is_web_address, message_label, name_box

#: A first line longer than this is a paragraph, not a headline (for prefilled text).
_TITLE_MAX = 200


@dataclass(frozen=True)
class PastedArticle:
    """What the user pasted and typed, ready for :meth:`library.Library.add_text`."""

    title: str
    body: str
    outlet: str | None
    story: str | None
    published: datetime | None
    url: str | None


def split_pasted(text: str) -> tuple[str, str]:
    """A headline and a body from pasted text: the first line when it reads like a title."""
    lines = text.strip().split("\n", 1)
    first = lines[0].strip()
    if len(lines) == 2 and first and len(first) <= _TITLE_MAX and not first.endswith("."):
        return first, lines[1].strip()
    return "", text.strip()


class PasteArticleDialog(QDialog):
    """Title, outlet, optional date, address and story, and the article's text.

    Parameters
    ----------
    outlets, stories
        Names already in the library, offered in the editable lists.
    """

    submitted = Signal(object)

    def __init__(
        self, outlets: Sequence[str], stories: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("paste-dialog")
        self.setWindowTitle(self.tr("Paste Article"))
        self.title = QLineEdit()
        self.title.setAccessibleName(self.tr("Title"))
        self.title.setPlaceholderText(self.tr("The article's headline"))
        self.outlet = name_box(outlets, "")
        self.outlet.setAccessibleName(self.tr("Outlet"))
        self.outlet.lineEdit().setPlaceholderText(self.tr("Who published it"))
        self.outlet.setToolTip(self.tr("Pick an outlet of the library or type a new name"))
        self.published = QLineEdit()
        self.published.setAccessibleName(self.tr("Date published"))
        self.published.setPlaceholderText(self.tr("YYYY-MM-DD (optional)"))
        self.url = QLineEdit()
        self.url.setAccessibleName(self.tr("Web address"))
        self.url.setPlaceholderText(self.tr("https://… (optional)"))
        self.url.setToolTip(self.tr("Where the article was published; it is not fetched"))
        self.story = name_box(stories, "")
        self.story.setAccessibleName(self.tr("Story"))
        self.story.lineEdit().setPlaceholderText(self.tr("None: Parallax suggests one"))
        self.text = QPlainTextEdit()
        self.text.setAccessibleName(self.tr("Article text"))
        self.text.setPlaceholderText(
            self.tr("Paste the article's text here; paragraphs separated by line breaks.")
        )
        self.text.setTabChangesFocus(True)

        self.errors: dict[QWidget, QLabel] = {}
        self.form = QFormLayout()
        self._row(self.tr("&Title:"), self.title)
        self._row(self.tr("&Outlet:"), self.outlet)
        self._row(self.tr("&Date:"), self.published)
        self._row(self.tr("&Address:"), self.url)
        self._row(self.tr("&Story:"), self.story)
        self._row(self.tr("Te&xt:"), self.text)
        self.message = message_label()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Add to Library"))
        self.save_button.setToolTip(self.tr("Store the article in the library"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(680, 560)

    def _row(self, label: str, field: QWidget) -> None:
        self.form.addRow(label, field)
        error = message_label()
        error.setAccessibleName(self.tr("Problem with this field"))
        self.form.addRow("", error)
        self.form.setRowVisible(error, False)
        self.errors[field] = error

    def prefill(self, text: str = "", url: str = "") -> None:
        """Fill the dialog from dropped or copied text (a title when the first line is one)."""
        if url:
            self.url.setText(url.strip())
        if text.strip():
            title, body = split_pasted(text)
            self.title.setText(title)
            self.text.setPlainText(body)
        (self.outlet if self.title.text() else self.title).setFocus()

    def article(self) -> PastedArticle:
        """The fields as typed (call :meth:`problems` first)."""
        day = self.published.text().strip()
        return PastedArticle(
            title=self.title.text().strip(),
            body=self.text.toPlainText(),
            outlet=chosen(self.outlet, ""),
            story=chosen(self.story, ""),
            published=datetime.combine(date.fromisoformat(day), datetime.min.time(), UTC)
            if day
            else None,
            url=self.url.text().strip() or None,
        )

    def problems(self) -> dict[QWidget, str]:
        """What is missing or unreadable, by field, in the order of the form."""
        found: dict[QWidget, str] = {}
        url = self.url.text().strip()
        if not self.title.text().strip():
            found[self.title] = self.tr("Give the article its headline.")
        if chosen(self.outlet, "") is None and not url:
            found[self.outlet] = self.tr("Name the outlet, or give the article's address.")
        day = self.published.text().strip()
        if day:
            try:
                date.fromisoformat(day)
            except ValueError:
                found[self.published] = self.tr("Write the date as YYYY-MM-DD, e.g. 2025-04-06.")
        if url and not is_web_address(url):
            found[self.url] = self.tr("The address must start with http:// or https://.")
        if not self.text.toPlainText().strip():
            found[self.text] = self.tr("Paste the article's text.")
        return found

    def submit(self) -> None:
        """Check the fields; when they are fine, emit ``submitted`` and wait for the store."""
        found = self.problems()
        for field, label in self.errors.items():
            problem = found.get(field)
            label.setText("⚠ " + problem if problem else "")
            self.form.setRowVisible(label, problem is not None)
        self.message.hide()
        if found:
            next(iter(found)).setFocus()
            return
        self.save_button.setEnabled(False)
        self.submitted.emit(self.article())

    def stored(self) -> None:
        """The library stored the article: close."""
        self.accept()

    def refused(self, reason: str) -> None:
        """The library refused the article: say why and let the user fix it."""
        self.save_button.setEnabled(True)
        self.message.setText("⚠ " + reason)
        self.message.show()


if __name__ == "__main__":
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    dialog = PasteArticleDialog(["Coastline Voice", "Harbour Daily Star"], ["Harbour bridge"])
    dialog.prefill("Bridge to close for repairs\nThe harbour bridge will close on Monday.")
    dialog.show()
    app.exec()
