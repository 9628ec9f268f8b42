"""The enrollment list as a Qt table model: columns, roles, sorting and lazy paging.

Rows come a page at a time through ``canFetchMore``/``fetchMore`` (one indexed query of 200
rows, about a millisecond), so the view never asks for all 200,000 rows at once. Names found
by a near spelling (listed after the exact matches) are marked ≈, in italics, with a tooltip.
"""

import uuid

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont
from sqlalchemy import Engine

from desktop_app.domain.display import format_date
from desktop_app.domain.enrollment import EnrollmentStatus
from desktop_app.store.search import (
    EnrollmentQuery,
    EnrollmentSummary,
    SortKey,
    search_enrollments,
)

PAGE_SIZE = 200
NEAR_MARK = "≈"
_Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole
_SORT_KEYS = (SortKey.NIK, SortKey.NAME, SortKey.BIRTH_DATE, SortKey.BANJAR, SortKey.STATUS,
              SortKey.UPDATED)
STATUS_COLOURS = {  # background of the status cell; the text says it too
    EnrollmentStatus.DRAFT: "#e0e0e0",
    EnrollmentStatus.READY: "#d6e6fb",
    EnrollmentStatus.SYNCED: "#d4efd9",
    EnrollmentStatus.CONFLICT: "#fde2c4",
    EnrollmentStatus.REJECTED: "#f8d0d4",
    EnrollmentStatus.MERGED: "#eeeeee",
    EnrollmentStatus.WITHDRAWN: "#eeeeee",
}
CLASH_COLOUR = "#fff2a8"  # a rebase clash waits for the officer's eyes (rebase_rows)


def status_label(status: EnrollmentStatus) -> str:
    labels = {
        EnrollmentStatus.DRAFT: QCoreApplication.translate("status", "Draft"),
        EnrollmentStatus.READY: QCoreApplication.translate("status", "Ready to sync"),
        EnrollmentStatus.SYNCED: QCoreApplication.translate("status", "Synced"),
        EnrollmentStatus.CONFLICT: QCoreApplication.translate("status", "Conflict"),
        EnrollmentStatus.REJECTED: QCoreApplication.translate("status", "Rejected"),
        EnrollmentStatus.MERGED: QCoreApplication.translate("status", "Merged into another"),
        EnrollmentStatus.WITHDRAWN: QCoreApplication.translate("status", "Withdrawn"),
    }
    return labels[status]


class EnrollmentTableModel(QAbstractTableModel):
    def __init__(self, engine: Engine, parent: object = None) -> None:
        super().__init__(parent)
        self._engine = engine
        self._query = EnrollmentQuery()
        self._sort: tuple[SortKey, bool] | None = None
        self._rows: list[EnrollmentSummary] = []
        self._exhausted = False
        self.queries = 0  # page queries made since the last reset (tests check it stays small)
        self._headers = (self.tr("NIK"), self.tr("Name"), self.tr("Date of birth"),
                         self.tr("Banjar"), self.tr("Status"), self.tr("Last change"))

    @property
    def query(self) -> EnrollmentQuery:
        return self._query

    def set_query(self, query: EnrollmentQuery) -> None:
        self.beginResetModel()
        self._query, self._rows, self._exhausted, self.queries = query, [], False, 0
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(_SORT_KEYS):
            self._sort = (_SORT_KEYS[column], order == Qt.SortOrder.DescendingOrder)
        else:
            self._sort = None
        self.set_query(self._query)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def canFetchMore(self, parent: _Index) -> bool:  # noqa: N802
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: _Index) -> None:  # noqa: N802
        if parent.isValid() or self._exhausted:
            return
        sort, descending = self._sort or (None, False)
        page = search_enrollments(self._engine, self._query, limit=PAGE_SIZE,
                                  offset=len(self._rows), sort=sort, descending=descending)
        self.queries += 1
        self._exhausted = len(page) < PAGE_SIZE
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def enrollment_id(self, row: int) -> uuid.UUID:
        return self._rows[row].id

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            # a name found by a near spelling is marked as the command line marks it
            name = f"{NEAR_MARK} {row.full_name}" if row.near_spelling else row.full_name
            status = status_label(row.status)
            if row.clashed:  # the form's banner says which field and both values
                status = self.tr("{status} ⚠ check").format(status=status)
            values = (row.nik, name, format_date(row.birth_date), row.banjar, status,
                      row.updated_at.astimezone().strftime("%d-%m-%Y %H:%M"))
            return values[index.column()]
        if row.near_spelling and index.column() == 1:
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("A near spelling of the name searched for")
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setItalic(True)
                return font
        if row.clashed and index.column() == 4 and role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("The office changed a field you also changed and have not sent "
                           "yet. Open the record to see both values.")
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == 4:
            return QBrush(QColor(CLASH_COLOUR if row.clashed else STATUS_COLOURS[row.status]))
        if role == ID_ROLE:
            return row.id
        return None
