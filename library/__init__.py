"""The Library façade both faces call: import, search, analyse, compare, correct, train."""

from db.engine import DatabaseError
from ingest.errors import IngestError
from library.deleting import DeletedArticles
from library.library import OUTLET_KINDS, Library, LibraryError, NotFoundError, SearchQueryError
from library.progress import Cancelled, CancelToken, ItemProgress, Progress
from library.records import (
    SORT_KEYS,
    AddResult,
    AnalysisRun,
    AnnotationRecord,
    ArticleDetail,
    ArticleQuery,
    ArticleSummary,
    ExportReport,
    ImportProblem,
    ImportReport,
    OutletSummary,
    StorySummary,
)
from library.stories import StoryChange
from library.version import __version__

__all__ = [
    "OUTLET_KINDS",
    "SORT_KEYS",
    "AddResult",
    "AnalysisRun",
    "AnnotationRecord",
    "ArticleDetail",
    "ArticleQuery",
    "ArticleSummary",
    "CancelToken",
    "Cancelled",
    "DatabaseError",
    "DeletedArticles",
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
    "StoryChange",
    "StorySummary",
    "__version__",
]
