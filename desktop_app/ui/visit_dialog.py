"""Starting a visit: kecamatan, then desa/kelurahan, then banjar (or a new one), and the day.

Typed names are resolved to the one item they name, so what the officer sees is what is
recorded; the place then goes through the same check as an enrollment's address. The day is
typed as every date is (``DateEntry``) and checked by the rule the store and the CLI apply.
"""

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QWidget,
)

from desktop_app.domain.banjar import banjar_in_desa
from desktop_app.domain.months import check_recorded_day
from desktop_app.domain.validation import check_place
from desktop_app.domain.wilayah import districts, find_area, villages
from desktop_app.store.visits import VisitInfo
from desktop_app.ui.date_entry import DateEntry
from desktop_app.ui.form_dialog import FormDialog
from desktop_app.ui.form_editors import filter_as_typed, find_named_item


class VisitDialog(FormDialog):
    def __init__(self, today: date, last: VisitInfo | None = None,
                 parent: QWidget | None = None, *, language: str = "id") -> None:
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
        self.day = DateEntry(language, "visit_date", required=True,
                             rule=lambda day: check_recorded_day(day, today=today,
                                                                 field="visit_date"))
        self.day.set_day(today)  # selected when Tab reaches it: typing replaces it whole
        self.today = today
        self.chosen: tuple[str, str, date] | None = None  # set by an accepted OK
        form = QFormLayout()
        form.addRow(self.tr("Kecamatan"), self.district)
        form.addRow(self.tr("Desa/kelurahan"), self.village)
        form.addRow(self.tr("Banjar (choose or type a new one)"), self.banjar)
        form.addRow(self.tr("Date"), self.day)
        form.addRow(self.day.note)  # the whole width: the note stays on one or two lines
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

    def _show_place(self, visit: VisitInfo) -> None:
        """Opens on the last visit's place: the next meeting is often in the same desa."""
        village = find_area(visit.desa_code)
        if village is not None:
            self.district.setCurrentIndex(self.district.findData(village.parent_code))
            self.village.setCurrentIndex(self.village.findData(village.code))
        self.banjar.setEditText(visit.banjar)

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 (Qt API)
        """Tab out of the kecamatan or the desa resolves what was typed, so the next list is
        the one it names (the combo keeps the focus, so its line edit never finishes)."""
        for combo in (self.district, self.village):
            if combo.hasFocus():
                self._resolve(combo)
        return super().focusNextPrevChild(forward)

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

    def choice(self) -> tuple[str, str, date | None]:
        """Desa code, banjar (canonical spelling) and the day; the desa code is empty when the
        typed kecamatan or desa names no single item of the list, the day None when it is
        empty or refused (its note says why)."""
        typed_village, typed_banjar = self.village.currentText(), self.banjar.currentText()
        named = self._resolve(self.district) >= 0
        if named:  # a kecamatan resolved now refills the desa list: what was typed stays
            self.village.setEditText(typed_village)
            named = self._resolve(self.village) >= 0
        self.banjar.setEditText(typed_banjar)  # likewise when the desa refills the banjar list
        desa = (self.village.currentData() or "") if named else ""
        _, banjar, _ = check_place(desa, typed_banjar)
        return desa, banjar, self.day.check()

    def accept(self) -> None:
        """Closes only on a usable place and day, kept in ``chosen`` (reading the boxes
        again could cascade: a resolved desa refills the banjar list and empties it)."""
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
        if day is None:  # the note beside the date says what is wrong
            self.problem.clear()
            self.day.setFocus()
            self.day.selectAll()
            return
        self.problem.clear()
        self.chosen = (desa, banjar, day)
        super().accept()
