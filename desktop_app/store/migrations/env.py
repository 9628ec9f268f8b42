"""Alembic environment for the laptop's SQLite store.

Migrations run from code (``desktop_app.store.database.migrate``), which hands over an open
connection; batch mode lets later revisions alter SQLite tables.
"""

from alembic import context

from desktop_app.store.models import SQLModel


def include_object(obj, name: str, type_: str, reflected: bool, compare_to) -> bool:
    """The FTS5 name index (migration 0002) has no model: autogenerate must not drop it."""
    return not (type_ == "table" and name.startswith("enrollment_search"))


connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=SQLModel.metadata,
                  render_as_batch=True, include_object=include_object)
with context.begin_transaction():
    context.run_migrations()
