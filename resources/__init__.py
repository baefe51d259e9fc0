"""Data files shipped with Parallax: lexicons, training corpus, models, samples, outlets.

Every package finds them through :func:`resource_path`, so a bundled build only has to move
this folder.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    """The path of a shipped data file, e.g. ``resource_path("outlets", "known_outlets.json")``."""
    return ROOT.joinpath(*parts)
