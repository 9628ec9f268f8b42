"""``banjar-enroll enroll --json FILE|-``: store, refuse per record, exists, drafts, bad input."""

import json
import uuid
from datetime import date

import pytest


@pytest.fixture
def people(make_person):
    """Three valid records of different people."""
    return [
        make_person("Ni Luh Putu Ayu", "517104", date(1985, 8, 17), "P", 23),
        make_person("I Wayan Bagus", "517103", date(1979, 1, 5), "L", 7, occupation="sopir"),
        make_person("Komang Sri Lestari", "517101", date(1990, 12, 31), "P", 4,
                    occupation="petani"),
    ]


def listed(cli) -> dict:
    run = cli("--json", "list", "--limit", "1000")
    assert run.code == 0, run
    return run.json()


def listed_niks(cli) -> set[str]:
    return {item["nik"] for item in listed(cli)["items"]}


def assert_nothing_else_stored(database) -> None:
    """No history row belongs to a record that is not in the enrollment table."""
    assert database("SELECT count(*) FROM enrollment_history "
                    "WHERE enrollment_id NOT IN (SELECT id FROM enrollment)") == [(0,)]


def test_one_object_is_stored_and_its_id_printed(cli, officer, enroll, make_record):
    run = enroll(make_record())
    assert run.code == 0, run
    data = run.json()
    assert (data["stored"], data["refused"], data["exists"]) == (1, 0, 0)
    [result] = data["results"]
    assert result["outcome"] == "stored"
    assert result["status"] == "ready"
    assert result["nik"] == make_record()["nik"]
    assert result["issues"] == []
    stored_id = uuid.UUID(result["id"])
    shown = cli("--json", "show", str(stored_id))
    assert shown.code == 0, shown
    assert shown.json()["id"] == str(stored_id)
    assert shown.json()["full_name"] == "Ni Made Sari Dewi"
    assert shown.json()["officer_id"] == officer["id"]


def test_text_output_prints_ids(cli, officer, write_json, people, enroll_day):
    run = cli("enroll", "--json", str(write_json(people)), "--date", enroll_day)
    assert run.code == 0, run
    lines = run.out.splitlines()
    assert len(lines) == 4
    items = {item["nik"]: item["id"] for item in listed(cli)["items"]}
    for index, person in enumerate(people, start=1):
        assert lines[index - 1] == (f"#{index} NIK {person['nik']}: tersimpan "
                                    f"{items[person['nik']]} (ready)")
    assert lines[3] == "3 tersimpan, 0 ditolak, 0 sudah terdaftar"
    assert run.err == ""


def test_array_stores_every_record(cli, officer, enroll, people):
    run = enroll(people)
    assert run.code == 0, run
    results = run.json()["results"]
    assert [r["outcome"] for r in results] == ["stored"] * 3
    assert [r["index"] for r in results] == [1, 2, 3]
    assert len({r["id"] for r in results}) == 3
    assert listed_niks(cli) == {p["nik"] for p in people}


def test_mix_stores_the_valid_and_refuses_the_invalid(cli, officer, enroll, people, database):
    bad_phone = dict(people[1], phone="12345", full_name="Gede Salah Telepon")
    no_name = dict(people[2], full_name="")
    bad_nik = dict(people[0], nik="5171045708850000", full_name="Made Nomor Salah")
    records = [people[0], bad_phone, no_name, bad_nik,
               dict(people[1], nik="5171030501790008")]
    run = enroll(records)
    assert run.code == 1, run
    data = run.json()
    assert [r["outcome"] for r in data["results"]] == [
        "stored", "refused", "refused", "refused", "stored"]
    assert (data["stored"], data["refused"], data["exists"]) == (2, 3, 0)
    refused = {r["index"]: r for r in data["results"] if r["outcome"] == "refused"}
    assert [(i["field"], i["code"]) for i in refused[2]["issues"]] == [("phone", "phone_format")]
    assert [(i["field"], i["code"]) for i in refused[3]["issues"]] == [("full_name", "required")]
    assert [(i["field"], i["code"]) for i in refused[4]["issues"]] == [("nik", "serial")]
    for result in refused.values():
        assert "id" not in result
        assert all(i["severity"] == "error" for i in result["issues"])

    # exactly the valid ones are in the database, nothing of the refused ones
    assert listed_niks(cli) == {people[0]["nik"], "5171030501790008"}
    assert listed(cli)["total"] == 2
    for name in ("Salah", "Gede", "Nomor"):
        assert cli("--json", "list", "--search", name).json()["total"] == 0
    for nik in (people[1]["nik"], people[2]["nik"], "5171045708850000"):
        assert cli("show", nik).code == 1
    assert sorted(database("SELECT full_name FROM enrollment")) == [
        ("I Wayan Bagus",), ("Ni Luh Putu Ayu",)]
    assert_nothing_else_stored(database)
    for word in ("salah", "gede", "nomor", "telepon"):  # the name index itself, not via a join
        assert database("SELECT rowid FROM enrollment_search WHERE enrollment_search MATCH ?",
                        word) == []


def test_refused_records_text_on_stderr_with_field_names(cli, officer, write_json, people,
                                                         enroll_day):
    records = [people[0], dict(people[1], phone="12345", monthly_income=0)]
    run = cli("enroll", "--json", str(write_json(records)), "--date", enroll_day)
    assert run.code == 1, run
    assert f"#1 NIK {people[0]['nik']}: tersimpan" in run.out
    assert run.out.splitlines()[-1] == "1 tersimpan, 1 ditolak, 0 sudah terdaftar"
    err = run.err.splitlines()
    assert err[0] == f"#2 NIK {people[1]['nik']}: DITOLAK"
    assert "  galat [phone]: Nomor HP harus nomor HP Indonesia" in run.err
    assert "  galat [monthly_income]: Penghasilan per bulan harus lebih dari Rp0." in run.err
    assert "Traceback" not in run.err


def test_refused_record_messages_in_english(cli, officer, write_json, people, enroll_day):
    run = cli("--lang", "en", "enroll", "--json", str(write_json([dict(people[0], sex="X")])),
              "--date", enroll_day)
    assert run.code == 1
    assert f"#1 NIK {people[0]['nik']}: REFUSED" in run.err
    assert "  error [sex]: sex is not valid: 'X'. Write L (male) or P (female)." in run.err
    assert "0 stored, 1 refused, 0 already enrolled" in run.out


def test_all_refused_exits_non_zero_and_stores_nothing(cli, officer, enroll, people, database):
    run = enroll([dict(p, consent={"given": False}) for p in people])
    assert run.code == 1
    assert [r["outcome"] for r in run.json()["results"]] == ["refused"] * 3
    assert all(r["issues"][0]["field"] == "consent.given" for r in run.json()["results"])
    assert listed(cli)["total"] == 0
    assert database("SELECT count(*) FROM enrollment") == [(0,)]
    assert_nothing_else_stored(database)


def test_already_enrolled_nik_answers_exists_with_the_existing_id(cli, officer, enroll, people,
                                                                  database):
    first = enroll(people[0]).json()["results"][0]
    again = dict(people[0], full_name="Ni Luh Putu Ayu Lestari", phone="081299998888",
                 nik=" ".join([people[0]["nik"][:6], people[0]["nik"][6:]]))
    run = enroll(again)
    assert run.code != 0, run
    data = run.json()
    assert (data["stored"], data["refused"], data["exists"]) == (0, 0, 1)
    [result] = data["results"]
    assert result["outcome"] == "exists"
    assert result["id"] == first["id"]
    assert result["nik"] == people[0]["nik"]
    assert listed(cli)["total"] == 1
    shown = cli("--json", "show", first["id"]).json()
    assert shown["full_name"] == "Ni Luh Putu Ayu"  # nothing of the second attempt
    assert shown["revision"] == 1
    assert len(shown["history"]) == 1
    assert database("SELECT count(*) FROM enrollment") == [(1,)]
    assert_nothing_else_stored(database)


def test_exists_text_names_the_existing_record(cli, officer, enroll, write_json, people,
                                               enroll_day):
    stored_id = enroll(people[0]).json()["results"][0]["id"]
    run = cli("enroll", "--json", str(write_json(people[0])), "--date", enroll_day)
    assert run.code == 1
    assert f"banjar-enroll show {stored_id}" in run.err
    assert "sudah terdaftar" in run.err
    assert run.out.splitlines()[-1] == "0 tersimpan, 0 ditolak, 1 sudah terdaftar"


def test_same_nik_twice_in_one_file(cli, officer, enroll, people):
    run = enroll([people[0], dict(people[0], full_name="Ni Luh Kembar"), people[1]])
    assert run.code == 1
    results = run.json()["results"]
    assert [r["outcome"] for r in results] == ["stored", "exists", "stored"]
    assert results[1]["id"] == results[0]["id"]
    assert listed(cli)["total"] == 2


def test_warnings_are_kept_with_a_stored_record(cli, officer, enroll, people):
    run = enroll(dict(people[0], sex="L"))  # the NIK says P: a warning, not a block
    assert run.code == 0, run
    [result] = run.json()["results"]
    assert result["status"] == "ready"
    assert [(i["field"], i["severity"], i["code"]) for i in result["issues"]] == [
        ("sex", "warning", "nik_mismatch")]
    shown = cli("--json", "show", result["id"]).json()
    assert [(w["field"], w["code"]) for w in shown["warnings"]] == [("sex", "nik_mismatch")]
    assert shown["sex"] == "L"  # kept as typed; the NIK is never corrected


def test_draft_keeps_an_incomplete_record(cli, officer, enroll, make_person):
    incomplete = {"nik": make_person("X", "517102", date(1970, 6, 1), "L")["nik"],
                  "full_name": "Ketut Belum Lengkap"}
    refused = enroll(incomplete)
    assert refused.code == 1
    assert refused.json()["results"][0]["outcome"] == "refused"
    assert {i["field"] for i in refused.json()["results"][0]["issues"]} >= {
        "address", "occupation", "monthly_income", "consent.given"}
    assert listed(cli)["total"] == 0

    run = enroll(incomplete, "--draft")
    assert run.code == 0, run
    [result] = run.json()["results"]
    assert (result["outcome"], result["status"]) == ("stored", "draft")
    drafts = cli("--json", "list", "--status", "draft").json()
    assert [item["id"] for item in drafts["items"]] == [result["id"]]
    shown = cli("--json", "show", incomplete["nik"]).json()
    assert shown["status"] == "draft"
    assert shown["birth_date"] == "1970-06-01"  # filled from the NIK
    assert cli("show", incomplete["nik"]).code == 0


def test_draft_still_needs_a_valid_nik(cli, officer, enroll):
    run = enroll({"nik": "5171040106700000", "full_name": "Ketut Draft"}, "--draft")
    assert run.code == 1
    [result] = run.json()["results"]
    assert result["outcome"] == "refused"
    assert [(i["field"], i["code"]) for i in result["issues"]] == [("nik", "serial")]
    assert listed(cli)["total"] == 0


def test_draft_of_a_complete_record_is_ready(cli, officer, enroll, people):
    result = enroll(people[0], "--draft").json()["results"][0]
    assert (result["outcome"], result["status"]) == ("stored", "ready")


def test_enrollment_date_decides_age(cli, officer, enroll, make_person):
    teen = make_person("Putu Remaja", "517104", date(2011, 6, 1), "L")
    too_young = enroll(teen)  # 14 on 2026-05-20
    assert too_young.code == 1
    assert [(i["field"], i["code"]) for i in too_young.json()["results"][0]["issues"]] == [
        ("birth_date", "too_young")]
    assert cli("--json", "enroll", "--json", "-", "--date", "2026-06-01",
               stdin=json.dumps(teen)).code == 0  # 15 on 2026-06-01


def test_nik_as_a_json_number_is_refused_as_not_text(cli, officer, enroll, people):
    run = enroll([dict(people[0], nik=int(people[0]["nik"])), people[1]])
    assert run.code == 1
    first, second = run.json()["results"]
    assert first["outcome"] == "refused"
    assert [(i["field"], i["code"]) for i in first["issues"]] == [("nik", "type")]
    assert "text" in first["issues"][0]["message"]["en"]
    assert "teks" in first["issues"][0]["message"]["id"]
    assert second["outcome"] == "stored"
    assert listed_niks(cli) == {people[1]["nik"]}


def test_nik_as_number_text_output(cli, officer, write_json, people):
    run = cli("--lang", "en", "enroll", "--json",
              str(write_json(dict(people[0], nik=int(people[0]["nik"])))))
    assert run.code == 1
    assert "error [nik]: nik must be text in quotes." in run.err


def test_unknown_field_names_and_non_objects_are_refused(cli, officer, enroll, people):
    run = enroll([dict(people[0], nama="Ni Luh"), "Ni Luh Putu", people[1]])
    assert run.code == 1
    results = run.json()["results"]
    assert [r["outcome"] for r in results] == ["refused", "refused", "stored"]
    assert [(i["field"], i["code"]) for i in results[0]["issues"]] == [("nama", "type")]
    assert [i["field"] for i in results[1]["issues"]] == ["record"]
    assert listed_niks(cli) == {people[1]["nik"]}


def test_stdin_object(cli, officer, people, enroll_day):
    run = cli("--json", "enroll", "--json", "-", "--date", enroll_day,
              stdin=json.dumps(people[0]))
    assert run.code == 0, run
    assert run.json()["results"][0]["outcome"] == "stored"
    assert listed_niks(cli) == {people[0]["nik"]}


def test_stdin_array_with_a_refused_record(cli, officer, people, enroll_day):
    records = [people[0], dict(people[1], desa_code="51710"), people[2]]
    run = cli("--json", "enroll", "--json", "-", "--date", enroll_day,
              stdin=json.dumps(records, ensure_ascii=False))
    assert run.code == 1, run
    assert [r["outcome"] for r in run.json()["results"]] == ["stored", "refused", "stored"]
    assert run.json()["results"][1]["issues"][0]["field"] == "desa_code"
    assert listed_niks(cli) == {people[0]["nik"], people[2]["nik"]}


def test_stdin_names_are_read_as_utf8(cli, officer, people, enroll_day):
    run = cli("--json", "enroll", "--json", "-", "--date", enroll_day,
              stdin=json.dumps(dict(people[0], full_name="Ni Luh Pütu Áyu"), ensure_ascii=False))
    assert run.code == 0, run
    assert cli("--json", "show", people[0]["nik"]).json()["full_name"] == "Ni Luh Pütu Áyu"


def test_empty_array_stores_nothing(cli, officer, enroll):
    run = enroll([])
    assert run.code == 0
    assert run.json() == {"results": [], "stored": 0, "refused": 0, "exists": 0}
    assert cli("--json", "list").json() == {"total": 0, "offset": 0, "items": []}
    assert cli("list").out == "0 dari 0 data\n"


@pytest.mark.parametrize("text", [
    '{"nik": "5171045708850023",',
    "[1, 2",
    "",
    "nik=5171045708850023",
    "{'nik': '5171045708850023'}",
], ids=["truncated-object", "truncated-array", "empty", "not-json", "single-quotes"])
def test_malformed_json_file_is_one_clear_line(cli, officer, tmp_path, one_line_error, text):
    path = tmp_path / "broken.json"
    path.write_text(text, encoding="utf-8")
    run = cli("enroll", "--json", str(path))
    line = one_line_error(run, 1)
    assert str(path) in line
    assert "JSON" in line
    assert run.out == ""
    assert listed(cli)["total"] == 0


def test_malformed_json_on_stdin(cli, officer, one_line_error):
    run = cli("--lang", "en", "enroll", "--json", "-", stdin="[{")
    line = one_line_error(run, 1)
    assert "is not valid JSON (line 1, column 3)" in line


def test_missing_file_is_one_clear_line(cli, officer, tmp_path, one_line_error):
    missing = tmp_path / "nowhere" / "records.json"
    run = cli("--lang", "en", "enroll", "--json", str(missing))
    line = one_line_error(run, 1)
    assert line == f"banjar-enroll: cannot read {missing}: No such file or directory"


def test_directory_instead_of_file(cli, officer, tmp_path, one_line_error):
    run = cli("enroll", "--json", str(tmp_path))
    assert str(tmp_path) in one_line_error(run, 1)


def test_file_with_utf8_bom_is_read(cli, officer, tmp_path, people, enroll_day):
    """Windows editors (Notepad, PowerShell 5 ``Out-File -Encoding utf8``) write a BOM."""
    path = tmp_path / "bom.json"
    path.write_text(json.dumps(people[0]), encoding="utf-8-sig")
    run = cli("--json", "enroll", "--json", str(path), "--date", enroll_day)
    assert run.code == 0, run
    assert listed_niks(cli) == {people[0]["nik"]}


def test_file_in_utf16_is_read(cli, officer, tmp_path, people, enroll_day):
    """Windows PowerShell 5's ``>`` writes UTF-16 with a BOM."""
    path = tmp_path / "utf16.json"
    path.write_text(json.dumps(dict(people[0], full_name="Ni Luh Pütu"), ensure_ascii=False),
                    encoding="utf-16")
    run = cli("--json", "enroll", "--json", str(path), "--date", enroll_day)
    assert run.code == 0, run
    assert cli("--json", "show", people[0]["nik"]).json()["full_name"] == "Ni Luh Pütu"


def test_file_not_in_utf8_is_one_clear_line(cli, officer, tmp_path, people, one_line_error):
    path = tmp_path / "latin1.json"
    path.write_text(json.dumps(dict(people[0], full_name="Ni Luh Pütu"), ensure_ascii=False),
                    encoding="latin-1")
    run = cli("--lang", "en", "enroll", "--json", str(path))
    line = one_line_error(run, 1)
    assert str(path) in line
    assert "UTF-8" in line
    assert "unexpected failure" not in line
    assert listed(cli)["total"] == 0


@pytest.mark.parametrize("argv", [
    ["enroll"],
    ["enroll", "--json"],
    ["enroll", "--json", "-", "--date", "20-05-26"],  # a two-digit year (20-05-2026 is read)
], ids=["no-input", "input-without-value", "bad-date"])
def test_enroll_usage_errors(cli, officer, one_line_error, argv):
    one_line_error(cli(*argv), 2)


def test_absurd_income_is_refused_per_record_and_the_batch_goes_on(cli, officer, enroll,
                                                                   people):
    run = enroll([dict(people[0], monthly_income=10**20), people[1]])
    assert run.code == 1, run
    first, second = run.json()["results"]
    assert first["outcome"] == "refused"
    assert first["issues"][0]["field"] == "monthly_income"
    assert second["outcome"] == "stored"
