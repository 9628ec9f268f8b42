"""Printing receipts from the application: Qt's print preview and print dialog, or a PDF.

Print (Ctrl+P) and Save as PDF act on the person in the form (saved first when it has
changes), or on the rows chosen in the list; "receipts of this visit" takes every ready record
of the current visit. A print is recorded only when the printer or the PDF took it. The
officer's printer and paper are remembered. PDFs of many receipts are written on a worker, so
the window stays responsive.
"""

import uuid
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy import Engine

from desktop_app.domain.receipt import ReceiptFacts
from desktop_app.receipts.issue import plan_receipts, record_receipts
from desktop_app.receipts.papers import DEFAULT_PAPER, PAPERS, Paper
from desktop_app.store.receipts import NotPrintable, PrintsChanged
from desktop_app.ui.background import BackgroundTasks
from desktop_app.ui.file_locations import save_path

PAPER_SETTING = "receipts/paper"
PRINTER_SETTING = "receipts/printer"


def chosen_paper(settings: QSettings) -> Paper:
    return PAPERS.get(str(settings.value(PAPER_SETTING, DEFAULT_PAPER)), PAPERS[DEFAULT_PAPER])


class ReceiptPrinting(QObject):
    """The receipt actions of the main window."""

    message = Signal(str)  # one line for the status bar

    def __init__(self, *, engine: Engine, settings: QSettings, tasks: BackgroundTasks,
                 window: QWidget, officer_id: uuid.UUID, language: str,
                 today: Callable[[], date], chosen: Callable[[], Sequence[uuid.UUID]],
                 visit: Callable[[], Sequence[uuid.UUID]]) -> None:
        super().__init__(window)
        self.engine, self.settings, self.tasks, self.window = engine, settings, tasks, window
        self.officer_id, self.language, self.today = officer_id, language, today
        self._chosen, self._visit = chosen, visit
        self.print_action = QAction(self.tr("&Print receipt…"), window)
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_action.triggered.connect(lambda: self.print_receipts(self._chosen()))
        self.pdf_action = QAction(self.tr("Save receipt as P&DF…"), window)
        self.pdf_action.triggered.connect(lambda: self.save_pdf(self._chosen()))
        self.visit_print_action = QAction(self.tr("Print receipts of t&his visit…"), window)
        self.visit_print_action.triggered.connect(lambda: self.print_receipts(self._visit()))
        self.visit_action = QAction(self.tr("Receipts of this visit to PD&F…"), window)
        self.visit_action.triggered.connect(lambda: self.save_pdf(self._visit(), visit=True))

    def _plan(self, ids: Sequence[uuid.UUID]) -> list[ReceiptFacts] | None:
        if not ids:
            self._tell(self.tr("Choose a saved person first: save the form, or pick rows in "
                               "the list."))
            return None
        try:
            return plan_receipts(self.engine, ids, officer_id=self.officer_id,
                                 today=self.today())
        except NotPrintable as refused:
            self._tell(refused.text.in_language(self.language))
            return None

    def _tell(self, text: str) -> None:
        QMessageBox.information(self.window, self.tr("Receipt"), text)

    def _record(self, planned: Sequence[ReceiptFacts], ids: Sequence[uuid.UUID]) -> bool:
        try:
            record_receipts(self.engine, planned, ids, officer_id=self.officer_id,
                            today=self.today())
        except PrintsChanged:
            self._tell(self.tr("Another print took these receipt numbers. Print again."))
            return False
        return True

    def print_receipts(self, ids: Sequence[uuid.UUID]) -> None:
        """Qt's print preview, from which the officer prints (or closes without printing)."""
        from desktop_app.receipts.render import paint_receipts  # segno: loaded on first use

        planned = self._plan(ids)
        if planned is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setFullPage(True)
        remembered = str(self.settings.value(PRINTER_SETTING, ""))
        if remembered and remembered in QPrinterInfo.availablePrinterNames():
            printer.setPrinterName(remembered)
        paper = chosen_paper(self.settings)
        dialog = QPrintPreviewDialog(printer, self.window)
        dialog.setWindowTitle(self.tr("Print receipt"))
        dialog.paintRequested.connect(lambda device: paint_receipts(
            device, planned, paper=paper, language=self.language))
        if dialog.exec() and self._record(planned, ids):
            self.settings.setValue(PRINTER_SETTING, printer.printerName())
            self.message.emit(self.tr("Printed {count} receipt(s): {number}").format(
                count=len(planned), number=planned[0].number))

    def save_pdf(self, ids: Sequence[uuid.UUID], *, visit: bool = False) -> None:
        from desktop_app.receipts.render import write_pdf  # segno: loaded on first use

        planned = self._plan(ids)
        if planned is None:
            return
        # a visit's receipts are named by its day, not the day they are printed
        name = (f"tanda-terima-kunjungan-{planned[0].enrolled_on:%Y%m%d}.pdf" if visit
                else f"tanda-terima-{planned[0].number}.pdf")
        path = save_path(self.window, self.settings, title=self.tr("Save receipts as PDF"),
                         name=name, file_filter="PDF (*.pdf)", suffix=".pdf")
        if path is None:
            return
        paper, language = chosen_paper(self.settings), self.language
        self.message.emit(self.tr("Writing {count} receipt(s)…").format(count=len(planned)))
        self.tasks.start(lambda: write_pdf(planned, path, paper=paper, language=language),
                         on_done=lambda _pages: self._saved(planned, ids, path),
                         on_error=lambda failure: self._tell(self.tr(
                             "The PDF could not be written: {problem}").format(
                                 problem=getattr(failure, "strerror", None) or failure)))

    def _saved(self, planned: Sequence[ReceiptFacts], ids: Sequence[uuid.UUID],
               path: Path) -> None:
        if not self._record(planned, ids):
            path.unlink(missing_ok=True)
            return
        self.message.emit(self.tr("Saved {count} receipt(s): {path}").format(
            count=len(planned), path=path))
