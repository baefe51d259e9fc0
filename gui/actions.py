"""One registry of the window's actions: each has a key, a menu, a shortcut and a tip, so
menus, toolbars, context menus and the keyboard all reach the same command."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

#: The menus, in menu-bar order; an action names one of them.
MENUS = ("&File", "&Edit", "&View", "&Library", "&Analysis", "&Help")


class ActionRegistry:
    """Creates and keeps the window's :class:`QAction` objects by key.

    Parameters
    ----------
    window
        Owns the actions and their menus.
    """

    def __init__(self, window: QMainWindow) -> None:
        self._window = window
        self._actions: dict[str, QAction] = {}
        self._menus: dict[str, QMenu] = {}
        for title in MENUS:
            self._menus[title] = window.menuBar().addMenu(window.tr(title))

    def add(
        self,
        key: str,
        text: str,
        slot: Callable[..., object],
        *,
        menu: str | None = None,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
        checkable: bool = False,
    ) -> QAction:
        """Create the action ``key`` (each key once) and put it in ``menu``."""
        if key in self._actions:
            raise ValueError(f"action {key!r} is registered twice")
        action = QAction(text, self._window)
        action.setObjectName(key)
        action.setCheckable(checkable)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        if checkable:
            action.toggled.connect(slot)
        else:
            action.triggered.connect(lambda _checked=False: slot())
        self._actions[key] = action
        self._window.addAction(action)  # shortcuts work even with the menu bar hidden
        if menu is not None:
            self._menus[menu].addAction(action)
        return action

    def menu(self, title: str) -> QMenu:
        """The menu ``title`` (one of :data:`MENUS`), e.g. to add a separator."""
        return self._menus[title]

    def __getitem__(self, key: str) -> QAction:
        return self._actions[key]

    def __contains__(self, key: str) -> bool:
        return key in self._actions

    def keys(self) -> list[str]:
        """Every registered key, in registration order."""
        return list(self._actions)


#: Actions deliberately without a shortcut, and why (Help > Keyboard Shortcuts shows the
#: reason; a test checks that every other registered action has a shortcut).
WITHOUT_SHORTCUT = {
    "theme_system": "a choice made once, in View > Theme",
    "theme_light": "a choice made once, in View > Theme",
    "theme_dark": "a choice made once, in View > Theme",
    "retrain": "minutes of work, started on purpose from the menu",
    "use_shipped_models": "undoes a retraining, from the menu only",
    "about": "from the Help menu",
}
