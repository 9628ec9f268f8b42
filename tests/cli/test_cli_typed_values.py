"""Dates given to the CLI are read by the form's own rule (domain/typed_values.py): the
``--date`` of enroll, ``export --from/--to`` and ``nik check --birth-date`` take what the form
takes, and refuse what it refuses with its message."""

import pytest

NIK = "5171045708850023"


@pytest.mark.parametrize("typed", ["17/08/1985", "17081985", "17 Agustus 1985", "1985-08-17"])
def test_a_birth_date_typed_as_in_the_form(cli, typed):
    run = cli("--json", "nik", "check", NIK, "--birth-date", typed, "--sex", "P")
    assert run.code == 0, run
    assert run.json()["issues"] == []


def test_a_day_that_does_not_exist_is_a_usage_error_saying_how_to_type_it(cli, one_line_error):
    run = cli("nik", "check", NIK, "--birth-date", "31/02/1985")
    line = one_line_error(run, 2)
    assert "31/02/1985 is not on the calendar; type ddmmyyyy or dd/mm/yyyy" in line


def test_enroll_date_and_export_days_typed_as_in_the_form(cli, officer, write_json, make_record,
                                                          tmp_path, database):
    run = cli("--json", "enroll", "--json", str(write_json([make_record()])), "--date", "20052026")
    assert run.code == 0, run
    assert database("SELECT enrolled_on FROM enrollment") == [("2026-05-20",)]
    sheet = tmp_path / "may.xlsx"
    run = cli("export", str(sheet), "--from", "20/05/2026", "--to", "20 Mei 2026")
    assert run.code == 0, run
    assert sheet.exists()
