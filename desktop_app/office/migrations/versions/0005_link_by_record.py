"""Links found by the record they point at: ``ix_client_link_canonical`` on
(``canonical_id``, ``device_id``).

A laptop's pull asks which records of a page are its own (they come back marked ``yours``),
and a same-person decision redirects every link of the record that goes: both looked for links
by record, which the primary key (device, enrollment) cannot find, so each page read every
link of the laptop (the own-records pull ran at half the speed of another laptop's).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_client_link_canonical", "client_link", ["canonical_id", "device_id"])


def downgrade() -> None:
    op.drop_index("ix_client_link_canonical", "client_link")
