"""The laptop's local store: SQLite through SQLModel, migrated with Alembic.

Nothing here imports Qt. Every write is one transaction, so bad input leaves nothing behind.
"""
