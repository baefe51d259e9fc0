"""From what the user named (paths, folders, archives, addresses) to drafts.

Two steps, so the library can spread the second over worker processes:

- :func:`expand_inputs` turns each input into :class:`SourceItem` records (one per file, archive
  member or address), refusing unsafe archives and missing paths with an
  :class:`~ingest.errors.IngestError` per problem;
- :func:`read_item` loads one item's bytes within the size limits, hands them to the reader for
  its kind, and finishes each draft (plain-text leftovers trimmed, language detected).

Neither ever raises for bad input: every problem becomes an ``IngestError`` naming the input,
and the rest of the batch goes on.
"""

from __future__ import annotations

import codecs
import functools
import gzip
import importlib
import io
import json
import logging
import os
import re
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath
from typing import IO
from urllib.parse import urlsplit

from ingest.decode import clean_text, looks_binary
from ingest.draft import ArticleDraft
from ingest.errors import IngestError
from ingest.options import ReadOptions

logger = logging.getLogger(__name__)

#: Every value :attr:`SourceItem.kind` takes.
KINDS = (
    "text",
    "markdown",
    "html",
    "feed",
    "csv",
    "tsv",
    "json",
    "jsonl",
    "docx",
    "pdf",
    "url",
)

_EXTENSION_KINDS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".csv": "csv",
    ".tsv": "tsv",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".docx": "docx",
    ".pdf": "pdf",
}
# Said only for a file the user named: in a folder, unknown files are skipped quietly.
_UNSUPPORTED = {
    ".doc": "old Word .doc files cannot be read; save it as .docx",
    ".rtf": "RTF files cannot be read; save it as .docx or plain text",
    ".odt": "OpenDocument .odt files cannot be read; save it as .docx",
    ".xlsx": "spreadsheets cannot be read; save it as CSV",
    ".xls": "spreadsheets cannot be read; save it as CSV",
    ".ods": "spreadsheets cannot be read; save it as CSV",
    ".mht": "MHTML web archives cannot be read; save the page as HTML",
    ".mhtml": "MHTML web archives cannot be read; save the page as HTML",
    ".tar": "tar archives cannot be opened; unpack it, or make a .zip",
    ".tgz": "tar archives cannot be opened; unpack it, or make a .zip",
    ".7z": "7-Zip archives cannot be opened; unpack it, or make a .zip",
    ".rar": "RAR archives cannot be opened; unpack it, or make a .zip",
    ".zip": "a compressed .zip cannot be opened; unpack the .gz first",
}
_URL_MEDIA_KINDS = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/json": "json",
    "application/x-ndjson": "jsonl",
    "application/ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
}
_URL_ARCHIVE_MEDIA = frozenset(
    {"application/zip", "application/gzip", "application/x-gzip", "application/x-tar"}
)
# Kinds whose readers decode bytes as text: binary data there is refused up front, with a
# clearer message than a reader's parse error.
_TEXT_KINDS = frozenset({"text", "markdown", "html", "feed", "csv", "tsv", "json", "jsonl"})
# Kinds where the file is one article, so the per-article limit applies to the file itself.
_ONE_ARTICLE_KINDS = frozenset({"text", "markdown", "html"})
# Kinds whose readers do not trim page leftovers themselves (HTML and feed readers do).
_PLAIN_KINDS = frozenset({"text", "markdown", "docx", "pdf"})
# Kinds holding one document: fetched from an address, the address is the article's URL
# (a feed or dataset names its own articles' addresses).
_ONE_DOCUMENT_KINDS = frozenset({"text", "markdown", "html", "docx", "pdf"})
_KIND_NAMES = {
    "text": "a text file",
    "markdown": "a Markdown file",
    "html": "an HTML page",
    "feed": "a feed",
    "csv": "a CSV file",
    "tsv": "a TSV file",
    "json": "a JSON file",
    "jsonl": "a JSON Lines file",
    "docx": "a Word .docx file",
    "pdf": "a PDF file",
}
_READABLE = "text, Markdown, HTML, feeds, CSV/TSV, JSON, JSONL, Word .docx, PDF or .zip"

_MB = 1024 * 1024
_CHUNK = 1024 * 1024
_SNIFF_BYTES = 8192
_ZIP_MAGIC = b"PK\x03\x04"
_GZIP_MAGIC = b"\x1f\x8b"
_DOCX_PART = "word/document.xml"
# A member smaller than this cannot hurt whatever its ratio, and tiny files of repeated
# characters (blank templates, padding) compress far beyond any sensible cap.
_RATIO_FLOOR = 1 * _MB
_ZIP_ENCRYPTED_FLAG = 0x1
_HTTP_URL = re.compile(r"^https?://", re.IGNORECASE)
_PASTED_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_OTHER_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:rdf)[\s>/]")
_HTML_MARK = re.compile(r"<(?:!doctype html|html|head|body)[\s>/]")


@dataclass(frozen=True)
class SourceItem:
    """One thing to read: a file, a member of a ``.zip`` archive, or a web address.

    Plain strings and numbers only, so items pickle to worker processes.

    Parameters
    ----------
    ref
        For people: the path as given, ``archive.zip!dir/page.html``, or the URL.
    kind
        One of :data:`KINDS`; ``url`` means "fetch, then decide by the content type".
    path
        The absolute path of the file, or of the archive holding ``member``.
    member
        The member's name inside the archive at ``path``.
    url
        The address, for ``url`` items.
    size
        Bytes as stored (before gzip decompression), when known.

    A ``path`` or ``member`` ending in ``.gz`` is decompressed on reading; ``kind`` then comes
    from the name inside (``page.html.gz`` is ``html``).
    """

    ref: str
    kind: str
    path: str | None = None
    member: str | None = None
    url: str | None = None
    size: int | None = None


# --------------------------------------------------------------------------- kinds


def _strip_gz(name: str) -> tuple[str, bool]:
    lower = name.lower()
    if lower.endswith(".gz"):
        return lower[:-3], True
    return lower, False


def _extension(name: str) -> str:
    return os.path.splitext(name)[1].lower()


def kind_for_name(name: str) -> str | None:
    """The kind a file name's extension announces, looking inside ``.gz``.

    Parameters
    ----------
    name
        A file or member name (``report.PDF``, ``page.html.gz``).

    Returns
    -------
    str or None
        A kind from :data:`KINDS`, or ``None`` for archives and unknown extensions.
    """
    inner, _ = _strip_gz(name)
    return _EXTENSION_KINDS.get(_extension(inner))


def _head_text(head: bytes) -> str:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if head.startswith(bom):
            return head.decode(encoding, errors="ignore")
    # UTF-16 without a byte-order mark: ASCII-range text leaves one byte lane full of NULs.
    quarter = len(head) // 4
    if head[1::2].count(0) > quarter:
        return head.decode("utf-16-le", errors="ignore")
    if head[0::2].count(0) > quarter:
        return head.decode("utf-16-be", errors="ignore")
    return head.decode("utf-8", errors="ignore")


def sniff_kind(head: bytes) -> str:
    """Guess a kind from the first bytes of a file with no telling extension.

    Parameters
    ----------
    head
        The first few kilobytes.

    Returns
    -------
    str
        ``pdf``, ``html``, ``feed``, ``json``, ``jsonl`` or ``text``; ``zip`` for a zip
        container, which the caller tells apart from a Word ``.docx`` by its members.
    """
    if head.startswith(_ZIP_MAGIC):
        return "zip"
    # PDF readers accept the marker anywhere in the first kilobyte.
    if b"%PDF-" in head[:1024]:
        return "pdf"
    text = _head_text(head[:_SNIFF_BYTES]).lstrip("\ufeff \t\r\n").lower()
    if text.startswith("<"):
        if _FEED_ROOT.search(text) and not _HTML_MARK.search(text):
            return "feed"
        if text.startswith("<?xml") and not _HTML_MARK.search(text):
            return "feed"  # some other XML: the feed reader says what is wrong with it
        return "html"
    if text.startswith(("{", "[")):
        first, _, rest = text.partition("\n")
        if rest.lstrip().startswith("{"):
            try:
                json.loads(first)
            except ValueError:
                return "json"
            return "jsonl"
        return "json"
    return "text"


def _is_docx(archive: zipfile.ZipFile) -> bool:
    return _DOCX_PART in archive.namelist()


# --------------------------------------------------------------------------- expanding


def expand_inputs(
    inputs: Sequence[str], options: ReadOptions
) -> Iterator[SourceItem | IngestError]:
    """Turn paths, folders, ``.zip`` archives and web addresses into items to read.

    Parameters
    ----------
    inputs
        What the user named: paths, or ``http(s)://`` addresses.
    options
        The archive limits (``max_archive_bytes``, ``max_compression_ratio``) apply here.

    Yields
    ------
    SourceItem or IngestError
        In input order; a folder's files sorted by name, walked recursively, hidden files and
        folders (``.name``, Office ``~$`` lock files) and files of unknown kind skipped
        quietly. A file named explicitly with no known extension is recognised by its first
        bytes. An archive beyond the size or compression-ratio limits is refused whole; a
        member with an unsafe path (absolute, or with ``..``), an encrypted member, or a
        nested archive (not opened: unpack it first) is refused on its own. A folder or
        archive with nothing to import is an error.
    """
    for raw in inputs:
        if _HTTP_URL.match(raw):
            yield _url_item(raw)
        elif _OTHER_URL.match(raw):
            yield IngestError(raw, "only http:// and https:// addresses can be imported")
        else:
            yield from _expand_path(raw, options)


def _url_item(raw: str) -> SourceItem | IngestError:
    try:
        host = urlsplit(raw).hostname
    except ValueError:
        host = None
    if not host:
        return IngestError(raw, "not a valid web address (no server name)")
    return SourceItem(ref=raw, kind="url", url=raw)


def _os_reason(error: OSError, what: str) -> str:
    if isinstance(error, FileNotFoundError):
        return "no such file or directory"
    if isinstance(error, PermissionError):
        return f"permission denied: the {what} cannot be read"
    return f"the {what} cannot be opened: {(error.strerror or str(error)).lower()}"


def _expand_path(ref: str, options: ReadOptions) -> Iterator[SourceItem | IngestError]:
    try:
        info = os.stat(ref)
    except FileNotFoundError:
        if os.path.islink(ref):
            yield IngestError(ref, "a broken link: what it points to does not exist")
        elif ref.lower().startswith("www."):
            yield IngestError(ref, "no such file or directory (a web address starts with https://)")
        else:
            yield IngestError(ref, "no such file or directory")
        return
    except (OSError, ValueError) as error:  # ValueError: a NUL byte in the path
        reason = _os_reason(error, "file") if isinstance(error, OSError) else str(error)
        yield IngestError(ref, reason)
        return
    if stat.S_ISDIR(info.st_mode):
        yield from _expand_folder(ref, options)
    elif stat.S_ISREG(info.st_mode):
        yield from _expand_file(ref, info.st_size, options, named=True)
    else:
        yield IngestError(ref, "not a regular file (a device, pipe or socket)")


def _hidden(name: str) -> bool:
    return name.startswith((".", "~$")) or name == "__MACOSX"


def _expand_folder(ref: str, options: ReadOptions) -> Iterator[SourceItem | IngestError]:
    found = 0
    # Folders already entered, by device and inode: a symbolic link back up the tree (or two
    # links to one folder) is entered once, so a loop cannot hang the walk.
    visited: set[tuple[int, int]] = set()
    # An explicit stack of sorted listings rather than recursion: a very deep tree cannot
    # exhaust Python's recursion limit, and the order stays depth-first and sorted.
    stack: list[Iterator[os.DirEntry[str]]] = []

    def enter(folder: str) -> IngestError | None:
        try:
            info = os.stat(folder)
            key = (info.st_dev, info.st_ino)
            if key in visited:
                return None
            visited.add(key)
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            return IngestError(folder, _os_reason(error, "folder"))
        stack.append(iter(entries))
        return None

    problem = enter(ref)
    if problem is not None:
        yield problem
        return
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if _hidden(entry.name):
            continue
        path = entry.path
        try:
            is_folder = entry.is_dir()  # follows links; loops are caught by `visited`
        except OSError:
            is_folder = False
        if is_folder:
            problem = enter(path)
            if problem is not None:
                found += 1
                yield problem
            continue
        wanted = kind_for_name(entry.name) is not None or entry.name.lower().endswith(".zip")
        try:
            info = entry.stat()
        except OSError as error:
            if wanted:
                found += 1
                reason = (
                    "a broken link: what it points to does not exist"
                    if isinstance(error, FileNotFoundError)
                    else _os_reason(error, "file")
                )
                yield IngestError(path, reason)
            continue
        if not wanted or not stat.S_ISREG(info.st_mode):
            continue
        for produced in _expand_file(path, info.st_size, options, named=False):
            found += 1
            yield produced
    if not found:
        yield IngestError(ref, f"nothing to import: the folder has no {_READABLE} files")


def _expand_file(
    ref: str, size: int, options: ReadOptions, *, named: bool
) -> Iterator[SourceItem | IngestError]:
    name = os.path.basename(ref)
    path = os.path.abspath(ref)
    if name.lower().endswith(".zip"):
        yield from _expand_zip(ref, path, options)
        return
    kind = kind_for_name(name)
    if kind is not None:
        yield SourceItem(ref=ref, kind=kind, path=path, size=size)
        return
    if not named:
        return
    inner, gz = _strip_gz(name)
    if _extension(inner) in _UNSUPPORTED:  # a plain .zip never gets here; .zip.gz does
        yield IngestError(ref, _UNSUPPORTED[_extension(inner)])
        return
    try:
        head = _read_head(path, gz)
    except OSError as error:
        yield IngestError(ref, _os_reason(error, "file"))
        return
    except (EOFError, zlib.error):
        yield IngestError(ref, "the .gz file is damaged or not gzip-compressed")
        return
    sniffed = sniff_kind(head)
    if sniffed != "zip":
        yield SourceItem(ref=ref, kind=sniffed, path=path, size=size)
        return
    if gz:
        yield IngestError(ref, _UNSUPPORTED[".zip"])
        return
    try:
        with zipfile.ZipFile(path) as archive:
            docx = _is_docx(archive)
    except (zipfile.BadZipFile, OSError, EOFError):
        yield IngestError(ref, "a damaged zip archive or Word file")
        return
    if docx:
        yield SourceItem(ref=ref, kind="docx", path=path, size=size)
    else:
        yield from _expand_zip(ref, path, options)


def _read_head(path: str, gz: bool) -> bytes:
    with open(path, "rb") as file:
        if gz:
            with gzip.GzipFile(fileobj=file) as unpacked:
                return unpacked.read(_SNIFF_BYTES)
        return file.read(_SNIFF_BYTES)


def _mb(n_bytes: int) -> str:
    return f"{n_bytes / _MB:.3g} MB"


def _archive_refusal(members: list[zipfile.ZipInfo], options: ReadOptions) -> str | None:
    """Why a whole archive is refused (a zip bomb), or ``None``.

    Sizes are the archive's own claims; reading also stops at the limits, so an archive
    that lies about them is caught then.
    """
    total = sum(member.file_size for member in members)
    if total > options.max_archive_bytes:
        return (
            f"the archive unpacks to {_mb(total)}, more than the "
            f"{_mb(options.max_archive_bytes)} limit for archives"
        )
    for member in members:
        if member.file_size < _RATIO_FLOOR:
            continue
        ratio = member.file_size / max(member.compress_size, 1)
        if ratio > options.max_compression_ratio:
            return (
                f"{member.filename} unpacks to {_mb(member.file_size)} from "
                f"{_mb(member.compress_size)}, compressed {ratio:.0f} to 1: more than the "
                f"{options.max_compression_ratio} to 1 limit (a zip bomb?)"
            )
    return None


def _unsafe_member(name: str) -> bool:
    # Nothing is ever extracted to disk, but a name like this is a zip-slip attack or a
    # broken archive either way, and as a reference it would mislead.
    normal = name.replace("\\", "/")
    return (
        normal.startswith("/")
        or re.match(r"^[a-zA-Z]:", normal) is not None
        or ".." in normal.split("/")
    )


def _expand_zip(ref: str, path: str, options: ReadOptions) -> Iterator[SourceItem | IngestError]:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except OSError as error:
        yield IngestError(ref, _os_reason(error, "archive"))
        return
    except (zipfile.BadZipFile, EOFError, ValueError):
        yield IngestError(ref, "not a valid zip archive (damaged, or not a zip)")
        return
    refusal = _archive_refusal(members, options)
    if refusal is not None:
        yield IngestError(ref, refusal)
        return
    found = 0
    for member in sorted(members, key=lambda m: m.filename):
        if member.is_dir():
            continue
        member_ref = f"{ref}!{member.filename}"
        if _unsafe_member(member.filename):
            found += 1
            yield IngestError(member_ref, "unsafe path in the archive (absolute, or with ..)")
            continue
        parts = PurePosixPath(member.filename.replace("\\", "/")).parts
        if any(_hidden(part) for part in parts):
            continue
        inner, _ = _strip_gz(parts[-1])
        if _extension(inner) == ".zip":
            found += 1
            yield IngestError(
                member_ref, "archives inside archives are not opened; unpack it and import it"
            )
            continue
        kind = kind_for_name(parts[-1])
        if kind is None:
            continue
        found += 1
        if member.flag_bits & _ZIP_ENCRYPTED_FLAG:
            yield IngestError(member_ref, "the file is encrypted (password-protected)")
            continue
        yield SourceItem(
            ref=member_ref, kind=kind, path=path, member=member.filename, size=member.file_size
        )
    if not found:
        yield IngestError(ref, f"nothing to import: the archive has no {_READABLE} files")


# --------------------------------------------------------------------------- loading bytes


def _limit(kind: str, options: ReadOptions) -> tuple[int, str]:
    """The byte limit for the data of one item of ``kind``, and how to name it."""
    if kind == "html" and options.max_article_bytes * 4 < options.max_file_bytes:
        # Saved pages carry markup, scripts and inlined styles around the article's text.
        return options.max_article_bytes * 4, "for one saved page"
    if kind in _ONE_ARTICLE_KINDS and options.max_article_bytes < options.max_file_bytes:
        return options.max_article_bytes, "for one article"
    return options.max_file_bytes, "for one file"


def _read_capped(
    stream: IO[bytes], ref: str, limit: int, what: str, *, unpacking: bool = False
) -> bytes:
    """Read ``stream`` to the end, refusing once more than ``limit`` bytes have come."""
    chunks: list[bytes] = []
    total = 0
    while chunk := stream.read(min(_CHUNK, limit + 1 - total)):
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            verb = "unpacks to more than" if unpacking else "is larger than"
            raise IngestError(ref, f"the file {verb} the {_mb(limit)} limit {what}")
    return b"".join(chunks)


def _read_gzip(stream: IO[bytes], ref: str, limit: int, what: str) -> bytes:
    try:
        with gzip.GzipFile(fileobj=stream) as unpacked:
            # Streaming, with the cap on the unpacked size: a gzip bomb stops at the limit.
            return _read_capped(unpacked, ref, limit, what, unpacking=True)
    except (gzip.BadGzipFile, EOFError, zlib.error):
        raise IngestError(ref, "the .gz file is damaged or not gzip-compressed") from None


def _too_big(ref: str, size: int, limit: int, what: str) -> IngestError:
    return IngestError(ref, f"the file is {_mb(size)}, larger than the {_mb(limit)} limit {what}")


def _load_file(item: SourceItem, options: ReadOptions) -> bytes:
    path = item.path or item.ref
    limit, what = _limit(item.kind, options)
    _, gz = _strip_gz(path)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise IngestError(item.ref, "not a regular file (a device, pipe or socket)")
        # Checked before opening: a 200 MB file is refused without reading a byte of it.
        on_disk = options.max_file_bytes if gz else limit
        if info.st_size > on_disk:
            raise _too_big(item.ref, info.st_size, on_disk, "for one file" if gz else what)
        with open(path, "rb") as file:
            if gz:
                return _read_gzip(file, item.ref, limit, what)
            # Capped all the same: the file may have grown since it was measured.
            return _read_capped(file, item.ref, limit, what)
    except OSError as error:
        raise IngestError(item.ref, _os_reason(error, "file")) from None


@functools.lru_cache(maxsize=4)
def _cached_archive(path: str, mtime_ns: int, size: int) -> zipfile.ZipFile:
    # Reading the central directory of a 10,000-member archive takes milliseconds: done once
    # per archive and process, not once per member. The modification time and size in the key
    # make a replaced archive open afresh.
    return zipfile.ZipFile(path)


def close_archives() -> None:
    """Close the archives :func:`read_item` keeps open between members.

    On Windows an open file cannot be moved or deleted: call this after a batch.
    """
    _cached_archive.cache_clear()


def _load_member(item: SourceItem, options: ReadOptions) -> bytes:
    if item.path is None or item.member is None:
        raise IngestError(item.ref, "an archive member without its archive")
    limit, what = _limit(item.kind, options)
    _, gz = _strip_gz(item.member)
    try:
        info = os.stat(item.path)
        archive = _cached_archive(item.path, info.st_mtime_ns, info.st_size)
    except OSError as error:
        raise IngestError(item.ref, _os_reason(error, "archive")) from None
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise IngestError(item.ref, "not a valid zip archive (damaged, or not a zip)") from None
    try:
        member = archive.getinfo(item.member)
    except KeyError:
        raise IngestError(item.ref, "the file is no longer in the archive") from None
    on_disk = options.max_file_bytes if gz else limit
    if member.file_size > on_disk:
        raise _too_big(item.ref, member.file_size, on_disk, "for one file" if gz else what)
    try:
        with archive.open(member) as stream:
            if gz:
                return _read_gzip(stream, item.ref, limit, what)
            return _read_capped(stream, item.ref, limit, what)
    except RuntimeError:  # zipfile's way to say "password required"
        raise IngestError(item.ref, "the file is encrypted (password-protected)") from None
    except NotImplementedError:
        raise IngestError(
            item.ref, "the file is compressed with a method Parallax cannot unpack"
        ) from None
    except (zipfile.BadZipFile, EOFError, zlib.error, OSError):
        raise IngestError(item.ref, "the file is damaged inside the archive") from None


def _check_content(kind: str, data: bytes, ref: str, *, fetched: bool = False) -> None:
    """Refuse empty data, and data that cannot be of ``kind``, before a reader sees it."""
    if not data or data.isspace():  # isspace: no copy of a big file, unlike strip()
        raise IngestError(ref, "the server sent an empty page" if fetched else "the file is empty")
    if kind in _TEXT_KINDS and looks_binary(data):
        raise IngestError(ref, f"this is a binary file, not {_KIND_NAMES[kind]}")
    if kind == "pdf" and b"%PDF-" not in data[:1024]:
        raise IngestError(ref, "this is not a PDF file (it does not start like one)")
    if kind == "docx" and not data.startswith(_ZIP_MAGIC):
        raise IngestError(ref, "this is not a Word .docx file (an old .doc? save it as .docx)")


# --------------------------------------------------------------------------- reading

_Reader = Callable[..., Iterator[ArticleDraft | IngestError]]

# kind -> (module, function, extra keyword arguments)
_READERS: dict[str, tuple[str, str, dict[str, object]]] = {
    "text": ("ingest.plaintext", "read_text", {"kind": "text"}),
    "markdown": ("ingest.plaintext", "read_text", {"kind": "markdown"}),
    "html": ("ingest.html", "read_html", {}),
    "feed": ("ingest.feeds", "read_feed", {}),
    "csv": ("ingest.tabular", "read_csv", {}),
    "tsv": ("ingest.tabular", "read_csv", {"delimiter": "\t"}),
    "json": ("ingest.tabular", "read_json", {}),
    "jsonl": ("ingest.tabular", "read_jsonl", {}),
    "docx": ("ingest.documents", "read_docx", {}),
    "pdf": ("ingest.documents", "read_pdf", {}),
}


def _reader(kind: str, ref: str) -> tuple[_Reader, dict[str, object]]:
    module_name, function, keywords = _READERS[kind]
    try:
        # Imported when first needed: trafilatura, pypdf and python-docx cost time to import,
        # and a batch of text files needs none of them.
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        logger.debug("cannot import %s", module_name, exc_info=True)
        raise IngestError(
            ref, f"{_KIND_NAMES[kind]} cannot be read: the {error.name} module is missing"
        ) from None
    return getattr(module, function), dict(keywords)


def _kind_for_response(content_type: str, final_url: str, body: bytes, ref: str) -> str:
    """Decide how to read a fetched body: its media type, else its name, else its bytes."""
    media = content_type.split(";", 1)[0].strip().lower()
    if media in _URL_MEDIA_KINDS:
        return _URL_MEDIA_KINDS[media]
    name = PurePosixPath(urlsplit(final_url).path).name
    inner, gz = _strip_gz(name)
    if media in _URL_ARCHIVE_MEDIA or gz or _extension(inner) == ".zip":
        raise IngestError(
            ref, "archives are not opened from an address; download it and import the file"
        )
    by_name = _EXTENSION_KINDS.get(_extension(inner))
    if by_name is not None:
        return by_name
    sniffed = sniff_kind(body[:_SNIFF_BYTES])
    if sniffed == "zip":
        try:
            with zipfile.ZipFile(io.BytesIO(body)) as archive:
                if _is_docx(archive):
                    return "docx"
        except (zipfile.BadZipFile, EOFError):
            pass
        raise IngestError(
            ref, "archives are not opened from an address; download it and import the file"
        )
    return sniffed


def _read_url(item: SourceItem, options: ReadOptions) -> Iterator[ArticleDraft | IngestError]:
    url = item.url or item.ref
    if options.fetcher is None:
        raise IngestError(url, "network access is off, so the address was not fetched")
    final_url, content_type, body = options.fetcher(url)
    if len(body) > options.max_file_bytes:
        raise _too_big(item.ref, len(body), options.max_file_bytes, "for one file")
    kind = _kind_for_response(content_type, final_url, body, item.ref)
    _check_content(kind, body, item.ref, fetched=True)
    reader, keywords = _reader(kind, item.ref)
    if kind in ("html", "text", "markdown"):
        # One article fetched from an address: that is what source_kind "url" means.
        keywords["kind"] = "url"
    if kind == "html":
        keywords["url"] = final_url
    for produced in reader(body, item.ref, options, **keywords):
        if isinstance(produced, ArticleDraft):
            produced = _finish(produced, kind, item, final_url)
        yield produced


def _read_local(item: SourceItem, options: ReadOptions) -> Iterator[ArticleDraft | IngestError]:
    if item.kind not in _READERS:
        raise IngestError(item.ref, f"unknown kind of source: {item.kind}")
    data = _load_member(item, options) if item.member is not None else _load_file(item, options)
    _check_content(item.kind, data, item.ref)
    reader, keywords = _reader(item.kind, item.ref)
    for produced in reader(data, item.ref, options, **keywords):
        if isinstance(produced, ArticleDraft):
            produced = _finish(produced, item.kind, item, None)
        yield produced


def _trim(draft: ArticleDraft) -> ArticleDraft:
    try:
        from ingest.trim import trim_boilerplate
    except ImportError:
        logger.debug("ingest.trim is not available; plain text is not trimmed")
        return draft
    result = trim_boilerplate(draft.body, title=draft.title)
    if not result.body.strip():
        return draft  # never trade the whole article for "leftovers"
    changes: dict[str, object] = {}
    if result.trimmed:
        changes["body"] = result.body
        changes["trimmed"] = "\n\n".join(part for part in (draft.trimmed, result.trimmed) if part)
    if result.author and not draft.author:
        changes["author"] = result.author
    return draft.with_changes(**changes) if changes else draft


def _finish(
    draft: ArticleDraft, kind: str, item: SourceItem, final_url: str | None
) -> ArticleDraft:
    """What every draft gets whatever its reader: a reference, the URL, trimming, language."""
    changes: dict[str, object] = {}
    if not draft.source_ref:
        changes["source_ref"] = item.ref
    if kind == "tsv" and draft.source_kind == "csv":
        changes["source_kind"] = "tsv"
    if final_url is not None and draft.url is None and kind in _ONE_DOCUMENT_KINDS:
        changes["url"] = final_url
    if changes:
        draft = draft.with_changes(**changes)
    if kind in _PLAIN_KINDS:
        # HTML and feed readers trim their own pages; plain text, documents and PDFs saved
        # from a page still carry its "Check Also" tail. A trimming bug must not cost the article.
        try:
            draft = _trim(draft)
        except Exception:
            logger.warning("trimming %s failed; kept untrimmed", item.ref, exc_info=True)
    if draft.language is None:
        try:
            from ingest.language import detect_language

            language = detect_language(f"{draft.title}\n\n{draft.body}")
        except Exception:
            logger.warning("language detection failed for %s", item.ref, exc_info=True)
            language = None
        if language is not None:
            draft = draft.with_changes(language=language)
    return draft


def _unexpected_reason(error: BaseException) -> str:
    detail = " ".join(str(error).split())[:200]
    name = type(error).__name__
    return f"could not be read ({name}: {detail})" if detail else f"could not be read ({name})"


def read_item(item: SourceItem, options: ReadOptions) -> Iterator[ArticleDraft | IngestError]:
    """Read one item into drafts, never raising for bad input.

    Parameters
    ----------
    item
        From :func:`expand_inputs`.
    options
        Limits, field mapping for datasets, and the fetcher for addresses (``None``: the
        network is off and an address is refused).

    Yields
    ------
    ArticleDraft or IngestError
        Drafts as the reader for the item's kind produces them, each with its language
        detected when the reader did not set it, and plain text trimmed of web-page
        leftovers (kept in ``trimmed``, with the byline as ``author``); an ``IngestError``
        for an item or entry that cannot be read. A file beyond the limits
        (``max_article_bytes`` for text, Markdown and HTML, ``max_file_bytes`` otherwise) is
        refused before it is read; a ``.gz`` file stops unpacking at the limit. An address
        is fetched, then read by its content type (HTML as ``source_kind="url"``).
    """
    try:
        if item.kind == "url":
            yield from _read_url(item, options)
        else:
            yield from _read_local(item, options)
    except IngestError as error:
        yield error
    except MemoryError:
        yield IngestError(item.ref, "not enough memory to read it")
    except RecursionError:
        yield IngestError(item.ref, "it is nested too deeply to read")
    except Exception as error:
        # A reader bug: the person gets one line, the log gets the traceback.
        logger.debug("reading %s failed", item.ref, exc_info=True)
        yield IngestError(item.ref, _unexpected_reason(error))


def read_pasted(
    title: str,
    text: str,
    *,
    url: str | None = None,
    published: datetime | None = None,
    options: ReadOptions | None = None,
) -> ArticleDraft:
    """Make a draft of an article the user pasted (the window's "Paste Article" dialog).

    Pasted text gets what a plain-text file gets: line endings and control characters
    cleaned, paragraphs separated by one blank line, web-page leftovers trimmed (kept in
    ``trimmed``) and the language detected.

    Parameters
    ----------
    title, text
        The headline and the article text as pasted.
    url, published
        Where the text came from and when it was published, when the user knows.
    options
        Limits (``max_article_bytes``); the defaults when ``None``.

    Raises
    ------
    IngestError
        For an empty title or text, a text beyond the per-article limit, or an address
        that is not ``http(s)://``.
    """
    limits = options or ReadOptions()
    ref = "pasted text"
    title = " ".join(clean_text(title).split())
    text = clean_text(text).strip()
    if not title:
        raise IngestError(ref, "the article needs a title")
    if not text:
        raise IngestError(ref, "the article has no text")
    if len(text.encode("utf-8")) > limits.max_article_bytes:
        raise IngestError(
            ref,
            f"the text is larger than the {limits.max_article_bytes // _MB} MB limit "
            "for one article",
        )
    url = (url or "").strip() or None
    if url is not None and not _HTTP_URL.match(url):
        raise IngestError(ref, "the address must start with http:// or https://")
    draft = ArticleDraft(
        title=title,
        body=_pasted_paragraphs(text),
        source_kind="text",
        source_ref=url or ref,
        url=url,
        published=published,
    )
    return _finish(draft, "text", SourceItem(ref=draft.source_ref, kind="text"), None)


def _pasted_paragraphs(text: str) -> str:
    # Text copied from a browser separates paragraphs by blank lines or, often, by single
    # line breaks: without any blank line, each line is taken as a paragraph.
    parts = _PASTED_BLANK_LINE.split(text) if _PASTED_BLANK_LINE.search(text) else text.split("\n")
    return "\n\n".join(" ".join(part.split()) for part in parts if part.strip())
