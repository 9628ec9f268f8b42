"""Printed receipts in the laptop's database: numbers, copies, new originals, the history."""

from datetime import date

import pytest
from sqlmodel import Session, func, select

from desktop_app.domain.receipt_number import normalise_receipt_number
from desktop_app.store.models import Receipt
from desktop_app.store.receipts import (
    NotPrintable,
    PrintsChanged,
    record_prints,
    visit_enrollment_ids,
)
from desktop_app.store.visits import start_visit

DAY = date(2026, 11, 30)


def record_print(engine, enrollment_id, *, officer_id, today):
    return record_prints(engine, [enrollment_id], officer_id=officer_id, today=today)[0]


def test_a_first_print_is_an_original_and_the_next_one_a_copy(engine, officer, store,
                                                             valid_record) -> None:
    stored = store.create(valid_record, officer_id=officer.id, on=DAY)
    first = record_print(engine, stored.id, officer_id=officer.id, today=DAY)
    again = record_print(engine, stored.id, officer_id=officer.id, today=date(2026, 12, 2))
    assert first.copy_number == 0 and again.copy_number == 1
    assert again.number == first.number == normalise_receipt_number(first.number)
    assert again.first_printed_at == first.printed_at
    history = store.history(stored.id)
    assert [h["action"] for h in history] == ["created", "printed", "printed"]
    assert history[-1]["changes"] == {"receipt": [None, first.number], "copy": [None, 1]}


def test_numbers_follow_each_other_and_an_edit_gets_a_new_original(engine, officer, store,
                                                                  valid_record,
                                                                  make_nik) -> None:
    one = store.create(valid_record, officer_id=officer.id, on=DAY)
    two = store.create(valid_record.with_changes(nik=make_nik("517104", date(1990, 1, 2), "L",
                                                              5), full_name="I Made Oka",
                                                 birth_date=None, sex=None),
                       officer_id=officer.id, on=DAY)
    numbers = [record_print(engine, s.id, officer_id=officer.id, today=DAY).number
               for s in (one, two)]
    assert [n.split("-")[3] for n in numbers] == ["0001", "0002"]
    edited = store.update(one.id, one.record.with_changes(phone="081999888777"),
                          officer_id=officer.id, expected_revision=one.revision)
    after_edit = record_print(engine, edited.id, officer_id=officer.id, today=DAY)
    assert after_edit.copy_number == 0 and after_edit.number.split("-")[3] == "0003"
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(Receipt)).one() == 3


def test_a_draft_has_no_receipt_and_nothing_is_recorded(engine, officer, store,
                                                        valid_record) -> None:
    draft = store.create(valid_record.with_changes(consent=valid_record.consent.__class__()),
                         officer_id=officer.id, on=DAY, allow_draft=True)
    with pytest.raises(NotPrintable, match="draft"):
        record_print(engine, draft.id, officer_id=officer.id, today=DAY)
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(Receipt)).one() == 0
    assert [h["action"] for h in store.history(draft.id)] == ["created"]


def test_a_visit_prints_its_ready_records_in_enrollment_order(engine, officer, store,
                                                              valid_record, make_nik) -> None:
    visit = start_visit(engine, desa_code="5171041004", banjar="Banjar Kaja", visit_date=DAY,
                        officer_id=officer.id)
    first = store.create(valid_record, officer_id=officer.id, on=DAY, visit_id=visit.id)
    second = store.create(valid_record.with_changes(
        nik=make_nik("517104", date(1991, 3, 4), "L", 9), full_name="I Ketut Arsa",
        birth_date=None, sex=None), officer_id=officer.id, on=DAY, visit_id=visit.id)
    store.create(valid_record.with_changes(
        nik=make_nik("517104", date(1992, 5, 6), "L", 3), full_name="I Nyoman Draf",
        birth_date=None, sex=None, consent=valid_record.consent.__class__()),
        officer_id=officer.id, on=DAY, visit_id=visit.id, allow_draft=True)
    assert visit_enrollment_ids(engine, visit.id) == [first.id, second.id]
    printed = record_print(engine, first.id, officer_id=officer.id, today=date(2026, 12, 5))
    assert printed.enrolled_on == DAY  # the visit's day, whatever day it is printed


def test_a_plan_writes_nothing_and_a_stale_plan_records_nothing(engine, officer, store,
                                                                valid_record) -> None:
    stored = store.create(valid_record, officer_id=officer.id, on=DAY)
    [plan] = record_prints(engine, [stored.id], officer_id=officer.id, today=DAY, keep=False)
    assert plan.copy_number == 0 and [h["action"] for h in store.history(stored.id)] == [
        "created"]
    record_print(engine, stored.id, officer_id=officer.id, today=DAY)  # printed meanwhile
    with pytest.raises(PrintsChanged):
        record_prints(engine, [stored.id], officer_id=officer.id, today=DAY,
                      expect=[(plan.number, plan.copy_number)])
    assert [h["action"] for h in store.history(stored.id)] == ["created", "printed"]


def test_one_batch_numbers_its_originals_in_order(engine, officer, store, valid_record,
                                                   make_nik) -> None:
    ids = [store.create(valid_record.with_changes(
        nik=make_nik("517104", date(1980 + n, 1, 2), "L", 5), full_name=f"I Made Oka {'I' * n}",
        birth_date=None, sex=None), officer_id=officer.id, on=DAY).id for n in range(1, 4)]
    prints = record_prints(engine, [*ids, ids[0]], officer_id=officer.id, today=DAY)
    assert [(p.number.split("-")[3], p.copy_number) for p in prints] == [
        ("0001", 0), ("0002", 0), ("0003", 0), ("0001", 1)]


def test_running_numbers_go_on_past_a_restored_older_backup(tmp_path, valid_record,
                                                            make_nik) -> None:
    """Receipts printed after the backup was taken are on paper: restoring that backup must
    not give their numbers again (the running number was counted from the database alone)."""
    from datetime import datetime

    from desktop_app.store.backups import restore_backup, take_backup
    from desktop_app.store.database import DATABASE_FILE, open_database
    from desktop_app.store.enrollments import EnrollmentStore
    from desktop_app.store.officers import sign_in_officer

    engine = open_database(tmp_path)
    officer = sign_in_officer(engine, name="Ni Ketut Sari", officer_code="DSN-002", pin="1234")
    store = EnrollmentStore(engine)
    people = [store.create(valid_record.with_changes(
        nik=make_nik("517104", date(1980 + n, 1, 2), "L", 5), full_name=f"I Made {'ABC'[n]}",
        birth_date=None, sex=None), officer_id=officer.id, on=DAY) for n in range(3)]
    first = record_print(engine, people[0].id, officer_id=officer.id, today=DAY)
    backup = take_backup(tmp_path / DATABASE_FILE, today=DAY)
    given = [record_print(engine, p.id, officer_id=officer.id, today=DAY).number
             for p in people[1:]]
    engine.dispose()

    restore_backup(tmp_path / DATABASE_FILE, backup.path, now=datetime(2026, 12, 1, 9))
    engine = open_database(tmp_path)
    try:
        again = record_print(engine, people[1].id, officer_id=officer.id, today=DAY)
    finally:
        engine.dispose()

    running = [n.split("-")[3] for n in (first.number, *given, again.number)]
    assert running == ["0001", "0002", "0003", "0004"]
