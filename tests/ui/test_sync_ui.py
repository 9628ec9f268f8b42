"""The Sync command in the window: progress off the UI thread, the result with the records to
look at, statuses in the list, and an unreachable office told without losing anything."""

from datetime import date

from desktop_app.domain.enrollment import EnrollmentStatus
from desktop_app.office.conflicts import list_conflicts
from desktop_app.office.devices import add_device
from desktop_app.store.device import current_officer, save_registration, set_server_url
from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.sync.run import setup_device, sync_now
from desktop_app.ui.sync_result_dialog import SyncResultDialog

ENROLLED_ON = date(2026, 5, 20)


def test_sync_sends_receives_and_shows_what_needs_attention(
        qtbot, window, live_office, make_laptop, valid_record, monkeypatch) -> None:
    other = make_laptop("wayan")
    EnrollmentStore(other).create(valid_record.with_changes(full_name="Ni Luh Ayu"),
                                  officer_id=current_officer(other).id, on=ENROLLED_ON)
    sync_now(other)
    setup_device(window.engine, server_url=live_office.url,
                 code=add_device(live_office.engine, officer_name="Ni Ketut Sari"))
    window.store.create(valid_record, officer_id=window.officer.id, on=ENROLLED_ON)
    shown = []
    monkeypatch.setattr(window.sync, "show_result", shown.append)
    window.sync.action.trigger()
    assert window.sync.progress.isVisible() and not window.sync.action.isEnabled()
    qtbot.waitUntil(lambda: bool(shown), timeout=15_000)
    assert shown[0].conflict == 1 and shown[0].problems[0]["conflicting"] == ["full_name"]
    assert not window.sync.progress.isVisible() and window.sync.action.isEnabled()
    assert len(list_conflicts(live_office.engine)) == 1
    assert window.store.find_by_nik(valid_record.nik).status is EnrollmentStatus.CONFLICT
    dialog = SyncResultDialog(shown[0], "id", window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert "Nama lengkap" in dialog.table.item(0, 3).text()  # the form's name for the field


def test_an_unreachable_office_is_told_and_retried_later(qtbot, window, valid_record,
                                                         monkeypatch) -> None:
    save_registration(window.engine, server_url="http://127.0.0.1:9", token="t",
                      area_code="")
    set_server_url(window.engine, "http://127.0.0.1:9")
    window.store.create(valid_record, officer_id=window.officer.id, on=ENROLLED_ON)
    monkeypatch.setattr("desktop_app.sync.client.FIRST_PAUSE_S", 0.01)
    told = []
    monkeypatch.setattr(window.sync, "tell", told.append)
    window.sync.action.trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=15_000)
    assert "cannot be reached" in told[0] and "Nothing is lost" in told[0]
    assert window.sync._retry.isActive()
    assert window.store.find_by_nik(valid_record.nik).synced_revision == 0
    window.sync._retry.stop()


def test_a_laptop_not_registered_is_told_where_to_register(qtbot, window,
                                                           monkeypatch) -> None:
    told = []
    monkeypatch.setattr(window.sync, "tell", told.append)
    window.sync.action.trigger()
    qtbot.waitUntil(lambda: bool(told))
    assert "Settings" in told[0]
    assert not window.sync._retry.isActive()


def test_a_refused_record_opens_with_the_offices_reasons(qtbot, window, valid_record) -> None:
    import json

    from sqlmodel import Session

    from desktop_app.store import models

    stored = window.store.create(valid_record, officer_id=window.officer.id, on=ENROLLED_ON)
    with Session(window.engine) as session:
        row = session.get(models.Enrollment, stored.id)
        row.status, row.synced_revision = "rejected", row.revision
        row.sync_note = json.dumps({"outcome": "rejected", "reasons": [{
            "field": "birth_date", "message": {"id": "Umur di bawah 15 tahun.",
                                               "en": "Under 15 years old."}}]})
        session.add(row)
        session.commit()
    window.open_enrollment(stored.id)
    assert "refused by the office: Umur di bawah 15 tahun." in window.form.heading.text()
