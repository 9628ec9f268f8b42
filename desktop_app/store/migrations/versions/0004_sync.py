"""Sync with the office: the device's token and signing key, and per record the office's
record, its revision and the office's last word (reasons or conflict).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sync_state") as batch:
        batch.add_column(sa.Column("device_token", sa.String(), nullable=True))
        batch.add_column(sa.Column("signing_key", sa.String(), nullable=True))
        batch.add_column(sa.Column("area_code", sa.String(), nullable=True))
    # plain ALTER TABLE ADD COLUMN: a batch copy of enrollment would renumber the rowids the
    # name index (enrollment_search) points at
    op.add_column("enrollment", sa.Column("office_id", sa.Uuid(), nullable=True))
    op.add_column("enrollment", sa.Column("office_revision", sa.Integer(), nullable=True))
    op.add_column("enrollment", sa.Column("sync_note", sa.String(), nullable=True))
    op.create_index("ix_enrollment_office_id", "enrollment", ["office_id"])


def downgrade() -> None:
    with op.batch_alter_table("enrollment") as batch:
        batch.drop_index("ix_enrollment_office_id")
        for name in ("sync_note", "office_revision", "office_id"):
            batch.drop_column(name)
    with op.batch_alter_table("sync_state") as batch:
        for name in ("area_code", "signing_key", "device_token"):
            batch.drop_column(name)
