"""The planner's choices kept with a training plan: actions, costs, dates, owners, people left out, mentors.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plans saved before keep no choices (NULL): they open with the framework's suggestions.
    with op.batch_alter_table("plans") as batch:
        batch.add_column(sa.Column("choices", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("plans") as batch:
        batch.drop_column("choices")
