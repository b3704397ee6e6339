"""Store fixtures: a fresh SQLite file, and a store on it and on a fresh PostgreSQL schema
(``postgres_url``, from tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import URL

from analytics.store import Store, database_url


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
