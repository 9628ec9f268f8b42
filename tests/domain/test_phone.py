"""Indonesian mobile numbers: normalised to +62 on the record, landlines refused."""

import pytest

from desktop_app.domain.phone import normalize_mobile
from desktop_app.domain.validation import check_enrollment


def issues_of(checked) -> set[tuple[str, str, str]]:
    return {(i.field, str(i.severity), i.code) for i in checked.issues}


@pytest.mark.parametrize("typed", [
    "081234567890", "0812 3456 7890", "0812-3456-7890", "62812-3456-7890", "6281234567890",
    "+62 812 3456 7890", "+62 (812) 3456-7890", "+6281234567890", "812 3456 7890",
])
def test_mobile_numbers_are_normalised_to_plus_62(typed, valid_record, enrollment_day):
    assert normalize_mobile(typed) == "+6281234567890"
    checked = check_enrollment(valid_record.with_changes(phone=typed), on=enrollment_day)
    assert checked.issues == ()
    assert checked.record.phone == "+6281234567890"


@pytest.mark.parametrize(("typed", "normalised"), [
    ("0812345678", "+62812345678"),  # 9-digit national number
    ("0857 1234 5678 9", "+62857123456789"),  # 12-digit national number
    ("0857 1234 5678 91", None),  # 13 digits
    ("08123456", None),  # 7 digits
])
def test_mobile_number_lengths(typed, normalised):
    assert normalize_mobile(typed) == normalised


@pytest.mark.parametrize("typed", [
    "0361 234567", "(0361) 234-567", "+62 361 234567", "62361234567",  # Denpasar landlines
    "+1 812 3456 7890", "+0812 3456 7890", "0812", "08123456", "0812 3456 7890 123",
    "0812-3456-789O", "٠٨١٢٣٤٥٦٧٨٩٠",
])
def test_landlines_and_malformed_numbers_are_refused(typed, valid_record, enrollment_day):
    assert normalize_mobile(typed) is None
    checked = check_enrollment(valid_record.with_changes(phone=typed), on=enrollment_day)
    assert issues_of(checked) == {("phone", "error", "phone_format")}


def test_the_phone_is_optional(valid_record, enrollment_day):
    checked = check_enrollment(valid_record.with_changes(phone="  "), on=enrollment_day)
    assert checked.issues == ()
    assert checked.record.phone == ""
