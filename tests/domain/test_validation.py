"""check_enrollment: the one validation of a record, its normalising, errors and warnings."""

from datetime import date

import pytest

from desktop_app.domain.enrollment import Beneficiary, Consent
from desktop_app.domain.funding import FundingSource, Program
from desktop_app.domain.messages import Severity
from desktop_app.domain.months import YearMonth
from desktop_app.domain.nik import Sex
from desktop_app.domain.validation import check_enrollment


def issues_of(checked) -> set[tuple[str, str, str]]:
    return {(i.field, str(i.severity), i.code) for i in checked.issues}


def error_fields(checked) -> set[str]:
    return {i.field for i in checked.errors}


def test_a_complete_valid_record_has_no_issues(valid_record, enrollment_day):
    checked = check_enrollment(valid_record, on=enrollment_day)
    assert checked.issues == ()
    assert checked.is_valid
    assert checked.record == valid_record  # already in normal form
    assert checked.nik_info is not None
    assert checked.nik_info.place_of_issue == "Denpasar Utara, Kota Denpasar, Bali"
    # May, June, July 2026 for a trader earning Rp2.500.000: JKK 12.500 + JKM 3.400 a month.
    assert checked.quote is not None
    assert checked.quote.total == 3 * 15_900
    assert checked.quote.due_from_participant == 3 * 15_900


def test_birth_date_and_sex_are_filled_from_the_nik(valid_record, enrollment_day):
    checked = check_enrollment(valid_record.with_changes(birth_date=None, sex=None),
                               on=enrollment_day)
    assert checked.issues == ()
    assert (checked.record.birth_date, checked.record.sex) == (date(1985, 8, 17), Sex.FEMALE)


# --- required fields ----------------------------------------------------------------------------

@pytest.mark.parametrize(("field", "changes"), [
    ("nik", {"nik": ""}),
    ("full_name", {"full_name": "   "}),
    ("birth_place", {"birth_place": ""}),
    ("address", {"address": " "}),
    ("desa_code", {"desa_code": ""}),
    ("banjar", {"banjar": ""}),
    ("banjar", {"banjar": "Br. "}),  # only the prefix
    ("occupation", {"occupation": ""}),
    ("occupation_other", {"occupation": "lainnya", "occupation_other": "  "}),
    ("monthly_income", {"monthly_income": None}),
    ("sponsor_name", {"funding_source": FundingSource.SPONSOR, "sponsor_name": ""}),
    ("consent.given", {"consent": Consent(given=False, text_version="2026-01")}),
    ("birth_date", {"nik": "", "birth_date": None}),
    ("sex", {"nik": "", "sex": None}),
])
def test_a_missing_required_field_is_an_error_naming_it(field, changes, valid_record,
                                                          enrollment_day):
    checked = check_enrollment(valid_record.with_changes(**changes), on=enrollment_day)
    assert not checked.is_valid
    mine = [i for i in checked.errors if i.field == field]
    assert [i.code for i in mine] == ["required"]
    assert error_fields(checked) <= {field, "nik"}  # a blank NIK is also a NIK error
    message = mine[0].message
    assert message.id and message.en and message.id != message.en
    assert "wajib" in message.id.lower() or "belum" in message.id.lower()
    assert "required" in message.en.lower() or "not recorded" in message.en.lower()


def test_jkk_and_jkm_are_required(valid_record, enrollment_day):
    for programs in ((Program.JKK,), (Program.JKM, Program.JHT), ()):
        checked = check_enrollment(valid_record.with_changes(programs=programs),
                                   on=enrollment_day)
        assert error_fields(checked) == {"programs"}
        assert checked.quote is None
    checked = check_enrollment(
        valid_record.with_changes(programs=(Program.JHT, Program.JKM, Program.JKK)),
        on=enrollment_day)
    assert checked.issues == ()
    assert checked.record.programs == (Program.JKK, Program.JKM, Program.JHT)


# --- the NIK against what was typed -------------------------------------------------------------

def test_a_birth_date_that_disagrees_with_the_nik_is_a_warning(valid_record, enrollment_day):
    typed = valid_record.with_changes(birth_date=date(1985, 8, 18))
    checked = check_enrollment(typed, on=enrollment_day)
    assert checked.is_valid
    assert issues_of(checked) == {("birth_date", "warning", "nik_mismatch")}
    assert checked.record.birth_date == date(1985, 8, 18)  # kept as typed
    assert checked.record.nik == valid_record.nik  # a NIK is never corrected
    assert "17-08-1985" in checked.warnings[0].message.id


def test_a_sex_that_disagrees_with_the_nik_is_a_warning(valid_record, enrollment_day):
    checked = check_enrollment(valid_record.with_changes(sex=Sex.MALE), on=enrollment_day)
    assert checked.is_valid
    assert issues_of(checked) == {("sex", "warning", "nik_mismatch")}
    assert checked.record.sex is Sex.MALE


def test_a_nik_from_outside_the_reference_list_is_a_warning(valid_record, enrollment_day,
                                                            make_nik):
    nik = make_nik("330101", date(1985, 8, 17), Sex.FEMALE, 5)
    checked = check_enrollment(valid_record.with_changes(nik=nik), on=enrollment_day)
    assert checked.is_valid
    assert issues_of(checked) == {("nik", "warning", "district_unknown")}


def test_a_structurally_wrong_nik_is_an_error(valid_record, enrollment_day):
    checked = check_enrollment(valid_record.with_changes(nik="5171 0457 0885 002"),
                               on=enrollment_day)
    assert issues_of(checked) == {("nik", "error", "length")}
    assert checked.record.nik == "517104570885002"
    assert checked.nik_info is None


def test_the_nik_is_stored_normalised(valid_record, enrollment_day):
    typed = valid_record.with_changes(nik="5171.0457.0885.0023")
    checked = check_enrollment(typed, on=enrollment_day)
    assert checked.issues == ()
    assert checked.record.nik == "5171045708850023"


# --- age at the enrollment date -----------------------------------------------------------------

def person(record, make_nik, birth: date, sex: Sex = Sex.MALE):
    return record.with_changes(nik=make_nik("517101", birth, sex, 7), birth_date=birth, sex=sex,
                               first_month=None)


def birth_date_issues(checked) -> set[tuple[str, str]]:
    return {(str(i.severity), i.code) for i in checked.issues if i.field == "birth_date"}


@pytest.mark.parametrize(("birth", "on", "expected"), [
    (date(2011, 5, 20), date(2026, 5, 19), {("error", "too_young")}),  # 14, a day short of 15
    (date(2011, 5, 20), date(2026, 5, 20), set()),  # 15 today
    (date(2008, 2, 29), date(2023, 2, 28), {("error", "too_young")}),  # 29 Feb: 15 on 1 March
    (date(2008, 2, 29), date(2023, 3, 1), set()),
    (date(2008, 2, 29), date(2024, 2, 29), set()),
    (date(1961, 5, 20), date(2026, 5, 20), set()),  # 65 today
    (date(1961, 5, 20), date(2027, 5, 19), set()),  # still 65
    (date(1961, 5, 20), date(2027, 5, 20), {("warning", "over_age")}),  # 66
    (date(1950, 1, 1), date(2026, 5, 20), {("warning", "over_age")}),  # 76
])
def test_age_is_computed_on_the_enrollment_date(birth, on, expected, valid_record, make_nik):
    checked = check_enrollment(person(valid_record, make_nik, birth), on=on)
    assert birth_date_issues(checked) == expected
    assert checked.is_valid is (("error", "too_young") not in expected)


def test_age_uses_the_birth_date_from_the_nik_when_none_is_typed(valid_record, make_nik):
    record = person(valid_record, make_nik, date(2012, 1, 2)).with_changes(birth_date=None)
    checked = check_enrollment(record, on=date(2026, 5, 20))
    assert birth_date_issues(checked) == {("error", "too_young")}
    assert "14" in checked.errors[0].message.en


def test_an_over_65_warning_says_bpjs_is_likely_to_refuse(valid_record, make_nik):
    checked = check_enrollment(person(valid_record, make_nik, date(1955, 1, 1)),
                               on=date(2026, 5, 20))
    [warning] = checked.warnings
    assert warning.severity is Severity.WARNING
    assert "65" in warning.message.id and "ditolak" in warning.message.id
    assert "refuse" in warning.message.en


def test_a_typed_birth_date_in_the_future_is_an_error(valid_record, enrollment_day):
    checked = check_enrollment(valid_record.with_changes(nik="", birth_date=date(2030, 1, 1)),
                               on=enrollment_day)
    assert ("birth_date", "error", "future") in issues_of(checked)


# --- occupation, sponsor, income, payment -------------------------------------------------------

def test_lainnya_with_the_occupation_written_in(valid_record, enrollment_day):
    checked = check_enrollment(
        valid_record.with_changes(occupation="lainnya", occupation_other="  penjual  canang "),
        on=enrollment_day)
    assert checked.issues == ()
    assert checked.record.occupation_other == "penjual canang"


def test_an_unknown_occupation_is_an_error(valid_record, enrollment_day):
    checked = check_enrollment(valid_record.with_changes(occupation="astronot"),
                               on=enrollment_day)
    assert issues_of(checked) == {("occupation", "error", "unknown")}
    assert checked.quote is None


def test_a_sponsor_needs_its_name(valid_record, enrollment_day):
    sponsored = valid_record.with_changes(funding_source=FundingSource.SPONSOR,
                                          sponsor_name=" Yayasan  Dharma ")
    checked = check_enrollment(sponsored, on=enrollment_day)
    assert checked.issues == ()
    assert checked.record.sponsor_name == "Yayasan Dharma"
    assert checked.quote.due_from_participant == 0


def test_a_sponsor_name_without_a_sponsor_is_a_warning(valid_record, enrollment_day):
    checked = check_enrollment(valid_record.with_changes(sponsor_name="Yayasan Dharma"),
                               on=enrollment_day)
    assert issues_of(checked) == {("sponsor_name", "warning", "unused")}


@pytest.mark.parametrize(("income", "expected"), [
    (0, {("monthly_income", "error", "not_positive")}),
    (-5, {("monthly_income", "error", "not_positive")}),
    (750_000, {("monthly_income", "warning", "below_base")}),
    (1_000_000, set()),
    (150_000_000, {("monthly_income", "warning", "very_high")}),
])
def test_monthly_income(income, expected, valid_record, enrollment_day):
    checked = check_enrollment(valid_record.with_changes(monthly_income=income),
                               on=enrollment_day)
    assert issues_of(checked) == expected


@pytest.mark.parametrize("months", [0, 2, 4, 24])
def test_payment_months_other_than_1_3_6_12_are_refused(months, valid_record, enrollment_day):
    checked = check_enrollment(valid_record.with_changes(payment_months=months),
                               on=enrollment_day)
    assert issues_of(checked) == {("payment_months", "error", "choice")}
    assert checked.quote is None


@pytest.mark.parametrize("months", [1, 3, 6, 12])
def test_payment_months_1_3_6_12_are_accepted(months, valid_record, enrollment_day):
    checked = check_enrollment(valid_record.with_changes(payment_months=months),
                               on=enrollment_day)
    assert checked.issues == ()
    assert len(checked.quote.months) == months


def test_the_first_month_defaults_to_the_enrollment_month(valid_record):
    checked = check_enrollment(valid_record.with_changes(first_month=None), on=date(2026, 9, 3))
    assert checked.record.first_month == YearMonth(2026, 9)
    assert checked.issues == ()


def test_a_first_month_in_the_past_is_a_warning(valid_record):
    checked = check_enrollment(valid_record, on=date(2026, 9, 3))
    assert issues_of(checked) == {("first_month", "warning", "past")}


# --- beneficiary and consent --------------------------------------------------------------------

def test_no_beneficiary_is_fine(valid_record, enrollment_day):
    assert check_enrollment(valid_record.with_changes(beneficiary=Beneficiary()),
                            on=enrollment_day).issues == ()


def test_a_beneficiary_of_only_spaces_counts_as_left_out(valid_record, enrollment_day):
    record = valid_record.with_changes(beneficiary=Beneficiary(" ", "", "  "))
    checked = check_enrollment(record, on=enrollment_day)
    assert checked.issues == ()
    assert checked.record.beneficiary == Beneficiary("", "", "")


def test_a_complete_beneficiary(valid_record, enrollment_day):
    beneficiary = Beneficiary(" I Wayan  Putra ", "suami", "0813 1111 2222")
    checked = check_enrollment(valid_record.with_changes(beneficiary=beneficiary),
                               on=enrollment_day)
    assert checked.issues == ()
    assert checked.record.beneficiary == Beneficiary("I Wayan Putra", "suami", "+6281311112222")


@pytest.mark.parametrize(("beneficiary", "fields"), [
    (Beneficiary(name="I Wayan Putra"), {"beneficiary.relationship"}),
    (Beneficiary(relationship="anak"), {"beneficiary.name"}),
    (Beneficiary(phone="081311112222"), {"beneficiary.name", "beneficiary.relationship"}),
    (Beneficiary("I Wayan Putra", "tetangga"), {"beneficiary.relationship"}),
    (Beneficiary("I Wayan 2", "anak"), {"beneficiary.name"}),
    (Beneficiary("I Wayan Putra", "anak", "0361 234567"), {"beneficiary.phone"}),
])
def test_a_partly_filled_beneficiary_needs_name_and_relationship(beneficiary, fields,
                                                                 valid_record, enrollment_day):
    checked = check_enrollment(valid_record.with_changes(beneficiary=beneficiary),
                               on=enrollment_day)
    assert error_fields(checked) == fields
    assert not checked.warnings


def test_consent_records_the_current_text_version_when_none_is_given(valid_record,
                                                                     enrollment_day):
    checked = check_enrollment(valid_record.with_changes(consent=Consent(given=True)),
                               on=enrollment_day)
    assert checked.issues == ()
    assert checked.record.consent.text_version == "2026-01"


def test_an_unknown_consent_text_version_is_an_error(valid_record, enrollment_day):
    checked = check_enrollment(
        valid_record.with_changes(consent=Consent(given=True, text_version="1999-01")),
        on=enrollment_day)
    assert issues_of(checked) == {("consent.text_version", "error", "unknown")}


# --- other fields -------------------------------------------------------------------------------

def test_names_and_addresses_are_trimmed(valid_record, enrollment_day):
    checked = check_enrollment(
        valid_record.with_changes(full_name="  Ni  Made   Sari Dewi ", birth_place=" Denpasar ",
                                  address="Jl.  Kamboja   No. 5 "),
        on=enrollment_day)
    assert checked.issues == ()
    assert checked.record.full_name == "Ni Made Sari Dewi"
    assert checked.record.birth_place == "Denpasar"
    assert checked.record.address == "Jl. Kamboja No. 5"


@pytest.mark.parametrize("name", ["I Gst. Ngurah Rai", "Ni Luh Putu Ayu", "Dewa Ayu Sri-Wahyuni",
                                  "Ida Bagus O'Neil", "Anak Agung Ngurah Agung Wirawan"])
def test_balinese_names_are_accepted(name, valid_record, enrollment_day):
    assert check_enrollment(valid_record.with_changes(full_name=name),
                            on=enrollment_day).issues == ()


@pytest.mark.parametrize("name", ["Made 2", "Ni Made <b>", "@ketut"])
def test_a_name_with_digits_or_symbols_is_an_error(name, valid_record, enrollment_day):
    checked = check_enrollment(valid_record.with_changes(full_name=name), on=enrollment_day)
    assert issues_of(checked) == {("full_name", "error", "name_format")}


def test_a_name_longer_than_100_characters_is_an_error(valid_record, enrollment_day):
    checked = check_enrollment(valid_record.with_changes(full_name="x" * 101), on=enrollment_day)
    assert issues_of(checked) == {("full_name", "error", "too_long")}


@pytest.mark.parametrize(("field", "name"), [
    ("full_name", "Ni Made\u00b2"),  # seen in a field test: a superscript two is no letter
    ("full_name", "I Made \u2460"),  # a circled one
    ("full_name", "Ni Luh Putu_Ayu"),
    ("full_name", "-Ketut"),
    ("full_name", "Ni Made Sari!"),
    ("beneficiary.name", "I Made\u00b3"),
    ("birth_place", "Denpasar 2"),
    ("birth_place", "Tabanan\u00b2"),
])
def test_names_and_birth_places_refuse_what_names_do_not_use(field, name, valid_record,
                                                             enrollment_day):
    changes = ({"beneficiary": Beneficiary(name, "suami", "")} if field == "beneficiary.name"
               else {field: name})
    checked = check_enrollment(valid_record.with_changes(**changes), on=enrollment_day)
    assert issues_of(checked) == {(field, "error", "name_format")}
    [issue] = checked.errors
    label = {"full_name": ("Nama lengkap", "Full name"),
             "beneficiary.name": ("Nama ahli waris", "Beneficiary's name"),
             "birth_place": ("Tempat lahir", "Place of birth")}[field]
    assert issue.message.id.startswith(label[0]) and issue.message.en.startswith(label[1])


@pytest.mark.parametrize("name", [
    "Ni Made Sri Wahyuni", "Zoë Ångström", "José Müller-Lüdenscheidt", "Nguyễn Thị Minh Khai",
    "\u1b13\u1b36\u1b2b\u1b44",  # in Balinese script, vowel sign and adeg-adeg included
    "I Gst. Ngurah Rai", "Ni Luh O’Neil", "Made,Ketut"])
def test_names_of_any_script_with_their_punctuation_are_accepted(name, valid_record,
                                                                 enrollment_day):
    record = valid_record.with_changes(full_name=name, birth_place=name,
                                       beneficiary=Beneficiary(name, "suami", ""))
    assert check_enrollment(record, on=enrollment_day).issues == ()


def test_a_sponsor_name_may_hold_digits_and_company_signs_but_no_symbols(valid_record,
                                                                        enrollment_day):
    sponsored = valid_record.with_changes(funding_source=FundingSource.SPONSOR)
    for name in ("PT Maju & Jaya (Persero) Tbk.", "Toko 99", "CV. Bali/Nusa"):
        checked = check_enrollment(sponsored.with_changes(sponsor_name=name), on=enrollment_day)
        assert checked.issues == (), name
    checked = check_enrollment(sponsored.with_changes(sponsor_name="Yayasan\u00b2"),
                               on=enrollment_day)
    assert issues_of(checked) == {("sponsor_name", "error", "name_format")}
    assert "Nama sponsor/CSR" in checked.errors[0].message.id


@pytest.mark.parametrize(("birth", "expected"), [
    (date(1, 1, 1), {("error", "too_early")}),  # the 0001-01-01 seen in a field test
    (date(1899, 12, 31), {("error", "too_early")}),
    (date(1905, 5, 20), {("error", "too_old")}),  # 121 on 20 May 2026
    (date(1906, 5, 21), {("warning", "over_age")}),  # 119: old, but possible
    (date(1906, 5, 20), {("warning", "over_age")}),  # 120 today: still possible
])
def test_a_birth_date_before_1900_or_older_than_120_is_an_error(birth, expected, valid_record):
    checked = check_enrollment(valid_record.with_changes(nik="", birth_date=birth),
                               on=date(2026, 5, 20))
    assert birth_date_issues(checked) == expected
    mine = [i for i in checked.issues if i.field == "birth_date"]
    assert mine[0].message.id != mine[0].message.en


@pytest.mark.parametrize(("typed", "expected"), [
    ("5171.04.1004", set()),
    ("51.71.04.1004", set()),
    ("517104100", {("desa_code", "error", "format")}),
    ("51710410O4", {("desa_code", "error", "format")}),
    ("5171049999", {("desa_code", "warning", "unknown")}),
])
def test_the_desa_code(typed, expected, valid_record, enrollment_day):
    checked = check_enrollment(valid_record.with_changes(desa_code=typed), on=enrollment_day)
    assert issues_of(checked) == expected
    if not expected:
        assert checked.record.desa_code == "5171041004"


def test_the_kk_number_is_optional_normalised_and_checked(valid_record, enrollment_day):
    assert check_enrollment(valid_record.with_changes(kk_number="  "),
                            on=enrollment_day).record.kk_number == ""
    checked = check_enrollment(valid_record.with_changes(kk_number="5171.0412.0310.0042"),
                               on=enrollment_day)
    assert checked.issues == ()
    assert checked.record.kk_number == "5171041203100042"
    checked = check_enrollment(valid_record.with_changes(kk_number="9771041203100042"),
                               on=enrollment_day)
    assert issues_of(checked) == {("kk_number", "error", "province")}


def test_notes_are_limited_to_2000_characters(valid_record, enrollment_day):
    assert check_enrollment(valid_record.with_changes(notes="a" * 2000),
                            on=enrollment_day).issues == ()
    checked = check_enrollment(valid_record.with_changes(notes="a" * 2001), on=enrollment_day)
    assert issues_of(checked) == {("notes", "error", "too_long")}


def test_every_issue_speaks_both_languages(valid_record, enrollment_day):
    everything_wrong = valid_record.with_changes(
        nik="97", full_name="", birth_place="", birth_date=None, sex=None, address="",
        desa_code="123", banjar="", phone="0361 1", occupation="lainnya", monthly_income=0,
        programs=(), payment_months=5, funding_source=FundingSource.SPONSOR,
        kk_number="12", beneficiary=Beneficiary(phone="1"), consent=Consent(), notes="n" * 3000)
    checked = check_enrollment(everything_wrong, on=enrollment_day)
    assert len(checked.errors) >= 15
    for issue in checked.issues:
        assert issue.message.id.strip() and issue.message.en.strip(), issue
        assert issue.message.id != issue.message.en, issue


# --- found in review: bounds that keep bad input out ------------------------------------------

def test_a_name_check_takes_linear_time_even_for_a_pathological_name(valid_record,
                                                                   enrollment_day):
    import time

    # under the 100-character limit, so the pattern itself has to do the work (the first
    # pattern needed 0.3 s for "a" + 22 dashes + "1" and twice that for every dash more)
    for name in ("a" + "-" * 60 + "1", "I Made " + "." * 80 + "2", "A " * 45 + "9"):
        started = time.perf_counter()
        checked = check_enrollment(valid_record.with_changes(full_name=name), on=enrollment_day)
        assert time.perf_counter() - started < 0.5
        assert [i.code for i in checked.errors] == ["name_format"]


@pytest.mark.parametrize(("first_month", "code"), [
    (YearMonth(2028, 1), "too_far"),  # more than 12 months after May 2026
    (YearMonth(2020, 12), "no_rates"),  # before the first rates in force
    (YearMonth(9999, 12), "too_far"),
])
def test_a_first_month_without_rates_or_too_far_ahead_is_an_error_and_never_priced(
        valid_record, enrollment_day, first_month, code):
    checked = check_enrollment(valid_record.with_changes(first_month=first_month,
                                                         payment_months=12),
                               on=enrollment_day)
    assert [(i.field, i.code) for i in checked.errors] == [("first_month", code)]
    assert checked.quote is None


def test_a_blank_beneficiary_relationship_is_left_out_and_spaces_are_trimmed(valid_record,
                                                                           enrollment_day):
    blank = check_enrollment(valid_record.with_changes(
        beneficiary=Beneficiary(" ", " ", "")), on=enrollment_day)
    assert blank.issues == () and blank.record.beneficiary == Beneficiary()
    padded = check_enrollment(valid_record.with_changes(
        beneficiary=Beneficiary("I Made Dewa", " suami ", "")), on=enrollment_day)
    assert padded.issues == () and padded.record.beneficiary.relationship == "suami"



def test_a_wrong_relationship_names_the_choices_as_the_form_shows_them(valid_record,
                                                                         enrollment_day):
    record = valid_record.with_changes(beneficiary=Beneficiary(
        name="I Wayan Sudarsana", relationship="I Wayan Sudarsana"))
    issue = next(i for i in check_enrollment(record, on=enrollment_day).issues
                 if i.field == "beneficiary.relationship")
    assert "Orang tua (orang_tua)" in issue.message.id  # a script still learns the code
    assert "Suami," in issue.message.id and "suami," not in issue.message.id
    assert "Parent (orang_tua)" in issue.message.en


def test_a_part_of_several_occupations_names_the_ones_it_could_mean(valid_record,
                                                                     enrollment_day):
    checked = check_enrollment(valid_record.with_changes(occupation="pedag"), on=enrollment_day)
    issue = next(i for i in checked.issues if i.field == "occupation")
    assert issue.code == "ambiguous"
    assert "Pedagang, Pedagang keliling" in issue.message.id
    unknown = check_enrollment(valid_record.with_changes(occupation="astronot"),
                               on=enrollment_day)
    assert next(i for i in unknown.issues if i.field == "occupation").code == "unknown"
