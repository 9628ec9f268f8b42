"""Ctrl+1 lands in the NIK; F1 lists every key the window has, as the README does. Keyboard only."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.ui.application import install_translator
from desktop_app.ui.help_dialog import HelpDialog

README = Path(__file__).parents[2] / "README.md"
SHOTS = Path("/tmp/shots/misc")


def press(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed wherever the focus is, as a person would."""
    focused = QApplication.focusWidget()
    assert focused is not None, "no widget has the focus: the key would be lost"
    qtbot.keyClick(focused, key, modifier)


def open_help(qtbot) -> HelpDialog:
    press(qtbot, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), HelpDialog))
    dialog = QApplication.activeModalWidget()
    qtbot.waitUntil(dialog.isActiveWindow)  # the keys go to it from now on
    return dialog


def test_ctrl_1_puts_the_cursor_in_the_nik_with_its_text_selected(qtbot, window) -> None:
    nik = window.form.editors["nik"].widget
    nik.setFocus()
    qtbot.keyClicks(nik, "5171045708850023")
    for _ in range(5):
        press(qtbot, Qt.Key.Key_Tab)
    assert not nik.hasFocus()
    press(qtbot, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(nik.hasFocus)
    assert nik.selectedText() == "5171045708850023"
    qtbot.keyClicks(QApplication.focusWidget(), "5171")  # typing replaces the old NIK
    assert nik.text() == "5171"


def test_ctrl_1_from_the_list_comes_back_to_the_nik(qtbot, window) -> None:
    window.form.editors["full_name"].widget.setFocus()
    press(qtbot, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.list)
    press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.list.search_box.hasFocus)
    press(qtbot, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.form.editors["nik"].widget.hasFocus)
    assert window.tabs.currentWidget() is window.form


def test_f1_lists_every_key_the_window_has_and_esc_closes_it(qtbot, window) -> None:
    window.form.editors["nik"].widget.setFocus()
    dialog = open_help(qtbot)
    listed = dict(dialog.keys)
    for key in ("Ctrl+P", "Ctrl+M", "F9", "Ctrl+S", "Ctrl+N", "Esc", "Ctrl+F", "Ctrl+1",
                "Ctrl+2", "F1", "Ctrl+Q"):
        assert key in listed, key
        assert key in dialog.text.toPlainText()
    assert listed["Ctrl+P"] == "Print receipt" and listed["F9"] == "Sync with the office"
    # every shortcut of every action in the window is in the help, none is forgotten
    from PySide6.QtGui import QAction, QKeySequence

    keys = {a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            for a in window.findChildren(QAction) if not a.shortcut().isEmpty()}
    assert keys <= set(listed)
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "help-en.png"))
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def readme_keys() -> dict[str, tuple[str, str]]:
    """The README's keyboard table: key -> (Indonesian, English)."""
    text = README.read_text(encoding="utf-8")
    table = text.split("| key | Bahasa Indonesia | English |", 1)[1].split("\n\n", 1)[0]
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")]
            for line in table.splitlines()[2:]]
    return {key: (indonesian, english) for key, indonesian, english in rows}


def help_keys(qtbot, qapp, make_window, language: str) -> dict[str, str]:
    translator = install_translator(qapp, language)
    try:
        window = make_window(language=language)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        window.form.editors["nik"].widget.setFocus()
        dialog = open_help(qtbot)
        keys = dict(dialog.keys)
        press(qtbot, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not dialog.isVisible())
        window.tasks.wait()
        window.close()
        return keys
    finally:
        if translator is not None:
            qapp.removeTranslator(translator)


def test_the_readme_keyboard_table_is_the_help_in_both_languages(
        qtbot, qapp, make_window) -> None:
    readme = readme_keys()
    english = help_keys(qtbot, qapp, make_window, "en")
    indonesian = help_keys(qtbot, qapp, make_window, "id")
    install_translator(qapp, "en")  # back to the default locale for later tests
    assert {key: en for key, (_, en) in readme.items()} == english
    assert {key: id_ for key, (id_, _) in readme.items()} == indonesian
