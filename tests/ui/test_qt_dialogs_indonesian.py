"""Qt's own dialogs (file, print, print preview, message boxes) speak Bahasa Indonesia.

Qt ships no Indonesian translation of its widgets, so ``resources/translations/qtbase_id.ts``
holds ours. Each dialog is opened for real (offscreen) and every text on it is read: labels,
buttons, tool tips, actions, tabs, combo box items and column headers. With the Indonesian
translation installed none of them may be one of the English texts that file translates; in
English the same walk finds them, so the walk can fail.
"""

import re
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QWidget,
)

from desktop_app.ui.application import install_translator

QT_TS = Path(__file__).parents[2] / "resources" / "translations" / "qtbase_id.ts"


def _plain(text: str) -> str:
    """A text as the eye reads it: no mnemonic '&', no shortcut after a tab."""
    return re.sub(r"&(?=[^&])", "", text.split("\t")[0]).replace("…", "...").strip()


def _english_texts() -> set[str]:
    """The English texts of Qt's that qtbase_id.ts says something else for."""
    english = set()
    for message in ElementTree.parse(QT_TS).getroot().iter("message"):
        source = _plain(message.findtext("source"))
        if source and source != _plain(message.findtext("translation")):
            english.add(source)
    return english


ENGLISH = _english_texts()


def _texts(dialog: QWidget) -> Iterator[str]:
    yield dialog.windowTitle()
    for widget in [dialog, *dialog.findChildren(QWidget)]:
        yield widget.toolTip()
        if isinstance(widget, (QLabel, QAbstractButton, QLineEdit)):
            yield widget.text()
        if isinstance(widget, QLineEdit):
            yield widget.placeholderText()
        if isinstance(widget, QGroupBox):
            yield widget.title()
        if isinstance(widget, QTabWidget):
            yield from (widget.tabText(i) for i in range(widget.count()))
        if isinstance(widget, QComboBox):
            yield from (widget.itemText(i) for i in range(widget.count()))
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            yield from (str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                        for c in range(model.columnCount()))
    for action in dialog.findChildren(QAction):
        yield action.text()
        yield action.toolTip()


def english_left(dialog: QWidget) -> list[str]:
    return sorted({_plain(t) for t in _texts(dialog) if _plain(t) in ENGLISH})


@pytest.fixture(params=["id", "en"])
def language(request, qapp) -> Iterator[str]:
    translator = install_translator(qapp, request.param)
    yield request.param
    if translator is not None:
        qapp.removeTranslator(translator)
    install_translator(qapp, "en")  # Qt's English again for later tests


def _check(dialog: QWidget, language: str) -> None:
    left = english_left(dialog)
    if language == "id":
        assert left == [], f"English left on {type(dialog).__name__}: {left}"
    else:
        assert len(left) > 3, left  # the walk does see Qt's English texts


def test_the_file_dialog_speaks_the_users_language(qtbot, tmp_path, language) -> None:
    for mode in (QFileDialog.AcceptMode.AcceptSave, QFileDialog.AcceptMode.AcceptOpen):
        dialog = QFileDialog(None, "", str(tmp_path), "PDF (*.pdf)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's own, as on Linux
        dialog.setAcceptMode(mode)
        dialog.setViewMode(QFileDialog.ViewMode.Detail)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        _check(dialog, language)
        if language == "id":
            buttons = {b.text() for b in dialog.findChildren(QPushButton)}
            assert {"&Simpan" if mode == QFileDialog.AcceptMode.AcceptSave else "&Buka",
                    "Batal"} <= buttons
        dialog.close()


def test_the_print_dialog_speaks_the_users_language(qtbot, language) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    options = next(b for b in dialog.findChildren(QPushButton) if ">>" in b.text())
    options.click()  # copies, page range, duplex: the page the officer rarely opens
    _check(dialog, language)
    dialog.close()


def test_the_print_preview_speaks_the_users_language(qtbot, language) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # outlives the dialog
    dialog = QPrintPreviewDialog(printer)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    _check(dialog, language)
    if language == "id":
        tips = {a.toolTip() for a in dialog.findChildren(QAction)}
        assert {"Halaman berikutnya", "Perbesar", "Cetak", "Pengaturan halaman"} <= tips
    dialog.close()


def test_message_box_buttons_speak_the_users_language(qtbot, language) -> None:
    buttons = (QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
               | QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
               | QMessageBox.StandardButton.Cancel)
    box = QMessageBox(QMessageBox.Icon.Question, "", "?", buttons)
    box.setDetailedText("…")
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    _check(box, language)
    if language == "id":
        assert box.button(QMessageBox.StandardButton.Yes).text() == "&Ya"
        assert box.button(QMessageBox.StandardButton.Discard).text() == "Buang"
    box.close()


@pytest.mark.parametrize("field_type", [QLineEdit, QPlainTextEdit])
def test_text_fields_right_click_menus_speak_the_users_language(qtbot, language,
                                                                field_type) -> None:
    field = field_type("teks")
    qtbot.addWidget(field)
    menu = field.createStandardContextMenu()
    texts = [_plain(a.text()) for a in menu.actions() if a.text()]
    menu.deleteLater()
    assert bool(set(texts) & ENGLISH) is (language == "en"), texts
    if language == "id":
        assert {"Salin", "Tempel", "Pilih semua"} <= set(texts)
