"""Where the store lives: the environment in, a SQLAlchemy URL out.

One person running the dashboard needs no settings: the store is a SQLite file in the
project's ``data/`` folder. ``SKILLS_DATA_DIR`` moves that folder; ``DATABASE_URL`` points
the store at a PostgreSQL server instead (a department's shared deployment). Users write
PostgreSQL addresses as ``postgresql://...``; SQLAlchemy's default driver for that is
psycopg2, which we do not ship, so the psycopg 3 driver is named for them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from analytics.store.errors import StoreUnavailable

DATA_DIR_VARIABLE: Final = "SKILLS_DATA_DIR"
URL_VARIABLE: Final = "DATABASE_URL"
DEFAULT_DATA_DIR: Final = Path(__file__).resolve().parents[2] / "data"
SQLITE_FILE: Final = "skills.db"
_POSTGRES_ALIASES: Final = ("postgres", "postgresql", "postgresql+psycopg2")


def data_dir() -> Path:
    return Path(os.environ.get(DATA_DIR_VARIABLE) or DEFAULT_DATA_DIR)


def database_url(url: str | None = None) -> URL:
    """The store's address: ``url``, else ``DATABASE_URL``, else the SQLite file of :func:`data_dir`."""
    text = url or os.environ.get(URL_VARIABLE)
    if not text:
        return make_url(f"sqlite:///{data_dir() / SQLITE_FILE}")
    try:
        parsed = make_url(text)
    except ArgumentError:
        raise unusable_address() from None
    if parsed.drivername in _POSTGRES_ALIASES:
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def unusable_address(reason: str = "") -> StoreUnavailable:
    """A DATABASE_URL that names no database we can open; the text never repeats it (a password)."""
    because = f" ({reason})" if reason else ""
    return StoreUnavailable(
        f"{URL_VARIABLE} is not a database address the dashboard can use{because}. Write it as "
        f"postgresql://user@host:5432/database, or unset it to keep the rounds in a SQLite file "
        f"in the data folder ({DATA_DIR_VARIABLE})."
    )


def described(url: URL) -> str:
    """The address in words for messages, never with a password."""
    if url.get_backend_name() == "sqlite":
        return f"the SQLite file {url.database}"
    return f"the PostgreSQL database {url.render_as_string(hide_password=True)}"
