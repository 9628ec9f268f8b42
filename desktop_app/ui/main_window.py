"""The main window: search and the list of enrollments on this laptop."""

from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHeaderView,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from desktop_app import __version__
from desktop_app.store.search import EnrollmentQuery, count_enrollments
from desktop_app.ui.enrollment_table import EnrollmentTableModel


class MainWindow(QMainWindow):
    def __init__(self, engine: Engine, database_path: Path) -> None:
        super().__init__()
        self._engine = engine
        self._database_path = database_path
        self.setWindowTitle("Banjar Enroll")
        self.search_box = QLineEdit(placeholderText=self.tr("Search by NIK or name"))
        self.search_box.setClearButtonEnabled(True)
        self.model = EnrollmentTableModel(engine, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(
            self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        # the NIK is what people read aloud and compare: always shown whole
        header.resizeSection(0, metrics.horizontalAdvance("0" * 16) + 24)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(3, metrics.horizontalAdvance("Banjar Dangin Puri Kelod"))
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.search_box)
        layout.addWidget(self.table)
        self.setCentralWidget(central)
        self._build_menus()
        self.search_box.textChanged.connect(self.refresh)
        self.refresh()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        quit_action = QAction(self.tr("&Quit"), self, shortcut=QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        find_action = QAction(self.tr("&Find"), self, shortcut=QKeySequence.StandardKey.Find)
        find_action.triggered.connect(self.search_box.setFocus)
        edit_menu.addAction(find_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about_action = QAction(self.tr("&About Banjar Enroll"), self)
        about_action.triggered.connect(self.show_about)
        help_menu.addAction(about_action)

    def refresh(self) -> None:
        query = EnrollmentQuery(text=self.search_box.text())
        self.model.set_query(query)
        total = count_enrollments(self._engine, query)
        self.statusBar().showMessage(
            self.tr("%n enrollment(s)", "", total) + f"  ·  {self._database_path}")

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About Banjar Enroll"), self.tr(
            "Banjar Enroll {version}\nEnrollment of informal workers (BPU) into BPJS "
            "Ketenagakerjaan.").format(version=__version__))
