"""The pinned Qt binding keeps Python's reference count of ``None``: a binding that dropped
one per call (PySide6 6.12.0 on Python 3.11) aborts the interpreter after a few thousand
calls, so a long classroom session would crash."""

from __future__ import annotations

import sys

from PySide6.QtGui import QTextCharFormat


def test_calls_returning_nothing_keep_the_count_of_none() -> None:
    fmt = QTextCharFormat()
    before = sys.getrefcount(None)
    for _ in range(2000):
        fmt.setFontItalic(True)
    # Python 3.12+ reports a fixed count for None (immortal); before, it must not fall.
    assert sys.getrefcount(None) >= before - 50
