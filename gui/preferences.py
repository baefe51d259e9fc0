"""Edit > Preferences: one page per subject, each page loads its widgets from
:class:`gui.settings.Preferences` and saves them back (``load``/``save``)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QSlider,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gui.settings import PAGE_SIZES, SENSITIVITY_LEVELS, Preferences


class PreferencesPage(QWidget):
    """A page of the dialog: ``load`` fills the widgets, ``save`` writes them back."""

    title = ""

    def load(self, preferences: Preferences) -> None:
        raise NotImplementedError

    def save(self, preferences: Preferences) -> Preferences:
        """``preferences`` with this page's values."""
        raise NotImplementedError

    def _form(self) -> QFormLayout:
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        return form


class AppearancePage(PreferencesPage):
    """Theme, type size, classroom type size."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = self.tr("Appearance")
        self.theme = QComboBox()
        for code, name in (
            ("system", self.tr("System")),
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark")),
        ):
            self.theme.addItem(name, code)
        self.theme.setToolTip(self.tr("Colours of the window (View > Theme)"))
        self.font_size = QSpinBox()
        self.font_size.setRange(0, 48)
        self.font_size.setSpecialValueText(self.tr("System size"))
        self.font_size.setSuffix(self.tr(" pt"))
        self.font_size.setToolTip(self.tr("Type size of the window; 0 keeps the system's"))
        self.classroom_scale = QDoubleSpinBox()
        self.classroom_scale.setRange(1.0, 4.0)
        self.classroom_scale.setSingleStep(0.1)
        self.classroom_scale.setDecimals(1)
        self.classroom_scale.setSuffix(" ×")
        self.classroom_scale.setToolTip(self.tr("How much larger type is in classroom mode"))
        form = self._form()
        form.addRow(self.tr("&Theme:"), self.theme)
        form.addRow(self.tr("Type &size:"), self.font_size)
        form.addRow(self.tr("&Classroom type:"), self.classroom_scale)
        for widget, name in (
            (self.theme, self.tr("Theme")),
            (self.font_size, self.tr("Type size")),
            (self.classroom_scale, self.tr("Classroom type size")),
        ):
            widget.setAccessibleName(name)

    def load(self, preferences: Preferences) -> None:
        self.theme.setCurrentIndex(max(self.theme.findData(preferences.theme), 0))
        self.font_size.setValue(preferences.font_size)
        self.classroom_scale.setValue(preferences.classroom_font_scale)

    def save(self, preferences: Preferences) -> Preferences:
        return replace(
            preferences,
            theme=self.theme.currentData(),
            font_size=self.font_size.value(),
            classroom_font_scale=round(self.classroom_scale.value(), 1),
        )


class AnalysisPage(PreferencesPage):
    """Highlight sensitivity and the name stored with corrections."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = self.tr("Highlights")
        self.sensitivity = QSlider(Qt.Orientation.Horizontal)
        self.sensitivity.setRange(SENSITIVITY_LEVELS[0], SENSITIVITY_LEVELS[-1])
        self.sensitivity.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.sensitivity.setPageStep(1)
        self.sensitivity.setAccessibleName(self.tr("Highlight sensitivity"))
        self.sensitivity.setToolTip(
            self.tr(
                "Fewer: only the surest highlights. More: weaker candidates too. "
                "The middle uses the thresholds Parallax was tested with."
            )
        )
        scale = QHBoxLayout()
        scale.addWidget(QLabel(self.tr("Fewer")))
        scale.addWidget(self.sensitivity, 1)
        scale.addWidget(QLabel(self.tr("More")))
        self.author = QLineEdit()
        self.author.setMaxLength(100)
        self.author.setPlaceholderText(self.tr("e.g. Ms Rivera"))
        self.author.setAccessibleName(self.tr("Your name for corrections"))
        self.author.setToolTip(self.tr("Stored with each highlight you reject, mark or relabel"))
        label = QLabel(self.tr("&Sensitivity:"))
        label.setBuddy(self.sensitivity)  # a row of widgets gets no buddy of its own
        form = self._form()
        form.addRow(label, scale)
        form.addRow(self.tr("Your &name:"), self.author)

    def load(self, preferences: Preferences) -> None:
        self.sensitivity.setValue(preferences.sensitivity)
        self.author.setText(preferences.author)

    def save(self, preferences: Preferences) -> Preferences:
        return replace(
            preferences, sensitivity=self.sensitivity.value(), author=self.author.text().strip()
        )


class ExportPage(PreferencesPage):
    """Paper size of PDFs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = self.tr("Export")
        self.page_size = QComboBox()
        for size in PAGE_SIZES:
            self.page_size.addItem(size, size)
        self.page_size.setAccessibleName(self.tr("Paper size of PDFs"))
        self.page_size.setToolTip(self.tr("Paper size of handouts, worksheets and answer keys"))
        self._form().addRow(self.tr("&Paper size:"), self.page_size)

    def load(self, preferences: Preferences) -> None:
        self.page_size.setCurrentIndex(max(self.page_size.findData(preferences.pdf_page_size), 0))

    def save(self, preferences: Preferences) -> Preferences:
        return replace(preferences, pdf_page_size=self.page_size.currentData())


class LibraryPage(PreferencesPage):
    """Safety questions."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = self.tr("Library")
        self.confirm_delete = QCheckBox(self.tr("Ask before &deleting articles"))
        self.confirm_delete.setAccessibleName(self.tr("Ask before deleting articles"))
        self.confirm_delete.setToolTip(self.tr("Deleting can also be undone with Edit > Undo"))
        self._form().addRow(self.confirm_delete)

    def load(self, preferences: Preferences) -> None:
        self.confirm_delete.setChecked(preferences.confirm_delete)

    def save(self, preferences: Preferences) -> Preferences:
        return replace(preferences, confirm_delete=self.confirm_delete.isChecked())


class PreferencesDialog(QDialog):
    """The pages in a list on the left; OK saves every page, Cancel none, Restore Defaults
    loads the defaults into the pages."""

    def __init__(self, preferences: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.setObjectName("preferences-dialog")
        self.pages: list[PreferencesPage] = [
            AppearancePage(),
            AnalysisPage(),
            ExportPage(),
            LibraryPage(),
        ]
        self.index = QListWidget()
        self.index.setAccessibleName(self.tr("Preference pages"))
        self.index.setMaximumWidth(160)
        self.stack = QStackedWidget()
        for page in self.pages:
            self.index.addItem(page.title)
            self.stack.addWidget(page)
        self.index.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.index.setCurrentRow(0)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        restore = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.clicked.connect(lambda: self.load(Preferences()))
        body = QHBoxLayout()
        body.addWidget(self.index)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(buttons)
        self._preferences = preferences
        self.load(preferences)

    def load(self, preferences: Preferences) -> None:
        """Show ``preferences`` on every page."""
        for page in self.pages:
            page.load(preferences)

    def preferences(self) -> Preferences:
        """The preferences as the pages now show them (validated)."""
        result = self._preferences
        for page in self.pages:
            result = page.save(result)
        return result.validated()


if __name__ == "__main__":  # preview: python -m gui.preferences
    import sys

    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    dialog = PreferencesDialog(Preferences())
    dialog.show()
    sys.exit(app.exec())
