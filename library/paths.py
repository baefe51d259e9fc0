"""Where a library lives: ``--db URL``, then ``PARALLAX_DB``, then the user data directory."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "Parallax"
DEFAULT_FILE = "library.sqlite3"


def data_dir() -> Path:
    """The folder for the default library: ``PARALLAX_HOME``, else the platform's data dir."""
    home = os.environ.get("PARALLAX_HOME")
    if home:
        return Path(home).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_database_url() -> str:
    """The SQLite file in :func:`data_dir`."""
    return f"sqlite:///{data_dir() / DEFAULT_FILE}"


def resolve_database_url(explicit: str | None = None) -> str:
    """The URL to open: ``explicit`` (``--db``), else ``PARALLAX_DB``, else the default."""
    return explicit or os.environ.get("PARALLAX_DB") or default_database_url()
