"""Filters of the article table: a date range, the top frame and a loaded-density range."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from gui.frame_names import FRAME_CODES, frame_name

#: The date an unset date field holds (shown as "any").
NO_DATE = QDate(1900, 1, 1)
#: The value an unset density field holds (shown as "any").
NO_DENSITY = -0.5


class _DateField(QDateEdit):
    """A date field that may be unset ("any"); stepping or opening the calendar from "any"
    starts at today rather than at the placeholder date."""

    def stepBy(self, steps: int) -> None:  # noqa: N802 (Qt override)
        if self.date() == NO_DATE:
            self.setDate(QDate.currentDate())
            return
        super().stepBy(steps)

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().mousePressEvent(event)  # may open the calendar on the field's date
        if self.date() == NO_DATE:
            today = QDate.currentDate()
            self.calendarWidget().setCurrentPage(today.year(), today.month())


def _date_edit(name: str, tip: str) -> QDateEdit:
    edit = _DateField()
    edit.setCalendarPopup(True)
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText(edit.tr("any"))
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDate(NO_DATE)
    edit.setAccessibleName(name)
    edit.setToolTip(tip)
    return edit


def _density_edit(name: str, tip: str) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(NO_DENSITY, 100.0)
    spin.setDecimals(1)
    spin.setSingleStep(0.5)
    spin.setSpecialValueText(spin.tr("any"))
    spin.setValue(NO_DENSITY)
    spin.setAccessibleName(name)
    spin.setToolTip(tip)
    return spin


class FilterBar(QWidget):
    """Date range, frame and density filters; ``changed()`` whenever one of them changes.

    :meth:`values` gives them as :class:`library.ArticleQuery` field values.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.date_from = _date_edit(
            self.tr("Published from"), self.tr("Only articles published on or after this day")
        )
        self.date_to = _date_edit(
            self.tr("Published until"), self.tr("Only articles published on or before this day")
        )
        self.frame = QComboBox()
        self.frame.setAccessibleName(self.tr("Top frame"))
        self.frame.setToolTip(self.tr("Only articles whose most common frame is this one"))
        self.frame.addItem(self.tr("any frame"), None)
        for code in FRAME_CODES:
            self.frame.addItem(frame_name(code), code)
        self.min_density = _density_edit(
            self.tr("Least loaded density"),
            self.tr("Only analysed articles with at least this many loaded words per 100"),
        )
        self.max_density = _density_edit(
            self.tr("Most loaded density"),
            self.tr("Only analysed articles with at most this many loaded words per 100"),
        )
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Clear every filter and the search"))
        self.clear_button.setAccessibleName(self.tr("Clear filters"))

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(6)
        layout.setVerticalSpacing(4)
        layout.addWidget(self._label(self.tr("&From"), self.date_from), 0, 0)
        layout.addWidget(self.date_from, 0, 1)
        layout.addWidget(self._label(self.tr("&to"), self.date_to), 0, 2)
        layout.addWidget(self.date_to, 0, 3)
        layout.addWidget(self._label(self.tr("&Loaded"), self.min_density), 1, 0)
        layout.addWidget(self.min_density, 1, 1)
        layout.addWidget(self._label(self.tr("to"), self.max_density), 1, 2)
        layout.addWidget(self.max_density, 1, 3)
        # Three short rows rather than two long ones: the library panel must fit beside the
        # reading view on a narrow window (and beside the glossary in classroom mode).
        layout.addWidget(self._label(self.tr("F&rame"), self.frame), 2, 0)
        layout.addWidget(self.frame, 2, 1, 1, 2)
        layout.addWidget(self.clear_button, 2, 3)
        layout.setColumnStretch(1, 1)
        layout.setColumnStretch(3, 1)
        # Frame names are long: the list shows them in full, the closed box need not.
        self.frame.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.frame.setMinimumContentsLength(8)

        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self.changed)
        for spin in (self.min_density, self.max_density):
            spin.valueChanged.connect(self.changed)
        self.frame.currentIndexChanged.connect(self.changed)

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)  # Alt+letter moves to the field
        return label

    def values(self) -> dict[str, object]:
        """The filters as :class:`library.ArticleQuery` fields (``None``: not filtered)."""

        def day(edit: QDateEdit) -> date | None:
            value = edit.date()
            return None if value == NO_DATE else date(value.year(), value.month(), value.day())

        def density(spin: QDoubleSpinBox) -> float | None:
            return None if spin.value() <= NO_DENSITY else spin.value()

        return {
            "published_from": day(self.date_from),
            "published_to": day(self.date_to),
            "frame": self.frame.currentData(),
            "min_density": density(self.min_density),
            "max_density": density(self.max_density),
        }

    def active(self) -> bool:
        """Whether any filter is set."""
        return any(value is not None for value in self.values().values())

    def set_values(
        self,
        *,
        published_from: date | None = None,
        published_to: date | None = None,
        frame: str | None = None,
        min_density: float | None = None,
        max_density: float | None = None,
    ) -> None:
        """Set every filter at once (``None`` clears one), announcing one change."""
        fields = (self.date_from, self.date_to, self.frame, self.min_density, self.max_density)
        blocked = [field.blockSignals(True) for field in fields]
        for edit, value in ((self.date_from, published_from), (self.date_to, published_to)):
            edit.setDate(QDate(value.year, value.month, value.day) if value else NO_DATE)
        self.frame.setCurrentIndex(max(0, self.frame.findData(frame)) if frame else 0)
        for spin, number in ((self.min_density, min_density), (self.max_density, max_density)):
            spin.setValue(NO_DENSITY if number is None else number)
        for field, was in zip(fields, blocked, strict=True):
            field.blockSignals(was)
        self.changed.emit()

    def clear(self) -> None:
        """Unset every filter."""
        self.set_values()
