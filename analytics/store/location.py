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

from analytics.i18n import _
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
    """A DATABASE_URL that names no database we can open; the text never repeats it (a password).

    ``reason`` is a text in the session's language, as :mod:`analytics.store.migrate` gives it."""
    message = (
        _(
            "{variable} is not a database address the dashboard can use ({reason}). Write it as "
            "postgresql://user@host:5432/database, or unset it to keep the rounds in a SQLite file "
            "in the data folder ({data_variable})."
        )
        if reason
        else _(
            "{variable} is not a database address the dashboard can use. Write it as "
            "postgresql://user@host:5432/database, or unset it to keep the rounds in a SQLite file "
            "in the data folder ({data_variable})."
        )
    )
    return StoreUnavailable(
        message.format(variable=URL_VARIABLE, reason=reason, data_variable=DATA_DIR_VARIABLE)
    )


def described(url: URL) -> str:
    """The address in words for messages, never with a password: "the SQLite file ..." (in the
    session's language), to go inside a sentence; :func:`described_first` starts one."""
    if url.get_backend_name() == "sqlite":
        return _("the SQLite file {path}").format(path=url.database)
    return _("the PostgreSQL database {url}").format(url=url.render_as_string(hide_password=True))


def described_first(url: URL) -> str:
    """:func:`described` to start a sentence: its first letter a capital, the address as it is."""
    words = described(url)
    return words[:1].upper() + words[1:]
