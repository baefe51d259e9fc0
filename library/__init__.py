"""The Library façade both faces call: import, list, search, show (analysis and export later)."""

from db.engine import DatabaseError
from ingest.errors import IngestError
from library.library import Library, LibraryError, NotFoundError, SearchQueryError
from library.progress import Cancelled, CancelToken, Progress
from library.records import (
    AddResult,
    ArticleDetail,
    ArticleSummary,
    ExportReport,
    ImportProblem,
    ImportReport,
    OutletSummary,
    StorySummary,
)
from library.version import __version__

__all__ = [
    "AddResult",
    "ArticleDetail",
    "ArticleSummary",
    "CancelToken",
    "Cancelled",
    "DatabaseError",
    "ExportReport",
    "ImportProblem",
    "ImportReport",
    "IngestError",
    "Library",
    "LibraryError",
    "NotFoundError",
    "OutletSummary",
    "Progress",
    "SearchQueryError",
    "StorySummary",
    "__version__",
]
