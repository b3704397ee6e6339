"""Fixtures of the analytics tests: the store's fresh PostgreSQL schema, for the command line's rounds.

``postgres_url`` is the store tests' own fixture (a new, empty schema per test, dropped
after), taken from their conftest rather than written a second time.
"""

from __future__ import annotations

from tests.store.conftest import postgres_url

__all__ = ["postgres_url"]
