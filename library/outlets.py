"""Which outlet an article belongs to: the user's choice, else the domain, else the site name."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from ingest import ArticleDraft

# Sources whose outlet field is the dataset's own explicit value for that row.
_TABULAR = {"csv", "tsv", "json", "jsonl"}


@dataclass(frozen=True)
class OutletChoice:
    """The outlet name to use and every name it should also be known by."""

    name: str
    aliases: tuple[str, ...]


def domain_of(url: str | None) -> str | None:
    """The host of ``url`` without ``www.``, or ``None``."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    host = host.removeprefix("www.")
    return host or None


def choose_outlet(draft: ArticleDraft, explicit: str | None = None) -> OutletChoice | None:
    """Decide the outlet of ``draft`` (DESIGN.md "The data flow").

    Precedence: ``explicit`` (the user's ``--outlet``); an outlet column of a CSV/JSON row; the
    URL's domain; the page's site name; the feed's title. The domain and the site name become
    aliases of the chosen outlet, so later articles from either map to it.
    """
    domain = domain_of(draft.canonical_url or draft.url)
    site = (draft.site_name or "").strip() or None
    hint = (draft.outlet_hint or "").strip() or None
    if explicit and explicit.strip():
        name = explicit.strip()
    elif hint and draft.source_kind in _TABULAR:
        name = hint
    elif site and domain:
        # A page that names itself: the readable name, with its domain as an alias.
        name = site
    else:
        name = domain or site or hint
    if not name:
        return None
    aliases = tuple(a for a in (domain, site) if a and a != name)
    return OutletChoice(name=name, aliases=aliases)
