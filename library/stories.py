"""Editing stories: which articles belong to one, its name, deleting it — each undoable."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from db.models import Article, Story, StoryArticle
from db.queries import find_story


@dataclass(frozen=True)
class StoryChange:
    """What one story edit did, enough to undo it (:meth:`library.Library.undo_story_change`).

    ``added``: articles that joined the story; ``removed``: the membership rows that left it;
    ``created``: the edit made the story; ``deleted``: the story's own row, when it was deleted.
    """

    story_id: int
    name: str
    added: tuple[int, ...] = ()
    removed: tuple[Mapping[str, Any], ...] = ()
    created: bool = False
    deleted: Mapping[str, Any] | None = field(default=None)


def add_to_story(
    session: Session, article_ids: Sequence[int], story: Story | None, name: str
) -> StoryChange:
    """Put the articles in ``story`` (made as ``name`` when ``None``); confirms suggestions."""
    created = story is None
    if story is None:
        story = Story(name=name.strip())
        session.add(story)
        session.flush()
    existing = {
        member.article_id: member
        for member in session.scalars(
            select(StoryArticle).where(
                StoryArticle.story_id == story.id, StoryArticle.article_id.in_(list(article_ids))
            )
        )
    }
    stored = set(session.scalars(select(Article.id).where(Article.id.in_(list(article_ids)))))
    added = []
    for article_id in dict.fromkeys(article_ids):
        if article_id in existing:
            existing[article_id].suggested = False  # the user confirmed the suggestion
        elif article_id in stored:
            session.add(StoryArticle(story_id=story.id, article_id=article_id))
            added.append(article_id)
    session.flush()
    return StoryChange(story.id, story.name, added=tuple(added), created=created)


def _members(session: Session, story_id: int, article_ids: Sequence[int] | None) -> list[dict]:
    table = StoryArticle.__table__
    statement = select(table).where(table.c.story_id == story_id)
    if article_ids is not None:
        statement = statement.where(table.c.article_id.in_(list(article_ids)))
    return [dict(row) for row in session.execute(statement).mappings()]


def remove_from_story(session: Session, article_ids: Sequence[int], story: Story) -> StoryChange:
    """Take the articles out of ``story`` (the articles stay in the library)."""
    removed = _members(session, story.id, article_ids)
    session.execute(
        delete(StoryArticle).where(
            StoryArticle.story_id == story.id, StoryArticle.article_id.in_(list(article_ids))
        )
    )
    return StoryChange(story.id, story.name, removed=tuple(removed))


def delete_story(session: Session, story: Story) -> StoryChange:
    """Delete ``story`` and its memberships (its articles stay in the library)."""
    removed = _members(session, story.id, None)
    table = Story.__table__
    row = dict(session.execute(select(table).where(table.c.id == story.id)).mappings().one())
    session.delete(story)
    session.flush()
    return StoryChange(story.id, story.name, removed=tuple(removed), deleted=row)


def undo_story_change(session: Session, change: StoryChange) -> None:
    """Reverse ``change``; articles deleted since then are left out.

    Raises
    ------
    ValueError
        When a deleted story's name has been given to another story since.
    """
    if change.deleted is not None:
        if find_story(session, change.name) is not None:
            raise ValueError(f"another story is now called {change.name!r}")
        session.execute(insert(Story), [dict(change.deleted)])
    if change.removed:
        articles = set(
            session.scalars(
                select(Article.id).where(
                    Article.id.in_([row["article_id"] for row in change.removed])
                )
            )
        )
        present = {row["article_id"] for row in _members(session, change.story_id, None)}
        rows = [
            dict(row)
            for row in change.removed
            if row["article_id"] in articles and row["article_id"] not in present
        ]
        if session.get(Story, change.story_id) is not None and rows:
            session.execute(insert(StoryArticle), rows)
    if change.added:
        session.execute(
            delete(StoryArticle).where(
                StoryArticle.story_id == change.story_id,
                StoryArticle.article_id.in_(list(change.added)),
            )
        )
    if change.created:
        story = session.get(Story, change.story_id)
        if story is not None and not _members(session, story.id, None):
            session.delete(story)
