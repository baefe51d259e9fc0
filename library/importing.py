"""Import a batch of inputs: read them (in worker processes for big batches), store each draft.

Reading is pure and parallel (``ingest.sources.read_item`` in a process pool: extraction is
CPU-bound, threads would not help); storing happens here, one transaction per article, so a
failing input never aborts the batch and a killed process never leaves half an article.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from typing import TYPE_CHECKING

from ingest import IngestError
from ingest.batch import Read, read_all, read_chunk
from ingest.options import ReadOptions
from ingest.sources import SourceItem, close_archives, expand_inputs
from library.progress import CancelToken, ItemProgress, Progress, no_progress
from library.records import ImportProblem, ImportReport
from library.version import __version__

if TYPE_CHECKING:  # library.library imports this module lazily, inside a method
    from library.library import Library

log = logging.getLogger(__name__)

#: Below this many inputs, starting worker processes costs more than it saves.
POOL_THRESHOLD = 24
#: Inputs handed to a worker at a time.
CHUNK = 8
#: How much lower than the importing process the reading workers run (POSIX ``nice``).
WORKER_NICENESS = 10


def _needs_network(item: SourceItem, options: ReadOptions) -> bool:
    return item.url is not None or (options.fetch_full_text and item.kind == "feed")


def _results(
    items: list[SourceItem], options: ReadOptions, workers: int, cancel: CancelToken | None
) -> Iterator[tuple[SourceItem, list[Read]]]:
    """Read items in order; big batches of local files go to a process pool."""
    local = [i for i in items if not _needs_network(i, options)]
    if workers <= 1 or len(local) < POOL_THRESHOLD:
        for item in items:
            if cancel is not None and cancel.cancelled:
                return
            yield item, read_all(item, options)
        return
    # Network access (the fetcher) stays in this process: a closure does not pickle, and
    # fetches wait on I/O, not on the processor. Spawned workers: forking a process that runs
    # Qt or holds database connections is unsafe.
    pool_options = replace(options, fetcher=None)
    context = _pool_context()
    in_flight: deque[Future[list[tuple[SourceItem, list[Read]]]]] = deque()
    chunks = _chunks(local, CHUNK)
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_yield_to_foreground
    ) as executor:
        try:
            while True:
                # A bounded window of chunks in flight keeps memory flat for huge batches.
                while len(in_flight) < workers * 3:
                    chunk = next(chunks, None)
                    if chunk is None:
                        break
                    in_flight.append(executor.submit(read_chunk, chunk, pool_options))
                if not in_flight:
                    break
                if cancel is not None and cancel.cancelled:
                    return
                yield from in_flight.popleft().result()
        finally:
            for future in in_flight:
                future.cancel()
    for item in items:
        if _needs_network(item, options):
            if cancel is not None and cancel.cancelled:
                return
            yield item, read_all(item, options)


def _pool_context() -> multiprocessing.context.BaseContext:
    """Fork when nothing unsafe to fork is loaded (Linux, no Qt): the readers and the language
    model are loaded once here and shared, so workers start at once. Otherwise spawn."""
    if sys.platform.startswith("linux") and "PySide6" not in sys.modules:
        import ingest.html  # noqa: F401 (loaded before forking, shared by the workers)
        from ingest.language import detect_language

        detect_language("A sentence long enough to load the language model before forking.")
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _yield_to_foreground() -> None:
    """Run a reading worker at a lower priority than the process that started it.

    The workers keep every core busy; at equal priority the window's GUI thread (or the
    thread storing articles) waits its turn behind them and the window stutters. Lowered,
    they still use every idle cycle.
    """
    nice = getattr(os, "nice", None)  # POSIX only; Windows workers keep their priority
    if nice is not None:
        with contextlib.suppress(OSError):
            nice(WORKER_NICENESS)


def _chunks(items: list[SourceItem], size: int) -> Iterator[list[SourceItem]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def run_import(
    library: Library,
    inputs: Sequence[str],
    *,
    outlet: str | None = None,
    story: str | None = None,
    field_map: dict[str, str] | None = None,
    fetch_full_text: bool = False,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    workers: int | None = None,
    on_item: ItemProgress | None = None,
) -> ImportReport:
    """Import ``inputs`` (paths, folders, archives, URLs) into ``library`` as one batch.

    Parameters
    ----------
    library
        Where to store the articles.
    inputs
        Paths and ``http(s)://`` URLs, as the user gave them.
    outlet, story
        The user's outlet for every article, and a story to group them in.
    field_map
        Column mapping for CSV/JSON inputs (our field -> their column).
    fetch_full_text
        Fetch the linked page of each feed entry.
    progress, cancel
        Progress callback and cancellation; a cancelled batch keeps what was stored and
        records the inputs it did not read.
    workers
        Worker processes for reading; default: the number of processors.
    on_item
        Called with ``(0, total, "")`` once the inputs are found, then after each input is
        read and stored with ``(done, total, source_ref)``: the counts a window shows as
        "N of M" beside the file's name.

    Returns
    -------
    ImportReport
        Added articles, skipped duplicates, failures with reasons, unfinished inputs.
    """
    from ingest.fetch import make_fetcher

    report_progress = progress or no_progress
    options = ReadOptions(
        field_map=dict(field_map or {}),
        fetch_full_text=fetch_full_text,
        fetcher=make_fetcher(f"Parallax/{__version__}"),
    )
    report = ImportReport()
    report.batch_id = library.start_batch(list(inputs))
    try:
        report_progress(0.0, "Finding articles to import…")
        items: list[SourceItem] = []
        for found in expand_inputs(inputs, options):
            if isinstance(found, IngestError):
                report.failures.append(ImportProblem(found.source_ref, found.reason))
            else:
                items.append(found)
            if cancel is not None and cancel.cancelled:
                break
        if on_item is not None:
            on_item(0, len(items), "")  # the total is known before the first input is read
        done = 0
        seen: set[str] = set()
        for item, results in _results(items, options, workers or os.cpu_count() or 1, cancel):
            seen.add(item.ref)
            for result in results:
                if isinstance(result, IngestError):
                    report.failures.append(ImportProblem(result.source_ref, result.reason))
                    continue
                draft, keys = result
                try:
                    added = library.add_draft(
                        draft, outlet=outlet, story=story, batch_id=report.batch_id, keys=keys
                    )
                except Exception as error:  # the database refused this one: report, go on
                    log.debug("storing %s failed", draft.source_ref, exc_info=True)
                    reason = str(getattr(error, "orig", None) or error).splitlines()[0]
                    report.failures.append(
                        ImportProblem(draft.source_ref, f"could not be stored ({reason})")
                    )
                    continue
                (report.added if added.stored else report.duplicates).append(added)
            done += 1
            report_progress(
                done / max(len(items), 1), f"Imported {done} of {len(items)}: {item.ref}"
            )
            if on_item is not None:
                on_item(done, len(items), item.ref)
        if cancel is not None and cancel.cancelled:
            report.cancelled = True
            report.unfinished = [i.ref for i in items if i.ref not in seen]
    finally:
        close_archives()  # open zip handles would keep the user from moving the file
        library.finish_batch(report.batch_id, report)
    return report
