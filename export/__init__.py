"""Exports from records: the comparison handout, student worksheet and answer key as PDF, the
comparison as one HTML file, and CSV/JSON tables for analysts.

``export`` renders what the library gives it and imports nothing of ours but ``analysis``
records. Qt is imported only by the PDF and chart code, when it is used: CSV and JSON
exports never load it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from analysis.compare import Comparison
from export.files import write_file, write_files
from export.records import PAGE_SIZES, ComparisonExport, ExportArticle, ExportError

#: Comparison documents: what the CLI's ``--pdf``, ``--worksheet``, ``--answer-key`` and
#: ``--html`` write.
DOCUMENTS = ("comparison", "worksheet", "answer_key", "html")

__all__ = [
    "DOCUMENTS",
    "PAGE_SIZES",
    "ComparisonExport",
    "ExportArticle",
    "ExportError",
    "render_document",
    "write_articles_csv",
    "write_articles_json",
    "write_document",
]


def render_document(export: ComparisonExport, kind: str, *, page_size: str = "a4") -> bytes:
    """The bytes of one comparison document (``kind`` from :data:`DOCUMENTS`)."""
    if kind not in DOCUMENTS:
        raise ValueError(f"unknown document {kind!r}: one of {', '.join(DOCUMENTS)}")
    if kind == "html":
        from export.html_report import render_html

        return render_html(export)
    from export.pdf import render_pdf

    return render_pdf(export, kind, page_size)


def write_document(
    export: ComparisonExport, kind: str, path: str | os.PathLike[str], *, page_size: str = "a4"
) -> Path:
    """Render one comparison document and write it to ``path`` (whole or not at all).

    Raises
    ------
    ExportError
        One line naming the path and the reason when it cannot be written.
    """
    return write_file(path, render_document(export, kind, page_size=page_size))


def write_articles_json(
    path: str | os.PathLike[str],
    articles: Sequence[ExportArticle],
    comparison: Comparison | None = None,
    *,
    app_version: str = "",
) -> Path:
    """Write the JSON export (see :mod:`export.tables`)."""
    from export.tables import json_bytes, to_json

    data = to_json(articles, comparison, app_version=app_version)
    return write_file(path, json_bytes(data))


def write_articles_csv(
    path: str | os.PathLike[str],
    articles: Sequence[ExportArticle],
    comparison: Comparison | None = None,
) -> list[Path]:
    """Write the CSV tables: ``path`` and its companions (see :mod:`export.tables`)."""
    from export.tables import csv_files

    return write_files(csv_files(path, articles, comparison))
