"""Indexes for the enrollment list: sorting by birth date or last change, filtering by day.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_enrollment_birth_date", "enrollment", ["birth_date"])
    op.create_index("ix_enrollment_updated_at", "enrollment", ["updated_at"])
    op.create_index("ix_enrollment_created_at", "enrollment", ["created_at"])


def downgrade() -> None:
    for name in ("birth_date", "updated_at", "created_at"):
        op.drop_index(f"ix_enrollment_{name}", "enrollment")
