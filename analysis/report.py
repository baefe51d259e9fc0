"""Analysis records: frozen dataclasses with character offsets, and their JSON shape.

Offsets are Python ``str`` indices into the analysed text (``title + "\\n\\n" + body``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

#: Span layers (DESIGN.md "Contract").
LAYERS = ("loaded", "hedge", "booster", "quote", "attribution")

#: Keys of :attr:`ArticleReport.extra` kept in the JSON: the user's corrections applied to
#: the report and the highlights they removed (see ``analysis.corrections``).
EXTRA_KEYS = ("corrections", "rejected")


@dataclass(frozen=True, slots=True)
class Span:
    """A highlighted ``text[start:end]`` and why.

    ``score`` is the confidence in [0, 1]; ``voice`` is ``outlet``, ``quoted`` or ``reported``
    and ``speaker`` the person whose words they are (``None`` in the outlet's voice).
    """

    start: int
    end: int
    text: str
    layer: str
    label: str
    score: float
    voice: str
    speaker: str | None
    why: str


@dataclass(frozen=True, slots=True)
class SentenceInfo:
    """One sentence: its dominant voice and speaker; frame and bias once models exist."""

    start: int
    end: int
    voice: str
    speaker: str | None
    frame: str | None = None
    bias: float | None = None
    biased: bool | None = None


@dataclass(frozen=True, slots=True)
class SpeakerCount:
    """A source the article gives a voice, with how many quotations and reported clauses."""

    speaker: str
    quotes: int
    reported: int
    named: bool


@dataclass(frozen=True)
class ArticleReport:
    """Everything the analysis says about one article.

    ``available`` is False for languages the analysis does not cover yet; then only counts
    are filled and ``note`` says why.
    """

    title: str
    text: str
    language: str | None
    available: bool
    scores: Mapping[str, Any]
    frames: Mapping[str, float]
    sentences: tuple[SentenceInfo, ...]
    spans: tuple[Span, ...]
    speakers: tuple[SpeakerCount, ...]
    actor_tone: Mapping[str, float]
    versions: Mapping[str, str | None]
    note: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def body_start(self) -> int:
        """Offset where the body starts in :attr:`text` (after the title and a blank line)."""
        return len(self.title) + 2

    def highlighted(self) -> list[Span]:
        """The loaded-language spans shown by default: at or above the shipped threshold
        (weaker candidates stay in :attr:`spans` for a sensitivity slider)."""
        threshold = float(self.scores.get("loaded_threshold", 0.0))
        return [s for s in self.spans if s.layer == "loaded" and s.score >= threshold]

    def spans_in(self, layer: str) -> list[Span]:
        """The spans of one layer, in text order."""
        return [span for span in self.spans if span.layer == layer]

    def to_json(
        self, *, article_id: int | None = None, outlet: str | None = None
    ) -> dict[str, Any]:
        """The ``analyze --json`` shape of DESIGN.md (keys may be added, never renamed)."""
        return {
            "id": article_id,
            "title": self.title,
            "outlet": outlet,
            "text": self.text,
            "language": self.language,
            "available": self.available,
            "note": self.note,
            "scores": dict(self.scores),
            "frames": dict(self.frames),
            "sentences": [asdict(s) for s in self.sentences],
            "spans": [asdict(s) for s in self.spans],
            "speakers": [asdict(s) for s in self.speakers],
            "actor_tone": dict(self.actor_tone),
            "versions": dict(self.versions),
            # The user's corrections and the highlights they removed, when there are any.
            **{key: self.extra[key] for key in EXTRA_KEYS if key in self.extra},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ArticleReport:
        """Inverse of :meth:`to_json` (stored analyses are read back with it)."""
        return cls(
            title=data["title"],
            text=data["text"],
            language=data.get("language"),
            available=data.get("available", True),
            scores=dict(data["scores"]),
            frames=dict(data.get("frames", {})),
            sentences=tuple(SentenceInfo(**s) for s in data["sentences"]),
            spans=tuple(Span(**s) for s in data["spans"]),
            speakers=tuple(SpeakerCount(**s) for s in data.get("speakers", [])),
            actor_tone=dict(data.get("actor_tone", {})),
            versions=dict(data["versions"]),
            note=data.get("note"),
            extra={key: data[key] for key in EXTRA_KEYS if key in data},
        )
