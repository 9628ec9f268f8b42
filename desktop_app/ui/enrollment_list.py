"""The list of enrollments on this laptop: search as you type, filters, sorting, open to edit.

Pages come from the table model on demand; the number of matches is counted on a background
thread, so typing never waits for a count over 200,000 rows.
"""

import uuid

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from desktop_app.domain.banjar import canonical_banjar_name
from desktop_app.domain.enrollment import EnrollmentStatus
from desktop_app.store.search import EnrollmentQuery, count_enrollments
from desktop_app.store.visits import list_visits
from desktop_app.ui.background import BackgroundTasks
from desktop_app.ui.date_entry import DateEntry
from desktop_app.ui.enrollment_table import EnrollmentTableModel, status_label

SEARCH_PAUSE_MS = 150  # wait for a pause in typing before asking the database


class EnrollmentList(QWidget):
    open_requested = Signal(object)  # uuid.UUID
    counted = Signal(int)

    def __init__(self, engine: Engine, tasks: BackgroundTasks,
                 parent: QWidget | None = None, *, language: str = "id") -> None:
        super().__init__(parent)
        self._engine = engine
        self._tasks = tasks
        self._generation = 0
        self.search_box = QLineEdit(placeholderText=self.tr("Search by NIK or name (Ctrl+F)"))
        self.search_box.setClearButtonEnabled(True)
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("All statuses"), None)
        for status in EnrollmentStatus:
            self.status_filter.addItem(status_label(status), status)
        self.visit_filter = QComboBox()
        self.banjar_filter = QLineEdit(placeholderText=self.tr("Banjar"))
        # dates typed as everywhere else; one that cannot be read is said, never ignored
        self.from_filter = DateEntry(language, "enrolled_from",
                                     placeholder=self.tr("from dd/mm/yyyy"))
        self.to_filter = DateEntry(language, "enrolled_to", placeholder=self.tr("to dd/mm/yyyy"))
        for box in (self.from_filter, self.to_filter):
            box.setFixedWidth(self.fontMetrics().horizontalAdvance(box.placeholderText()) + 24)
        self.count_label = QLabel()
        self.model = EnrollmentTableModel(engine, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        # several rows (Shift, Ctrl) for printing their receipts together
        self.table.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        metrics = self.table.fontMetrics()
        self.table.verticalHeader().setDefaultSectionSize(metrics.height() + 8)
        header = self.table.horizontalHeader()
        header.resizeSection(0, metrics.horizontalAdvance("0" * 16) + 24)  # the whole NIK
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(3, metrics.horizontalAdvance("Banjar Dangin Puri Kelod"))
        header.resizeSection(5, metrics.horizontalAdvance("00-00-0000 00:00") + 24)
        filters = QHBoxLayout()
        filters.addWidget(self.search_box, 3)
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.visit_filter, 2)
        filters.addWidget(self.banjar_filter, 1)
        filters.addWidget(self.from_filter)
        filters.addWidget(self.to_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(filters)
        date_notes = QHBoxLayout()  # under the date filters, shown only when one is wrong
        date_notes.addStretch(1)
        date_notes.addWidget(self.from_filter.note)
        date_notes.addWidget(self.to_filter.note)
        layout.addLayout(date_notes)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self._pause = QTimer(self, singleShot=True, interval=SEARCH_PAUSE_MS)
        self._pause.timeout.connect(self.refresh)
        for box in (self.search_box, self.banjar_filter, self.from_filter, self.to_filter):
            box.textChanged.connect(self._pause.start)
        for combo in (self.status_filter, self.visit_filter):
            combo.currentIndexChanged.connect(self.refresh)
        # Down or PageDown in the search box goes on to the results (then Enter opens one)
        self.search_box.installEventFilter(self)
        # activated covers double-click and Enter; doubleClicked as well would open twice
        self.table.activated.connect(
            lambda index: self.open_requested.emit(self.model.enrollment_id(index.row())))
        self.reload_visits()
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if (watched is self.search_box and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown)
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            return self._go_to_results()
        return super().eventFilter(watched, event)

    def _go_to_results(self) -> bool:
        """Focus on the first result, selected; False (the key goes on) when there is none."""
        if self._pause.isActive():  # typed within the pause: show what was typed first
            self.refresh()
        if self.model.rowCount() == 0:
            return False
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.table.setCurrentIndex(self.model.index(0, 0))
        self.table.selectRow(0)
        return True

    def reload_visits(self, selected: uuid.UUID | None = None) -> None:
        current = selected or self.visit_filter.currentData()
        self.visit_filter.blockSignals(True)
        self.visit_filter.clear()
        self.visit_filter.addItem(self.tr("All visits"), None)
        for visit in list_visits(self._engine, limit=100):
            self.visit_filter.addItem(f"{visit.visit_date:%d-%m-%Y} {visit.banjar}", visit.id)
        index = self.visit_filter.findData(current) if current else 0
        self.visit_filter.setCurrentIndex(max(index, 0))
        self.visit_filter.blockSignals(False)

    def selected_ids(self) -> list[uuid.UUID]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.enrollment_id(row) for row in rows]

    def current_query(self) -> EnrollmentQuery:
        banjar = self.banjar_filter.text().strip()
        return EnrollmentQuery(
            text=self.search_box.text(),
            status=self.status_filter.currentData(),
            visit_id=self.visit_filter.currentData(),
            banjar=canonical_banjar_name(banjar) if banjar else None,
            enrolled_from=self.from_filter.read()[0],
            enrolled_to=self.to_filter.read()[0])

    def refresh(self) -> None:
        """Shows the first page at once; the count of all matches follows from a worker."""
        self._pause.stop()
        if any(box.read()[1] for box in (self.from_filter, self.to_filter)):
            # half-typed or wrong: the rows are not filtered by a date the officer did not mean
            self.count_label.setText(self.tr(
                "The date filter is not a date yet: type ddmmyyyy or dd/mm/yyyy."))
            return
        query = self.current_query()
        self.model.set_query(query)
        self._generation += 1
        generation = self._generation
        self.count_label.setText(self.tr("Counting…"))
        self._tasks.start(lambda: count_enrollments(self._engine, query),
                          on_done=lambda total: self._show_count(generation, total),
                          on_error=lambda _: self._show_count(generation, None))

    def _show_count(self, generation: int, total: int | None) -> None:
        if generation != self._generation:  # an older search finished after a newer one
            return
        if total is None:
            self.count_label.setText(self.tr("The number of matches could not be counted."))
            return
        self.count_label.setText(self.tr("%n enrollment(s)", "", total))
        self.counted.emit(total)
