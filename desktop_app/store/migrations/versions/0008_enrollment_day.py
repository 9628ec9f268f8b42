"""The enrollment day is a column of its own, and batches on their way are kept.

``enrollment.enrolled_on`` is the day the record was made (the visit's day, else the day the
officer saved it): age, first month and the discount window are reckoned on it by the form,
the store and the office alike, whenever the record is checked again. Existing rows take
their visit's day, else the local day of ``created_at`` (as receipts and exports read it
until now).

``enrollment.clash`` lists the fields where a rebase found the laptop's unsent value and a
newer office value both changed (field, both values as the form shows them); the officer sees
them in the list and the form. ``clash_holds``: one of them needs a person (identity, money,
consent), so the record is not sent until its officer saves it again.

``travelling_batch`` keeps each signed batch from the moment it is sent (or written to a
batch file) until its answers are kept, so a push whose answer was lost is sent again with
the same batch id and the same content, and gets the answers the office gave the first time.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from desktop_app.sql_types import UTCDateTime

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # plain ALTER TABLE ADD COLUMN (a batch copy would renumber the rowids the name index
    # points at); SQLite needs a default for a NOT NULL column, every write sets its own
    op.add_column("enrollment", sa.Column("enrolled_on", sa.Date(), nullable=False,
                                          server_default="2021-01-01"))
    op.execute(
        "UPDATE enrollment SET enrolled_on = coalesce("
        "(SELECT visit.visit_date FROM visit WHERE visit.id = enrollment.visit_id), "
        "date(enrollment.created_at, 'localtime'))")
    op.add_column("enrollment", sa.Column("clash", sa.String(), nullable=True))
    op.add_column("enrollment", sa.Column("clash_holds", sa.Boolean(), nullable=False,
                                          server_default=sa.false()))
    op.create_table(
        "travelling_batch",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("signed", sa.String(), nullable=False),
        sa.Column("record_count", sa.Integer(), nullable=False),
        sa.Column("made_at", UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("travelling_batch")
    for name in ("clash_holds", "clash", "enrolled_on"):
        op.drop_column("enrollment", name)
