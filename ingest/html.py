"""Saved web pages: the article text and its metadata, with page leftovers trimmed.

trafilatura finds the article in the page and reads the metadata (title, author, date, site
name); :func:`ingest.trim.trim_boilerplate` then moves the leftovers extractors keep ("Check
Also" blocks, share prompts, a byline line) out of the body into ``trimmed``.

Nothing here touches the network: the page is decoded and parsed here, from the bytes we are
given, and trafilatura and htmldate get the parsed tree (never a string, which their helpers
download when it looks like a URL). Remote resources of the page (images, scripts, styles)
are never loaded; scripts and styles are dropped before parsing.
"""

from __future__ import annotations

import contextlib
import html as html_entities
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from ingest.decode import clean_text, decode_bytes, looks_binary
from ingest.draft import ArticleDraft
from ingest.errors import IngestError
from ingest.options import ReadOptions
from ingest.trim import trim_boilerplate

if TYPE_CHECKING:
    from lxml.html import HtmlElement

#: A raw page may be this many times larger than the article text limit: markup, scripts and
#: styles usually outweigh the text several times over.
PAGE_SIZE_FACTOR = 4

#: How trafilatura is asked to extract: its own rules, leaning to precision (teaser lists, link
#: blocks and titles out), no comments, tables kept. Chosen on the dev half of the extraction
#: benchmark (bench/extraction.py; see :func:`_extract`).
EXTRACTION_OPTIONS: dict[str, bool] = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "deduplicate": False,
}
#: A first pass shorter than this (in characters) is taken for a miss, and the full cascade
#: (with readability and jusText as second opinions) runs; it keeps the longer text.
RETRY_BELOW_CHARS = 500

# htmldate output with the time and zone when the page gives them ("2019-11-18T14:05:00+0100").
_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_TAG = re.compile(r"<(link|meta)\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_HTML_LANG = re.compile(r"""<html\b[^>]*?\blang\s*=\s*["']?\s*([A-Za-z]{2,3})\b""", re.IGNORECASE)
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_ANY_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"[ \t\u00a0]+")
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " / ")
_WORDS_ONLY = re.compile(r"\W+")
_HAS_HTML_ROOT = re.compile(r"<html[\s>]|<!doctype", re.IGNORECASE)
_INERT_OPEN = re.compile(r"<(script|style|svg)\b|<!--", re.IGNORECASE)
_INERT_CLOSE = {
    "script": re.compile(r"</script\s*>", re.IGNORECASE),
    "style": re.compile(r"</style\s*>", re.IGNORECASE),
    "svg": re.compile(r"</svg\s*>", re.IGNORECASE),
    "": re.compile(r"-->"),
}
_HEAD_CLOSE = re.compile(r"</head\s*>", re.IGNORECASE)
# Only the head matters for links, metas, the title and the language, and pages keep it at
# the top: the regular expressions that read it stop at ``</head>`` or after this many
# characters, not at the end of a 20 MB page.
_HEAD_SCAN = 256 * 1024


def read_html(
    data: bytes,
    source_ref: str,
    options: ReadOptions,
    *,
    url: str | None = None,
    kind: str = "html",
) -> Iterator[ArticleDraft]:
    """Read the article of a saved web page.

    Parameters
    ----------
    data
        The page as it was saved or fetched (any encoding; a ``<meta charset>`` is honoured).
    source_ref
        Where the page came from, for messages (a path or a URL).
    options
        Limits: the raw page may be up to ``PAGE_SIZE_FACTOR`` times ``max_article_bytes``.
    url
        The address of the page when known (a fetched URL); used for metadata and relative
        canonical links, never fetched.
    kind
        ``source_kind`` of the draft: ``html``, or ``url`` for a fetched page.

    Yields
    ------
    ArticleDraft
        One draft: title, body (paragraphs separated by a blank line), ``trimmed`` leftovers
        and the metadata the page declares.

    Raises
    ------
    IngestError
        For an empty, binary or oversized file, or a page with no article text.
    """
    limit = options.max_article_bytes * PAGE_SIZE_FACTOR
    if len(data) > limit:
        raise IngestError(
            source_ref,
            f"the page is larger than the {limit / (1024 * 1024):g} MB limit for one web page",
        )
    if not data.strip():
        raise IngestError(source_ref, "the file is empty")
    if looks_binary(data):
        raise IngestError(source_ref, "this is a binary file, not a web page")
    page = _strip_inert(_decode(data, source_ref))
    head = page[: _head_end(page)]
    found = _extract(page, url)
    if found is None:
        raise IngestError(source_ref, "no article text found in the page")

    body = _paragraphs(found.text)
    site_name = _clean_field(found.site_name) or None
    title = _without_site_name(_clean_field(found.title) or _page_title(head), site_name)
    if not title:
        # No headline anywhere: the first line of the text stands in, as for plain text.
        title, _, rest = body.partition("\n\n")
        body = rest or body
    result = trim_boilerplate(body, title=title)
    if not result.body:
        raise IngestError(source_ref, "no article text found in the page")

    yield ArticleDraft(
        title=title,
        body=result.body,
        trimmed=result.trimmed,
        source_kind=kind,
        source_ref=source_ref,
        site_name=site_name,
        url=url,
        canonical_url=_canonical_url(head, url),
        # The page's own author metadata is more reliable than a name line in the text.
        author=_clean_field(found.author) or result.author,
        published=_parse_date(found.date),
        # trafilatura names a language only when asked to filter by one. The page's own
        # ``lang`` is often a template default, so it is kept aside as a hint and the
        # language is detected from the text (ingest.language).
        language=None,
        extra={"declared_language": declared} if (declared := _page_language(head)) else {},
    )


@dataclass(frozen=True, slots=True)
class _Extraction:
    """What trafilatura found in a page: the article text and the page's metadata."""

    text: str
    title: str | None
    author: str | None
    site_name: str | None
    date: str | None


def _extract(page: str, url: str | None) -> _Extraction | None:
    """Find the article text and the metadata of a decoded page; ``None`` for no text.

    Measured on the dev half of the extraction benchmark (92 pages; F1 after trimming; whole
    ``read_html`` time per page, best of three runs, single process on this 2-core machine):
    trafilatura's default cascade 0.962 at 36 ms, ``fast`` 0.963 at 29 ms,
    ``favor_precision`` 0.971 at 37 ms, ``fast`` with ``favor_precision`` 0.953 at 26 ms (it
    misses the article entirely on a few pages). The chosen way runs the fast precise pass
    and, only when it finds next to nothing (4 of the 92 pages), the full cascade, keeping
    the longer text: 0.976 at 30 ms.

    The page is parsed once, here, from our decoded ``str`` (so our decoding, which honours
    ``<meta charset>``, is the one used); the metadata and both passes read that tree, and
    trafilatura never gets a string it could take for a URL to download.
    """
    # Imported on first use: trafilatura takes about half a second to import, which the
    # window's start-up should not pay before anyone imports a page.
    from trafilatura import bare_extraction, load_html

    tree = load_html(page)
    if tree is None:
        return None
    metadata = _page_metadata(tree, url)
    options = {"url": url, "with_metadata": False, **EXTRACTION_OPTIONS}
    document = bare_extraction(tree, fast=True, **options)
    text = (document.text or "").strip() if document is not None else ""
    if len(text) < RETRY_BELOW_CHARS:
        retry = bare_extraction(tree, fast=False, **options)
        retry_text = (retry.text or "").strip() if retry is not None else ""
        text = max(text, retry_text, key=len)
    if not text:
        return None
    return _Extraction(text=text, **metadata)


def _page_metadata(tree: HtmlElement, url: str | None) -> dict[str, str | None]:
    """Title, author, site name and date, the way trafilatura's ``extract_metadata`` finds
    them, without the categories, tags, licence and canonical URL it also looks for.

    Those cost about 5 ms of a 30 ms page and nothing here uses them (the canonical URL is
    read from the head directly). The date search skips free-text date guessing
    (``extensive_search``): it found a date on 2 more of the 181 benchmark pages, but it
    loads dateparser, which costs about 2 s in every worker process, and 1.5 ms a page.
    """
    from htmldate import find_date
    from trafilatura.metadata import (
        examine_meta,
        extract_author,
        extract_meta_json,
        extract_sitename,
        extract_title,
    )

    found = examine_meta(tree)
    if found.author and " " not in found.author:
        found.author = None  # a single word is a site's handle, not a person (as trafilatura)
    # trafilatura guards its JSON-LD reader the same way: odd data in a page can break it.
    with contextlib.suppress(Exception):
        found = extract_meta_json(tree, found)
    site_name = found.sitename or extract_sitename(tree)
    return {
        "title": found.title or extract_title(tree),
        "author": found.author or extract_author(tree),
        "site_name": site_name.lstrip("@") if site_name else None,
        "date": find_date(
            tree,
            extensive_search=False,
            original_date=True,
            outputformat=_DATE_FORMAT,
            url=url,
            max_date=datetime.now().astimezone().strftime("%Y-%m-%d"),
        ),
    }


def _decode(data: bytes, source_ref: str) -> str:
    """Decode a page: UTF-8 when it is valid, else the declared charset, else a guess."""
    try:
        page = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        page = None
        declared = _CHARSET.search(data[:4096])
        # A declaration readable as ASCII cannot be right about UTF-16 or UTF-32.
        if declared and not declared.group(1).endswith((b"16", b"32")):
            try:
                page = data.decode(declared.group(1).decode("ascii"), errors="replace")
            except LookupError:
                page = None  # an unknown charset name: guess instead
        if page is None:
            return decode_bytes(data, source_ref)
    if not _HAS_HTML_ROOT.search(page[:_HEAD_SCAN]):
        # A fragment ("<p>...</p>" pasted from a page): trafilatura wants a whole document.
        page = f"<html><body>{page}</body></html>"
    return page


def _head_end(page: str) -> int:
    """Where the page's head ends (bounded), for the regular expressions that read it."""
    end = _HEAD_CLOSE.search(page, 0, _HEAD_SCAN)
    return end.end() if end else min(len(page), _HEAD_SCAN)


def _strip_inert(page: str) -> str:
    """The page without scripts, styles, comments and inline SVG drawings.

    trafilatura drops them after parsing; dropping them before halves what is parsed (169 KB
    to 68 KB a page on average on the extraction benchmark) and makes reading a page about a
    fifth faster, with the same text and metadata. JSON-LD scripts stay: they carry the
    metadata. A linear scan, not one regular expression, so that a page full of unclosed
    ``<!--`` cannot make it quadratic; an unclosed element ends the stripping.
    """
    parts: list[str] = []
    position = 0
    while opening := _INERT_OPEN.search(page, position):
        tag = (opening.group(1) or "").lower()
        start_end = page.find(">", opening.end()) + 1 if tag else opening.end()
        closing = _INERT_CLOSE[tag].search(page, start_end) if start_end else None
        if closing is None:
            break
        if tag == "script" and "ld+json" in page[opening.end() : start_end].lower():
            parts.append(page[position : closing.end()])
        else:
            parts.append(page[position : opening.start()])
        position = closing.end()
    parts.append(page[position:])
    return "".join(parts)


def _paragraphs(text: str) -> str:
    """trafilatura's text (one block per line) as paragraphs separated by a blank line."""
    lines = (_clean_line(line) for line in clean_text(text).split("\n"))
    return "\n\n".join(line for line in lines if line)


def _clean_line(text: str) -> str:
    return _SPACES.sub(" ", clean_text(text)).strip()


def _clean_field(text: str | None) -> str:
    """A metadata value on one line; entities left escaped twice by the page are decoded."""
    return _clean_line(html_entities.unescape(text or ""))


def _without_site_name(title: str, site_name: str | None) -> str:
    """The headline without the site's name tacked on ("Headline | Site", "Site - Headline")."""
    if not site_name:
        return title
    site = _WORDS_ONLY.sub("", site_name).casefold()
    for separator in _TITLE_SEPARATORS:
        head, found, tail = title.rpartition(separator)
        if found and head.strip() and _WORDS_ONLY.sub("", tail).casefold() == site:
            return head.strip()
        head, found, tail = title.partition(separator)
        if found and tail.strip() and _WORDS_ONLY.sub("", head).casefold() == site:
            return tail.strip()
    return title


def _attributes(tag: str) -> dict[str, str]:
    return {
        m.group(1).lower(): html_entities.unescape(m.group(2) or m.group(3) or m.group(4) or "")
        for m in _ATTRIBUTE.finditer(tag)
    }


def _canonical_url(head: str, url: str | None) -> str | None:
    """The address the page declares as its own: ``<link rel=canonical>``, else ``og:url``."""
    canonical = og_url = None
    for match in _TAG.finditer(head):
        attributes = _attributes(match.group(0))
        if match.group(1).lower() == "link":
            if canonical is None and "canonical" in attributes.get("rel", "").lower().split():
                canonical = attributes.get("href")
        elif og_url is None and attributes.get("property", "").lower() == "og:url":
            og_url = attributes.get("content")
    for candidate in (canonical, og_url):
        if candidate and candidate.strip():
            absolute = urljoin(url or "", candidate.strip())
            if urlsplit(absolute).scheme in ("http", "https") and urlsplit(absolute).netloc:
                return absolute
    return None


def _page_title(head: str) -> str:
    match = _TITLE.search(head)
    if not match:
        return ""
    return _clean_line(html_entities.unescape(_ANY_TAG.sub("", match.group(1))))


def _page_language(head: str) -> str | None:
    """The primary language subtag the page declares (``<html lang="en-GB">`` gives ``en``)."""
    match = _HTML_LANG.search(head)
    if match:
        return match.group(1).lower()
    for tag in _TAG.finditer(head):
        attributes = _attributes(tag.group(0))
        if attributes.get("http-equiv", "").lower() == "content-language":
            code = re.match(r"\s*([A-Za-z]{2,3})\b", attributes.get("content", ""))
            if code:
                return code.group(1).lower()
    return None


def _parse_date(value: str | None) -> datetime | None:
    """htmldate's string as a timezone-aware datetime; a date without a zone is taken as UTC."""
    if not value:
        return None
    for pattern in (_DATE_FORMAT, "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"):
        try:
            parsed = datetime.strptime(value, pattern)
        except ValueError:
            continue
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return None
