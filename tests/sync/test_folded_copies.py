"""A laptop's own record merged at the office into a record it already has a copy of keeps
one copy (the model test's finding on issue 14): before, the old copy stayed under the NIK
the office's record had been corrected away from, so the laptop showed the person twice and
never took the record of the person that NIK really belongs to."""

import uuid
from datetime import date

from builders import build_nik
from sqlmodel import Session, select

from desktop_app.domain.enrollment import TOMBSTONES, EnrollmentStatus
from desktop_app.office import conflicts as review
from desktop_app.office.records import show_record
from desktop_app.store import models
from desktop_app.store.device import current_officer
from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.store.receipts import record_prints
from desktop_app.sync.run import sync_now

TODAY = date.today()


def enroll(engine, record):
    return EnrollmentStore(engine).create(record, officer_id=current_officer(engine).id,
                                          on=TODAY)


def correct_nik(engine, nik, new_nik):
    store = EnrollmentStore(engine)
    stored = store.find_by_nik(nik)
    store.update(stored.id, stored.record.with_changes(nik=new_nik, birth_date=None, sex=None),
                 officer_id=current_officer(engine).id, expected_revision=stored.revision)


def rows(engine) -> list[models.Enrollment]:
    with Session(engine) as session:
        return list(session.exec(select(models.Enrollment)))


def decide_every_item(office) -> None:
    for item in review.list_conflicts(office):
        review.resolve_conflict(office, uuid.UUID(item["conflict_id"]), keep="incoming", fields={},
                                resolved_by="Supervisor", today=TODAY)


def test_a_copy_and_the_laptops_own_record_of_one_office_record_fold_into_one(
        make_laptop, live_office, valid_record) -> None:
    sari, wayan, made = make_laptop("sari"), make_laptop("wayan"), make_laptop("made")
    wrong_nik = valid_record.nik
    right_nik = build_nik("517104", date(1985, 8, 17), "P", 24)
    enroll(sari, valid_record)
    sync_now(sari)
    sync_now(wayan)  # wayan's copy of the office's record, under the NIK sari typed
    correct_nik(sari, wrong_nik, right_nik)
    sync_now(sari)
    decide_every_item(live_office.engine)  # the office's record now holds the right NIK
    # wayan, offline, enrolls the person again under the right NIK, and prints a receipt
    own = enroll(wayan, valid_record.with_changes(nik=right_nik, address="Jl. Wayan 1"))
    record_prints(wayan, [own.id], officer_id=current_officer(wayan).id, today=TODAY)
    # the NIK sari first typed really belongs to someone else, enrolled by made
    someone_else = valid_record.with_changes(full_name="Ni Luh Ayu", address="Jl. Made 2")
    enroll(made, someone_else)
    sync_now(made)

    summary = sync_now(wayan)  # wayan's record is merged into the office's, then the pull

    assert summary.merged == 1
    live = {r.nik: r for r in rows(wayan) if r.status not in TOMBSTONES}
    assert sorted(live) == sorted([wrong_nik, right_nik])
    assert live[right_nik].id == own.id  # the record with wayan's receipt stays
    assert str(live[right_nik].office_id) == show_record(live_office.engine, right_nik)["office_id"]
    assert live[wrong_nik].full_name == "Ni Luh Ayu"  # made's person, taken at last
    [folded] = [r for r in rows(wayan) if r.status in TOMBSTONES]
    assert folded.status == EnrollmentStatus.MERGED
    assert folded.office_id == live[right_nik].office_id and folded.nik == wrong_nik
    history = EnrollmentStore(wayan).history(folded.id)
    assert history[-1]["changes"]["status"] == ["synced", "merged"]
    assert sync_now(wayan).pulled == 0  # settled: nothing more to take
