"""The start-up check: a damaged, emptied, missing or foreign file where this folder had a
database is refused before anything writes; a real first start still works. Real files, real
damage (bytes overwritten after the database was closed)."""

import hashlib
from datetime import date
from pathlib import Path

import pytest
from damaged_files import damage_page, laptop_with_records, root_page

from desktop_app.store.backups import take_backup
from desktop_app.store.database import DATABASE_FILE, open_database
from desktop_app.store.device import device_id
from desktop_app.store.file_check import quick_check
from desktop_app.store.integrity import DatabaseDamaged, guard_database, marker_path


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file in ``folder`` and its content's hash: what "nothing was written" compares."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_damaged_page_is_refused_with_the_file_and_what_to_do_and_nothing_is_written(
        tmp_path: Path, valid_record) -> None:
    database = laptop_with_records(tmp_path / "data", valid_record)
    damage_page(database)
    before = fingerprint(tmp_path / "data")
    with pytest.raises(DatabaseDamaged) as refused:
        open_database(tmp_path / "data")
    message = refused.value.text
    assert str(database) in message.id and str(database) in message.en
    assert "rusak" in message.id and "damaged" in message.en
    assert "serahkan berkas" in message.id and "hand the file" in message.en  # no backup yet
    assert fingerprint(tmp_path / "data") == before


def test_the_refusal_names_the_last_backup_and_its_day(tmp_path: Path, valid_record) -> None:
    database = laptop_with_records(tmp_path / "data", valid_record)
    take_backup(database, today=date(2026, 11, 30))
    take_backup(database, today=date(2026, 12, 1))
    damage_page(database, root_page(database, "enrollment"))
    with pytest.raises(DatabaseDamaged) as refused:
        guard_database(database)
    text = refused.value.text
    newest = tmp_path / "data" / "backups" / "banjar-enroll-2026-12-01.sqlite3"
    assert f"{newest} (2026-12-01)" in text.en and f"{newest} (2026-12-01)" in text.id
    assert "banjar-enroll backup restore" in text.en


def test_a_file_emptied_to_zero_bytes_after_a_first_start_is_refused(tmp_path: Path) -> None:
    engine = open_database(tmp_path / "data")
    engine.dispose()
    database = tmp_path / "data" / DATABASE_FILE
    assert marker_path(database).is_file()  # what tells this folder had a database
    database.write_bytes(b"")
    with pytest.raises(DatabaseDamaged) as refused:
        open_database(tmp_path / "data")
    assert "0 bytes" in refused.value.text.en and "0 bita" in refused.value.text.id
    assert database.stat().st_size == 0  # not silently made a new laptop


def test_a_database_deleted_after_a_first_start_is_refused(tmp_path: Path) -> None:
    open_database(tmp_path / "data").dispose()
    (tmp_path / "data" / DATABASE_FILE).unlink()
    with pytest.raises(DatabaseDamaged, match="missing"):
        open_database(tmp_path / "data")
    assert not (tmp_path / "data" / DATABASE_FILE).exists()


def test_an_emptied_file_is_refused_by_its_backups_even_without_the_marker(
        tmp_path: Path) -> None:
    open_database(tmp_path / "data").dispose()
    database = tmp_path / "data" / DATABASE_FILE
    take_backup(database, today=date(2026, 12, 1))
    marker_path(database).unlink()
    database.write_bytes(b"")
    with pytest.raises(DatabaseDamaged, match="backups/banjar-enroll-2026-12-01"):
        open_database(tmp_path / "data")


def test_a_true_first_start_makes_the_database_and_its_marker(tmp_path: Path) -> None:
    engine = open_database(tmp_path / "new")
    assert device_id(engine)
    engine.dispose()
    assert marker_path(tmp_path / "new" / DATABASE_FILE).is_file()
    open_database(tmp_path / "new").dispose()  # and it opens again


def test_a_first_start_cut_before_its_first_commit_is_still_a_first_start(
        tmp_path: Path) -> None:
    """SQLite makes the file at once and writes it at the first commit: an empty file with no
    marker and no backup never held anything."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / DATABASE_FILE).write_bytes(b"")
    engine = open_database(tmp_path / "data")
    assert device_id(engine)
    engine.dispose()


@pytest.mark.parametrize("damage", ["truncated", "not a database"])
def test_a_truncated_or_foreign_file_is_refused(tmp_path: Path, valid_record, damage) -> None:
    database = laptop_with_records(tmp_path / "data", valid_record, count=50)
    content = database.read_bytes()
    database.write_bytes(content[: len(content) // 2] if damage == "truncated"
                         else b"Nama,NIK\n" * 500)
    with pytest.raises(DatabaseDamaged) as refused:
        open_database(tmp_path / "data")
    assert str(database) in refused.value.text.en


def test_the_check_is_bounded_and_an_unfinished_check_is_not_damage(
        tmp_path: Path, valid_record) -> None:
    database = laptop_with_records(tmp_path / "data", valid_record, count=50)
    unfinished = quick_check(database, budget_s=0)
    assert unfinished.problem is None and "not finished" in unfinished.unchecked
    assert quick_check(database).sound
