"""Opening library databases: URLs, pragmas, migrations on open, clear failures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from db.engine import (
    HEAD_REVISION,
    MIGRATIONS,
    REVISIONS,
    DatabaseError,
    normalise_url,
    open_database,
    stored_revision,
)
from db.models import Base


def test_new_sqlite_file_is_created_and_migrated(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "folder" / "library.sqlite3"
    database = open_database(f"sqlite:///{path}")
    try:
        assert path.exists()
        assert stored_revision(database.engine) == HEAD_REVISION
        with database.engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
            tables = set(inspect(connection).get_table_names())
    finally:
        database.close()
    assert {
        "articles",
        "outlets",
        "outlet_aliases",
        "stories",
        "story_articles",
        "analyses",
        "spans",
        "annotations",
        "model_versions",
        "import_batches",
        "articles_fts",
    } <= tables


@pytest.mark.filterwarnings(
    # SQLite cannot reflect the index on lower(title), so it is compared on PostgreSQL only.
    "ignore:Skipped unsupported reflection of expression-based index",
    "ignore:autogenerate skipping metadata-specified expression-based index",
)
def test_migrated_schema_matches_the_models(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    database = open_database(db_url)
    try:
        with database.engine.connect() as connection:
            context = MigrationContext.configure(
                connection,
                opts={
                    "compare_type": True,
                    # The full-text index is made by hand in the migration, not by the models.
                    "include_object": lambda obj, name, kind, *_: (
                        not (
                            (name or "").startswith("articles_fts")
                            or name in ("search_vector", "ix_articles_search_vector")
                        )
                    ),
                },
            )
            assert compare_metadata(context, Base.metadata) == []
    finally:
        database.close()


def test_reopening_does_not_import_alembic(sqlite_url: str) -> None:
    import subprocess
    import sys

    code = (
        "import sys; from db.engine import open_database; "
        f"open_database({sqlite_url!r}).close(); "
        "print('alembic' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.stdout.strip() == "False"


def test_revisions_list_matches_migration_scripts() -> None:
    scripts = sorted(
        re.search(r'^revision = "(\w+)"', p.read_text(), re.M).group(1)
        for p in (MIGRATIONS / "versions").glob("*.py")
    )
    assert tuple(scripts) == REVISIONS
    assert REVISIONS[-1] == HEAD_REVISION


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    open_database(f"sqlite:///{path}").close()
    database = open_database(f"sqlite:///{path}")
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    database.close()
    with pytest.raises(DatabaseError, match="newer Parallax"):
        open_database(f"sqlite:///{path}")


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(DatabaseError, match="cannot open the library"):
        open_database(f"sqlite:///{path}")
    assert path.read_text().startswith("these are my notes")


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="is a folder"):
        open_database(f"sqlite:///{tmp_path}")


def test_bad_urls_are_refused_with_a_reason() -> None:
    with pytest.raises(DatabaseError, match=r"not a database URL|unsupported"):
        open_database("nonsense://")


def test_unreachable_server_is_reported() -> None:
    with pytest.raises(DatabaseError, match="cannot open the library"):
        open_database("postgresql://nobody@127.0.0.1:9/none?connect_timeout=2")


def test_normalise_url() -> None:
    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"
    assert normalise_url("lib.sqlite3").startswith("sqlite:////")
