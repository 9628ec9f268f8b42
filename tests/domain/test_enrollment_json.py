"""The documented JSON form of an enrollment: names, formats, round trip, per-field errors."""

import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.enrollment import (
    Beneficiary,
    Consent,
    Enrollment,
    enrollment_from_json,
    enrollment_to_json,
)
from desktop_app.domain.funding import FundingSource, Program
from desktop_app.domain.months import YearMonth
from desktop_app.domain.nik import Sex
from desktop_app.domain.text_bounds import record_texts, text_issues
from desktop_app.domain.validation import check_enrollment

# The field names the issue documents for the CLI, the sync API and exports alike.
DOCUMENTED_FIELDS = {
    "nik", "full_name", "birth_place", "birth_date", "sex", "address", "desa_code", "banjar",
    "phone", "occupation", "occupation_other", "monthly_income", "programs", "payment_months",
    "first_month", "funding_source", "sponsor_name", "kk_number", "beneficiary", "consent",
    "notes",
}


@pytest.fixture
def full_record(valid_record) -> Enrollment:
    return valid_record.with_changes(
        programs=(Program.JKK, Program.JKM, Program.JHT),
        funding_source=FundingSource.SPONSOR,
        sponsor_name="Yayasan Dharma",
        kk_number="5171041203100042",
        beneficiary=Beneficiary("I Wayan Putra", "suami", "+6281311112222"),
        consent=Consent(True, "2026-01", "officer-7",
                        datetime(2026, 5, 20, 9, 30, tzinfo=timezone(timedelta(hours=8)))),
        notes="Dicatat di balai banjar.",
    )


def through_json_text(data: dict) -> dict:
    return json.loads(json.dumps(data))


def test_the_json_uses_the_documented_names_and_formats(full_record):
    data = through_json_text(enrollment_to_json(full_record))
    assert set(data) == DOCUMENTED_FIELDS
    assert data["nik"] == "5171045708850023"
    assert data["birth_date"] == "1985-08-17"
    assert data["sex"] == "P"
    assert data["monthly_income"] == 2_500_000
    assert data["programs"] == ["JKK", "JKM", "JHT"]
    assert data["payment_months"] == 3
    assert data["first_month"] == "2026-05"
    assert data["funding_source"] == "sponsor"
    assert data["beneficiary"] == {"name": "I Wayan Putra", "relationship": "suami",
                                   "phone": "+6281311112222"}
    assert data["consent"]["given"] is True
    assert data["consent"]["text_version"] == "2026-01"


def test_an_empty_beneficiary_is_null(valid_record):
    assert enrollment_to_json(valid_record)["beneficiary"] is None


def test_a_record_round_trips_through_json_text(full_record):
    record, issues = enrollment_from_json(through_json_text(enrollment_to_json(full_record)))
    assert issues == []
    assert record == full_record


def test_an_empty_object_is_an_empty_record():
    assert enrollment_from_json({}) == (Enrollment(), [])


def test_nulls_are_absent_values():
    data = dict.fromkeys(DOCUMENTED_FIELDS)
    assert enrollment_from_json(data) == (Enrollment(), [])


def test_the_stores_bookkeeping_fields_are_not_unknown_names(full_record):
    data = enrollment_to_json(full_record) | {
        "id": "0b7c3f0e-0000-4000-8000-000000000001", "status": "ready", "revision": 2,
        "warnings": [], "officer_id": "o-1", "device_id": "d-1", "visit_id": "v-1",
        "created_at": "2026-05-20T09:30:00+08:00", "updated_at": "2026-05-20T09:31:00+08:00"}
    assert enrollment_from_json(data) == (full_record, [])


@pytest.mark.parametrize(("data", "field"), [
    ({"nik": 5171045708850023}, "nik"),
    ({"full_name": ["Ni", "Made"]}, "full_name"),
    ({"phone": 81234567890}, "phone"),
    ({"birth_date": "17-08-1985"}, "birth_date"),
    ({"birth_date": "1985/08/17"}, "birth_date"),
    ({"birth_date": "1985-02-30"}, "birth_date"),
    ({"birth_date": 19850817}, "birth_date"),
    ({"sex": "F"}, "sex"),
    ({"sex": "l"}, "sex"),
    ({"monthly_income": "2500000"}, "monthly_income"),
    ({"monthly_income": 2500000.0}, "monthly_income"),
    ({"monthly_income": True}, "monthly_income"),
    ({"payment_months": "3"}, "payment_months"),
    ({"first_month": "05/2026"}, "first_month"),
    ({"first_month": "2026-13"}, "first_month"),
    ({"funding_source": "pemerintah"}, "funding_source"),
    ({"funding_source": "Mandiri"}, "funding_source"),
    ({"programs": "JKK"}, "programs"),
    ({"programs": ["JKK", "JKX"]}, "programs"),
    ({"programs": 3}, "programs"),
    ({"beneficiary": "I Wayan Putra"}, "beneficiary"),
    ({"beneficiary": {"name": 7}}, "beneficiary.name"),
    ({"consent": True}, "consent"),
    ({"consent": {"given": "yes"}}, "consent.given"),
    ({"consent": {"given": True, "recorded_at": "yesterday"}}, "consent.recorded_at"),
    ({"nama": "Ni Made Sari"}, "nama"),
    ({"birthdate": "1985-08-17"}, "birthdate"),
    ({"beneficiary": {"nama": "I Wayan Putra"}}, "beneficiary.nama"),
    ({"consent": {"given": True, "version": "2026-01"}}, "consent.version"),
])
def test_a_type_error_is_reported_on_its_field(data, field):
    record, issues = enrollment_from_json(data)
    assert [(i.field, i.code) for i in issues] == [(field, "type")]
    [issue] = issues
    assert issue.is_error
    assert field.rsplit(".", 1)[-1] in issue.message.id
    assert field.rsplit(".", 1)[-1] in issue.message.en
    assert issue.message.id != issue.message.en
    assert isinstance(record, Enrollment)


def test_every_bad_field_is_reported_at_once(full_record):
    data = enrollment_to_json(full_record) | {
        "nik": 5171045708850023, "birth_date": "17/08/1985", "monthly_income": "2 juta",
        "nama_lengkap": "Ni Made"}
    record, issues = enrollment_from_json(data)
    assert sorted(i.field for i in issues) == [
        "birth_date", "monthly_income", "nama_lengkap", "nik"]
    # The fields that were fine are kept.
    assert record.full_name == full_record.full_name
    assert record.sex is Sex.FEMALE


@pytest.mark.parametrize("data", [[], "nik", 5, None])
def test_a_record_must_be_a_json_object(data):
    record, issues = enrollment_from_json(data)
    assert record == Enrollment()
    assert [(i.field, i.code) for i in issues] == [("record", "type")]


@pytest.mark.parametrize("months", [0, 2, -3])
def test_a_wrong_payment_period_is_kept_for_validation_to_refuse(months, valid_record,
                                                                 enrollment_day):
    data = enrollment_to_json(valid_record) | {"payment_months": months}
    record, issues = enrollment_from_json(data)
    assert issues == []
    assert record.payment_months == months  # not silently turned into 1 month
    checked = check_enrollment(record, on=enrollment_day)
    assert [(i.field, i.code) for i in checked.errors] == [("payment_months", "choice")]


def test_a_missing_payment_period_is_one_month():
    assert enrollment_from_json({"payment_months": None})[0].payment_months == 1
    assert enrollment_from_json({})[0].payment_months == 1


def test_json_from_the_cli_is_validated_like_any_record(enrollment_day):
    data = {
        "nik": "5171 0457 0885 0023", "full_name": "Ni Made Sari Dewi",
        "birth_place": "Denpasar", "sex": "L", "address": "Jl. Kamboja No. 5",
        "desa_code": "5171041004", "banjar": "br. kaja", "phone": "0812-3456-7890",
        "occupation": "pedagang", "monthly_income": 2_500_000, "programs": ["JKK", "JKM"],
        "payment_months": 1, "funding_source": "mandiri", "consent": {"given": True},
    }
    record, issues = enrollment_from_json(data)
    assert issues == []
    checked = check_enrollment(record, on=enrollment_day)
    assert [(i.field, str(i.severity), i.code) for i in checked.issues] == [
        ("sex", "warning", "nik_mismatch")]
    assert checked.record.birth_date == date(1985, 8, 17)
    assert checked.record.banjar == "Banjar Kaja"
    assert checked.record.phone == "+6281234567890"


# --- any record round-trips -----------------------------------------------------------------------

texts = st.text(max_size=30)
records = st.builds(
    Enrollment,
    nik=texts, full_name=texts, birth_place=texts, address=texts, desa_code=texts,
    banjar=texts, phone=texts, occupation=texts, occupation_other=texts, sponsor_name=texts,
    kk_number=texts, notes=texts,
    birth_date=st.none() | st.dates(),
    sex=st.none() | st.sampled_from(list(Sex)),
    monthly_income=st.none() | st.integers(min_value=-10**12, max_value=10**12),
    programs=st.lists(st.sampled_from(list(Program)), max_size=4).map(tuple),
    payment_months=st.integers(min_value=-24, max_value=120),
    first_month=st.none() | st.builds(YearMonth, st.integers(1900, 9999), st.integers(1, 12)),
    funding_source=st.sampled_from(list(FundingSource)),
    beneficiary=st.builds(Beneficiary, texts, texts, texts),
    consent=st.builds(Consent, st.booleans(), texts, texts,
                      st.none() | st.datetimes(timezones=st.none() | st.just(UTC))),
)


@settings(max_examples=200)
@given(records)
def test_any_record_round_trips_through_json_text(record):
    """Every value comes back as it was; the only issues are the characters text_bounds
    refuses (control characters), named per field."""
    assert enrollment_from_json(through_json_text(enrollment_to_json(record))) == (
        record, text_issues(record_texts(record)))


@pytest.mark.parametrize(("field", "value"), [
    ("monthly_income", 10**20), ("payment_months", -(10**18)),
    ("programs", {"JKK": 1, "JKM": 1}), ("programs", "JKK,JKM"),
])
def test_numbers_beyond_any_amount_and_programs_not_in_a_list_are_type_errors(field, value):
    _, issues = enrollment_from_json({"nik": "5171045708850023", field: value})
    assert [(i.field, i.code) for i in issues] == [(field, "type")]
