"""Compare stored articles and files; comparisons of stored articles are cached."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from analysis.compare import Comparison, compare
from db.models import ComparisonCache
from library.analysing import AnalysedArticle


@dataclass(frozen=True)
class ComparedArticles:
    """A comparison with the articles it compares (IDs for stored ones, files otherwise)."""

    comparison: Comparison
    articles: tuple[AnalysedArticle, ...]
    cached: bool = False

    def to_json(self) -> dict[str, Any]:
        """The ``compare --json`` shape (DESIGN.md)."""
        return self.comparison.to_json([a.to_json() for a in self.articles])


def _key(articles: Sequence[AnalysedArticle]) -> str:
    # Every report in full: a changed text, analyser, model or annotation changes the key.
    payload = json.dumps([a.to_json() for a in articles], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def compare_cached(session: Session, articles: Sequence[AnalysedArticle]) -> ComparedArticles:
    """Compare ``articles``; reuse the stored comparison when all are stored and unchanged."""
    stored = all(a.article_id is not None for a in articles)
    if not stored:
        return ComparedArticles(compare([a.report for a in articles]), tuple(articles))
    ids = ",".join(str(a.article_id) for a in articles)
    key = _key(articles)
    row = session.scalars(select(ComparisonCache).where(ComparisonCache.article_ids == ids)).first()
    if row is not None and row.key == key:
        return ComparedArticles(
            comparison_from_json(row.result, [a.report for a in articles]),
            tuple(articles),
            cached=True,
        )
    comparison = compare([a.report for a in articles])
    if row is None:
        row = ComparisonCache(article_ids=ids)
        session.add(row)
    row.key = key
    row.result = comparison.to_json([])
    return ComparedArticles(comparison, tuple(articles))


def comparison_from_json(data: dict[str, Any], reports: Sequence[Any]) -> Comparison:
    """Rebuild a :class:`Comparison` stored with :meth:`Comparison.to_json`."""
    return Comparison.from_json(data, reports)
