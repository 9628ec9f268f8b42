"""Real damage to real SQLite files, for the tests of the start-up check, backups and refusals.

A laptop's database is filled through the store, closed, then bytes are overwritten in place,
as a failing disk or a power cut during a write leaves them.
"""

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

from builders import OFFICER_CODE, OFFICER_NAME, many_people

from desktop_app.domain.enrollment import Enrollment
from desktop_app.store.database import DATABASE_FILE, open_database
from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.store.officers import sign_in_officer

ON = date(2026, 5, 20)


def laptop_with_records(data_dir: Path, template: Enrollment, count: int = 300) -> Path:
    """A closed laptop database in ``data_dir`` holding ``count`` ready enrollments made from
    ``template`` (valid on ``ON``); returns the database file."""
    engine = open_database(data_dir)
    officer = sign_in_officer(engine, name=OFFICER_NAME, officer_code=OFFICER_CODE)
    outcomes = EnrollmentStore(engine).add_many(many_people(template, count),
                                                officer_id=officer.id, on=ON)
    assert all(outcome.stored_id for outcome in outcomes)
    engine.dispose()
    return data_dir / DATABASE_FILE


def page_size(database: Path) -> int:
    with closing(sqlite3.connect(database)) as connection:
        return connection.execute("PRAGMA page_size").fetchone()[0]


def root_page(database: Path, table: str) -> int:
    """The page number (from 1) of ``table``'s b-tree root."""
    with closing(sqlite3.connect(database)) as connection:
        return connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                                  (table,)).fetchone()[0]


def damage_page(database: Path, page: int | None = None) -> None:
    """Overwrites one whole page (by default the one in the middle of the file) with bytes no
    b-tree page begins with; the file keeps its size."""
    size = page_size(database)
    pages = database.stat().st_size // size
    number = page if page is not None else pages // 2 + 1
    with database.open("r+b") as file:
        file.seek((number - 1) * size)
        file.write(b"\xa5" * size)
