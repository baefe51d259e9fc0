"""The window's settings, typed: the user's preferences, and the window's own state.

Preferences (theme, type size, sensitivity, ...) are declared once in :class:`Preferences`
with their defaults and the values they may take; a stored value that is missing, of the
wrong type or out of range falls back to its default, so a hand-edited or old settings file
never stops the window from opening. Window state (geometry, docks, splitter) is kept apart:
it is what the window looked like, not what the user chose.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

from library.paths import data_dir

#: Version of the stored layout; :func:`_migrate` brings older files up to it.
SCHEMA_VERSION = 1
#: Theme codes (View > Theme).
THEMES = ("system", "light", "dark")
#: Paper sizes offered for PDF exports.
PAGE_SIZES = ("A4", "Letter")
#: Highlight sensitivity levels: 1 shows the fewest, 5 the most, 3 the shipped thresholds.
SENSITIVITY_LEVELS = (1, 2, 3, 4, 5)
#: How far each level moves the shipped threshold of a highlight's confidence.
_SENSITIVITY_SHIFT = {1: 0.2, 2: 0.1, 3: 0.0, 4: -0.1, 5: -0.2}

_GROUP = "preferences"


def open_settings(path: str | Path | None = None) -> QSettings:
    """The settings file: ``path``, else ``PARALLAX_HOME/settings.ini`` (tests, portable
    installs), else the platform's place for user settings."""
    if path is not None:
        return QSettings(str(path), QSettings.Format.IniFormat)
    if os.environ.get("PARALLAX_HOME"):
        return QSettings(str(data_dir() / "settings.ini"), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Parallax", "Parallax")


def _as_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise ValueError(value)


def _as_int(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError(value)
    return int(str(value).strip())


def _as_float(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError(value)
    return float(str(value).strip())


def _as_str(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(value)
    return value


#: How each preference is read back (INI files store text) and which values it may take.
_RULES: dict[str, tuple[Callable[[Any], Any], Callable[[Any], bool]]] = {
    "theme": (_as_str, lambda v: v in THEMES),
    "font_size": (_as_int, lambda v: v == 0 or 6 <= v <= 48),
    "classroom_font_scale": (_as_float, lambda v: 1.0 <= v <= 4.0),
    "sensitivity": (_as_int, lambda v: v in SENSITIVITY_LEVELS),
    "author": (_as_str, lambda v: len(v) <= 100 and "\n" not in v),
    "pdf_page_size": (_as_str, lambda v: v in PAGE_SIZES),
    "confirm_delete": (_as_bool, lambda _v: True),
}


@dataclass
class Preferences:
    """What the user chose in Edit > Preferences.

    Attributes
    ----------
    theme
        ``system``, ``light`` or ``dark``.
    font_size
        Type size in points; 0 keeps the system's.
    classroom_font_scale
        How much larger type is in classroom mode (1.0–4.0).
    sensitivity
        1 (fewest highlights) to 5 (most); 3 uses the shipped thresholds.
    author
        The name stored with the user's corrections.
    pdf_page_size
        ``A4`` or ``Letter`` for exported PDFs.
    confirm_delete
        Ask before deleting articles.
    """

    theme: str = "system"
    font_size: int = 0
    classroom_font_scale: float = 1.6
    sensitivity: int = 3
    author: str = ""
    pdf_page_size: str = "A4"
    confirm_delete: bool = True

    @classmethod
    def load(cls, settings: QSettings) -> Preferences:
        """The stored preferences; each missing or unusable value is its default."""
        _migrate(settings)
        defaults = cls()
        values: dict[str, Any] = {}
        for field in fields(cls):
            stored = settings.value(f"{_GROUP}/{field.name}")
            values[field.name] = _checked(field.name, stored, getattr(defaults, field.name))
        return cls(**values)

    def save(self, settings: QSettings) -> None:
        """Store every preference (invalid ones as their defaults)."""
        checked = self.validated()
        settings.setValue(f"{_GROUP}/schema", SCHEMA_VERSION)
        for field in fields(self):
            settings.setValue(f"{_GROUP}/{field.name}", getattr(checked, field.name))
        settings.sync()

    def validated(self) -> Preferences:
        """A copy with each value that is not allowed replaced by its default."""
        defaults = Preferences()
        return Preferences(
            **{
                f.name: _checked(f.name, getattr(self, f.name), getattr(defaults, f.name))
                for f in fields(self)
            }
        )

    def highlight_threshold(self, shipped: float) -> float | None:
        """The confidence a loaded-language span needs to be shown at this sensitivity;
        ``None`` at the middle level (the shipped threshold, as every other face uses)."""
        shift = _SENSITIVITY_SHIFT.get(self.sensitivity, 0.0)
        if not shift:
            return None
        return min(max(shipped + shift, 0.05), 0.95)


def _checked(name: str, value: Any, default: Any) -> Any:
    if value is None:
        return default
    convert, allowed = _RULES[name]
    try:
        converted = convert(value)
    except (TypeError, ValueError):
        return default
    return converted if allowed(converted) else default


#: Steps from each older schema to the next (none yet: schema 1 is the first).
_MIGRATIONS: dict[int, Callable[[QSettings], None]] = {}


def _migrate(settings: QSettings) -> None:
    """Bring a settings file written by an older Parallax up to :data:`SCHEMA_VERSION`.

    A file from a newer Parallax is read as it is: unknown keys are ignored and known ones
    still validated.
    """
    value = settings.value(f"{_GROUP}/schema")
    if value is None:
        # Preferences without a schema come from before schemas; no preferences at all is new.
        settings.beginGroup(_GROUP)
        stored = 0 if settings.childKeys() else SCHEMA_VERSION
        settings.endGroup()
    else:
        try:
            stored = int(value)
        except (TypeError, ValueError):
            stored = SCHEMA_VERSION
    for version in range(stored, SCHEMA_VERSION):
        step = _MIGRATIONS.get(version)
        if step is not None:
            step(settings)
    if stored < SCHEMA_VERSION:
        settings.setValue(f"{_GROUP}/schema", SCHEMA_VERSION)


# -- window state: what the window looked like, restored on the next start ---------------------


def save_window_state(settings: QSettings, window: QMainWindow, splitter: QSplitter) -> None:
    """Remember the window's geometry, its docks and toolbars, and the splitter."""
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    settings.setValue("window/splitter", splitter.saveState())
    settings.sync()


def restore_window_state(settings: QSettings, window: QMainWindow, splitter: QSplitter) -> bool:
    """Put the window back as it was; ``False`` when nothing usable was stored."""
    restored = False
    geometry = settings.value("window/geometry")
    if isinstance(geometry, QByteArray | bytes):
        restored = window.restoreGeometry(QByteArray(geometry)) or restored
    state = settings.value("window/state")
    if isinstance(state, QByteArray | bytes):
        restored = window.restoreState(QByteArray(state)) or restored
    sizes = settings.value("window/splitter")
    if isinstance(sizes, QByteArray | bytes):
        restored = splitter.restoreState(QByteArray(sizes)) or restored
    return restored
