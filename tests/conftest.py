"""Session-wide test set-up: offscreen Qt, locations of shared samples and datasets."""

from __future__ import annotations

import os
from pathlib import Path

# Before anything imports PySide6: a real window, drawn offscreen. An empty value counts as unset.
if not os.environ.get("QT_QPA_PLATFORM"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest

import main

REPO = Path(__file__).resolve().parent.parent
# The test session makes many more Qt calls than one window does (see main.keep_none_alive).
main.keep_none_alive()


def _require_datasets() -> bool:
    return os.environ.get("PARALLAX_REQUIRE_DATASETS") == "1"


def shared_path(relative: str) -> Path:
    """A path under ../shared, skipping the test when absent (failing in CI)."""
    root = Path(os.environ.get("PARALLAX_DATASETS", REPO.parent / "shared" / "datasets")).parent
    path = root / relative
    if not path.exists():
        message = f"{path} is not here (the shared samples and datasets sit beside the repository)"
        if _require_datasets():
            pytest.fail(message + "; PARALLAX_REQUIRE_DATASETS=1 makes this a failure")
        pytest.skip(message)
    return path


@pytest.fixture
def sample_article() -> Path:
    """The real SANA article of ../shared/samples."""
    return shared_path("samples/000_7cbcd1d4ab3bfdea.txt")


# -- hypothesis: no deadlines in CI (a 2-core machine under load is slow, not wrong) ----------
try:
    from hypothesis import settings as _hypothesis_settings

    _hypothesis_settings.register_profile("ci", deadline=None, print_blob=True)
    if os.environ.get("CI"):
        _hypothesis_settings.load_profile("ci")
except ImportError:  # pragma: no cover
    pass


@pytest.fixture(autouse=True)
def _private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Never touch the user's own library: a fresh PARALLAX_HOME, no PARALLAX_DB."""
    monkeypatch.setenv("PARALLAX_HOME", str(tmp_path_factory.mktemp("home")))
    monkeypatch.delenv("PARALLAX_DB", raising=False)


# -- databases: a migrated template per session, copied per test ------------------------------


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library file migrated once per session."""
    from db.engine import open_database

    path = tmp_path_factory.mktemp("template") / "library.sqlite3"
    open_database(f"sqlite:///{path}").close()
    return path


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The PostgreSQL server of PARALLAX_TEST_PG_URL (set by .ci/run)."""
    url = os.environ.get("PARALLAX_TEST_PG_URL")
    required = bool(os.environ.get("CI")) or _require_datasets()
    if not url:
        message = "PARALLAX_TEST_PG_URL is not set (.ci/run starts a PostgreSQL server)"
        if required:
            pytest.fail(message)
        pytest.skip(message)
    import psycopg

    try:
        psycopg.connect(url, autocommit=True, connect_timeout=5).close()
    except psycopg.Error as error:
        message = f"PostgreSQL at {url} is not reachable: {error}"
        if required:
            pytest.fail(message)
        pytest.skip(message)
    return url


def _pg_admin(url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(statement)


def _pg_url_for(server: str, database: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(server).set(database=database).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def pg_template(pg_server: str) -> str:
    """A database migrated once per session, used as the template of each test's database."""
    from db.engine import open_database

    name = f"parallax_template_{os.getpid()}"
    _pg_admin(pg_server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    _pg_admin(pg_server, f"CREATE DATABASE {name}")
    open_database(_pg_url_for(pg_server, name)).close()
    yield name
    _pg_admin(pg_server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, migrated library database: a SQLite file, or a PostgreSQL database."""
    if request.param == "sqlite":
        import shutil

        template: Path = request.getfixturevalue("sqlite_template")
        target = tmp_path / "library.sqlite3"
        shutil.copyfile(template, target)
        yield f"sqlite:///{target}"
        return
    server: str = request.getfixturevalue("pg_server")
    template_name: str = request.getfixturevalue("pg_template")
    import uuid

    name = f"parallax_test_{uuid.uuid4().hex[:12]}"
    _pg_admin(server, f"CREATE DATABASE {name} TEMPLATE {template_name}")
    yield _pg_url_for(server, name)
    _pg_admin(server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def sqlite_url(tmp_path: Path, sqlite_template: Path) -> str:
    """A fresh, migrated SQLite library (for tests that are not about the database engine)."""
    import shutil

    target = tmp_path / "library.sqlite3"
    shutil.copyfile(sqlite_template, target)
    return f"sqlite:///{target}"


@pytest.fixture
def library(db_url: str):
    """An open :class:`library.Library` on :func:`db_url`."""
    from library import Library

    with Library.open(db_url) as opened:
        yield opened
