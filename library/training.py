"""``train``: rebuild the models from the project's corpus, optionally with the user's
corrections (annotations) and their own labeled JSONL."""

from __future__ import annotations

import multiprocessing
import queue
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.corpus import (
    FRAMES,
    FrameExample,
    LoadedExample,
    MarkedSpan,
    frame_examples,
    loaded_examples,
    parse_marked,
)
from analysis.models import save_model, shipped_models_dir
from ingest.datasets import read_jsonl
from library.paths import data_dir
from library.progress import Cancelled, CancelToken, Progress, no_progress

if TYPE_CHECKING:
    from library.library import Library

EVALUATION_ONLY = ("babe", "basil", "ptc", "semeval-frames")


class TrainingError(Exception):
    """A training request that cannot be carried out, with a one-line reason."""


@dataclass(frozen=True)
class TrainingSummary:
    """Where the models went and what the corpus hold-out says of them."""

    folder: Path
    examples: int
    frame_examples: int
    annotation_examples: int
    metrics: dict[str, dict[str, float]]
    #: Of ``frame_examples``, the sentences whose frame the user set.
    annotation_frames: int = 0


def _jsonl_examples(path: str) -> tuple[list[LoadedExample], list[FrameExample]]:
    loaded, frames = [], []
    for number, row in enumerate(read_jsonl(Path(path)), 1):
        key = f"{Path(path).name}:{number}"
        if "marked" in row:
            text, spans = parse_marked(row["marked"], key)
            loaded.append(LoadedExample(f"user-{key}", text, spans, "", ""))
        elif "text" in row and "frames" in row:
            unknown = [f for f in row["frames"] if f not in FRAMES]
            if unknown:
                raise TrainingError(f"{key}: unknown frame {unknown[0]!r}")
            frames.append(FrameExample(f"user-{key}", row["text"], tuple(row["frames"]), "", ""))
    return loaded, frames


def train(
    library: Library | None = None,
    *,
    with_annotations: bool = False,
    dataset: Sequence[str] | None = None,
    progress: Progress | None = None,
    out: Path | None = None,
) -> TrainingSummary:
    """Train the three models.

    Without annotations or a dataset the shipped models in ``resources/models`` are rebuilt
    (reproducibly: the same corpus and library versions give the same coefficients). With
    them, a user model set is written under the data folder and made active in ``library``.
    ``out`` writes the models there instead (and activates nothing).
    """
    report = progress or no_progress
    loaded = loaded_examples()
    frames = frame_examples()
    extra: list[LoadedExample] = []
    if dataset:
        kind, path = dataset
        if kind in EVALUATION_ONLY:
            raise TrainingError(
                f"--dataset {kind}: evaluation datasets are never trained on; "
                "use them with `evaluate`"
            )
        if kind != "jsonl":
            raise TrainingError(f"--dataset {kind}: only jsonl can be trained on")
        more_loaded, more_frames = _jsonl_examples(path)
        extra.extend(more_loaded)
        frames = [*frames, *more_frames]
    extra_frames: list[FrameExample] = []
    if with_annotations:
        if library is None:
            raise TrainingError("--with-annotations needs a library")
        extra.extend(library.annotation_examples())
        extra_frames = library.annotation_frame_examples()
        frames = [*frames, *extra_frames]
    from analysis.training import train_all

    result = train_all([*loaded, *extra], frames, progress=report)
    user_model = (bool(extra) or with_annotations) and out is None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    if out is not None:
        folder = out
    elif user_model:
        folder = data_dir() / "models" / stamp
    else:
        folder = shipped_models_dir()
    models = list(result.models)
    if user_model:
        # A version of their own, so analyses stored with the shipped models are recomputed
        # with these (and again when the user goes back to the shipped ones).
        models = [
            replace(m, card={**m.card, "version": f"{m.card.get('version', '')}+user.{stamp}"})
            for m in models
        ]
    for model in models:
        save_model(model, folder)
    if user_model and library is not None:
        library.activate_models(folder, {m.name: dict(m.card) for m in models})
    return TrainingSummary(
        folder,
        len(loaded) + len(extra),
        len(frames),
        len(extra),
        {k: dict(v) for k, v in result.metrics.items()},
        len(extra_frames),
    )


def annotation_examples_from(
    sentences: Sequence[tuple[str, list[MarkedSpan]]],
) -> list[LoadedExample]:
    """Corrected sentences as training examples."""
    return [
        LoadedExample(f"annotation-{index}", text, tuple(spans), "", "")
        for index, (text, spans) in enumerate(sentences)
    ]


@dataclass(frozen=True)
class ModelsInUse:
    """Which models a library analyses with: the shipped ones or the user's retrained set."""

    retrained: bool
    folder: Path
    version: str | None


#: A training job for :func:`train_in_process`: ``job(database_url, messages)`` puts
#: ``("progress", fraction, text)`` items, then ``("done", summary)`` or ``("error", text)``.
TrainingJob = Callable[[str, "multiprocessing.Queue"], None]


def train_with_annotations_job(database_url: str, messages: multiprocessing.Queue) -> None:
    """``train --with-annotations`` on the library at ``database_url``, reporting to
    ``messages`` (runs in the worker process)."""
    from library.library import Library

    def progress(fraction: float, text: str) -> None:
        messages.put(("progress", fraction, text))

    try:
        with Library.open(database_url) as library:
            summary = train(library, with_annotations=True, progress=progress)
    except TrainingError as error:
        messages.put(("error", str(error)))
    except Exception as error:  # reported to the user as one line, never a traceback
        messages.put(("error", f"training failed: {error}"))
    else:
        messages.put(("done", summary))


def train_in_process(
    database_url: str,
    *,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    job: TrainingJob = train_with_annotations_job,
    poll: float = 0.2,
) -> TrainingSummary:
    """Run a training ``job`` in a worker process and wait for it, relaying its progress.

    Training takes minutes of Python-level work: in a thread of the window it would hold the
    interpreter lock and stall the window; in its own process it cannot, and it can be
    stopped at any moment (scikit-learn's fitting has no cancellation of its own).

    Raises
    ------
    Cancelled
        When ``cancel`` was set; the worker is terminated and nothing is activated (a model
        set is made active only after all its files are written, in one transaction).
    TrainingError
        When the job reports an error or the worker dies.
    """
    report = progress or no_progress
    context = multiprocessing.get_context("spawn")  # never fork a process that runs Qt
    messages = context.Queue()
    worker = context.Process(target=job, args=(database_url, messages), name="parallax-train")
    worker.start()
    try:
        while True:
            if cancel is not None and cancel.cancelled:
                raise Cancelled
            try:
                kind, *payload = messages.get(timeout=poll)
            except queue.Empty:
                if worker.is_alive():
                    continue
                try:  # the worker may have put its last message just before it ended
                    kind, *payload = messages.get(timeout=poll)
                except queue.Empty:
                    raise TrainingError(
                        f"training stopped unexpectedly (exit code {worker.exitcode})"
                    ) from None
            if kind == "progress":
                report(*payload)
            elif kind == "done":
                return payload[0]
            else:
                raise TrainingError(str(payload[0]))
    finally:
        if worker.is_alive():
            worker.terminate()
        worker.join(timeout=10)
        messages.close()
