"""Qt set-up for drawing exports: a GUI application when there is none, and the bundled font.

The command line runs without a window, often on a machine without a display: QtGui still
needs a ``QGuiApplication`` to lay out text, so one is created, on the offscreen platform when
no display is there. The window's own ``QApplication`` is used as it is.
"""

from __future__ import annotations

import os
import sys
from functools import cache

from resources import resource_path

#: The family of the bundled fonts (resources/fonts).
FAMILY = "DejaVu Sans"
#: The application created here, if any (a Qt application must outlive its use).
_application: object | None = None
_FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")


def ensure_gui_application() -> None:
    """Create a ``QGuiApplication`` unless one exists (headless: the offscreen platform).

    Raises
    ------
    RuntimeError
        When a non-GUI ``QCoreApplication`` is running already (fonts cannot be used then).
    """
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication

    existing = QCoreApplication.instance()
    if existing is None:
        headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
        if headless and sys.platform.startswith("linux"):
            # Without a display the default platform plugin aborts the process.
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        global _application  # one per process, kept for its lifetime
        _application = QGuiApplication(sys.argv[:1] or ["parallax"])
    elif not isinstance(existing, QGuiApplication):
        raise RuntimeError("drawing exports needs a QGuiApplication, not a QCoreApplication")


@cache
def register_fonts() -> str:
    """Register the bundled DejaVu Sans with Qt (once) and return the family to use.

    A machine without fonts would otherwise draw empty boxes without any error.
    """
    from PySide6.QtGui import QFontDatabase

    ensure_gui_application()
    for name in _FONT_FILES:
        QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
    return FAMILY
