"""Keeping Python alive around PySide6 on Python 3.11.

PySide6 6.12 drops one reference to ``None`` each time a Qt method that returns nothing is
called from Python (``cursor.insertText``, ``fmt.setFont``, ``painter.drawLine`` ...). From
Python 3.12 on ``None`` is immortal and this is harmless; on 3.11 its count falls by thousands
per exported PDF, and when it reaches zero the interpreter aborts ("deallocating None").
:func:`none_references_kept` gives ``None`` back as many references as a block of Qt work
took. They are added with ``Py_IncRef`` and never released: references held by a Python
object would be let go at interpreter shutdown, exactly when the missing ones are noticed.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Iterator
from contextlib import contextmanager

#: References given to None before the first block of Qt work: more than one export drops.
HEADROOM = 20_000

_state = {"headroom_given": False}


def _give(count: int) -> None:
    increment = ctypes.pythonapi.Py_IncRef
    increment.argtypes = [ctypes.py_object]
    increment.restype = None
    for _ in range(count):
        increment(None)


@contextmanager
def none_references_kept() -> Iterator[None]:
    """Run a block of Qt calls, then give ``None`` back the references they took away."""
    if sys.version_info >= (3, 12):
        yield
        return
    if not _state["headroom_given"]:
        _give(HEADROOM)
        _state["headroom_given"] = True
    before = sys.getrefcount(None)
    try:
        yield
    finally:
        lost = before - sys.getrefcount(None)
        if lost > 0:
            _give(lost)
