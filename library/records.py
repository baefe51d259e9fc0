"""Plain records the library hands to both faces (CLI and window)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class ArticleSummary:
    """One row of a listing."""

    id: int
    title: str
    outlet: str | None
    published: datetime | None
    words: int
    story: str | None
    language: str | None

    def to_json(self) -> dict[str, object]:
        """The ``list --json`` shape (DESIGN.md)."""
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "words": self.words,
            "story": self.story,
            "language": self.language,
        }


@dataclass(frozen=True)
class ArticleDetail:
    """An article with everything stored about it."""

    id: int
    title: str
    outlet: str | None
    author: str | None
    published: datetime | None
    url: str | None
    body: str
    trimmed: str
    story: str | None
    language: str | None
    source_kind: str
    source_ref: str
    duplicate_of: int | None
    duplicate_kind: str | None
    words: int
    summary_only: bool

    def to_json(self) -> dict[str, object]:
        """The ``show --json`` shape (DESIGN.md)."""
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "author": self.author,
            "published": self.published.isoformat() if self.published else None,
            "url": self.url,
            "body": self.body,
            "trimmed": self.trimmed,
            "story": self.story,
            "language": self.language,
            "source_kind": self.source_kind,
            "duplicate_of": self.duplicate_of,
            "duplicate_kind": self.duplicate_kind,
            "words": self.words,
            "summary_only": self.summary_only,
        }


@dataclass(frozen=True)
class OutletSummary:
    """An outlet with its article count."""

    id: int
    name: str
    kind: str
    country: str | None
    articles: int


@dataclass(frozen=True)
class StorySummary:
    """A story with its article count."""

    id: int
    name: str
    articles: int


@dataclass(frozen=True)
class AnnotationRecord:
    """A user's stored correction of an article (offsets into its analysed text)."""

    id: int
    article_id: int
    action: str
    start: int
    end: int
    layer: str
    label: str | None
    note: str


@dataclass(frozen=True)
class AddResult:
    """What storing one draft did.

    ``status``: ``added``, ``wire_copy`` (stored, same body as another outlet's article),
    ``near_duplicate`` (stored, linked to a similar one) or ``duplicate`` (skipped).
    """

    status: str
    source_ref: str
    article_id: int | None
    duplicate_of: int | None = None
    title: str = ""

    @property
    def stored(self) -> bool:
        """Whether a new article was written."""
        return self.status != "duplicate"


@dataclass(frozen=True)
class ImportProblem:
    """An input that failed, with the reason a person reads."""

    source_ref: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source_ref}: {self.reason}"


@dataclass
class ImportReport:
    """The outcome of one import batch."""

    batch_id: int | None = None
    added: list[AddResult] = field(default_factory=list)
    duplicates: list[AddResult] = field(default_factory=list)
    failures: list[ImportProblem] = field(default_factory=list)
    unfinished: list[str] = field(default_factory=list)
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        """No input failed (skipped duplicates are not failures)."""
        return not self.failures and not self.cancelled

    def summary(self) -> str:
        """One line for a person."""
        parts = [f"imported {_count(len(self.added), 'article')}"]
        wire = sum(1 for r in self.added if r.status == "wire_copy")
        near = sum(1 for r in self.added if r.status == "near_duplicate")
        if wire:
            parts.append(f"{_count(wire, 'wire copy', 'wire copies')} linked")
        if near:
            parts.append(f"{_count(near, 'near-duplicate')} linked")
        if self.duplicates:
            parts.append(f"skipped {_count(len(self.duplicates), 'duplicate')}")
        if self.failures:
            parts.append(f"{len(self.failures)} failed")
        if self.cancelled:
            parts.append(f"cancelled with {_count(len(self.unfinished), 'input')} not read")
        text = ", ".join(parts)
        return text[0].upper() + text[1:] + "."


def _count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


@dataclass
class ExportReport:
    """What an export wrote, and what failed (each with a one-line reason)."""

    written: list[Path] = field(default_factory=list)
    failures: list[ImportProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Everything asked for was written."""
        return not self.failures
