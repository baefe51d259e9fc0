"""What an import worker process runs: read inputs, fingerprint each draft.

Kept apart from ``library`` so that worker processes import only the readers (no database
layer): each spawned worker starts about half a second sooner.
"""

from __future__ import annotations

import logging

from analysis.fingerprint import TextKeys, text_keys
from ingest.draft import ArticleDraft
from ingest.errors import IngestError
from ingest.options import ReadOptions
from ingest.sources import SourceItem, read_item

log = logging.getLogger(__name__)

#: One result of reading: a draft with its fingerprints, or a failure.
Read = tuple[ArticleDraft, TextKeys] | IngestError


def read_all(item: SourceItem, options: ReadOptions) -> list[Read]:
    """Everything one input yields, as a picklable list; never raises."""
    try:
        return [
            (found, text_keys(found.body, found.canonical_url or found.url))
            if isinstance(found, ArticleDraft)
            else found
            for found in read_item(item, options)
        ]
    except IngestError as error:
        return [error]
    except Exception as error:  # a reader bug must not end the batch
        log.debug("reading %s failed", item.ref, exc_info=True)
        return [IngestError(item.ref, f"could not be read ({type(error).__name__}: {error})")]


def read_chunk(
    chunk: list[SourceItem], options: ReadOptions
) -> list[tuple[SourceItem, list[Read]]]:
    """:func:`read_all` for several inputs (one round trip to a worker process)."""
    return [(item, read_all(item, options)) for item in chunk]
