"""``setup``, ``sync`` and the ``office`` commands, against a real office service."""

import json

import pytest


@pytest.fixture
def office_db(live_office) -> str:
    return live_office.engine.url.render_as_string(hide_password=False)


@pytest.fixture
def registered(cli, office_db, live_office, make_record, enroll_day):
    """A laptop with an officer, registered with the office through the commands."""
    assert cli("officer", "set", "--name", "Ni Ketut Sari", "--id", "DSN-002").code == 0
    code = cli("office", "add-device", "--officer", "Ni Ketut Sari", "--db", office_db,
               "--json").json()["code"]
    run = cli("setup", "--server", live_office.url, "--code", code)
    assert run.code == 0 and "Ni Ketut Sari" in run.out
    return cli


def test_setup_sync_and_the_office_listing(registered, office_db, make_record,
                                           enroll_day) -> None:
    cli = registered
    people = [make_record()]
    cli("enroll", "--json", "-", "--date", enroll_day, stdin=json.dumps(people))
    run = cli("sync")
    assert run.code == 0 and "accepted 1" in run.out
    assert cli("sync", "--json").json()["accepted"] == 0  # nothing waits any more
    listed = cli("office", "list", "--db", office_db, "--json").json()["items"]
    assert [r["nik"] for r in listed] == [people[0]["nik"]]
    shown = cli("office", "show", people[0]["nik"], "--db", office_db)
    assert "rev 1" in shown.out and "created" in shown.out
    devices = cli("office", "devices", "--db", office_db, "--json").json()["items"]
    assert devices[0]["officer"] == "Ni Ketut Sari" and devices[0]["last_sync_at"]
    assert devices[0]["app_version"]


def test_conflicts_are_listed_and_resolved_from_the_terminal(registered, office_db,
                                                             live_office, make_record,
                                                             make_laptop, valid_record,
                                                             enroll_day) -> None:
    from datetime import date

    from desktop_app.store.device import current_officer
    from desktop_app.store.enrollments import EnrollmentStore
    from desktop_app.sync.run import sync_now

    other = make_laptop("wayan")
    EnrollmentStore(other).create(valid_record, officer_id=current_officer(other).id,
                                  on=date(2026, 5, 20))
    sync_now(other)
    cli = registered
    cli("enroll", "--json", "-", "--date", enroll_day,
        stdin=json.dumps(make_record(full_name="Ni Made Sari Dewi Lestari")))
    run = cli("sync")
    assert run.code == 1 and "conflict" in run.out and "full_name" in run.out
    waiting = cli("office", "conflicts", "--db", office_db)
    assert "full_name: office 'Ni Made Sari Dewi' / incoming 'Ni Made Sari Dewi Lestari'" in (
        waiting.out)
    conflict_id = cli("office", "conflicts", "--db", office_db,
                      "--json").json()["items"][0]["conflict_id"]
    refused = cli("office", "resolve", conflict_id, "--db", office_db)
    assert refused.code == 1 and "--keep" in refused.err
    done = cli("office", "resolve", conflict_id, "--field", "full_name=incoming",
               "--by", "Made Supervisor", "--db", office_db)
    assert done.code == 0 and "Made Supervisor" in done.out
    assert "No conflicts waiting" in cli("office", "conflicts", "--db", office_db).out
    cli("sync")
    shown = cli("show", make_record()["nik"], "--json").json()
    assert (shown["full_name"], shown["status"]) == ("Ni Made Sari Dewi Lestari", "synced")


def test_mistakes_get_one_line(cli, one_line_error, office_db, live_office) -> None:
    assert cli("officer", "set", "--name", "Ni Ketut Sari", "--id", "DSN-002").code == 0
    assert "not registered" in one_line_error(cli("sync"))
    assert "unknown registration code" in one_line_error(
        cli("setup", "--server", live_office.url, "--code", "AAAA-BBBB-CCCC"))
    assert "http://" in one_line_error(cli("setup", "--server", "kantor", "--code", "X"))
    assert "6-digit" in one_line_error(
        cli("office", "add-device", "--officer", "X", "--area", "51", "--db", office_db))
    assert "not an id" in one_line_error(
        cli("office", "revoke-device", "nonsense", "--db", office_db))
    assert "unsupported database URL" in one_line_error(
        cli("office", "devices", "--db", "mysql://x"))
