"""The real program (``python -m desktop_app``) on a real SQLite file in tmp_path.

Each subprocess costs about a second (imports), so set-up and read-backs that are not the point
of a test go through the in-process ``cli``, which shares the test's data folder.
"""

import json
import sqlite3
from datetime import date

import pytest

from desktop_app.store.database import DATABASE_FILE


@pytest.fixture
def ayu(make_person):
    return make_person("Ni Luh Putu Ayu", "517104", date(1985, 8, 17), "P", 23)


def test_a_visit_from_officer_to_show(cli_process, cli, data_dir, write_json, make_person, ayu,
                                      enroll_day):
    signed_in = cli_process("--json", "officer", "set", "--name", "I Made Suardana",
                            "--id", "DSN-0042")
    assert signed_in.code == 0, signed_in
    officer = json.loads(signed_in.out)

    good = [ayu, make_person("I Wayan Bagus", "517103", date(1979, 1, 5), "L", 7)]
    bad = dict(make_person("Gede Tanpa Izin", "517101", date(1990, 1, 2), "L", 3),
               consent={"given": False})
    run = cli_process("--json", "enroll", "--json", str(write_json([good[0], bad, good[1]])),
                      "--date", enroll_day)
    assert run.code == 1, run
    assert "Traceback" not in run.err
    results = json.loads(run.out)["results"]
    assert [r["outcome"] for r in results] == ["stored", "refused", "stored"]
    assert [i["field"] for i in results[1]["issues"]] == ["consent.given"]

    listing = cli_process("list", "--search", "LUH pu", "--json")
    assert listing.code == 0, listing
    [item] = json.loads(listing.out)["items"]
    assert (item["nik"], item["id"]) == (ayu["nik"], results[0]["id"])

    shown = cli_process("--json", "show", ayu["nik"])
    assert shown.code == 0, shown
    data = json.loads(shown.out)
    assert data["id"] == results[0]["id"]
    assert data["officer_id"] == officer["id"]
    assert [h["action"] for h in data["history"]] == ["created"]

    everything = cli("--json", "list").json()
    assert {i["nik"] for i in everything["items"]} == {p["nik"] for p in good}
    assert cli("show", bad["nik"]).code == 1

    # the real file holds exactly the two stored records, and nothing of the refused one
    connection = sqlite3.connect(data_dir / DATABASE_FILE)
    try:
        niks = sorted(n for (n,) in connection.execute("SELECT nik FROM enrollment"))
        orphans = connection.execute(
            "SELECT count(*) FROM enrollment_history "
            "WHERE enrollment_id NOT IN (SELECT id FROM enrollment)").fetchone()[0]
    finally:
        connection.close()
    assert niks == sorted(p["nik"] for p in good)
    assert orphans == 0


def test_enroll_from_stdin(cli_process, cli, officer, make_person, ayu, enroll_day):
    people = [ayu, make_person("Komang Sri Lestari", "517101", date(1990, 12, 31), "P", 4)]
    run = cli_process("enroll", "--json", "-", "--date", enroll_day, stdin=json.dumps(people))
    assert run.code == 0, run
    lines = run.out.splitlines()
    assert lines[-1] == "2 tersimpan, 0 ditolak, 0 sudah terdaftar"
    assert all(": tersimpan " in line for line in lines[:2])
    assert {i["nik"] for i in cli("--json", "list").json()["items"]} == {p["nik"] for p in people}


def test_stdin_is_utf8_whatever_the_console_encoding(cli_process, cli, officer, ayu, environment,
                                                     enroll_day):
    """On Windows a pipe is decoded with the ANSI code page unless the program reads bytes."""
    person = dict(ayu, full_name="Ni Luh Pütu Áyu")
    run = cli_process("enroll", "--json", "-", "--date", enroll_day,
                      stdin=json.dumps(person, ensure_ascii=False).encode("utf-8"),
                      env=environment(PYTHONIOENCODING="latin-1"))
    assert run.code == 0, run
    assert cli("--json", "show", person["nik"]).json()["full_name"] == "Ni Luh Pütu Áyu"


def test_malformed_json_and_missing_file_are_one_line(cli_process, officer, tmp_path):
    for run in (cli_process("enroll", "--json", "-", stdin='[{"nik": "5171045708850023", }]'),
                cli_process("enroll", "--json", str(tmp_path / "missing.json"))):
        assert run.code not in (0, None), run
        assert "Traceback" not in run.err
        assert len(run.err.splitlines()) == 1, run.err
        assert run.err.startswith("banjar-enroll: ")
        assert run.out == ""


def test_data_dir_and_language_from_the_environment(cli_process, tmp_path, environment):
    elsewhere = tmp_path / "from-env"
    env = environment(BANJAR_ENROLL_DATA_DIR=str(elsewhere), BANJAR_ENROLL_LANG="en")
    run = cli_process("officer", "show", env=env, with_data_dir=False)
    assert run.code == 1
    assert run.err.startswith("banjar-enroll: no officer has signed in on this laptop")
    assert len(run.err.splitlines()) == 1
    assert (elsewhere / DATABASE_FILE).is_file()
