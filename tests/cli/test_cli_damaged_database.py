"""The command line on a damaged or emptied database: every command refuses with one line that
names the file and what to do (exit 65) and writes nothing; a damaged page found later (an
export) gets the same line, not a traceback; ``backup list`` and ``backup restore`` bring the
laptop back. Real files, real damage."""

import gc
import hashlib
import json
from datetime import date
from pathlib import Path

from damaged_files import damage_page, laptop_with_records, root_page

from desktop_app.cli.main import DAMAGED_DATABASE_EXIT
from desktop_app.store import integrity
from desktop_app.store.backups import take_backup
from desktop_app.store.database import DATABASE_FILE
from desktop_app.store.file_check import Health


def fingerprint(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_every_command_refuses_a_damaged_page_and_writes_nothing(
        cli, data_dir, valid_record, make_record, one_line_error) -> None:
    database = laptop_with_records(data_dir, valid_record)
    damage_page(database)
    before = fingerprint(data_dir)
    line = one_line_error(cli("list"), DAMAGED_DATABASE_EXIT)
    assert str(database) in line and "rusak" in line and "serahkan berkas" in line
    english = one_line_error(cli("--lang", "en", "enroll", "--json", "-",
                                 stdin=json.dumps(make_record())), DAMAGED_DATABASE_EXIT)
    assert str(database) in english and "damaged" in english and "hand the file" in english
    one_line_error(cli("officer", "set", "--name", "A", "--id", "B"), DAMAGED_DATABASE_EXIT)
    assert fingerprint(data_dir) == before


def test_a_file_emptied_after_a_first_start_is_refused_but_a_first_start_works(
        cli, data_dir, officer, one_line_error) -> None:
    assert (data_dir / DATABASE_FILE).stat().st_size > 0  # the officer fixture's first start
    gc.collect()  # the in-process command's connections close (and checkpoint) before, not after
    (data_dir / DATABASE_FILE).write_bytes(b"")
    line = one_line_error(cli("--lang", "en", "officer", "show"), DAMAGED_DATABASE_EXIT)
    assert "is empty (0 bytes)" in line and str(data_dir / DATABASE_FILE) in line
    assert (data_dir / DATABASE_FILE).stat().st_size == 0


def test_a_damaged_page_met_after_the_start_is_told_not_a_traceback(
        cli, data_dir, valid_record, tmp_path, monkeypatch, one_line_error) -> None:
    """The start-up check could not finish within its budget (a huge file, a slow disk) and
    today's backup was made before the damage: the export meets the damaged page and says what
    the start would have said."""
    database = laptop_with_records(data_dir, valid_record)
    take_backup(database, today=date.today())
    damage_page(database, root_page(database, "enrollment"))
    monkeypatch.setattr(integrity, "quick_check",
                        lambda path, budget_s: Health(unchecked="not finished within 5 s"))
    line = one_line_error(cli("--lang", "en", "export", str(tmp_path / "out.xlsx")),
                          DAMAGED_DATABASE_EXIT)
    assert "damaged" in line and "malformed" in line and str(database) in line
    assert f"({date.today()}): banjar-enroll backup restore" in line
    assert not (tmp_path / "out.xlsx").exists()
    gc.collect()  # the workbook writer cut short is collected here, not in a later test


def test_the_first_command_of_the_day_takes_the_backup_and_restore_brings_it_back(
        cli, data_dir, valid_record, one_line_error) -> None:
    database = laptop_with_records(data_dir, valid_record, count=25)
    assert cli("list").code == 0
    listed = cli("--json", "backup", "list").json()["backups"]
    today = date.today().isoformat()
    assert [b["day"] for b in listed] == [today]
    backup = Path(listed[0]["file"])
    assert backup == data_dir / "backups" / f"banjar-enroll-{today}.sqlite3"

    damage_page(database)
    line = one_line_error(cli("--lang", "en", "list"), DAMAGED_DATABASE_EXIT)
    assert f"restore the last backup, {backup} ({today})" in line
    damaged_bytes = database.read_bytes()

    restored = cli("--json", "backup", "restore")
    assert restored.code == 0, restored
    answer = restored.json()
    assert answer["restored"] == str(backup) and answer["records"] == 25
    kept = [Path(p) for p in answer["kept_aside"]]
    assert kept[0].read_bytes() == damaged_bytes and "damaged" in kept[0].name
    listing = cli("--json", "list", "--limit", "100")
    assert listing.code == 0 and listing.json()["total"] == 25


def test_restore_by_day_and_its_refusals(cli, data_dir, valid_record, one_line_error) -> None:
    laptop_with_records(data_dir, valid_record, count=5)
    line = one_line_error(cli("--lang", "en", "backup", "restore"), 1)
    assert "there is no backup" in line
    assert cli("list").code == 0
    assert "no backup of 2026-01-01" in one_line_error(
        cli("--lang", "en", "backup", "restore", "2026-01-01"), 1)
    done = cli("--lang", "en", "backup", "restore", date.today().isoformat())
    assert done.code == 0 and "restored from" in done.out and "kept as" in done.out
