"""Options that reach the readers as plain arguments."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

#: Largest text accepted for one article, in bytes (DESIGN.md "Input limits").
MAX_ARTICLE_BYTES = 5 * 1024 * 1024
#: Largest uncompressed size of an archive, in bytes.
MAX_ARCHIVE_BYTES = 500 * 1024 * 1024
#: Largest ratio of uncompressed to compressed size accepted for an archive member.
MAX_COMPRESSION_RATIO = 100
#: Largest file read at all (feeds, CSV and JSON dumps hold many articles).
MAX_FILE_BYTES = 200 * 1024 * 1024

#: A function that fetches a URL and returns ``(final_url, content_type, body)``;
#: injected by the library so readers never open the network on their own.
Fetcher = Callable[[str], tuple[str, str, bytes]]


@dataclass(frozen=True)
class ReadOptions:
    """How to read sources.

    Parameters
    ----------
    field_map
        For CSV/TSV/JSON/JSONL: our field name -> the source's column name
        (``{"body": "text", "title": "headline"}``); unmapped fields use defaults.
    fetch_full_text
        For feeds: fetch each entry's linked page (through ``fetcher``).
    fetcher
        Network access, or ``None`` when the network must not be used.
    max_article_bytes, max_archive_bytes, max_compression_ratio, max_file_bytes
        Limits; inputs beyond them are refused with a message.
    """

    field_map: Mapping[str, str] = field(default_factory=dict)
    fetch_full_text: bool = False
    fetcher: Fetcher | None = None
    max_article_bytes: int = MAX_ARTICLE_BYTES
    max_archive_bytes: int = MAX_ARCHIVE_BYTES
    max_compression_ratio: int = MAX_COMPRESSION_RATIO
    max_file_bytes: int = MAX_FILE_BYTES
