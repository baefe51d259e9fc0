"""The words exports show readers: category, frame and score names, the method note.

The text lives in ``resources/glossary/glossary.json`` (STYLE.md: wording is data, not code).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from resources import resource_path

#: Scores in the order score tables list them.
SCORE_ORDER = (
    "words",
    "loaded_per_100_words",
    "loaded_per_100_words_quoted",
    "tone",
    "subjectivity",
    "hedges_per_100_words",
    "boosters_per_100_words",
    "quote_share",
    "reported_share",
    "sources_named",
    "sources_anonymous",
    "flesch_reading_ease",
    "flesch_kincaid_grade",
)


@dataclass(frozen=True, slots=True)
class Category:
    """A loaded-language category as a reader sees it."""

    code: str
    name: str
    meaning: str
    example: str
    neutral: str


@cache
def _glossary() -> dict[str, Any]:
    path = resource_path("glossary", "glossary.json")
    return json.loads(path.read_text(encoding="utf-8"))


def category(code: str) -> Category:
    """The reader's name and explanation of a category (the code itself when unknown)."""
    entry = _glossary()["categories"].get(code)
    if entry is None:
        return Category(code, code.replace("_", " "), "", "", "")
    return Category(code, entry["name"], entry["meaning"], entry["example"], entry["neutral"])


def category_name(code: str) -> str:
    """Short name of a category, e.g. ``labelling (name-calling)``."""
    return category(code).name


def frame_name(code: str) -> str:
    """Reader's name of a frame code."""
    return _glossary()["frames"].get(code, code.replace("_", " "))


def frame_meaning() -> str:
    """What a frame is, in one paragraph."""
    return _glossary()["frame_meaning"]


def voice_meaning(voice: str) -> str:
    """What the ``outlet``, ``quoted`` and ``reported`` voices mean."""
    return _glossary()["voices"].get(voice, voice)


def score_name(key: str) -> str:
    """Reader's name of a score key."""
    entry = _glossary()["scores"].get(key)
    return entry["name"] if entry else key.replace("_", " ")


def score_meaning(key: str) -> str:
    """One sentence on what a score counts."""
    entry = _glossary()["scores"].get(key)
    return entry["meaning"] if entry else ""


def method_note() -> tuple[str, ...]:
    """The paragraphs of the method note: what the scores mean and do not mean."""
    return tuple(_glossary()["method"])
