"""Starting a visit: kecamatan, then desa/kelurahan, then banjar (or a new one), and the day.

Typed names are resolved to the one item they name, so what the officer sees is what is
recorded; the place then goes through the same check as an enrollment's address.
"""

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QWidget,
)

from desktop_app.domain.banjar import banjar_in_desa
from desktop_app.domain.validation import check_place
from desktop_app.domain.wilayah import districts, find_area, villages
from desktop_app.store.models import Visit
from desktop_app.ui.form_dialog import FormDialog
from desktop_app.ui.form_editors import filter_as_typed, find_named_item


class VisitDialog(FormDialog):
    def __init__(self, today: date, last: Visit | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Start a visit"))
        self.district = QComboBox(editable=True)
        self.village = QComboBox(editable=True)
        self.banjar = QComboBox(editable=True)
        for combo in (self.district, self.village, self.banjar):
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for district in districts():
            self.district.addItem(district.name, district.code)
        filter_as_typed(self.district)
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setCalendarPopup(True)
        self.day.setMaximumDate(QDate(today.year, today.month, today.day))  # not ahead of time
        self.today = today
        form = QFormLayout()
        form.addRow(self.tr("Kecamatan"), self.district)
        form.addRow(self.tr("Desa/kelurahan"), self.village)
        form.addRow(self.tr("Banjar (choose or type a new one)"), self.banjar)
        form.addRow(self.tr("Date"), self.day)
        self.lay_out(form)
        self.district.currentIndexChanged.connect(self._district_chosen)
        self.village.currentIndexChanged.connect(self._village_chosen)
        self.district.lineEdit().editingFinished.connect(lambda: self._resolve(self.district))
        self.village.lineEdit().editingFinished.connect(lambda: self._resolve(self.village))
        self._district_chosen()
        if last is not None:
            self._show_place(last)
        self.district.lineEdit().selectAll()
        self.district.setFocus()
        self.resize(460, self.sizeHint().height())

    def _show_place(self, visit: Visit) -> None:
        """Opens on the last visit's place: the next meeting is often in the same desa."""
        village = find_area(visit.desa_code)
        if village is not None:
            self.district.setCurrentIndex(self.district.findData(village.parent_code))
            self.village.setCurrentIndex(self.village.findData(village.code))
        self.banjar.setEditText(visit.banjar)

    @staticmethod
    def _resolve(combo: QComboBox) -> int:
        """Selects the item the typed text names (the list below follows it)."""
        index = find_named_item(combo, combo.currentText())
        if index >= 0:
            if index != combo.currentIndex():
                combo.setCurrentIndex(index)
            combo.setEditText(combo.itemText(index))  # the whole name, also when unchanged
        return index

    def _district_chosen(self) -> None:
        self.village.clear()
        for village in villages(self.district.currentData()):
            self.village.addItem(village.name, village.code)
        filter_as_typed(self.village)
        self._village_chosen()

    def _village_chosen(self) -> None:
        self.banjar.clear()
        for banjar in banjar_in_desa(self.village.currentData() or ""):
            self.banjar.addItem(banjar.name)
        self.banjar.setEditText("")
        filter_as_typed(self.banjar)

    def choice(self) -> tuple[str, str, date]:
        """Desa code, banjar (canonical spelling) and the day; the desa code is empty when the
        typed kecamatan or desa names no single item of the list."""
        day, typed_banjar = self.day.date(), self.banjar.currentText()  # before any cascade
        named = (self._resolve(self.district) >= 0 and self._resolve(self.village) >= 0)
        desa = (self.village.currentData() or "") if named else ""
        _, banjar, _ = check_place(desa, typed_banjar)
        return desa, banjar, date(day.year(), day.month(), day.day())

    def accept(self) -> None:
        desa, banjar, day = self.choice()
        if not desa:
            self.problem.setText(self.tr(
                "Choose the kecamatan and the desa/kelurahan from the list (type part of the "
                "name, then pick it)."))
            (self.district if self._resolve(self.district) < 0 else self.village).setFocus()
            return
        if not banjar:
            self.problem.setText(self.tr("Choose or type the banjar."))
            self.banjar.setFocus()
            return
        if day > self.today:
            self.problem.setText(self.tr("The visit date cannot be after today."))
            self.day.setFocus()
            return
        super().accept()
