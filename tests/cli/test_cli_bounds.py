"""``enroll --json`` with values no record may hold: each is a field error of that record
(exit 1), never the "unexpected failure" (exit 70)."""

import json
from datetime import date


def test_a_huge_number_in_enroll_json_is_a_field_error(cli, officer, write_json, make_record,
                                                       enroll_day, tmp_path) -> None:
    text = json.dumps([make_record(), make_record()]).replace(
        '"monthly_income": 2500000', '"monthly_income": ' + "7" * 4301, 1)
    path = tmp_path / "huge.json"
    path.write_text(text, encoding="utf-8")
    run = cli("--json", "enroll", "--json", str(path), "--date", enroll_day)
    assert run.code == 1, run
    first, second = run.json()["results"]
    assert first["outcome"] == "refused"
    assert [(i["field"], i["code"]) for i in first["issues"]] == [("monthly_income", "type")]
    assert second["outcome"] == "stored"  # the refused record left nothing behind


def test_a_nul_byte_or_an_overlong_address_in_enroll_json_is_refused_per_record(
        cli, officer, enroll, make_record, make_person) -> None:
    records = [make_record(nik=make_record()["nik"][:8] + "\u0000" + make_record()["nik"][8:]),
               make_person("Ni Luh Ayu", "517104", date(1990, 1, 2), "P", address="x" * 301),
               make_person("I Made Gede", "517104", date(1988, 3, 4), "L")]
    run = enroll(records)
    assert run.code == 1, run
    results = run.json()["results"]
    assert [r["outcome"] for r in results] == ["refused", "refused", "stored"]
    assert ("nik", "control_character") in {(i["field"], i["code"]) for i in results[0]["issues"]}
    assert [(i["field"], i["code"]) for i in results[1]["issues"]] == [("address", "too_long")]
