"""Plain text and Markdown: the title is the first non-empty line, the body the rest."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ingest.decode import decode_bytes
from ingest.draft import ArticleDraft
from ingest.errors import IngestError
from ingest.options import ReadOptions

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)*")


def split_title_body(text: str) -> tuple[str, str]:
    """Split text into its first non-empty line (the title) and the rest (the body).

    Paragraphs in the body are separated by exactly one blank line; trailing spaces go.
    """
    lines = text.strip().split("\n", 1)
    title = _MD_HEADING.sub("", lines[0]).strip()
    rest = lines[1] if len(lines) > 1 else ""
    paragraphs = [p.strip() for p in _BLANK_LINES.split(rest.strip())]
    body = "\n\n".join(p for p in paragraphs if p)
    return title, body


def read_text(
    data: bytes, source_ref: str, options: ReadOptions, *, kind: str = "text"
) -> Iterator[ArticleDraft]:
    """Read one article from a plain-text or Markdown file."""
    if len(data) > options.max_article_bytes:
        raise IngestError(
            source_ref,
            f"the text is larger than the {options.max_article_bytes // (1024 * 1024)} MB "
            "limit for one article",
        )
    text = decode_bytes(data, source_ref)
    title, body = split_title_body(text)
    if not body:
        raise IngestError(source_ref, "no article body: the file has a single line")
    yield ArticleDraft(title=title, body=body, source_kind=kind, source_ref=source_ref)
