"""Exports through the library: it gathers the records (reports with the articles' facts, the
comparison) and :mod:`export` renders and writes them."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from export import (
    DOCUMENTS,
    PAGE_SIZES,
    ComparisonExport,
    ExportArticle,
    ExportError,
    write_articles_csv,
    write_articles_json,
    write_document,
)
from library.analysing import AnalysedArticle
from library.comparing import ComparedArticles
from library.records import ExportReport, ImportProblem
from library.version import __version__

if TYPE_CHECKING:
    from library.library import Library

#: What each comparison document is called in messages.
DOCUMENT_NAMES = {
    "comparison": "comparison handout (PDF)",
    "worksheet": "student worksheet (PDF)",
    "answer_key": "answer key (PDF)",
    "html": "comparison report (HTML)",
}


class ExportRequestError(ValueError):
    """An export asked for something that does not exist (a document kind, a page size)."""


def export_article(library: Library, analysed: AnalysedArticle) -> ExportArticle:
    """An analysed article with the facts a reader needs (date, author, story) when stored."""
    if analysed.article_id is None:
        return ExportArticle(
            analysed.report, None, analysed.outlet, analysed.source_ref, story=None
        )
    detail = library.get_article(analysed.article_id)
    return ExportArticle(
        report=analysed.report,
        article_id=analysed.article_id,
        outlet=analysed.outlet,
        source_ref=analysed.source_ref,
        published=detail.published,
        author=detail.author,
        url=detail.url,
        story=detail.story,
    )


def comparison_export(library: Library, compared: ComparedArticles) -> ComparisonExport:
    """The records an exporter renders for ``compared``."""
    return ComparisonExport(
        articles=tuple(export_article(library, a) for a in compared.articles),
        comparison=compared.comparison,
        app_version=__version__,
    )


def export_comparison(
    library: Library,
    compared: ComparedArticles,
    outputs: Mapping[str, str | os.PathLike[str]],
    *,
    page_size: str = "a4",
) -> ExportReport:
    """Write each ``{document kind: path}`` of ``outputs``; a failed file does not stop the
    others.

    Raises
    ------
    ExportRequestError
        For an unknown document kind or page size (before anything is written).
    """
    unknown = [kind for kind in outputs if kind not in DOCUMENTS]
    if unknown:
        raise ExportRequestError(f"unknown document {unknown[0]!r}: {', '.join(DOCUMENTS)}")
    if page_size not in PAGE_SIZES:
        raise ExportRequestError(f"page size {page_size!r}: choose {' or '.join(PAGE_SIZES)}")
    export = comparison_export(library, compared)
    report = ExportReport()
    for kind, path in outputs.items():
        try:
            report.written.append(write_document(export, kind, path, page_size=page_size))
        except ExportError as error:
            report.failures.append(ImportProblem(str(path), _reason_only(error, path)))
    return report


def _reason_only(error: ExportError, path: str | os.PathLike[str]) -> str:
    """The reason of an export error whose message starts with the path."""
    message = str(error)
    for prefix in (f"{path}: ", f"{Path(path).expanduser()}: "):
        if message.startswith(prefix):
            return message[len(prefix) :]
    return message


def export_articles(
    library: Library,
    ids: Sequence[int],
    *,
    csv_path: str | os.PathLike[str] | None = None,
    json_path: str | os.PathLike[str] | None = None,
) -> ExportReport:
    """Write the CSV and/or JSON export of stored articles; 2–4 articles come with their
    comparison. Unknown IDs are reported and the others exported."""
    report = ExportReport()
    analysed: list[AnalysedArticle] = []
    for result in library.analyze(list(ids)):
        if isinstance(result, ImportProblem):
            report.failures.append(result)
        else:
            analysed.append(result)
    if not analysed:
        if not report.failures:
            report.failures.append(ImportProblem("export", "no articles to export"))
        return report
    comparison = None
    if 2 <= len(analysed) <= 4:
        compared = library.compare([a.article_id for a in analysed if a.article_id is not None])
        if isinstance(compared, ComparedArticles):
            comparison = compared.comparison
    articles = [export_article(library, a) for a in analysed]
    targets = [(json_path, "json"), (csv_path, "csv")]
    for path, kind in targets:
        if path is None:
            continue
        try:
            if kind == "json":
                written = [write_articles_json(path, articles, comparison, app_version=__version__)]
            else:
                written = write_articles_csv(path, articles, comparison)
            report.written.extend(written)
        except ExportError as error:
            report.failures.append(ImportProblem(str(path), _reason_only(error, path)))
    return report
