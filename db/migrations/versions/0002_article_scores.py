"""Article scores: loaded density and top frame per analysed article, indexed, for filtering
and sorting the article table; filled from the stored analyses. Indexes for sorting articles
by title and by length.

A narrow table of its own rather than columns on ``analyses``: there a new column would sit
after the whole report JSON in every row, and reading it for a sort would walk the report.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Reports are read in batches so a large library is migrated in bounded memory.
BATCH = 500

analyses = sa.table(
    "analyses",
    sa.column("id", sa.Integer),
    sa.column("article_id", sa.Integer),
    sa.column("report", sa.JSON),
)


def _top_frame(frames: dict) -> str | None:
    # As db.scores.top_frame at the time of this revision (a migration must not change
    # meaning when that module does).
    framed = {code: share for code, share in frames.items() if code != "none" and share > 0}
    if framed:
        return min(framed, key=lambda code: (-framed[code], code))
    return "none" if "none" in frames else None


def _scores(report: object) -> tuple[float | None, str | None]:
    if isinstance(report, str):
        report = json.loads(report)
    if not isinstance(report, dict) or not report.get("available", True):
        return None, None
    density = (report.get("scores") or {}).get("loaded_per_100_words")
    density = float(density) if isinstance(density, int | float) else None
    return density, _top_frame(report.get("frames") or {})


def upgrade() -> None:
    scores = op.create_table(
        "article_scores",
        sa.Column("article_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("loaded_density", sa.Float(), nullable=True),
        sa.Column("top_frame", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_article_scores_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", name=op.f("pk_article_scores")),
    )
    op.create_index(op.f("ix_article_scores_loaded_density"), "article_scores", ["loaded_density"])
    op.create_index(op.f("ix_article_scores_top_frame"), "article_scores", ["top_frame"])
    # The article table sorts by title and by length through these instead of sorting rows.
    op.create_index("ix_articles_title_lower", "articles", [sa.text("lower(title)")])
    op.create_index(op.f("ix_articles_word_count"), "articles", ["word_count"])
    connection = op.get_bind()
    last = 0
    while True:
        rows = connection.execute(
            sa.select(analyses.c.id, analyses.c.article_id, analyses.c.report)
            .where(analyses.c.id > last)
            .order_by(analyses.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            break
        values = []
        for _row_id, article_id, report in rows:
            density, frame = _scores(report)
            values.append({"article_id": article_id, "loaded_density": density, "top_frame": frame})
        connection.execute(scores.insert(), values)
        last = rows[-1][0]


def downgrade() -> None:
    op.drop_index(op.f("ix_articles_word_count"), table_name="articles")
    op.drop_index("ix_articles_title_lower", table_name="articles")
    op.drop_index(op.f("ix_article_scores_top_frame"), table_name="article_scores")
    op.drop_index(op.f("ix_article_scores_loaded_density"), table_name="article_scores")
    op.drop_table("article_scores")
