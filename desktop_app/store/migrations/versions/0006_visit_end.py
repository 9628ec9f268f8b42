"""A visit can be ended: ``visit.ended_at`` says when (empty while it is open), and an index
finds the open visit of a place and day, so starting it again resumes it.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from desktop_app.sql_types import UTCDateTime

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("visit") as batch:
        batch.add_column(sa.Column("ended_at", UTCDateTime(), nullable=True))
    op.create_index("ix_visit_place_date", "visit", ["desa_code", "banjar", "visit_date"])


def downgrade() -> None:
    op.drop_index("ix_visit_place_date", "visit")
    with op.batch_alter_table("visit") as batch:
        batch.drop_column("ended_at")
