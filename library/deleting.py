"""Deleting articles so that they can be put back exactly (the window's Undo).

A deletion first copies every row that goes with the articles — the article, its bands,
story memberships, annotations, analysis, spans and scores — and the duplicate links other
articles had to them. Restoring writes those rows back with the same ids; an id taken in the
meantime (SQLite may hand the highest id out again) gets a new one, and every row that refers
to it follows.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.orm import Session

from db.models import (
    Analysis,
    Annotation,
    Article,
    ArticleBand,
    ArticleScore,
    SpanRow,
    Story,
    StoryArticle,
)

#: Keeps each ``IN (...)`` list well inside every engine's parameter limit.
CHUNK = 500

Row = Mapping[str, Any]


@dataclass(frozen=True)
class DeletedArticles:
    """Everything a deletion removed; :meth:`library.Library.restore_articles` puts it back."""

    article_ids: tuple[int, ...]
    rows: Mapping[str, tuple[Row, ...]]
    #: ``(article id, duplicate_of id)`` of other articles whose link the deletion cleared.
    links: tuple[tuple[int, int], ...]

    def __len__(self) -> int:
        return len(self.article_ids)


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start : start + CHUNK])


def _rows(session: Session, table: Table, column: str, ids: Sequence[int]) -> list[Row]:
    found: list[Row] = []
    for chunk in _chunks(ids):
        result = session.execute(select(table).where(table.c[column].in_(chunk)))
        found.extend(dict(row) for row in result.mappings())
    return found


def delete_articles(session: Session, article_ids: Sequence[int]) -> DeletedArticles:
    """Copy, then delete, the articles ``article_ids`` (those that exist)."""
    articles = Article.__table__
    article_rows = sorted(_rows(session, articles, "id", article_ids), key=lambda r: r["id"])
    ids = [row["id"] for row in article_rows]
    analyses = _rows(session, Analysis.__table__, "article_id", ids)
    rows = {
        "articles": tuple(article_rows),
        "article_bands": tuple(_rows(session, ArticleBand.__table__, "article_id", ids)),
        "story_articles": tuple(_rows(session, StoryArticle.__table__, "article_id", ids)),
        "annotations": tuple(_rows(session, Annotation.__table__, "article_id", ids)),
        "analyses": tuple(analyses),
        "spans": tuple(
            _rows(session, SpanRow.__table__, "analysis_id", [a["id"] for a in analyses])
        ),
        "article_scores": tuple(_rows(session, ArticleScore.__table__, "article_id", ids)),
    }
    deleted = set(ids)
    links = tuple(
        (row["id"], row["duplicate_of_id"])
        for row in _rows(session, articles, "duplicate_of_id", ids)
        if row["id"] not in deleted
    )
    for chunk in _chunks(ids):
        # Child rows go by ON DELETE CASCADE, and links of other articles by SET NULL.
        session.execute(delete(Article).where(Article.id.in_(chunk)))
    return DeletedArticles(tuple(ids), rows, links)


def _taken(session: Session, table: Table, ids: Sequence[int]) -> set[int]:
    taken: set[int] = set()
    for chunk in _chunks(ids):
        taken.update(session.scalars(select(table.c.id).where(table.c.id.in_(chunk))))
    return taken


def _insert(session: Session, table: Table, rows: Sequence[Row]) -> dict[int, int]:
    """Insert rows that have an ``id``, keeping it when free; ``{old id: new id}``."""
    taken = _taken(session, table, [row["id"] for row in rows])
    kept = [row for row in rows if row["id"] not in taken]
    if kept:
        session.execute(insert(table), kept)
    moved: dict[int, int] = {}
    for row in rows:
        if row["id"] in taken:
            values = {key: value for key, value in row.items() if key != "id"}
            moved[row["id"]] = session.execute(insert(table).values(values)).inserted_primary_key[0]
    return {row["id"]: moved.get(row["id"], row["id"]) for row in rows}


def _mapped(rows: Sequence[Row], column: str, ids: Mapping[int, int]) -> list[Row]:
    return [{**row, column: ids[row[column]]} for row in rows if row[column] in ids]


def restore_articles(session: Session, deleted: DeletedArticles) -> list[int]:
    """Write back what :func:`delete_articles` removed; the ids of the articles, in order."""
    rows = deleted.rows
    # Links between the restored articles are set once all of them exist again.
    articles = [{**row, "duplicate_of_id": None} for row in rows["articles"]]
    article_ids = _insert(session, Article.__table__, articles)
    for row in rows["articles"]:
        if row["duplicate_of_id"] is not None:
            target = article_ids.get(row["duplicate_of_id"], row["duplicate_of_id"])
            exists = session.get(Article, target) is not None
            session.execute(
                update(Article)
                .where(Article.id == article_ids[row["id"]])
                .values(duplicate_of_id=target if exists else None, updated_at=row["updated_at"])
            )
    bands = _mapped(rows["article_bands"], "article_id", article_ids)
    if bands:
        session.execute(insert(ArticleBand), bands)
    stories = set(session.scalars(select(Story.id)))
    members = [
        row
        for row in _mapped(rows["story_articles"], "article_id", article_ids)
        if row["story_id"] in stories  # a story deleted since then stays deleted
    ]
    if members:
        session.execute(insert(StoryArticle), members)
    annotations = _mapped(rows["annotations"], "article_id", article_ids)
    if annotations:
        _insert(session, Annotation.__table__, annotations)
    analyses = _mapped(rows["analyses"], "article_id", article_ids)
    analysis_ids = _insert(session, Analysis.__table__, analyses) if analyses else {}
    spans = _mapped(rows["spans"], "analysis_id", analysis_ids)
    if spans:
        _insert(session, SpanRow.__table__, spans)
    scores = _mapped(rows["article_scores"], "article_id", article_ids)
    if scores:
        session.execute(insert(ArticleScore), scores)
    for article_id, original in deleted.links:
        session.execute(
            update(Article)
            .where(Article.id == article_id, Article.duplicate_of_id.is_(None))
            # Naming updated_at keeps it as it was (it is not an edit of that article).
            .values(
                duplicate_of_id=article_ids.get(original, original),
                updated_at=Article.updated_at,
            )
        )
    return [article_ids[row["id"]] for row in rows["articles"]]
