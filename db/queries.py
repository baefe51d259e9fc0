"""Reusable queries over the schema (no session handling here: the library owns sessions)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from db.models import Article, ArticleScore, Outlet, OutletAlias, Story, StoryArticle
from db.search import apply_search


def story_name_of(article_id_column) -> Select:
    """Correlated subquery: the first story (by name) an article belongs to."""
    return (
        select(func.min(Story.name))
        .join(StoryArticle, StoryArticle.story_id == Story.id)
        .where(StoryArticle.article_id == article_id_column)
        .scalar_subquery()
    )


#: What the article listing can be sorted by (``sort=``), each with the column it orders.
SORT_COLUMNS = ("title", "outlet", "published", "words", "loaded_density", "top_frame")


#: Sort columns that always have a value (no NULLS LAST, which would keep SQLite from
#: reading their index in order).
_NEVER_NULL = ("title", "words")


def _sort_column(sort: str):
    return {
        "title": func.lower(Article.title),
        "outlet": func.lower(Outlet.name),
        "published": Article.published,
        "words": Article.word_count,
        "loaded_density": ArticleScore.loaded_density,
        "top_frame": ArticleScore.top_frame,
    }[sort]


def article_listing(
    dialect: str,
    *,
    search: str | None = None,
    outlet_id: int | None = None,
    story_id: int | None = None,
    published_from: datetime | None = None,
    published_before: datetime | None = None,
    frame: str | None = None,
    min_density: float | None = None,
    max_density: float | None = None,
    sort: str | None = None,
    descending: bool = False,
    ids_only: bool = False,
) -> Select:
    """Rows of :data:`SUMMARY_COLUMNS` (or of article ids alone, with ``ids_only``).

    Without ``sort``: newest first, or best match first when searching. With ``sort`` (one of
    :data:`SORT_COLUMNS`): by that column, articles without a value (never published, not
    analysed) last in either direction, ties by id in the same direction. ``published_before`` is
    exclusive. Score filters leave out articles that have not been analysed.

    Raises
    ------
    db.search.SearchQueryError
        When ``search`` holds nothing to look for.
    ValueError
        For an unknown ``sort``.
    """
    if sort is not None and sort not in SORT_COLUMNS:
        raise ValueError(f"cannot sort articles by {sort!r}")
    scored = frame is not None or min_density is not None or max_density is not None
    needs_scores = not ids_only or scored or sort in ("loaded_density", "top_frame")
    needs_outlet = not ids_only or sort == "outlet"
    statement = select(Article.id) if ids_only else select(*summary_columns())
    if needs_outlet:
        statement = statement.outerjoin(Outlet, Outlet.id == Article.outlet_id)
    if needs_scores:
        # An inner join when a score must match: only analysed articles can.
        statement = statement.join(
            ArticleScore, ArticleScore.article_id == Article.id, isouter=not scored
        )
    if outlet_id is not None:
        statement = statement.where(Article.outlet_id == outlet_id)
    if story_id is not None:
        statement = statement.where(
            Article.id.in_(select(StoryArticle.article_id).where(StoryArticle.story_id == story_id))
        )
    if published_from is not None:
        statement = statement.where(Article.published >= published_from)
    if published_before is not None:
        statement = statement.where(Article.published < published_before)
    if frame is not None:
        statement = statement.where(ArticleScore.top_frame == frame)
    if min_density is not None:
        statement = statement.where(ArticleScore.loaded_density >= min_density)
    if max_density is not None:
        statement = statement.where(ArticleScore.loaded_density <= max_density)
    if sort is not None:
        column = _sort_column(sort)
        order = column.desc() if descending else column.asc()
        if sort not in _NEVER_NULL:
            order = order.nulls_last()
        # Ties in the same direction: an index on the column (which ends with the row id)
        # then gives the whole order without sorting.
        tie = Article.id.desc() if descending else Article.id.asc()
        if search:
            # Only the matching articles, in the chosen order instead of by relevance.
            statement = apply_search(statement, dialect, search).order_by(None)
        return statement.order_by(order, tie)
    if search:
        return apply_search(statement, dialect, search)
    return statement.order_by(Article.published.desc().nulls_last(), Article.id.desc())


def summary_columns() -> tuple:
    """The columns of one listing row: id, title, outlet name, published, words, language,
    story name, loaded density, top frame."""
    return (
        Article.id,
        Article.title,
        Outlet.name,
        Article.published,
        Article.word_count,
        Article.language,
        story_name_of(Article.id),
        ArticleScore.loaded_density,
        ArticleScore.top_frame,
    )


def article_summaries(ids: list[int]) -> Select:
    """Listing rows (:func:`summary_columns`) of the articles ``ids``, in no particular order."""
    return (
        select(*summary_columns())
        .outerjoin(Outlet, Outlet.id == Article.outlet_id)
        .outerjoin(ArticleScore, ArticleScore.article_id == Article.id)
        .where(Article.id.in_(ids))
    )


def find_outlet(session: Session, key: str) -> Outlet | None:
    """The outlet whose folded name or alias equals ``key``."""
    outlet = session.scalars(
        select(Outlet)
        .join(OutletAlias, OutletAlias.outlet_id == Outlet.id)
        .where(OutletAlias.key == key)
    ).first()
    if outlet is None:
        outlet = session.scalars(select(Outlet).where(func.lower(Outlet.name) == key)).first()
    return outlet


def find_outlet_ids(session: Session, keys: list[str]) -> dict[str, int]:
    """Folded name or alias -> outlet id, for those of ``keys`` the library knows (one query)."""
    found = dict(
        session.execute(
            select(OutletAlias.key, OutletAlias.outlet_id).where(OutletAlias.key.in_(keys))
        ).all()
    )
    missing = [k for k in keys if k not in found]
    if missing:
        found.update(
            session.execute(
                select(func.lower(Outlet.name), Outlet.id).where(
                    func.lower(Outlet.name).in_(missing)
                )
            ).all()
        )
    return found


def find_story(session: Session, name: str) -> Story | None:
    """The story called ``name`` (case-insensitive)."""
    return session.scalars(
        select(Story).where(func.lower(Story.name) == name.strip().lower())
    ).first()


@dataclass(frozen=True, slots=True)
class StoredText:
    """What duplicate checks need of a stored article."""

    id: int
    title: str
    outlet_id: int | None
    body_hash: str
    url_hash: str | None


def find_duplicate(
    session: Session, body_hash: str, url_hash: str | None, outlet_id: int | None
) -> tuple[StoredText | None, StoredText | None]:
    """``(same article, wire original)``.

    The first is an article with the same body from the same outlet, or with the same URL:
    importing it again is skipped. The second is the earliest article with the same body from
    another outlet: the new one is stored as its wire copy. One indexed query, plain rows
    (this runs for every imported article).
    """
    condition = Article.body_hash == body_hash
    if url_hash is not None:
        condition = or_(condition, Article.url_hash == url_hash)
    rows = [
        StoredText(*row)
        for row in session.execute(
            select(
                Article.id, Article.title, Article.outlet_id, Article.body_hash, Article.url_hash
            )
            .where(condition)
            .order_by(Article.id)
        ).all()
    ]
    same_body = [r for r in rows if r.body_hash == body_hash]
    for row in same_body:
        if row.outlet_id == outlet_id:
            return row, None
    same_url = next((r for r in rows if url_hash is not None and r.url_hash == url_hash), None)
    if same_url is not None:
        return same_url, None
    return None, (same_body[0] if same_body else None)


def scored_ids(sort: str, descending: bool) -> Select:
    """Ids of the articles with a value of the score ``sort`` (``loaded_density`` or
    ``top_frame``), in the order :func:`article_listing` gives them; read from the score's
    index alone."""
    column = _sort_column(sort)
    key = ArticleScore.article_id
    return (
        select(key)
        .where(column.is_not(None))
        .order_by(*((column.desc(), key.desc()) if descending else (column.asc(), key.asc())))
    )


def unscored_ids(sort: str, descending: bool) -> Select:
    """Ids of the articles without a value of the score ``sort``, by id (the end of the
    listing that :func:`scored_ids` begins)."""
    column = _sort_column(sort)
    scored = select(ArticleScore.article_id).where(
        ArticleScore.article_id == Article.id, column.is_not(None)
    )
    return (
        select(Article.id)
        .where(~scored.exists())
        .order_by(Article.id.desc() if descending else Article.id.asc())
    )
