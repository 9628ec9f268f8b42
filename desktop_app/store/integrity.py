"""The start-up check of the laptop's database, and the message when it must not be used.

Before anything writes, ``guard_database`` checks the file (``file_check.quick_check``). A
damaged file, a file that is not a database, or an emptied or missing file where this folder
had a database stops the application and every command: enrollments written into a file that
cannot sync or export would be lost with it, and a silent fresh start would hide the loss.
"This folder had a database" is told by a marker file written beside the database once it has
opened (``banjar-enroll.sqlite3.marker``) or by a backup in ``backups/``; with neither, a
missing or empty file is a first start.

``DatabaseDamaged`` carries the message in both languages: which file, what is wrong, and what
to do (restore the last backup, named with its day, or hand the file to the office).
"""

from datetime import date
from pathlib import Path

from desktop_app.atomic_files import write_text_whole
from desktop_app.domain.messages import BilingualError, Text
from desktop_app.store.backups import list_backups
from desktop_app.store.file_check import Health, quick_check

DAMAGED_DATABASE_EXIT = 65  # sysexits' EX_DATAERR: the program's exit code on a refusal
CHECK_BUDGET_S = 3.0  # 200,000 enrollments: 0.3-0.8 s with the file cached, more when cold
MARKER_SUFFIX = ".marker"
RESTORE_COMMAND = "banjar-enroll backup restore"


class DatabaseDamaged(BilingualError):
    """The laptop's database must not be used; ``what`` is wrong and ``todo`` says what to do,
    in both languages; ``text`` is both in one line (a command's stderr; the exception's message
    is its English). Nothing was written to the database."""

    def __init__(self, path: Path, what: Text, todo: Text) -> None:
        super().__init__(Text(f"{what.id}. {todo.id}", f"{what.en}. {todo.en}"))
        self.path = path
        self.what = what
        self.todo = todo


def marker_path(database: Path) -> Path:
    return database.with_name(database.name + MARKER_SUFFIX)


def mark_database(database: Path, *, today: date) -> None:
    """Writes the marker beside ``database`` (once): from now on an emptied or missing file
    is refused, not taken for a first start."""
    marker = marker_path(database)
    if marker.exists():
        return
    write_text_whole(
        marker,
        f"Folder ini berisi basis data Banjar Enroll: {database.name} (sejak {today}).\n"
        "Jangan hapus berkas ini: dengannya basis data yang hilang atau kosong tidak\n"
        "dianggap laptop baru.\n"
        f"This folder holds a Banjar Enroll database: {database.name} (since {today}).\n"
        "Keep this file: it tells a lost or emptied database from a laptop's first start.\n")


def _had_database(database: Path) -> str | None:
    """What says this folder had a database (a file name), or None."""
    if marker_path(database).exists():
        return marker_path(database).name
    backups = list_backups(database)
    if backups:
        return f"{backups[0].path.parent.name}/{backups[0].path.name}"
    return None


def guard_database(database: Path, *, budget_s: float | None = None) -> Health:
    """Refuses, with ``DatabaseDamaged``, a database that must not be used; returns what the
    check found otherwise. Writes nothing. A check that runs out of its budget (default
    ``CHECK_BUDGET_S``) is not a refusal: the day's backup checks its copy in full, and a
    damaged page met later is refused with the same message."""
    evidence = _had_database(database)
    if not database.exists():
        if evidence is not None:
            raise damaged(database, Text(
                f"berkas basis data {database} tidak ada, padahal folder ini sudah berisi "
                f"basis data ({evidence})",
                f"the database file {database} is missing, yet this folder had a database "
                f"({evidence})"))
        return Health()  # a first start
    if database.stat().st_size == 0:
        if evidence is not None:
            raise damaged(database, Text(
                f"berkas basis data {database} kosong (0 bita), padahal folder ini sudah "
                f"berisi basis data ({evidence})",
                f"the database file {database} is empty (0 bytes), yet this folder had a "
                f"database ({evidence})"))
        return Health()  # a first start cut short before its first commit: it held nothing
    health = quick_check(database, budget_s=CHECK_BUDGET_S if budget_s is None else budget_s)
    if health.problem is not None:
        raise damaged_by(database, health.problem)
    return health


def damaged_by(database: Path, problem: str) -> DatabaseDamaged:
    """The refusal for a database SQLite found damaged (``problem``: SQLite's words)."""
    return damaged(database, Text(
        f"basis data {database} rusak (SQLite: {problem})",
        f"the database {database} is damaged (SQLite: {problem})"))


def damaged(database: Path, what: Text) -> DatabaseDamaged:
    """``what`` is wrong with ``database``, followed by what to do."""
    backups = list_backups(database)
    if backups:
        last = backups[0]
        todo = Text(
            f"Tidak ada yang ditulis. Tutup aplikasi, lalu pulihkan cadangan terakhir, "
            f"{last.path} ({last.day}): {RESTORE_COMMAND}. Berkas yang rusak disimpan di "
            f"sampingnya dengan nama lain, tidak dihapus; pendaftaran sesudah {last.day} hanya "
            "ada di berkas itu: serahkan ke kantor.",
            f"Nothing was written. Close the application, then restore the last backup, "
            f"{last.path} ({last.day}): {RESTORE_COMMAND}. The damaged file is kept beside it "
            f"under another name, never deleted; enrollments made after {last.day} are only in "
            "that file: hand it to the office.")
    else:
        todo = Text(
            "Tidak ada yang ditulis, dan belum ada cadangan. Jangan mendaftar di laptop ini "
            f"dulu: serahkan berkas {database} ke kantor.",
            "Nothing was written, and there is no backup yet. Do not enroll on this laptop "
            f"until it is fixed: hand the file {database} to the office.")
    return DatabaseDamaged(database, what, todo)
