"""Alembic environment for the office database (SQLite or PostgreSQL).

Migrations run from code (``desktop_app.office.database.migrate``), which hands over an open
connection; batch mode lets later revisions alter SQLite tables.
"""

from alembic import context

from desktop_app.office.models import office_registry

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=office_registry.metadata,
                  render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
