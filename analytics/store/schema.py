"""The store's tables, as SQLAlchemy Core metadata; the migrations create exactly these.

A round's tidy ratings are one compressed Arrow IPC value (``ratings``, see
:mod:`analytics.store.serial`), not a row per rating: a
20,000-person round is half a million ratings, and reading one compressed value back is
many times faster than selecting that many rows, which is what lets a stored round open faster
than its file can be read again (``benchmarks/bench_store.py``). Everything a person can
ask about a round without opening it (name, file, counts, who saved it, when) is a column.
Lists and small tables (validation report, column mapping) are JSON text.
"""

from __future__ import annotations

from typing import Final

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

# The migrations in analytics/store/migrations/versions, oldest first; a test checks they agree.
REVISIONS: Final = ("0001", "0002", "0003", "0004")
HEAD: Final = REVISIONS[-1]
NAME_LENGTH: Final = 200

metadata = MetaData()

rounds = Table(
    "rounds",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(NAME_LENGTH), nullable=False, unique=True),
    Column("source_name", String(500), nullable=False),
    Column("source_digest", String(64), nullable=False, index=True),
    Column("framework_yaml", Text, nullable=False),
    Column("framework_digest", String(64), nullable=False),
    Column("ratings", LargeBinary, nullable=False),
    Column("ratings_digest", String(64), nullable=False),
    Column("ingest", Text, nullable=False),
    Column("labels", Text, nullable=False),
    Column("n_people", Integer, nullable=False),
    Column("n_ratings", Integer, nullable=False),
    Column("saved_by", String(320), nullable=False),
    Column("saved_at", DateTime(timezone=True), nullable=False),
    # Ids are never reused (SQLite would give a deleted round's id to the next one), so an id
    # kept by a browser or a cache can only ever mean the round it was given to.
    sqlite_autoincrement=True,
)

mappings = Table(
    "mappings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("headers_digest", String(64), nullable=False, unique=True),
    Column("headers", Text, nullable=False),
    Column("columns", Text, nullable=False),
    Column("roles", Text, nullable=False),
    Column("saved_by", String(320), nullable=False),
    Column("saved_at", DateTime(timezone=True), nullable=False),
)

frameworks = Table(
    "frameworks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(NAME_LENGTH), nullable=False),
    Column("digest", String(64), nullable=False),
    Column("yaml", Text, nullable=False),
    Column("saved_by", String(320), nullable=False),
    Column("saved_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("name", name="uq_frameworks_name"),
    sqlite_autoincrement=True,
)

plans = Table(
    "plans",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", Integer, ForeignKey("rounds.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("name", String(NAME_LENGTH), nullable=False),
    Column("members", LargeBinary, nullable=False),
    Column("skills", Text, nullable=False),
    Column("n_people", Integer, nullable=False),
    Column("saved_by", String(320), nullable=False),
    Column("saved_at", DateTime(timezone=True), nullable=False),
    # The planner's choices as JSON (analytics.views.plan.PlanChoices.to_dict); NULL before 0003.
    Column("choices", Text, nullable=True),
    UniqueConstraint("round_id", "name", name="uq_plans_round_name"),
    sqlite_autoincrement=True,
)

workspaces = Table(
    "workspaces",
    metadata,
    Column("token", String(64), primary_key=True),
    Column("state", Text, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# Who signed in, saved, renamed, deleted or exported what, and when (Store.record, Store.audit).
audit = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
    Column("actor", String(320), nullable=False),
    Column("action", String(40), nullable=False),
    Column("subject", String(500), nullable=False),
    sqlite_autoincrement=True,
)
