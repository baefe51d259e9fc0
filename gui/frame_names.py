"""What the window calls each frame code (analysis returns codes; wording lives in gui)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from analysis.corpus import FRAMES

#: Frame codes in the order menus list them (the Media Frames Corpus order), then "none".
FRAME_CODES = (*FRAMES, "none")

_NAMES = {
    "economic": "Economic",
    "capacity_resources": "Capacity and resources",
    "morality": "Morality",
    "fairness_equality": "Fairness and equality",
    "legality": "Legality",
    "policy": "Policy",
    "crime_punishment": "Crime and punishment",
    "security_defense": "Security and defence",
    "health_safety": "Health and safety",
    "quality_of_life": "Quality of life",
    "cultural_identity": "Cultural identity",
    "public_opinion": "Public opinion",
    "political": "Political",
    "external_regulation": "External regulation",
    "none": "No frame",
}


def frame_name(code: str | None) -> str:
    """The readable name of a frame code; empty for ``None``, the code itself if unknown."""
    if code is None:
        return ""
    name = _NAMES.get(code)
    return QCoreApplication.translate("frames", name) if name else code
