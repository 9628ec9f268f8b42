"""Receipts from the application: Save as PDF (on a worker), Print through Qt's preview, a
visit or a list selection at once, drafts refused, paper remembered."""

from datetime import date
from pathlib import Path

from builders import build_nik
from pdf_tools import pdf_words
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.ui.receipt_printing import PAPER_SETTING

TODAY = date(2026, 5, 20)


def printed(window, enrollment_id) -> list[dict]:
    return [h for h in window.store.history(enrollment_id) if h["action"] == "printed"]


def test_save_as_pdf_writes_the_form_persons_receipt(qtbot, window, valid_record,
                                                     tmp_path: Path, monkeypatch) -> None:
    stored = EnrollmentStore(window.engine).create(valid_record, officer_id=window.officer.id,
                                                   on=TODAY)
    window.open_enrollment(stored.id)
    target = tmp_path / "sari"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.settings.setValue(PAPER_SETTING, "58mm")
    window.receipts.pdf_action.trigger()
    qtbot.waitUntil(lambda: "Saved 1 receipt" in window.statusBar().currentMessage(),
                    timeout=10_000)
    pdf = tmp_path / "sari.pdf"
    assert "Ni Made Sari Dewi" in pdf_words(pdf)
    assert len(printed(window, stored.id)) == 1


def test_print_goes_through_the_preview_and_is_recorded_only_when_printed(
        qtbot, window, valid_record, tmp_path: Path, monkeypatch) -> None:
    stored = EnrollmentStore(window.engine).create(valid_record, officer_id=window.officer.id,
                                                   on=TODAY)
    window.open_enrollment(stored.id)
    answers = iter([0, 1])  # closed without printing, then printed
    output = tmp_path / "printer.pdf"

    def run_preview(dialog: QPrintPreviewDialog) -> int:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(output))
        dialog.paintRequested.emit(printer)
        return next(answers)

    monkeypatch.setattr(QPrintPreviewDialog, "exec", run_preview)
    window.receipts.print_action.trigger()
    assert printed(window, stored.id) == []
    window.receipts.print_action.trigger()
    assert len(printed(window, stored.id)) == 1
    assert "Printed 1 receipt" in window.statusBar().currentMessage()
    assert "Tanda Terima Pendaftaran Peserta BPU" in pdf_words(output)


def test_a_list_selection_and_a_visit_print_together(qtbot, window, valid_record,
                                                     tmp_path: Path, monkeypatch) -> None:
    window.start_visit("5171041004", "br tonja", TODAY)
    store = EnrollmentStore(window.engine)
    people = [store.create(valid_record.with_changes(
        nik=build_nik("517104", date(1980, 1, 1), "L", n + 1), full_name=f"I Made {name}",
        birth_date=None, sex=None), officer_id=window.officer.id, on=TODAY,
        visit_id=window.context.visit.id) for n, name in enumerate(("Oka", "Arsa", "Dana"))]
    window.list.refresh()
    window.show_list()
    qtbot.waitUntil(lambda: window.list.model.rowCount() == 3)
    window.list.table.selectAll()
    assert set(window.list.selected_ids()) == {p.id for p in people}
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "chosen.pdf"), ""))
    window.receipts.pdf_action.trigger()
    qtbot.waitUntil(lambda: "Saved 3 receipt" in window.statusBar().currentMessage(),
                    timeout=10_000)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "visit.pdf"), ""))
    window.receipts.visit_action.trigger()
    qtbot.waitUntil(lambda: (tmp_path / "visit.pdf").exists(), timeout=10_000)
    qtbot.waitUntil(lambda: all(len(printed(window, p.id)) == 2 for p in people))
    assert pdf_words(tmp_path / "visit.pdf").count("SALINAN") == 3
    monkeypatch.setattr(QPrintPreviewDialog, "exec", lambda dialog: 1)  # printed
    window.receipts.visit_print_action.trigger()
    assert all(len(printed(window, p.id)) == 3 for p in people)


def test_a_draft_gets_no_receipt_and_is_told_why(qtbot, window, valid_record,
                                                 monkeypatch) -> None:
    draft = EnrollmentStore(window.engine).create(
        valid_record.with_changes(consent=valid_record.consent.__class__()),
        officer_id=window.officer.id, on=TODAY, allow_draft=True)
    window.open_enrollment(draft.id)
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    window.receipts.print_action.trigger()
    assert told and "ready" in told[0]
    assert printed(window, draft.id) == []


def test_the_printer_and_the_paper_are_remembered(qtbot, window, valid_record, monkeypatch,
                                                  tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinterInfo

    from desktop_app.ui.receipt_printing import PRINTER_SETTING, chosen_paper
    from desktop_app.ui.settings_dialog import SettingsDialog

    def choose_paper(dialog: SettingsDialog) -> int:
        dialog.paper.setCurrentIndex(dialog.paper.findData("80mm"))
        return 1

    monkeypatch.setattr(SettingsDialog, "exec", choose_paper)
    window.edit_settings()
    assert chosen_paper(window.settings).key == "80mm"

    stored = EnrollmentStore(window.engine).create(valid_record, officer_id=window.officer.id,
                                                   on=TODAY)
    window.open_enrollment(stored.id)
    chosen = []  # this machine has no printer: the one the officer picks is stood in for
    monkeypatch.setattr(QPrinterInfo, "availablePrinterNames", lambda: ["Epson-TM-T82"])
    monkeypatch.setattr(QPrinter, "setPrinterName", lambda _self, name: chosen.append(name))
    monkeypatch.setattr(QPrinter, "printerName", lambda _self: "Epson-TM-T82")
    monkeypatch.setattr(QPrintPreviewDialog, "exec", lambda _dialog: 1)
    window.receipts.print_action.trigger()
    assert window.settings.value(PRINTER_SETTING) == "Epson-TM-T82"
    window.receipts.print_action.trigger()  # the next print starts on the remembered printer
    assert chosen == ["Epson-TM-T82"]


def test_a_visits_receipts_are_named_by_the_visit_day_not_the_print_day(
        qtbot, window, valid_record, tmp_path: Path, monkeypatch) -> None:
    visit_day = date(2026, 5, 18)  # two days before the window's today
    window.start_visit("5171041004", "br tonja", visit_day)
    EnrollmentStore(window.engine).create(valid_record, officer_id=window.officer.id,
                                          on=visit_day, visit_id=window.context.visit.id)
    suggested: list[str] = []

    def answer(_parent, _title, start, *_args, **_kwargs):
        suggested.append(Path(start).name)
        return str(tmp_path / "visit.pdf"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    window.receipts.visit_action.trigger()
    qtbot.waitUntil(lambda: (tmp_path / "visit.pdf").exists(), timeout=10_000)
    assert suggested == ["tanda-terima-kunjungan-20260518.pdf"]
