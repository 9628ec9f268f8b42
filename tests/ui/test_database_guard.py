"""The desktop application on a damaged database: the start shows the refusal in a message box
and writes nothing; a damaged page met by a background job shows the same message and closes
the window; the day's backup is taken on a worker at start. Real files, real widgets."""

import hashlib
import sqlite3
import sys
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from damaged_files import damage_page, laptop_with_records, root_page
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.store.backups import list_backups
from desktop_app.store.database import DATABASE_FILE
from desktop_app.store.integrity import DAMAGED_DATABASE_EXIT, DatabaseDamaged
from desktop_app.ui.application import install_translator, open_main_window, run_application


def fingerprint(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def shown(monkeypatch) -> list[str]:
    """The texts of the critical message boxes the application shows."""
    texts: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda parent, title, text: texts.append(text))
    return texts


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_start_on_a_damaged_page_shows_the_refusal_and_writes_nothing(
        qapp, tmp_path, valid_record, shown, language) -> None:
    data = tmp_path / "data"
    database = laptop_with_records(data, valid_record)
    damage_page(database)
    before = fingerprint(data)
    try:
        with pytest.raises(DatabaseDamaged):
            run_application(data_dir=data, language=language)
    finally:  # back to English for later tests: the start installed its translators
        for translator in qapp.findChildren(QTranslator):
            qapp.removeTranslator(translator)
        install_translator(qapp, "en")
    assert len(shown) == 1 and str(database) in shown[0]
    if language == "id":
        assert "tidak dapat memakai basis datanya" in shown[0]
        assert "rusak" in shown[0] and "serahkan berkas" in shown[0]
    else:
        assert "cannot use its database" in shown[0] and "hand the file" in shown[0]
    assert fingerprint(data) == before


def test_the_start_on_an_emptied_file_shows_the_refusal(qapp, tmp_path, valid_record,
                                                        shown) -> None:
    data = tmp_path / "data"
    laptop_with_records(data, valid_record, count=3)
    (data / DATABASE_FILE).write_bytes(b"")
    with pytest.raises(DatabaseDamaged):
        run_application(data_dir=data, language="en")
    assert len(shown) == 1 and "is empty (0 bytes)" in shown[0]
    assert (data / DATABASE_FILE).stat().st_size == 0


def test_the_day_backup_is_taken_on_a_worker_at_start(qtbot, tmp_path, valid_record) -> None:
    data = tmp_path / "data"
    database = laptop_with_records(data, valid_record, count=20)
    window = open_main_window(data_dir=data, language="en")
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(list_backups(database)), timeout=10_000)
    window.tasks.wait()
    assert [b.day for b in list_backups(database)] == [date.today()]
    window.form.drafts.clear()
    window.close()


def test_a_damaged_page_met_by_a_background_job_shows_the_message_and_closes(
        qtbot, tmp_path, valid_record, shown, monkeypatch) -> None:
    data = tmp_path / "data"
    laptop_with_records(data, valid_record, count=20)
    broken = laptop_with_records(tmp_path / "other", valid_record, count=20)
    damage_page(broken, root_page(broken, "enrollment"))
    exits: list[int] = []
    monkeypatch.setattr(QApplication, "exit", lambda code=0: exits.append(code))
    window = open_main_window(data_dir=data, language="en")
    qtbot.addWidget(window)
    window.tasks.wait()
    failures: list[Exception] = []

    def read_damaged() -> list:  # what an export or a sync does when it meets the page
        with closing(sqlite3.connect(broken)) as connection:
            return connection.execute("SELECT * FROM enrollment").fetchall()

    for _ in range(2):  # two jobs meet it: one message
        window.tasks.start(read_damaged, on_done=lambda _: None, on_error=failures.append)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    window.tasks.wait()
    QApplication.processEvents()  # the second job's failure, queued, arrives too
    assert len(shown) == 1 and "malformed" in shown[0]
    assert str(data / DATABASE_FILE) in shown[0] and "restore the last backup" in shown[0]
    assert failures == []  # the jobs' own handlers did not show a traceback or a half message
    assert exits == [DAMAGED_DATABASE_EXIT]
    window.form.drafts.clear()


def test_a_damaged_page_met_on_the_ui_thread_shows_the_message_and_closes(
        qtbot, tmp_path, valid_record, shown, monkeypatch) -> None:
    """A save runs on the UI thread: an exception it leaves in a slot reaches sys.excepthook,
    which tells damage from any other failure (those go on to the hook that was there)."""
    data = tmp_path / "data"
    laptop_with_records(data, valid_record, count=5)
    broken = laptop_with_records(tmp_path / "other", valid_record, count=5)
    damage_page(broken, root_page(broken, "enrollment"))
    monkeypatch.setattr(QApplication, "exit", lambda code=0: None)
    passed_on: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, failure, trace: passed_on.append(failure))
    window = open_main_window(data_dir=data, language="en")
    qtbot.addWidget(window)
    window.tasks.wait()
    other = ValueError("not damage")
    sys.excepthook(ValueError, other, None)
    assert passed_on == [other] and shown == [] and window.isVisible()
    try:
        with closing(sqlite3.connect(broken)) as connection:
            connection.execute("SELECT * FROM enrollment").fetchall()
    except sqlite3.DatabaseError as failure:
        sys.excepthook(type(failure), failure, failure.__traceback__)
    assert len(shown) == 1 and "malformed" in shown[0] and not window.isVisible()
    assert passed_on == [other]
    window.form.drafts.clear()
