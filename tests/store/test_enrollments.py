"""Saving enrollments: ready or draft, one per NIK, every change in history, nothing half-done."""

from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from desktop_app.domain.enrollment import Beneficiary, Consent, Enrollment, EnrollmentStatus
from desktop_app.domain.nik import Sex
from desktop_app.store import models
from desktop_app.store.device import device_id
from desktop_app.store.enrollments import (
    DuplicateNik,
    EnrollmentRefused,
    EnrollmentStore,
    StaleRevision,
)

ON = date(2026, 5, 20)


def _row_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {table: connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()
                for table in ("enrollment", "enrollment_history", "enrollment_search")}


def test_a_valid_record_is_stored_ready_with_its_normalised_values_and_consent_recorder(
        store: EnrollmentStore, officer, valid_record: Enrollment) -> None:
    typed = valid_record.with_changes(nik=" 5171-0457.0885-0023 ", phone="0812 3456 7890",
                                      banjar="br. kaja", birth_date=None, sex=None)
    stored = store.create(typed, officer_id=officer.id, on=ON)
    assert stored.status is EnrollmentStatus.READY
    assert stored.revision == 1
    assert stored.record.nik == "5171045708850023"
    assert stored.record.phone == "+6281234567890"
    assert stored.record.banjar == "Banjar Kaja"
    assert stored.record.birth_date == date(1985, 8, 17) and stored.record.sex is Sex.FEMALE
    assert stored.record.consent.recorded_by == str(officer.id)
    assert stored.record.consent.recorded_at is not None
    assert stored.record.consent.recorded_at.tzinfo is not None
    assert stored.officer_id == officer.id
    assert stored.device_id == device_id(store.engine)
    assert store.get(stored.id) == stored


def test_warnings_are_kept_with_the_record(store, officer, valid_record) -> None:
    typed = valid_record.with_changes(birth_date=date(1985, 8, 18))  # NIK says the 17th
    stored = store.create(typed, officer_id=officer.id, on=ON)
    assert stored.status is EnrollmentStatus.READY
    assert [(w.field, w.code) for w in stored.warnings] == [("birth_date", "nik_mismatch")]
    assert store.get(stored.id).warnings == stored.warnings


def test_a_record_with_errors_is_refused_and_leaves_nothing_behind(
        store, officer, valid_record, engine) -> None:
    before = _row_counts(engine)
    with pytest.raises(EnrollmentRefused) as refused:
        store.create(valid_record.with_changes(full_name="", consent=Consent(False)),
                     officer_id=officer.id, on=ON)
    assert {i.field for i in refused.value.issues} == {"full_name", "consent.given"}
    assert _row_counts(engine) == before


def test_an_incomplete_record_may_be_kept_as_a_draft_but_never_with_a_bad_nik(
        store, officer, valid_record, engine) -> None:
    draft = store.create(valid_record.with_changes(consent=Consent(False), monthly_income=None),
                         officer_id=officer.id, on=ON, allow_draft=True)
    assert draft.status is EnrollmentStatus.DRAFT
    assert draft.record.consent.recorded_at is None
    before = _row_counts(engine)
    with pytest.raises(EnrollmentRefused) as refused:
        store.create(valid_record.with_changes(nik="5171045708850000"), officer_id=officer.id,
                     on=ON, allow_draft=True)
    assert [i.field for i in refused.value.issues] == ["nik"]
    assert _row_counts(engine) == before


def test_a_nik_already_on_the_laptop_answers_with_the_existing_record(
        store, officer, valid_record, engine) -> None:
    first = store.create(valid_record, officer_id=officer.id, on=ON)
    before = _row_counts(engine)
    # even an incomplete second form for the same person points at the existing record
    with pytest.raises(DuplicateNik) as duplicate:
        store.create(Enrollment(nik="5171 0457 0885 0023"), officer_id=officer.id, on=ON)
    assert duplicate.value.existing.id == first.id
    assert _row_counts(engine) == before
    assert store.find_by_nik("5171045708850023").id == first.id


def test_an_edit_bumps_the_revision_and_the_history_keeps_old_and_new_values(
        store, officer, valid_record) -> None:
    stored = store.create(valid_record, officer_id=officer.id, on=ON)
    edited = store.update(stored.id, stored.record.with_changes(phone="0813 9999 0000",
                                                                 monthly_income=3_000_000),
                          officer_id=officer.id, expected_revision=1)
    assert edited.revision == 2
    assert edited.record.phone == "+6281399990000"
    assert edited.record.consent.recorded_at == stored.record.consent.recorded_at
    history = store.history(stored.id)
    assert [h["action"] for h in history] == ["created", "updated"]
    assert history[0]["changes"] == {}  # "created": the values are the row with edits undone
    assert history[0]["officer_id"] == str(officer.id)
    assert history[1]["changes"] == {"phone": ["+6281234567890", "+6281399990000"],
                                     "monthly_income": [2_500_000, 3_000_000]}
    assert history[1]["revision"] == 2


def test_saving_without_a_change_adds_no_revision(store, officer, valid_record) -> None:
    stored = store.create(valid_record, officer_id=officer.id, on=ON)
    again = store.update(stored.id, stored.record, officer_id=officer.id, expected_revision=1)
    assert again.revision == 1
    assert len(store.history(stored.id)) == 1


def test_an_edit_made_to_an_old_revision_is_refused(store, officer, valid_record) -> None:
    stored = store.create(valid_record, officer_id=officer.id, on=ON)
    store.update(stored.id, stored.record.with_changes(address="Jl. Baru 1"),
                 officer_id=officer.id, expected_revision=1)
    with pytest.raises(StaleRevision):
        store.update(stored.id, stored.record.with_changes(address="Jl. Lain 2"),
                     officer_id=officer.id, expected_revision=1)
    assert store.get(stored.id).record.address == "Jl. Baru 1"


def test_an_edit_cannot_move_a_record_onto_another_persons_nik(
        store, officer, valid_record) -> None:
    first = store.create(valid_record, officer_id=officer.id, on=ON)
    other = store.create(valid_record.with_changes(nik="5171045708850024"),
                         officer_id=officer.id, on=ON)
    with pytest.raises(DuplicateNik) as duplicate:
        store.update(other.id, other.record.with_changes(nik=first.record.nik),
                     officer_id=officer.id, expected_revision=1)
    assert duplicate.value.existing.id == first.id


def test_completing_a_draft_makes_it_ready_and_records_consent(
        store, officer, valid_record) -> None:
    draft = store.create(valid_record.with_changes(consent=Consent(False)),
                         officer_id=officer.id, on=ON, allow_draft=True)
    ready = store.update(draft.id, draft.record.with_changes(consent=Consent(True, "2026-01")),
                         officer_id=officer.id, expected_revision=1)
    assert ready.status is EnrollmentStatus.READY
    assert ready.record.consent.recorded_by == str(officer.id)
    assert store.history(draft.id)[1]["changes"]["status"] == ["draft", "ready"]


def test_bulk_add_reports_each_record_and_stores_the_valid_ones(
        store, officer, valid_record) -> None:
    existing = store.create(valid_record, officer_id=officer.id, on=ON)
    second = valid_record.with_changes(nik="5171045708850024")
    outcomes = store.add_many([
        second,
        valid_record.with_changes(full_name=""),  # refused
        valid_record,  # already on the laptop
        second.with_changes(full_name="Ni Made Sari"),  # same NIK earlier in this batch
    ], officer_id=officer.id, on=ON)
    assert outcomes[0].stored_id is not None
    assert [i.field for i in outcomes[1].refused] == ["full_name"]
    assert outcomes[2].duplicate_of == existing.id
    assert outcomes[3].duplicate_of == outcomes[0].stored_id  # the copy that was stored
    assert outcomes[3].stored_id is None and not outcomes[3].refused
    assert store.get(outcomes[0].stored_id).record.full_name == valid_record.full_name


def test_bulk_written_rows_read_back_through_the_orm_exactly(
        store, officer, valid_record, engine) -> None:
    """The bulk path writes SQLite values itself; the ORM must read them as it would its own."""
    record = valid_record.with_changes(
        kk_number="5171040101200001", beneficiary=Beneficiary("I Made Dewa", "suami",
                                                              "0812 1111 2222"),
        notes="Pemangku Pura Desa", sponsor_name="")
    [outcome] = store.add_many([record], officer_id=officer.id, on=ON)
    orm_copy = store.create(record.with_changes(nik="5171045708850025"),
                            officer_id=officer.id, on=ON)
    bulk = store.get(outcome.stored_id)
    assert bulk.record == orm_copy.record.with_changes(nik=record.nik, consent=bulk.record.consent)
    assert bulk.record.consent.recorded_at.tzinfo is not None
    with Session(engine) as session:
        row = session.get(models.Enrollment, outcome.stored_id)
        assert row.officer_id == officer.id and row.created_at.tzinfo is not None
    assert store.history(outcome.stored_id) == [{
        "revision": 1, "action": "created", "officer_id": str(officer.id),
        "device_id": str(bulk.device_id), "changed_at": bulk.created_at.isoformat(),
        "changes": {}}]


def test_a_failing_bulk_add_stores_nothing(store, valid_record, engine) -> None:
    import uuid

    from sqlalchemy.exc import IntegrityError

    before = _row_counts(engine)
    with pytest.raises(IntegrityError):  # no such officer: the foreign key stops the batch
        store.add_many([valid_record, valid_record.with_changes(nik="5171045708850024")],
                       officer_id=uuid.uuid4(), on=ON)
    assert _row_counts(engine) == before


def test_who_recorded_consent_and_when_comes_from_the_store_not_the_input(
        store, officer, valid_record) -> None:
    from datetime import UTC, datetime

    forged = Consent(True, "2026-01", "someone-else", datetime(2020, 1, 1, tzinfo=UTC))
    stored = store.create(valid_record.with_changes(consent=forged), officer_id=officer.id,
                          on=ON)
    assert stored.record.consent.recorded_by == str(officer.id)
    assert stored.record.consent.recorded_at.year == 2026
    [outcome] = store.add_many([valid_record.with_changes(
        nik="5171045708850024", consent=Consent(False, "", "someone-else", forged.recorded_at))],
        officer_id=officer.id, on=ON, allow_draft=True)
    draft = store.get(outcome.stored_id)
    assert (draft.record.consent.recorded_by, draft.record.consent.recorded_at) == ("", None)


def test_the_enrollment_day_is_stored_and_every_later_edit_is_checked_on_it(
        store, officer, valid_record) -> None:
    from desktop_app.store.sync_records import pending_records

    stored = store.create(valid_record, officer_id=officer.id, on=ON)  # first month May 2026
    assert stored.enrolled_on == ON
    edited = store.update(stored.id, stored.record.with_changes(phone="+6281300001111"),
                          officer_id=officer.id, expected_revision=1)
    assert edited.enrolled_on == ON
    # checked on today (months later) the first month would read as past; on its day it is not
    assert [w.code for w in edited.warnings if w.field == "first_month"] == []
    [outgoing], _ = pending_records(store.engine, after_rowid=0, limit=5)
    assert outgoing.enrolled_on == ON.isoformat() and outgoing.enrollment_day == ON
