"""Opening the database: an address in, a ready engine out, the schema upgraded on the way.

The app upgrades its own schema at start with the Alembic migrations beside this module,
so a department never runs a migration by hand. Alembic is imported only when the schema
is behind: a command line that opens an up-to-date store pays for one small query. Before
writing a single table it makes sure the database is ours: an empty one, or one whose
Alembic revision we know. A file of another application, a damaged file, a server that is
down and a schema newer than this code all stop here with a message, and nothing is written.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.exc import ArgumentError, DBAPIError, InterfaceError, OperationalError, SQLAlchemyError

from analytics.i18n import _
from analytics.store.errors import StoreUnavailable
from analytics.store.location import (
    DATA_DIR_VARIABLE,
    URL_VARIABLE,
    described,
    described_first,
    unusable_address,
)
from analytics.store.schema import HEAD, REVISIONS, metadata

MIGRATIONS: Final = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE: Final = "alembic_version"
# Any constant will do; it only has to be the same in every process that migrates.
_MIGRATION_LOCK: Final = 741_250_011
_DAMAGED: Final = ("file is not a database", "malformed", "file is encrypted")


def connect(url: URL, upgrade: bool = True) -> Engine:
    """An engine on the store at ``url`` whose schema is current (with ``upgrade``).

    Raises :class:`StoreUnavailable` with the reason and what to do.
    """
    engine = _engine(url)
    try:
        with _file_lock(url):
            with engine.connect() as conn:
                revision = _revision(conn, url)
            if upgrade and revision != HEAD:
                _upgrade(engine, url)
    except StoreUnavailable:
        engine.dispose()
        raise
    except SQLAlchemyError as exc:
        engine.dispose()
        raise unavailable(url, exc) from None
    return engine


def unavailable(url: URL, exc: BaseException) -> StoreUnavailable:
    """The user's words for a database error that means the store cannot be used now."""
    where = described(url)
    reason = _reason(exc)
    if url.get_backend_name() == "sqlite":
        if any(word in reason.lower() for word in _DAMAGED):
            message = _(
                "The saved rounds cannot be opened: {where} is damaged or is not a database file "
                "({reason}). Nothing was changed in it. Move the file aside (keep it as a backup) and "
                "try again to start a new store, or set {variable} to another folder."
            )
        else:
            message = _(
                "The saved rounds cannot be opened: {where} could not be read or written ({reason}). "
                "Check that the folder exists and can be written to, or set {variable} to another folder."
            )
        return StoreUnavailable(message.format(where=where, reason=reason, variable=DATA_DIR_VARIABLE))
    if isinstance(exc, (OperationalError, InterfaceError)):
        message = _(
            "The saved rounds cannot be reached: {where} did not answer ({reason}). Check that the database "
            "server is running and that {variable} is right, then try again (reload the page, or run the "
            "command again); nothing was saved or lost."
        )
    else:
        message = _(
            "The saved rounds cannot be used: {where} refused what was asked ({reason}). Check that the user "
            "in {variable} may create, read and change tables there; nothing was saved or lost."
        )
    return StoreUnavailable(message.format(where=where, reason=reason, variable=URL_VARIABLE))


def _engine(url: URL) -> Engine:
    if url.get_backend_name() != "sqlite":
        try:
            return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 5})
        except (ArgumentError, ImportError):  # e.g. mysql://: a database whose driver we do not ship
            raise unusable_address(
                _("the dashboard cannot talk to '{backend}' databases").format(backend=url.get_backend_name())
            ) from None
    folder = Path(url.database or "").parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreUnavailable(
            _(
                "The folder for saved rounds, {folder}, cannot be created ({reason}). "
                "Set {variable} to a folder you can write to."
            ).format(folder=folder, reason=exc.strerror, variable=DATA_DIR_VARIABLE)
        ) from None
    engine = create_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: object, _record: object) -> None:
        cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
        # Plans go with their round (ON DELETE CASCADE needs this in SQLite); WAL lets one
        # session read while another saves.
        cursor.execute("PRAGMA foreign_keys=ON")
        # WAL is kept in the file: set once, by whichever process gets there first.
        if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            with contextlib.suppress(sqlite3.OperationalError):
                cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()
        # Python's sqlite3 commits CREATE TABLE at once, outside any transaction; taking over
        # BEGIN (below) makes a migration, like every save, all or nothing (SQLAlchemy's recipe).
        dbapi_connection.isolation_level = None  # type: ignore[attr-defined]

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN")

    return engine


def _revision(conn: Connection, url: URL) -> str | None:
    """Our schema's revision, None for an empty database; refuses what is not ours."""
    tables = set(inspect(conn).get_table_names())
    ours = set(metadata.tables)
    if VERSION_TABLE not in tables:
        if tables:
            others = ", ".join(sorted(tables)[:5])
            raise StoreUnavailable(
                _(
                    "{where} holds tables of another application ({tables}), so the dashboard will not "
                    "write into it. Point {variable} at a database of its own."
                ).format(
                    where=described_first(url),
                    tables=others,
                    variable=DATA_DIR_VARIABLE if url.get_backend_name() == "sqlite" else URL_VARIABLE,
                )
            )
        return None
    revision = conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()
    if revision is None:
        return None  # another process is setting the store up: wait for it (see _upgrade)
    if revision not in REVISIONS:
        raise StoreUnavailable(
            _(
                "{where} was set up by a newer version of the dashboard (schema {revision}; this version "
                "knows up to {head}). Update the dashboard to open it; nothing was changed."
            ).format(where=described_first(url), revision=revision, head=HEAD)
        )
    if revision == HEAD and not ours <= tables:
        raise StoreUnavailable(
            _(
                "{where} is missing tables of the dashboard ({tables}). Restore it from a backup, or start "
                "a new store."
            ).format(where=described_first(url), tables=", ".join(sorted(ours - tables)))
        )
    return str(revision)


def _upgrade(engine: Engine, url: URL) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn, _migration_lock(conn):
        # Another process may have upgraded while this one waited for the lock.
        if _revision(conn, url) != HEAD:
            config.attributes["connection"] = conn
            command.upgrade(config, HEAD)


@contextlib.contextmanager
def _migration_lock(conn: Connection) -> Iterator[None]:
    """Only one process migrates a PostgreSQL database at a time (SQLite: see :func:`_file_lock`)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
    yield


@contextlib.contextmanager
def _file_lock(url: URL) -> Iterator[None]:
    """Processes opening one SQLite store take turns, through a lock file beside it.

    SQLite's own locks are not enough while a store is set up: two processes opening a new
    store together both find it empty, and one then meets the other's half-made schema.
    Opening is a few milliseconds, so taking turns costs nothing.
    """
    if url.get_backend_name() != "sqlite":
        yield
        return
    try:
        import fcntl
    except ImportError:  # Windows: no lock file; start one process at a time there
        yield
        return
    with open(f"{url.database}.lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _reason(exc: BaseException) -> str:
    """The driver's own first line (e.g. 'connection refused'), without SQLAlchemy's wrapping."""
    original = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    if isinstance(original, OperationalError):
        original = original.orig or original
    lines = [line.strip() for line in str(original).splitlines() if line.strip()]
    return lines[0] if lines else type(original).__name__
