"""File > Import from Excel (the dialog: sheet, columns, first rows) and File > Export."""

from datetime import date
from pathlib import Path

from openpyxl import Workbook, load_workbook
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop_app.spreadsheets.worker_lists import preview_list
from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.ui.import_dialog import ImportDialog

TODAY = date(2026, 5, 20)


def worker_list(tmp_path: Path) -> Path:
    book = Workbook()
    book.active.title = "Catatan"
    book.active.append(["Kiriman Desa Adat Tonja"])
    sheet = book.create_sheet("Krama")
    sheet.append(["Nomor Identitas", "Nama", "Tgl Lahir", "Banjar", "Keterangan"])
    sheet.append(["5171045708850023", "Ni Luh Ayu", "17-08-1985", "Banjar Kaja", "ketua"])
    path = tmp_path / "krama.xlsx"
    book.save(path)
    return path


def test_the_dialog_shows_the_sheet_and_lets_a_column_be_named(qtbot, tmp_path) -> None:
    path = worker_list(tmp_path)
    preview = preview_list(path)
    dialog = ImportDialog(path, preview, language="en")
    qtbot.addWidget(dialog)
    # no sheet has a NIK header: the sheet with columns is offered, for them to be named
    assert dialog.sheet.currentText() == "Krama"
    assert "not recognised" in dialog.problem.text()
    assert dialog.sample.rowCount() == 1 and dialog.sample.item(0, 1).text() == "Ni Luh Ayu"
    assert "NIK column" in dialog.problem_text()
    dialog.sheet.setCurrentText("Catatan")
    assert dialog.columns.rowCount() == 0 and "no rows" in dialog.problem.text()
    dialog.sheet.setCurrentText("Krama")
    nik = dialog.columns.cellWidget(0, 1)
    nik.setCurrentIndex(nik.findData("nik"))
    notes = dialog.columns.cellWidget(4, 1)
    notes.setCurrentIndex(notes.findData("notes"))
    banjar = dialog.columns.cellWidget(3, 1)
    banjar.setCurrentIndex(0)  # not imported
    assert dialog.problem_text() is None
    assert dialog.mapping() == {"Nomor Identitas": "nik", "Nama": "full_name",
                                "Tgl Lahir": "birth_date", "Banjar": "",
                                "Keterangan": "notes"}


def test_import_and_export_from_the_file_menu(qtbot, window, valid_record, tmp_path,
                                              monkeypatch) -> None:
    path = worker_list(tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))

    def choose(dialog: ImportDialog) -> int:
        nik = dialog.columns.cellWidget(0, 1)
        nik.setCurrentIndex(nik.findData("nik"))
        return 1

    told = []
    monkeypatch.setattr(ImportDialog, "exec", choose)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    window.spreadsheets.import_action.trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=10_000)
    assert "1 drafts" in told[0] and "krama-hasil.xlsx" in told[0]
    stored = EnrollmentStore(window.engine).find_by_nik("5171045708850023")
    assert stored.record.full_name == "Ni Luh Ayu" and stored.record.banjar == "Banjar Kaja"

    exported = tmp_path / "ekspor.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(exported), ""))
    window.spreadsheets.export_action.trigger()
    qtbot.waitUntil(lambda: "Exported 1 records" in window.statusBar().currentMessage(),
                    timeout=10_000)
    rows = list(load_workbook(exported)["Pendaftaran"].values)
    assert len(rows) == 2 and rows[1][0] == "5171045708850023"
