"""Article listings: an :class:`ArticleQuery` turned into SQL, rows into summaries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from db.models import Article
from db.queries import article_listing, scored_ids, unscored_ids
from library.records import ArticleQuery, ArticleSummary


def _day_start(value: date | None) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return datetime.combine(value, time(), tzinfo=UTC)


def _day_after(value: date | None) -> datetime | None:
    # "To" a day includes all of it: the listing asks for articles before the next midnight.
    if value is None:
        return None
    if isinstance(value, datetime):
        start = _day_start(value)
        assert start is not None
        return start + timedelta(microseconds=1)
    return datetime.combine(value + timedelta(days=1), time(), tzinfo=UTC)


def listing_statement(
    dialect: str,
    query: ArticleQuery,
    *,
    outlet_id: int | None,
    story_id: int | None,
    ids_only: bool = False,
) -> Select:
    """The SQL for ``query`` once outlet and story names are resolved to ``outlet_id`` and
    ``story_id`` (the library resolves them, raising for unknown names)."""
    search = query.search.strip() if query.search else None
    return article_listing(
        dialect,
        search=search or None,
        outlet_id=outlet_id,
        story_id=story_id,
        published_from=_day_start(query.published_from),
        published_before=_day_after(query.published_to),
        frame=query.frame or None,
        min_density=query.min_density,
        max_density=query.max_density,
        sort=query.sort,
        descending=query.descending,
        ids_only=ids_only,
    )


#: The fields of a query that leave the whole library listed.
_UNFILTERED = ArticleQuery()


def whole_library_by_score(session: Session, query: ArticleQuery) -> list[int] | None:
    """The ids of every article sorted by a score, read from the score's index; ``None``
    unless ``query`` sorts the whole, unfiltered library by a score.

    The one-query form has to look up every article's score and sort them all (most of the
    time of a 100,000-article listing); here the index gives the scored articles in order,
    and the rest follow by id, as the one-query form puts them.
    """
    if query.sort not in ("loaded_density", "top_frame"):
        return None
    if replace(query, sort=None, descending=False) != _UNFILTERED:
        return None
    connection = session.connection()
    scored = list(connection.execute(scored_ids(query.sort, query.descending)).scalars())
    total = connection.execute(select(func.count()).select_from(Article)).scalar_one()
    if len(scored) == total:  # every article analysed: nothing follows
        return scored
    return scored + list(connection.execute(unscored_ids(query.sort, query.descending)).scalars())


def summary(row: Sequence[object]) -> ArticleSummary:
    """An :class:`ArticleSummary` from a row of :func:`db.queries.summary_columns`."""
    article_id, title, outlet, published, words, language, story, density, frame = row
    if isinstance(published, datetime) and published.tzinfo is None:
        published = published.replace(tzinfo=UTC)  # SQLite returns naive UTC datetimes
    return ArticleSummary(
        id=article_id,  # type: ignore[arg-type]
        title=title,  # type: ignore[arg-type]
        outlet=outlet,  # type: ignore[arg-type]
        published=published,  # type: ignore[arg-type]
        words=words,  # type: ignore[arg-type]
        story=story,  # type: ignore[arg-type]
        language=language,  # type: ignore[arg-type]
        loaded_density=density,  # type: ignore[arg-type]
        top_frame=frame,  # type: ignore[arg-type]
    )
