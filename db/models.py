"""The library schema: SQLAlchemy 2 typed ORM classes.

Every change to these classes comes with an Alembic migration in ``db/migrations/versions``;
a test compares the migrated database with these classes.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


# Stable constraint names, so migrations can refer to them on both SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {  # noqa: RUF012 (SQLAlchemy reads this class attribute)
        datetime: DateTime(timezone=True),
        dict[str, Any]: JSON,
        list[Any]: JSON,
    }


class Outlet(Base):
    """A news organisation. ``kind``: state, public, commercial, non-profit or unknown."""

    __tablename__ = "outlets"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    country: Mapped[str | None] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20), default="unknown")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    aliases: Mapped[list[OutletAlias]] = relationship(
        back_populates="outlet", cascade="all, delete-orphan", passive_deletes=True
    )


class OutletAlias(Base):
    """Another name or domain of an outlet (``sana.sy``, ``Syrian Arab News Agency``).

    ``key`` is the folded form used for matching (lower case, spaces collapsed, ``www.`` gone).
    """

    __tablename__ = "outlet_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    outlet_id: Mapped[int] = mapped_column(ForeignKey("outlets.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(300))
    key: Mapped[str] = mapped_column(String(300), unique=True)

    outlet: Mapped[Outlet] = relationship(back_populates="aliases")


class ImportBatch(Base):
    """One run of an import: what was asked, what came of it."""

    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    sources: Mapped[list[Any]] = mapped_column(default=list)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(20), default="running")
    imported: Mapped[int] = mapped_column(default=0)
    duplicates: Mapped[int] = mapped_column(default=0)
    failed: Mapped[int] = mapped_column(default=0)
    errors: Mapped[list[Any]] = mapped_column(default=list)
    unfinished: Mapped[list[Any]] = mapped_column(default=list)


class Article(Base):
    """An imported article; ``body`` is read-only once stored (annotations anchor to it)."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    outlet_id: Mapped[int | None] = mapped_column(
        ForeignKey("outlets.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    trimmed: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str | None] = mapped_column(String(500))
    published: Mapped[datetime | None] = mapped_column(index=True)
    url: Mapped[str | None] = mapped_column(Text)
    canonical_url: Mapped[str | None] = mapped_column(Text)
    site_name: Mapped[str | None] = mapped_column(String(300))
    language: Mapped[str | None] = mapped_column(String(12))
    source_kind: Mapped[str] = mapped_column(String(20))
    source_ref: Mapped[str] = mapped_column(Text)
    summary_only: Mapped[bool] = mapped_column(Boolean, default=False)
    word_count: Mapped[int] = mapped_column(Integer, default=0, index=True)
    # sha256 of the normalised body (analysis.normalise.dedup_key): exact duplicates.
    body_hash: Mapped[str] = mapped_column(String(64), index=True)
    # sha256 of the normalised URL, when there is one: the same page imported twice.
    url_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    duplicate_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), index=True
    )
    # "wire" (same body, another outlet) or "near" (shingle similarity >= threshold).
    duplicate_kind: Mapped[str | None] = mapped_column(String(10))
    duplicate_similarity: Mapped[float | None] = mapped_column(Float)
    # MinHash signature of the body (analysis.similarity), for near-duplicate checks.
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batches.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    outlet: Mapped[Outlet | None] = relationship()
    stories: Mapped[list[StoryArticle]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True
    )


# Sorting the library by title (case-insensitive) reads this index instead of sorting every row.
Index("ix_articles_title_lower", func.lower(Article.title))


class ArticleBand(Base):
    """Locality-sensitive hash bands of an article's MinHash: shared bands mean candidates."""

    __tablename__ = "article_bands"

    band: Mapped[str] = mapped_column(String(24), primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Story(Base):
    """A group of articles about one event."""

    __tablename__ = "stories"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    members: Mapped[list[StoryArticle]] = relationship(
        back_populates="story", cascade="all, delete-orphan", passive_deletes=True
    )


class StoryArticle(Base):
    """Story membership; ``suggested`` when the library proposed it and nobody confirmed."""

    __tablename__ = "story_articles"

    story_id: Mapped[int] = mapped_column(
        ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True
    )
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    suggested: Mapped[bool] = mapped_column(Boolean, default=False)
    score: Mapped[float | None] = mapped_column(Float)
    added_at: Mapped[datetime] = mapped_column(default=utcnow)

    story: Mapped[Story] = relationship(back_populates="members")
    article: Mapped[Article] = relationship(back_populates="stories")


class Analysis(Base):
    """Stored result of analysing an article, valid while all the version keys match."""

    __tablename__ = "analyses"
    __table_args__ = (UniqueConstraint("article_id", name="uq_analyses_article_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    analyser_version: Mapped[str] = mapped_column(String(40))
    model_version: Mapped[str | None] = mapped_column(String(80))
    text_hash: Mapped[str] = mapped_column(String(64))
    annotations_hash: Mapped[str | None] = mapped_column(String(64))
    scores: Mapped[dict[str, Any]] = mapped_column(default=dict)
    report: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    spans: Mapped[list[SpanRow]] = relationship(
        back_populates="analysis", cascade="all, delete-orphan", passive_deletes=True
    )


class ArticleScore(Base):
    """Two scores of an article's stored analysis, copied out of the report so the library can
    filter and sort by them in SQL (see :func:`db.scores.article_scores`).

    A narrow table of its own: scanning these rows stays fast, whereas in ``analyses`` every
    row carries the whole report. One row per analysed article, written with its analysis.
    """

    __tablename__ = "article_scores"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    # Loaded spans per 100 words in the outlet's own voice (None: the analysis has no score).
    loaded_density: Mapped[float | None] = mapped_column(Float, index=True)
    # The article's most common frame code; "none" when no sentence carries a frame.
    top_frame: Mapped[str | None] = mapped_column(String(40), index=True)


class SpanRow(Base):
    """A highlighted character span ``[start, end)`` of the analysed text."""

    __tablename__ = "spans"
    __table_args__ = (Index("ix_spans_layer_label", "layer", "label"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    analysis_id: Mapped[int] = mapped_column(
        ForeignKey("analyses.id", ondelete="CASCADE"), index=True
    )
    start: Mapped[int]
    end: Mapped[int]
    layer: Mapped[str] = mapped_column(String(20))
    label: Mapped[str] = mapped_column(String(40))
    score: Mapped[float] = mapped_column(Float)
    voice: Mapped[str] = mapped_column(String(10), default="outlet")
    speaker: Mapped[str | None] = mapped_column(String(300))
    why: Mapped[str] = mapped_column(Text, default="")

    analysis: Mapped[Analysis] = relationship(back_populates="spans")


class Annotation(Base):
    """A user's correction: accept / reject / add a span, or correct a sentence's frame."""

    __tablename__ = "annotations"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(String(20))
    start: Mapped[int]
    end: Mapped[int]
    layer: Mapped[str] = mapped_column(String(20), default="loaded")
    label: Mapped[str | None] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ComparisonCache(Base):
    """A stored comparison of stored articles; ``key`` hashes every compared analysis, so a
    changed article, annotation or model gives a new key and the old row is replaced."""

    __tablename__ = "comparisons"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_ids: Mapped[str] = mapped_column(String(100), unique=True)
    key: Mapped[str] = mapped_column(String(64))
    result: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ModelVersion(Base):
    """A trained model known to this library (the shipped ones or a user's retrained one)."""

    __tablename__ = "model_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    version: Mapped[str] = mapped_column(String(80))
    path: Mapped[str | None] = mapped_column(Text)
    card: Mapped[dict[str, Any]] = mapped_column(default=dict)
    active: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
