"""The main window: visit, list, status bar, menus, settings that persist, first start, drafts."""

import re
import subprocess
import sys
import textwrap
from datetime import date

from builders import build_nik, clone_enrollments
from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox

from desktop_app import __version__
from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.store.officers import current_officer, pin_matches
from desktop_app.store.registration import set_server_url
from desktop_app.store.search import EnrollmentQuery
from desktop_app.ui.application import install_translator, offer_draft, officer_for_session
from desktop_app.ui.enrollment_table import PAGE_SIZE, EnrollmentTableModel
from desktop_app.ui.setup_dialog import SetupDialog
from desktop_app.ui.visit_dialog import VisitDialog

TODAY = date(2026, 5, 20)


def enroll_people(engine, officer, valid_record, count: int, visit_id=None) -> None:
    records = [valid_record.with_changes(
        nik=build_nik("517104", date(1980, 1, 1), "L", n + 1), full_name=f"I Made {name}",
        birth_date=None, sex=None)
        for n, name in enumerate(f"{a}{b}" for a in ("Ba", "Da", "Ga", "Ka", "La")
                                 for b in ("di", "ra", "su", "to", "wi"))][:count]
    outcomes = EnrollmentStore(engine).add_many(records, officer_id=officer.id, on=TODAY,
                                                visit_id=visit_id)
    assert all(o.stored_id for o in outcomes)


def test_starting_a_visit_sets_the_form_place_and_counts_what_it_collects(
        qtbot, window, valid_record) -> None:
    window.start_visit("5171041004", "br tonja", TODAY)
    assert window.form.editors["desa_code"].raw() == "5171041004"
    assert window.form.editors["banjar"].raw() == "Banjar Tonja"
    enroll_people(window.engine, window.officer, valid_record, 3, window.context.visit.id)
    window.refresh_visit()
    qtbot.waitUntil(lambda: "3" in window.visit_label.text() and "Rp" in window.visit_label.text())
    # 3 months of JKK 25.000 + JKM 6.800, halved by PP 50/2025, for 3 people
    assert "Rp143.100" in window.visit_label.text()


def test_the_visit_dialog_cascades_and_takes_a_new_banjar(qtbot) -> None:
    dialog = VisitDialog(TODAY)
    qtbot.addWidget(dialog)
    dialog.district.setCurrentIndex(dialog.district.findText("Denpasar Selatan"))
    assert dialog.village.count() == 10
    dialog.village.setCurrentIndex(dialog.village.findText("Sesetan"))
    assert dialog.banjar.findText("Banjar Kaja") >= 0
    dialog.banjar.setEditText("br.  pesanggaran ")
    assert dialog.choice() == ("5171011003", "Banjar Pesanggaran", TODAY)


def test_the_status_bar_tells_pending_records_last_sync_and_the_server(
        qtbot, engine, officer, valid_record, make_window) -> None:
    enroll_people(engine, officer, valid_record, 2)
    set_server_url(engine, "http://127.0.0.1:9")  # nothing listens on the discard port
    window = make_window()
    qtbot.waitUntil(lambda: "2" in window.pending_label.text())
    assert "never" in window.sync_label.text()
    qtbot.waitUntil(lambda: "not reachable" in window.server_label.text(), timeout=5000)
    set_server_url(engine, None)
    window.refresh_status()
    qtbot.waitUntil(lambda: "offline" in window.server_label.text())
    window.close()


def test_the_list_pages_lazily_over_200000_rows(qtmodeltester, engine, officer,
                                                valid_record) -> None:
    enroll_people(engine, officer, valid_record, 1)
    clone_enrollments(engine, 199_999)
    model = EnrollmentTableModel(engine)
    model.set_query(EnrollmentQuery())
    assert model.rowCount() == PAGE_SIZE
    for row in (0, PAGE_SIZE - 1):
        assert model.index(row, 0).data()
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * PAGE_SIZE and model.queries == 2
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert model.rowCount() == PAGE_SIZE and model.queries == 1
    assert model.index(0, 1).data() == "I Wayan Klon 99999"
    model.set_query(EnrollmentQuery(text="klon 12345"))  # word prefix: 12345 and 123450-9
    assert sorted(model.index(r, 1).data() for r in range(model.rowCount())) == sorted(
        f"I Wayan Klon {n}" for n in (12345, *range(123450, 123460)))
    qtmodeltester.check(model)


def test_ctrl_f_focuses_search_and_f1_opens_help(qtbot, window, monkeypatch) -> None:
    window.form.editors["nik"].widget.setFocus()
    qtbot.keyClick(window.form.editors["nik"].widget, Qt.Key.Key_F,
                   Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.list.search_box.hasFocus)
    from PySide6.QtWidgets import QApplication

    from desktop_app.ui.help_dialog import HelpDialog

    qtbot.keyClick(window.list.search_box, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), HelpDialog))
    QApplication.activeModalWidget().close()


def test_about_names_the_version(window, monkeypatch) -> None:
    shown = {}
    monkeypatch.setattr(QMessageBox, "about",
                        lambda parent, title, text: shown.update(title=title, text=text))
    window.show_about()
    assert __version__ in shown["text"]


def test_window_geometry_columns_and_last_visit_persist(qtbot, make_window) -> None:
    first = make_window()
    first.resize(first.width(), 690)  # the offscreen screen is 800 px: height is what varies
    first.move(12, 34)
    first.start_visit("5171041004", "Banjar Tonja", TODAY)
    first.list.table.horizontalHeader().resizeSection(3, 222)
    first.close()
    again = make_window()
    assert (again.height(), again.y()) == (690, 34)  # x is pushed back onto the 800 px screen
    assert again.list.table.horizontalHeader().sectionSize(3) == 222
    assert again.context.visit is not None and again.context.visit.banjar == "Banjar Tonja"
    again.close()


def test_indonesian_is_the_default_language_and_english_is_available(qapp) -> None:
    translator = install_translator(qapp, "id")
    try:
        assert translator is not None
        assert QCoreApplication.translate("status", "Ready to sync") == "Siap dikirim"
        assert QCoreApplication.translate("MainWindow", "&Find") == "&Cari"
        field = QLineEdit("teks")
        menu = field.createStandardContextMenu()
        assert "&Salin\tCtrl+C" in [action.text() for action in menu.actions()]  # Qt menu too
        menu.deleteLater()
        assert QLocale().language() is QLocale.Language.Indonesian  # calendars, month names
    finally:
        qapp.removeTranslator(translator)
    assert install_translator(qapp, "en") is None
    assert QCoreApplication.translate("status", "Ready to sync") == "Ready to sync"


def test_first_start_asks_for_the_officer_pin_and_server(qtbot, engine, monkeypatch) -> None:
    def answer(dialog: SetupDialog) -> int:
        dialog.name.setText("  I Gede  Wirawan ")
        dialog.officer_code.setText("DSN-031")
        dialog.pin.setText("1357")
        dialog.pin_again.setText("1375")
        assert "differ" in dialog.problem_text()
        dialog.pin_again.setText("1357")
        dialog.server.setText("kantor:8765")
        assert "http" in dialog.problem_text()
        dialog.server.setText("http://kantor.local:8765")
        assert dialog.problem_text() is None
        return 1

    monkeypatch.setattr(SetupDialog, "exec", answer)
    officer = officer_for_session(engine)
    assert (officer.name, officer.officer_code) == ("I Gede Wirawan", "DSN-031")
    assert pin_matches("1357", current_officer(engine).pin_hash)
    assert not pin_matches("1375", current_officer(engine).pin_hash)
    assert re.fullmatch(r"scrypt\$[0-9a-f]{32}\$[0-9a-f]+", current_officer(engine).pin_hash)
    monkeypatch.setattr(SetupDialog, "exec", lambda dialog: 0)
    assert officer_for_session(engine).id == officer.id  # asked only once


def test_a_draft_survives_a_crash_and_is_offered_at_the_next_start(
        qtbot, data_dir, officer, make_window, monkeypatch) -> None:
    """A separate process types into the form, lets the autosave run, and dies."""
    script = textwrap.dedent(f"""
        import os
        from datetime import date
        from pathlib import Path
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        from desktop_app.store.database import open_database
        from desktop_app.store.officers import signed_in_officer
        from desktop_app.ui.application import app_settings
        from desktop_app.ui.main_window import MainWindow
        app = QApplication([])
        data = Path({str(data_dir)!r})
        engine = open_database(data)
        window = MainWindow(engine=engine, data_dir=data, settings=app_settings(data),
                            officer=signed_in_officer(engine), today=lambda: date(2026, 5, 20))
        window.show()
        name = window.form.editors["full_name"].widget
        name.setText("Ni Wayan Sekar"); name.textEdited.emit("Ni Wayan Sekar")
        birth = window.form.editors["birth_date"].widget
        birth.setText("31/02/19"); birth.textEdited.emit("31/02/19")
        window.form._autosave.setInterval(50)
        QTimer.singleShot(400, lambda: os._exit(3))  # power cut: no close, no cleanup
        app.exec()
    """)
    crashed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                             timeout=60, env={"QT_QPA_PLATFORM": "offscreen",
                                              "PATH": "/usr/bin:/bin"})
    assert crashed.returncode == 3, crashed.stderr
    window = make_window()
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text: (
        asked.append(text), QMessageBox.StandardButton.Yes)[1])
    offer_draft(window)
    assert asked and "Ni Wayan Sekar" in asked[0]
    assert window.form.editors["full_name"].raw() == "Ni Wayan Sekar"
    assert window.form.editors["birth_date"].raw() == "31/02/19"  # kept exactly as typed
    assert window.form.messages["birth_date"].isVisible()
    window.form.drafts.clear()
    window.close()


def test_the_visit_dialog_resolves_typed_names_and_refuses_what_names_nothing(qtbot) -> None:
    dialog = VisitDialog(TODAY)
    qtbot.addWidget(dialog)
    dialog.district.setEditText("selatan")
    dialog.district.lineEdit().editingFinished.emit()
    assert dialog.district.currentText() == "Denpasar Selatan"
    dialog.village.setEditText("sesetan")
    dialog.banjar.setEditText("Banjar Kaja")
    assert dialog.choice() == ("5171011003", "Banjar Kaja", TODAY)
    dialog.village.setEditText("Desa Tidak Ada")
    assert dialog.choice()[0] == ""  # never the item that happened to be selected
    dialog.accept()
    assert dialog.result() == 0 and "from the list" in dialog.problem.text()
    dialog.day.setText("23052026")
    assert dialog.choice()[2] is None  # no visit ahead of time
    assert "setelah hari ini" in dialog.day.note.text()


def test_the_visit_dialog_opens_on_the_last_place_and_a_refused_place_is_told(
        qtbot, window, monkeypatch) -> None:
    window.start_visit("5171041004", "br tonja", TODAY)
    dialog = VisitDialog(TODAY, window.context.visit)
    qtbot.addWidget(dialog)
    assert (dialog.district.currentText(), dialog.village.currentText(),
            dialog.banjar.currentText()) == ("Denpasar Utara", "Tonja", "Banjar Tonja")
    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: told.append(text))
    window.start_visit("", "Banjar Tonja", TODAY)
    assert told and "Desa/kelurahan" in told[0]
    assert window.context.visit.desa_code == "5171041004"  # the visit in force is kept


def test_an_old_visit_dates_the_enrollments_and_says_it_is_not_today(qtbot, window) -> None:
    window.start_visit("5171041004", "Banjar Tonja", date(2026, 3, 2))
    assert window.form.editors["first_month"].raw() == "03/2026"
    assert "not today" in window.visit_label.text()
    assert window.form.context.enrollment_day() == date(2026, 3, 2)


def _mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text)
    return found[1].casefold() if found else None


def _clashes(texts: list[str]) -> list[str]:
    letters = [m for m in map(_mnemonic, texts) if m]
    return sorted({m for m in letters if letters.count(m) > 1})


def test_alt_letters_do_not_clash_in_either_language(qapp, make_window) -> None:
    from PySide6.QtWidgets import QPushButton

    for language in ("en", "id"):
        translator = install_translator(qapp, language)
        try:
            window = make_window(language=language)
            menus = [a.menu() for a in window.menuBar().actions()]
            on_screen = [a.text() for a in window.menuBar().actions()]
            on_screen += [window.tabs.tabText(i) for i in range(window.tabs.count())]
            on_screen += [b.text() for b in window.findChildren(QPushButton) if b.isVisible()]
            assert _clashes(on_screen) == [], (language, on_screen)
            for menu in menus:
                items = [a.text() for a in menu.actions()]
                assert _clashes(items) == [], (language, items)
            window.tasks.wait()
            window.close()
        finally:
            if translator is not None:
                qapp.removeTranslator(translator)
    install_translator(qapp, "en")  # back to the default locale for later tests


def test_an_unusable_data_folder_is_shown_in_a_window(tmp_path, monkeypatch) -> None:
    from desktop_app.store.database import DatabaseUnavailable
    from desktop_app.ui.application import run_application

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    try:
        run_application(data_dir=blocker / "data", language="en")
    except DatabaseUnavailable:
        pass
    else:
        raise AssertionError("the start-up should fail")
    assert shown and "cannot open its data" in shown[0] and "data folder" in shown[0]
