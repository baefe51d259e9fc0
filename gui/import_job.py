"""One import batch on its own thread: the library reads and stores, the window shows progress.

The thread only calls :meth:`library.Library.import_sources` and emits signals; every widget
is updated by the receivers on the GUI thread (Qt queues signals across threads).
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, QThread, Signal

from library import CancelToken, Library

#: Least time between two progress signals: a folder of small files is read faster than a
#: person can follow, and every signal costs the GUI thread a repaint.
PROGRESS_INTERVAL = 0.05
_WEB_ADDRESS = re.compile(r"^https?://\S+$", re.IGNORECASE)


def is_web_address(text: str) -> bool:
    """Whether ``text`` is one ``http://`` or ``https://`` address (an input to fetch)."""
    return bool(_WEB_ADDRESS.match(text.strip()))


@dataclass(frozen=True)
class ImportRequest:
    """What the user asked to import, as the import dialogs collect it.

    Parameters
    ----------
    inputs
        Paths (files, folders, archives) and ``http(s)://`` addresses.
    outlet
        The outlet of every article, or ``None`` to detect it from each page.
    story
        A story to put the articles in, or ``None`` (Parallax suggests one).
    fetch_full_text
        For feeds: fetch each entry's linked page (uses the network).
    """

    inputs: tuple[str, ...]
    outlet: str | None = None
    story: str | None = None
    fetch_full_text: bool = False


class ImportJob(QThread):
    """Runs one :class:`ImportRequest` off the GUI thread.

    Signals: ``progressed(done, total, source_ref)`` once the inputs are found (``done`` 0)
    and as they are read and stored, then ``succeeded(report)`` with the
    :class:`library.ImportReport`, or ``failed(reason)`` when the batch could not run at all.

    Parameters
    ----------
    library
        Where the articles go; its sessions are safe to use from this thread.
    request
        What to import.
    """

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, library: Library, request: ImportRequest, parent: QObject | None = None):
        super().__init__(parent)
        self.library = library
        self.request = request
        self.token = CancelToken()
        #: ``threading.get_ident()`` of the thread that ran the batch (None until it starts).
        self.worker_thread: int | None = None
        self._last_signal = 0.0

    def cancel(self) -> None:
        """Ask the batch to stop after the input being stored; safe from any thread."""
        self.token.cancel()

    @property
    def cancelled(self) -> bool:
        """Whether :meth:`cancel` was called."""
        return self.token.cancelled

    def run(self) -> None:  # on the job's thread: no widget may be touched here
        self.worker_thread = threading.get_ident()
        request = self.request
        try:
            report = self.library.import_sources(
                list(request.inputs),
                outlet=request.outlet,
                story=request.story,
                fetch_full_text=request.fetch_full_text,
                cancel=self.token,
                on_item=self._on_item,
            )
        except Exception as error:  # reported to the window as one line, never a crash
            self.failed.emit(str(error).splitlines()[0] if str(error) else type(error).__name__)
            return
        self.succeeded.emit(report)

    def _on_item(self, done: int, total: int, source_ref: str) -> None:
        now = time.monotonic()
        if done in (0, total) or now - self._last_signal >= PROGRESS_INTERVAL:
            self._last_signal = now
            self.progressed.emit(done, total, source_ref)
