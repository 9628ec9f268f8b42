"""A NIK is unique among live records only, and pulled records wait for a NIK held here.

A record merged into another (at the office, or a second copy of one office record folded on
this laptop) or withdrawn keeps the NIK it last had, for its history and receipts; the NIK
itself may belong to another person by now (a NIK corrected away from it, then enrolled for
the person it is really theirs). ``UNIQUE (nik)`` becomes the partial unique index
``ux_enrollment_live_nik`` over rows whose status is not a tombstone.

SQLite cannot drop a table constraint, so the table is built again, keeping every rowid (the
name index ``enrollment_search`` points at them): the old table is renamed aside with
``legacy_alter_table`` on (the history's and receipts' foreign keys keep naming
``enrollment``), the rows are copied with their rowids, and the name index's view and
triggers are made again from their own SQL.

``waiting_pull`` keeps an office record a pull brought that the laptop cannot take yet,
because the NIK it carries is held by another live record here (a NIK correction still under
review, a record the office has not linked yet, a copy whose change of NIK comes later): it
is taken as soon as the NIK is free, not skipped for ever behind the pull cursor.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from desktop_app.sql_types import UTCDateTime

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = """
    id CHAR(32) NOT NULL,
    nik VARCHAR(16) NOT NULL,
    full_name VARCHAR NOT NULL,
    birth_place VARCHAR NOT NULL,
    birth_date DATE,
    sex VARCHAR(1),
    address VARCHAR NOT NULL,
    desa_code VARCHAR NOT NULL,
    banjar VARCHAR NOT NULL,
    phone VARCHAR NOT NULL,
    occupation VARCHAR NOT NULL,
    occupation_other VARCHAR NOT NULL,
    monthly_income INTEGER,
    programs VARCHAR NOT NULL,
    payment_months INTEGER NOT NULL,
    first_month VARCHAR,
    funding_source VARCHAR NOT NULL,
    sponsor_name VARCHAR NOT NULL,
    kk_number VARCHAR NOT NULL,
    beneficiary_name VARCHAR NOT NULL,
    beneficiary_relationship VARCHAR NOT NULL,
    beneficiary_phone VARCHAR NOT NULL,
    consent_given BOOLEAN NOT NULL,
    consent_text_version VARCHAR NOT NULL,
    consent_recorded_by VARCHAR NOT NULL,
    consent_recorded_at DATETIME,
    notes VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    revision INTEGER NOT NULL,
    synced_revision INTEGER NOT NULL,
    warnings VARCHAR NOT NULL,
    officer_id CHAR(32) NOT NULL,
    device_id CHAR(32) NOT NULL,
    visit_id CHAR(32),
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    office_id CHAR(32),
    office_revision INTEGER,
    sync_note VARCHAR,
    enrolled_on DATE DEFAULT '2021-01-01' NOT NULL,
    clash VARCHAR,
    clash_holds BOOLEAN DEFAULT 0 NOT NULL"""
_NAMES = ", ".join(line.split()[0] for line in _COLUMNS.strip().splitlines())
_INDEXES = {
    "ix_enrollment_status": "status", "ix_enrollment_status_nik": "status, nik",
    "ix_enrollment_visit": "visit_id", "ix_enrollment_banjar": "banjar",
    "ix_enrollment_full_name": "full_name", "ix_enrollment_birth_date": "birth_date",
    "ix_enrollment_updated_at": "updated_at", "ix_enrollment_created_at": "created_at",
    "ix_enrollment_office_id": "office_id"}
_LIVE = "status NOT IN ('merged', 'withdrawn')"


def _rebuild(unique: str, partial_index: str | None) -> None:
    """The enrollment table made again with ``unique`` among its constraints, rowids kept."""
    connection = op.get_bind()
    dependants = connection.exec_driver_sql(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('view', 'trigger') "
        "AND (tbl_name = 'enrollment' OR name = 'enrollment_search_source')").all()
    for kind, name, _sql in dependants:
        op.execute(f"DROP {kind.upper()} {name}")
    op.execute("PRAGMA legacy_alter_table = ON")
    op.execute("ALTER TABLE enrollment RENAME TO enrollment_before_0009")
    op.execute(f"CREATE TABLE enrollment ({_COLUMNS},\n    PRIMARY KEY (id),{unique}\n"
               "    FOREIGN KEY(officer_id) REFERENCES officer (id),\n"
               "    FOREIGN KEY(visit_id) REFERENCES visit (id)\n)")
    op.execute(f"INSERT INTO enrollment (rowid, {_NAMES}) "
               f"SELECT rowid, {_NAMES} FROM enrollment_before_0009")
    op.execute("DROP TABLE enrollment_before_0009")
    op.execute("PRAGMA legacy_alter_table = OFF")
    for name, columns in _INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON enrollment ({columns})")
    if partial_index:
        op.execute(partial_index)
    for _kind, _name, sql in sorted(dependants, key=lambda d: d[0] != "view"):
        op.execute(sql)  # the view first: the triggers feed the index it stands behind


def upgrade() -> None:
    _rebuild("", f"CREATE UNIQUE INDEX ux_enrollment_live_nik ON enrollment (nik) WHERE {_LIVE}")
    op.create_table(
        "waiting_pull",
        sa.Column("office_id", sa.Uuid(), primary_key=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("pulled", sa.String(), nullable=False),
        sa.Column("waiting_since", UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("waiting_pull")
    _rebuild("\n    UNIQUE (nik),", None)
