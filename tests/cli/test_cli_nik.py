"""``banjar-enroll nik check NIK [--birth-date D] [--sex L|P]``: text, JSON, exit codes."""

from datetime import date, timedelta

import pytest

# A woman born 17 August 1985, first registered in Denpasar Utara (517104).
NIK = "5171045708850023"
INFO = {
    "nik": NIK,
    "province_code": "51",
    "province_name": "Bali",
    "regency_code": "5171",
    "regency_name": "Kota Denpasar",
    "district_code": "517104",
    "district_name": "Denpasar Utara",
    "birth_date": "1985-08-17",
    "sex": "P",
}


def issue_shape_ok(issue: dict) -> bool:
    return (set(issue) == {"field", "severity", "code", "message"}
            and issue["severity"] in {"error", "warning"}
            and set(issue["message"]) == {"id", "en"}
            and all(isinstance(m, str) and m for m in issue["message"].values()))


def test_valid_nik_text(cli):
    run = cli("nik", "check", NIK)
    assert run.code == 0, run
    lines = run.out.splitlines()
    assert lines[0] == f"NIK {NIK}: sah"
    assert "Denpasar Utara, Kota Denpasar, Bali (517104)" in run.out
    assert "17-08-1985" in run.out
    assert "perempuan" in run.out
    assert "galat" not in run.out and "peringatan" not in run.out
    assert run.err == ""


@pytest.mark.parametrize("argv", [
    ["--json", "nik", "check", NIK],
    ["nik", "check", NIK, "--json"],
    ["nik", "check", "--json", NIK],
    ["nik", "--json", "check", NIK],
], ids=["global", "after-nik-arg", "after-check", "after-nik"])
def test_valid_nik_json_wherever_json_is_given(cli, argv):
    run = cli(*argv)
    assert run.code == 0, run
    assert run.json() == {"nik": NIK, "valid": True, "info": INFO, "issues": []}


def test_separators_are_ignored(cli):
    run = cli("--json", "nik", "check", "5171 0457-0885.0023")
    assert run.code == 0, run
    assert run.json()["nik"] == NIK
    assert run.json()["info"]["nik"] == NIK


def test_male_nik_gives_male(cli, make_nik):
    nik = make_nik("517101", date(1979, 1, 5), "L", 7)
    data = cli("--json", "nik", "check", nik).json()
    assert data["info"]["sex"] == "L"
    assert data["info"]["birth_date"] == "1979-01-05"
    assert data["info"]["district_name"] == "Denpasar Selatan"


def test_sex_mismatch_is_a_warning_and_exit_0(cli):
    run = cli("--json", "nik", "check", NIK, "--sex", "L")
    assert run.code == 0, run
    data = run.json()
    assert data["valid"] is True
    assert data["info"] == INFO  # the NIK is never corrected
    assert [(i["field"], i["severity"], i["code"]) for i in data["issues"]] == [
        ("sex", "warning", "nik_mismatch")]
    assert all(issue_shape_ok(i) for i in data["issues"])


def test_birth_date_mismatch_is_a_warning_and_exit_0(cli):
    run = cli("--json", "nik", "check", NIK, "--birth-date", "1985-08-18")
    assert run.code == 0, run
    issues = run.json()["issues"]
    assert [(i["field"], i["severity"], i["code"]) for i in issues] == [
        ("birth_date", "warning", "nik_mismatch")]
    assert "17-08-1985" in issues[0]["message"]["en"]


def test_matching_birth_date_and_sex_give_no_issue(cli):
    run = cli("--json", "nik", "check", NIK, "--birth-date", "1985-08-17", "--sex", "P")
    assert run.code == 0, run
    assert run.json()["issues"] == []


def test_sex_mismatch_text_shows_a_warning_line(cli):
    run = cli("nik", "check", NIK, "--sex", "L")
    assert run.code == 0, run
    assert "  peringatan [sex]: Jenis kelamin berbeda" in run.out


def test_unknown_district_is_a_warning_and_exit_0(cli, make_nik):
    nik = make_nik("517199", date(1980, 3, 10), "L")
    run = cli("--json", "nik", "check", nik)
    assert run.code == 0, run
    data = run.json()
    assert data["valid"] is True
    assert data["info"]["district_code"] == "517199"
    assert data["info"]["district_name"] is None
    assert data["info"]["regency_name"] == "Kota Denpasar"
    assert [(i["field"], i["severity"], i["code"]) for i in data["issues"]] == [
        ("nik", "warning", "district_unknown")]


def test_kemendagri_province_94_is_papua_tengah(cli, make_nik):
    run = cli("--json", "nik", "check", make_nik("947101", date(1990, 2, 1), "L"))
    assert run.code == 0, run
    assert run.json()["info"]["province_name"] == "Papua Tengah"


def test_29_february_of_a_leap_year_is_valid(cli, make_nik):
    run = cli("--json", "nik", "check", make_nik("517104", date(1984, 2, 29), "P"))
    assert run.code == 0, run
    assert run.json()["info"]["birth_date"] == "1984-02-29"


@pytest.mark.parametrize(("nik", "code"), [
    ("517104570885002", "length"),
    ("51710457088500231", "length"),
    ("51710457O8850023", "not_digits"),
    ("", "required"),
    ("2071045708850023", "province"),
    ("5100045708850023", "area"),
    ("5171043208850023", "birth_day"),
    ("5171047208850023", "birth_day"),
    ("5171041713850023", "birth_month"),
    ("5171043002850023", "birth_date"),
    ("5171042902850023", "birth_date"),  # 1985 is not a leap year
    ("5171045708850000", "serial"),
])
def test_invalid_nik_exit_1_with_its_error(cli, nik, code):
    run = cli("--json", "nik", "check", nik)
    assert run.code == 1, run
    data = run.json()
    assert data["valid"] is False
    assert data["info"] is None
    assert code in [i["code"] for i in data["issues"] if i["severity"] == "error"]
    assert all(i["field"] == "nik" for i in data["issues"])
    assert all(issue_shape_ok(i) for i in data["issues"])


def test_invalid_nik_text_in_indonesian_by_default(cli):
    run = cli("nik", "check", "517104570885002")
    assert run.code == 1
    assert run.out.splitlines()[0] == "NIK 517104570885002: TIDAK SAH"
    assert "  galat [nik]: NIK harus 16 angka; yang diisi 15 angka." in run.out


def test_lang_en_switches_text_messages_to_english(cli):
    run = cli("--lang", "en", "nik", "check", "517104570885002")
    assert run.code == 1
    assert run.out.splitlines()[0] == "NIK 517104570885002: NOT VALID"
    assert "  error [nik]: NIK must have 16 digits; 15 were given." in run.out
    assert "galat" not in run.out


def test_lang_en_valid_nik_text(cli):
    run = cli("--lang", "en", "nik", "check", NIK, "--sex", "L")
    assert run.code == 0
    assert run.out.splitlines()[0] == f"NIK {NIK}: valid"
    assert "Place of issue: Denpasar Utara, Kota Denpasar, Bali (517104)" in run.out
    assert "Sex: female" in run.out
    assert "  warning [sex]: The sex differs from the one in the NIK." in run.out


def test_json_messages_carry_both_languages_whatever_lang(cli):
    for lang in ("id", "en"):
        issue = cli("--lang", lang, "--json", "nik", "check", NIK, "--sex", "L").json()[
            "issues"][0]
        assert issue["message"]["id"].startswith("Jenis kelamin berbeda")
        assert issue["message"]["en"].startswith("The sex differs")


def test_future_birth_date_is_an_error(cli):
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    run = cli("--json", "nik", "check", NIK, "--birth-date", tomorrow)
    assert run.code == 1, run
    assert ("birth_date", "error", "future") in [
        (i["field"], i["severity"], i["code"]) for i in run.json()["issues"]]


def _recent_birth(years_ago: int) -> date:
    today = date.today()
    return date(today.year - years_ago, 1, 1)


def test_age_checks_do_not_depend_on_passing_a_matching_sex(cli, make_nik):
    """The same NIK is valid or not whether or not a --sex that agrees with it is given."""
    nik = make_nik("517104", _recent_birth(8), "L")  # an 8-year-old: too young to enroll
    plain = cli("--json", "nik", "check", nik)
    with_sex = cli("--json", "nik", "check", nik, "--sex", "L")
    assert plain.json()["valid"] == with_sex.json()["valid"]
    assert plain.code == with_sex.code
    assert plain.json()["issues"] == with_sex.json()["issues"]


def test_too_young_is_an_error(cli, make_nik):
    nik = make_nik("517104", _recent_birth(8), "L")
    run = cli("--json", "nik", "check", nik, "--sex", "L")
    assert run.code == 1, run
    assert [(i["field"], i["severity"], i["code"]) for i in run.json()["issues"]] == [
        ("birth_date", "error", "too_young")]


def test_over_65_is_only_a_warning(cli, make_nik):
    nik = make_nik("517104", _recent_birth(70), "P")
    for extra in ([], ["--sex", "P"]):
        run = cli("--json", "nik", "check", nik, *extra)
        assert run.code == 0, run
        assert [(i["field"], i["severity"], i["code"]) for i in run.json()["issues"]] == [
            ("birth_date", "warning", "over_age")]


@pytest.mark.parametrize("extra", [
    ["--birth-date", "17-08-85"],  # a two-digit year: 1885 or 1985 (17-08-1985 is the form's)
    ["--birth-date", "1985-02-30"],
    ["--sex", "X"],
], ids=["two-digit-year", "impossible-date", "bad-sex"])
def test_bad_option_values_are_usage_errors(cli, one_line_error, extra):
    run = cli("nik", "check", NIK, *extra)
    one_line_error(run, 2)
    assert run.out == ""
