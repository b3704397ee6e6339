"""Rounds and remembered column mappings.

Revision ID: 0001
Revises:
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rounds",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("source_name", sa.String(500), nullable=False),
        sa.Column("source_digest", sa.String(64), nullable=False, index=True),
        sa.Column("framework_yaml", sa.Text, nullable=False),
        sa.Column("framework_digest", sa.String(64), nullable=False),
        sa.Column("ratings", sa.LargeBinary, nullable=False),
        sa.Column("ratings_digest", sa.String(64), nullable=False),
        sa.Column("ingest", sa.Text, nullable=False),
        sa.Column("labels", sa.Text, nullable=False),
        sa.Column("n_people", sa.Integer, nullable=False),
        sa.Column("n_ratings", sa.Integer, nullable=False),
        sa.Column("saved_by", sa.String(320), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "mappings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("headers_digest", sa.String(64), nullable=False, unique=True),
        sa.Column("headers", sa.Text, nullable=False),
        sa.Column("columns", sa.Text, nullable=False),
        sa.Column("roles", sa.Text, nullable=False),
        sa.Column("saved_by", sa.String(320), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("mappings")
    op.drop_table("rounds")
