"""Open a library database: URL handling, connection settings, migrations on open."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

#: The newest schema revision this version of Parallax knows (db/migrations/versions).
HEAD_REVISION = "0002"
#: Every revision, oldest first; a test checks this against the migration scripts.
REVISIONS = ("0001", "0002")
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class DatabaseError(Exception):
    """A library database that cannot be opened or used, with a one-line reason."""


@dataclass
class Database:
    """An open library database."""

    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()


def normalise_url(url: str) -> str:
    """Accept a bare file path or ``postgresql://`` and return a full SQLAlchemy URL.

    ``postgresql://`` and ``postgres://`` get the psycopg 3 driver that Parallax ships.
    """
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    # WAL: readers never block the writer (the window reads while an import writes), and a
    # killed process leaves a consistent file. Foreign keys are off by default in SQLite.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def create_db_engine(url: str) -> Engine:
    """Create an engine for ``url`` with Parallax's connection settings."""
    try:
        parsed = make_url(normalise_url(url))
    except ArgumentError as error:
        raise DatabaseError(f"{url}: not a database URL ({error})") from None
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            path = Path(database)
            if path.is_dir():
                raise DatabaseError(f"{path}: is a folder, not a library file")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise DatabaseError(f"{path.parent}: cannot create the folder ({error})") from None
        engine = create_engine(parsed, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    try:
        return create_engine(parsed, pool_pre_ping=True)
    except (ArgumentError, ImportError) as error:
        raise DatabaseError(f"{url}: unsupported database ({error})") from None


def stored_revision(engine: Engine) -> str | None:
    """The schema revision recorded in the database, or ``None`` for a new database."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine) -> None:
    """Bring the schema up to :data:`HEAD_REVISION` (imports Alembic only now)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def open_database(url: str) -> Database:
    """Open (creating and migrating when needed) the library database at ``url``.

    Raises
    ------
    DatabaseError
        When the URL is invalid, the server unreachable, the file not a database, or the
        schema newer than this version of Parallax knows.
    """
    engine = create_db_engine(url)
    try:
        revision = stored_revision(engine)
        if revision is not None and revision not in REVISIONS:
            raise DatabaseError(
                f"{engine.url.render_as_string(hide_password=True)}: this library was written by "
                f"a newer Parallax (schema {revision}); update Parallax to open it"
            )
        if revision != HEAD_REVISION:
            log.info("migrating library schema from %s to %s", revision, HEAD_REVISION)
            migrate(engine)
    except SQLAlchemyError as error:
        engine.dispose()
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        raise DatabaseError(
            f"{engine.url.render_as_string(hide_password=True)}: cannot open the library ({reason})"
        ) from None
    except DatabaseError:
        engine.dispose()
        raise
    return Database(engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))
