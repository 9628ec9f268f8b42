"""The form's state and save decisions as plain Python: no widget, no qtbot (issue 15, item 6).

``raw`` dictionaries stand for what the widget reads from its editors.
"""

import subprocess
import sys
from datetime import date

import pytest

from desktop_app.domain.enrollment import Sex
from desktop_app.domain.messages import FieldIssue, Severity, Text
from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.store.form_drafts import FormDraftFile
from desktop_app.store.visits import VisitInfo
from desktop_app.ui.form_session import (
    FormContext,
    FormSession,
    SaveRequest,
    SaveResult,
    SaveStep,
    write_enrollment,
)

ON = date(2026, 5, 20)


@pytest.fixture
def session(engine, officer, data_dir) -> FormSession:
    return FormSession(store=EnrollmentStore(engine),
                       context=FormContext(officer.id, today=lambda: ON),
                       drafts=FormDraftFile(data_dir))


def test_the_session_module_loads_no_qt() -> None:
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, desktop_app.ui.form_session; "
                               "print(any(m.startswith('PySide6') for m in sys.modules))"],
        capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "False"


def test_a_new_person_starts_at_the_visits_place_and_month(session) -> None:
    session.context.visit = VisitInfo(session.context.officer_id, "5171041004", "Banjar Tonja",
                                      date(2026, 5, 18))
    blank = session.begin_new()
    assert (blank.desa_code, blank.banjar, str(blank.first_month)) == (
        "5171041004", "Banjar Tonja", "2026-05")
    assert session.editing is None


def test_dirty_and_typed_beyond_the_nik_are_against_the_saved_fields(session) -> None:
    saved = {"nik": "", "full_name": "", "birth_date": "", "sex": ""}
    session.reset_tracking(saved)
    assert not session.is_dirty(dict(saved))
    session.edited("nik")
    fills = session.nik_fills({**saved, "nik": "5171045708850023"})
    assert fills == {"birth_date": date(1985, 8, 17), "sex": Sex.FEMALE}
    session.filled_from_nik(fills)
    filled = {"nik": "5171045708850023", "full_name": "", "birth_date": "17081985", "sex": "P"}
    assert session.is_dirty(filled) and not session.typed_beyond_nik(filled)
    assert session.typed_beyond_nik({**filled, "full_name": "Ni Made"})


def test_the_nik_refills_what_it_filled_but_never_what_the_officer_typed(session) -> None:
    raw = {"nik": "5171045708850023", "birth_date": "", "sex": ""}
    session.filled_from_nik(session.nik_fills(raw))
    assert session.from_nik == {"birth_date", "sex"}
    session.edited("birth_date")  # the officer typed their own birth date
    again = session.nik_fills({"nik": "5171044107900007", "birth_date": "18081985", "sex": "F"})
    assert set(again) == {"sex"}


def test_errors_show_once_touched_or_once_a_save_was_tried(session) -> None:
    def error(field: str, code: str) -> FieldIssue:
        return FieldIssue(field, Severity.ERROR, code, Text("salah", "wrong"))

    name, nik = error("full_name", "required"), error("nik", "length")
    assert not session.shows(name, typing_nik=False)
    session.edited("full_name")
    assert session.shows(name, typing_nik=False)
    session.edited("nik")
    assert not session.shows(nik, typing_nik=True)  # still being typed
    assert session.shows(nik, typing_nik=False)
    session.reset_tracking({})
    session.show_all = True
    assert session.shows(name, typing_nik=False)
    assert session.shows(FieldIssue("phone", Severity.WARNING, "x", Text("a", "b")),
                         typing_nik=False)


def test_a_valid_record_is_written_and_becomes_the_one_edited(session, valid_record) -> None:
    assert session.check(valid_record, []) == []
    assert session.can_save([]) and session.save_step() is SaveStep.WRITE
    request = session.save_request(valid_record, allow_draft=False)
    assert (request.enrollment_id, request.on) == (None, ON)
    stored = session.saved(write_enrollment(session.store, request))
    assert session.editing == stored and session.base_revision == 1
    edit = session.save_request(valid_record.with_changes(payment_months=6), False)
    assert (edit.enrollment_id, edit.expected_revision) == (stored.id, 1)


def test_errors_with_a_whole_nik_may_be_kept_as_a_draft_without_one_never(
        session, valid_record) -> None:
    session.check(valid_record.with_changes(full_name=""), [])
    assert session.save_step() is SaveStep.ASK_DRAFT
    session.check(valid_record.with_changes(nik="5171"), [])
    assert session.save_step() is SaveStep.FIX


def test_unreadable_fields_or_a_nik_held_by_another_record_stop_a_save(
        session, valid_record) -> None:
    unreadable = [FieldIssue("birth_date", Severity.ERROR, "unreadable", Text("a", "b"))]
    issues = session.check(valid_record, unreadable)
    assert issues == unreadable and not session.can_save(unreadable)
    holder = session.store.create(valid_record, officer_id=session.context.officer_id, on=ON)
    session.check(valid_record, [])
    assert session.existing == holder and not session.can_save([])


def test_a_duplicate_or_a_stale_edit_is_an_outcome_and_saves_nothing(
        session, valid_record) -> None:
    store, officer_id = session.store, session.context.officer_id
    held = store.create(valid_record, officer_id=officer_id, on=ON)
    duplicate = write_enrollment(store, SaveRequest(valid_record, False, officer_id, on=ON))
    assert (duplicate.result, duplicate.stored) == (SaveResult.DUPLICATE, held)
    assert session.saved(duplicate) is None and session.existing == held
    stale = write_enrollment(store, SaveRequest(valid_record.with_changes(payment_months=6),
                                                False, officer_id, enrollment_id=held.id,
                                                expected_revision=0))
    assert stale.result is SaveResult.STALE and session.saved(stale) is None
    assert store.get(held.id).revision == 1


def test_a_nik_typed_over_a_saved_person_is_asked_about_until_confirmed(
        session, valid_record, make_nik) -> None:
    stored = session.store.create(valid_record, officer_id=session.context.officer_id, on=ON)
    session.begin_stored(stored)
    other = make_nik("517104", date(1990, 1, 1), Sex.MALE, 7)
    assert session.retyped_nik({"nik": valid_record.nik}) is None
    assert session.retyped_nik({"nik": other}) == other
    session.confirmed_nik = other  # "a correction of this person's NIK"
    assert session.retyped_nik({"nik": other}) is None
    session.reset_tracking({})
    assert session.retyped_nik({"nik": other}) == other  # a new save asks again


def test_the_draft_is_written_when_it_changed_and_forgotten_when_typed_back(
        session, data_dir) -> None:
    session.reset_tracking({"full_name": ""})
    writes = []
    keep = session.drafts.save
    session.drafts.save = lambda draft: (writes.append(draft), keep(draft))
    session.keep_draft({"full_name": "I Ketut"})
    session.keep_draft({"full_name": "I Ketut"})
    assert len(writes) == 1 and FormDraftFile(data_dir).load()["state"] == {
        "full_name": "I Ketut"}
    session.keep_draft({"full_name": ""})
    assert FormDraftFile(data_dir).load() is None and session.draft_kept is None


def test_a_restored_draft_of_an_edit_stays_based_on_its_revision(session, valid_record) -> None:
    stored = session.store.create(valid_record, officer_id=session.context.officer_id, on=ON)
    state = session.restore({"state": {"nik": valid_record.nik},
                             "enrollment_id": str(stored.id), "revision": 1}, ["nik", "phone"])
    assert state == {"nik": valid_record.nik}
    assert (session.editing.id, session.base_revision) == (stored.id, 1)
    assert session.touched == {"nik", "phone"} and session.is_dirty({"nik": valid_record.nik})
