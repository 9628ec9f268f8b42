"""Every write of the windows goes through one lane (issue 15, item 4): a save made while a
sync holds SQLite's write lock waits on the lane's thread, not the window's, and is then told
as "not saved, try again", never as a traceback, with nothing written and the form as it was."""

import sqlite3

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy.exc import OperationalError

from desktop_app.domain.messages import Text
from desktop_app.store.database import DATABASE_FILE
from desktop_app.store.search import EnrollmentQuery, search_enrollments
from desktop_app.ui.write_lane import BUSY_MESSAGE, busy_text, is_busy


def _busy_box() -> QMessageBox | None:
    for widget in QApplication.topLevelWidgets():
        if widget.objectName() == BUSY_MESSAGE and widget.isVisible():
            return widget
    return None


def test_a_save_while_the_write_lock_is_held_is_told_and_saves_nothing(
        qtbot, window, data_dir, valid_record) -> None:
    form = window.form
    form.load_record(valid_record)
    for name in form.editors:
        form._edited(name)
    typed = form.raw_state()
    locker = sqlite3.connect(data_dir / DATABASE_FILE, isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")  # a sync batch being written
    ticks: list[int] = []
    timer = QTimer(interval=50)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    try:
        assert not form.save()
    finally:
        timer.stop()
        locker.rollback()
        locker.close()
    assert len(ticks) >= 20  # the UI thread ran its timers during the 5 s wait: responsive
    box = _busy_box()
    assert box is not None
    assert box.text().startswith("Data Ni Made Sari Dewi belum disimpan")
    assert "coba lagi" in box.text()
    box.close()
    assert form.raw_state() == typed and form.editing is None and form.is_dirty
    assert search_enrollments(window.engine, EnrollmentQuery()) == []
    assert form.save()  # the lock is gone: the same form saves
    assert [s.id for s in search_enrollments(window.engine, EnrollmentQuery())] == [
        form.editing.id]


def test_a_visit_started_while_the_write_lock_is_held_is_told_and_not_started(
        qtbot, window, data_dir) -> None:
    locker = sqlite3.connect(data_dir / DATABASE_FILE, isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")
    try:
        window.start_visit("5171041004", "Banjar Tonja", window.today())
    finally:
        locker.rollback()
        locker.close()
    box = _busy_box()
    assert box is not None and box.text().startswith("Kunjungan belum disimpan")
    box.close()
    assert window.context.visit is None


def test_only_a_locked_database_is_busy() -> None:
    assert is_busy(sqlite3.OperationalError("database is locked"))
    assert is_busy(OperationalError("BEGIN", {}, sqlite3.OperationalError("database is locked")))
    assert not is_busy(sqlite3.OperationalError("no such table: enrollment"))
    assert not is_busy(ValueError("database is locked"))
    english = busy_text(Text("Data", "The record")).en
    assert english.startswith("The record was not saved") and "try again" in english
