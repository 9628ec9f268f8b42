"""The Sync command in the window: progress off the UI thread, the result with the records to
look at, statuses in the list, and an unreachable office told without losing anything."""

from datetime import date

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop_app.domain.enrollment import EnrollmentStatus
from desktop_app.office.conflicts import list_conflicts
from desktop_app.office.devices import add_device, list_devices, revoke_device
from desktop_app.store.device import current_officer, save_registration, set_server_url
from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.sync.run import setup_device, sync_now
from desktop_app.ui.sync_result_dialog import SyncResultDialog

ENROLLED_ON = date(2026, 5, 20)


@pytest.fixture
def indonesian(qapp):
    """The application's Indonesian translation installed, as a user who did not ask for
    English has it."""
    from PySide6.QtCore import QLocale

    from desktop_app.ui.application import install_translator

    before = QLocale()
    translator = install_translator(qapp, "id")
    assert translator is not None
    yield
    qapp.removeTranslator(translator)
    QLocale.setDefault(before)


@pytest.fixture
def message_boxes(monkeypatch):
    """The message boxes the window opens, as (text, informative text), answered at once."""
    shown = []

    def answer(box: QMessageBox) -> int:
        shown.append((box.text(), box.informativeText()))
        return int(QMessageBox.StandardButton.Ok.value)
    monkeypatch.setattr(QMessageBox, "exec", answer)
    monkeypatch.setattr(QMessageBox, "warning",  # the static shortcut, which has no detail
                        lambda _parent, _title, text, *_rest: shown.append((text, "")))
    return shown


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
    monkeypatch.setattr(window.sync, "tell", lambda text, detail: told.append(text))
    window.sync.action.trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=15_000)
    assert "Kantor tidak dapat dihubungi" in told[0] and "Tidak ada yang hilang" in told[0]
    assert window.sync._retry.isActive()
    assert window.store.find_by_nik(valid_record.nik).synced_revision == 0
    window.sync._retry.stop()


def test_a_laptop_not_registered_is_told_where_to_register(qtbot, window,
                                                           monkeypatch) -> None:
    told = []
    monkeypatch.setattr(window.sync, "tell", lambda text, detail: told.append(text))
    window.sync.action.trigger()
    qtbot.waitUntil(lambda: bool(told))
    assert "Berkas > Pengaturan" in told[0]
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


def test_a_revoked_laptop_is_told_in_indonesian_with_the_office_detail_on_its_own_line(
        qtbot, window, live_office, valid_record, indonesian, message_boxes) -> None:
    setup_device(window.engine, server_url=live_office.url,
                 code=add_device(live_office.engine, officer_name="Ni Ketut Sari"))
    [device] = list_devices(live_office.engine)
    revoke_device(live_office.engine, device.id)
    window.store.create(valid_record, officer_id=window.officer.id, on=ENROLLED_ON)
    window.sync.action.trigger()
    qtbot.waitUntil(lambda: bool(message_boxes), timeout=15_000)
    [(text, detail)] = message_boxes
    assert "Kantor tidak mengenali laptop ini lagi" in text
    assert "revoked" not in text and "token" not in text  # the office's English stays below
    assert detail == "Rincian teknis: HTTP 401: unknown or revoked device token"
    assert not window.sync._retry.isActive()  # asking again would get the same answer
