"""A record whose unsent change clashed with a newer office change is marked in the list and
opens with a banner naming the field and both values; saving it (the officer's choice) clears
both."""

import uuid
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt

from desktop_app.domain.merge import MergeOutcome
from desktop_app.domain.sync_messages import PulledRecord, PullPage, RecordAnswer
from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.store.pulled_records import apply_pulled
from desktop_app.store.sync_records import apply_answers

SHOTS = Path("/tmp/shots/laptopsync")
ON = date(2026, 5, 20)


def clashed(engine, officer, record):
    """Synced as office revision 1, the payment months changed here to 6 and at the office
    (pulled) to 12."""
    store, office_id = EnrollmentStore(engine), uuid.uuid4()
    stored = store.create(record, officer_id=officer.id, on=ON)
    apply_answers(engine, [RecordAnswer(stored.id, 1, MergeOutcome.ACCEPTED,
                                        office_id=office_id, office_revision=1)], officer.id)
    store.update(stored.id, record.with_changes(payment_months=6), officer_id=officer.id,
                 expected_revision=1)
    apply_pulled(engine, PullPage(5, False, (PulledRecord(
        office_id, 2, 5, record.with_changes(payment_months=12), True, ON),)), officer.id)
    return store.get(stored.id)


def test_a_clash_is_marked_in_the_list_and_told_in_the_form_until_saved(
        qtbot, engine, officer, make_window, valid_record) -> None:
    stored = clashed(engine, officer, valid_record)
    window = make_window()
    model = window.list.model
    model.set_query(model.query)
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    status = model.index(0, 4)
    assert "⚠" in status.data() and "both values" in status.data(Qt.ItemDataRole.ToolTipRole)
    window.form.open_stored(stored)
    banner = window.form.clash_banner
    qtbot.waitUntil(banner.isVisible)
    text = banner.text()
    assert "“6" in text and "“12" in text and "not sent until you choose" in text
    SHOTS.mkdir(parents=True, exist_ok=True)
    window.resize(1366, 768)
    window.grab().save(str(SHOTS / "form-clash-banner.png"))
    assert window.form.save()
    assert not banner.isVisible()
    model.set_query(model.query)
    qtbot.waitUntil(lambda: model.rowCount() == 1 and "⚠" not in model.index(0, 4).data())
    window.tasks.wait()
