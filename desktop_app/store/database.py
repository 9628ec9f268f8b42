"""Opening the local SQLite database and its Alembic migrations.

Connection settings live in ``desktop_app.sqlite_engine`` (shared with the office); the store
adds the name index's SQL function to each connection (``desktop_app.store.name_index``). The
file is checked before anything writes to it (``desktop_app.store.integrity``). Never
``VACUUM`` without rebuilding ``enrollment_search``
afterwards: the name index points at ``enrollment`` rowids, which VACUUM may renumber.
"""

import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from desktop_app.assets import use_reference_folder
from desktop_app.sqlite_engine import BrokenReferences, create_sqlite_engine, schema_change
from desktop_app.store.file_check import damage_in
from desktop_app.store.integrity import damaged_by, guard_database, mark_database
from desktop_app.store.name_index import use_name_functions

APP_NAME = "banjar-enroll"
DATABASE_FILE = "banjar-enroll.sqlite3"
REFERENCE_FOLDER = "reference"
_MIGRATIONS = Path(__file__).with_name("migrations")


def default_data_dir() -> Path:
    """The user's data folder (never next to the program, which may be read-only)."""
    return Path(user_data_dir(APP_NAME, appauthor=False))


def _alembic_config():
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    return config


def migrate(engine: Engine, revision: str = "head") -> None:
    """Brings the schema up to ``revision``, in one transaction."""
    from alembic import command

    _schema_change(engine, command.upgrade, revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Takes the schema back to ``revision`` (for tests of a migration's way back)."""
    from alembic import command

    _schema_change(engine, command.downgrade, revision)


def _schema_change(engine: Engine, step: Callable[[Any, str], None], revision: str) -> None:
    """Runs an Alembic ``step`` to ``revision`` in one transaction with foreign keys off and
    checked after (``sqlite_engine.schema_change``: migration 0009 builds a table again)."""
    config = _alembic_config()
    with engine.connect() as connection:
        try:
            with schema_change(connection):
                config.attributes["connection"] = connection
                step(config, revision)
        except BrokenReferences as broken:
            raise DatabaseUnavailable(f"the upgrade to schema {revision} failed: {broken}; "
                                      "hand this file to the office") from None


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not connection.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE name = 'alembic_version'").first():
            return None
        return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def known_revisions() -> list[str]:
    """Revision ids, oldest first, from the migration file names (``0003_list_order.py`` is
    revision ``0003``): startup needs no Alembic import (a quarter of a second) to see that
    the schema is current. A test holds this to Alembic's own reading of the scripts."""
    return sorted(path.name.split("_", 1)[0]
                  for path in (_MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))


def head_revision() -> str:
    return known_revisions()[-1]


def refresh_statistics(connection: Connection) -> None:
    """Samples the indexes (about a millisecond) so the query planner knows their shape.

    Without statistics SQLite took a NIK prefix plus a status filter through the status index
    and sorted 200,000 rows (60 ms); with them it walks the NIK index (under 1 ms).
    """
    connection.exec_driver_sql("PRAGMA analysis_limit=400")
    connection.exec_driver_sql("ANALYZE")


class DatabaseUnavailable(Exception):
    """The data folder or its database cannot be used; the message says why and what to do."""


def reference_folder(engine: Engine) -> Path:
    """Where reference data pulled from the office is kept: beside the database."""
    return Path(str(engine.url.database)).parent / REFERENCE_FOLDER


def open_database(data_dir: Path) -> Engine:
    """Opens (creating if needed) the database in ``data_dir``, migrated to the newest schema.

    The domain then reads the reference data this laptop pulled from the office, if any."""
    use_reference_folder(data_dir / REFERENCE_FOLDER)
    path = data_dir / DATABASE_FILE
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as failure:
        raise DatabaseUnavailable(
            f"the data folder {data_dir} cannot be made ({failure.strerror}); choose another "
            "with --data-dir") from None
    guard_database(path)  # before anything writes: a damaged or emptied file is refused
    engine = create_sqlite_engine(path)
    use_name_functions(engine)
    try:
        revision = current_revision(engine)
        if revision is not None and revision not in known_revisions():
            raise DatabaseUnavailable(
                f"{path} was made by a newer version of Banjar Enroll (schema {revision}); "
                "update this application before opening it")
        if revision != head_revision():
            migrate(engine)
        with engine.begin() as connection:
            # the laptop's identity is made once, here, so reads never need to write it
            connection.exec_driver_sql(
                "INSERT OR IGNORE INTO sync_state (id, device_id, pull_cursor) VALUES (1, ?, 0)",
                (uuid.uuid4().hex,))
            if not _has_statistics(connection):
                refresh_statistics(connection)
    except DBAPIError as failure:
        engine.dispose()
        damage = damage_in(failure)
        if damage is not None:
            raise damaged_by(path, str(damage)) from None
        raise DatabaseUnavailable(
            f"{path} cannot be opened as a Banjar Enroll database ({failure.orig}); move it "
            "away or choose another folder with --data-dir") from None
    mark_database(path, today=date.today())
    return engine


def _has_statistics(connection: Connection) -> bool:
    if not connection.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first():
        return False
    return connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_stat1 WHERE tbl = 'enrollment' LIMIT 1").first() is not None
