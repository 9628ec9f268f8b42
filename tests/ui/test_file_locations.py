"""Save and open dialogs start in the user's Documents folder, then in the folder last used,
never in the program's working folder (on Windows, Program Files).

Qt's own file dialog is answered for real: where it opened is read from the dialog itself, so
a folder Qt could not open (and replaced with the working folder) would show.
"""

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from desktop_app.store.enrollments import EnrollmentStore

TODAY = date(2026, 5, 20)


@pytest.fixture
def home(tmp_path: Path, monkeypatch) -> Path:
    """A fresh account: a home folder with no Documents folder in it yet."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))  # no user-dirs.dirs
    return home


@pytest.fixture
def file_dialogs(qtbot):
    """Answers the next file dialog with ``answer(dialog)``; returns the folders they opened in."""
    opened: list[Path] = []

    def expect(answer: Callable[[QFileDialog], None]) -> None:
        def find() -> None:
            dialog = next((w for w in QApplication.topLevelWidgets()
                           if isinstance(w, QFileDialog) and w.isVisible()), None)
            if dialog is None:
                QTimer.singleShot(10, find)
                return
            opened.append(Path(dialog.directory().absolutePath()))
            answer(dialog)
        QTimer.singleShot(0, find)

    return opened, expect


def choose(path: Path) -> Callable[[QFileDialog], None]:
    def answer(dialog: QFileDialog) -> None:
        dialog.selectFile(str(path))
        dialog.accept()
    return answer


def test_dialogs_open_in_documents_then_in_the_last_folder_used(
        qtbot, window, valid_record, home: Path, tmp_path: Path, file_dialogs,
        monkeypatch) -> None:
    opened, expect = file_dialogs
    monkeypatch.setattr(QFileDialog, "getSaveFileName", _widget_dialog(QFileDialog.getSaveFileName))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", _widget_dialog(QFileDialog.getOpenFileName))
    stored = EnrollmentStore(window.engine).create(valid_record, officer_id=window.officer.id,
                                                   on=TODAY)
    window.open_enrollment(stored.id)
    stick = tmp_path / "stick"
    stick.mkdir()

    expect(choose(stick / "sari.pdf"))
    window.receipts.pdf_action.trigger()
    assert opened == [home / "Documents"]  # made for the dialog, not the working folder
    qtbot.waitUntil(lambda: (stick / "sari.pdf").exists(), timeout=10_000)

    expect(choose(stick / "ekspor.xlsx"))
    window.spreadsheets.export_action.trigger()
    assert opened[-1] == stick  # the folder the receipt went to
    qtbot.waitUntil(lambda: (stick / "ekspor.xlsx").exists(), timeout=10_000)
    window.tasks.wait()

    shutil.rmtree(stick)  # the stick is taken out
    expect(lambda dialog: dialog.reject())
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    window.spreadsheets.import_action.trigger()
    assert opened[-1] == home / "Documents"


def _widget_dialog(static: Callable) -> Callable:
    """The static dialog as Qt's own widget dialog (as on Linux), on any platform."""
    def run(parent, caption, folder, file_filter, *args, **kwargs):
        return static(parent, caption, folder, file_filter,
                      options=QFileDialog.Option.DontUseNativeDialog)
    return run
