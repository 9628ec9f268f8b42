"""Property tests for NIK parsing: valid NIKs round-trip, one-character corruptions are caught.

A NIK has no check digit, so two corruptions cannot be told from a real NIK: a digit change in
the kecamatan code that lands on another kecamatan of the reference list, and a digit change in
the serial. Both are asserted here as such, so the tests document what cannot be detected.
"""

from datetime import date, timedelta
from itertools import permutations

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from desktop_app.domain.months import age_on
from desktop_app.domain.nik import NikInfo, Sex, parse_nik
from desktop_app.domain.validation import check_enrollment
from desktop_app.domain.wilayah import districts, province_codes

PROVINCES = sorted(province_codes())
KNOWN_DISTRICTS = frozenset(d.code for d in districts())
IGNORED_SEPARATORS = " .-\t\u00a0"
IDENTITY_FIELDS = ("nik", "birth_date", "sex")
# Fixed "today"s: an ordinary day, the last day of a year, a 29 February and a later decade.
TODAYS = (date(2026, 3, 15), date(2026, 12, 31), date(2024, 2, 29), date(2031, 7, 1))
PARSE_TODAYS = (*TODAYS, date(2001, 1, 1), date(2000, 2, 28), date(2099, 12, 31))

sexes = st.sampled_from(list(Sex))
serials = st.integers(min_value=1, max_value=9999)
area_codes = st.integers(min_value=1, max_value=99).map(lambda n: f"{n:02d}")


def build_nik(district: str, birth: date, sex: Sex, serial: int) -> str:
    day = birth.day + (40 if sex is Sex.FEMALE else 0)
    return f"{district}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"


def hundred_years_before(today: date) -> date:
    try:
        return today.replace(year=today.year - 100)
    except ValueError:  # 29 February, 100 years before a non-leap year
        return today.replace(year=today.year - 100, day=28)


def nik_birth_dates(today: date) -> st.SearchStrategy[date]:
    """Every birth date a NIK can encode as of ``today``: the 100 years up to and including today.

    The century rule reads YY as 20YY unless that birthday is after today, else 19YY, so a
    birth exactly 100 years ago would read as a birth today.
    """
    return st.dates(min_value=hundred_years_before(today) + timedelta(days=1), max_value=today)


@st.composite
def niks_from_anywhere(draw):
    """(nik, today, birth, sex): any province of the 38, any regency/district 01-99."""
    today = draw(st.sampled_from(PARSE_TODAYS))
    district = draw(st.sampled_from(PROVINCES)) + draw(area_codes) + draw(area_codes)
    birth = draw(nik_birth_dates(today))
    sex = draw(sexes)
    return build_nik(district, birth, sex, draw(serials)), today, birth, sex


@st.composite
def enrollable_niks(draw, anywhere: bool):
    """(nik, today, birth, sex) of a person aged 15-65 today, so their record is otherwise clean."""
    today = draw(st.sampled_from(TODAYS))
    if anywhere:
        district = draw(st.sampled_from(PROVINCES)) + draw(area_codes) + draw(area_codes)
    else:
        district = draw(st.sampled_from(sorted(KNOWN_DISTRICTS)))
    birth = draw(st.dates(min_value=date(today.year - 66, 1, 1),
                          max_value=date(today.year - 15, 12, 31))
                 .filter(lambda d: 15 <= age_on(d, today) <= 65))
    sex = draw(sexes)
    return build_nik(district, birth, sex, draw(serials)), today, birth, sex


def decoded(info: NikInfo) -> tuple:
    return (info.province_code, info.regency_code, info.district_code, info.birth_date, info.sex)


def identity_flags(record, on: date) -> set[tuple[str, str, str]]:
    """Errors and warnings that check_enrollment reports on nik, birth_date or sex."""
    checked = check_enrollment(record, on=on)
    return {(i.field, str(i.severity), i.code) for i in checked.issues
            if i.field in IDENTITY_FIELDS}


def lands_on_another_known_district(original: str, corrupted: str) -> bool:
    return corrupted[:6] != original[:6] and corrupted[:6] in KNOWN_DISTRICTS


# --- every valid NIK round-trips ------------------------------------------------------------

@settings(max_examples=300)
@given(niks_from_anywhere())
def test_every_valid_nik_round_trips_through_parse(case):
    nik, today, birth, sex = case
    parse = parse_nik(nik, today=today)
    assert parse.is_valid, parse.issues
    assert parse.nik == nik
    assert decoded(parse.info) == (nik[:2], nik[:4], nik[:6], birth, sex)
    expected_codes = [] if nik[:6] in KNOWN_DISTRICTS else ["district_unknown"]
    assert [i.code for i in parse.issues] == expected_codes
    assert not any(i.is_error for i in parse.issues)


@settings(max_examples=200)
@given(niks_from_anywhere(),
       st.lists(st.tuples(st.integers(0, 16), st.sampled_from(IGNORED_SEPARATORS)), max_size=4))
def test_separators_anywhere_do_not_change_the_parse(case, separators):
    nik, today, _, _ = case
    typed = list(nik)
    for index, separator in separators:
        typed.insert(index, separator)
    assert parse_nik("".join(typed), today=today) == parse_nik(nik, today=today)


# --- every one-character corruption of structure is caught or flagged ------------------------

@settings(max_examples=300)
@given(niks_from_anywhere(), st.data())
def test_deleting_a_character_is_an_error(case, data):
    nik, today, _, _ = case
    index = data.draw(st.integers(min_value=0, max_value=15))
    parse = parse_nik(nik[:index] + nik[index + 1:], today=today)
    assert parse.info is None
    assert [i.code for i in parse.issues if i.is_error] == ["length"]


@settings(max_examples=300)
@given(niks_from_anywhere(), st.data())
def test_inserting_a_character_is_an_error(case, data):
    # A separator (space, dot, dash) is not a corruption: it is ignored, as tested above.
    nik, today, _, _ = case
    index = data.draw(st.integers(min_value=0, max_value=16))
    char = data.draw(st.characters(exclude_characters=IGNORED_SEPARATORS)
                     .filter(lambda c: c.strip()), label="inserted")
    parse = parse_nik(nik[:index] + char + nik[index:], today=today)
    assert parse.info is None
    assert not parse.is_valid
    assert any(i.is_error for i in parse.issues)


@settings(max_examples=300)
@given(niks_from_anywhere(), st.data())
def test_replacing_a_digit_with_a_non_digit_is_an_error(case, data):
    nik, today, _, _ = case
    index = data.draw(st.integers(min_value=0, max_value=15))
    char = data.draw(st.characters(exclude_characters="0123456789"), label="replacement")
    parse = parse_nik(nik[:index] + char + nik[index + 1:], today=today)
    assert parse.info is None
    assert not parse.is_valid
    assert any(i.is_error for i in parse.issues)


def replace_digit(data, nik: str, last_index: int) -> tuple[int, str]:
    index = data.draw(st.integers(min_value=0, max_value=last_index), label="index")
    digit = data.draw(st.sampled_from([d for d in "0123456789" if d != nik[index]]),
                      label="digit")
    return index, nik[:index] + digit + nik[index + 1:]


@settings(max_examples=300)
@given(case=enrollable_niks(anywhere=False), data=st.data())
def test_a_wrong_digit_in_area_or_birth_date_is_caught_or_flagged(case, data, valid_record):
    """Digits 1-12 of a clean Denpasar NIK: an error, or a new warning on nik/birth_date/sex."""
    nik, today, birth, sex = case
    original = valid_record.with_changes(nik=nik, birth_date=birth, sex=sex, first_month=None)
    assert identity_flags(original, today) == set()  # the original is clean
    index, corrupted = replace_digit(data, nik, 11)
    parse = parse_nik(corrupted, today=today)
    flags = identity_flags(original.with_changes(nik=corrupted), today)

    if lands_on_another_known_district(nik, corrupted):
        # Undetectable without a check digit: see the explicit test below.
        event("landed on another known kecamatan")
        assert parse.issues == ()
        assert flags == set()
        return
    if parse.info is None:
        event("structure error")
        assert any(i.is_error and i.field == "nik" for i in parse.issues)
    else:
        event("decoded differently, flagged by check_enrollment")
        assert decoded(parse.info) != decoded(parse_nik(nik, today=today).info)
    assert flags, f"{nik} -> {corrupted} (digit {index + 1}) went unnoticed"


@settings(max_examples=300)
@given(case=enrollable_niks(anywhere=True), data=st.data())
def test_a_wrong_digit_in_any_nik_is_caught_or_flagged(case, data, valid_record):
    """Digits 1-12 of a NIK from anywhere: an error, or check_enrollment warns on the identity.

    An out-of-area NIK already carries the district_unknown warning; a corruption that moves it
    to another out-of-area kecamatan keeps that warning and nothing more (there is nothing to
    compare against), so here the claim is only that the identity is flagged.
    """
    nik, today, birth, sex = case
    record = valid_record.with_changes(nik=nik, birth_date=birth, sex=sex, first_month=None)
    index, corrupted = replace_digit(data, nik, 11)
    parse = parse_nik(corrupted, today=today)
    flags = identity_flags(record.with_changes(nik=corrupted), today)
    if lands_on_another_known_district(nik, corrupted):
        event("landed on a known kecamatan")
        assert flags == set()
        return
    if parse.info is not None:
        assert decoded(parse.info) != decoded(parse_nik(nik, today=today).info)
    assert flags, f"{nik} -> {corrupted} (digit {index + 1}) went unnoticed"
    if index >= 6:  # a birth-date or sex digit always adds an issue the original did not have
        assert flags - identity_flags(record, today)


@pytest.mark.parametrize(("original", "landed"), list(permutations(sorted(KNOWN_DISTRICTS), 2)))
def test_a_corruption_onto_another_known_district_cannot_be_detected(
        original, landed, valid_record):
    """517104 typed as 517101 is another real kecamatan: without a check digit, nothing shows."""
    today, birth = date(2026, 3, 15), date(1980, 5, 10)
    typed = build_nik(landed, birth, Sex.MALE, 1)
    assert sum(a != b for a, b in zip(typed, build_nik(original, birth, Sex.MALE, 1),
                                      strict=True)) == 1
    parse = parse_nik(typed, today=today)
    assert parse.issues == ()
    assert parse.info.district_code == landed
    record = valid_record.with_changes(nik=typed, birth_date=birth, sex=Sex.MALE,
                                       first_month=None)
    assert identity_flags(record, today) == set()


@settings(max_examples=200)
@given(niks_from_anywhere(), st.data())
def test_a_wrong_serial_digit_cannot_be_detected_unless_it_makes_0000(case, data):
    nik, today, _, _ = case
    index = data.draw(st.integers(min_value=12, max_value=15))
    digit = data.draw(st.sampled_from([d for d in "0123456789" if d != nik[index]]))
    corrupted = nik[:index] + digit + nik[index + 1:]
    parse = parse_nik(corrupted, today=today)
    if corrupted[12:] == "0000":
        assert parse.info is None
        assert [i.code for i in parse.issues if i.is_error] == ["serial"]
    else:
        assert parse.issues == parse_nik(nik, today=today).issues
        assert decoded(parse.info) == decoded(parse_nik(nik, today=today).info)
