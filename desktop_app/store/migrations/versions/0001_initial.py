"""The first schema: officers, sync state, visits, enrollments, history, receipts.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from desktop_app.sql_types import UTCDateTime

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _text(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.String(), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "officer",
        sa.Column("id", sa.Uuid(), primary_key=True),
        _text("name"),
        _text("officer_code"),
        _text("pin_hash", nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("officer_code"),
    )
    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("current_officer_id", sa.Uuid(), sa.ForeignKey("officer.id"), nullable=True),
        _text("server_url", nullable=True),
        sa.Column("pull_cursor", sa.Integer(), nullable=False),
        sa.Column("last_sync_at", UTCDateTime(), nullable=True),
    )
    op.create_table(
        "visit",
        sa.Column("id", sa.Uuid(), primary_key=True),
        _text("desa_code"),
        _text("banjar"),
        sa.Column("visit_date", sa.Date(), nullable=False),
        sa.Column("officer_id", sa.Uuid(), sa.ForeignKey("officer.id"), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "enrollment",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("nik", sa.String(16), nullable=False),
        *(_text(name) for name in ("full_name", "birth_place")),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("sex", sa.String(1), nullable=True),
        *(_text(name) for name in ("address", "desa_code", "banjar", "phone", "occupation",
                                   "occupation_other")),
        sa.Column("monthly_income", sa.Integer(), nullable=True),
        _text("programs"),
        sa.Column("payment_months", sa.Integer(), nullable=False),
        _text("first_month", nullable=True),
        *(_text(name) for name in ("funding_source", "sponsor_name", "kk_number",
                                   "beneficiary_name", "beneficiary_relationship",
                                   "beneficiary_phone")),
        sa.Column("consent_given", sa.Boolean(), nullable=False),
        _text("consent_text_version"),
        _text("consent_recorded_by"),
        sa.Column("consent_recorded_at", UTCDateTime(), nullable=True),
        _text("notes"),
        _text("status"),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("synced_revision", sa.Integer(), nullable=False),
        _text("warnings"),
        sa.Column("officer_id", sa.Uuid(), sa.ForeignKey("officer.id"), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("visit_id", sa.Uuid(), sa.ForeignKey("visit.id"), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("nik"),
    )
    op.create_index("ix_enrollment_status", "enrollment", ["status"])
    op.create_index("ix_enrollment_status_nik", "enrollment", ["status", "nik"])
    op.create_index("ix_enrollment_visit", "enrollment", ["visit_id"])
    op.create_index("ix_enrollment_banjar", "enrollment", ["banjar"])
    op.create_index("ix_enrollment_full_name", "enrollment", ["full_name"])
    op.create_table(
        "enrollment_history",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("enrollment_id", sa.Uuid(), sa.ForeignKey("enrollment.id"), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        _text("action"),
        sa.Column("officer_id", sa.Uuid(), sa.ForeignKey("officer.id"), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("changed_at", UTCDateTime(), nullable=False),
        _text("changes"),
    )
    op.create_index("ix_history_enrollment", "enrollment_history", ["enrollment_id", "revision"])
    op.create_table(
        "receipt",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("enrollment_id", sa.Uuid(), sa.ForeignKey("enrollment.id"), nullable=False),
        _text("number"),
        sa.Column("copy_number", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Uuid(), sa.ForeignKey("officer.id"), nullable=False),
        sa.Column("printed_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("number", "copy_number"),
    )
    op.create_index("ix_receipt_enrollment_id", "receipt", ["enrollment_id"])


def downgrade() -> None:
    for table in ("receipt", "enrollment_history", "enrollment", "visit", "sync_state", "officer"):
        op.drop_table(table)
