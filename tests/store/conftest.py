"""Store fixtures: a fresh SQLite file, a fresh PostgreSQL schema, and a store on each.

Every PostgreSQL test gets a schema of its own on the server at 127.0.0.1:5432 (database
``test``, or ``SKILLS_TEST_POSTGRES_URL``), reached through the connection's search_path,
so the tests run in any order and leave nothing behind. Where the server cannot be reached
the PostgreSQL tests are skipped, except in CI (``SKILLS_REQUIRE_POSTGRES=1``, set by
``.ci/run``), where that is a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError

from analytics.store import Store, database_url

POSTGRES_URL = os.environ.get("SKILLS_TEST_POSTGRES_URL", "postgresql+psycopg://127.0.0.1:5432/test")
REQUIRE_POSTGRES = os.environ.get("SKILLS_REQUIRE_POSTGRES") == "1"


def _server() -> URL:
    url = make_url(POSTGRES_URL)
    engine = create_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect():
            pass
    except OperationalError as exc:
        message = f"PostgreSQL at {url.render_as_string(hide_password=True)} cannot be reached: {exc.orig}"
        if REQUIRE_POSTGRES:
            pytest.fail(message)
        pytest.skip(message)
    finally:
        engine.dispose()
    return url


@pytest.fixture
def postgres_url() -> Iterator[URL]:
    """A URL whose connections see only a new, empty schema of their own."""
    server = _server()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield server.update_query_dict({"options": f"-csearch_path={schema}"})
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> URL:
    (tmp_path / "data").mkdir()
    return database_url(f"sqlite:///{tmp_path / 'data' / 'skills.db'}")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest) -> URL:
    fixture = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    url: URL = request.getfixturevalue(fixture)
    return url


@pytest.fixture
def store(store_url: URL) -> Iterator[Store]:
    opened = Store.open(store_url)
    yield opened
    opened.close()
