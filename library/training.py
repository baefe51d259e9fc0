"""``train``: rebuild the models from the project's corpus, optionally with the user's
corrections (annotations) and their own labeled JSONL."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
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
from library.progress import Progress, no_progress

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
    if with_annotations:
        if library is None:
            raise TrainingError("--with-annotations needs a library")
        extra.extend(library.annotation_examples())
    from analysis.training import train_all

    result = train_all([*loaded, *extra], frames, progress=report)
    user_model = (bool(extra) or with_annotations) and out is None
    if out is not None:
        folder = out
    elif user_model:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        folder = data_dir() / "models" / stamp
    else:
        folder = shipped_models_dir()
    for model in result.models:
        save_model(model, folder)
    if user_model and library is not None:
        library.activate_models(folder, {m.name: dict(m.card) for m in result.models})
    return TrainingSummary(
        folder,
        len(loaded) + len(extra),
        len(frames),
        len(extra),
        {k: dict(v) for k, v in result.metrics.items()},
    )


def annotation_examples_from(
    sentences: Sequence[tuple[str, list[MarkedSpan]]],
) -> list[LoadedExample]:
    """Corrected sentences as training examples."""
    return [
        LoadedExample(f"annotation-{index}", text, tuple(spans), "", "")
        for index, (text, spans) in enumerate(sentences)
    ]
