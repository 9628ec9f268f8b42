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
    # the one line the status bar shows too: what was sent and what the office did with it
    assert run.code == 0 and run.out == "Sinkron: 1 data terkirim ke kantor (1 diterima).\n"
    english = cli("sync", "--lang", "en")
    assert english.out == "Sync: nothing changed.\n"
    assert cli("sync", "--json").json()["accepted"] == 0  # nothing waits any more
    listed = cli("office", "list", "--db", office_db, "--json").json()["items"]
    assert [r["nik"] for r in listed] == [people[0]["nik"]]
    shown = cli("office", "show", people[0]["nik"], "--db", office_db)
    assert "revisi 1" in shown.out and "dibuat" in shown.out and "Nama lengkap" in shown.out
    shown = cli("office", "show", people[0]["nik"], "--db", office_db, "--lang", "en")
    assert "rev 1" in shown.out and "created" in shown.out and "Full name" in shown.out
    assert "revisi 1" in cli("office", "list", "--db", office_db).out
    assert "belum pernah sinkron" not in cli("office", "devices", "--db", office_db).out
    devices = cli("office", "devices", "--db", office_db, "--json").json()["items"]
    assert devices[0]["officer"] == "Ni Ketut Sari" and devices[0]["last_sync_at"]
    assert devices[0]["app_version"]


def test_conflicts_are_listed_and_resolved_from_the_terminal(registered, office_db,
                                                             live_office, make_record,
                                                             make_laptop, valid_record,
                                                             enroll_day) -> None:
    from datetime import date

    from desktop_app.store.enrollments import EnrollmentStore
    from desktop_app.store.officers import current_officer
    from desktop_app.sync.run import sync_now

    other = make_laptop("wayan")
    EnrollmentStore(other).create(valid_record, officer_id=current_officer(other).id,
                                  on=date(2026, 5, 20))
    sync_now(other)
    cli = registered
    cli("enroll", "--json", "-", "--date", enroll_day,
        stdin=json.dumps(make_record(full_name="Ni Made Sari Dewi Lestari",
                                     first_month="2026-06")))
    run = cli("sync")
    assert run.code == 1 and "(1 menunggu pemeriksaan)" in run.out
    assert "  menunggu pemeriksaan: " in run.out and "Nama lengkap (sesuai KTP)" in run.out
    waiting = cli("office", "conflicts", "--db", office_db)
    assert "menunggu" in waiting.out.splitlines()[0]
    assert ("[full_name] Nama lengkap (sesuai KTP): kantor 'Ni Made Sari Dewi' / masuk "
            "'Ni Made Sari Dewi Lestari'") in waiting.out
    in_english = cli("office", "conflicts", "--db", office_db, "--lang", "en")
    assert ("[full_name] Full name (as on the ID card): office 'Ni Made Sari Dewi' / incoming "
            "'Ni Made Sari Dewi Lestari'") in in_english.out
    conflict_id = cli("office", "conflicts", "--db", office_db,
                      "--json").json()["items"][0]["conflict_id"]
    refused = cli("office", "resolve", conflict_id[:8], "--db", office_db)
    assert refused.code == 1 and "--keep" in refused.err
    unknown = "0000" if not conflict_id.startswith("0000") else "ffff"
    missing = cli("office", "resolve", unknown, "--keep", "office", "--db", office_db)
    assert missing.code == 1 and f"tidak ada konflik dengan ID berawalan {unknown}" in (
        missing.err)
    # the two enrollments start paying in different months too: a money difference of a
    # second enrollment waits for the same decision (issue 14's merge table)
    done = cli("office", "resolve", conflict_id[:8].upper(), "--field", "full_name=incoming",
               "--field", "first_month=office", "--by", "Made Supervisor", "--db", office_db)
    assert done.code == 0 and done.out == (f"Konflik {conflict_id} diputuskan oleh Made "
                                           "Supervisor.\n")
    assert "Tidak ada konflik yang menunggu" in cli("office", "conflicts", "--db",
                                                    office_db).out
    again = cli("office", "resolve", conflict_id[:8], "--keep", "office", "--db", office_db)
    assert again.code == 1 and "sudah diputuskan" in again.err
    cli("sync")
    shown = cli("show", make_record()["nik"], "--json").json()
    assert (shown["full_name"], shown["status"]) == ("Ni Made Sari Dewi Lestari", "synced")


def test_mistakes_get_one_line(cli, one_line_error, office_db, live_office) -> None:
    assert cli("officer", "set", "--name", "Ni Ketut Sari", "--id", "DSN-002").code == 0
    assert "belum terdaftar di kantor" in one_line_error(cli("sync"))  # the officer's words
    assert "not registered" in one_line_error(cli("--lang", "en", "sync"))
    assert "unknown registration code" in one_line_error(
        cli("setup", "--server", live_office.url, "--code", "AAAA-BBBB-CCCC"))
    assert "http://" in one_line_error(cli("setup", "--server", "kantor", "--code", "X"))
    assert "6 angka" in one_line_error(
        cli("office", "add-device", "--officer", "X", "--area", "51", "--db", office_db))
    assert "6-digit" in one_line_error(cli("office", "add-device", "--officer", "X", "--area",
                                           "51", "--db", office_db, "--lang", "en"))
    assert "bukan sebuah id" in one_line_error(
        cli("office", "revoke-device", "nonsense", "--db", office_db))
    assert "tidak didukung" in one_line_error(cli("office", "devices", "--db", "mysql://x"))
    assert "unsupported database URL" in one_line_error(
        cli("--lang", "en", "office", "devices", "--db", "mysql://x"))
    assert "at least its first 4" in one_line_error(
        cli("office", "resolve", "ab", "--keep", "office", "--db", office_db, "--lang", "en"))


def test_a_conflict_is_found_by_any_unique_prefix_of_its_id() -> None:
    import uuid

    from desktop_app.office.conflicts import ResolutionRefused, pick_by_prefix

    ids = [uuid.UUID("5f3a9c10-0000-4000-8000-000000000001"),
           uuid.UUID("5f3a9c22-0000-4000-8000-000000000002"),
           uuid.UUID("a1b2c3d4-0000-4000-8000-000000000003")]
    assert pick_by_prefix("a1b2", ids) == ids[2]
    assert pick_by_prefix("5F3A-9C1", ids) == ids[0]  # case and dashes do not matter
    assert pick_by_prefix(str(ids[1]), ids) == ids[1]
    with pytest.raises(ResolutionRefused) as ambiguous:
        pick_by_prefix("5f3a9c", ids)
    assert str(ids[0]) in str(ambiguous.value) and str(ids[1]) in str(ambiguous.value)
    assert "cocok dengan 2 konflik" in ambiguous.value.text.id
    with pytest.raises(ResolutionRefused, match="no conflict has an ID starting with 7777"):
        pick_by_prefix("7777", ids)
    with pytest.raises(ResolutionRefused, match="at least its first 4"):
        pick_by_prefix("5f3", ids)


def test_a_usb_batch_applied_at_the_office_is_told_in_indonesian(registered, office_db,
                                                                 make_record, enroll_day,
                                                                 tmp_path) -> None:
    cli = registered
    cli("enroll", "--json", "-", "--date", enroll_day, stdin=json.dumps([make_record()]))
    stick, reply = tmp_path / "stick.json", tmp_path / "reply.json"
    assert cli("sync", "--export", str(stick)).code == 0
    applied = cli("office", "import", str(stick), "--reply", str(reply), "--db", office_db)
    assert applied.code == 0
    assert applied.out == f"Diterapkan: diterima 1. Balasan ditulis ke {reply}.\n"
    again = cli("office", "import", str(stick), "--reply", str(reply), "--db", office_db,
                "--lang", "en")
    assert again.out == f"Applied: accepted 1. Reply written to {reply}.\n"
    assert cli("office", "import", str(stick), "--reply", str(reply), "--db", office_db,
               "--json").json()["outcomes"] == {"accepted": 1}  # the codes stay codes
    back = cli("sync", "--import", str(reply))
    assert back.code == 0 and back.out.startswith("Sinkron: 1 data terkirim ke kantor")
