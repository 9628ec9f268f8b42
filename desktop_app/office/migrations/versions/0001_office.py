"""The office schema: devices, canonical records and their versions, conflicts, batches.

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


def upgrade() -> None:
    op.create_table("canonical_record",
    sa.Column("id", sa.Uuid(), nullable=False),
    sa.Column("nik", sa.String(length=16), nullable=False),
    sa.Column("full_name", sa.String(), nullable=False),
    sa.Column("desa_code", sa.String(), nullable=False),
    sa.Column("kecamatan_code", sa.String(), nullable=False),
    sa.Column("record", sa.Text(), nullable=False),
    sa.Column("revision", sa.Integer(), nullable=False),
    sa.Column("seq", sa.Integer(), nullable=False),
    sa.Column("created_at", UTCDateTime(), nullable=False),
    sa.Column("updated_at", UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("nik")
    )
    with op.batch_alter_table("canonical_record", schema=None) as batch_op:
        batch_op.create_index("ix_canonical_area_seq", ["kecamatan_code", "seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_canonical_record_seq"), ["seq"], unique=False)

    op.create_table("client_link",
    sa.Column("device_id", sa.Uuid(), nullable=False),
    sa.Column("enrollment_id", sa.Uuid(), nullable=False),
    sa.Column("canonical_id", sa.Uuid(), nullable=True),
    sa.Column("last_revision", sa.Integer(), nullable=False),
    sa.Column("last_answer", sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint("device_id", "enrollment_id")
    )
    op.create_table("device",
    sa.Column("id", sa.Uuid(), nullable=False),
    sa.Column("officer_name", sa.String(), nullable=False),
    sa.Column("area_code", sa.String(), nullable=False),
    sa.Column("token_hash", sa.String(), nullable=False),
    sa.Column("public_key", sa.String(), nullable=False),
    sa.Column("app_version", sa.String(), nullable=False),
    sa.Column("registered_at", UTCDateTime(), nullable=False),
    sa.Column("revoked_at", UTCDateTime(), nullable=True),
    sa.Column("last_sync_at", UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("token_hash")
    )
    op.create_table("office_state",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("last_seq", sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint("id")
    )
    op.create_table("received_batch",
    sa.Column("id", sa.Uuid(), nullable=False),
    sa.Column("device_id", sa.Uuid(), nullable=False),
    sa.Column("digest", sa.String(), nullable=False),
    sa.Column("answer", sa.Text(), nullable=True),
    sa.Column("record_count", sa.Integer(), nullable=False),
    sa.Column("received_at", UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint("id")
    )
    op.create_table("registration_code",
    sa.Column("id", sa.Uuid(), nullable=False),
    sa.Column("code_hash", sa.String(), nullable=False),
    sa.Column("officer_name", sa.String(), nullable=False),
    sa.Column("area_code", sa.String(), nullable=False),
    sa.Column("created_at", UTCDateTime(), nullable=False),
    sa.Column("expires_at", UTCDateTime(), nullable=False),
    sa.Column("used_at", UTCDateTime(), nullable=True),
    sa.Column("device_id", sa.Uuid(), nullable=True),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("code_hash")
    )
    op.create_table("conflict",
    sa.Column("id", sa.Uuid(), nullable=False),
    sa.Column("canonical_id", sa.Uuid(), nullable=False),
    sa.Column("nik", sa.String(length=16), nullable=False),
    sa.Column("device_id", sa.Uuid(), nullable=False),
    sa.Column("enrollment_id", sa.Uuid(), nullable=False),
    sa.Column("revision", sa.Integer(), nullable=False),
    sa.Column("base_revision", sa.Integer(), nullable=True),
    sa.Column("office_revision", sa.Integer(), nullable=False),
    sa.Column("office_record", sa.Text(), nullable=False),
    sa.Column("incoming_record", sa.Text(), nullable=False),
    sa.Column("fields", sa.Text(), nullable=False),
    sa.Column("status", sa.String(), nullable=False),
    sa.Column("resolution", sa.Text(), nullable=True),
    sa.Column("resolved_by", sa.String(), nullable=False),
    sa.Column("resolved_at", UTCDateTime(), nullable=True),
    sa.Column("seq", sa.Integer(), nullable=False),
    sa.Column("created_at", UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(["canonical_id"], ["canonical_record.id"], ),
    sa.PrimaryKeyConstraint("id")
    )
    with op.batch_alter_table("conflict", schema=None) as batch_op:
        batch_op.create_index("ix_conflict_device_seq", ["device_id", "seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_conflict_nik"), ["nik"], unique=False)

    op.create_table("record_version",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("canonical_id", sa.Uuid(), nullable=False),
    sa.Column("revision", sa.Integer(), nullable=False),
    sa.Column("seq", sa.Integer(), nullable=False),
    sa.Column("record", sa.Text(), nullable=False),
    sa.Column("changes", sa.Text(), nullable=False),
    sa.Column("action", sa.String(), nullable=False),
    sa.Column("device_id", sa.Uuid(), nullable=True),
    sa.Column("officer_name", sa.String(), nullable=False),
    sa.Column("enrollment_id", sa.Uuid(), nullable=True),
    sa.Column("batch_id", sa.Uuid(), nullable=True),
    sa.Column("recorded_at", UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(["canonical_id"], ["canonical_record.id"], ),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("canonical_id", "revision")
    )


def downgrade() -> None:
    op.drop_table("record_version")
    with op.batch_alter_table("conflict", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conflict_nik"))
        batch_op.drop_index("ix_conflict_device_seq")

    op.drop_table("conflict")
    op.drop_table("registration_code")
    op.drop_table("received_batch")
    op.drop_table("office_state")
    op.drop_table("device")
    op.drop_table("client_link")
    with op.batch_alter_table("canonical_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_canonical_record_seq"))
        batch_op.drop_index("ix_canonical_area_seq")

    op.drop_table("canonical_record")
