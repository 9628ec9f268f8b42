"""The Excel import dialog: choose the sheet, check what each column holds, see the first rows.

Columns are matched by their header the same way as ``banjar-enroll import``. The officer can
change any column's meaning (or leave it out) before importing; the choice travels as the
same header -> field mapping that ``import --mapping`` reads.
"""

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop_app.domain.display import format_date
from desktop_app.domain.form_definition import enrollment_form
from desktop_app.domain.spreadsheet_columns import is_header_row
from desktop_app.spreadsheets.worker_lists import MAPPABLE, ListPreview, preview_list
from desktop_app.ui.form_dialog import FormDialog

PREVIEW_ROWS = 8


def _shown(value: object) -> str:
    """A cell as a person reads it (dates dd-mm-yyyy, not Python's form)."""
    if isinstance(value, date):
        return format_date(value)
    return "" if value is None else str(value)


class ImportDialog(FormDialog):
    def __init__(self, path: Path, preview: ListPreview, *, language: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.setWindowTitle(self.tr("Import from Excel: {name}").format(name=path.name))
        self.resize(900, 560)
        labels = {f.field: f.label.in_language(language)
                  for s in enrollment_form().sections for f in s.fields}
        self.fields = sorted(MAPPABLE, key=lambda name: labels.get(name, name))
        self.labels = labels
        self.sheet = QComboBox()
        self.sheet.addItems(preview.sheets)
        self.columns = QTableWidget(0, 2)
        self.columns.setHorizontalHeaderLabels([self.tr("Column in the file"),
                                                self.tr("Field")])
        self.columns.horizontalHeader().setStretchLastSection(True)
        self.columns.verticalHeader().hide()
        self.sample = QTableWidget()
        self.sample.verticalHeader().hide()
        self.sample.horizontalHeader().setDefaultSectionSize(130)
        form = QFormLayout()
        form.addRow(self.tr("Sheet"), self.sheet)
        note = QLabel(self.tr("Each row is checked like the form. Complete rows become drafts "
                              "(consent is recorded at the visit); rows with mistakes are "
                              "not stored. Every row is listed, with what to fix, in a "
                              "result workbook next to the file."))
        note.setWordWrap(True)
        self.lay_out(form, self.columns, QLabel(self.tr("First rows")), self.sample, note)
        self._show(preview)
        self.sheet.currentTextChanged.connect(self._reload)

    def _reload(self, title: str) -> None:
        self._show(preview_list(self.path, sheet=title, rows=PREVIEW_ROWS))

    def _show(self, preview: ListPreview) -> None:
        self.preview = preview
        self.sheet.blockSignals(True)
        self.sheet.setCurrentText(preview.sheet)
        self.sheet.blockSignals(False)
        self.columns.setRowCount(len(preview.header))
        for row, header in enumerate(preview.header):
            self.columns.setItem(row, 0, QTableWidgetItem(_shown(header)))
            choice = QComboBox()
            choice.addItem(self.tr("(not imported)"), None)
            for name in self.fields:
                choice.addItem(self.labels.get(name, name), name)
            choice.setCurrentIndex(max(0, choice.findData(preview.columns.get(row))))
            self.columns.setCellWidget(row, 1, choice)
        self.sample.setColumnCount(len(preview.header))
        self.sample.setHorizontalHeaderLabels([_shown(h) for h in preview.header])
        self.sample.setRowCount(len(preview.sample))
        for row, values in enumerate(preview.sample):
            for column, value in enumerate(values[:len(preview.header)]):
                self.sample.setItem(row, column, QTableWidgetItem(_shown(value)))
        if not preview.header:
            self.problem.setText(self.tr("This sheet has no rows to import."))
        elif not is_header_row(preview.columns):
            self.problem.setText(self.tr("The headers were not recognised: choose what each "
                                         "column holds (NIK and full name at least)."))
        else:
            self.problem.setText("")

    def choice_of(self, row: int) -> str | None:
        return self.columns.cellWidget(row, 1).currentData()

    def mapping(self) -> dict[str, str]:
        """Header text -> field, as chosen (what ``import --mapping`` would say)."""
        return {_shown(header): self.choice_of(row) or ""  # "": left out
                for row, header in enumerate(self.preview.header) if _shown(header).strip()}

    def problem_text(self) -> str | None:
        chosen = [self.choice_of(row) for row in range(self.columns.rowCount())]
        if "nik" not in chosen or "full_name" not in chosen:
            return self.tr("Choose the NIK column and the full-name column.")
        repeated = sorted({self.labels.get(f, f) for f in chosen if f and chosen.count(f) > 1})
        if repeated:
            return self.tr("Each field can come from one column only: {fields}.").format(
                fields=", ".join(repeated))
        return None
