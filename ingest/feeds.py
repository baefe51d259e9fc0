"""RSS and Atom feeds: one draft per entry, read from bytes, never from the network.

The bytes are checked with defusedxml before feedparser sees them: a feed that declares
entities (the billion-laughs bomb, external entities reading local files) is refused whole.
With ``fetch_full_text`` each entry's linked page is fetched through the injected fetcher
and read as a web page; when that fails the entry's feed text is still imported and an
error line says why the full text is missing.
"""

from __future__ import annotations

import html
import io
import re
import time
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, ParseError
from lxml import etree
from lxml import html as lxml_html

from ingest.decode import clean_text, looks_binary
from ingest.draft import ArticleDraft
from ingest.errors import IngestError
from ingest.options import ReadOptions
from ingest.tabular import format_size, title_from_body

_NOT_A_FEED = "not an RSS or Atom feed"
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_]")
_FEED_ROOTS = {"rss", "rdf", "feed", "channel"}
# Elements whose text is never article text; everything else inside is dropped with them.
_SKIPPED = {
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "form",
    "button",
    "select",
    "textarea",
    "head",
    "title",
}
_BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "main",
    "nav",
    "blockquote",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "figure",
    "figcaption",
    "hr",
    "address",
    "details",
    "summary",
    "body",
    "html",
}
_CELLS = {"td", "th"}
_WHITESPACE = re.compile(r"[^\S\n]+")
_PARAGRAPH_BREAK = re.compile(r"\s*\n\s*\n\s*")
# lxml's HTML parser never fetches anything; say so, and drop comments and processing
# instructions that could otherwise leak into the text.
# huge_tree lifts libxml2's nesting limit from 256 to 2048 levels, past which it silently
# drops text (the HTML parser expands no entities, so there is no bomb to guard against).
_HTML_PARSER = lxml_html.HTMLParser(
    no_network=True, remove_comments=True, remove_pis=True, huge_tree=True
)
_TAG = re.compile(r"<[^>]*>")
_SKIPPED_ELEMENT = re.compile(
    r"<(script|style|noscript|template|iframe|svg|math)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL
)


class _RootFound(Exception):
    """Raised at the first element: entity declarations can only come before it."""

    def __init__(self, tag: str) -> None:
        super().__init__(tag)
        self.tag = tag


class _FirstElement:
    """A parser target that stops at the root element (the prolog is all we check)."""

    def start(self, tag: str, attributes: Mapping[str, str]) -> None:
        raise _RootFound(tag)

    def close(self) -> None:
        return None


def read_feed(
    data: bytes, source_ref: str, options: ReadOptions
) -> Iterator[ArticleDraft | IngestError]:
    """Read every entry of an RSS (0.9x, 1.0, 2.0) or Atom feed.

    Parameters
    ----------
    data
        The feed's bytes (the reader never opens a URL itself).
    source_ref
        The feed's name; entries are referred to as ``name#N`` (1-based).
    options
        With ``fetch_full_text`` and a ``fetcher``, each entry's link is fetched and read
        as a web page; without a fetcher the flag is ignored (no network).

    Yields
    ------
    ArticleDraft or IngestError
        One draft per entry (``source_kind`` ``feed``, or ``url`` when the linked page was
        read). An entry whose full content is in the feed (``content:encoded``, Atom
        ``content``) gives that text; otherwise its summary, with ``summary_only=True``.
        An entry without any text gives an error. When fetching a linked page fails, an
        error saying so comes first, then the draft built from the feed.

    Raises
    ------
    IngestError
        If the feed declares XML entities (possible XML bomb or external-entity attack),
        is not RSS or Atom (an HTML page, JSON), or is too malformed to give any entry.
    """
    if len(data) > options.max_file_bytes:
        raise IngestError(
            source_ref,
            f"the file is larger than the {format_size(options.max_file_bytes)} limit",
        )
    if not data.strip():
        raise IngestError(source_ref, "the file is empty")
    if looks_binary(data):
        raise IngestError(source_ref, f"{_NOT_A_FEED}: this is a binary file")
    root = _check_prolog(data, source_ref)
    if root == "html":
        raise IngestError(source_ref, f"{_NOT_A_FEED}: it is an HTML page")
    if root is not None and root not in _FEED_ROOTS:
        raise IngestError(source_ref, f"{_NOT_A_FEED} (its first element is <{root}>)")
    # A stream, never bytes or str: feedparser.parse() treats a string as a URL or a path
    # to open, and would read a local file named by the feed's content.
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    entries = parsed.get("entries") or []
    if not entries:
        if data.lstrip().startswith((b"{", b"[")):
            raise IngestError(source_ref, f"{_NOT_A_FEED}: it looks like JSON")
        if parsed.get("bozo") and parsed.get("bozo_exception") is not None:
            reason = _describe(parsed["bozo_exception"])
            raise IngestError(source_ref, f"malformed feed, no entry could be read: {reason}")
        if not parsed.get("version"):
            raise IngestError(source_ref, _NOT_A_FEED)
        raise IngestError(source_ref, "the feed has no entries")
    feed = parsed.get("feed") or {}
    feed_title = _text_of(feed.get("title_detail"), feed.get("title")) or None
    feed_link = feed.get("link") or ""
    language = _primary_language(feed.get("language"))
    fetch = options.fetcher is not None and options.fetch_full_text
    malformed = ""
    if parsed.get("bozo") and parsed.get("bozo_exception") is not None:
        malformed = f"malformed ({_describe(parsed['bozo_exception'])})"
    for number, entry in enumerate(entries, start=1):
        entry_ref = f"{source_ref}#{number}"
        from_feed = _entry_draft(
            entry, entry_ref, feed_title, feed_link, language, options, malformed=malformed
        )
        link = _entry_link(entry, feed_link)
        if fetch and link:
            yield from _with_full_text(link, entry_ref, from_feed, feed_title, language, options)
        else:
            yield from_feed


# --- the prolog check ---------------------------------------------------------------------


def _check_prolog(data: bytes, source_ref: str) -> str | None:
    """Refuse entity declarations; return the root element's local name when it is seen.

    Entities can only be declared in the DTD, before the root element, so parsing stops
    there: nothing is ever expanded, and a large feed is not parsed twice.
    """
    parser = DefusedXMLParser(
        target=_FirstElement(), forbid_dtd=False, forbid_entities=True, forbid_external=True
    )
    try:
        parser.feed(data)
        parser.close()
    except _RootFound as found:
        return found.tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1].casefold()
    except DefusedXmlException:
        raise _refused(source_ref) from None
    except (ParseError, ValueError, LookupError):
        # Not well-formed (or an encoding expat does not know): feedparser's lenient parser
        # may still read it, but only if no entity is declared in a form we could not check.
        # Entities are declared before the first element; NULs are dropped so UTF-16 and
        # UTF-32 text is scanned too.
        text = data.replace(b"\x00", b"")
        first_element = _FIRST_ELEMENT.search(text)
        if _ENTITY_DECLARATION.search(
            text, 0, first_element.start() if first_element else len(text)
        ):
            raise _refused(source_ref) from None
    return None


def _refused(source_ref: str) -> IngestError:
    return IngestError(
        source_ref,
        "refused: the feed declares XML entities (a possible XML bomb or external-entity "
        "attack); nothing was read",
    )


def _describe(exception: BaseException) -> str:
    message = getattr(exception, "getMessage", None)
    text = message() if callable(message) else str(exception)
    line = getattr(exception, "getLineNumber", None)
    if callable(line) and line():
        text += f" (line {line()})"
    return text or type(exception).__name__


# --- entries ------------------------------------------------------------------------------


def _entry_draft(
    entry: Mapping[str, Any],
    entry_ref: str,
    feed_title: str | None,
    feed_link: str,
    language: str | None,
    options: ReadOptions,
    *,
    malformed: str = "",
) -> ArticleDraft | IngestError:
    """The draft an entry gives from the feed alone, or the reason it gives none.

    ``malformed`` describes the feed's XML error, if any: a truncated or broken feed gives
    empty entries, and the reason should say why.
    """
    body = ""
    for content in sorted(
        entry.get("content") or [], key=lambda c: len(c.get("value") or ""), reverse=True
    ):
        body = _text_of(content)
        if body:
            break
    summary_only = not body
    if summary_only:
        body = _text_of(entry.get("summary_detail"), entry.get("summary"))
    if not body:
        reason = "the entry has no text (no content and no summary)"
        return IngestError(entry_ref, f"{reason}; the feed is {malformed}" if malformed else reason)
    if len(body.encode("utf-8")) > options.max_article_bytes:
        return IngestError(
            entry_ref,
            f"the article text is larger than the "
            f"{format_size(options.max_article_bytes)} limit for one article",
        )
    title = _one_line(_text_of(entry.get("title_detail"), entry.get("title")))
    return ArticleDraft(
        title=title or title_from_body(body),
        body=body,
        source_kind="feed",
        source_ref=entry_ref,
        outlet_hint=feed_title,
        site_name=feed_title,
        url=_entry_link(entry, feed_link),
        author=_author(entry),
        published=_published(entry),
        language=language,
        summary_only=summary_only,
    )


def _with_full_text(
    link: str,
    entry_ref: str,
    from_feed: ArticleDraft | IngestError,
    feed_title: str | None,
    language: str | None,
    options: ReadOptions,
) -> Iterator[ArticleDraft | IngestError]:
    """The linked page as a draft; on failure an error line, then what the feed gave.

    A user who asks for full text and cannot get it still wants the entry: the feed's
    summary is better than nothing, and ``summary_only`` marks it. The error line says
    the full text is missing, so the batch reports it.
    """
    from ingest.html import read_html  # another module's reader; imported only when needed

    assert options.fetcher is not None  # checked by the caller
    feed_draft = from_feed if isinstance(from_feed, ArticleDraft) else None
    try:
        final_url, content_type, page = options.fetcher(link)
        if content_type and not re.search(r"html|xml", content_type, re.IGNORECASE):
            raise IngestError(link, f"the linked page is not HTML ({content_type})")
        page_draft = next(iter(read_html(page, entry_ref, options, url=final_url, kind="url")))
    except StopIteration:
        reason = "no article text was found on the linked page"
    except IngestError as error:
        reason = error.reason
    # The fetcher is injected (network libraries raise many kinds of errors); whatever it
    # raises is one entry's failure, never the end of the feed.
    except Exception as error:
        reason = str(error) or type(error).__name__
    else:
        yield _merge(page_draft, feed_draft, entry_ref, final_url, feed_title, language)
        return
    if feed_draft is None:
        kept = f"and from the feed: {from_feed.reason}"
    elif feed_draft.summary_only:
        kept = "the feed's summary was imported instead"
    else:
        kept = "the feed's text was imported instead"
    yield IngestError(entry_ref, f"the full text of {link} could not be read ({reason}); {kept}")
    if feed_draft is not None:
        yield feed_draft


def _merge(
    page: ArticleDraft,
    feed_draft: ArticleDraft | None,
    entry_ref: str,
    final_url: str,
    feed_title: str | None,
    language: str | None,
) -> ArticleDraft:
    """The page's draft, with the feed's metadata where the page has none."""

    def pick(page_value: object, feed_value: object) -> object:
        return page_value if page_value else feed_value

    return page.with_changes(
        title=pick(page.title, feed_draft.title if feed_draft else ""),
        author=pick(page.author, feed_draft.author if feed_draft else None),
        published=pick(page.published, feed_draft.published if feed_draft else None),
        outlet_hint=pick(page.outlet_hint, feed_title),
        site_name=pick(page.site_name, feed_title),
        language=pick(page.language, language),
        url=pick(page.url, final_url),
        source_ref=entry_ref,
        summary_only=False,
    )


def _entry_link(entry: Mapping[str, Any], feed_link: str) -> str | None:
    """The entry's web address, made absolute against the feed's own link."""
    link = (entry.get("link") or "").strip()
    if not link:
        return None
    absolute = urljoin(feed_link, link) if feed_link else link
    # feedparser falls back to the entry id, which may be a tag: URI or a bare number.
    return absolute if urlsplit(absolute).scheme in ("http", "https") else None


def _author(entry: Mapping[str, Any]) -> str | None:
    author = _one_line(entry.get("author") or "")
    if not author:
        return None
    # RSS <author> is "email (Name)"; feedparser splits it wrongly for some addresses.
    named = re.fullmatch(r"\S+@\S+\s*\((.+)\)", author)
    return named.group(1).strip() if named else author


def _published(entry: Mapping[str, Any]) -> datetime | None:
    """The entry's date as an aware UTC datetime (feedparser normalises to UTC)."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            try:
                return datetime(*value[:6], tzinfo=UTC)
            except ValueError:
                continue
    return None


def _primary_language(tag: str | None) -> str | None:
    """``en-us`` -> ``en``; language codes elsewhere in Parallax are ISO 639-1."""
    if not tag:
        return None
    primary = re.split(r"[-_]", tag.strip(), maxsplit=1)[0].casefold()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _text_of(detail: Mapping[str, Any] | None, fallback: str | None = None) -> str:
    """Plain paragraphs from a feedparser text construct (HTML, XHTML or plain text)."""
    value = (detail or {}).get("value") if detail else None
    if value is None:
        value = fallback or ""
    content_type = ((detail or {}).get("type") or "text/html").casefold()
    if "html" in content_type or "xml" in content_type:
        return html_to_text(value)
    return _plain_paragraphs(clean_text(value))


def _plain_paragraphs(text: str) -> str:
    blocks = _PARAGRAPH_BREAK.split(text.strip())
    return "\n\n".join(_WHITESPACE.sub(" ", block).strip() for block in blocks if block.strip())


# --- HTML to text -------------------------------------------------------------------------


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment: one paragraph per block, blank lines between.

    Scripts, styles, forms and embedded objects are dropped with their content; ``<br>``
    is a line break inside a paragraph (two make a paragraph break). Nothing is fetched:
    images, links and styles are not followed.

    Parameters
    ----------
    markup
        HTML, as found in feeds (``content:encoded``, Atom ``content``, descriptions).

    Returns
    -------
    str
        Paragraphs separated by one blank line; empty when the markup has no text.
    """
    markup = clean_text(markup)
    if "<" not in markup and "&" not in markup:
        return _plain_paragraphs(markup)
    try:
        root = lxml_html.fragment_fromstring(markup, create_parent="div", parser=_HTML_PARSER)
    except (etree.ParserError, ValueError):
        return _stripped_tags(markup)
    blocks: list[str] = []
    pieces: list[str] = []

    def flush() -> None:
        text = "".join(pieces)
        pieces.clear()
        for block in _PARAGRAPH_BREAK.split(text):
            lines = (_WHITESPACE.sub(" ", line).strip() for line in block.split("\n"))
            paragraph = "\n".join(line for line in lines if line)
            if paragraph:
                blocks.append(paragraph)

    # iterwalk, not recursion: feed HTML can be nested deeper than Python's stack allows.
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag.casefold() if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _SKIPPED:
                walker.skip_subtree()
                continue
            if tag in _BLOCKS:
                flush()
            elif tag == "br":
                pieces.append("\n")
            elif tag in _CELLS:
                pieces.append(" ")
            if element.text:
                pieces.append(_WHITESPACE.sub(" ", element.text.replace("\n", " ")))
        else:
            if tag in _BLOCKS:
                flush()
            if element.tail and element is not root:
                pieces.append(_WHITESPACE.sub(" ", element.tail.replace("\n", " ")))
    flush()
    # libxml2 returns nothing for markup nested past its depth limit: strip the tags instead
    # rather than lose the text.
    return "\n\n".join(blocks) or _stripped_tags(markup)


def _stripped_tags(markup: str) -> str:
    """A last resort for markup lxml cannot parse: tags removed, entities decoded."""
    text = _TAG.sub(" ", _SKIPPED_ELEMENT.sub(" ", markup))
    return _plain_paragraphs(html.unescape(text))
