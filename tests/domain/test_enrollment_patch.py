"""A partial change applied to a saved record (``edit --json``): JSON Merge Patch on the record's
documented form, with the fields that have no empty state kept from being cleared."""

from desktop_app.domain.enrollment import Beneficiary, enrollment_to_json
from desktop_app.domain.enrollment_patch import apply_change, names_other_nik


def test_only_the_named_fields_change(valid_record) -> None:
    changed, issues = apply_change(valid_record, {"phone": "081299998888", "notes": "baru"})
    assert issues == []
    assert changed == valid_record.with_changes(phone="081299998888", notes="baru")


def test_a_nested_object_changes_only_its_named_keys(valid_record) -> None:
    record = valid_record.with_changes(beneficiary=Beneficiary("I Ketut", "suami", "0812"))
    changed, issues = apply_change(record, {"beneficiary": {"phone": None, "name": "I Kadek"}})
    assert issues == []
    assert changed.beneficiary == Beneficiary("I Kadek", "suami", "")
    assert changed.consent == record.consent
    cleared, _ = apply_change(record, {"beneficiary": None})
    assert cleared.beneficiary.is_empty


def test_null_clears_but_not_a_field_with_no_empty_state(valid_record) -> None:
    record = valid_record.with_changes(payment_months=12)
    changed, issues = apply_change(record, {"payment_months": None, "consent": {"given": None},
                                            "monthly_income": None, "nik": None})
    assert sorted(i.field for i in issues) == ["consent.given", "nik", "payment_months"]
    assert all(i.code == "not_clearable" and i.is_error for i in issues)
    assert changed.monthly_income is None  # an optional number is cleared
    assert changed.payment_months == 12 and changed.nik == record.nik  # never reset silently


def test_unknown_names_and_types_are_refused_as_enroll_refuses_them(valid_record) -> None:
    _, issues = apply_change(valid_record, {"colour": 1, "beneficiary": {"nama": "x"},
                                            "monthly_income": "dua juta"})
    assert {(i.field, i.code) for i in issues} == {
        ("colour", "type"), ("beneficiary.nama", "type"), ("monthly_income", "type")}
    _, issues = apply_change(valid_record, ["phone"])
    assert [(i.field, i.code) for i in issues] == [("record", "type")]


def test_the_output_fields_are_ignored(valid_record) -> None:
    printed = {**enrollment_to_json(valid_record), "id": "x", "status": "synced",
               "revision": 7, "history": []}
    changed, issues = apply_change(valid_record, printed)
    assert issues == []
    assert changed == valid_record


def test_a_nik_other_than_the_records_is_told_apart(valid_record) -> None:
    nik = valid_record.nik
    spaced = f"{nik[:4]} {nik[4:8]}.{nik[8:12]}-{nik[12:]}"
    assert not names_other_nik({"nik": spaced}, nik)
    assert not names_other_nik({"phone": "0812"}, nik)
    assert not names_other_nik({"nik": 5171}, nik)  # not text: apply_change refuses its type
    assert names_other_nik({"nik": nik[:-1] + "9"}, nik)


def test_a_record_printed_by_show_is_read_back_with_its_history(valid_record) -> None:
    from desktop_app.domain.enrollment import enrollment_from_json

    record, issues = enrollment_from_json({**enrollment_to_json(valid_record), "history": []})
    assert issues == [] and record == valid_record
