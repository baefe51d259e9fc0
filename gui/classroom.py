"""Classroom mode: large type, high contrast, the glossary beside the text and the scores in
plain words — for a window projected in front of a class. Leaving it puts the window back
exactly as it was."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QObject, Qt, Signal
from PySide6.QtWidgets import QMainWindow

from gui.glossary_pane import GlossaryPane


@dataclass(frozen=True)
class _Before:
    """The window as it was before classroom mode."""

    geometry: QByteArray
    state: QByteArray
    window_state: Qt.WindowState


class ClassroomMode(QObject):
    """Switches classroom mode on and off for ``window``.

    ``toggled(active)`` is emitted after each switch, for views that simplify themselves.

    Parameters
    ----------
    window
        The main window (its docks and geometry are saved and restored).
    glossary
        The glossary dock, shown in classroom mode with the article's counts first.
    restyle
        ``restyle(classroom)`` applies the large high-contrast type (or the user's own) and
        redraws what depends on it.
    """

    toggled = Signal(bool)

    def __init__(
        self, window: QMainWindow, glossary: GlossaryPane, restyle: Callable[[bool], None]
    ) -> None:
        super().__init__(window)
        self.window = window
        self.glossary = glossary
        self.restyle = restyle
        self._before: _Before | None = None

    @property
    def active(self) -> bool:
        """Whether classroom mode is on."""
        return self._before is not None

    def set_active(self, active: bool) -> None:
        """Enter or leave classroom mode (nothing happens when already there)."""
        if active == self.active:
            return
        if active:
            self._before = _Before(
                self.window.saveGeometry(), self.window.saveState(), self.window.windowState()
            )
            self.restyle(True)
            self.glossary.set_summary_shown(True)
            self.glossary.show()
            # The glossary gets room to be read from the back of the class.
            self.window.resizeDocks(
                [self.glossary], [max(self.window.width() // 3, 360)], Qt.Orientation.Horizontal
            )
            if not self.window.windowState() & Qt.WindowState.WindowFullScreen:
                self.window.showMaximized()
        else:
            before = self._before
            assert before is not None
            self._before = None
            self.restyle(False)
            self.glossary.set_summary_shown(False)
            self.window.setWindowState(before.window_state)
            self.window.restoreGeometry(before.geometry)
            self.window.restoreState(before.state)  # docks as they were, glossary included
        self.toggled.emit(active)
