"""Datasets of many articles: CSV, TSV, JSON and JSON Lines.

Every row (or object) is one article. Columns are found through ``ReadOptions.field_map``
(our field -> the source's column) or, for fields it leaves out, by common column names.
A bad row is *yielded* as an :class:`IngestError` so the rest of the file goes on; a problem
with the whole file (not CSV at all, a mapping naming a missing column) is raised.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from ingest.decode import clean_text, decode_bytes
from ingest.draft import ArticleDraft
from ingest.errors import IngestError
from ingest.options import ReadOptions

#: Our fields, in the order they are listed in messages.
FIELDS = ("title", "body", "outlet", "url", "author", "published", "language", "site_name")

# Column names tried when the mapping leaves a field out, compared after _column_key
# (lower case, letters and digits only), so "Article Body", "article_body" and "articleBody"
# all match "articlebody".
_DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "body": ("body", "text", "content", "article", "articlebody", "fulltext", "story"),
    "title": ("title", "headline", "heading"),
    "outlet": ("outlet", "source", "publisher", "site", "domain", "media"),
    "url": ("url", "link", "newslink", "href"),
    "author": ("author", "byline", "authors"),
    "published": ("published", "date", "pubdate", "publishedat", "datetime", "timestamp"),
    "language": ("language", "lang"),
    "site_name": ("sitename",),
}
# Keys under which a JSON object commonly holds its list of articles, in order of preference.
_JSON_LIST_KEYS = ("articles", "items", "data", "results", "records", "entries", "documents")
_DELIMITERS = (",", "\t", ";", "|")
# The csv module refuses fields above 128 KiB by default; one article may be 5 MB, and the
# limit is a C long, which is 32 bits on Windows.
_FIELD_SIZE_CEILING = 2**31 - 1
_TITLE_CHARS = 100
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*(?=\s|$)")
# Abbreviations whose full stop does not end a sentence ("Mr. Okafor", "U.S. troops").
_ABBREVIATION = re.compile(
    r"(?:\b(?:mr|mrs|ms|dr|prof|st|gen|sen|rep|gov|lt|col|sgt|capt|jr|sr|no|inc|co|corp|ltd|"
    r"vs|etc|e\.g|i\.e|approx|dept|est|fig|jan|feb|mar|apr|aug|sept?|oct|nov|dec)|"
    r"\b[a-z](?:\.[a-z])*)\.$",
    re.IGNORECASE,
)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](.*))?$")
_DATE_FORMATS = (
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y %H:%M",
    "%b %d, %Y %H:%M",
    "%B %d, %Y %I:%M %p",
    "%b %d, %Y %I:%M %p",
    "%d %B %Y %H:%M",
    "%d %b %Y %H:%M",
    "%Y/%m/%d",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
)
_TIME_FORMATS = ("%H:%M", "%H:%M:%S", "%I:%M %p", "%I:%M:%S %p")


# --- public readers -----------------------------------------------------------------------


def read_csv(
    data: bytes, source_ref: str, options: ReadOptions, *, delimiter: str | None = None
) -> Iterator[ArticleDraft | IngestError]:
    """Read a CSV or TSV file with a header row, one article per row.

    Parameters
    ----------
    data
        The file's bytes, in any encoding ``decode_bytes`` detects (a BOM is honoured).
    source_ref
        The file's name; rows are referred to as ``name#row N``, counted as a spreadsheet
        does (the header is row 1, the first article row 2).
    options
        ``field_map`` and the size limits are used.
    delimiter
        ``","`` or ``"\\t"`` and so on; ``None`` guesses it from the header line.

    Yields
    ------
    ArticleDraft or IngestError
        One draft per row with body text; an error for a row that has none or is too large.
        ``source_kind`` is ``tsv`` for tab-separated files, ``csv`` otherwise.

    Raises
    ------
    IngestError
        If the file is empty, binary, too large, has no body column, or the mapping names a
        column the header does not have.
    """
    _check_file_size(data, source_ref, options)
    text = decode_bytes(data, source_ref)
    if delimiter is None:
        delimiter = _guess_delimiter(text)
    kind = "tsv" if delimiter == "\t" else "csv"
    csv.field_size_limit(
        max(csv.field_size_limit(), min(options.max_file_bytes, _FIELD_SIZE_CEILING))
    )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise IngestError(source_ref, f"not a readable {kind.upper()} file: {error}") from None
    if header is None or not any(cell.strip() for cell in header):
        raise IngestError(source_ref, f"the {kind.upper()} file has no header row")
    columns = [cell.strip().lstrip("\ufeff") for cell in header]
    chosen = resolve_columns(columns, options.field_map, source_ref)
    positions = {field: columns.index(column) for field, column in chosen.items()}
    row_number = 1
    any_row = False
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            if not any_row:
                raise IngestError(
                    source_ref, f"the {kind.upper()} file has a header but no rows"
                ) from None
            return
        except csv.Error as error:
            # The reader cannot resynchronise after a broken quote; say where it stopped.
            yield IngestError(
                f"{source_ref}#row {row_number + 1}",
                f"the {kind.upper()} is malformed from here on ({error}); the rows after it "
                "were not read",
            )
            return
        row_number += 1
        if not any(cell.strip() for cell in cells):
            continue  # blank lines between rows are not articles
        any_row = True
        record = {
            field: cells[index] if index < len(cells) else "" for field, index in positions.items()
        }
        # decode_bytes already cleaned the whole text: the fields need no second pass.
        yield _draft_or_error(record, f"{source_ref}#row {row_number}", kind, options, cleaned=True)


def read_json(
    data: bytes, source_ref: str, options: ReadOptions
) -> Iterator[ArticleDraft | IngestError]:
    """Read a JSON file of articles.

    Accepted shapes: an array of objects; an object holding such an array under a key such
    as ``articles``, ``items`` or ``data`` (or as its only list of objects); a single
    article object.

    Parameters
    ----------
    data, source_ref, options
        The file's bytes, its name (items are ``name#N``, 1-based) and the read options.

    Yields
    ------
    ArticleDraft or IngestError
        One draft per object with body text; an error for an item that is not an object,
        has no body text, or is too large.

    Raises
    ------
    IngestError
        If the file is not JSON, holds no list of articles, has no body field, or the
        mapping names a field no object has.
    """
    _check_file_size(data, source_ref, options)
    text = decode_bytes(data, source_ref)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise IngestError(
            source_ref,
            f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})",
        ) from None
    except RecursionError:
        raise IngestError(source_ref, "not readable JSON: nested too deeply") from None
    items = _article_list(document, source_ref)
    if not items:
        raise IngestError(source_ref, "the JSON file holds no articles (an empty list)")
    columns = _union_of_keys(item for item in items if isinstance(item, dict))
    chosen = resolve_columns(columns, options.field_map, source_ref)
    for number, item in enumerate(items, start=1):
        item_ref = f"{source_ref}#{number}"
        if not isinstance(item, dict):
            yield IngestError(item_ref, f"expected an article object, found {_json_type(item)}")
            continue
        yield _draft_or_error(_record(item, chosen), item_ref, "json", options)


def read_jsonl(
    data: bytes, source_ref: str, options: ReadOptions
) -> Iterator[ArticleDraft | IngestError]:
    """Read a JSON Lines file: one article object per line.

    Parameters
    ----------
    data, source_ref, options
        The file's bytes, its name (lines are ``name#line N``, 1-based) and the read options.

    Yields
    ------
    ArticleDraft or IngestError
        One draft per object with body text; an error naming the line for a line that is
        not valid JSON, not an object, without body text, or too large. Blank lines are
        skipped.

    Raises
    ------
    IngestError
        If the file is empty or binary, no line holds an object, no body field is found, or
        the mapping names a field no object has.
    """
    _check_file_size(data, source_ref, options)
    lines = decode_bytes(data, source_ref).split("\n")
    # A first pass finds the keys, so the mapping is checked against every object, not just
    # the first (optional keys are often missing from some lines); parsing twice costs less
    # memory than holding every object of a large dump.
    columns = _union_of_keys(_jsonl_objects(lines))
    if not columns:
        raise IngestError(source_ref, "no line holds a JSON object")
    chosen = resolve_columns(columns, options.field_map, source_ref)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        line_ref = f"{source_ref}#line {number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            yield IngestError(line_ref, f"not valid JSON: {error.msg} (column {error.colno})")
            continue
        except RecursionError:
            yield IngestError(line_ref, "not readable JSON: nested too deeply")
            continue
        if not isinstance(item, dict):
            yield IngestError(line_ref, f"expected an article object, found {_json_type(item)}")
            continue
        yield _draft_or_error(_record(item, chosen), line_ref, "jsonl", options)


# --- shared helpers -----------------------------------------------------------------------


def resolve_columns(
    columns: Iterable[str], field_map: Mapping[str, str], source_ref: str
) -> dict[str, str]:
    """Choose the source column for each of our fields.

    Parameters
    ----------
    columns
        The source's column names (a CSV header, the keys of JSON objects).
    field_map
        Our field -> source column, from ``--map``; matched exactly, else ignoring case and
        surrounding spaces. Fields it leaves out are looked up among common names.
    source_ref
        For error messages.

    Returns
    -------
    dict
        Our field -> the exact source column name, for the fields found.

    Raises
    ------
    IngestError
        If the mapping names an unknown field or a missing column, or no body column is found.
    """
    columns = list(dict.fromkeys(columns))
    available = ", ".join(columns) if columns else "(none)"
    chosen: dict[str, str] = {}
    for field, wanted in field_map.items():
        if field not in FIELDS:
            raise IngestError(
                source_ref,
                f"the mapping names an unknown field {field!r}; fields are: {', '.join(FIELDS)}",
            )
        column = _find_column(columns, wanted)
        if column is None:
            raise IngestError(
                source_ref,
                f"the mapping {field}={wanted} names a column the file does not have; "
                f"columns: {available}",
            )
        chosen[field] = column
    by_key = {}
    for column in columns:
        by_key.setdefault(_column_key(column), column)
    taken = set(chosen.values())
    for field, candidates in _DEFAULT_COLUMNS.items():
        if field in chosen:
            continue
        for candidate in candidates:
            column = by_key.get(candidate)
            if column is not None and column not in taken:
                chosen[field] = column
                taken.add(column)
                break
    if "body" not in chosen:
        raise IngestError(
            source_ref,
            f"no article text column found; name it with --map body=COLUMN; columns: {available}",
        )
    return chosen


def title_from_body(body: str, limit: int = _TITLE_CHARS) -> str:
    """A stand-in headline: the first sentence of ``body``, cut at a word boundary.

    Parameters
    ----------
    body
        Article text.
    limit
        Longest title, in characters, before an ellipsis is added.

    Returns
    -------
    str
        The first sentence if it fits in ``limit`` characters, else as many whole words as
        fit followed by "…"; empty for an empty body.
    """
    first = body.strip().split("\n", 1)[0].strip()
    end = next((match for match in _SENTENCE_END.finditer(first) if _ends_sentence(match)), None)
    sentence = first[: end.end()].strip() if end else first
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit]
    # Cut inside a word: drop that partial word.
    if not sentence[limit].isspace() and not cut[-1].isspace() and re.search(r"\s", cut):
        cut = cut.rsplit(None, 1)[0]
    cut = cut.rstrip(",;:–—- ")
    return cut + "…"


def format_size(size: int) -> str:
    """A byte count for messages: ``5 MB``, ``512 KB``, ``20 bytes``."""
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= scale:
            amount = size / scale
            return (
                f"{amount:.0f} {unit}"
                if amount >= 10 or amount.is_integer()
                else f"{amount:.1f} {unit}"
            )
    return f"{size} bytes"


def _ends_sentence(match: re.Match[str]) -> bool:
    """Whether a full stop (or ! ? …) ends a sentence: the next word starts one."""
    text = match.string
    rest = text[match.end() :].lstrip()
    if rest and not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"'“‘(«"):
        return False
    abbreviated = _ABBREVIATION.search(text[: match.start() + 1])
    return not (text[match.start()] == "." and abbreviated)


def paragraphs_of(text: str) -> str:
    """Normalise article text to paragraphs separated by one blank line.

    Text that already has blank lines between paragraphs keeps its single line breaks
    inside a paragraph; text without any blank line (common in datasets) takes each line
    as a paragraph.
    """
    text = text.strip()
    if not text:
        return ""
    blocks = _BLANK_LINE.split(text) if _BLANK_LINE.search(text) else text.split("\n")
    cleaned = ("\n".join(line.strip() for line in block.split("\n")) for block in blocks)
    return "\n\n".join(block.strip() for block in cleaned if block.strip())


def parse_date(value: str) -> datetime | None:
    """Parse a publication date written in a common way; ``None`` when it cannot be.

    Accepted: ISO 8601 (``2026-03-04``, ``2026-03-04T10:00:00+02:00``, ``...Z``), RFC 2822
    (``Wed, 04 Mar 2026 10:00:00 +0000``), Unix timestamps in seconds or milliseconds,
    ``March 4, 2026``, ``4 Mar 2026``, ``2026/03/04`` and ``04/03/2026`` when the day is
    unambiguous (above 12, or equal to the month). A date without a time zone is taken as
    UTC, so that every date we return can be compared with every other.
    """
    value = value.strip()
    if not value:
        return None
    parsed = (
        _from_timestamp(value)
        or _from_iso(value)
        or _from_rfc2822(value)
        or _from_numeric_date(value)
        or _from_formats(value)
    )
    if parsed is None:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


# --- private helpers ----------------------------------------------------------------------


def _check_file_size(data: bytes, source_ref: str, options: ReadOptions) -> None:
    if len(data) > options.max_file_bytes:
        raise IngestError(
            source_ref,
            f"the file is larger than the {format_size(options.max_file_bytes)} limit",
        )


def _guess_delimiter(text: str) -> str:
    """The most frequent candidate delimiter in the header line (outside quotes)."""
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    unquoted = re.sub(r'"[^"]*"', "", header)
    counts = {candidate: unquoted.count(candidate) for candidate in _DELIMITERS}
    best = max(counts, key=lambda candidate: counts[candidate])
    return best if counts[best] else ","


def _column_key(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.casefold())


def _find_column(columns: list[str], wanted: str) -> str | None:
    if wanted in columns:
        return wanted
    folded = wanted.strip().casefold()
    return next((column for column in columns if column.strip().casefold() == folded), None)


def _union_of_keys(objects: Iterable[dict[str, object]]) -> list[str]:
    keys: dict[str, None] = {}
    for item in objects:
        keys.update(dict.fromkeys(str(key) for key in item))
    return list(keys)


def _jsonl_objects(lines: list[str]) -> Iterator[dict[str, object]]:
    for line in lines:
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except (json.JSONDecodeError, RecursionError):
            continue  # reported with its line number on the second pass
        if isinstance(item, dict):
            yield item


def _article_list(document: object, source_ref: str) -> list[object]:
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        lowered = {str(key).casefold(): value for key, value in document.items()}
        for key in _JSON_LIST_KEYS:
            if isinstance(lowered.get(key), list):
                return lowered[key]
        lists = [
            value
            for value in document.values()
            if isinstance(value, list) and value and all(isinstance(v, dict) for v in value)
        ]
        if len(lists) == 1:
            return lists[0]
        if not any(isinstance(value, (list, dict)) for value in document.values()):
            return [document]  # a single article object
    raise IngestError(
        source_ref,
        "expected a JSON array of articles, or an object holding one under "
        f"{', '.join(repr(key) for key in _JSON_LIST_KEYS[:3])}",
    )


def _json_type(value: object) -> str:
    names = {str: "a string", int: "a number", float: "a number", bool: "true/false"}
    if value is None:
        return "null"
    if isinstance(value, list):
        return "an array"
    return names.get(type(value), type(value).__name__)


def _record(item: Mapping[str, object], chosen: Mapping[str, str]) -> dict[str, str]:
    """Our field -> text, from one JSON object."""
    return {field: _as_text(item.get(column)) for field, column in chosen.items()}


def _as_text(value: object) -> str:
    """JSON values as text: nested outlets ({"name": ...}) and author lists are common."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, dict):
        for key in ("name", "title", "id"):
            if isinstance(value.get(key), str):
                return value[key]
        return ""
    if isinstance(value, list):
        return ", ".join(text for text in (_as_text(v) for v in value) if text)
    return ""


def _draft_or_error(
    record: Mapping[str, str],
    item_ref: str,
    kind: str,
    options: ReadOptions,
    *,
    cleaned: bool = False,
) -> ArticleDraft | IngestError:
    """One row (our field -> raw text) as a draft, or the reason it is not one.

    JSON strings are cleaned here: escapes such as ``\\u0000`` or ``\\r\\n`` put back what
    decoding the file removed.
    """
    fields = {
        field: (value if cleaned else clean_text(value)).strip() for field, value in record.items()
    }
    body = paragraphs_of(fields.get("body", ""))
    if not body:
        return IngestError(item_ref, "no article text in this row")
    size = len(body.encode("utf-8"))
    if size > options.max_article_bytes:
        return IngestError(
            item_ref,
            f"the article text is larger than the "
            f"{format_size(options.max_article_bytes)} limit for one article",
        )
    title = " ".join(fields.get("title", "").split()) or title_from_body(body)
    return ArticleDraft(
        title=title,
        body=body,
        source_kind=kind,
        source_ref=item_ref,
        outlet_hint=fields.get("outlet") or None,
        site_name=fields.get("site_name") or None,
        url=fields.get("url") or None,
        author=fields.get("author") or None,
        published=parse_date(fields.get("published", "")),
        language=fields.get("language") or None,
    )


def _from_timestamp(value: str) -> datetime | None:
    if not re.fullmatch(r"\d{9,13}(\.\d+)?", value):
        return None
    seconds = float(value)
    if seconds > 1e11:  # milliseconds, as JavaScript writes them
        seconds /= 1000
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _from_iso(value: str) -> datetime | None:
    if not re.match(r"\d{4}-?\d{2}-?\d{2}", value):
        return None  # fromisoformat would also take "2026" or week dates; keep to dates
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _from_rfc2822(value: str) -> datetime | None:
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None


def _from_numeric_date(value: str) -> datetime | None:
    match = _NUMERIC_DATE.match(value)
    if match is None:
        return None
    first, second, year = (int(part) for part in match.group(1, 2, 3))
    if first > 12 or first == second:
        day, month = first, second
    elif second > 12:
        month, day = first, second
    else:
        return None  # 03/04/2026: 3 April or March 4? A wrong date is worse than none.
    try:
        date = datetime(year, month, day)
    except ValueError:
        return None
    rest = (match.group(4) or "").strip()
    if not rest:
        return date
    for time_format in _TIME_FORMATS:
        try:
            clock = datetime.strptime(rest.upper(), time_format)
        except ValueError:
            continue
        return date.replace(hour=clock.hour, minute=clock.minute, second=clock.second)
    return date


def _from_formats(value: str) -> datetime | None:
    # Drop a weekday ("Tuesday, March 3, 2026") and collapse spaces before trying formats.
    text = re.sub(r"^[A-Za-z]+day,?\s+", "", " ".join(value.split()))
    for date_format in _DATE_FORMATS:
        try:
            return datetime.strptime(text, date_format)
        except ValueError:
            continue
    return None
