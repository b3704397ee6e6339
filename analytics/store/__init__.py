"""The store: survey rounds and what is kept with them, in SQLite or PostgreSQL (SQLAlchemy 2).

``Store.open()`` finds the database (:mod:`analytics.store.location`), makes sure it is ours
and upgrades its schema (:mod:`analytics.store.migrate`); :class:`Store` saves and opens
rounds, mappings, framework versions, training plans and workspaces
(:mod:`analytics.store.store`); :func:`open_together` turns stored rounds into the ingest
result every page reads (:mod:`analytics.store.opened`).
"""

from __future__ import annotations

from analytics.store.errors import (
    NameTaken,
    NotFound,
    RoundExists,
    SameFileSaved,
    StoreError,
    StoreUnavailable,
)
from analytics.store.location import database_url
from analytics.store.opened import OpenedRounds, open_together
from analytics.store.store import (
    MEMBER_COLUMNS,
    FrameworkVersion,
    PlanInfo,
    RememberedMapping,
    RoundInfo,
    Store,
    StoredRound,
    clean_name,
    headers_key,
)

__all__ = [
    "MEMBER_COLUMNS",
    "FrameworkVersion",
    "NameTaken",
    "NotFound",
    "OpenedRounds",
    "PlanInfo",
    "RememberedMapping",
    "RoundExists",
    "RoundInfo",
    "SameFileSaved",
    "Store",
    "StoreError",
    "StoreUnavailable",
    "StoredRound",
    "clean_name",
    "database_url",
    "headers_key",
    "open_together",
]
