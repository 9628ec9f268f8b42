"""Alembic environment for the laptop's SQLite store.

Migrations run from code (``desktop_app.store.database.migrate``), which hands over an open
connection; batch mode lets later revisions alter SQLite tables.
"""

from alembic import context

from desktop_app.store.models import SQLModel

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=SQLModel.metadata,
                  render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
