"""Upgrading a library written by an older Parallax keeps and completes its data."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy import text

from db.engine import HEAD_REVISION, MIGRATIONS, create_db_engine, open_database, stored_revision


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database with no schema at all."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.sqlite3'}"
        return
    import psycopg
    from sqlalchemy.engine import make_url

    server: str = request.getfixturevalue("pg_server")
    name = f"parallax_migration_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    yield make_url(server).set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _migrate_to(url: str, revision: str) -> None:
    from alembic import command
    from alembic.config import Config

    engine = create_db_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()


REPORTS = {
    # A stored analysis: density 12.5, framed mostly as security but with more unframed text.
    1: '{"available": true, "scores": {"loaded_per_100_words": 12.5}, '
    '"frames": {"security_defense": 0.3, "political": 0.1, "none": 0.6}}',
    # An article with no frame found at all.
    2: '{"available": true, "scores": {"loaded_per_100_words": 0}, "frames": {"none": 1.0}}',
    # A language the analysis does not cover: no scores.
    3: '{"available": false, "scores": {"words": 40}, "frames": {}}',
}


def test_upgrade_from_0001_fills_the_score_table(empty_url: str) -> None:
    _migrate_to(empty_url, "0001")
    engine = create_db_engine(empty_url)
    with engine.begin() as connection:
        assert stored_revision(engine) == "0001"
        for article_id, report in REPORTS.items():
            connection.execute(
                text(
                    "INSERT INTO articles (id, title, body, trimmed, source_kind, source_ref, "
                    "summary_only, word_count, body_hash, created_at, updated_at) VALUES "
                    "(:id, 'Title', 'Body', '', 'text', 'x.txt', false, 2, :hash, "
                    "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                ),
                {"id": article_id, "hash": f"{article_id:064x}"},
            )
            connection.execute(
                text(
                    "INSERT INTO analyses (article_id, analyser_version, text_hash, scores, "
                    "report, created_at) VALUES (:id, 'old', '', '{}', :report, "
                    "CURRENT_TIMESTAMP)"
                ),
                {"id": article_id, "report": report},
            )
        # An article never analysed gets no scores.
        connection.execute(
            text(
                "INSERT INTO articles (id, title, body, trimmed, source_kind, source_ref, "
                "summary_only, word_count, body_hash, created_at, updated_at) VALUES "
                "(4, 'New', 'Body', '', 'text', 'y.txt', false, 1, 'h4', "
                "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
    engine.dispose()

    database = open_database(empty_url)  # upgrades to the head revision
    try:
        assert stored_revision(database.engine) == HEAD_REVISION
        with database.engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT article_id, loaded_density, top_frame FROM article_scores "
                    "ORDER BY article_id"
                )
            ).all()
    finally:
        database.close()
    assert [tuple(row) for row in rows] == [
        (1, 12.5, "security_defense"),
        (2, 0.0, "none"),
        (3, None, None),
    ]


def test_the_library_sorts_an_upgraded_library_by_its_scores(empty_url: str) -> None:
    from library import Library

    _migrate_to(empty_url, "0001")
    engine = create_db_engine(empty_url)
    with engine.begin() as connection:
        for article_id, density in ((1, 3.0), (2, 9.0)):
            connection.execute(
                text(
                    "INSERT INTO articles (id, title, body, trimmed, source_kind, source_ref, "
                    "summary_only, word_count, body_hash, created_at, updated_at) VALUES "
                    "(:id, 'Title', 'Body', '', 'text', 'x.txt', false, 2, :hash, "
                    "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                ),
                {"id": article_id, "hash": f"{article_id:064x}"},
            )
            report = f'{{"scores": {{"loaded_per_100_words": {density}}}, "frames": {{}}}}'
            connection.execute(
                text(
                    "INSERT INTO analyses (article_id, analyser_version, text_hash, scores, "
                    "report, created_at) VALUES (:id, 'old', '', '{}', :report, "
                    "CURRENT_TIMESTAMP)"
                ),
                {"id": article_id, "report": report},
            )
    engine.dispose()
    with Library.open(empty_url) as library:
        ordered = library.list_articles(sort="loaded_density", descending=True)
        assert [(a.id, a.loaded_density) for a in ordered] == [(2, 9.0), (1, 3.0)]
