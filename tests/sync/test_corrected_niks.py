"""Corrected NIKs meeting on a laptop, as the sync model test found them (issue 14).

- A laptop's own record merged at the office into a record it already has a copy of keeps
  one copy: before, the old copy stayed under the NIK the office's record had been corrected
  away from, so the laptop showed the person twice and never took the record of the person
  that NIK really belongs to.
- A pulled record whose NIK the laptop's own NIK correction (still under review) holds waits
  and is taken once the review frees the NIK: before, the pull failed on the NIK's
  uniqueness at every sync, for ever.
- A NIK correction whose NIK another record took meanwhile becomes a same-person question:
  before, deciding it was refused for ever."""

import uuid
from datetime import date

import pytest
from builders import build_nik
from sqlmodel import Session, select

from desktop_app.domain.enrollment import TOMBSTONES, EnrollmentStatus
from desktop_app.domain.sync_messages import ReviewKind
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


def decide_every_item(office, **choice) -> None:
    for item in review.list_conflicts(office):
        review.resolve_conflict(office, uuid.UUID(item["conflict_id"]), keep="incoming",
                                fields={}, resolved_by="Supervisor", today=TODAY, **choice)


def live_niks(engine) -> dict[str, models.Enrollment]:
    return {r.nik: r for r in rows(engine) if r.status not in TOMBSTONES}


def waiting(engine) -> list[models.WaitingPull]:
    with Session(engine) as session:
        return list(session.exec(select(models.WaitingPull)))


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


def _two_corrections_onto_one_nik(make_laptop, live_office, valid_record):
    """Sari's record A and made's record B at the office; wayan holds copies of both and
    corrects B's NIK onto N (under review); sari corrects A's NIK onto N too, and that is
    decided first: the office's A now holds N, which wayan's B copy still claims."""
    sari, made, wayan = make_laptop("sari"), make_laptop("made"), make_laptop("wayan")
    a_nik, new_nik = valid_record.nik, build_nik("517104", date(1985, 8, 17), "P", 24)
    b_record = valid_record.with_changes(nik=build_nik("517104", date(1970, 2, 1), "L", 3),
                                         full_name="I Made Oka", birth_date=None, sex=None)
    enroll(sari, valid_record)
    enroll(made, b_record)
    sync_now(sari)
    sync_now(made)
    sync_now(wayan)
    correct_nik(wayan, b_record.nik, new_nik)
    assert sync_now(wayan).conflict == 1
    correct_nik(sari, a_nik, new_nik)
    sync_now(sari)
    office = live_office.engine
    [a_item] = [i for i in review.list_conflicts(office) if i["nik"] == a_nik]
    review.resolve_conflict(office, uuid.UUID(a_item["conflict_id"]), keep="incoming",
                            fields={}, resolved_by="Supervisor", today=TODAY)
    return wayan, a_nik, b_record.nik, new_nik


def test_a_pulled_nik_held_by_a_correction_under_review_waits_then_two_people_settle_it(
        make_laptop, live_office, valid_record) -> None:
    wayan, a_nik, b_nik, new_nik = _two_corrections_onto_one_nik(make_laptop, live_office,
                                                                 valid_record)
    sync_now(wayan)  # the office's A (now under N) cannot be taken while wayan's B claims N
    assert sorted(live_niks(wayan)) == sorted([a_nik, new_nik])
    assert live_niks(wayan)[new_nik].full_name == "I Made Oka"
    assert [w.revision for w in waiting(wayan)] == [2]

    office = live_office.engine
    [b_item] = review.list_conflicts(office)
    with pytest.raises(review.ResolutionRefused, match="same person under two records"):
        review.resolve_conflict(office, uuid.UUID(b_item["conflict_id"]), keep="incoming",
                                fields={}, resolved_by="Supervisor", today=TODAY)
    [asked] = review.list_conflicts(office)
    assert asked["kind"] == ReviewKind.SAME_PERSON and asked["nik"] == new_nik
    decide_every_item(office, same_person=False)  # two people: B keeps its NIK

    sync_now(wayan)
    mine = live_niks(wayan)
    assert sorted(mine) == sorted([b_nik, new_nik])
    assert (mine[new_nik].full_name, mine[b_nik].full_name) == (valid_record.full_name,
                                                               "I Made Oka")
    assert mine[b_nik].status == EnrollmentStatus.SYNCED and waiting(wayan) == []
    assert sync_now(wayan).pulled == 0


def test_a_pulled_nik_held_by_a_correction_under_review_waits_then_one_person_settles_it(
        make_laptop, live_office, valid_record) -> None:
    wayan, _a_nik, b_nik, new_nik = _two_corrections_onto_one_nik(make_laptop, live_office,
                                                                  valid_record)
    sync_now(wayan)
    office = live_office.engine
    with pytest.raises(review.ResolutionRefused):
        decide_every_item(office)
    decide_every_item(office, same_person=True)  # B is the person of A: B becomes a tombstone

    sync_now(wayan)
    mine = live_niks(wayan)
    assert sorted(mine) == [new_nik]
    assert str(mine[new_nik].office_id) == show_record(office, new_nik)["office_id"]
    assert [r.nik for r in rows(wayan) if r.status in TOMBSTONES] == [new_nik]
    assert waiting(wayan) == []
    assert b_nik not in mine
