"""Named framework versions, training plans saved with a round, and browser workspaces.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "frameworks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("yaml", sa.Text, nullable=False),
        sa.Column("saved_by", sa.String(320), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("name", name="uq_frameworks_name"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "plans",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "round_id", sa.Integer, sa.ForeignKey("rounds.id", ondelete="CASCADE"), nullable=False, index=True
        ),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("members", sa.LargeBinary, nullable=False),
        sa.Column("skills", sa.Text, nullable=False),
        sa.Column("n_people", sa.Integer, nullable=False),
        sa.Column("saved_by", sa.String(320), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("round_id", "name", name="uq_plans_round_name"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "workspaces",
        sa.Column("token", sa.String(64), primary_key=True),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("workspaces")
    op.drop_table("plans")
    op.drop_table("frameworks")
