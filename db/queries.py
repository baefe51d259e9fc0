"""Reusable queries over the schema (no session handling here: the library owns sessions)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from db.models import Article, Outlet, OutletAlias, Story, StoryArticle
from db.search import apply_search


def story_name_of(article_id_column) -> Select:
    """Correlated subquery: the first story (by name) an article belongs to."""
    return (
        select(func.min(Story.name))
        .join(StoryArticle, StoryArticle.story_id == Story.id)
        .where(StoryArticle.article_id == article_id_column)
        .scalar_subquery()
    )


def article_listing(
    dialect: str,
    *,
    search: str | None = None,
    outlet_id: int | None = None,
    story_id: int | None = None,
) -> Select:
    """Rows of ``(Article, outlet name, story name)``, newest first or best match first.

    Raises
    ------
    db.search.SearchQueryError
        When ``search`` holds nothing to look for.
    """
    statement = select(Article, Outlet.name, story_name_of(Article.id)).outerjoin(
        Outlet, Outlet.id == Article.outlet_id
    )
    if outlet_id is not None:
        statement = statement.where(Article.outlet_id == outlet_id)
    if story_id is not None:
        statement = statement.where(
            Article.id.in_(select(StoryArticle.article_id).where(StoryArticle.story_id == story_id))
        )
    if search:
        return apply_search(statement, dialect, search)
    return statement.order_by(Article.published.desc().nulls_last(), Article.id.desc())


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
