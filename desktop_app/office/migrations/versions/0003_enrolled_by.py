"""Who enrolled each person and at which visit: the officer (ID and name) and the visit's day
and place, as the laptop sends them with a record, kept on the canonical record.

Records received before this revision take their laptop and officer name from their first
version; their visit stays unknown.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT_COLUMNS = ("officer_code", "officer_name", "visit_desa_code", "visit_banjar")


def upgrade() -> None:
    with op.batch_alter_table("canonical_record", schema=None) as batch_op:
        batch_op.add_column(sa.Column("device_id", sa.Uuid(), nullable=True))
        for name in _TEXT_COLUMNS:
            batch_op.add_column(sa.Column(name, sa.String(), nullable=False,
                                          server_default=""))
        batch_op.add_column(sa.Column("enrolled_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("visit_date", sa.Date(), nullable=True))
    first = ("FROM record_version WHERE record_version.canonical_id = canonical_record.id "
             "AND record_version.revision = 1")
    op.execute(f"UPDATE canonical_record SET device_id = (SELECT device_id {first}), "
               f"officer_name = coalesce((SELECT officer_name {first}), '')")


def downgrade() -> None:
    with op.batch_alter_table("canonical_record", schema=None) as batch_op:
        for name in ("visit_date", "enrolled_on", *reversed(_TEXT_COLUMNS), "device_id"):
            batch_op.drop_column(name)
