"""NIK and KK numbers: normalising, structure, provinces, the birth date and sex they encode."""

from datetime import date

import pytest

from desktop_app.domain.messages import Severity
from desktop_app.domain.nik import Sex, birth_year, check_kk_number, parse_nik

TODAY = date(2026, 3, 15)
VALID = "5171041005800001"  # Denpasar Utara, man born 10 May 1980, serial 0001

# The 38 current Kemendagri province codes, as listed in the issue (not read from our data file).
KEMENDAGRI_PROVINCES = frozenset(
    [f"{c}" for c in range(11, 20)] + ["21"] + [f"{c}" for c in range(31, 37)]
    + ["51", "52", "53"] + [f"{c}" for c in range(61, 66)] + [f"{c}" for c in range(71, 77)]
    + ["81", "82"] + [f"{c}" for c in range(91, 97)]
)


def codes(parse) -> list[str]:
    return [i.code for i in parse.issues]


def error_codes(parse) -> list[str]:
    return [i.code for i in parse.issues if i.is_error]


def test_the_issue_lists_38_provinces():
    assert len(KEMENDAGRI_PROVINCES) == 38


@pytest.mark.parametrize("raw", [
    "5171041005800001",
    "5171 0410 0580 0001",
    "51.71.04.100580.0001",
    "5171-0410-0580-0001",
    "  5171041005800001\n",
    "5171\t04 10.05-80 0001",
    "5171\u00a0041005800001",
])
def test_spaces_dots_and_dashes_are_ignored(raw):
    parse = parse_nik(raw, today=TODAY)
    assert parse.nik == VALID
    assert parse.is_valid
    assert parse.issues == ()
    assert parse.info is not None and parse.info.nik == VALID


@pytest.mark.parametrize("raw", [
    "٥١٧١٠٤١٠٠٥٨٠٠٠٠١",  # Arabic-Indic digits
    "۵۱۷۱۰۴۱۰۰۵۸۰۰۰۰۱",  # Extended Arabic-Indic (Persian) digits
    "５１７１０４１００５８０００１",  # full-width digits
    "५१७१०४१००५८०००१",  # Devanagari digits
    "517104100580000１",  # one full-width digit among ASCII ones
    "517104100580000²",  # superscript two (str.isdigit() says True)
    "51710410058000O1",  # letter O for zero
    "5171041005800001x",
    "5171/0410/0580/0001",
])
def test_anything_but_ascii_digits_is_refused(raw):
    parse = parse_nik(raw, today=TODAY)
    assert not parse.is_valid
    assert parse.info is None
    assert error_codes(parse) == ["not_digits"]


@pytest.mark.parametrize(
    "raw", ["517104100580001", "51710410058000011", "5171", "5171 0410 0580 001"])
def test_a_nik_has_exactly_16_digits(raw):
    parse = parse_nik(raw, today=TODAY)
    assert parse.info is None
    assert error_codes(parse) == ["length"]


@pytest.mark.parametrize("raw", ["", "   ", " - . "])
def test_an_empty_nik_is_required(raw):
    parse = parse_nik(raw, today=TODAY)
    assert error_codes(parse) == ["required"]


@pytest.mark.parametrize("province", [f"{n:02d}" for n in range(100)])
def test_only_the_38_kemendagri_province_codes_are_accepted(province):
    parse = parse_nik(f"{province}01011005800001", today=TODAY)
    if province in KEMENDAGRI_PROVINCES:
        assert parse.is_valid, parse.issues
        assert parse.info.province_code == province
        assert parse.info.province_name
    else:
        assert parse.info is None
        assert error_codes(parse) == ["province"]


@pytest.mark.parametrize("province", ["10", "20", "37", "97"])
def test_bps_style_or_unknown_province_codes_are_refused(province):
    assert error_codes(parse_nik(f"{province}01011005800001", today=TODAY)) == ["province"]


@pytest.mark.parametrize(("code", "name"), [
    ("94", "Papua Tengah"), ("93", "Papua Selatan"), ("95", "Papua Pegunungan"),
    ("96", "Papua Barat Daya"), ("91", "Papua"), ("92", "Papua Barat"), ("51", "Bali"),
    ("31", "DKI Jakarta"), ("65", "Kalimantan Utara"), ("11", "Aceh"),
])
def test_province_names_follow_kemendagri_codes(code, name):
    parse = parse_nik(f"{code}01011005800001", today=TODAY)
    assert parse.info is not None
    assert parse.info.province_name == name


@pytest.mark.parametrize(("day_digits", "day", "sex"), [
    ("01", 1, Sex.MALE), ("17", 17, Sex.MALE), ("31", 31, Sex.MALE),
    ("41", 1, Sex.FEMALE), ("57", 17, Sex.FEMALE), ("71", 31, Sex.FEMALE),
])
def test_women_have_40_added_to_the_birth_day(day_digits, day, sex):
    info = parse_nik(f"517104{day_digits}01800001", today=TODAY).info
    assert info is not None
    assert info.birth_date == date(1980, 1, day)
    assert info.sex is sex


@pytest.mark.parametrize("day_digits", ["00", "32", "39", "40", "72", "99"])
def test_a_day_outside_01_31_and_41_71_is_an_error(day_digits):
    parse = parse_nik(f"517104{day_digits}05800001", today=TODAY)
    assert parse.info is None
    assert "birth_day" in error_codes(parse)


@pytest.mark.parametrize("month_digits", ["00", "13", "41", "99"])
def test_a_month_outside_01_12_is_an_error(month_digits):
    parse = parse_nik(f"51710410{month_digits}800001", today=TODAY)
    assert parse.info is None
    assert "birth_month" in error_codes(parse)


@pytest.mark.parametrize("ddmmyy", ["310480", "300280", "710680", "310980"])
def test_a_day_that_does_not_exist_in_its_month_is_an_error(ddmmyy):
    parse = parse_nik(f"517104{ddmmyy}0001", today=TODAY)
    assert parse.info is None
    assert error_codes(parse) == ["birth_date"]


def test_day_month_and_year_are_read_in_that_order():
    # 12-05-90: 12 May 1990, not 5 December nor a 2012 birth on the 90th.
    info = parse_nik("5171041205900001", today=TODAY).info
    assert info is not None
    assert info.birth_date == date(1990, 5, 12)


@pytest.mark.parametrize(("ddmmyy", "born"), [
    ("100505", date(2005, 5, 10)),  # a 2005 birth is not 1905
    ("010100", date(2000, 1, 1)),
    ("311299", date(1999, 12, 31)),
    ("010226", date(2026, 2, 1)),  # earlier this year: 2026
    ("150326", date(2026, 3, 15)),  # today itself is not the future
    ("160326", date(1926, 3, 16)),  # tomorrow in 2026 is the future: 1926
    ("010726", date(1926, 7, 1)),  # later this year: 1926
    ("010127", date(1927, 1, 1)),  # next year: 1927
])
def test_the_year_is_20yy_unless_that_birthday_is_in_the_future(ddmmyy, born):
    info = parse_nik(f"517104{ddmmyy}0001", today=TODAY).info
    assert info is not None
    assert info.birth_date == born


def test_birth_year_rule_directly():
    assert birth_year(5, 5, 10, TODAY) == 2005
    assert birth_year(26, 3, 15, TODAY) == 2026
    assert birth_year(26, 3, 16, TODAY) == 1926
    assert birth_year(26, 12, 31, date(2026, 12, 31)) == 2026
    assert birth_year(27, 1, 1, date(2026, 12, 31)) == 1927


@pytest.mark.parametrize(("yy", "today", "born"), [
    ("00", TODAY, date(2000, 2, 29)),
    ("24", TODAY, date(2024, 2, 29)),
    ("96", TODAY, date(1996, 2, 29)),
    ("24", date(2024, 2, 29), date(2024, 2, 29)),  # born today, on a 29 February
])
def test_29_february_exists_in_leap_years(yy, today, born):
    for day_digits, sex in (("29", Sex.MALE), ("69", Sex.FEMALE)):
        info = parse_nik(f"517104{day_digits}02{yy}0001", today=today).info
        assert info is not None
        assert (info.birth_date, info.sex) == (born, sex)


@pytest.mark.parametrize(("yy", "today"), [
    ("23", TODAY),  # 2023
    ("25", TODAY),  # 2025
    ("00", date(2000, 1, 1)),  # 29-02-2000 is still ahead, so 1900: not a leap year
    ("27", TODAY),  # 1927
])
def test_29_february_does_not_exist_in_other_years(yy, today):
    parse = parse_nik(f"5171042902{yy}0001", today=today)
    assert parse.info is None
    assert error_codes(parse) == ["birth_date"]


def test_serial_0000_is_an_error_and_0001_to_9999_are_not():
    assert error_codes(parse_nik("5171041005800000", today=TODAY)) == ["serial"]
    assert parse_nik("5171041005800001", today=TODAY).issues == ()
    assert parse_nik("5171041005809999", today=TODAY).issues == ()


@pytest.mark.parametrize("nik", ["5100041005800001", "5171001005800001", "5100001005800001"])
def test_regency_or_district_00_is_an_error(nik):
    parse = parse_nik(nik, today=TODAY)
    assert parse.info is None
    assert error_codes(parse) == ["area"]


@pytest.mark.parametrize(("nik", "place"), [
    ("5103011005800001", "Kabupaten Badung, Bali"),  # a Bali kecamatan outside our list
    ("5171991005800001", "Kota Denpasar, Bali"),
    ("3201011005800001", "Jawa Barat"),
    ("9401011005800001", "Papua Tengah"),
])
def test_a_district_missing_from_the_reference_list_is_a_warning_not_an_error(nik, place):
    parse = parse_nik(nik, today=TODAY)
    assert parse.is_valid
    assert [(i.severity, i.code, i.field) for i in parse.issues] == [
        (Severity.WARNING, "district_unknown", "nik")]
    assert parse.info is not None
    assert parse.info.district_name is None
    assert parse.info.birth_date == date(1980, 5, 10)
    assert parse.info.place_of_issue == place


@pytest.mark.parametrize(("district", "name"), [
    ("517101", "Denpasar Selatan"), ("517102", "Denpasar Timur"),
    ("517103", "Denpasar Barat"), ("517104", "Denpasar Utara"),
])
def test_denpasar_place_names_are_filled(district, name):
    info = parse_nik(f"{district}1005800001", today=TODAY).info
    assert info is not None
    assert (info.province_code, info.regency_code, info.district_code) == (
        "51", district[:4], district)
    assert (info.province_name, info.regency_name, info.district_name) == (
        "Bali", "Kota Denpasar", name)
    assert info.place_of_issue == f"{name}, Kota Denpasar, Bali"


def test_the_parse_as_json():
    info = parse_nik("5171 0457 0885 0023", today=TODAY).info
    assert info is not None
    assert info.to_json() == {
        "nik": "5171045708850023", "province_code": "51", "province_name": "Bali",
        "regency_code": "5171", "regency_name": "Kota Denpasar", "district_code": "517104",
        "district_name": "Denpasar Utara", "birth_date": "1985-08-17", "sex": "P",
    }


@pytest.mark.parametrize("raw", [
    "", "51710410058000x1", "517104100580001", "9701011005800001", "5100041005800001",
    "5171043205800001", "5171041013800001", "5171043002800001", "5171041005800000",
    "3201011005800001",
])
def test_every_issue_names_the_field_and_speaks_both_languages(raw):
    parse = parse_nik(raw, today=TODAY, field="beneficiary_nik")
    assert parse.issues
    for issue in parse.issues:
        assert issue.field == "beneficiary_nik"
        assert issue.message.id and issue.message.en
        assert issue.message.id != issue.message.en


class TestKkNumber:
    def test_a_valid_kk_number_is_normalised(self):
        assert check_kk_number("5171.0410.0580.0001") == ("5171041005800001", ())

    @pytest.mark.parametrize("middle", ["720680", "999999", "000000", "320199"])
    def test_there_is_no_sex_or_birth_date_rule(self, middle):
        number = f"517104{middle}0001"
        assert parse_nik(number, today=TODAY).info is None  # not a NIK ...
        assert check_kk_number(number) == (number, ())  # ... but a KK number

    @pytest.mark.parametrize(("raw", "code"), [
        ("", "required"),
        ("517104100580001", "length"),
        ("51710410058000011", "length"),
        ("５１７１０４１００５８０００１", "not_digits"),
        ("51710410058O0001", "not_digits"),
        ("9701041005800001", "province"),
        ("1001041005800001", "province"),
        ("5171001005800001", "area"),
    ])
    def test_structure_errors(self, raw, code):
        _, issues = check_kk_number(raw)
        assert [(i.field, i.severity, i.code) for i in issues] == [
            ("kk_number", Severity.ERROR, code)]

    def test_an_unknown_district_is_a_warning(self):
        number, issues = check_kk_number("3201011005800001")
        assert number == "3201011005800001"
        assert [(i.severity, i.code) for i in issues] == [(Severity.WARNING, "district_unknown")]
