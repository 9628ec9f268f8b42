"""The Sync command in the window: progress off the UI thread, the result with the records to
look at, statuses in the list, and an unreachable office told without losing anything."""

import uuid
from datetime import date

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop_app.domain.enrollment import EnrollmentStatus
from desktop_app.office.conflicts import list_conflicts, resolve_conflict
from desktop_app.office.devices import add_device, list_devices, revoke_device
from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.store.officers import current_officer
from desktop_app.store.registration import save_registration, set_server_url
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
    assert dialog.problems.rowCount() == 1
    assert "Nama lengkap" in dialog.problems.item(0, 4).text()  # the form's name for the field


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


@pytest.fixture
def result_dialogs(monkeypatch):
    """The sync result dialogs the window opens, built as the window builds them and
    answered at once."""
    opened = []

    def answer(dialog: SyncResultDialog) -> int:
        opened.append(dialog)
        return 0
    monkeypatch.setattr(SyncResultDialog, "exec", answer)
    return opened


def sync_in_window(qtbot, window) -> None:
    window.sync.action.trigger()
    qtbot.waitUntil(lambda: not window.sync.running, timeout=15_000)


def register_window(window, live_office) -> None:
    setup_device(window.engine, server_url=live_office.url,
                 code=add_device(live_office.engine, officer_name="Ni Ketut Sari"))


def test_the_status_bar_and_the_dialog_show_the_same_summary_of_the_run(
        qtbot, window, live_office, make_laptop, valid_record, result_dialogs) -> None:
    other = make_laptop("wayan")
    EnrollmentStore(other).create(valid_record.with_changes(full_name="Ni Luh Ayu"),
                                  officer_id=current_officer(other).id, on=ENROLLED_ON)
    sync_now(other)
    register_window(window, live_office)
    window.store.create(valid_record, officer_id=window.officer.id, on=ENROLLED_ON)
    sync_in_window(qtbot, window)
    [dialog] = result_dialogs
    qtbot.addWidget(dialog)
    line = window.statusBar().currentMessage()
    assert dialog.headline.text() == line
    assert line == "Sinkron: 1 data terkirim ke kantor (1 menunggu pemeriksaan)."
    qtbot.waitUntil(lambda: bool(window.sync_label.toolTip()))
    assert window.sync_label.toolTip() == line  # the last sync's line, after it fades


def test_no_dialog_opens_when_nothing_needs_the_officer(
        qtbot, window, live_office, valid_record, result_dialogs) -> None:
    register_window(window, live_office)
    window.store.create(valid_record, officer_id=window.officer.id, on=ENROLLED_ON)
    sync_in_window(qtbot, window)
    assert window.statusBar().currentMessage() == (
        "Sinkron: 1 data terkirim ke kantor (1 diterima).")
    sync_in_window(qtbot, window)
    assert window.statusBar().currentMessage() == "Sinkron: tidak ada perubahan."
    assert result_dialogs == []


def test_the_conflict_row_shows_the_offices_person_beside_the_laptops(
        qtbot, window, live_office, make_laptop, valid_record, result_dialogs,
        indonesian) -> None:
    other = make_laptop("wayan")
    EnrollmentStore(other).create(valid_record.with_changes(full_name="Ni Luh Ayu"),
                                  officer_id=current_officer(other).id, on=ENROLLED_ON)
    sync_now(other)
    register_window(window, live_office)
    window.store.create(valid_record, officer_id=window.officer.id, on=ENROLLED_ON)
    sync_in_window(qtbot, window)
    [dialog] = result_dialogs
    qtbot.addWidget(dialog)
    row = [dialog.problems.item(0, column).text() for column in range(5)]
    assert row[:4] == ["5171 04** **** 0023", "Ni Made Sari Dewi, 17-08-1985",
                       "Ni Luh Ayu, 17-08-1985", "menunggu pemeriksaan"]
    assert "Tanyakan kepada orangnya" in row[4] and "Nama lengkap" in row[4]


def test_the_dialog_lists_the_officers_records_the_office_decided_with_what_changed(
        qtbot, window, live_office, make_laptop, valid_record, result_dialogs,
        indonesian) -> None:
    other = make_laptop("wayan")
    EnrollmentStore(other).create(valid_record, officer_id=current_officer(other).id,
                                  on=ENROLLED_ON)
    sync_now(other)
    register_window(window, live_office)
    window.store.create(valid_record.with_changes(full_name="Ni Made Sari Dewi Lestari"),
                        officer_id=window.officer.id, on=ENROLLED_ON)
    sync_in_window(qtbot, window)
    [waiting] = list_conflicts(live_office.engine)
    resolve_conflict(live_office.engine, uuid.UUID(waiting["conflict_id"]), keep="office",
                     fields={}, resolved_by="Made Supervisor", today=date.today())
    sync_in_window(qtbot, window)
    settled = result_dialogs[-1]
    qtbot.addWidget(settled)
    assert settled.problems.rowCount() == 0 and settled.changes.rowCount() == 1
    assert [settled.changes.item(0, column).text() for column in range(4)] == [
        "5171 04** **** 0023", "Ni Made Sari Dewi",
        "pemeriksaan diputuskan oleh Made Supervisor",
        "Nama lengkap (sesuai KTP): Ni Made Sari Dewi Lestari → Ni Made Sari Dewi"]
    assert settled.headline.text() == window.statusBar().currentMessage() == (
        "Sinkron: 1 data Anda diubah atau diputuskan kantor.")


def test_a_sync_cancelled_from_its_progress_stops_and_the_next_sends_everything(
        qtbot, window, live_office, valid_record, monkeypatch) -> None:
    from desktop_app.sync.run import CANCELLED

    setup_device(window.engine, server_url=live_office.url,
                 code=add_device(live_office.engine, officer_name="Ni Ketut Sari"))
    set_server_url(window.engine, "http://127.0.0.1:9")  # the office not reachable yet
    stored = window.store.create(valid_record, officer_id=window.officer.id, on=ENROLLED_ON)
    told = []
    monkeypatch.setattr(window.sync, "tell", lambda text, detail: told.append(text))
    window.sync.action.trigger()
    cancel = window.sync.cancel_button
    assert cancel.isVisible() and cancel.isEnabled()
    cancel.click()
    # ended by the cancel, within the client's retries (0.5 + 1 + 2 s of pauses)
    qtbot.waitUntil(lambda: not window.sync.running, timeout=1500)
    assert not cancel.isVisible() and told == []  # no failure dialog, no retry
    assert not window.sync._retry.isActive()
    assert window.statusBar().currentMessage() == CANCELLED.id
    assert window.store.get(stored.id).synced_revision == 0
    set_server_url(window.engine, live_office.url)
    window.sync.action.trigger()
    qtbot.waitUntil(lambda: not window.sync.running, timeout=15_000)
    assert told == [] and window.store.get(stored.id).synced_revision == stored.revision
