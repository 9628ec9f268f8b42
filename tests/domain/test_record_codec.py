"""The codecs derived from the record dataclasses: a new field is carried by every one of them,
and the enrollment's keys and columns keep the order stored history and batch files have."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.enrollment import (
    ENROLLMENT_CODEC,
    Beneficiary,
    Consent,
    Enrollment,
    enrollment_from_json,
    enrollment_to_json,
    parse_iso_date,
)
from desktop_app.domain.funding import FundingSource, Program
from desktop_app.domain.months import YearMonth
from desktop_app.domain.nik import Sex
from desktop_app.domain.record_codec import RecordCodec
from desktop_app.domain.text_bounds import TEXT_LIMITS

HINTS = {
    date: (parse_iso_date, ("Tulis YYYY-MM-DD.", "Write YYYY-MM-DD.")),
    Sex: ("Tulis L atau P.", "Write L or P."),
    YearMonth: ("Tulis YYYY-MM.", "Write YYYY-MM."),
    FundingSource: ("Pilih sumber dana.", "Choose a funding source."),
}


@dataclass(frozen=True)
class GuardianBeneficiary(Beneficiary):
    """A beneficiary with one more field, as a later release might add."""

    guardian_since: date | None = None


@dataclass(frozen=True)
class WiderEnrollment(Enrollment):
    """The enrollment with a field of each kind added (and one in a nested part)."""

    beneficiary: GuardianBeneficiary = field(default_factory=GuardianBeneficiary)
    mother_name: str = ""
    household_size: int | None = None
    second_sex: Sex | None = None
    visited_on: date | None = None
    last_month: YearMonth | None = None
    extra_programs: tuple[Program, ...] = ()
    signed: bool = False
    signed_at: datetime | None = None


ADDED = {"mother_name": "Ni Luh Rai", "household_size": 4, "second_sex": Sex.MALE,
         "visited_on": date(2026, 11, 2), "last_month": YearMonth(2027, 1),
         "extra_programs": (Program.JHT,), "signed": True,
         "signed_at": datetime(2026, 11, 2, 3, 4, 5, tzinfo=UTC)}


@pytest.fixture
def wider(valid_record) -> WiderEnrollment:
    return WiderEnrollment(**{**valid_record.__dict__, **ADDED, "beneficiary":
                              GuardianBeneficiary("I Wayan", "suami", "", date(2020, 1, 2))})


def test_a_field_added_to_the_record_is_carried_by_every_derived_codec(wider) -> None:
    codec = RecordCodec(WiderEnrollment, HINTS)
    data = codec.to_json(wider)
    assert {name: data[name] for name in ADDED} == {
        "mother_name": "Ni Luh Rai", "household_size": 4, "second_sex": "L",
        "visited_on": "2026-11-02", "last_month": "2027-01", "extra_programs": ["JHT"],
        "signed": True, "signed_at": "2026-11-02T03:04:05+00:00"}
    assert data["beneficiary"]["guardian_since"] == "2020-01-02"
    assert codec.from_json(data) == (wider, [])

    columns = codec.to_columns(wider)
    assert codec.column_names == tuple(columns)
    assert {"mother_name", "household_size", "second_sex", "visited_on", "last_month",
            "extra_programs", "signed", "signed_at", "beneficiary_guardian_since"} <= set(columns)
    assert columns["extra_programs"] == "JHT" and columns["second_sex"] == "L"
    assert codec.from_columns(SimpleNamespace(**columns)) == wider
    assert set(ADDED) <= set(codec.field_names)


def test_a_bad_value_of_an_added_field_is_an_issue_of_its_own(wider) -> None:
    codec = RecordCodec(WiderEnrollment, HINTS)
    data = codec.to_json(wider) | {"household_size": "four", "visited_on": "2-11-2026",
                                   "beneficiary": {"guardian_since": 7, "age": 3}}
    record, issues = codec.from_json(data)
    assert [i.field for i in issues] == ["beneficiary.age", "beneficiary.guardian_since",
                                         "household_size", "visited_on"]
    assert record.household_size is None and record.visited_on is None
    assert "Write YYYY-MM-DD." in issues[-1].message.en


def test_the_json_keys_keep_their_order_texts_first(valid_record) -> None:
    """Batch files and replies are written as the dict is ordered (not sorted)."""
    assert list(enrollment_to_json(valid_record)) == [
        "nik", "full_name", "birth_place", "address", "desa_code", "banjar", "phone",
        "occupation", "occupation_other", "sponsor_name", "kk_number", "notes", "birth_date",
        "sex", "monthly_income", "programs", "payment_months", "first_month",
        "funding_source", "beneficiary", "consent"]
    assert list(enrollment_to_json(valid_record)["consent"]) == [
        "given", "text_version", "recorded_by", "recorded_at"]


def test_the_columns_keep_their_order_the_ones_kept_as_they_are_first(valid_record) -> None:
    """The laptop's history stores a save's changes in this order."""
    assert ENROLLMENT_CODEC.column_names == (
        "nik", "full_name", "birth_place", "birth_date", "address", "desa_code", "banjar",
        "phone", "occupation", "occupation_other", "monthly_income", "payment_months",
        "sponsor_name", "kk_number", "notes", "sex", "programs", "first_month",
        "funding_source", "beneficiary_name", "beneficiary_relationship", "beneficiary_phone",
        "consent_given", "consent_text_version", "consent_recorded_by", "consent_recorded_at")


def test_the_columns_hold_the_record_in_stored_form(valid_record) -> None:
    record = valid_record.with_changes(
        programs=(Program.JKK, Program.JKM, Program.JHT),
        beneficiary=Beneficiary("I Wayan", "suami", "0811"),
        consent=Consent(True, "2026-01", "officer-7", datetime(2026, 5, 1, tzinfo=UTC)))
    columns = ENROLLMENT_CODEC.to_columns(record)
    assert columns["sex"] == "P" and columns["sex"].__class__ is str
    assert columns["programs"] == "JKK,JKM,JHT"
    assert columns["first_month"] == str(record.first_month)
    assert columns["funding_source"] == "mandiri"
    assert columns["birth_date"] == date(1985, 8, 17)
    assert columns["beneficiary_relationship"] == "suami"
    assert columns["consent_recorded_at"] == datetime(2026, 5, 1, tzinfo=UTC)
    assert ENROLLMENT_CODEC.from_columns(SimpleNamespace(**columns)) == record
    empty = ENROLLMENT_CODEC.to_columns(Enrollment(programs=()))
    assert (empty["sex"], empty["programs"], empty["first_month"]) == (None, "", None)
    assert ENROLLMENT_CODEC.from_columns(SimpleNamespace(**empty)) == Enrollment(programs=())


def test_every_text_field_of_the_record_has_its_bounds() -> None:
    """A text field added to the record and forgotten in the bounds would take any length."""
    assert set(ENROLLMENT_CODEC.text_fields) == set(TEXT_LIMITS)
    assert "beneficiary.name" in ENROLLMENT_CODEC.text_fields
    assert "mother_name" in RecordCodec(WiderEnrollment, HINTS).text_fields


def test_issues_of_several_bad_fields_come_in_the_order_of_the_form() -> None:
    _, issues = enrollment_from_json({"zz": 1, "consent": {"given": "ya"}, "sex": "X",
                                      "nik": 5, "beneficiary": [], "payment_months": "3"})
    assert [i.field for i in issues] == ["zz", "nik", "sex", "payment_months", "beneficiary",
                                         "consent.given"]


def test_a_record_whose_init_does_more_is_built_through_it() -> None:
    """Records are filled without ``__init__`` only when it would do nothing more."""

    @dataclass(frozen=True)
    class Checked:
        name: str = ""

        def __post_init__(self) -> None:
            if self.name == "refused":
                raise ValueError("refused")

    codec = RecordCodec(Checked, {})
    assert codec.from_json({"name": "ok"}) == (Checked("ok"), [])
    with pytest.raises(ValueError, match="refused"):
        codec.from_json({"name": "refused"})
    with pytest.raises(ValueError, match="refused"):
        codec.from_columns(SimpleNamespace(name="refused"))


def test_a_type_with_no_codec_is_refused_when_the_codec_is_made() -> None:
    @dataclass(frozen=True)
    class Measured:
        height: float = 0.0

    with pytest.raises(TypeError, match="height"):
        RecordCodec(Measured, {})


_NAMES = [*ENROLLMENT_CODEC.field_names, "id", "history", "nonsense"]
_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**17), 10**17), st.floats(allow_nan=False),
    st.text(max_size=5), st.sampled_from(["1985-08-17", "19850817", "L", "P", "2026-04",
                                          "sponsor", "2026-05-01T08:00:00+08:00", ""]),
    st.lists(st.sampled_from(["JKK", "JKM", "JHT", "X"]), max_size=3),
    st.dictionaries(st.sampled_from(["name", "phone", "given", "recorded_at", "text_version",
                                     "zz"]),
                    st.one_of(st.none(), st.booleans(), st.text(max_size=3),
                              st.just("2026-01-01T00:00:00")), max_size=3))


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(_NAMES), _VALUES, max_size=6))
def test_the_derived_reader_reads_any_object_as_the_hand_written_one_did(data) -> None:
    """Against the hand-written reader it replaced (kept for the codec bench): the same
    record and the same issues, which now come in the form's order."""
    from bench.hand_codec import enrollment_from_json as hand_from_json

    record, issues = enrollment_from_json(data)
    hand_record, hand_issues = hand_from_json(data)
    assert record == hand_record
    assert sorted(map(repr, issues)) == sorted(map(repr, hand_issues))
