"""Light, dark and system themes, and the high-contrast large type of classroom mode.

The theme is the application's palette and type size; views that draw with explicit colours
(the reader's highlights) ask :func:`is_dark` and redraw when the window tells them to.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

_ROLES = QPalette.ColorRole


def is_dark(palette: QPalette) -> bool:
    """Whether text is drawn light on dark in ``palette``."""
    return palette.color(_ROLES.Base).lightness() < 128


def _palette(colours: dict[QPalette.ColorRole, str], disabled_text: str) -> QPalette:
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (_ROLES.Text, _ROLES.WindowText, _ROLES.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(disabled_text))
    return palette


def light_palette() -> QPalette:
    """A plain light palette (the same on every platform)."""
    return _palette(
        {
            _ROLES.Window: "#EFEFEF",
            _ROLES.WindowText: "#1A1A1A",
            _ROLES.Base: "#FFFFFF",
            _ROLES.AlternateBase: "#F5F5F5",
            _ROLES.Text: "#1A1A1A",
            _ROLES.Button: "#E6E6E6",
            _ROLES.ButtonText: "#1A1A1A",
            _ROLES.Highlight: "#2F65CA",
            _ROLES.HighlightedText: "#FFFFFF",
            _ROLES.ToolTipBase: "#FFFFDC",
            _ROLES.ToolTipText: "#1A1A1A",
            _ROLES.PlaceholderText: "#6E6E6E",
            _ROLES.Link: "#1F5BB5",
        },
        "#8C8C8C",
    )


def dark_palette() -> QPalette:
    """A dark palette; the highlight fills stay light and carry dark text of their own."""
    return _palette(
        {
            _ROLES.Window: "#2B2B2E",
            _ROLES.WindowText: "#E8E8E8",
            _ROLES.Base: "#1E1E20",
            _ROLES.AlternateBase: "#26262A",
            _ROLES.Text: "#E8E8E8",
            _ROLES.Button: "#3A3A3E",
            _ROLES.ButtonText: "#E8E8E8",
            _ROLES.Highlight: "#4A7FD8",
            _ROLES.HighlightedText: "#FFFFFF",
            _ROLES.ToolTipBase: "#3A3A3E",
            _ROLES.ToolTipText: "#F0F0F0",
            _ROLES.PlaceholderText: "#A0A0A0",
            _ROLES.Link: "#8AB4F8",
        },
        "#7A7A7A",
    )


def high_contrast_palette(dark: bool) -> QPalette:
    """Black on white (or white on black): what a projector in a sunny room still shows."""
    ink, paper = ("#FFFFFF", "#000000") if dark else ("#000000", "#FFFFFF")
    return _palette(
        {
            _ROLES.Window: paper,
            _ROLES.WindowText: ink,
            _ROLES.Base: paper,
            _ROLES.AlternateBase: "#1A1A1A" if dark else "#F0F0F0",
            _ROLES.Text: ink,
            _ROLES.Button: paper,
            _ROLES.ButtonText: ink,
            _ROLES.Highlight: "#FFD400" if dark else "#0033CC",
            _ROLES.HighlightedText: "#000000" if dark else "#FFFFFF",
            _ROLES.ToolTipBase: paper,
            _ROLES.ToolTipText: ink,
            _ROLES.PlaceholderText: "#C8C8C8" if dark else "#404040",
            _ROLES.Link: "#FFD400" if dark else "#0033CC",
        },
        "#808080",
    )


@dataclass(frozen=True)
class _System:
    style: str
    palette: QPalette
    font: QFont


_SYSTEM: _System | None = None


class Appearance:
    """Applies a theme, a type size and classroom mode to the application.

    The system's own style, palette and font are remembered the first time, so that
    "System" and leaving classroom mode bring them back exactly.
    """

    def __init__(self, app: QApplication | None = None) -> None:
        instance = app or QApplication.instance()
        assert isinstance(instance, QApplication)
        self.app = instance
        global _SYSTEM
        if _SYSTEM is None:
            # One original per process: every window and every later theme start from it.
            _SYSTEM = _System(instance.style().name(), instance.palette(), instance.font())
        self.system = _SYSTEM

    def apply(
        self, theme: str, *, font_size: int = 0, classroom_scale: float | None = None
    ) -> None:
        """Use ``theme`` (``system``, ``light``, ``dark``) at ``font_size`` points (0: the
        system's); ``classroom_scale`` enlarges the type and switches to high contrast."""
        if theme in ("light", "dark"):
            self.app.setStyle("Fusion")  # draws with the palette on every platform
            base = dark_palette() if theme == "dark" else light_palette()
        else:
            self.app.setStyle(self.system.style)
            base = QPalette(self.system.palette)
        if classroom_scale is not None:
            base = high_contrast_palette(is_dark(base))
        self.app.setPalette(base)
        font = QFont(self.system.font)
        if font_size > 0:
            font.setPointSizeF(font_size)
        if classroom_scale is not None:
            font.setPointSizeF(font.pointSizeF() * classroom_scale)
        self.app.setFont(font)
        # Qt hands the new font and palette to the widgets through posted events; deliver
        # them now, so that views redrawn right after this see them.
        self.app.sendPostedEvents(None, QEvent.Type.ApplicationFontChange)
        self.app.sendPostedEvents(None, QEvent.Type.ApplicationPaletteChange)
