"""Progress reporting and cancellation for long work, as plain Python (no Qt)."""

from __future__ import annotations

import threading
from collections.abc import Callable

#: ``progress(fraction, message)``: fraction in [0, 1], message for a status line.
Progress = Callable[[float, str], None]
#: ``on_item(done, total, source_ref)``: after each input of a batch, for "N of M · file".
ItemProgress = Callable[[int, int, str], None]


class Cancelled(Exception):
    """Raised inside long work when its :class:`CancelToken` was set."""


class CancelToken:
    """Set from any thread (the window's Cancel button); checked by the worker."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        """Ask the work to stop at its next check."""
        self._event.set()

    @property
    def cancelled(self) -> bool:
        """Whether :meth:`cancel` was called."""
        return self._event.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if cancellation was asked for."""
        if self._event.is_set():
            raise Cancelled


def no_progress(_fraction: float, _message: str) -> None:
    """A progress callback that ignores everything."""
