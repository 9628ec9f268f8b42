"""The enrollment list as a Qt table model: columns, roles and lazy paging, nothing else.

Rows come a page at a time through ``canFetchMore``/``fetchMore``, so the view never asks for
all 200,000 rows at once.
"""

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from sqlalchemy import Engine

from desktop_app.domain.display import format_date
from desktop_app.domain.enrollment import EnrollmentStatus
from desktop_app.store.search import EnrollmentQuery, EnrollmentSummary, search_enrollments

PAGE_SIZE = 200
_Index = QModelIndex | QPersistentModelIndex


def status_label(status: EnrollmentStatus) -> str:
    labels = {
        EnrollmentStatus.DRAFT: QCoreApplication.translate("status", "Draft"),
        EnrollmentStatus.READY: QCoreApplication.translate("status", "Ready to sync"),
        EnrollmentStatus.SYNCED: QCoreApplication.translate("status", "Synced"),
        EnrollmentStatus.CONFLICT: QCoreApplication.translate("status", "Conflict"),
        EnrollmentStatus.REJECTED: QCoreApplication.translate("status", "Rejected"),
    }
    return labels[status]


class EnrollmentTableModel(QAbstractTableModel):
    def __init__(self, engine: Engine, parent: object = None) -> None:
        super().__init__(parent)
        self._engine = engine
        self._query = EnrollmentQuery()
        self._rows: list[EnrollmentSummary] = []
        self._exhausted = False
        self._headers = (self.tr("NIK"), self.tr("Name"), self.tr("Date of birth"),
                         self.tr("Banjar"), self.tr("Status"))

    def set_query(self, query: EnrollmentQuery) -> None:
        self.beginResetModel()
        self._query, self._rows, self._exhausted = query, [], False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def canFetchMore(self, parent: _Index) -> bool:  # noqa: N802
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: _Index) -> None:  # noqa: N802
        if parent.isValid() or self._exhausted:
            return
        page = search_enrollments(self._engine, self._query, limit=PAGE_SIZE,
                                  offset=len(self._rows))
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

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self._rows[index.row()]
        values = (row.nik, row.full_name, format_date(row.birth_date), row.banjar,
                  status_label(row.status))
        return values[index.column()]
