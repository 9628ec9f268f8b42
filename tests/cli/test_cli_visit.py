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


def test_starting_the_same_place_and_day_again_resumes_the_open_visit(cli, officer, enroll,
                                                                      make_record):
    visit = start(cli, "--desa", "5171041004", "--banjar", "Banjar Tonja", "--date",
                  "2026-05-20")
    assert (visit["resumed"], visit["open"]) == (False, True)
    run = cli("enroll", "--json", "-", "--visit", visit["id"], stdin=json.dumps(make_record()))
    assert run.code == 0, run
    again = start(cli, "--desa", "5171041004", "--banjar", "br tonja", "--date", "2026-05-20")
    assert (again["id"], again["resumed"], again["enrollments"]) == (visit["id"], True, 1)
    text = cli("--lang", "en", "visit", "start", "--desa", "5171041004", "--banjar",
               "Banjar Tonja", "--date", "2026-05-20")
    assert text.out.startswith(visit["id"]) and "resumed: your open visit" in text.out
    said = cli("visit", "start", "--desa", "5171041004", "--banjar", "Banjar Tonja",
               "--date", "2026-05-20")
    assert "dilanjutkan" in said.out
    assert [v["id"] for v in cli("--json", "visit", "list").json()["items"]] == [visit["id"]]


def test_a_visit_is_listed_with_its_totals_ended_and_resumed(cli, officer, enroll, make_record,
                                                             make_person):
    visit = start(cli, "--desa", "5171041004", "--banjar", "Banjar Tonja", "--date",
                  "2026-05-20")
    people = [make_person("Ni Luh Sari", "517104", date(1990, 1, 2), "P", 5),
              make_person("I Made Bagus", "517104", date(1988, 3, 4), "L", 6,
                          funding_source="apbd_kota")]
    run = cli("enroll", "--json", "-", "--visit", visit["id"], stdin=json.dumps(people))
    assert run.code == 0, run
    [listed] = cli("--json", "visit", "list").json()["items"]
    assert listed["totals"] == {"enrollments": 2, "counted": 2, "collected": 47_700,
                                "sponsored": 95_400, "sponsored_by": {"apbd_kota": 95_400}}
    table = cli("--lang", "en", "visit", "list").out.splitlines()
    assert table[0].split() == ["ID", "DATE", "PLACE", "PEOPLE", "COLLECTED", "SPONSORED",
                                "STATE"]
    assert table[1].startswith(visit["id"]) and table[1].split()[-4:] == [
        "2", "Rp47.700", "Rp95.400", "open"]

    ended = cli("--lang", "en", "visit", "end", visit["id"])
    assert ended.code == 0, ended
    assert "cash from participants (self-paid): Rp47.700" in ended.out
    assert "Denpasar city budget (APBD): Rp95.400" in ended.out
    assert "(ended)" in ended.out.splitlines()[0]
    [listed] = cli("--json", "visit", "list").json()["items"]
    assert listed["open"] is False and listed["ended_at"]
    assert cli("visit", "list").out.splitlines()[1].endswith("selesai")
    # starting it again after it ended makes a new visit; resume opens the ended one
    fresh = start(cli, "--desa", "5171041004", "--banjar", "Banjar Tonja", "--date",
                  "2026-05-20")
    assert fresh["id"] != visit["id"] and not fresh["resumed"]
    resumed = cli("--json", "visit", "resume", visit["id"]).json()
    assert (resumed["open"], resumed["totals"]["collected"]) == (True, 47_700)


def test_an_unknown_visit_cannot_be_ended(cli, officer, one_line_error):
    line = one_line_error(cli("visit", "end", "00000000-0000-4000-8000-000000000000"), 1)
    assert "visit list" in line
    assert "VISIT_ID" in cli("visit", "end", "tonja").err


def test_a_visit_date_after_today_or_before_2021_is_refused(cli, officer, one_line_error):
    for day in ("2999-01-01", "2020-12-31"):
        one_line_error(cli("visit", "start", "--desa", "5171041004", "--banjar",
                           "Banjar Tonja", "--date", day), 2)
    assert cli("--json", "visit", "list").json() == {"items": []}


def test_nothing_is_added_to_an_ended_visit_until_it_is_resumed(cli, officer, one_line_error,
                                                                make_record):
    visit = start(cli, "--desa", "5171041004", "--banjar", "Banjar Tonja", "--date",
                  "2026-05-20")
    assert cli("visit", "end", visit["id"]).code == 0
    run = cli("enroll", "--json", "-", "--visit", visit["id"], stdin=json.dumps(make_record()))
    assert f"visit resume {visit['id']}" in one_line_error(run, 1)
    assert cli("--json", "list").json()["total"] == 0
    assert cli("visit", "resume", visit["id"]).code == 0
    run = cli("enroll", "--json", "-", "--visit", visit["id"], stdin=json.dumps(make_record()))
    assert run.code == 0, run
