"""What a sync did, for the officer to act on: the run's headline (the very line the status
bar shows), the records refused by the office or waiting for review (for a conflict, the
name and birth date the office holds for that NIK beside the laptop's, so the officer can
ask the person while they are still there), and the officer's records the office changed or
decided, with what changed. NIKs are masked as on receipts."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.display import format_date
from desktop_app.domain.form_definition import field_label
from desktop_app.domain.office_changes import OfficeAction, OfficeChange
from desktop_app.domain.receipt_number import mask_nik
from desktop_app.domain.sync_outcomes import outcome_label
from desktop_app.sync.summary import SyncSummary


def _person(name: str | None, birth_date: str | None) -> str:
    """``Ni Made Sari Dewi, 17-08-1985`` from a name and an ISO birth date."""
    born = format_date(date.fromisoformat(birth_date)) if birth_date else ""
    return ", ".join(part for part in (name or "", born) if part)


class SyncResultDialog(QDialog):
    def __init__(self, summary: SyncSummary, language: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.setWindowTitle(self.tr("Sync finished"))
        self.headline = QLabel(summary.headline.in_language(language))
        self.headline.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        self.problems = self._table(
            [self.tr("NIK"), self.tr("On this laptop"), self.tr("At the office"),
             self.tr("Outcome"), self.tr("What to do")],
            [self._problem_row(p) for p in summary.problems])
        self.changes = self._table(
            [self.tr("NIK"), self.tr("Name"), self.tr("What the office did"),
             self.tr("What changed")],
            [self._change_row(c) for c in summary.office_changes])
        for title, table in ((self.tr("Records to look at"), self.problems),
                             (self.tr("Your records changed or decided by the office"),
                              self.changes)):
            if table.rowCount():
                layout.addWidget(QLabel(f"<b>{title}</b>"))
                layout.addWidget(table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(960, 480 if summary.needs_officer else self.sizeHint().height())

    def _table(self, headers: list[str], rows: list[tuple[str, ...]]) -> QTableWidget:
        table = QTableWidget(len(rows), len(headers))
        table.setHorizontalHeaderLabels(headers)
        for row, texts in enumerate(rows):
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # long advice stays readable
                table.setItem(row, column, item)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setWordWrap(True)
        table.verticalHeader().hide()
        table.resizeColumnsToContents()
        header = table.horizontalHeader()
        header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
        # the last column's width is known once the dialog is laid out: the rows grow then
        # to show its whole text, wrapped, rather than cut off with "..." (queued: the view
        # takes the new width after the header tells it)
        header.sectionResized.connect(lambda *_: table.resizeRowsToContents(),
                                      Qt.ConnectionType.QueuedConnection)
        return table

    def _fields(self, names: list[str]) -> str:
        return ", ".join(field_label(name).in_language(self.language) for name in names)

    def _problem_row(self, problem: dict) -> tuple[str, ...]:
        laptop = _person(problem["full_name"], problem.get("birth_date"))
        if problem["outcome"] == "conflict":
            office = _person(problem.get("office_full_name"), problem.get("office_birth_date"))
            if office:
                advice = self.tr("The office holds this NIK with another {fields}. Ask the "
                                 "person which is right while they are here and note it; a "
                                 "supervisor will decide.")
            else:  # an older office does not say whom it holds
                advice = self.tr("The office holds this NIK with another {fields}; a "
                                 "supervisor will decide.")
            return (mask_nik(problem["nik"]), laptop, office, self._outcome(problem),
                    advice.format(fields=self._fields(problem["conflicting"])))
        reasons = "; ".join(f"{field_label(r['field']).in_language(self.language)}: "
                            f"{r['message'][self.language]}" for r in problem["reasons"])
        return (mask_nik(problem["nik"]), laptop, "", self._outcome(problem), reasons)

    def _outcome(self, problem: dict) -> str:
        """In the words of the headline (and the CLI): "menunggu pemeriksaan", "ditolak"."""
        return outcome_label(problem["outcome"]).in_language(self.language)

    def _change_row(self, change: OfficeChange) -> tuple[str, ...]:
        did = {OfficeAction.MERGED: self.tr("merged with the office's record"),
               OfficeAction.SETTLED: self.tr("review decided by {who}").format(
                   who=change.decided_by or self.tr("a supervisor")),
               OfficeAction.CHANGED: self.tr("changed at the office")}[change.action]
        empty = self.tr("(empty)")
        changed = "; ".join(
            f"{field_label(c.field).in_language(self.language)}: "
            f"{c.before.in_language(self.language) or empty} → "
            f"{c.after.in_language(self.language) or empty}" for c in change.changes)
        return (mask_nik(change.nik), change.full_name, did,
                changed or self.tr("nothing changed on this laptop: its values were kept"))
