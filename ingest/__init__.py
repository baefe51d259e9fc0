"""Turn sources (files, pages, feeds, URLs, datasets) into :class:`ArticleDraft` records.

Pure Python: no database, no Qt. Readers take bytes and return drafts; the library stores them.
"""

from ingest.draft import ArticleDraft
from ingest.errors import IngestError

__all__ = ["ArticleDraft", "IngestError"]
