"""Starting a visit: kecamatan, then desa/kelurahan, then banjar (or a new one), and the day."""

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.banjar import banjar_in_desa, canonical_banjar_name
from desktop_app.domain.wilayah import districts, villages


def _filtering(combo: QComboBox) -> None:
    """Typing part of a name narrows the list (``kaja`` finds Sanur Kaja, Sumerta Kaja...)."""
    completer = QCompleter(combo.model(), combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    combo.setCompleter(completer)


class VisitDialog(QDialog):
    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Start a visit"))
        self.district = QComboBox(editable=True)
        self.village = QComboBox(editable=True)
        self.banjar = QComboBox(editable=True)
        for combo in (self.district, self.village, self.banjar):
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for district in districts():
            self.district.addItem(district.name, district.code)
        _filtering(self.district)
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setCalendarPopup(True)
        form = QFormLayout()
        form.addRow(self.tr("Kecamatan"), self.district)
        form.addRow(self.tr("Desa/kelurahan"), self.village)
        form.addRow(self.tr("Banjar (choose or type a new one)"), self.banjar)
        form.addRow(self.tr("Date"), self.day)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.district.currentIndexChanged.connect(self._district_chosen)
        self.village.currentIndexChanged.connect(self._village_chosen)
        self._district_chosen()
        self.resize(460, self.sizeHint().height())

    def _district_chosen(self) -> None:
        self.village.clear()
        for village in villages(self.district.currentData()):
            self.village.addItem(village.name, village.code)
        _filtering(self.village)
        self._village_chosen()

    def _village_chosen(self) -> None:
        self.banjar.clear()
        for banjar in banjar_in_desa(self.village.currentData() or ""):
            self.banjar.addItem(banjar.name)
        self.banjar.setEditText("")
        _filtering(self.banjar)

    def choice(self) -> tuple[str, str, date]:
        """Desa code, banjar as typed (canonical spelling) and the day."""
        day = self.day.date()
        return (self.village.currentData() or "",
                canonical_banjar_name(self.banjar.currentText(), self.village.currentData() or ""),
                date(day.year(), day.month(), day.day()))

    def accept(self) -> None:
        desa, banjar, _ = self.choice()
        if not desa:
            self.problem.setText(self.tr("Choose the desa/kelurahan."))
            return
        if not banjar:
            self.problem.setText(self.tr("Choose or type the banjar."))
            return
        super().accept()
