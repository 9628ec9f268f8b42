"""Opening the office database: the embedded SQLite file by default, PostgreSQL in production.

The service keeps no state outside the database, so several uvicorn workers or instances can
serve one PostgreSQL database. Each start migrates the schema with Alembic; on PostgreSQL an
advisory lock lets only one starting worker migrate at a time.
"""

from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import DBAPIError, OperationalError

from desktop_app.domain.messages import BilingualError, Text
from desktop_app.sqlite_engine import create_sqlite_engine, schema_change

OFFICE_APP_NAME = "banjar-enroll-office"
DATABASE_URL_VARIABLE = "BANJAR_OFFICE_DB"  # how ``office serve`` hands the URL to its workers
REFERENCE_VARIABLE = "BANJAR_OFFICE_REFERENCE"  # and the folder of its reference data
SYNC_LOG_VARIABLE = "BANJAR_OFFICE_SYNC_LOG"  # and the file of its sync log
OFFICE_DATABASE_FILE = "banjar-enroll-office.sqlite3"
_MIGRATIONS = Path(__file__).with_name("migrations")
_MIGRATION_LOCK = 5_171_000  # any fixed number: the advisory lock taken while migrating


class OfficeDatabaseUnavailable(BilingualError):
    """The office database cannot be reached or used; ``text`` says why in both languages
    (the message is the English one)."""


# PostgreSQL SQLSTATEs that pass: the connection (class 08), a serialization failure or
# deadlock victim, a lock or statement timeout, the server shutting down or full
_TRANSIENT_STATES = ("08", "40001", "40P01", "55P03", "57014", "57P01", "57P02", "57P03",
                     "53300")
# SQLite: another writer holds the lock past the busy timeout, or the file cannot be opened
_TRANSIENT_SQLITE = ("SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_CANTOPEN")


def is_transient(failure: DBAPIError) -> bool:
    """Whether a database failure passes by itself (connection lost, lock timeout): the
    laptop keeps its records and tries later (503). Any other failure is the office's own
    (500, with an incident id)."""
    if failure.connection_invalidated:
        return True
    sqlite_name = getattr(failure.orig, "sqlite_errorname", None)
    if isinstance(sqlite_name, str):
        return sqlite_name.startswith(_TRANSIENT_SQLITE)
    state = getattr(failure.orig, "sqlstate", None)
    if isinstance(state, str):
        return state.startswith(_TRANSIENT_STATES)
    # a PostgreSQL driver's operational failure without a state is its own: the server
    # cannot be reached
    return isinstance(failure, OperationalError)


def default_office_url() -> str:
    folder = Path(user_data_dir(OFFICE_APP_NAME, appauthor=False))
    return f"sqlite:///{folder / OFFICE_DATABASE_FILE}"


def create_office_engine(url: str) -> Engine:
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as failure:
            raise OfficeDatabaseUnavailable(Text(
                f"folder {path.parent} tidak dapat dibuat ({failure.strerror})",
                f"the folder {path.parent} cannot be made ({failure.strerror})")) from None
        return create_sqlite_engine(path)
    if url.startswith("postgresql"):
        return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)
    raise OfficeDatabaseUnavailable(Text(
        f"URL basis data {url!r} tidak didukung: pakai sqlite:///BERKAS atau "
        "postgresql+psycopg://...",
        f"unsupported database URL {url!r}: use sqlite:///FILE or postgresql+psycopg://..."))


def migrate(engine: Engine, revision: str = "head") -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    sqlite = engine.dialect.name == "sqlite"
    # SQLite: foreign keys off, checked before the commit (a table copied to change its
    # constraints, 0004); PostgreSQL: one office process migrates at a time
    with engine.connect() as connection, (
            schema_change(connection) if sqlite else connection.begin()):
        if not sqlite:
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                               {"key": _MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def open_office_database(url: str | None = None) -> Engine:
    """An engine on the office database, migrated to the newest schema."""
    engine = create_office_engine(url or default_office_url())
    try:
        migrate(engine)
        with engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO office_state (id, last_seq) SELECT 1, 0 "
                "WHERE NOT EXISTS (SELECT 1 FROM office_state WHERE id = 1)"))
    except DBAPIError as failure:
        engine.dispose()
        raise OfficeDatabaseUnavailable(Text(
            f"basis data kantor tidak dapat dipakai ({failure.orig})",
            f"the office database cannot be used ({failure.orig})")) from None
    return engine
