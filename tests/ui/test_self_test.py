"""``--self-test``, as the office IT person runs it on a laptop (and CI on every build)."""

import os
import subprocess
import sys


def test_the_self_test_passes_in_a_fresh_process(tmp_path) -> None:
    environment = {**os.environ, "HOME": str(tmp_path)}  # nothing of the user's is touched
    done = subprocess.run([sys.executable, "-m", "desktop_app", "--self-test"],
                          capture_output=True, text=True, timeout=120, env=environment,
                          check=False)
    assert done.returncode == 0, done.stderr
    steps = done.stdout
    for step in ("your database: none yet", "database opened and migrated", "main window shown",
                 "enrollment saved through the form (ready)", "rendered to PDF",
                 "self-test passed"):
        assert step in steps
    assert not list(tmp_path.iterdir())  # it wrote only to its temporary folder


def _self_test(home, data_dir) -> subprocess.CompletedProcess:
    environment = {**os.environ, "HOME": str(home), "BANJAR_ENROLL_DATA_DIR": str(data_dir)}
    return subprocess.run([sys.executable, "-m", "desktop_app", "--self-test"],
                          capture_output=True, text=True, timeout=120, env=environment,
                          check=False)


def test_the_self_test_fails_while_the_users_database_is_damaged(tmp_path, valid_record) -> None:
    from damaged_files import damage_page, laptop_with_records

    database = laptop_with_records(tmp_path / "data", valid_record)
    damage_page(database)
    damaged = database.read_bytes()
    done = _self_test(tmp_path / "home", tmp_path / "data")
    assert done.returncode == 1, done.stdout
    assert f"the database {database} is damaged" in done.stderr
    assert "self-test FAILED" in done.stderr and "self-test passed" not in done.stdout
    assert database.read_bytes() == damaged  # read-only
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == [
        "banjar-enroll.sqlite3", "banjar-enroll.sqlite3.marker"]


def test_the_self_test_reports_a_sound_user_database_and_leaves_it_untouched(
        tmp_path, valid_record) -> None:
    from damaged_files import laptop_with_records

    database = laptop_with_records(tmp_path / "data", valid_record, count=10)
    before = database.read_bytes()
    done = _self_test(tmp_path / "home", tmp_path / "data")
    assert done.returncode == 0, done.stderr
    assert f"your database {database}: sound (quick_check)" in done.stdout
    assert database.read_bytes() == before
