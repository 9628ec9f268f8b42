"""Pulled pages and office answers in the laptop's database: unsent work is rebased, never
replaced; clashes are kept for the officer; nothing moves backwards; tombstones redirect the
laptop's copy."""

import uuid
from datetime import date

import pytest
from builders import build_nik
from sqlmodel import Session

from desktop_app.domain.enrollment import EnrollmentStatus
from desktop_app.domain.merge import MergeOutcome
from desktop_app.domain.nik import Sex
from desktop_app.domain.sync_messages import (
    PulledRecord,
    PullPage,
    RecordAnswer,
    Tombstone,
    TombstoneState,
)
from desktop_app.store import models
from desktop_app.store.pulled_records import apply_pulled
from desktop_app.store.registration import registration
from desktop_app.store.search import EnrollmentQuery, count_enrollments, search_enrollments
from desktop_app.store.sync_records import apply_answers, pending_records

ON = date(2026, 5, 20)
OFFICE_ID = uuid.uuid4()


def synced(store, officer, record):
    """A record the office accepted as revision 1 of OFFICE_ID."""
    stored = store.create(record, officer_id=officer.id, on=ON)
    apply_answers(store.engine, [RecordAnswer(stored.id, 1, MergeOutcome.ACCEPTED,
                                              office_id=OFFICE_ID, office_revision=1)],
                  officer.id)
    return store.get(stored.id)


def page(*records, cursor=10):
    return PullPage(cursor=cursor, more=False, records=tuple(records))


def pulled(record, revision, office_id=OFFICE_ID):
    return PulledRecord(office_id, revision, revision, record, yours=True, enrolled_on=ON)


def row_of(engine, enrollment_id) -> models.Enrollment:
    with Session(engine) as session:
        return session.get(models.Enrollment, enrollment_id)


def test_a_synced_record_takes_the_office_revision(store, officer, valid_record) -> None:
    mine = synced(store, officer, valid_record)
    apply_pulled(store.engine, page(pulled(valid_record.with_changes(phone="+6281300001111"),
                                           2)), officer.id)
    now = store.get(mine.id)
    assert now.record.phone == "+6281300001111" and now.status is EnrollmentStatus.SYNCED


@pytest.mark.parametrize("kept_as", ["draft", "ready", "rejected"])
def test_a_pull_never_overwrites_unsent_work_it_rebases_it(store, officer, valid_record,
                                                          engine, kept_as) -> None:
    mine = synced(store, officer, valid_record)
    # the officer re-opens it: a new address, and (for a draft) the occupation cleared
    edited = valid_record.with_changes(address="Jl. Nangka 9",
                                       occupation="" if kept_as == "draft" else "pedagang")
    again = store.update(mine.id, edited, officer_id=officer.id, expected_revision=1,
                         allow_draft=True)
    if kept_as == "rejected":
        apply_answers(engine, [RecordAnswer(mine.id, again.revision, MergeOutcome.REJECTED)],
                      officer.id)
    status = store.get(mine.id).status
    assert str(status) == kept_as
    office = valid_record.with_changes(phone="+6281300001111")  # another laptop's change
    apply_pulled(engine, page(pulled(office, 2)), officer.id)
    now = store.get(mine.id)
    assert now.status == status  # still the officer's, never "synced"
    assert now.record.address == "Jl. Nangka 9"  # the unsent change stays
    assert now.record.phone == "+6281300001111"  # the office's change is under it
    assert now.record.occupation == edited.occupation
    assert now.clash == ()
    row = row_of(engine, mine.id)
    assert row.office_revision == 2 and row.synced_revision < row.revision
    if kept_as == "ready":  # it goes next, based on the office's revision 2
        [outgoing], _ = pending_records(engine, after_rowid=0, limit=10)
        assert outgoing.base_revision == 2 and outgoing.record.phone == "+6281300001111"
    history = [h["action"] for h in store.history(mine.id)]
    assert history[-2:] == ["from office", "rebased on office"]


def test_a_clash_on_a_contact_field_keeps_the_laptops_value_and_tells_both(
        store, officer, valid_record, engine) -> None:
    mine = synced(store, officer, valid_record)
    store.update(mine.id, valid_record.with_changes(phone="+6281211112222"),
                 officer_id=officer.id, expected_revision=1)
    apply_pulled(engine, page(pulled(valid_record.with_changes(phone="+6281300001111"), 2)),
                 officer.id)
    now = store.get(mine.id)
    assert now.record.phone == "+6281211112222"
    [clash] = now.clash
    assert clash["field"] == "phone" and not clash["holds"]
    assert "1211112222" in clash["laptop"]["id"].replace(" ", "")
    assert "1300001111" in clash["office"]["id"].replace(" ", "")
    assert len(pending_records(engine, after_rowid=0, limit=10)[0]) == 1  # still goes


def test_a_clash_on_a_money_field_holds_the_record_until_its_officer_saves_it(
        store, officer, valid_record, engine) -> None:
    mine = synced(store, officer, valid_record)
    store.update(mine.id, valid_record.with_changes(payment_months=6),
                 officer_id=officer.id, expected_revision=1)
    apply_pulled(engine, page(pulled(valid_record.with_changes(payment_months=12), 2)),
                 officer.id)
    now = store.get(mine.id)
    assert now.record.payment_months == 6 and now.clash[0]["holds"]
    assert now.clash[0]["field"] == "payment_months"
    assert pending_records(engine, after_rowid=0, limit=10)[0] == []  # not sent over 12
    saved = store.update(mine.id, now.record, officer_id=officer.id,
                         expected_revision=now.revision)  # seen and kept: the decision
    assert saved.clash == ()
    [outgoing], _ = pending_records(engine, after_rowid=0, limit=10)
    assert outgoing.record.payment_months == 6 and outgoing.base_revision == 2


def test_a_merged_answer_for_a_record_edited_while_it_travelled_keeps_both_changes(
        store, officer, valid_record, engine) -> None:
    """Defect 2: the answer's record (another laptop's occupation merged in) goes under
    the edit made meanwhile; the next push does not revert the other laptop's change."""
    mine = synced(store, officer, valid_record)
    sent = store.update(mine.id, valid_record.with_changes(phone="+6281211112222"),
                        officer_id=officer.id, expected_revision=1)
    [travelling], _ = pending_records(engine, after_rowid=0, limit=10)
    store.update(mine.id, sent.record.with_changes(address="Jl. Nangka 9"),
                 officer_id=officer.id, expected_revision=sent.revision)  # meanwhile
    merged = travelling.record.with_changes(occupation="nelayan")
    apply_answers(engine, [RecordAnswer(mine.id, travelling.revision, MergeOutcome.MERGED,
                                        office_id=OFFICE_ID, office_revision=3,
                                        record=merged)], officer.id)
    [outgoing], _ = pending_records(engine, after_rowid=0, limit=10)
    assert outgoing.base_revision == 3
    assert (outgoing.record.occupation, outgoing.record.phone, outgoing.record.address) == (
        "nelayan", "+6281211112222", "Jl. Nangka 9")


def test_office_revisions_and_the_cursor_never_move_backwards(store, officer, valid_record,
                                                              engine) -> None:
    mine = synced(store, officer, valid_record)
    newer = valid_record.with_changes(phone="+6281300003333")
    apply_pulled(engine, page(pulled(newer, 3), cursor=30), officer.id)
    # a page read earlier arrives late, then an old reply file is imported again
    apply_pulled(engine, page(pulled(valid_record.with_changes(phone="+6281300001111"), 2),
                              cursor=20), officer.id)
    apply_answers(engine, [RecordAnswer(mine.id, 1, MergeOutcome.ACCEPTED,
                                        office_id=OFFICE_ID, office_revision=1)], officer.id)
    row = row_of(engine, mine.id)
    assert row.office_revision == 3 and store.get(mine.id).record.phone == "+6281300003333"
    assert row.status == EnrollmentStatus.SYNCED
    assert registration(engine).pull_cursor == 30


def test_a_nik_corrected_and_reused_on_one_page_keeps_both_people(store, officer,
                                                                 valid_record,
                                                                 engine) -> None:
    mine = synced(store, officer, valid_record)
    corrected = valid_record.with_changes(nik=build_nik("517104", valid_record.birth_date,
                                                        Sex.FEMALE, 24))
    newcomer = valid_record.with_changes(full_name="Ni Luh Ayu")  # now on the freed NIK
    newcomer_id = uuid.uuid4()
    apply_pulled(engine, page(pulled(corrected, 2), pulled(newcomer, 1, newcomer_id)),
                 officer.id)
    assert store.get(mine.id).record.nik == corrected.nik
    arrived = store.find_by_nik(valid_record.nik)
    assert arrived is not None and arrived.id == newcomer_id
    assert arrived.record.full_name == "Ni Luh Ayu" and arrived.enrolled_on == ON


def tombstone_page(state, *, merged_into=None, nik="", cursor=20):
    return PullPage(cursor=cursor, more=False, tombstones=(
        Tombstone(OFFICE_ID, state, 3, cursor, nik, merged_into),))


def test_a_copy_merged_into_a_record_the_laptop_holds_becomes_a_tombstone_counted_once(
        store, officer, valid_record, engine) -> None:
    mine = synced(store, officer, valid_record)
    survivor_id = uuid.uuid4()
    other = valid_record.with_changes(nik=build_nik("517104", valid_record.birth_date,
                                                    Sex.FEMALE, 25))
    apply_pulled(engine, page(pulled(other, 1, survivor_id)), officer.id)
    assert count_enrollments(engine, EnrollmentQuery()) == 2
    apply_pulled(engine, tombstone_page(TombstoneState.MERGED_INTO, merged_into=survivor_id,
                                        nik=valid_record.nik), officer.id)
    gone = store.get(mine.id)  # never deleted: its history and receipts stay
    assert gone.status is EnrollmentStatus.MERGED
    assert gone.office_note["merged_into"] == str(survivor_id)
    assert count_enrollments(engine, EnrollmentQuery()) == 1
    assert [r.id for r in search_enrollments(engine, EnrollmentQuery())] == [survivor_id]
    assert pending_records(engine, after_rowid=0, limit=10)[0] == []
    # a later revision of the tombstoned record changes nothing
    apply_pulled(engine, page(pulled(valid_record.with_changes(phone="+6281300001111"), 4),
                              cursor=30), officer.id)
    assert store.get(mine.id).status is EnrollmentStatus.MERGED


def test_a_copy_merged_into_a_record_the_laptop_lacks_is_redirected_to_it(
        store, officer, valid_record, engine) -> None:
    mine = synced(store, officer, valid_record)
    survivor_id = uuid.uuid4()
    survivor = valid_record.with_changes(phone="+6281300009999")
    apply_pulled(engine, PullPage(cursor=20, more=False, tombstones=(
        Tombstone(OFFICE_ID, TombstoneState.MERGED_INTO, 3, 19, valid_record.nik,
                  survivor_id),), records=(pulled(survivor, 5, survivor_id),)), officer.id)
    now = store.get(mine.id)  # the same row: its receipts still point at it
    assert now.status is EnrollmentStatus.SYNCED and now.record.phone == "+6281300009999"
    assert row_of(engine, mine.id).office_id == survivor_id
    assert count_enrollments(engine, EnrollmentQuery()) == 1


def test_a_withdrawn_record_leaves_the_lists_but_stays_in_the_database(
        store, officer, valid_record, engine) -> None:
    mine = synced(store, officer, valid_record)
    apply_pulled(engine, tombstone_page(TombstoneState.WITHDRAWN), officer.id)
    assert store.get(mine.id).status is EnrollmentStatus.WITHDRAWN
    assert count_enrollments(engine, EnrollmentQuery()) == 0
    assert count_enrollments(engine, EnrollmentQuery(status=EnrollmentStatus.WITHDRAWN)) == 1


def test_a_record_the_office_failed_on_stays_pending_with_its_incident(
        store, officer, valid_record, engine) -> None:
    stored = store.create(valid_record, officer_id=officer.id, on=ON)
    counts = apply_answers(engine, [RecordAnswer(stored.id, 1, MergeOutcome.ERROR,
                                                 incident="7f3a")], officer.id)
    assert counts.error == 1 and counts.problems[0]["incident"] == "7f3a"
    assert store.get(stored.id).status is EnrollmentStatus.READY
    assert len(pending_records(engine, after_rowid=0, limit=5)[0]) == 1  # goes again
