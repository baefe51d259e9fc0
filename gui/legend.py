"""The legend above the reading and comparison views: what each mark means, and what to show.

One checkable item per category (its colour and underline; unchecked hides the category
everywhere), the keys of the other marks, and the sensitivity slider: in the middle the
analysis's own threshold (exactly what the report highlights); to the left weaker candidates
appear too; to the right only the surest highlights stay.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QToolButton, QVBoxLayout, QWidget

from gui.column_text import BAND_FILL, BAND_LINE, BAR_COLOUR, BOX_COLOUR
from gui.highlight_format import category_name, category_sample, wave_sample
from gui.highlights import (
    CATEGORY_COLOURS,
    SENSITIVITY_DEFAULT,
    SENSITIVITY_MAX,
    SENSITIVITY_MIN,
    HighlightSettings,
)

_SAMPLE = 18


def _faded(pixmap: QPixmap) -> QPixmap:
    """A switched-off swatch: the same sample, mostly transparent."""
    faded = QPixmap(pixmap.size())
    faded.fill(Qt.GlobalColor.transparent)
    painter = QPainter(faded)
    painter.setOpacity(0.25)
    painter.drawPixmap(0, 0, pixmap)
    painter.end()
    return faded


def _key_sample(kind: str) -> QPixmap:
    """Samples of the comparison marks: ``bar`` (only here), ``box`` (different wording),
    ``band`` (a sentence and its counterparts)."""
    width, height = round(_SAMPLE * 1.6), _SAMPLE
    pixmap = QPixmap(width, height)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    grey = QPen(QColor("#9A9A9A"), 1.5)
    if kind == "bar":
        painter.fillRect(QRectF(1, 2, 4, height - 4), BAR_COLOUR)
        painter.setPen(grey)
        for y in (5, 9, 13):
            painter.drawLine(QPointF(9, y), QPointF(width - 2, y))
    elif kind == "box":
        painter.setPen(QPen(BOX_COLOUR, 1.3, Qt.PenStyle.DashLine))
        painter.drawRoundedRect(QRectF(2, 3, width - 4, height - 6), 3, 3)
    else:
        painter.setPen(QPen(BAND_LINE, 1.2))
        painter.setBrush(BAND_FILL)
        painter.drawRoundedRect(QRectF(1, 2, width - 2, height - 4), 3, 3)
    painter.end()
    return pixmap


def _key(pixmap: QPixmap, text: str, tip: str) -> QWidget:
    label = QLabel()
    label.setText(text)
    label.setToolTip(tip)
    label.setAccessibleName(text)
    icon = QLabel()
    icon.setPixmap(pixmap)
    icon.setToolTip(tip)
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 8, 0)
    layout.setSpacing(4)
    layout.addWidget(icon)
    layout.addWidget(label)
    return box


class HighlightLegend(QWidget):
    """Category toggles, mark keys and the sensitivity slider.

    ``settings_changed(settings)`` is emitted with a :class:`HighlightSettings` whenever a
    toggle or the slider changes.
    """

    settings_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("highlight-legend")
        self.buttons: dict[str, QToolButton] = {}
        categories = QHBoxLayout()
        categories.setSpacing(2)
        heading = QLabel(self.tr("Highlights:"))
        categories.addWidget(heading)
        for category in CATEGORY_COLOURS:
            categories.addWidget(self._toggle(category))
        categories.addStretch(1)

        keys = QHBoxLayout()
        keys.setSpacing(4)
        keys.addWidget(
            _key(
                wave_sample(_SAMPLE),
                self.tr("Speaker's words"),
                self.tr(
                    "Loaded words inside a quotation or reported speech: the speaker's, "
                    "not the outlet's"
                ),
            )
        )
        self.comparison_keys = QWidget()
        comparison_layout = QHBoxLayout(self.comparison_keys)
        comparison_layout.setContentsMargins(0, 0, 0, 0)
        comparison_layout.setSpacing(4)
        comparison_layout.addWidget(
            _key(
                _key_sample("box"),
                self.tr("Different wording"),
                self.tr("Words that differ from an aligned sentence in another article"),
            )
        )
        comparison_layout.addWidget(
            _key(
                _key_sample("bar"),
                self.tr("Only here"),
                self.tr("Content no other compared article carries"),
            )
        )
        comparison_layout.addWidget(
            _key(
                _key_sample("band"),
                self.tr("Same content"),
                self.tr("Click a sentence to frame it and its counterparts in the others"),
            )
        )
        keys.addWidget(self.comparison_keys)
        keys.addStretch(1)

        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(SENSITIVITY_MIN, SENSITIVITY_MAX)
        self.slider.setValue(SENSITIVITY_DEFAULT)
        self.slider.setPageStep(10)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setTickInterval(SENSITIVITY_DEFAULT)
        self.slider.setFixedWidth(150)
        self.slider.setObjectName("sensitivity")
        self.slider.setAccessibleName(self.tr("Highlight sensitivity"))
        tip = self.tr(
            "Left: weaker candidates appear too. Right: only the surest highlights stay. "
            "The middle mark is the analysis's own threshold."
        )
        self.slider.setToolTip(tip)
        self.slider.valueChanged.connect(self._emit)
        more = QLabel(self.tr("More"))
        fewer = QLabel(self.tr("Fewer"))
        for label in (more, fewer):
            label.setToolTip(tip)
        keys.addWidget(QLabel(self.tr("Sensitivity:")))
        keys.addWidget(more)
        keys.addWidget(self.slider)
        keys.addWidget(fewer)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        layout.addLayout(categories)
        layout.addLayout(keys)

    def _toggle(self, category: str) -> QToolButton:
        name = category_name(category)
        sample = category_sample(category, _SAMPLE)
        icon = QIcon()
        icon.addPixmap(sample, QIcon.Mode.Normal, QIcon.State.On)
        icon.addPixmap(_faded(sample), QIcon.Mode.Normal, QIcon.State.Off)
        button = QToolButton()
        button.setObjectName(f"legend-{category}")
        button.setCheckable(True)
        button.setChecked(True)
        button.setAutoRaise(True)
        button.setIcon(icon)
        button.setIconSize(sample.size())
        button.setText(name)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setToolTip(self.tr("Show or hide %1 highlights").replace("%1", name.lower()))
        button.setAccessibleName(self.tr("%1 highlights").replace("%1", name))
        button.toggled.connect(self._emit)
        self.buttons[category] = button
        return button

    def settings(self) -> HighlightSettings:
        """The choices made now."""
        hidden = frozenset(c for c, button in self.buttons.items() if not button.isChecked())
        return HighlightSettings(self.slider.value(), hidden)

    def set_comparison_keys_visible(self, visible: bool) -> None:
        """Show the keys of the comparison's own marks (only with a comparison on screen)."""
        self.comparison_keys.setVisible(visible)

    def _emit(self, *_args: object) -> None:
        self.settings_changed.emit(self.settings())


if __name__ == "__main__":  # a preview: the legend alone, printing what it asks for
    import sys

    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    legend = HighlightLegend()
    legend.settings_changed.connect(print)
    legend.show()
    app.exec()
