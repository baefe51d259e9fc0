"""The Library façade both faces call: import, search, analyse, compare, correct, train."""

from db.engine import DatabaseError
from ingest.errors import IngestError
from library.library import Library, LibraryError, NotFoundError, SearchQueryError
from library.progress import Cancelled, CancelToken, ItemProgress, Progress
from library.records import (
    AddResult,
    AnnotationRecord,
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
    "AnnotationRecord",
    "ArticleDetail",
    "ArticleSummary",
    "CancelToken",
    "Cancelled",
    "DatabaseError",
    "ExportReport",
    "ImportProblem",
    "ImportReport",
    "IngestError",
    "ItemProgress",
    "Library",
    "LibraryError",
    "NotFoundError",
    "OutletSummary",
    "Progress",
    "SearchQueryError",
    "StorySummary",
    "__version__",
]
