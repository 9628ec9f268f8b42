"""Receipts keep their signed QR code and whether the office has it, so the office can vouch
for a receipt number typed from the paper.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("receipt") as batch:
        batch.add_column(sa.Column("code", sa.String(), nullable=False, server_default=""))
        batch.add_column(sa.Column("reported", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("receipt") as batch:
        batch.drop_column("reported")
        batch.drop_column("code")
