"""File > Import from Excel and File > Export to Excel: the dialogs, and the work on a worker.

Import asks for the file, shows the import dialog (sheet, columns, first rows), then imports
on a worker with progress in the status bar. When it ends, a message gives the counts and
where the result workbook is. Export writes what the list shows now (its search and filters)
to a workbook with the recap.
"""

import uuid
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy import Engine

from desktop_app.domain.messages import BilingualError
from desktop_app.store.search import EnrollmentQuery
from desktop_app.store.visits import VisitInfo
from desktop_app.ui.background import BackgroundTasks
from desktop_app.ui.file_locations import open_path, save_path

if TYPE_CHECKING:
    from desktop_app.spreadsheets.worker_import import ImportSummary

# openpyxl and the import dialog are loaded when Excel is first used, not at every start


class SpreadsheetActions(QObject):
    message = Signal(str)  # one line for the status bar
    imported = Signal()  # records were added: lists and counts change

    def __init__(self, *, engine: Engine, settings: QSettings, tasks: BackgroundTasks,
                 window: QWidget, officer_id: uuid.UUID, language: str,
                 today: Callable[[], date], visit: Callable[[], VisitInfo | None],
                 query: Callable[[], EnrollmentQuery]) -> None:
        super().__init__(window)
        self.engine, self.settings, self.tasks, self.window = engine, settings, tasks, window
        self.officer_id, self.language, self.today = officer_id, language, today
        self._visit, self._query = visit, query
        self.import_action = QAction(self.tr("&Import from Excel…"), window)
        self.import_action.triggered.connect(self.import_file)
        self.export_action = QAction(self.tr("&Export to Excel…"), window)
        self.export_action.triggered.connect(self.export_file)

    def _tell(self, text: str) -> None:
        QMessageBox.information(self.window, self.tr("Excel"), text)

    def import_file(self) -> None:
        from desktop_app.spreadsheets.workbook_files import WorkbookRefused
        from desktop_app.spreadsheets.worker_import import import_workers
        from desktop_app.spreadsheets.worker_lists import preview_list
        from desktop_app.ui.import_dialog import PREVIEW_ROWS, ImportDialog

        path = open_path(self.window, self.settings, title=self.tr("Import from Excel"),
                         file_filter="Excel (*.xlsx)")
        if path is None:
            return
        try:
            preview = preview_list(path, rows=PREVIEW_ROWS)
        except WorkbookRefused as refused:
            self._tell(refused.text.in_language(self.language))
            return
        dialog = ImportDialog(path, preview, language=self.language, parent=self.window)
        if not dialog.exec():
            return
        sheet, mapping, visit = dialog.sheet.currentText(), dialog.mapping(), self._visit()
        day = visit.visit_date if visit is not None else self.today()
        self.message.emit(self.tr("Importing {name}…").format(name=path.name))
        self.tasks.start(
            lambda report: import_workers(self.engine, path, officer_id=self.officer_id,
                                          on=day, sheet=sheet, mapping=mapping, visit=visit,
                                          language=self.language, progress=report),
            on_done=self._imported, on_error=self._failed,
            on_progress=lambda rows: self.message.emit(
                self.tr("Importing: {rows} rows read…").format(rows=rows)))

    def _imported(self, summary: "ImportSummary") -> None:
        self.imported.emit()
        self.message.emit(self.tr("Imported {rows} rows.").format(rows=summary.rows))
        self._tell(self.tr(
            "{rows} rows: {drafts} drafts to finish at the visit (consent), {ready} ready, "
            "{exists} already on this laptop, {refused} refused.\n\nEvery row, with what to "
            "fix, is in:\n{path}").format(
                rows=summary.rows, drafts=summary.drafts, ready=summary.ready,
                exists=summary.exists, refused=summary.refused, path=summary.result_path))

    def _failed(self, failure: Exception) -> None:
        said = (failure.text.in_language(self.language)
                if isinstance(failure, BilingualError) else None)
        self._tell(self.tr("Nothing was changed: {problem}").format(
            problem=said or getattr(failure, "strerror", None) or failure))

    def export_file(self) -> None:
        from desktop_app.spreadsheets.laptop_export import export_enrollments

        path = save_path(self.window, self.settings, title=self.tr("Export to Excel"),
                         name=f"pendaftaran-{self.today():%Y%m%d}.xlsx",
                         file_filter="Excel (*.xlsx)", suffix=".xlsx")
        if path is None:
            return
        query = self._query()
        self.message.emit(self.tr("Exporting…"))
        self.tasks.start(lambda: export_enrollments(self.engine, path, query),
                         on_done=lambda rows: self.message.emit(self.tr(
                             "Exported {rows} records: {path}").format(rows=rows, path=path)),
                         on_error=self._failed)
