"""The store when the database is not what it should be: damaged, foreign, down, older, newer, busy."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import URL

from analytics.framework import default_framework
from analytics.ingest import IngestResult
from analytics.store import (
    NotFound,
    RoundExists,
    SameFileSaved,
    Store,
    StoreError,
    StoreUnavailable,
    database_url,
)
from analytics.store import schema as s
from analytics.store.migrate import MIGRATIONS
from tests.helpers.app import SAMPLE


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def test_the_migrations_are_the_schema_the_code_knows(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    script = ScriptDirectory.from_config(_config())
    walked = [r.revision for r in script.walk_revisions()][::-1]
    assert tuple(walked) == s.REVISIONS
    with store.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), s.metadata)
    assert differences == []


def test_a_damaged_sqlite_file_is_reported_and_left_alone(sqlite_url: URL) -> None:
    path = Path(sqlite_url.database or "")
    garbage = b"this is not a database at all " * 200
    path.write_bytes(garbage)
    with pytest.raises(StoreUnavailable, match="damaged or is not a database file") as caught:
        Store.open(sqlite_url)
    assert "SKILLS_DATA_DIR" in str(caught.value)
    assert path.read_bytes() == garbage


def test_another_applications_database_is_not_written_into(sqlite_url: URL) -> None:
    path = Path(sqlite_url.database or "")
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO customers VALUES (1, 'Ayu')")
    with pytest.raises(StoreUnavailable, match=r"another application \(customers\)"):
        Store.open(sqlite_url)
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    assert tables == ["customers"]


def test_a_database_that_is_down_gets_a_message_not_a_traceback() -> None:
    url = database_url("postgresql://skills@127.0.0.1:9/skills")
    with pytest.raises(StoreUnavailable, match="did not answer") as caught:
        Store.open(url)
    message = str(caught.value)
    assert "DATABASE_URL" in message
    assert "nothing was saved or lost" in message


def test_a_password_never_shows_in_a_message() -> None:
    with pytest.raises(StoreUnavailable) as caught:
        Store.open("postgresql://skills:s3cret-pw@127.0.0.1:9/skills")
    assert "s3cret-pw" not in str(caught.value)


def test_a_data_folder_that_cannot_be_made(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreUnavailable, match="cannot be created"):
        Store.open(f"sqlite:///{blocker / 'sub' / 'skills.db'}")


def test_an_older_schema_is_upgraded_with_its_rounds(store_url: URL, sample_result: IngestResult) -> None:
    engine = create_engine(store_url)
    config = _config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
    with engine.connect() as conn:
        assert "plans" not in inspect(conn).get_table_names()
    # The first schema's code saved rounds only; a Store on it does the same.
    old = Store(engine, store_url)
    old.save_round("Kept", sample_result, default_framework(), "s.xlsx", "digest", "tester")
    upgraded = Store.open(store_url)
    assert [r.name for r in upgraded.rounds()] == ["Kept"]
    assert upgraded.open_round("Kept").info.n_people == 47
    plan = upgraded.save_plan(upgraded.round_info("Kept").id, "Plan", _members(), "tester")
    assert plan.n_people == 2
    with upgraded.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == s.HEAD
    upgraded.close()
    engine.dispose()


def test_a_newer_schema_is_not_touched(store: Store, store_url: URL) -> None:
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreUnavailable, match="newer version of the dashboard"):
        Store.open(store_url)


def _members():  # type: ignore[no-untyped-def]
    import pandas as pd

    return pd.DataFrame(
        {
            "skill_id": ["web_analytics", "reporting"],
            "respondent_id": ["a@x", "b@x"],
            "action": ["Course", "Mentoring"],
        }
    )


def _save_many(url: str, prefix: str, shared: str, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    from analytics.framework import default_framework
    from analytics.ingest import read_survey

    store = Store.open(url)
    result = read_survey(SAMPLE.read_bytes(), default_framework(), SAMPLE.name)
    outcome = []
    for name in [f"{prefix}-{i}" for i in range(4)] + [shared]:
        try:
            store.save_round(name, result, default_framework(), "s.xlsx", f"{prefix}{name}", prefix)
            outcome.append(("saved", name))
        except RoundExists:
            outcome.append(("exists", name))
        except StoreError as exc:
            outcome.append(("error", str(exc)))
    queue.put(outcome)


@pytest.mark.postgres
def test_two_processes_saving_at_once_on_postgresql(postgres_url: URL) -> None:
    Store.open(postgres_url).close()
    url = postgres_url.render_as_string(hide_password=False)
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    workers = [context.Process(target=_save_many, args=(url, p, "Shared", queue)) for p in ("one", "two")]
    for w in workers:
        w.start()
    outcomes = [queue.get(timeout=120) for _ in workers]
    for w in workers:
        w.join(timeout=60)
    flat = [x for o in outcomes for x in o]
    assert not [x for x in flat if x[0] == "error"]
    shared = sorted(kind for kind, name in flat if name == "Shared")
    assert shared == ["exists", "saved"]
    names = sorted(r.name for r in Store.open(postgres_url).rounds())
    assert names == sorted(["Shared", *(f"{p}-{i}" for p in ("one", "two") for i in range(4))])


def _open_at_once(url: str, barrier: Any, queue: Any) -> None:
    barrier.wait()
    try:
        Store.open(url).close()
        queue.put("ok")
    except StoreError as exc:
        queue.put(str(exc))


def test_processes_opening_a_new_store_together_all_succeed(store_url: URL) -> None:
    """The first start of several servers (or a server and the command line) on an empty database."""
    context = multiprocessing.get_context("spawn")
    barrier, queue = context.Barrier(3), context.Queue()
    url = store_url.render_as_string(hide_password=False)
    workers = [context.Process(target=_open_at_once, args=(url, barrier, queue)) for _ in range(3)]
    for w in workers:
        w.start()
    outcomes = [queue.get(timeout=120) for _ in workers]
    for w in workers:
        w.join(timeout=60)
    assert outcomes == ["ok", "ok", "ok"]


def _save_same_file(url: str, name: str, barrier: Any, queue: Any) -> None:
    from analytics.ingest import read_survey

    store = Store.open(url)
    result = read_survey(SAMPLE.read_bytes(), default_framework(), SAMPLE.name)
    barrier.wait()
    try:
        store.save_round(name, result, default_framework(), "s.xlsx", "one-digest", name)
        queue.put("saved")
    except SameFileSaved:
        queue.put("asked")


@pytest.mark.postgres
def test_two_people_saving_the_same_file_at_once_one_is_asked(postgres_url: URL) -> None:
    Store.open(postgres_url).close()
    context = multiprocessing.get_context("spawn")
    barrier, queue = context.Barrier(2), context.Queue()
    url = postgres_url.render_as_string(hide_password=False)
    workers = [context.Process(target=_save_same_file, args=(url, n, barrier, queue)) for n in ("A", "B")]
    for w in workers:
        w.start()
    outcomes = sorted(queue.get(timeout=120) for _ in workers)
    for w in workers:
        w.join(timeout=60)
    assert outcomes == ["asked", "saved"]
    assert len(Store.open(postgres_url).rounds()) == 1


def test_ids_are_never_reused(store: Store, sample_result: IngestResult) -> None:
    first = store.save_round("Q3", sample_result, default_framework(), "s.xlsx", "d1", "me")
    store.delete_round(first.id)
    again = store.save_round("Q3", sample_result, default_framework(), "s.xlsx", "d1", "me")
    assert again.id != first.id
    with pytest.raises(NotFound, match="no longer stored"):
        store.open_round(first.id)
