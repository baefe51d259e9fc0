"""English function words, ignored when comparing what articles are about."""

from __future__ import annotations

from functools import cache

from resources import resource_path


@cache
def stopwords() -> frozenset[str]:
    """The words of ``resources/lexicons/stopwords.txt`` (comments and blanks skipped)."""
    lines = resource_path("lexicons", "stopwords.txt").read_text("utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))
