"""``banjar-enroll officer set|show``, and why ``enroll`` needs an officer."""

import uuid


def test_show_without_officer_is_one_line_exit_1(cli, one_line_error):
    run = cli("officer", "show")
    line = one_line_error(run, 1)
    assert "officer set" in line
    assert run.out == ""


def test_set_then_show_text(cli):
    set_run = cli("officer", "set", "--name", "  I Made   Suardana ", "--id", "DSN-0042")
    assert set_run.code == 0, set_run
    show = cli("officer", "show")
    assert show.code == 0, show
    assert show.out == set_run.out
    assert show.out.startswith("I Made Suardana (DSN-0042), perangkat ")
    device = show.out.strip().rsplit(" ", 1)[1]
    uuid.UUID(device)


def test_set_then_show_json(cli):
    created = cli("officer", "set", "--name", "I Made Suardana", "--id", "DSN-0042", "--json")
    assert created.code == 0, created
    shown = cli("--json", "officer", "show")
    assert shown.code == 0, shown
    data = shown.json()
    assert data == created.json()
    assert set(data) == {"id", "name", "officer_code", "device_id"}
    assert (data["name"], data["officer_code"]) == ("I Made Suardana", "DSN-0042")
    uuid.UUID(data["id"])
    uuid.UUID(data["device_id"])


def test_set_again_switches_officer_and_keeps_the_device(cli, officer):
    other = cli("--json", "officer", "set", "--name", "Ni Kadek Ari", "--id", "DSN-0077").json()
    assert other["id"] != officer["id"]
    assert other["device_id"] == officer["device_id"]
    assert cli("--json", "officer", "show").json() == other
    again = cli("--json", "officer", "set", "--name", "I Made Suardana Putra",
                "--id", officer["officer_code"]).json()
    assert again["id"] == officer["id"]  # the same officer, renamed
    assert again["name"] == "I Made Suardana Putra"


def test_lang_en(cli, officer):
    run = cli("--lang", "en", "officer", "show")
    assert ", device " in run.out


def test_blank_name_is_one_line_exit_1(cli, one_line_error):
    run = cli("officer", "set", "--name", "   ", "--id", "DSN-0042")
    assert "--name" in one_line_error(run, 1)
    one_line_error(cli("officer", "show"), 1)  # nothing was signed in


def test_enroll_without_officer_is_one_line_exit_1(cli, write_json, make_record, one_line_error,
                                                   enroll_day):
    path = write_json(make_record())
    run = cli("enroll", "--json", str(path), "--date", enroll_day)
    line = one_line_error(run, 1)
    assert "officer set" in line
    assert run.out == ""
    listing = cli("--json", "list")
    assert listing.json()["total"] == 0


def test_enroll_without_officer_in_english(cli, write_json, make_record, one_line_error):
    run = cli("--lang", "en", "enroll", "--json", str(write_json(make_record())))
    assert "no officer has signed in" in one_line_error(run, 1)
