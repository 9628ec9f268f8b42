"""The visit in the window: the same place and day resume the open visit with the bar's count
and cash unchanged; a visit ends after a question that shows its totals, and is resumed from
the list of visits (Enter)."""

from datetime import date

from builders import build_nik
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from visit_keyboard import open_visit_dialog, press, type_place_and_date, visit_rows

from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.store.visits import find_visit
from desktop_app.ui.visit_list_dialog import VisitListDialog

TODAY = date(2026, 5, 20)  # the window fixture's today (tests/ui/conftest.py)
SHOTS = "/tmp/shots/visit"


def enroll_three(window, valid_record) -> None:
    records = [valid_record.with_changes(
        nik=build_nik("517104", date(1980, 1, 1), "L", n + 1), full_name=f"I Made {name}",
        birth_date=None, sex=None) for n, name in enumerate(("Bagus", "Darma", "Gede"))]
    outcomes = EnrollmentStore(window.engine).add_many(
        records, officer_id=window.officer.id, on=TODAY, visit_id=window.context.visit.id)
    assert all(o.stored_id for o in outcomes)
    window._after_save(None)


def bar_totals_shown(window) -> bool:
    return "enrolled" in window.visit_label.text()


def test_starting_the_same_place_and_day_again_resumes_the_visit_and_keeps_the_bar(
        qtbot, window, valid_record) -> None:
    dialog = open_visit_dialog(qtbot, window)
    type_place_and_date(qtbot, dialog, "20052026")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.context.visit is not None)
    first = window.context.visit.id
    enroll_three(window, valid_record)
    qtbot.waitUntil(lambda: "3 enrolled" in window.visit_label.text())
    bar = window.visit_label.text()
    assert "Rp143.100" in bar  # 3 people, 3 months of JKK + JKM halved by PP 50/2025

    again = open_visit_dialog(qtbot, window)  # opens on the last place, today's date
    assert (again.village.currentText(), again.banjar.currentText(),
            again.day.text()) == ("Tonja", "Banjar Tonja", "20/05/2026")
    press(qtbot, Qt.Key.Key_Return)  # OK, as the officer did
    qtbot.waitUntil(lambda: not again.isVisible())
    assert window.visit_label.text() == bar  # never blank while the totals are added again
    window.tasks.wait()
    qtbot.waitUntil(lambda: bar_totals_shown(window))
    assert window.context.visit.id == first
    assert len(visit_rows(window.engine)) == 1
    assert window.visit_label.text() == bar  # the count and the cash are still there
    assert "3 enrolled so far" in window.statusBar().currentMessage()
    window.grab().save(f"{SHOTS}/bar_after_resuming_by_start.png")


def end_question(qtbot, window) -> QMessageBox:
    window.end_visit_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "endVisitQuestion") is not None
                    and window.findChild(QMessageBox, "endVisitQuestion").isVisible())
    return window.findChild(QMessageBox, "endVisitQuestion")


def test_a_visit_is_ended_after_a_question_with_its_totals_and_resumed_from_the_list(
        qtbot, window, valid_record) -> None:
    window.start_visit("5171041004", "Banjar Tonja", TODAY)
    visit_id = window.context.visit.id
    enroll_three(window, valid_record)
    qtbot.waitUntil(lambda: "3 enrolled" in window.visit_label.text())

    box = end_question(qtbot, window)
    assert "Banjar Tonja, Tonja" in box.text() and "20-05-2026" in box.text()
    assert "People enrolled: 3" in box.informativeText()
    assert "Rp143.100" in box.informativeText()
    box.grab().save(f"{SHOTS}/end_visit_question.png")
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter alone is Cancel: nothing ends
    qtbot.waitUntil(lambda: not box.isVisible())
    assert find_visit(window.engine, visit_id).ended_at is None
    assert window.context.visit.id == visit_id

    box = end_question(qtbot, window)
    qtbot.keyClick(box, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)  # &End visit
    qtbot.waitUntil(lambda: window.context.visit is None)
    assert find_visit(window.engine, visit_id).ended_at is not None
    assert "No visit started" in window.visit_label.text()
    assert not window.end_visit_action.isEnabled()
    assert "Rp143.100" in window.statusBar().currentMessage()

    window.choose_resumed_visit()
    qtbot.waitUntil(lambda: window.findChild(VisitListDialog) is not None
                    and window.findChild(VisitListDialog).isVisible())
    listing = window.findChild(VisitListDialog)
    row = listing.table.topLevelItem(0)
    assert [row.text(c) for c in range(6)] == [
        "20-05-2026", "Banjar Tonja, Tonja", "3", "Rp143.100", "Rp0", "ended"]
    listing.grab().save(f"{SHOTS}/resume_visit_list.png")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is listing.table)
    press(qtbot, Qt.Key.Key_Return)  # Enter resumes the chosen visit
    qtbot.waitUntil(lambda: window.context.visit is not None)
    assert window.context.visit.id == visit_id
    assert find_visit(window.engine, visit_id).ended_at is None
    qtbot.waitUntil(lambda: "3 enrolled" in window.visit_label.text())
    assert "Rp143.100" in window.visit_label.text() and window.end_visit_action.isEnabled()
