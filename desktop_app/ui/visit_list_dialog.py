"""The visits on this laptop with their totals, to resume one (File > Resume visit), and the
totals as the end-of-visit question tells them.

Officers reconcile the people and the cash of a meeting at its end, so every visit shows what
it holds: people enrolled, cash collected from the participants, and what sponsors pay.
"""

import uuid

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.form_definition import enrollment_form
from desktop_app.domain.messages import format_rupiah
from desktop_app.store.visits import VisitSummary, VisitTotals


def totals_text(totals: VisitTotals, language: str) -> str:
    """People and money of a visit, a line each (the end question and its status message)."""
    lines = [
        QCoreApplication.translate(
            "VisitTotals", "People enrolled: {people} ({counted} ready or synced)").format(
                people=totals.enrollments, counted=totals.counted),
        QCoreApplication.translate(
            "VisitTotals", "Cash collected from participants: {amount}").format(
                amount=format_rupiah(totals.collected)),
        QCoreApplication.translate("VisitTotals", "Sponsored: {amount}").format(
            amount=format_rupiah(totals.sponsored)),
    ]
    payers = {c.code: c.label for c in enrollment_form().choices("funding_sources")}
    lines += [f"    {payers[str(payer)].in_language(language)}: {format_rupiah(amount)}"
              for payer, amount in totals.sponsored_by]
    return "\n".join(lines)


class VisitListDialog(QDialog):
    """Up and Down choose a visit; Enter resumes it."""

    COLUMNS = 6

    def __init__(self, visits: list[VisitSummary], *, current: uuid.UUID | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Resume a visit"))
        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setHeaderLabels([self.tr("Date"), self.tr("Place"), self.tr("People"),
                                    self.tr("Cash collected"), self.tr("Sponsored"),
                                    self.tr("State")])
        for visit in visits:
            totals = visit.totals or VisitTotals(visit.enrollments, 0, 0, 0)
            item = QTreeWidgetItem([
                f"{visit.visit_date:%d-%m-%Y}", visit.place(), str(visit.enrollments),
                format_rupiah(totals.collected), format_rupiah(totals.sponsored),
                self.tr("open") if visit.is_open else self.tr("ended")])
            item.setData(0, Qt.ItemDataRole.UserRole, visit.id)
            for column in (2, 3, 4):  # numbers line up on the right
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
            self.table.addTopLevelItem(item)
            if visit.id == current:
                self.table.setCurrentItem(item)
        if self.table.currentItem() is None and visits:
            self.table.setCurrentItem(self.table.topLevelItem(0))
        for column in range(self.COLUMNS):
            self.table.resizeColumnToContents(column)
        self.table.itemDoubleClicked.connect(lambda _item, _column: self.accept())
        note = QLabel(self.tr("Cash collected counts the ready and synced records the "
                              "participants pay themselves (mandiri). An ended visit opens "
                              "again when resumed."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.resume_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.resume_button.setText(self.tr("&Resume"))  # the default: Enter in the list
        self.resume_button.setEnabled(bool(visits))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if not visits:
            layout.addWidget(QLabel(self.tr("No visit on this laptop yet: File > Start visit.")))
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.table.setFocus()
        self.resize(760, 380)

    def chosen(self) -> uuid.UUID | None:
        item = self.table.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def accept(self) -> None:
        if self.chosen() is not None:
            super().accept()
