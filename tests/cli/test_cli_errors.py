"""Things that go wrong outside the records: a bad data folder, a foreign or newer database,
dates out of range, numbers that are typos. Each is one clear line, never a traceback."""

import json
import sqlite3
from datetime import date, timedelta

import pytest


def test_a_data_folder_that_is_a_file(cli, data_dir, one_line_error) -> None:
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    data_dir.write_text("not a folder")
    assert "cannot be made" in one_line_error(cli("list"), 1)


def test_a_file_that_is_not_a_database(cli, data_dir, one_line_error) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "banjar-enroll.sqlite3").write_bytes(b"this is a spreadsheet" * 100)
    line = one_line_error(cli("--lang", "en", "list"), 65)  # refused, never overwritten
    assert "not a database" in line and "banjar-enroll.sqlite3" in line
    assert (data_dir / "banjar-enroll.sqlite3").read_bytes() == b"this is a spreadsheet" * 100


def test_a_database_from_a_newer_version_is_not_touched(cli, data_dir, officer,
                                                        one_line_error) -> None:
    path = data_dir / "banjar-enroll.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
    line = one_line_error(cli("list"), 1)
    assert "newer version" in line and "0099" in line
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
            "0099",)


def test_an_empty_data_folder_option_is_refused(cli, one_line_error) -> None:
    assert "empty" in one_line_error(cli("--data-dir", " ", "list"), 1)


@pytest.mark.parametrize("day", [date.today() + timedelta(days=1), date(2020, 12, 31)])
def test_enrollment_and_visit_dates_stay_between_2021_and_today(cli, officer, one_line_error,
                                                                make_record, day) -> None:
    one_line_error(cli("visit", "start", "--desa", "5171041004", "--banjar", "Banjar Tonja",
                       "--date", day.isoformat()), 2)
    one_line_error(cli("enroll", "--json", "-", "--date", day.isoformat(),
                       stdin=json.dumps(make_record())), 2)


def test_typo_sized_numbers_are_refused(cli, officer, one_line_error) -> None:
    one_line_error(cli("list", "--limit", "100000000000000000000"), 1)
    one_line_error(cli("contribution", "--income", "99999999999999999999", "--months", "1"), 1)
    one_line_error(cli("contribution", "--income", "1000000", "--months", "12",
                       "--start", "9999-06"), 1)


def test_a_folder_where_the_database_should_be(cli, data_dir, one_line_error) -> None:
    (data_dir / "banjar-enroll.sqlite3").mkdir(parents=True)
    assert "cannot be opened" in one_line_error(cli("list"), 1)
