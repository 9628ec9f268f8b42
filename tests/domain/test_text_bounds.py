"""Every text field of an enrollment has a length limit and refuses control characters, in the
JSON reader (CLI, import, sync) and in the validation the laptop and the office both run."""

import json
from dataclasses import fields

import pytest

from desktop_app.domain.enrollment import (
    Beneficiary,
    Consent,
    Enrollment,
    enrollment_from_json,
    enrollment_to_json,
    json_integer,
)
from desktop_app.domain.form_definition import enrollment_form
from desktop_app.domain.text_bounds import MULTILINE_FIELDS, TEXT_LIMITS
from desktop_app.domain.validation import check_enrollment


def _text_fields() -> set[str]:
    found = {f.name for f in fields(Enrollment) if f.type is str}
    found |= {f"beneficiary.{f.name}" for f in fields(Beneficiary) if f.type is str}
    return found | {f"consent.{f.name}" for f in fields(Consent) if f.type is str}


def _with(record: Enrollment, field: str, value: str) -> Enrollment:
    owner, _, name = field.rpartition(".")
    if not owner:
        return record.with_changes(**{field: value})
    part = getattr(record, owner)
    return record.with_changes(**{owner: type(part)(**{**part.__dict__, name: value})})


def _codes(issues, field: str) -> set[str]:
    return {i.code for i in issues if i.field == field and i.is_error}


def test_every_text_field_of_an_enrollment_has_a_limit() -> None:
    assert set(TEXT_LIMITS) == _text_fields()


@pytest.mark.parametrize("field", sorted(TEXT_LIMITS))
def test_a_field_one_character_over_its_limit_is_refused_by_the_reader_and_the_rules(
        field, valid_record, enrollment_day) -> None:
    limit = TEXT_LIMITS[field]
    at_limit = _with(valid_record, field, "a" * limit)
    assert "too_long" not in _codes(check_enrollment(at_limit, on=enrollment_day).issues, field)
    over = _with(valid_record, field, "a" * (limit + 1))
    checked = check_enrollment(over, on=enrollment_day)
    assert _codes(checked.issues, field) == {"too_long"}  # its own checks are left out
    issue = next(i for i in checked.issues if i.field == field)
    assert f"{limit:,}" in issue.message.en and "karakter" in issue.message.id
    _, read_issues = enrollment_from_json(enrollment_to_json(over))
    assert _codes(read_issues, field) == {"too_long"}


@pytest.mark.parametrize("field", sorted(TEXT_LIMITS))
def test_a_nul_byte_is_refused_in_every_field_naming_it(field, valid_record,
                                                       enrollment_day) -> None:
    record = _with(valid_record, field, "51\x0071")
    _, read_issues = enrollment_from_json(enrollment_to_json(record))
    assert _codes(read_issues, field) == {"control_character"}
    issues = check_enrollment(record, on=enrollment_day).issues
    assert _codes(issues, field) == {"control_character"}
    issue = next(i for i in issues if i.field == field)
    assert "NUL" in issue.message.en and "NUL" in issue.message.id


def test_notes_may_hold_line_breaks_and_tabs_but_a_one_line_field_may_not(
        valid_record, enrollment_day) -> None:
    form = enrollment_form().fields()
    assert {f.field for f in form if f.kind == "multiline"} == MULTILINE_FIELDS
    notes = valid_record.with_changes(notes="bayar tunai\r\n\tsisa minggu depan")
    assert check_enrollment(notes, on=enrollment_day).issues == ()
    banjar = valid_record.with_changes(banjar="Kaja\nKelod")
    issues = check_enrollment(banjar, on=enrollment_day).issues
    assert [(i.field, i.code) for i in issues] == [("banjar", "control_character")]
    assert "satu baris" in issues[0].message.id and "one line" in issues[0].message.en
    escape = valid_record.with_changes(notes="ok\x1b[31m")
    assert _codes(check_enrollment(escape, on=enrollment_day).issues, "notes") == {
        "control_character"}


def test_a_huge_value_is_never_quoted_back(valid_record, enrollment_day) -> None:
    huge = "x" * 1_000_000
    record = valid_record.with_changes(occupation=huge, desa_code=huge)
    issues = check_enrollment(record, on=enrollment_day).issues
    assert {i.field for i in issues} == {"occupation", "desa_code"}
    data = enrollment_to_json(valid_record) | {"birth_date": huge, huge: 1}
    _, read_issues = enrollment_from_json(data)
    assert read_issues and all(len(i.message.en) < 300 and len(i.field) <= 40
                               for i in read_issues + list(issues))


def test_a_huge_number_in_enroll_json_is_a_field_error() -> None:
    """Python refuses to read 4,300 digits as an int: json_integer keeps the file readable
    and the field that holds the number says so."""
    text = json.dumps(enrollment_to_json(Enrollment())).replace(
        '"monthly_income": null', '"monthly_income": ' + "9" * 4301)
    with pytest.raises(ValueError, match="4300 digits"):
        json.loads(text)
    _, issues = enrollment_from_json(json.loads(text, parse_int=json_integer))
    assert [(i.field, i.code) for i in issues] == [("monthly_income", "type")]
    assert "too large" in issues[0].message.en
