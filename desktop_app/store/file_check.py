"""Whether a SQLite file is sound, read without writing to it, and whether a failure was damage.

``quick_check`` opens the file read-only and runs ``PRAGMA quick_check``, which walks every page
of every table and index (about a second for 200,000 enrollments, 165 MB; see the README's
benchmarks) but not the cross-checks of ``integrity_check`` (ten times slower). A time budget
bounds it on a huge file or a slow disk: an unfinished check is reported as such, never as
damage. ``is_damage`` tells SQLite's "malformed" and "not a database" failures, however deeply
a library wrapped them, from ordinary ones (a lock, a full disk).
"""

import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"
_CORRUPT, _NOT_A_DATABASE = 11, 26  # SQLITE_CORRUPT, SQLITE_NOTADB (primary result codes)
_INTERRUPTED = 9  # SQLITE_INTERRUPT: the progress handler stopped the check
_PROGRESS_STEPS = 1_000  # virtual-machine steps between looks at the clock


@dataclass(frozen=True)
class Health:
    """What a check found: ``problem`` is SQLite's own words (English) when the file is
    damaged; ``unchecked`` says why the check could not finish (its budget ran out, the file
    could not be read), with nothing found wrong so far."""

    problem: str | None = None
    unchecked: str | None = None

    @property
    def sound(self) -> bool:
        return self.problem is None and self.unchecked is None


def read_only_uri(path: Path) -> str:
    return f"{path.resolve().as_uri()}?mode=ro"


def untouched_uri(path: Path) -> str:
    """Read-only; and with no ``-wal`` beside the file (nothing unsaved in it), immutable, so
    that SQLite does not leave an empty ``-wal`` and a ``-shm`` behind either."""
    if path.with_name(path.name + "-wal").exists():
        return read_only_uri(path)
    return f"{path.resolve().as_uri()}?immutable=1"


def quick_check(path: Path, *, budget_s: float | None = None) -> Health:
    """Checks the SQLite file at ``path`` (which must exist) without writing to it."""
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as failure:  # a folder in its place, no permission: opening will say so
        return Health(unchecked=f"{failure.strerror or failure}")
    if header != SQLITE_HEADER:
        return Health("file is not a database (its first bytes are not a SQLite header)")
    deadline = None if budget_s is None else time.monotonic() + budget_s
    try:
        with closing(sqlite3.connect(untouched_uri(path), uri=True)) as connection:
            if deadline is not None:
                # a non-zero answer interrupts the statement (sqlite3.OperationalError)
                connection.set_progress_handler(lambda: time.monotonic() > deadline,
                                                _PROGRESS_STEPS)
            rows = connection.execute("PRAGMA quick_check(10)").fetchall()
    except sqlite3.Error as failure:
        if _is_damage_error(failure):
            return Health(str(failure))
        if getattr(failure, "sqlite_errorcode", None) == _INTERRUPTED:
            return Health(unchecked=f"not finished within {budget_s:g} s")
        return Health(unchecked=str(failure))  # locked, unreadable: not a sign of damage
    answers = [row[0] for row in rows]
    if answers == ["ok"]:
        return Health()
    return Health("; ".join(" ".join(answer.split()) for answer in answers))


def _is_damage_error(failure: BaseException) -> bool:
    code = getattr(failure, "sqlite_errorcode", None)
    return (isinstance(failure, sqlite3.DatabaseError) and code is not None
            and code & 0xFF in (_CORRUPT, _NOT_A_DATABASE))


def damage_in(failure: BaseException) -> sqlite3.DatabaseError | None:
    """The SQLite error saying a file is damaged, found in ``failure`` or what caused it
    (SQLAlchemy keeps the driver's error as ``orig``); None for any other failure."""
    seen: set[int] = set()
    pending: list[BaseException | None] = [failure]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if _is_damage_error(current):
            return current  # type: ignore[return-value]
        pending += [getattr(current, "orig", None), current.__cause__, current.__context__]
    return None
