"""What a sync did: counts per outcome, and the records the officer must look at (refused by
the office with its reasons, or waiting for a supervisor's review of a conflict)."""

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

from desktop_app.domain.form_definition import enrollment_form
from desktop_app.store.sync_records import SyncCounts


def field_label(name: str, language: str) -> str:
    """A record field as the form names it (``full_name`` is "Nama lengkap (sesuai KTP)")."""
    try:
        return enrollment_form().field(name).label.in_language(language)
    except StopIteration:  # not a form field (e.g. the batch itself)
        return name


class SyncResultDialog(QDialog):
    def __init__(self, counts: SyncCounts, language: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sync finished"))
        summary = QLabel(self.tr(
            "Sent: {accepted} accepted, {merged} merged with the office's record, "
            "{conflict} waiting for review, {rejected} refused. Received from the office: "
            "{pulled}.").format(accepted=counts.accepted, merged=counts.merged,
                                conflict=counts.conflict, rejected=counts.rejected,
                                pulled=counts.pulled))
        summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        self.table = QTableWidget(len(counts.problems), 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("NIK"), self.tr("Name"), self.tr("Outcome"), self.tr("What to do")])
        outcomes = {"rejected": self.tr("refused"), "conflict": self.tr("review")}
        for row, problem in enumerate(counts.problems):
            if problem["outcome"] == "conflict":
                advice = self.tr("The office holds this NIK with another {fields}; a supervisor "
                                 "will decide.").format(fields=", ".join(
                                     field_label(f, language) for f in problem["conflicting"]))
            else:
                advice = "; ".join(f"{field_label(r['field'], language)}: "
                                   f"{r['message'][language]}" for r in problem["reasons"])
            for column, text in enumerate((problem["nik"], problem["full_name"],
                                           outcomes.get(problem["outcome"], ""), advice)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnsToContents()
        self.table.setVisible(bool(counts.problems))
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(820, 420 if counts.problems else self.sizeHint().height())
