"""Dates type the same way everywhere (ddmmyyyy, dd/mm/yyyy, ...): the visit dialog and the
list's filters, keyboard only; a date that is not one, or not a visit day, is refused beside
the field and never replaced, and no visit is made."""

from datetime import date

import pytest
from builders import build_nik
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from visit_keyboard import open_visit_dialog, press, type_keys, type_place_and_date, visit_rows

from desktop_app.store.enrollments import EnrollmentStore

DECEMBER_DAY = date(2026, 12, 5)  # "today" for typing the issue's own dates
TODAY = date(2026, 5, 20)  # the window fixture's today (tests/ui/conftest.py)
SHOTS = "/tmp/shots/visit"


@pytest.fixture
def december_window(qtbot, engine, officer, data_dir):
    from desktop_app.ui.application import app_settings
    from desktop_app.ui.main_window import MainWindow

    window = MainWindow(engine=engine, data_dir=data_dir, settings=app_settings(data_dir),
                        officer=officer, today=lambda: DECEMBER_DAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.tasks.wait()


@pytest.mark.parametrize(("typed", "day"), [("28112026", date(2026, 11, 28)),
                                            ("05122026", date(2026, 12, 5)),
                                            ("3/11/2026", date(2026, 11, 3))])
def test_the_visit_date_is_typed_as_ddmmyyyy(qtbot, december_window, typed, day) -> None:
    dialog = open_visit_dialog(qtbot, december_window)
    type_place_and_date(qtbot, dialog, typed)
    assert dialog.day.text() == typed  # kept as typed, never bent into another date
    if typed == "28112026":
        dialog.grab().save(f"{SHOTS}/visit_dialog_ddmmyyyy.png")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: december_window.context.visit is not None)
    [visit] = visit_rows(december_window.engine)
    assert (visit.visit_date, visit.desa_code, visit.banjar) == (day, "5171041004",
                                                                 "Banjar Tonja")
    assert f"{day:%d-%m-%Y}" in december_window.visit_label.text()


@pytest.mark.parametrize(("typed", "said"), [
    ("281120", "Tanggal tidak sah: ketik ddmmyyyy"),  # half a date
    ("31022026", "Tanggal tidak sah"),  # no 31 February
    ("kemarin", "Tanggal tidak sah"),
    ("06122026", "setelah hari ini (05-12-2026)"),
    ("31122020", "paling awal 01-01-2021"),
    ("", "Ketik tanggalnya"),
])
def test_a_date_that_is_not_a_visit_day_is_refused_beside_the_field_and_no_visit_is_made(
        qtbot, december_window, typed, said) -> None:
    dialog = open_visit_dialog(qtbot, december_window)
    type_place_and_date(qtbot, dialog, typed)
    if not typed:
        press(qtbot, Qt.Key.Key_Delete)  # the date shown is selected: Delete empties it
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible()  # OK refused: the dialog stays, the date is not replaced
    assert said in dialog.day.note.text() and dialog.day.note.isVisible()
    assert dialog.day.text() == typed
    assert QApplication.focusWidget() is dialog.day
    if typed == "31022026":
        dialog.grab().save(f"{SHOTS}/visit_dialog_refused.png")
    assert visit_rows(december_window.engine) == []
    assert december_window.context.visit is None
    # mending it clears the note as it is typed, and then the visit starts
    press(qtbot, Qt.Key.Key_End)
    for _ in range(12):
        press(qtbot, Qt.Key.Key_Backspace)
    type_keys(qtbot, "04122026")
    assert not dialog.day.note.isVisible()
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: december_window.context.visit is not None)
    assert [v.visit_date for v in visit_rows(december_window.engine)] == [date(2026, 12, 4)]


def test_the_lists_date_filters_type_as_every_date_and_refuse_what_is_not_one(
        qtbot, engine, officer, valid_record) -> None:
    from sqlalchemy import text

    from desktop_app.ui.background import BackgroundTasks
    from desktop_app.ui.enrollment_list import EnrollmentList

    records = [valid_record.with_changes(nik=build_nik("517104", date(1980, 1, 1), "L", n))
               for n in (1, 2)]
    outcomes = EnrollmentStore(engine).add_many(records, officer_id=officer.id, on=TODAY)
    with engine.begin() as connection:  # made on two days: the 19th and the 20th of May
        for outcome, day in zip(outcomes, ("2026-05-19", "2026-05-20"), strict=True):
            connection.execute(text("UPDATE enrollment SET created_at = :at WHERE id = :id"),
                               {"at": f"{day} 05:00:00.000000", "id": outcome.stored_id.hex})
    tasks = BackgroundTasks()
    listing = EnrollmentList(engine, tasks)
    qtbot.addWidget(listing)
    listing.show()
    qtbot.waitUntil(lambda: listing.model.rowCount() == 2)

    listing.from_filter.setFocus()
    qtbot.waitUntil(listing.from_filter.hasFocus)
    type_keys(qtbot, "20052026")  # ddmmyyyy, as in the form and the visit dialog
    qtbot.waitUntil(lambda: listing.model.rowCount() == 1)
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is listing.to_filter
    type_keys(qtbot, "31/04/2026")  # no 31 April
    press(qtbot, Qt.Key.Key_Tab)  # leaving it says so beside it
    qtbot.waitUntil(lambda: listing.to_filter.note.isVisible())
    assert "Tanggal tidak sah" in listing.to_filter.note.text()
    qtbot.waitUntil(lambda: "not a date yet" in listing.count_label.text())
    assert listing.model.rowCount() == 1  # never silently unfiltered
    assert listing.to_filter.text() == "31/04/2026"  # nor replaced
    listing.grab().save(f"{SHOTS}/list_date_filter_refused.png")
    listing.to_filter.setFocus()
    listing.to_filter.selectAll()
    type_keys(qtbot, "2026-05-19")
    assert not listing.to_filter.note.isVisible()
    qtbot.waitUntil(lambda: listing.model.rowCount() == 0 and "0" in listing.count_label.text())
    tasks.wait()
