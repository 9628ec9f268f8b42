"""Daily backups: one a day, seven kept, whole or nothing, checked before they push an older one
out; a restore gives a working database with the same records and keeps the damaged file."""

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from damaged_files import damage_page, laptop_with_records, root_page

from desktop_app.store.backups import (
    BackupFailed,
    backup_due,
    list_backups,
    restore_backup,
    take_backup,
)
from desktop_app.store.database import DATABASE_FILE, open_database
from desktop_app.store.search import EnrollmentQuery, count_enrollments, search_enrollments

DAY = date(2026, 12, 1)


def test_eight_days_of_backups_keep_the_last_seven(tmp_path: Path) -> None:
    open_database(tmp_path / "data").dispose()
    database = tmp_path / "data" / DATABASE_FILE
    days = [DAY + timedelta(days=n) for n in range(8)]
    for day in days:
        assert backup_due(database, day)
        assert take_backup(database, today=day).day == day
        assert take_backup(database, today=day) is None  # one a day
    kept = list_backups(database)
    assert [b.day for b in kept] == sorted(days[1:], reverse=True)
    assert not (tmp_path / "data" / "backups" / f"banjar-enroll-{days[0]}.sqlite3").exists()
    assert sorted(p.name for p in (tmp_path / "data" / "backups").iterdir()) == sorted(
        f"banjar-enroll-{day}.sqlite3" for day in days[1:])  # no partial file left


def test_a_backup_is_one_self_contained_sound_file(tmp_path: Path, valid_record) -> None:
    database = laptop_with_records(tmp_path / "data", valid_record, count=40)
    backup = take_backup(database, today=DAY)
    assert backup.path.read_bytes()[:16] == b"SQLite format 3\x00"
    assert not backup.path.with_name(backup.path.name + "-wal").exists()
    assert backup.size == backup.path.stat().st_size


def test_a_damaged_copy_never_replaces_an_older_backup(tmp_path: Path, valid_record) -> None:
    database = laptop_with_records(tmp_path / "data", valid_record)
    days = [DAY + timedelta(days=n) for n in range(7)]
    for day in days:
        take_backup(database, today=day)
    damage_page(database, root_page(database, "enrollment"))
    with pytest.raises(BackupFailed) as failed:
        take_backup(database, today=DAY + timedelta(days=7))
    assert failed.value.damaged
    assert [b.day for b in list_backups(database)] == sorted(days, reverse=True)  # all seven
    assert [p.name for p in (tmp_path / "data" / "backups").iterdir()
            if p.name.endswith(".partial")] == []


def test_a_restored_backup_works_with_the_same_records_and_the_damaged_file_is_kept(
        tmp_path: Path, valid_record) -> None:
    data = tmp_path / "data"
    database = laptop_with_records(data, valid_record, count=120)
    engine = open_database(data)
    before = [(r.id, r.nik, r.full_name, r.status)
              for r in search_enrollments(engine, EnrollmentQuery(), limit=500)]
    engine.dispose()
    backup = take_backup(database, today=DAY)
    damage_page(database)
    damaged_bytes = database.read_bytes()

    kept = restore_backup(database, backup.path, now=datetime(2026, 12, 2, 8, 30))

    assert kept == [data / "banjar-enroll-damaged-2026-12-02-083000.sqlite3"]
    assert kept[0].read_bytes() == damaged_bytes  # renamed, never deleted
    engine = open_database(data)  # checked at start again: it passes
    after = [(r.id, r.nik, r.full_name, r.status)
             for r in search_enrollments(engine, EnrollmentQuery(), limit=500)]
    assert after == before and count_enrollments(engine, EnrollmentQuery()) == 120
    engine.dispose()
    assert backup.path.is_file()  # the backup stays a backup


def test_a_damaged_backup_is_not_restored_and_nothing_changes(tmp_path: Path,
                                                               valid_record) -> None:
    database = laptop_with_records(tmp_path / "data", valid_record)
    backup = take_backup(database, today=DAY)
    damage_page(backup.path)
    current = database.read_bytes()
    with pytest.raises(BackupFailed):
        restore_backup(database, backup.path, now=datetime(2026, 12, 2, 8, 30))
    assert database.read_bytes() == current
    assert sorted(p.name for p in (tmp_path / "data").iterdir() if "damaged" in p.name) == []
