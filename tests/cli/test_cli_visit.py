"""``banjar-enroll visit start|list`` and ``enroll --visit``: enrollments made at a banjar visit."""

import json
from datetime import date


def start(cli, *args):
    run = cli("--json", "visit", "start", *args)
    assert run.code == 0, run
    return run.json()


def test_enrollments_take_the_visits_place_and_date(cli, officer, enroll, make_person):
    visit = start(cli, "--desa", "5171041004", "--banjar", "br. tonja", "--date", "2026-05-19")
    assert (visit["desa_code"], visit["desa_name"], visit["banjar"], visit["visit_date"]) == (
        "5171041004", "Tonja", "Banjar Tonja", "2026-05-19")
    # the visit's date is the enrollment date: 15 on that day is old enough, one day short is
    # too young (by today's date both would be 15)
    young = make_person("I Made Muda", "517104", date(2011, 5, 19), "L", 1,
                        desa_code="", banjar="")
    too_young = make_person("I Made Alit", "517104", date(2011, 5, 20), "L", 2,
                            desa_code="", banjar="")
    run = cli("--json", "enroll", "--json", "-", "--visit", visit["id"],
              stdin=json.dumps([young, too_young]))
    assert run.code == 1, run
    stored, refused = run.json()["results"]
    assert stored["outcome"] == "stored"
    assert [(i["field"], i["code"]) for i in refused["issues"]] == [("birth_date", "too_young")]
    shown = cli("--json", "show", young["nik"]).json()
    assert (shown["desa_code"], shown["banjar"], shown["visit_id"]) == (
        "5171041004", "Banjar Tonja", visit["id"])
    listed = cli("--json", "list", "--visit", visit["id"]).json()
    assert [item["nik"] for item in listed["items"]] == [young["nik"]]
    assert cli("--json", "list", "--banjar", "BANJAR tonja").json()["total"] == 1
    visits = cli("--json", "visit", "list").json()["items"]
    assert [(v["id"], v["enrollments"]) for v in visits] == [(visit["id"], 1)]


def test_a_typed_place_is_kept_over_the_visits(cli, officer, enroll, make_record):
    visit = start(cli, "--desa", "5171041004", "--banjar", "Banjar Tonja")
    record = make_record(desa_code="5171011003", banjar="Banjar Kaja")
    run = cli("enroll", "--json", "-", "--visit", visit["id"], "--date", "2026-05-20",
              stdin=json.dumps(record))
    assert run.code == 0, run
    shown = cli("--json", "show", record["nik"]).json()
    assert (shown["desa_code"], shown["banjar"]) == ("5171011003", "Banjar Kaja")


def test_a_bad_visit_place_is_one_line_and_records_nothing(cli, officer, one_line_error):
    line = one_line_error(cli("visit", "start", "--desa", "5171", "--banjar", " "), 1)
    assert "desa_code" in line and "banjar" in line
    assert cli("--json", "visit", "list").json() == {"items": []}


def test_an_unknown_visit_is_refused_before_any_record(cli, officer, one_line_error,
                                                      make_record):
    run = cli("enroll", "--json", "-", "--visit", "00000000-0000-4000-8000-000000000000",
              stdin=json.dumps(make_record()))
    assert "visit list" in one_line_error(run, 1)
    assert cli("--json", "list").json()["total"] == 0


def test_a_visit_needs_an_officer(cli, one_line_error):
    assert "officer set" in one_line_error(
        cli("visit", "start", "--desa", "5171041004", "--banjar", "Banjar Tonja"), 1)
