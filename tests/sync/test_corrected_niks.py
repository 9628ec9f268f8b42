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
from desktop_app.office.record_lookup import show_record
from desktop_app.store import models
from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.store.officers import current_officer
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


def test_a_nik_correction_of_a_record_merged_meanwhile_follows_it_to_the_record_that_stays(
        make_laptop, live_office, valid_record) -> None:
    """Before, deciding it was refused for ever: its record had become a tombstone."""
    sari, made, wayan = make_laptop("sari"), make_laptop("made"), make_laptop("wayan")
    b_record = valid_record.with_changes(nik=build_nik("517104", date(1970, 2, 1), "L", 3),
                                         birth_date=None, sex=None)
    right_nik = build_nik("517104", date(1985, 8, 17), "P", 24)
    enroll(sari, valid_record)
    enroll(made, b_record)
    for laptop in (made, sari, wayan):  # made has not seen sari's record yet
        sync_now(laptop)
    correct_nik(wayan, b_record.nik, right_nik)  # wayan: B's NIK is really right_nik
    assert sync_now(wayan).conflict == 1
    correct_nik(made, b_record.nik, valid_record.nik)  # made: B is sari's person
    assert sync_now(made).conflict == 1
    office = live_office.engine
    [same] = [i for i in review.list_conflicts(office) if i["kind"] == ReviewKind.SAME_PERSON]
    review.resolve_conflict(office, uuid.UUID(same["conflict_id"]), keep="office", fields={},
                            resolved_by="Supervisor", today=TODAY, same_person=True)
    [left] = review.list_conflicts(office)

    with pytest.raises(review.ResolutionRefused, match="merged into"):
        review.resolve_conflict(office, uuid.UUID(left["conflict_id"]), keep="incoming",
                                fields={}, resolved_by="Supervisor", today=TODAY)

    [followed] = review.list_conflicts(office)
    assert followed["nik"] == valid_record.nik  # now about the record that stays
    decide_every_item(office)
    assert show_record(office, right_nik)["state"] == "live"
    for laptop in (sari, made, wayan, sari, made, wayan):
        sync_now(laptop)
    for laptop in (sari, made, wayan):
        assert sorted(live_niks(laptop)) == [right_nik]


def test_a_decision_giving_back_a_nik_the_laptop_enrolled_again_meanwhile_leaves_one_record(
        make_laptop, live_office, valid_record) -> None:
    """Wayan's NIK correction of B is decided "two people" (B keeps its NIK) after wayan has
    enrolled B's person again under that NIK: before, taking the decision failed the pull on
    the NIK's uniqueness at every sync."""
    wayan, a_nik, b_nik, new_nik = _two_corrections_onto_one_nik(make_laptop, live_office,
                                                                 valid_record)
    b_record = live_niks(wayan)[new_nik]
    again = enroll(wayan, valid_record.with_changes(
        nik=b_nik, full_name="I Made Oka", birth_date=None, sex=None))
    office = live_office.engine
    with pytest.raises(review.ResolutionRefused):
        decide_every_item(office)
    decide_every_item(office, same_person=False)

    sync_now(wayan)
    sync_now(wayan)

    mine = live_niks(wayan)
    assert sorted(mine) == sorted([b_nik, new_nik])
    assert str(mine[b_nik].office_id) == show_record(office, b_nik)["office_id"]
    assert mine[new_nik].full_name == valid_record.full_name  # sari's person, taken at last
    # one of wayan's two rows of B stays (the copy, whose correction was under review when
    # the record made again was merged); the other is its tombstone
    [folded] = [r for r in rows(wayan) if r.status in TOMBSTONES]
    assert {folded.id, mine[b_nik].id} == {again.id, b_record.id}
    assert folded.office_id == mine[b_nik].office_id
    assert waiting(wayan) == [] and a_nik not in mine


def test_a_decision_giving_back_a_nik_a_draft_holds_waits_for_the_draft(
        make_laptop, live_office, valid_record) -> None:
    """As above, but the record made again is still a draft when the decision arrives: the
    decided copy is settled and takes its NIK once the draft is sent and merged; before, the
    pull failed on the NIK's uniqueness at every sync."""
    wayan, _a_nik, b_nik, new_nik = _two_corrections_onto_one_nik(make_laptop, live_office,
                                                                  valid_record)
    draft = EnrollmentStore(wayan).create(
        valid_record.with_changes(nik=b_nik, full_name="I Made Oka", birth_date=None,
                                  sex=None, address=""),
        officer_id=current_officer(wayan).id, on=TODAY, allow_draft=True)
    office = live_office.engine
    with pytest.raises(review.ResolutionRefused):
        decide_every_item(office)
    decide_every_item(office, same_person=False)

    sync_now(wayan)  # the decision: B's NIK back, but wayan's draft holds it
    assert live_niks(wayan)[b_nik].id == draft.id
    assert len(waiting(wayan)) == 2  # B as decided, and sari's A under new_nik

    store = EnrollmentStore(wayan)
    stored = store.get(draft.id)
    store.update(draft.id, stored.record.with_changes(address="Jl. Wayan 3"),
                 officer_id=current_officer(wayan).id, expected_revision=stored.revision)
    sync_now(wayan)

    mine = live_niks(wayan)
    assert sorted(mine) == sorted([b_nik, new_nik])
    assert mine[b_nik].id == draft.id and mine[b_nik].address == "Jl. Wayan 3"
    assert mine[new_nik].full_name == valid_record.full_name
    assert waiting(wayan) == []
    assert show_record(office, b_nik)["record"]["address"] == "Jl. Wayan 3"


def test_a_copy_and_the_person_enrolled_again_under_its_corrected_nik_in_one_batch(
        make_laptop, live_office, valid_record) -> None:
    """Wayan edits his copy of sari's record, not knowing its NIK was corrected, and enrolls
    the person again under the corrected NIK; both go in one batch and the office merges
    both into its record: before, taking the first answer gave the copy the NIK the second
    record still held, and every sync failed on the NIK's uniqueness."""
    sari, wayan = make_laptop("sari"), make_laptop("wayan")
    new_nik = build_nik("517104", date(1985, 8, 17), "P", 24)
    enroll(sari, valid_record)
    sync_now(sari)
    sync_now(wayan)
    correct_nik(sari, valid_record.nik, new_nik)
    sync_now(sari)
    decide_every_item(live_office.engine)  # the office's record now holds new_nik
    store = EnrollmentStore(wayan)
    copy = store.find_by_nik(valid_record.nik)
    store.update(copy.id, copy.record.with_changes(phone="+6281377778888"),
                 officer_id=current_officer(wayan).id, expected_revision=copy.revision)
    again = enroll(wayan, valid_record.with_changes(nik=new_nik, birth_date=None, sex=None))

    assert sync_now(wayan).merged == 2
    sync_now(wayan)

    mine = live_niks(wayan)
    office = show_record(live_office.engine, new_nik)
    assert sorted(mine) == [new_nik]
    assert str(mine[new_nik].office_id) == office["office_id"]
    # the record made again came later in the batch: its phone is the office's now, and
    # wayan's edit is kept in the record's history (the merge table's contact rule)
    assert any("+6281377778888" in str(v["changes"].get("phone")) for v in office["history"])
    assert mine[new_nik].phone == office["record"]["phone"]
    [folded] = [r for r in rows(wayan) if r.status in TOMBSTONES]
    assert {folded.id, mine[new_nik].id} == {copy.id, again.id}
    assert waiting(wayan) == []


def test_two_niks_swapped_at_the_office_are_swapped_on_a_laptop_that_pulls_both_at_once(
        make_laptop, live_office, valid_record) -> None:
    """Sari typed a husband's and a wife's NIKs the wrong way round and corrected both, by way
    of a third NIK; wayan pulls both corrections at once. Each copy's new NIK is held by the
    other copy, so neither could go first: before, both waited for ever under the wrong NIK."""
    sari, wayan = make_laptop("sari"), make_laptop("wayan")
    wife_nik, husband_nik = valid_record.nik, build_nik("517104", date(1983, 5, 6), "L", 9)
    spare_nik = build_nik("517104", date(1985, 8, 17), "P", 24)
    enroll(sari, valid_record)
    enroll(sari, valid_record.with_changes(nik=husband_nik, full_name="I Made Oka",
                                           birth_date=None, sex=None))
    sync_now(sari)
    sync_now(wayan)
    for nik, new_nik in ((wife_nik, spare_nik), (husband_nik, wife_nik),
                         (spare_nik, husband_nik)):
        correct_nik(sari, nik, new_nik)
        sync_now(sari)
        decide_every_item(live_office.engine)

    sync_now(wayan)

    mine = live_niks(wayan)
    assert sorted(mine) == sorted([wife_nik, husband_nik])
    assert mine[husband_nik].full_name == valid_record.full_name  # the swap, undone
    assert mine[wife_nik].full_name == "I Made Oka"
    assert waiting(wayan) == []
    history = EnrollmentStore(wayan).history(mine[husband_nik].id)
    assert history[-1]["changes"]["nik"] == [wife_nik, husband_nik]  # no stand-in NIK


def test_a_decided_item_whose_record_was_merged_since_tells_the_record_that_stays(
        make_laptop, live_office, valid_record) -> None:
    """Wayan's identity conflict on B is decided, then B is found to be A's person and merged
    into A before wayan pulls the decision: the decision must point wayan's record at A, the
    record that stays. Before, it pointed at B's tombstone, and wayan's record stayed live
    under B's old NIK for ever, a person the office no longer has."""
    sari, made, wayan = make_laptop("sari"), make_laptop("made"), make_laptop("wayan")
    b_record = valid_record.with_changes(nik=build_nik("517104", date(1970, 2, 1), "L", 3),
                                         full_name="I Made Oka", birth_date=None, sex=None)
    enroll(sari, valid_record)
    enroll(made, b_record)
    for laptop in (made, sari, wayan):  # made has not seen sari's record yet
        sync_now(laptop)
    store = EnrollmentStore(wayan)
    copy = store.find_by_nik(b_record.nik)
    store.update(copy.id, copy.record.with_changes(full_name="I Made Okayana"),
                 officer_id=current_officer(wayan).id, expected_revision=copy.revision)
    assert sync_now(wayan).conflict == 1
    office = live_office.engine
    decide_every_item(office)
    correct_nik(made, b_record.nik, valid_record.nik)  # made: B is sari's person
    sync_now(made)
    decide_every_item(office, same_person=True)

    [told] = [i for i in review.list_conflicts(office, status=None)
              if i["kind"] == ReviewKind.IDENTITY_CONFLICT]
    stays = show_record(office, valid_record.nik)
    assert told["current"]["office_id"] == stays["office_id"]
    sync_now(wayan)
    sync_now(wayan)
    assert sorted(live_niks(wayan)) == [valid_record.nik]
