"""Training from the corpus reproduces the shipped models; corrections make a user model set."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from analysis.models import load_model, shipped_models_dir
from ingest import ArticleDraft
from library import Library
from library.training import TrainingError, train


@pytest.fixture(scope="module")
def retrained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("models")
    train(out=folder)
    return folder


@pytest.mark.parametrize("name", ["loaded_tokens", "sentence_bias", "frames"])
def test_training_reproduces_the_shipped_models(retrained: Path, name: str) -> None:
    shipped = load_model(shipped_models_dir(), name)
    again = load_model(retrained, name)
    assert again.vocabulary == shipped.vocabulary
    assert np.allclose(again.coef, shipped.coef, atol=1e-6)  # float32 on disk
    assert np.allclose(again.intercept, shipped.intercept, atol=1e-6)
    card = json.loads((retrained / f"{name}.json").read_text())["card"]
    shipped_card = json.loads((shipped_models_dir() / f"{name}.json").read_text())["card"]
    assert card["training_data"] == shipped_card["training_data"]


def test_evaluation_datasets_are_never_trained_on() -> None:
    with pytest.raises(TrainingError, match="never trained on"):
        train(dataset=("babe", "anywhere"))


def test_corrections_make_an_active_user_model_set(sqlite_url: str) -> None:
    with Library.open(sqlite_url) as library:
        added = library.add_draft(
            ArticleDraft(
                title="Council meets",
                body="The council met the residents on Monday in a calm session.",
                source_kind="text",
                source_ref="x.txt",
            ),
            outlet="Ledger",
        )
        text = "Council meets\n\nThe council met the residents on Monday in a calm session."
        start = text.index("calm")
        library.add_annotation(
            added.article_id, "add", start, start + 4, label="emotional", author="teacher"
        )
        examples = library.annotation_examples()
        assert [(e.text[s.start : s.end], s.label) for e in examples for s in e.spans] == [
            ("calm", "emotional")
        ]


def test_a_sentences_frame_set_by_hand_is_a_framing_example(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from types import SimpleNamespace

    import analysis.training

    text = (
        "Port fees rise\n\nThe harbour board raised berth fees by a tenth on Monday. "
        "Shipping firms said they would pass the cost on."
    )
    title, body = text.split("\n\n", 1)
    with Library.open(sqlite_url) as library:
        added = library.add_draft(
            ArticleDraft(title=title, body=body, source_kind="text", source_ref="fees.txt"),
            outlet="Ledger",
        )
        assert added.article_id is not None
        first = text.index("The harbour")
        end = text.index(" Shipping")
        library.add_annotation(
            added.article_id, "frame", first, end, label="economic", layer="frame"
        )
        second = text.index("Shipping")
        library.add_annotation(
            added.article_id, "frame", second, len(text), label="none", layer="frame"
        )
        examples = library.annotation_frame_examples()
        assert [(e.text, e.frames) for e in examples] == [
            ("The harbour board raised berth fees by a tenth on Monday.", ("economic",)),
            ("Shipping firms said they would pass the cost on.", ()),
        ]
        # A frame correction alone is enough to retrain, and the frames reach the trainer.
        seen = {}

        def fake_train_all(loaded, frames, **_kwargs):
            seen["frames"] = frames
            return SimpleNamespace(models=[load_model(shipped_models_dir(), "frames")], metrics={})

        monkeypatch.setattr(analysis.training, "train_all", fake_train_all)
        summary = train(library, with_annotations=True)
        assert summary.annotation_frames == 2
        assert seen["frames"][-2:] == examples
        assert summary.frame_examples == len(seen["frames"])


# -- models in use, going back, and training in a worker process ------------------------------


def _user_set(tmp_path: Path) -> Path:
    """A copy of the shipped models under a version of their own, as a retrained set."""
    import shutil

    folder = tmp_path / "user-models"
    shutil.copytree(shipped_models_dir(), folder)
    for meta in folder.glob("*.json"):
        document = json.loads(meta.read_text())
        if "card" in document:
            document["card"]["version"] = "1+user.test"
            meta.write_text(json.dumps(document))
    return folder


def test_a_retrained_set_is_used_until_going_back_to_the_shipped_models(
    library: Library, tmp_path: Path
) -> None:
    shipped = library.models_in_use()
    assert not shipped.retrained
    assert shipped.version == "1"
    folder = _user_set(tmp_path)
    library.activate_models(folder, {"loaded_tokens": {"version": "1+user.test"}})
    in_use = library.models_in_use()
    assert in_use.retrained
    assert in_use.folder == folder
    assert in_use.version == "1+user.test"
    library.use_shipped_models()
    assert library.models_in_use() == shipped


def test_retraining_without_corrections_says_what_to_do_first(library: Library) -> None:
    with pytest.raises(TrainingError, match="no corrections"):
        library.retrain()


def test_user_models_get_a_version_of_their_own_and_stored_analyses_follow(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from types import SimpleNamespace

    import analysis.training
    from analysis.models import load_model

    # The shipped models stand in for a training run (minutes), so only the plumbing runs.
    result = SimpleNamespace(
        models=[load_model(shipped_models_dir(), n) for n in ("loaded_tokens", "frames")],
        metrics={},
    )
    monkeypatch.setattr(analysis.training, "train_all", lambda *_a, **_k: result)
    with Library.open(sqlite_url) as library:
        [article_id, *_] = library.add_demo_story()
        before = library.analyze([article_id])[0].report
        span = before.highlighted()[0]
        library.add_annotation(article_id, "reject", span.start, span.end)
        summary = train(library, with_annotations=True)
        in_use = library.models_in_use()
        assert in_use.retrained
        assert in_use.folder == summary.folder
        assert in_use.version is not None
        assert in_use.version.startswith("1+user.")
        after = library.analyze([article_id])[0].report
        assert after.versions["models"] == in_use.version


def _quick_job(_url: str, messages) -> None:
    from library.training import TrainingSummary

    messages.put(("progress", 0.5, "Halfway"))
    messages.put(("done", TrainingSummary(Path("/models"), 3, 2, 1, {})))


def _endless_job(_url: str, messages) -> None:
    import time

    messages.put(("progress", 0.1, "Started"))
    while True:
        time.sleep(0.1)


def _failing_job(_url: str, _messages) -> None:
    import os

    os._exit(3)


def test_training_in_a_worker_process_relays_progress_and_the_result() -> None:
    from library.training import train_in_process

    seen: list[tuple[float, str]] = []
    summary = train_in_process(
        "sqlite://", progress=lambda f, m: seen.append((f, m)), job=_quick_job
    )
    assert seen == [(0.5, "Halfway")]
    assert summary.annotation_examples == 1


def test_cancelling_stops_the_worker_process() -> None:
    from library import Cancelled, CancelToken
    from library.training import train_in_process

    token = CancelToken()
    with pytest.raises(Cancelled):
        train_in_process(
            "sqlite://", progress=lambda _f, _m: token.cancel(), cancel=token, job=_endless_job
        )


def test_a_worker_that_dies_is_reported() -> None:
    from library.training import train_in_process

    with pytest.raises(TrainingError, match="exit code 3"):
        train_in_process("sqlite://", job=_failing_job)
