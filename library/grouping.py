"""Linking articles to each other: near-duplicates and suggested stories."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from analysis.similarity import (
    NEAR_DUPLICATE,
    cosine,
    signature_from_bytes,
    signature_similarity,
    topic_terms,
)
from db.models import Article, ArticleBand, StoryArticle

#: Articles published this close to a story's articles may be suggested into it.
STORY_WINDOW = timedelta(days=4)
#: Topical similarity (cosine of content words) needed for a suggestion.
STORY_THRESHOLD = 0.3
#: Most recent story members compared, so huge libraries stay fast.
STORY_CANDIDATES = 300


def find_near_duplicate(
    session: Session, signature_bytes: bytes, bands: Sequence[str]
) -> tuple[int, float] | None:
    """The stored article most similar to a MinHash signature, at or above the threshold."""
    signature = signature_from_bytes(signature_bytes)
    candidates = session.execute(
        select(Article.id, Article.minhash)
        .where(
            Article.id.in_(
                select(ArticleBand.article_id)
                .where(ArticleBand.band.in_(list(bands)))
                .distinct()
                .limit(200)
            )
        )
        .order_by(Article.id)
    ).all()
    best: tuple[int, float] | None = None
    for article_id, stored in candidates:
        if stored is None:
            continue
        similarity = signature_similarity(signature, signature_from_bytes(stored))
        if similarity >= NEAR_DUPLICATE and (best is None or similarity > best[1]):
            best = (article_id, similarity)
    return best


def suggest_story(session: Session, article: Article, when: datetime) -> tuple[int, float] | None:
    """Suggest ``article`` into the existing story it is most about, within a date window.

    The suggestion is stored as a membership marked ``suggested`` (the user confirms or
    removes it); returns ``(story id, score)`` or ``None``.
    """
    if not session.execute(select(StoryArticle.story_id).limit(1)).first():
        return None  # no story to suggest into: skip the windowed query
    dated = func.coalesce(Article.published, Article.created_at)
    rows = session.execute(
        select(StoryArticle.story_id, Article.title, func.substr(Article.body, 1, 1500))
        .join(Article, Article.id == StoryArticle.article_id)
        .where(
            Article.id != article.id,
            dated >= when - STORY_WINDOW,
            dated <= when + STORY_WINDOW,
        )
        .order_by(Article.id.desc())
        .limit(STORY_CANDIDATES)
    ).all()
    if not rows:
        return None
    terms = topic_terms(article.title, article.body)
    scores: dict[int, float] = {}
    for story_id, title, body in rows:
        score = cosine(terms, topic_terms(title, body or ""))
        scores[story_id] = max(score, scores.get(story_id, 0.0))
    story_id, score = max(scores.items(), key=lambda item: item[1])
    if score < STORY_THRESHOLD:
        return None
    session.add(StoryArticle(story_id=story_id, article_id=article.id, suggested=True, score=score))
    return story_id, score
