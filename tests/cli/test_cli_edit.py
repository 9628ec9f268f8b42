"""``banjar-enroll edit ID|NIK --json FILE|- [--draft] [--correct-nik NEW]``: the form's edit on
the command line, through the real entry point on a real SQLite file (a real office for the
synced record)."""

import json
from datetime import date

import pytest

PHONE = "081299998888"


@pytest.fixture
def enrolled(cli, officer, enroll, make_record) -> dict:
    """One ready record, as ``show --json`` prints it."""
    run = enroll(make_record())
    assert run.code == 0, run
    return shown(cli, run.json()["results"][0]["id"])


def shown(cli, key: str) -> dict:
    run = cli("--json", "show", key)
    assert run.code == 0, run
    return run.json()


def edit(cli, key: str, change=None, *options: str):
    """``edit KEY --json - OPTIONS`` with ``change`` on stdin (no --json without a change)."""
    if change is None:
        return cli("edit", key, *options)
    return cli("edit", key, "--json", "-", *options, stdin=json.dumps(change))


def history_rows(database) -> int:
    return database("SELECT count(*) FROM enrollment_history")[0][0]


def assert_nothing_written(cli, database, before: dict) -> None:
    after = shown(cli, before["id"])
    assert after == before
    assert history_rows(database) == len(before["history"]) - 1  # revision 1 is the row itself


def test_a_partial_change_changes_only_the_named_fields(cli, enrolled, officer) -> None:
    run = cli("--json", "edit", enrolled["id"], "--json", "-", stdin=json.dumps(
        {"phone": PHONE, "beneficiary": {"name": "I Ketut Arsa", "relationship": "suami"}}))
    assert run.code == 0, run
    after = run.json()
    assert after == shown(cli, enrolled["id"])  # the record as show --json prints it
    assert after["phone"] == "+6281299998888"
    assert after["beneficiary"] == {"name": "I Ketut Arsa", "relationship": "suami", "phone": ""}
    unchanged = {k: v for k, v in enrolled.items()
                 if k not in ("phone", "beneficiary", "revision", "updated_at", "history")}
    assert {k: after[k] for k in unchanged} == unchanged
    assert after["revision"] == 2 and after["status"] == "ready"
    entry = after["history"][-1]
    assert entry["revision"] == 2 and entry["action"] == "updated"
    assert entry["officer_id"] == officer["id"] and entry["device_id"] == officer["device_id"]
    assert entry["changes"] == {"phone": ["+6281234567890", "+6281299998888"],
                                "beneficiary_name": ["", "I Ketut Arsa"],
                                "beneficiary_relationship": ["", "suami"]}


def test_text_output_names_the_changed_fields(cli, enrolled) -> None:
    run = edit(cli, enrolled["id"], {"notes": "pindah ke Br. Tengah"})
    assert run.code == 0, run
    assert run.out == (f"Ni Made Sari Dewi {enrolled['id']}: tersimpan (ready), revisi 2; "
                       "diubah: notes\n")
    assert run.err == ""


def test_null_clears_a_field_and_a_nested_key(cli, enrolled) -> None:
    assert edit(cli, enrolled["id"], {"beneficiary": {"name": "I Ketut Arsa",
                                                      "relationship": "suami",
                                                      "phone": "081211112222"},
                                      "notes": "catatan"}).code == 0
    run = edit(cli, enrolled["id"], {"beneficiary": {"phone": None}, "notes": None,
                                     "phone": None})
    assert run.code == 0, run
    after = shown(cli, enrolled["id"])
    assert after["beneficiary"] == {"name": "I Ketut Arsa", "relationship": "suami", "phone": ""}
    assert (after["notes"], after["phone"]) == ("", "")
    assert edit(cli, enrolled["id"], {"beneficiary": None}).code == 0
    assert shown(cli, enrolled["id"])["beneficiary"] is None


def test_a_field_with_no_empty_state_cannot_be_cleared(cli, enrolled, database) -> None:
    run = edit(cli, enrolled["id"], {"payment_months": None, "funding_source": None})
    assert run.code == 1
    assert "galat [payment_months]: payment_months tidak dapat dikosongkan (null). Tulis 1, 3, " \
           "6 atau 12." in run.err
    assert "galat [funding_source]" in run.err
    assert_nothing_written(cli, database, enrolled)


def test_unknown_fields_are_refused_and_nothing_is_written(cli, enrolled, database) -> None:
    run = edit(cli, enrolled["id"], {"phone": PHONE, "colour": "red",
                                     "beneficiary": {"nama": "x"}})
    assert run.code == 1
    assert "DITOLAK, tidak ada yang diubah" in run.err
    assert "galat [colour]: Nama kolom 'colour' tidak dikenal" in run.err
    assert "galat [beneficiary.nama]" in run.err
    assert_nothing_written(cli, database, enrolled)


def test_the_output_fields_are_accepted_and_ignored(cli, enrolled) -> None:
    sent_back = {**enrolled, "phone": PHONE, "status": "synced", "revision": 99,
                 "id": "00000000-0000-0000-0000-000000000000"}
    run = edit(cli, enrolled["id"], sent_back)
    assert run.code == 0, run
    after = shown(cli, enrolled["id"])
    assert (after["id"], after["status"], after["revision"]) == (enrolled["id"], "ready", 2)
    assert list(after["history"][-1]["changes"]) == ["phone"]


def test_a_different_nik_in_the_json_is_refused_pointing_at_correct_nik(
        cli, enrolled, database, make_nik) -> None:
    other = make_nik("517104", date(1985, 8, 17), "P", 24)
    run = edit(cli, enrolled["id"], {"nik": other, "phone": PHONE})
    assert run.code == 1
    assert run.err.startswith(f"banjar-enroll: NIK di JSON ({other}) berbeda dengan NIK data "
                              f"ini ({enrolled['nik']})")
    assert f"banjar-enroll edit {enrolled['id']} --correct-nik NIK_BARU" in run.err
    assert_nothing_written(cli, database, enrolled)
    spaced = f"{enrolled['nik'][:4]} {enrolled['nik'][4:]}"  # the same NIK, typed with a space
    assert edit(cli, enrolled["id"], {"nik": spaced, "phone": PHONE}).code == 0


def test_errors_refuse_the_edit_and_nothing_is_written(cli, enrolled, database) -> None:
    run = edit(cli, enrolled["id"], {"phone": "12345", "full_name": ""})
    assert run.code == 1
    lines = run.err.splitlines()
    assert lines[0] == (f"Ni Made Sari Dewi {enrolled['id']}: DITOLAK, tidak ada yang diubah "
                        "(--draft menyimpannya sebagai draf)")
    assert any(line.startswith("  galat [phone]: ") for line in lines)
    assert any(line.startswith("  galat [full_name]: ") for line in lines)
    assert run.out == ""
    assert_nothing_written(cli, database, enrolled)
    as_json = cli("--json", "edit", enrolled["id"], "--json", "-",
                  stdin=json.dumps({"phone": "12345"}))
    assert as_json.code == 1
    assert as_json.json()["outcome"] == "refused"
    assert [i["field"] for i in as_json.json()["issues"]] == ["phone"]


def test_draft_keeps_an_edit_with_errors_as_a_draft(cli, enrolled) -> None:
    run = edit(cli, enrolled["id"], {"phone": "12345"}, "--draft")
    assert run.code == 0, run
    assert run.out.splitlines()[0] == (f"Ni Made Sari Dewi {enrolled['id']}: tersimpan (draft), "
                                       "revisi 2; diubah: phone, status")
    assert run.out.splitlines()[1].startswith("  galat [phone]: ")  # what is left to fix
    after = shown(cli, enrolled["id"])
    assert (after["status"], after["phone"]) == ("draft", "12345")
    assert after["history"][-1]["changes"]["status"] == ["ready", "draft"]


def test_a_valid_edit_makes_a_draft_ready(cli, officer, enroll, make_record) -> None:
    stored = enroll(make_record(full_name="", occupation=""), "--draft").json()["results"][0]
    assert stored["status"] == "draft"
    run = cli("--json", "edit", stored["id"], "--json", "-", stdin=json.dumps(
        {"full_name": "Ni Made Sari Dewi", "occupation": "pedagang"}))
    assert run.code == 0, run
    assert run.json()["status"] == "ready"
    assert run.json()["history"][-1]["changes"]["status"] == ["draft", "ready"]


def test_correct_nik_changes_the_nik_and_the_history_keeps_the_old_one(
        cli, enrolled, make_nik) -> None:
    new = make_nik("517104", date(1985, 8, 17), "P", 31)
    run = cli("--json", "edit", enrolled["id"], "--correct-nik", f"{new[:6]} {new[6:]}")
    assert run.code == 0, run
    assert run.json()["nik"] == new and run.json()["id"] == enrolled["id"]
    assert run.json()["history"][-1]["changes"] == {"nik": [enrolled["nik"], new]}
    assert shown(cli, new)["id"] == enrolled["id"]
    assert cli("show", enrolled["nik"]).code == 1  # one person, one record, under the new NIK
    # with a change in the same revision, whose NIK may be the old or the new one
    both = edit(cli, new, {"nik": new, "phone": PHONE})
    assert both.code == 0, both


def test_correct_nik_with_a_change_is_one_revision(cli, enrolled, make_nik) -> None:
    new = make_nik("517104", date(1985, 8, 17), "P", 32)
    run = edit(cli, enrolled["nik"], {"nik": enrolled["nik"], "phone": PHONE},
               "--correct-nik", new)
    assert run.code == 0, run
    after = shown(cli, new)
    assert after["revision"] == 2
    assert set(after["history"][-1]["changes"]) == {"nik", "phone"}


def test_correct_nik_onto_another_records_nik_is_refused_naming_it(
        cli, enrolled, enroll, make_person, database) -> None:
    other = enroll(make_person("I Wayan Bagus", "517103", date(1979, 1, 5), "L", 7))
    other_id = other.json()["results"][0]["id"]
    other_nik = other.json()["results"][0]["nik"]
    before = shown(cli, enrolled["id"])
    run = edit(cli, enrolled["id"], None, "--correct-nik", other_nik)
    assert run.code == 1
    assert run.err == (f"banjar-enroll: NIK {other_nik} sudah dipakai data lain di laptop ini: "
                       f"I Wayan Bagus (ready) {other_id}; tidak ada yang diubah. Buka data "
                       f"itu: banjar-enroll show {other_id}\n")
    assert shown(cli, enrolled["id"]) == before
    assert history_rows(database) == 0


def test_an_invalid_new_nik_is_refused_with_the_niks_own_message(cli, enrolled,
                                                                 database) -> None:
    for options in ((), ("--draft",)):
        run = edit(cli, enrolled["id"], None, "--correct-nik", "517104570885", *options)
        assert run.code == 1
        lines = run.err.splitlines()
        assert lines[0] == f"Ni Made Sari Dewi {enrolled['id']}: DITOLAK, tidak ada yang diubah"
        assert lines[1].startswith("  galat [nik]: NIK harus 16 angka"), lines
        assert len(lines) == 2
    assert_nothing_written(cli, database, enrolled)


def test_an_edit_that_changes_nothing_says_so_and_writes_nothing(cli, enrolled,
                                                                 database) -> None:
    for change in ({"phone": "0812 3456 7890"}, enrolled):  # as typed, or sent back whole
        run = edit(cli, enrolled["id"], change)
        assert run.code == 0, run
        assert run.out == (f"Ni Made Sari Dewi {enrolled['id']}: tidak ada perubahan; tidak "
                           "ada yang disimpan (ready, revisi 1)\n")
    assert_nothing_written(cli, database, enrolled)
    same = edit(cli, enrolled["id"], None, "--correct-nik", enrolled["nik"])
    assert same.code == 0 and "tidak ada perubahan" in same.out


def test_by_id_and_by_nik(cli, enrolled) -> None:
    assert edit(cli, enrolled["id"], {"notes": "satu"}).code == 0
    spaced = " ".join(enrolled["nik"][i:i + 4] for i in range(0, 16, 4))
    assert edit(cli, spaced, {"notes": "dua"}).code == 0
    assert shown(cli, enrolled["id"])["notes"] == "dua"
    missing = edit(cli, "5171040101900001", {"notes": "tiga"})
    assert missing.code == 1
    assert "tidak ada data dengan id atau NIK 5171040101900001" in missing.err


def test_english_messages(cli, enrolled, make_nik) -> None:
    refused = cli("edit", enrolled["id"], "--json", "-", "--lang", "en",
                  stdin=json.dumps({"phone": "12345"}))
    assert refused.code == 1
    assert refused.err.splitlines()[0] == (f"Ni Made Sari Dewi {enrolled['id']}: REFUSED, "
                                           "nothing was changed (--draft keeps it as a draft)")
    assert refused.err.splitlines()[1].startswith("  error [phone]: ")
    other = make_nik("517104", date(1985, 8, 17), "P", 24)
    nik = cli("--lang", "en", "edit", enrolled["id"], "--json", "-",
              stdin=json.dumps({"nik": other}))
    assert nik.err.startswith(f"banjar-enroll: the NIK in the JSON ({other}) differs from this "
                              f"record's ({enrolled['nik']}); --json does not change the NIK")
    saved = cli("--lang", "en", "edit", enrolled["id"], "--json", "-",
                stdin=json.dumps({"notes": "x"}))
    assert saved.out == (f"Ni Made Sari Dewi {enrolled['id']}: saved (ready), revision 2; "
                         "changed: notes\n")
    nothing = cli("--lang", "en", "edit", enrolled["id"])
    assert nothing.code == 1
    assert nothing.err == ("banjar-enroll: nothing to change: give --json FILE|- (the fields to "
                           "change) and/or --correct-nik NEW_NIK\n")


def test_a_change_that_is_not_one_object_is_refused(cli, enrolled, database) -> None:
    run = edit(cli, enrolled["id"], [{"phone": PHONE}])
    assert run.code == 1
    assert "galat [record]: Perubahan harus satu objek JSON" in run.err
    broken = cli("edit", enrolled["id"], "--json", "-", stdin="{nope")
    assert broken.code == 1 and broken.err.startswith("banjar-enroll: - bukan JSON yang sah")
    assert_nothing_written(cli, database, enrolled)


def test_edit_as_a_real_program_reads_its_change_from_stdin(cli_process, cli, enrolled) -> None:
    run = cli_process("--json", "edit", enrolled["nik"], "--json", "-",
                      stdin=json.dumps({"address": "Jl. Nangka No. 7"}))
    assert run.code == 0, run
    assert run.json()["address"] == "Jl. Nangka No. 7"
    assert run.json()["history"][-1]["changes"] == {
        "address": ["Jl. Kamboja No. 5", "Jl. Nangka No. 7"]}


# --- a record the office has ------------------------------------------------------------------

@pytest.fixture
def office_db(live_office) -> str:
    return live_office.engine.url.render_as_string(hide_password=False)


@pytest.fixture
def synced(cli, office_db, live_office, make_record, enroll_day) -> dict:
    """A record enrolled on a registered laptop and synced to the live office."""
    assert cli("officer", "set", "--name", "Ni Ketut Sari", "--id", "DSN-002").code == 0
    code = cli("office", "add-device", "--officer", "Ni Ketut Sari", "--db", office_db,
               "--json").json()["code"]
    assert cli("setup", "--server", live_office.url, "--code", code).code == 0
    assert cli("enroll", "--json", "-", "--date", enroll_day,
               stdin=json.dumps(make_record())).code == 0
    assert cli("sync").code == 0
    record = shown(cli, make_record()["nik"])
    assert record["status"] == "synced"
    return record


def test_an_edit_of_a_synced_record_makes_it_ready_and_the_next_sync_sends_it(
        cli, synced, office_db, database) -> None:
    [(office_id, office_revision, synced_revision)] = database(
        "SELECT office_id, office_revision, synced_revision FROM enrollment")
    unchanged = edit(cli, synced["id"], {"phone": synced["phone"]})
    assert "tidak ada perubahan" in unchanged.out  # saved as it was: not sent again
    assert shown(cli, synced["id"])["status"] == "synced"
    run = cli("--json", "edit", synced["id"], "--json", "-", stdin=json.dumps({"phone": PHONE}))
    assert run.code == 0, run
    after = run.json()
    assert (after["status"], after["revision"]) == ("ready", synced["revision"] + 1)
    assert after["history"][-1]["changes"] == {"phone": ["+6281234567890", "+6281299998888"],
                                               "status": ["synced", "ready"]}
    # the office revision it was based on is kept for the push's three-way merge
    assert database("SELECT office_id, office_revision, synced_revision FROM enrollment") == [
        (office_id, office_revision, synced_revision)]
    assert cli("--json", "list", "--status", "ready").json()["total"] == 1
    assert cli("sync").code == 0
    assert shown(cli, synced["id"])["status"] == "synced"
    office = cli("--json", "office", "show", synced["nik"], "--db", office_db).json()
    assert office["record"]["phone"] == "+6281299998888"
    assert "phone" in office["history"][-1]["changes"]


def test_a_record_waiting_for_review_can_be_fixed_as_in_the_form(
        cli, synced, make_laptop, make_person, enroll_day, valid_record) -> None:
    """The form lets the officer fix a record the office holds for review (after asking the
    person); so does edit: it is ready again, and its new revision gets its own answer."""
    from desktop_app.domain.nik import Sex
    from desktop_app.store.enrollments import EnrollmentStore
    from desktop_app.store.officers import current_officer
    from desktop_app.sync.run import sync_now

    other = make_laptop("wayan")
    person = make_person("I Wayan Bagus", "517103", date(1979, 1, 5), "L", 7)
    EnrollmentStore(other).create(valid_record.with_changes(
        nik=person["nik"], full_name="I Wayan Bagus", birth_date=date(1979, 1, 5), sex=Sex.MALE),
        officer_id=current_officer(other).id, on=date(2026, 5, 20))
    sync_now(other)
    assert cli("enroll", "--json", "-", "--date", enroll_day,
               stdin=json.dumps(dict(person, full_name="I Wayan Bagus Santika"))).code == 0
    cli("sync")
    waiting = shown(cli, person["nik"])
    assert waiting["status"] == "conflict"
    run = cli("--json", "edit", person["nik"], "--json", "-",
              stdin=json.dumps({"full_name": "I Wayan Bagus"}))
    assert run.code == 0, run
    assert (run.json()["status"], run.json()["revision"]) == ("ready", waiting["revision"] + 1)
    assert run.json()["history"][-1]["changes"] == {
        "full_name": ["I Wayan Bagus Santika", "I Wayan Bagus"],
        "status": ["conflict", "ready"]}
