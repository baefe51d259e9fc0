"""The record every reader produces."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime


@dataclass(frozen=True, slots=True)
class ArticleDraft:
    """One article as read from a source, before it is stored.

    Parameters
    ----------
    title, body
        The headline and the article text (paragraphs separated by a blank line).
    trimmed
        Web-page leftovers removed from the body ("Check Also" blocks, share prompts,
        teasers), kept so nothing is silently dropped. Empty when nothing was removed.
    outlet_hint
        The outlet the source names (a feed's title, a CSV column); the user's ``--outlet``
        and the URL domain are applied later by the library.
    site_name
        The site name a page declares (``og:site_name``).
    url, canonical_url
        Where the article was found, and the address the page declares as canonical.
    author, published, language
        Metadata when the source carries it; ``published`` is timezone-aware when known.
    source_kind
        ``text``, ``markdown``, ``html``, ``feed``, ``url``, ``csv``, ``tsv``, ``json``,
        ``jsonl``, ``docx`` or ``pdf``.
    source_ref
        Where it came from, readable by a person: a path, ``archive.zip!inner/path``,
        ``feed.xml#3`` or a URL.
    summary_only
        True when only a feed summary was available, not the full article.
    """

    title: str
    body: str
    source_kind: str
    source_ref: str
    trimmed: str = ""
    outlet_hint: str | None = None
    site_name: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    author: str | None = None
    published: datetime | None = None
    language: str | None = None
    summary_only: bool = False
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def with_changes(self, **changes: object) -> ArticleDraft:
        """Return a copy with some fields replaced."""
        return replace(self, **changes)
