"""SQLite connection settings shared by the laptop's store and the office's embedded database.

WAL mode lets readers go on while one writer writes; foreign keys are enforced; a busy timeout
rides out the moment two writers meet; writers take the write lock at their first statement.
``synchronous=FULL`` makes every commit durable: the WAL is flushed to the disk before the commit
returns. With NORMAL a power cut could roll back the last commits, and those matter here: a batch
the office committed (and the laptop has already marked synced), a receipt's running number the
laptop has already printed. The cost is measured in tests/bench (store and sync benchmarks).
"""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlmodel import Session

BUSY_TIMEOUT_MS = 5000
WRITE_OPTION = "banjar_enroll_write"
CACHE_KIB = 65536  # 64 MiB: the indexes of 200,000 enrollments stay in memory during imports


def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # SQLAlchemy's recipe for SQLite: the driver stops opening transactions on its own, and
    # _on_begin below opens them, so a writer can take the write lock at its first statement
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    cursor.close()


def _on_begin(connection: Connection) -> None:
    """``BEGIN IMMEDIATE`` for writers: the write lock is held from the first statement, so a
    writer's reads (the next rowid, whether a NIK exists) cannot go stale before it writes."""
    writing = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def create_sqlite_engine(path: Path) -> Engine:
    """An engine on the SQLite file at ``path`` with the store's connection settings."""
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def write_session(engine: Engine) -> Session:
    """A session for writing: its transaction holds SQLite's write lock from the start."""
    return Session(engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False)


class BrokenReferences(Exception):
    """A schema change would leave rows pointing at no row; it was rolled back."""

    def __init__(self, table: str) -> None:
        super().__init__(f"the schema change would leave rows of table {table} pointing at "
                         "no row; nothing was changed")
        self.table = table


@contextmanager
def schema_change(connection: Connection) -> Iterator[None]:
    """One transaction for a migration, foreign keys off as SQLite's procedure for changing a
    table asks: a table built again (SQLite's only way to change its constraints) must not
    drag its children's references along, nor take them with it when the old copy is dropped.
    Every reference is checked before the commit (``BrokenReferences``). The pragma works only
    outside a transaction: ``connection`` must have none open."""
    driver = connection.connection.driver_connection
    driver.execute("PRAGMA foreign_keys=OFF")
    try:
        with connection.begin():
            yield
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").first()
            if broken is not None:
                raise BrokenReferences(broken[0])
    finally:
        driver.execute("PRAGMA foreign_keys=ON")
