"""The live contribution: a one-line summary in the form, and the month-by-month breakdown."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.contribution import ContributionQuote
from desktop_app.domain.contribution_summary import contribution_sentence, short_month_name
from desktop_app.domain.messages import format_rupiah


class ContributionSummary(QLabel):
    """The price as the officer reads it out, e.g. ``Rp42.000 untuk 3 bulan (Des Rp8.400
    dengan potongan PP 50/2025, Jan–Feb Rp16.800 per bulan)``, or what is still missing."""

    def __init__(self, language: str = "id", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.setWordWrap(True)
        # A period across a price change takes two lines, and a funding source adds a third;
        # the form's nested layouts do not ask a wrapped label for its height, so reserve it.
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 3 + 4)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.show_quote(None)

    def show_quote(self, quote: ContributionQuote | None) -> None:
        self.setText(self.describe(quote))

    def describe(self, quote: ContributionQuote | None) -> str:
        if quote is None:
            return self.tr("Fill in occupation and income to see the contribution.")
        text = contribution_sentence(quote).in_language(self.language)
        if quote.due_from_participant == 0:
            text += "\n" + self.tr("Paid by the funding source: the participant pays Rp0.")
        return text


class ContributionDialog(QDialog):
    """Month by month: each programme's amount, the discount where it applies, the total."""

    def __init__(self, quote: ContributionQuote, parent: QWidget | None = None, *,
                 language: str = "id") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Contribution month by month"))
        programs = [c.program for c in quote.months[0].charges]
        table = QTableWidget(len(quote.months) + 1, len(programs) + 2, self)
        table.setHorizontalHeaderLabels(
            [self.tr("Month"), *(str(p) for p in programs), self.tr("Total")])
        table.verticalHeader().hide()
        for row, month in enumerate(quote.months):
            # "Des 2026", as the spoken price and the receipt name months, not "2026-12"
            name = short_month_name(month.month).in_language(language)
            table.setItem(row, 0, QTableWidgetItem(f"{name} {month.month.year}"))
            for column, charge in enumerate(month.charges, start=1):
                text = format_rupiah(charge.amount)
                if charge.discount_name:
                    text += f" ({format_rupiah(charge.full_amount)})"
                item = QTableWidgetItem(text)
                if charge.discount_name:
                    item.setToolTip(self.tr("Discount {name}").format(name=charge.discount_name))
                table.setItem(row, column, item)
            table.setItem(row, len(programs) + 1, QTableWidgetItem(format_rupiah(month.total)))
        last = len(quote.months)
        table.setItem(last, 0, QTableWidgetItem(self.tr("Total")))
        table.setItem(last, len(programs) + 1, QTableWidgetItem(format_rupiah(quote.total)))
        table.resizeColumnsToContents()
        note = QLabel(self.tr("Discounted amounts show the full amount in brackets."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.table = table
        self.resize(table.horizontalHeader().length() + 60, 420)
