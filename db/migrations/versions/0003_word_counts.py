"""Word counts as the analysis counts them: an article's word count is now the number of its
body's word tokens ("so-called" and "hasn't" one word each, as the analysis and its per-100-word
scores see them), so the article table, the reader, the comparison and the handouts show one
number. Recounted from the stored bodies.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Bodies are read in batches so a large library is migrated in bounded memory.
BATCH = 500

# The two definitions as they were at this revision (a migration must not change meaning when
# the analysis does): word tokens now, runs of word characters before.
_WORD_TOKEN = re.compile(r"\w+(?:[-'\u2019\u2011]\w+)*")
_WORD_RUN = re.compile(r"\w+")

articles = sa.table(
    "articles",
    sa.column("id", sa.Integer),
    sa.column("body", sa.Text),
    sa.column("word_count", sa.Integer),
)


def _recount(pattern: re.Pattern[str]) -> None:
    connection = op.get_bind()
    update = (
        articles.update()
        .where(articles.c.id == sa.bindparam("article_id"))
        .values(word_count=sa.bindparam("words"))
    )
    last = 0
    while True:
        rows = connection.execute(
            sa.select(articles.c.id, articles.c.body, articles.c.word_count)
            .where(articles.c.id > last)
            .order_by(articles.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            break
        changed = []
        for article_id, body, stored in rows:
            words = sum(1 for _ in pattern.finditer(body or ""))
            if words != stored:
                changed.append({"article_id": article_id, "words": words})
        if changed:
            connection.execute(update, changed)
        last = rows[-1][0]


def upgrade() -> None:
    _recount(_WORD_TOKEN)


def downgrade() -> None:
    _recount(_WORD_RUN)
