"""The office's own ids, tombstones and typed review items (issue 14).

- ``canonical_record``: ``state`` (live, merged_into, withdrawn) and ``merged_into``; a NIK is
  unique among live records only (a partial unique index), so a tombstone keeps the NIK it
  last held without blocking a new enrollment of that NIK.
- ``conflict`` becomes a typed review item: ``kind`` (existing rows were identity conflicts),
  ``base_record`` (the office revision the laptop's edit started from) and
  ``other_canonical_id`` (for a same-person item, the record whose NIK was corrected).
- ``client_link.merged_from``: the record a link pointed at before a same-person decision
  redirected it.

Existing canonical ids stay as they are: laptops hold them as their records' office ids.
What changes is that no new canonical id is ever taken from a laptop's enrollment id.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# the unnamed UNIQUE (nik) of 0001, named so SQLite's table copy can leave it out
_NAMING = {"uq": "uq_%(table_name)s_%(column_0_name)s"}
_LIVE = sa.text("state = 'live'")


def _drop_nik_unique() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint("canonical_record_nik_key", "canonical_record", type_="unique")
        return
    # SQLite cannot drop a constraint: the table is copied without it (migrate() turns
    # foreign keys off meanwhile, so the rows pointing at it stay, and checks them after)
    with op.batch_alter_table("canonical_record", naming_convention=_NAMING,
                              recreate="always") as batch_op:
        batch_op.drop_constraint("uq_canonical_record_nik", type_="unique")


def upgrade() -> None:
    with op.batch_alter_table("canonical_record", schema=None) as batch_op:
        batch_op.add_column(sa.Column("state", sa.String(), nullable=False,
                                      server_default="live"))
        batch_op.add_column(sa.Column("merged_into", sa.Uuid(), nullable=True))
    _drop_nik_unique()
    op.create_index("ux_canonical_live_nik", "canonical_record", ["nik"], unique=True,
                    sqlite_where=_LIVE, postgresql_where=_LIVE)
    with op.batch_alter_table("conflict", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(), nullable=False,
                                      server_default="identity_conflict"))
        batch_op.add_column(sa.Column("base_record", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("other_canonical_id", sa.Uuid(), nullable=True))
    with op.batch_alter_table("client_link", schema=None) as batch_op:
        batch_op.add_column(sa.Column("merged_from", sa.Uuid(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("client_link", schema=None) as batch_op:
        batch_op.drop_column("merged_from")
    with op.batch_alter_table("conflict", schema=None) as batch_op:
        for name in ("other_canonical_id", "base_record", "kind"):
            batch_op.drop_column(name)
    op.drop_index("ux_canonical_live_nik", table_name="canonical_record")
    # records are never deleted, and a tombstone's NIK may be held by a live record again:
    # the one-NIK-one-row schema of 0003 cannot hold them
    tombstones = op.get_bind().execute(sa.text(
        "SELECT count(*) FROM canonical_record WHERE state <> 'live'")).scalar_one()
    if tombstones:
        raise RuntimeError(f"{tombstones} records were merged or withdrawn: revision 0003 "
                           "cannot hold them; restore a backup made before 0004 instead")
    with op.batch_alter_table("canonical_record", schema=None) as batch_op:
        batch_op.drop_column("merged_into")
        batch_op.drop_column("state")
        # named as upgrade() finds it on each database (PostgreSQL's own default name)
        batch_op.create_unique_constraint(
            "canonical_record_nik_key" if op.get_bind().dialect.name == "postgresql"
            else "uq_canonical_record_nik", ["nik"])
