"""The SQLite file: where it lives, its connection settings, its migrations."""

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine

from desktop_app.store.database import (
    DATABASE_FILE,
    current_revision,
    default_data_dir,
    head_revision,
    open_database,
)
from desktop_app.store.models import SQLModel


def test_database_file_is_made_in_the_data_folder_at_the_newest_schema(tmp_path: Path) -> None:
    engine = open_database(tmp_path / "new" / "folder")
    assert (tmp_path / "new" / "folder" / DATABASE_FILE).is_file()
    assert current_revision(engine) == head_revision()


def test_connections_use_wal_full_sync_foreign_keys_and_a_busy_timeout(engine: Engine) -> None:
    with engine.connect() as connection:
        pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL: a commit is on the disk when it returns
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") == 5000


def test_default_data_folder_is_the_users_data_folder_not_the_program_folder(
        monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_data_dir() == tmp_path / "xdg" / "banjar-enroll"


def test_migrations_build_exactly_the_tables_the_models_describe(engine: Engine) -> None:
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    # the FTS5 name index and its shadow tables are made by migration 0002, not by a model
    differences = [d for d in differences
                   if not (d[0] == "remove_table" and d[1].name.startswith("enrollment_search"))]
    assert differences == []


def test_reopening_an_existing_database_keeps_its_data(tmp_path: Path) -> None:
    from desktop_app.store.device import device_id

    first = open_database(tmp_path)
    device = device_id(first)
    first.dispose()
    again = open_database(tmp_path)
    assert device_id(again) == device


def test_the_revisions_read_from_file_names_are_alembics_own() -> None:
    """Startup reads revision ids from file names to avoid importing Alembic; they must agree."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from desktop_app.store.database import _MIGRATIONS, known_revisions

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    scripts = ScriptDirectory.from_config(config)
    assert head_revision() == scripts.get_current_head()
    assert known_revisions() == sorted(s.revision for s in scripts.walk_revisions())
