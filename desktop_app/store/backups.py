"""Daily backups of the laptop's database, and restoring one.

One backup a day, the last seven kept, in ``backups/`` beside the database
(``backups/banjar-enroll-2026-12-01.sqlite3``). Each is taken with SQLite's online backup API,
a consistent copy made while the application goes on writing (WAL readers never block the
writer). A backup is written whole or not at all (``atomic_files``): it is made under a hidden
partial name, checked (``PRAGMA quick_check``), flushed to the disk and only then given its
name; the oldest are removed only after the new one is in place, so a damaged database never
pushes a sound backup out. Restoring keeps the file it replaces beside it under another name:
nothing is deleted.

About a second for 200,000 enrollments (165 MB) on the benchmark machine, so the application
takes it on a worker, never on the UI thread.
"""

import os
import re
import shutil
import sqlite3
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from desktop_app.atomic_files import flush_folder, replaced_whole
from desktop_app.store.file_check import damage_in, quick_check, untouched_uri

BACKUP_FOLDER = "backups"
KEEP = 7


class BackupFailed(Exception):
    """A backup could not be made or used; ``problem`` is SQLite's or the system's words;
    ``damaged`` says the file read (``path``) is damaged, not the disk full or the like."""

    def __init__(self, path: Path, problem: str, *, damaged: bool = False) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
        self.damaged = damaged


@dataclass(frozen=True)
class Backup:
    path: Path
    day: date
    size: int


def backup_folder(database: Path) -> Path:
    return database.parent / BACKUP_FOLDER


def _name(database: Path, day: date) -> str:
    return f"{database.stem}-{day.isoformat()}{database.suffix}"


def list_backups(database: Path) -> list[Backup]:
    """The backups of ``database``, newest first (files named by their day; others ignored)."""
    pattern = re.compile(rf"{re.escape(database.stem)}-(\d{{4}}-\d{{2}}-\d{{2}})"
                         rf"{re.escape(database.suffix)}")
    found = []
    folder = backup_folder(database)
    for path in folder.iterdir() if folder.is_dir() else ():
        match = pattern.fullmatch(path.name)
        if match is None or not path.is_file():
            continue
        try:
            day = date.fromisoformat(match.group(1))
        except ValueError:
            continue
        found.append(Backup(path, day, path.stat().st_size))
    return sorted(found, key=lambda backup: backup.day, reverse=True)


def backup_due(database: Path, today: date) -> bool:
    """True when ``database`` exists and has no backup of ``today`` yet (a quick look)."""
    return database.is_file() and not (backup_folder(database) / _name(database, today)).exists()


def take_backup(database: Path, *, today: date) -> Backup | None:
    """Today's backup of ``database``, unless there is one already (None). Raises
    ``BackupFailed`` when the copy is not sound: then no older backup is touched."""
    if not backup_due(database, today):
        return None
    folder = backup_folder(database)
    target = folder / _name(database, today)
    try:
        folder.mkdir(exist_ok=True)
        with replaced_whole(target) as partial:
            _copy_with_backup_api(database, partial)
            health = quick_check(partial)
            if health.problem is not None:  # the pages copied are the database's own
                raise BackupFailed(database, health.problem, damaged=True)
    except (OSError, sqlite3.Error) as failure:
        raise BackupFailed(database, str(failure),
                           damaged=damage_in(failure) is not None) from None
    _remove(list_backups(database)[KEEP:])
    return Backup(target, today, target.stat().st_size)


def _copy_with_backup_api(database: Path, target: Path) -> None:
    with closing(sqlite3.connect(untouched_uri(database), uri=True)) as source, \
            closing(sqlite3.connect(target)) as copy:
        source.backup(copy)  # all pages in one step: one consistent snapshot
        # one self-contained file (no -wal beside it); the application sets WAL again on open
        copy.execute("PRAGMA journal_mode=DELETE")


def _remove(backups: Iterable[Backup]) -> None:
    for backup in backups:
        backup.path.unlink(missing_ok=True)


def set_aside(database: Path, *, now: datetime) -> list[Path]:
    """Renames ``database`` and its ``-wal``/``-shm`` companions to
    ``NAME-damaged-YYYY-MM-DD-HHMMSS``: kept, never deleted, and never applied to another file
    (an old ``-wal`` beside a restored database would be read as part of it)."""
    stamp = now.strftime("%Y-%m-%d-%H%M%S")
    kept = []
    for suffix in ("", "-wal", "-shm"):
        path = database.with_name(database.name + suffix)
        if path.exists():
            aside = database.with_name(f"{database.stem}-damaged-{stamp}{database.suffix}{suffix}")
            os.replace(path, aside)
            kept.append(aside)
    flush_folder(database.parent)
    return kept


def restore_backup(database: Path, backup: Path, *, now: datetime) -> list[Path]:
    """Puts the backup file ``backup`` in place of ``database``, after checking it; the file it
    replaces is set aside (returned: the paths kept). Raises ``BackupFailed`` when the backup
    is not sound, and then nothing has changed."""
    health = quick_check(backup)
    if health.problem is not None:
        raise BackupFailed(backup, health.problem, damaged=True)
    if health.unchecked is not None:
        raise BackupFailed(backup, health.unchecked)
    try:
        with replaced_whole(database) as partial:
            shutil.copyfile(backup, partial)
            kept = set_aside(database, now=now)  # the copy replaces it as the block ends
    except OSError as failure:
        raise BackupFailed(backup, str(failure)) from None
    return kept
