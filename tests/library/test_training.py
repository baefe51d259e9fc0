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
