"""What the library hands to the exporters: analysed articles with the facts a reader needs
(outlet, date, author), and the comparison of them. Plain records, no database, no Qt."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from analysis.compare import Comparison
from analysis.report import ArticleReport

#: Paper sizes the PDF exports know.
PAGE_SIZES = ("a4", "letter")


class ExportError(Exception):
    """An export that could not be written; the message is one line naming the file and why."""


@dataclass(frozen=True)
class ExportArticle:
    """An analysed article and what identifies it to a reader.

    ``article_id`` is ``None`` for a file that was analysed without being stored.
    """

    report: ArticleReport
    article_id: int | None = None
    outlet: str | None = None
    source_ref: str = ""
    published: datetime | None = None
    author: str | None = None
    url: str | None = None
    story: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The ``analyze --json`` entry plus the article's facts (keys only added)."""
        data = self.report.to_json(article_id=self.article_id, outlet=self.outlet)
        data.update(
            {
                "published": self.published.isoformat() if self.published else None,
                "author": self.author,
                "url": self.url,
                "story": self.story,
                "source_ref": self.source_ref,
            }
        )
        return data


@dataclass(frozen=True)
class ComparisonExport:
    """A comparison ready to render: the articles in column order, the comparison of their
    reports, and what the method note reports about the run."""

    articles: tuple[ExportArticle, ...]
    comparison: Comparison
    app_version: str = ""
    made: date = field(default_factory=date.today)

    @property
    def story(self) -> str | None:
        """The story all the articles belong to, if they share one."""
        names = {a.story for a in self.articles}
        return names.pop() if len(names) == 1 else None

    @property
    def letters(self) -> tuple[str, ...]:
        """Column letters, ``A`` for the first article."""
        return tuple(chr(ord("A") + i) for i in range(len(self.articles)))


def versions_of(articles: Sequence[ExportArticle]) -> dict[str, str]:
    """Analyser, model and textstat versions of the reports (several joined when they differ)."""
    found: dict[str, list[str]] = {}
    for article in articles:
        for key, value in article.report.versions.items():
            if value and value not in found.setdefault(key, []):
                found[key].append(str(value))
    return {key: ", ".join(values) for key, values in found.items()}
