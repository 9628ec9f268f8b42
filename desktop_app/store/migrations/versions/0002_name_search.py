"""Name search: an FTS5 index over enrollment names.

Case- and accent-insensitive word-prefix search (``unicode61 remove_diacritics 2`` with prefix
indexes). The index is external-content over ``enrollment``'s rowid; existing rows are indexed
by the ``rebuild`` at the end, so a database made at 0001 becomes searchable on upgrade.
Triggers follow updates and deletes. New rows are indexed by the code that inserts them
(``desktop_app.store.enrollments``), in one set-based statement per batch: a per-row insert
trigger made bulk inserts two and a half times slower.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE enrollment_search USING fts5("
        "full_name, content='enrollment', content_rowid='rowid', "
        "tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')"
    )
    op.execute(
        "CREATE TRIGGER enrollment_search_delete AFTER DELETE ON enrollment BEGIN "
        "INSERT INTO enrollment_search(enrollment_search, rowid, full_name) "
        "VALUES ('delete', old.rowid, old.full_name); END"
    )
    op.execute(
        "CREATE TRIGGER enrollment_search_update AFTER UPDATE OF full_name ON enrollment BEGIN "
        "INSERT INTO enrollment_search(enrollment_search, rowid, full_name) "
        "VALUES ('delete', old.rowid, old.full_name); "
        "INSERT INTO enrollment_search(rowid, full_name) VALUES (new.rowid, new.full_name); END"
    )
    op.execute("INSERT INTO enrollment_search(enrollment_search) VALUES ('rebuild')")


def downgrade() -> None:
    for trigger in ("delete", "update"):
        op.execute(f"DROP TRIGGER enrollment_search_{trigger}")
    op.execute("DROP TABLE enrollment_search")
