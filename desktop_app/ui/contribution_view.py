"""The live contribution: a one-line summary in the form, and the month-by-month breakdown."""

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
from desktop_app.domain.messages import format_rupiah


class ContributionSummary(QLabel):
    """``Rp10.900 per bulan × 3 bulan = Rp32.700 (potongan PP 50/2025)``, or what is missing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.show_quote(None)

    def show_quote(self, quote: ContributionQuote | None) -> None:
        self.setText(self.describe(quote))

    def describe(self, quote: ContributionQuote | None) -> str:
        if quote is None:
            return self.tr("Fill in occupation and income to see the contribution.")
        first = quote.months[0].total
        same = all(m.total == first for m in quote.months)
        per_month = format_rupiah(first) if same else self.tr("varies by month")
        text = self.tr("{amount} per month × {months} month(s) = {total}").format(
            amount=per_month, months=len(quote.months), total=format_rupiah(quote.total))
        discounts = {c.discount_name for m in quote.months for c in m.charges if c.discount_name}
        if discounts:
            text += " " + self.tr("(discount {name})").format(name=", ".join(sorted(discounts)))
        if quote.due_from_participant == 0:
            text += "\n" + self.tr("Paid by the funding source: the participant pays Rp0.")
        return text


class ContributionDialog(QDialog):
    """Month by month: each programme's amount, the discount where it applies, the total."""

    def __init__(self, quote: ContributionQuote, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Contribution month by month"))
        programs = [c.program for c in quote.months[0].charges]
        table = QTableWidget(len(quote.months) + 1, len(programs) + 2, self)
        table.setHorizontalHeaderLabels(
            [self.tr("Month"), *(str(p) for p in programs), self.tr("Total")])
        table.verticalHeader().hide()
        for row, month in enumerate(quote.months):
            table.setItem(row, 0, QTableWidgetItem(str(month.month)))
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
