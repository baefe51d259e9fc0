"""The training corpus stays honest: well-formed, large enough, varied (no sentence factory),
and its README's counts are the real ones."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

import pytest

from analysis.corpus import FRAMES, FrameExample, LoadedExample, frame_examples, loaded_examples
from resources import resource_path


@cache
def loaded() -> list[LoadedExample]:
    return loaded_examples()


@cache
def framed() -> list[FrameExample]:
    return frame_examples()


def readme_counts() -> dict[str, int]:
    text = resource_path("training", "README.md").read_text(encoding="utf-8")
    return {
        key: int(value.replace(",", ""))
        for key, value in re.findall(r"^\| `([\w ]+)` \| ([\d,]+) \|", text, re.M)
    }


def test_ids_are_unique_and_spans_inside_the_text() -> None:
    ids = [e.id for e in loaded()] + [e.id for e in framed()]
    assert len(ids) == len(set(ids))
    for example in loaded():
        for span in example.spans:
            assert 0 <= span.start < span.end <= len(example.text)
            assert example.text[span.start : span.end].strip()


def test_size_and_balance() -> None:
    examples = loaded()
    assert len(examples) >= 6000
    without = sum(1 for e in examples if not e.spans)
    assert without / len(examples) >= 0.40
    assert len({e.topic for e in examples}) >= 20
    frames = Counter(f for e in framed() for f in e.frames)
    for code in FRAMES:
        assert frames[code] >= 200, code
    assert sum(1 for e in framed() if not e.frames) >= 200
    assert sum(1 for e in framed() if len(e.frames) >= 2) >= 300


def _grams(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + 8]) for i in range(len(words) - 7)}


def test_no_sentence_factory() -> None:
    """No two sentences share an 8-word sequence beyond 5 % of the corpus."""
    texts = [e.text for e in loaded()] + [e.text for e in framed()]
    owners: dict[tuple[str, ...], int] = {}
    shared: set[int] = set()
    for index, text in enumerate(texts):
        for gram in _grams(text):
            if gram in owners and owners[gram] != index:
                shared.update((index, owners[gram]))
            owners.setdefault(gram, index)
    assert len(shared) / len(texts) <= 0.05


def test_readme_counts_match() -> None:
    counts = readme_counts()
    if not counts:
        pytest.fail("resources/training/README.md has no count table")
    labels = Counter(span.label for e in loaded() for span in e.spans)
    frames = Counter(f for e in framed() for f in e.frames)
    actual = {
        "loaded sentences": len(loaded()),
        "without a loaded span": sum(1 for e in loaded() if not e.spans),
        "framing passages": len(framed()),
        "no frame": sum(1 for e in framed() if not e.frames),
        **labels,
        **frames,
    }
    for key, value in counts.items():
        assert actual.get(key) == value, key
