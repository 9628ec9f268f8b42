"""Typed review items (issue 14): what a machine must not decide waits for a supervisor, and a
decision is applied three-way against the office's version the item was raised on. One plain
test per defect: 3 (a late review rolled back newer data), 4 ("keep office" dropped the
laptop's other edits), 6 (a NIK corrected onto a known NIK left two records of one person),
7 (a second enrollment changed payment months silently), 8 (a NIK change applied unreviewed).
Run on SQLite and PostgreSQL."""

import uuid
from datetime import date

import pytest
from builders import build_nik
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from office_intake import TODAY, outgoing, pull_all, push, register
from sqlmodel import Session, select

from desktop_app.domain.receipt_code import ReceiptCode, fields_digest
from desktop_app.domain.receipt_number import receipt_number
from desktop_app.domain.signatures import public_key_text
from desktop_app.domain.sync_messages import ReviewKind, TombstoneState
from desktop_app.domain.validation import check_enrollment
from desktop_app.office.conflicts import ResolutionRefused, list_conflicts, resolve_conflict
from desktop_app.office.devices import add_device, register_device
from desktop_app.office.models import CanonicalRecord
from desktop_app.office.receipts import GENUINE, verify_receipt
from desktop_app.office.record_lookup import list_records, show_record
from desktop_app.office.spreadsheet_export import export_office

OTHER_NIK_BIRTH = date(1985, 8, 17)


def _resolve(office, item: dict, **choice):
    return resolve_conflict(office, uuid.UUID(item["conflict_id"]), keep=choice.pop("keep", None),
                            fields=choice.pop("fields", {}),
                            resolved_by=choice.pop("by", "Made Supervisor"), today=TODAY,
                            **choice)


def test_a_second_enrollment_with_other_payment_months_waits_for_review(
        office, valid_record) -> None:
    """Defect 7: an offline laptop's earlier enrollment of a known person (1 month) arrives
    after the office's (12 months): never last-arrival-wins."""
    sari, wayan = register(office, "Ni Ketut Sari"), register(office, "I Wayan Sudi")
    push(office, sari, outgoing(valid_record.with_changes(payment_months=12)))
    [answer] = push(office, wayan, outgoing(valid_record.with_changes(
        payment_months=1, phone="+6285733334444")))
    assert answer["outcome"] == "conflict" and answer["conflicting"] == ["payment_months"]
    assert answer["review_kind"] == ReviewKind.MONEY_CONFLICT
    assert show_record(office, valid_record.nik)["record"]["payment_months"] == 12
    [item] = list_conflicts(office)
    assert item["kind"] == "money_conflict" and item["base_record"] is None
    assert (item["office_record"]["payment_months"], item["incoming_record"]["payment_months"]
            ) == (12, 1)


def test_a_nik_change_from_a_laptop_is_applied_only_once_reviewed(office, valid_record) -> None:
    """Defect 8."""
    sari = register(office, "Ni Ketut Sari")
    first = outgoing(valid_record)
    push(office, sari, first)
    corrected = valid_record.with_changes(nik=build_nik("517104", OTHER_NIK_BIRTH, "P", 24))
    [answer] = push(office, sari, outgoing(corrected, enrollment_id=first.enrollment_id,
                                           revision=2, base=1))
    assert answer["outcome"] == "conflict" and answer["review_kind"] == "nik_correction"
    assert show_record(office, corrected.nik) is None  # not applied
    [item] = list_conflicts(office)
    assert item["kind"] == "nik_correction" and item["base_record"]["nik"] == valid_record.nik
    _resolve(office, item, keep="incoming")
    assert show_record(office, corrected.nik)["history"][-1]["changes"]["nik"] == [
        valid_record.nik, corrected.nik]
    assert show_record(office, valid_record.nik) is None


def _two_names(office, valid_record):
    """Two laptops send other names for one NIK the office holds: two items on revision 1."""
    sari, wayan, putu = (register(office, n) for n in ("Ni Ketut Sari", "I Wayan Sudi",
                                                       "Putu Agus"))
    push(office, sari, outgoing(valid_record))
    push(office, wayan, outgoing(valid_record.with_changes(full_name="Ni Luh Putu Ayu")))
    push(office, putu, outgoing(valid_record.with_changes(full_name="Ni Made Sari Utami")))
    return list_conflicts(office)


def test_a_late_decision_is_refused_when_the_field_changed_since_and_shown_again(
        office, valid_record) -> None:
    """Defect 3: the second decision was made on the version both items were raised on."""
    first, second = _two_names(office, valid_record)
    _resolve(office, first, keep="incoming")
    with pytest.raises(ResolutionRefused, match="full_name changed at the office since") as no:
        _resolve(office, second, keep="incoming")
    assert "Ni Luh Putu Ayu" in str(no.value)  # the newer value, named
    assert show_record(office, valid_record.nik)["record"]["full_name"] == "Ni Luh Putu Ayu"
    [again] = list_conflicts(office)  # shown again, on the office's version as it is now
    assert again["office_record"]["full_name"] == "Ni Luh Putu Ayu"
    _resolve(office, again, keep="incoming")
    assert show_record(office, valid_record.nik)["record"]["full_name"] == "Ni Made Sari Utami"


def test_a_decision_keeps_what_the_office_changed_since_in_other_fields(
        office, valid_record) -> None:
    """Defect 3, the other half: fields outside the dispute keep their newer values."""
    sari, wayan = register(office, "Ni Ketut Sari"), register(office, "I Wayan Sudi")
    mine = outgoing(valid_record)
    push(office, sari, mine)
    push(office, wayan, outgoing(valid_record.with_changes(full_name="Ni Luh Putu Ayu")))
    push(office, sari, outgoing(valid_record.with_changes(address="Jl. Baru 2"),
                                enrollment_id=mine.enrollment_id, revision=2, base=1))
    [item] = list_conflicts(office)
    _resolve(office, item, keep="incoming")
    record = show_record(office, valid_record.nik)["record"]
    assert (record["full_name"], record["address"]) == ("Ni Luh Putu Ayu", "Jl. Baru 2")


def test_keep_office_still_takes_the_laptops_new_phone_and_records_the_decision(
        office, valid_record) -> None:
    """Defect 4."""
    sari, wayan = register(office, "Ni Ketut Sari"), register(office, "I Wayan Sudi")
    push(office, sari, outgoing(valid_record))
    push(office, wayan, outgoing(valid_record.with_changes(full_name="Ni Luh Putu Ayu",
                                                           phone="+6285733334444")))
    [item] = list_conflicts(office)
    settled = _resolve(office, item, keep="office", by="Ibu Wayan")
    shown = show_record(office, valid_record.nik)
    assert (shown["record"]["full_name"], shown["record"]["phone"]) == (
        valid_record.full_name, "+6285733334444")
    assert shown["history"][-1]["action"] == "resolved"
    assert settled["resolved_by"] == "Ibu Wayan" and settled["resolved_at"]
    assert settled["resolution"]["fields"] == {"full_name": "office"}
    # the decision reaches the laptop that sent the item, with the record as it is now
    [notice] = [r for page in pull_all(office, _device(office, item)) for r in page.reviews]
    assert notice.status == "resolved" and notice.current.record.phone == "+6285733334444"


def _device(office, item: dict):
    from desktop_app.office.devices import find_device
    return find_device(office, uuid.UUID(item["device_id"]))


def _receipt(office, device, key, enrollment_id, record) -> str:
    number = receipt_number(device_id=device.id, day=date(2026, 11, 20), sequence=1)
    digest = fields_digest(record, check_enrollment(record, on=date(2026, 5, 1)).quote)
    code = ReceiptCode(number, device.id, enrollment_id, 1, digest)
    return ReceiptCode(number, device.id, enrollment_id, 1, digest,
                       key.sign(code.signed_bytes())).to_text()


def test_a_nik_corrected_onto_a_known_nik_leaves_one_person_once_decided(
        office, valid_record, tmp_path) -> None:
    """Defect 6: the corrected record is merged into the one holding the NIK (a tombstone
    that travels in the pull feed), counted, listed and exported once; receipts of either
    record still verify."""
    key = Ed25519PrivateKey.generate()
    _, sari = register_device(office, code=add_device(office, officer_name="Ni Ketut Sari"),
                              device_id=uuid.uuid4(), public_key=public_key_text(key),
                              app_version="test")
    wayan = register(office, "I Wayan Sudi")
    known = valid_record.with_changes(nik=build_nik("517104", OTHER_NIK_BIRTH, "P", 24))
    push(office, wayan, outgoing(known))
    typo = outgoing(valid_record)  # the same woman, her NIK mistyped by one digit
    push(office, sari, typo)
    [answer] = push(office, sari, outgoing(known.with_changes(phone="+6285733334444"),
                                           enrollment_id=typo.enrollment_id, revision=2,
                                           base=1))
    assert answer["review_kind"] == "same_person" and answer["conflicting"] == ["nik"]
    [item] = list_conflicts(office)
    assert item["kind"] == "same_person" and item["other_office_id"] == answer["office_id"]
    with pytest.raises(ResolutionRefused, match="--same-person or --different-people"):
        _resolve(office, item, keep="office")
    _resolve(office, item, same_person=True)
    assert [r["nik"] for r in list_records(office)] == [known.nik]  # once
    with Session(office) as session:
        gone = session.get(CanonicalRecord, uuid.UUID(answer["office_id"]))
    assert gone.state == TombstoneState.MERGED_INTO and str(gone.merged_into) == item[
        "office_id"]
    kept = show_record(office, known.nik)
    assert kept["record"]["phone"] == "+6285733334444"  # the correction's contact change
    pages = pull_all(office, wayan)
    [tombstone] = [t for page in pages for t in page.tombstones]
    assert (tombstone.office_id, str(tombstone.merged_into)) == (gone.id, item["office_id"])
    assert [r.record.nik for page in pages for r in page.records] == [known.nik]
    assert export_office(office, tmp_path / "office.xlsx")["records"] == 1
    receipt = verify_receipt(office, _receipt(office, sari, key, typo.enrollment_id,
                                              valid_record), today=TODAY)
    assert receipt["verdict"] == GENUINE
    assert receipt["office_record"]["office_id"] == item["office_id"]  # the one that stays


def test_different_people_keeps_both_records_and_refuses_the_correction(
        office, valid_record) -> None:
    sari, wayan = register(office, "Ni Ketut Sari"), register(office, "I Wayan Sudi")
    known = valid_record.with_changes(nik=build_nik("517104", OTHER_NIK_BIRTH, "P", 24))
    push(office, wayan, outgoing(known))
    typo = outgoing(valid_record)
    push(office, sari, typo)
    push(office, sari, outgoing(known, enrollment_id=typo.enrollment_id, revision=2, base=1))
    [item] = list_conflicts(office)
    settled = _resolve(office, item, same_person=False)
    assert sorted(r["nik"] for r in list_records(office)) == sorted([known.nik,
                                                                     valid_record.nik])
    assert settled["current"]["record"]["nik"] == valid_record.nik  # the laptop's own record


def test_conflicts_of_the_review_queue_carry_kind_both_versions_and_the_base(
        office, valid_record) -> None:
    sari = register(office, "Ni Ketut Sari")
    first = outgoing(valid_record)
    push(office, sari, first)
    push(office, sari, outgoing(valid_record.with_changes(birth_place="Badung"),
                                enrollment_id=first.enrollment_id, revision=2, base=1))
    [item] = list_conflicts(office)
    assert item["kind"] == "identity_conflict" and item["fields"] == ["birth_place"]
    assert (item["office_record"]["birth_place"], item["incoming_record"]["birth_place"],
            item["base_record"]["birth_place"]) == ("Denpasar", "Badung", "Denpasar")
    with Session(office) as session:
        assert len(session.exec(select(CanonicalRecord)).all()) == 1
