"""The main window over a real local database: list, search, paging, menus, translation."""

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app import __version__
from desktop_app.store.database import DATABASE_FILE, open_database
from desktop_app.store.device import sign_in_officer
from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.ui.application import install_translator
from desktop_app.ui.enrollment_table import PAGE_SIZE, EnrollmentTableModel
from desktop_app.ui.main_window import MainWindow

ON = date(2026, 5, 20)
SYLLABLES = ("Ba", "Da", "Ga", "Ja", "Ka", "La", "Ma", "Na", "Pa", "Ra", "Sa", "Ta", "Wa",
             "Ya", "Bu", "Du", "Gu", "Ku", "Lu", "Mu", "Nu", "Pu", "Ru", "Su")


@pytest.fixture
def engine(tmp_path: Path, valid_record, make_nik):
    """A database with 450 people: more than two pages of the list."""
    from desktop_app.domain.nik import Sex

    engine = open_database(tmp_path)
    officer = sign_in_officer(engine, name="Ni Ketut Sari", officer_code="DSN-002")
    records = [valid_record.with_changes(
        nik=make_nik("517104", date(1980, 1, 1), Sex.MALE, n + 1),
        full_name=f"I Made Warga {SYLLABLES[n % 20]}{SYLLABLES[n // 20].lower()}",
        birth_date=None, sex=None) for n in range(449)]
    records.append(valid_record.with_changes(full_name="Ni Luh Putu Ayu"))
    outcomes = EnrollmentStore(engine).add_many(records, officer_id=officer.id, on=ON)
    assert all(o.stored_id for o in outcomes)
    yield engine
    engine.dispose()


@pytest.fixture
def window(qtbot, engine, tmp_path):
    window = MainWindow(engine, tmp_path / DATABASE_FILE)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_model_pages_lazily(qtmodeltester, engine) -> None:
    model = EnrollmentTableModel(engine)
    model.set_query(model._query)
    assert model.rowCount() == PAGE_SIZE
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 450
    assert not model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)


def test_the_list_shows_the_newest_first_and_search_filters_as_you_type(qtbot, window) -> None:
    model = window.model
    assert model.index(0, 1).data() == "Ni Luh Putu Ayu"
    assert "450" in window.statusBar().currentMessage()
    qtbot.keyClicks(window.search_box, "luh pu")
    assert model.rowCount() == 1
    assert model.index(0, 0).data() == "5171045708850023"
    assert model.index(0, 2).data() == "17-08-1985"
    window.search_box.clear()
    qtbot.keyClicks(window.search_box, "5171 0401 0180 000")
    assert model.rowCount() == 9  # serials 0001-0009
    assert "9" in window.statusBar().currentMessage()


def test_ctrl_f_focuses_the_search_box(qtbot, window) -> None:
    window.activateWindow()
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.search_box.hasFocus)


def test_about_names_the_version(qtbot, window, monkeypatch) -> None:
    shown = {}
    monkeypatch.setattr(QMessageBox, "about",
                        lambda parent, title, text: shown.update(title=title, text=text))
    window.show_about()
    assert __version__ in shown["text"]


def test_indonesian_is_the_default_language_and_english_is_available(qapp) -> None:
    translator = install_translator(qapp, "id")
    try:
        assert translator is not None
        assert QCoreApplication.translate("status", "Ready to sync") == "Siap dikirim"
        assert QCoreApplication.translate("MainWindow", "Search by NIK or name") == (
            "Cari NIK atau nama")
    finally:
        qapp.removeTranslator(translator)
    assert install_translator(qapp, "en") is None
    assert QCoreApplication.translate("status", "Ready to sync") == "Ready to sync"


def test_status_column_text_is_translated_too(qtbot, window, qapp) -> None:
    translator = install_translator(qapp, "id")
    try:
        window.refresh()
        assert window.model.index(0, 4).data() == "Siap dikirim"
        assert window.model.data(window.model.index(0, 4), Qt.ItemDataRole.ToolTipRole) is None
    finally:
        qapp.removeTranslator(translator)
