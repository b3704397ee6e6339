"""Alembic's entry point: runs the migrations on the connection the store hands over.

The store (analytics/store/migrate.py) opens the connection, takes the lock and calls
``alembic.command.upgrade``; nothing here reads a URL or an ini file.
"""

from __future__ import annotations

from alembic import context

from analytics.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
