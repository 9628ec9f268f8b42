"""Driving the enrollment form and its questions by keyboard only, as an officer with a queue.

Shared by the form's test files (on the path through pytest's ``pythonpath``).
"""

from collections.abc import Sequence

from PySide6.QtCore import QDeadlineTimer, Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLineEdit, QWidget

NIK = "5171045708850023"  # a woman born 17-08-1985, Denpasar Utara
CTRL = Qt.KeyboardModifier.ControlModifier
Key = Qt.Key | tuple[Qt.Key, Qt.KeyboardModifier]


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def type_field(qtbot, text: str, move: Qt.Key = Qt.Key.Key_Return) -> None:
    """Types into the focused field over what it holds, and moves on with Enter (or Tab)."""
    widget = focused()
    assert widget is not None
    if text:
        if isinstance(widget, QLineEdit) or (isinstance(widget, QComboBox)
                                             and widget.isEditable()):
            qtbot.keyClick(widget, Qt.Key.Key_A, CTRL)  # typed over, as over a saved person
        qtbot.keyClicks(widget, text)
    # while a list of suggestions is open, the keys go to it, as they do on screen
    qtbot.keyClick(QApplication.activePopupWidget() or focused(), move)


def back_to(qtbot, window) -> QWidget:
    """The window behind a dialog just answered, active again. A window manager gives the
    activation back; the offscreen platform of the tests does not."""
    window.activateWindow()
    qtbot.waitUntil(lambda: focused() is not None)
    return focused()


def fill_by_keyboard(qtbot, window, nik: str = NIK) -> None:
    form = window.form
    window.activateWindow()
    form.editors["nik"].widget.setFocus()
    qtbot.waitUntil(lambda: focused() is form.editors["nik"].widget)
    type_field(qtbot, nik)
    type_field(qtbot, "Ni Made Sari Dewi")
    type_field(qtbot, "Denpasar")
    type_field(qtbot, "")  # birth date: filled from the NIK
    type_field(qtbot, "")  # sex: filled from the NIK
    type_field(qtbot, "")  # KK number: optional
    type_field(qtbot, "Jl. Kamboja No. 5")
    type_field(qtbot, "Tonja", Qt.Key.Key_Tab)
    type_field(qtbot, "Br. Kaja", Qt.Key.Key_Tab)
    type_field(qtbot, "0812 3456 7890")
    type_field(qtbot, "Pedagang", Qt.Key.Key_Tab)  # "other occupation" is closed: skipped
    type_field(qtbot, "2500000")
    qtbot.keyClick(focused(), Qt.Key.Key_Space)  # JHT on
    type_field(qtbot, "", Qt.Key.Key_Tab)
    type_field(qtbot, "3", Qt.Key.Key_Tab)  # 3 months
    type_field(qtbot, "")  # first month: this month
    type_field(qtbot, "", Qt.Key.Key_Tab)  # mandiri: the sponsor's name is skipped
    type_field(qtbot, "I Made Dewa")
    type_field(qtbot, "Suami", Qt.Key.Key_Tab)
    type_field(qtbot, "")
    qtbot.keyClick(focused(), Qt.Key.Key_Space)  # consent given


def press(qtbot, widget: QWidget, key: Key) -> None:
    code, modifier = key if isinstance(key, tuple) else (key, Qt.KeyboardModifier.NoModifier)
    qtbot.keyClick(widget, code, modifier)


def answer_next_dialog(qtbot, keys: Sequence[Key] = (), *, button: str | None = None,
                       ) -> list[str]:
    """Answers the next modal dialog from the keyboard: ``keys`` go to the widget that has the
    focus in it, as a real key press does. With ``button``, Tab walks to the button whose text
    holds it and Space presses it (whatever order the platform lays buttons out in).

    Returns a list that gets the dialog's text (and informative text) once it was answered."""
    seen: list[str] = []
    deadline = QDeadlineTimer(10_000)

    def in_dialog(dialog: QWidget) -> QWidget:
        widget = focused()
        return widget if widget is not None and dialog.isAncestorOf(widget) else dialog

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        # keys go where a real key goes once the dialog is the active window (before that,
        # the window behind it would take them as its shortcuts)
        if dialog is None or QApplication.activeWindow() is not dialog:
            if not deadline.hasExpired():
                QTimer.singleShot(10, answer)
            return
        texts = [getattr(dialog, name)() for name in ("text", "informativeText")
                 if hasattr(dialog, name)]
        seen.append("\n".join(texts) or dialog.windowTitle())
        if button is not None:
            for _ in range(10):
                widget = in_dialog(dialog)
                if isinstance(widget, QAbstractButton) and button in widget.text():
                    break
                qtbot.keyClick(widget, Qt.Key.Key_Tab)
            widget = in_dialog(dialog)
            assert isinstance(widget, QAbstractButton) and button in widget.text(), button
            qtbot.keyClick(widget, Qt.Key.Key_Space)
        for key in keys:
            press(qtbot, in_dialog(dialog), key)

    QTimer.singleShot(0, answer)
    return seen

