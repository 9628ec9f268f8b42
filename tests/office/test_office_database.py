"""The office's embedded SQLite file: its connection settings."""

from pathlib import Path

from desktop_app.office.database import open_office_database


def test_the_office_sqlite_commits_with_full_sync(tmp_path: Path) -> None:
    """A batch the office has committed (and answered, so the laptop marks it synced) is on the
    disk before the answer goes out: a power cut cannot roll it back (synchronous=FULL)."""
    engine = open_office_database(f"sqlite:///{tmp_path / 'office.sqlite3'}")
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2
    finally:
        engine.dispose()


def test_office_migrations_build_exactly_the_tables_the_models_describe(office) -> None:
    """On SQLite and PostgreSQL: an index a model names (``ix_client_link_canonical``, the
    pull's own-records lookup) exists because a migration made it, and nothing else."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from desktop_app.office.models import OfficeTable

    with office.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection),
                                       OfficeTable.metadata)
    assert differences == []
