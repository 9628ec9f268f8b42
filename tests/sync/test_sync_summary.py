"""The summary of a sync run, over real HTTP: what it counts as received, which of the
laptop's own records it says the office changed or decided, the office's person for a
conflicting NIK, and one headline naming only what happened."""

import uuid
from datetime import date

from builders import build_nik

from desktop_app.domain.enrollment import Beneficiary
from desktop_app.domain.office_changes import OfficeAction
from desktop_app.domain.sync_messages import answer_from_json
from desktop_app.office.conflicts import list_conflicts, resolve_conflict
from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.store.officers import current_officer
from desktop_app.sync.run import sync_now

ON = date(2026, 5, 20)


def enroll(engine, record):
    return EnrollmentStore(engine).create(record, officer_id=current_officer(engine).id, on=ON)


def edit(engine, nik, **changes):
    stored = EnrollmentStore(engine).find_by_nik(nik)
    return EnrollmentStore(engine).update(
        stored.id, stored.record.with_changes(**changes),
        officer_id=current_officer(engine).id, expected_revision=stored.revision)


def people(valid_record, count: int):
    return [valid_record.with_changes(
        nik=build_nik("517104", date(1980 + n, 1, 2), "L", n + 1),
        full_name=f"I Made {name}", birth_date=None, sex=None)
        for n, name in enumerate(("Arta", "Budi", "Candra")[:count])]


def test_the_laptops_own_records_coming_back_are_not_counted_as_received(
        make_laptop, valid_record) -> None:
    sari = make_laptop("sari")
    for record in people(valid_record, 3):
        enroll(sari, record)
    summary = sync_now(sari)
    assert (summary.accepted, summary.pulled) == (3, 0)  # the pull brought the same three back
    assert summary.headline.id == "Sinkron: 3 data terkirim ke kantor (3 diterima)."
    assert not summary.needs_officer


def test_a_sync_with_nothing_to_do_says_so_in_one_line(make_laptop, valid_record) -> None:
    sari = make_laptop("sari")
    enroll(sari, valid_record)
    sync_now(sari)
    summary = sync_now(sari)
    assert summary.headline.id == "Sinkron: tidak ada perubahan."
    assert summary.headline.en == "Sync: nothing changed."
    assert not summary.needs_officer


def test_records_new_from_the_office_are_counted_and_not_called_yours(
        make_laptop, valid_record) -> None:
    sari, wayan = make_laptop("sari"), make_laptop("wayan")
    for record in people(valid_record, 2):
        enroll(wayan, record)
    sync_now(wayan)
    summary = sync_now(sari)
    assert (summary.sent, summary.pulled, summary.office_changes) == (0, 2, ())
    assert summary.headline.id == "Sinkron: 2 data baru atau berubah dari kantor."
    edit(wayan, people(valid_record, 1)[0].nik, phone="+6285733334444")
    sync_now(wayan)
    later = sync_now(sari)  # wayan's record changed: news for sari, but not sari's record
    assert (later.pulled, later.office_changes) == (1, ())


def test_the_officer_is_told_when_the_office_changes_their_record(
        make_laptop, valid_record) -> None:
    sari, wayan = make_laptop("sari"), make_laptop("wayan")
    enroll(sari, valid_record)
    sync_now(sari)
    sync_now(wayan)
    edit(wayan, valid_record.nik, phone="+6285733334444")
    sync_now(wayan)
    summary = sync_now(sari)
    [change] = summary.office_changes
    assert (change.nik, change.full_name, change.action) == (
        valid_record.nik, valid_record.full_name, OfficeAction.CHANGED)
    assert [(c.field, c.before.id, c.after.id) for c in change.changes] == [
        ("phone", "+6281234567890", "+6285733334444")]
    assert summary.needs_officer and summary.pulled == 1
    assert summary.headline.id == ("Sinkron: 1 data baru atau berubah dari kantor; "
                                   "1 data Anda diubah atau diputuskan kantor.")
    assert sync_now(sari).office_changes == ()  # told once


def test_the_officer_is_told_when_a_merge_brings_the_offices_values(
        make_laptop, valid_record) -> None:
    sari, wayan = make_laptop("sari"), make_laptop("wayan")
    enroll(sari, valid_record.with_changes(
        beneficiary=Beneficiary("I Putu Darma", "anak", "+6281311112222")))
    sync_now(sari)
    enroll(wayan, valid_record)  # the same person, without the beneficiary
    summary = sync_now(wayan)
    [change] = summary.office_changes
    assert summary.merged == 1 and change.action is OfficeAction.MERGED
    assert [c.field for c in change.changes] == [
        "beneficiary.name", "beneficiary.relationship", "beneficiary.phone"]
    assert change.changes[1].after.id == "Anak"  # the label, not the code


def test_a_conflict_tells_the_name_and_birth_date_the_office_holds(
        make_laptop, valid_record) -> None:
    sari, wayan = make_laptop("sari"), make_laptop("wayan")
    enroll(sari, valid_record.with_changes(full_name="Ni Luh Ayu"))
    sync_now(sari)
    enroll(wayan, valid_record)
    [problem] = sync_now(wayan).problems
    assert problem["outcome"] == "conflict" and problem["conflicting"] == ["full_name"]
    assert (problem["full_name"], problem["office_full_name"]) == (
        valid_record.full_name, "Ni Luh Ayu")
    assert problem["office_birth_date"] == problem["birth_date"] == "1985-08-17"


def test_an_answer_from_an_older_office_without_the_offices_record_still_reads() -> None:
    answer = answer_from_json({"enrollment_id": str(uuid.uuid4()), "revision": 1,
                               "outcome": "conflict", "conflicting": ["full_name"]})
    assert answer.record is None and answer.conflicting == ("full_name",)


def test_the_officer_is_told_the_office_decided_their_conflict(
        make_laptop, live_office, valid_record) -> None:
    sari, wayan = make_laptop("sari"), make_laptop("wayan")
    enroll(sari, valid_record)
    sync_now(sari)
    enroll(wayan, valid_record.with_changes(full_name="Ni Made Sari Dewi Lestari"))
    sync_now(wayan)
    [waiting] = list_conflicts(live_office.engine)
    resolve_conflict(live_office.engine, uuid.UUID(waiting["conflict_id"]), keep="office",
                     fields={}, resolved_by="Made Supervisor", today=date.today())
    summary = sync_now(wayan)
    [change] = summary.office_changes
    assert (change.action, change.decided_by, change.full_name) == (
        OfficeAction.SETTLED, "Made Supervisor", valid_record.full_name)
    assert [(c.field, c.before.id, c.after.id) for c in change.changes] == [
        ("full_name", "Ni Made Sari Dewi Lestari", valid_record.full_name)]
    assert summary.pulled == 0 and summary.needs_officer  # the record was wayan's already
    assert sync_now(wayan).office_changes == ()


def test_a_record_the_office_failed_on_is_counted_as_sent_again_later() -> None:
    from desktop_app.store.sync_records import SyncCounts
    from desktop_app.sync.summary import SyncSummary

    summary = SyncSummary.of(SyncCounts(accepted=4, error=1, problems=[
        {"outcome": "error", "incident": "7f3a"}]))
    assert summary.sent == 5 and summary.needs_officer
    assert summary.headline.en == ("Sync: 5 sent to the office (4 accepted, 1 failed at the "
                                   "office, sent again later).")
