"""Keyboard helpers for the visit tests: type into whatever has the focus, as a person does."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlmodel import Session, select

from desktop_app.store.models import Visit
from desktop_app.ui.visit_dialog import VisitDialog


def visit_rows(engine) -> list[Visit]:
    with Session(engine) as session:
        return list(session.exec(select(Visit)))


def type_keys(qtbot, text: str) -> None:
    qtbot.keyClicks(QApplication.focusWidget(), text)


def press(qtbot, key: Qt.Key) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key)


def open_visit_dialog(qtbot, window) -> VisitDialog:
    window.choose_visit()
    dialog = window.findChild(VisitDialog)
    qtbot.waitUntil(lambda: dialog.isVisible() and QApplication.focusWidget() in (
        dialog.district, dialog.district.lineEdit()))
    return dialog


def type_place_and_date(qtbot, dialog: VisitDialog, typed_date: str) -> None:
    """Kecamatan, desa, banjar, then the date, as an officer types them: Tab between."""
    for text in ("Denpasar Utara", "Tonja", "Banjar Tonja"):
        type_keys(qtbot, text)
        press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.day
    type_keys(qtbot, typed_date)  # Tab selected the date shown: typing replaces it whole
