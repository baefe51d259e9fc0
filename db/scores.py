"""The scores of a stored analysis that the library filters and sorts by in SQL."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: The frame code of sentences that carry no frame (the Media Frames Corpus "Other").
NO_FRAME = "none"


def top_frame(frames: Mapping[str, float]) -> str | None:
    """The article's most common frame.

    ``none`` (sentences without a frame) wins only when no real frame was found: an article
    is usually mostly unframed sentences, and that says nothing about how it is framed.
    ``None`` when the analysis gave no frames at all (e.g. a language it does not cover).
    """
    framed = {code: share for code, share in frames.items() if code != NO_FRAME and share > 0}
    if framed:
        # Ties go to the code first in alphabetical order, so the result is reproducible.
        return min(framed, key=lambda code: (-framed[code], code))
    return NO_FRAME if NO_FRAME in frames else None


def article_scores(report: Mapping[str, Any]) -> tuple[float | None, str | None]:
    """``(loaded density, top frame)`` of a stored report (the ``analyze --json`` shape)."""
    if not report.get("available", True):
        return None, None
    density = (report.get("scores") or {}).get("loaded_per_100_words")
    return (
        float(density) if isinstance(density, int | float) else None,
        top_frame(report.get("frames") or {}),
    )
