"""Run library calls off the GUI thread and deliver their results on it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

# Set unless start-up holds background work back (hold_background_work).
_released = threading.Event()
_released.set()


def hold_background_work() -> Callable[[], None]:
    """Make background work wait until the returned function is called.

    At start-up the window holds it until its first paint: the first analysis imports the
    analysers (about a second of work), and run beside the window's own start it would
    compete with it for the interpreter and delay the window.
    """
    _released.clear()
    return _released.set


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(str)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = _Signals()

    def run(self) -> None:  # on a pool thread: no widget may be touched here
        _released.wait()
        try:
            result = self.work()
        except Exception as error:  # reported to the window as a message, never a crash
            self.signals.failed.emit(str(error))
            return
        self.signals.done.emit(result)


def run_in_background(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_failed: Callable[[str], None] | None = None,
) -> _Job:
    """Run ``work()`` on the global thread pool; ``on_done(result)`` runs on the GUI thread."""
    job = _Job(work)
    job.setAutoDelete(False)  # the caller keeps the job (and its signals) alive
    job.signals.done.connect(on_done)
    if on_failed is not None:
        job.signals.failed.connect(on_failed)
    QThreadPool.globalInstance().start(job)
    return job
