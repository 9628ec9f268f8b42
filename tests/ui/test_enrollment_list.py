"""The list, keyboard only: from the search box down to the results and into a record; near
spellings of a name found and marked."""

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop_app.domain.nik import Sex
from desktop_app.store.enrollments import EnrollmentStore

TODAY = date(2026, 5, 20)
NAMES = ["I Made Sudarsono", "I Wayan Sutarja", "I Gede Sudarsana", "Ni Luh Sari"]
SHOTS = Path("/tmp/shots/search")


@pytest.fixture
def people(engine, officer, valid_record, make_nik):
    """The four people of NAMES, enrolled in that order (the last is the newest)."""
    records = [valid_record.with_changes(
        nik=make_nik("517103", date(1970 + n, 1 + n, 1 + n), Sex.MALE, n + 1), full_name=name,
        birth_date=None, sex=None) for n, name in enumerate(NAMES)]
    outcomes = EnrollmentStore(engine).add_many(records, officer_id=officer.id, on=TODAY)
    return {name: outcome.stored_id for name, outcome in zip(NAMES, outcomes, strict=True)}


def search(qtbot, window, typed: str) -> None:
    """Ctrl+F, then the text typed into the search box."""
    qtbot.keyClick(window.form.editors["nik"].widget, Qt.Key.Key_F,
                   Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.list.search_box.hasFocus)
    qtbot.keyClicks(window.list.search_box, typed)


def shown(window) -> list[str]:
    model = window.list.model
    return [model.index(row, 1).data() for row in range(model.rowCount())]


@pytest.mark.parametrize("key", [Qt.Key.Key_Down, Qt.Key.Key_PageDown])
def test_down_from_the_search_box_selects_the_first_result_and_enter_opens_it(
        qtbot, window, people, key) -> None:
    window.form.editors["nik"].widget.setFocus()
    search(qtbot, window, "sud")
    qtbot.waitUntil(lambda: shown(window) == ["I Gede Sudarsana", "I Made Sudarsono"])
    table = window.list.table

    qtbot.keyClick(window.list.search_box, key)

    qtbot.waitUntil(table.hasFocus)
    assert table.currentIndex().row() == 0
    assert window.list.selected_ids() == [people["I Gede Sudarsana"]]
    qtbot.keyClick(table, Qt.Key.Key_Down)  # on through the results as usual
    assert window.list.selected_ids() == [people["I Made Sudarsono"]]
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.form)
    assert window.form.editors["full_name"].raw() == "I Made Sudarsono"


def test_down_right_after_typing_goes_to_the_results_of_what_was_typed(
        qtbot, window, people) -> None:
    window.form.editors["nik"].widget.setFocus()
    search(qtbot, window, "luh")
    qtbot.keyClick(window.list.search_box, Qt.Key.Key_Down)  # before the typing pause ends
    assert window.list.table.hasFocus()
    assert window.list.selected_ids() == [people["Ni Luh Sari"]]


def test_down_with_no_result_stays_in_the_search_box(qtbot, window, people) -> None:
    window.form.editors["nik"].widget.setFocus()
    search(qtbot, window, "xyz")
    qtbot.waitUntil(lambda: window.list.model.query.text == "xyz", timeout=2000)
    qtbot.keyClick(window.list.search_box, Qt.Key.Key_Down)
    assert window.list.search_box.hasFocus()
    assert window.list.selected_ids() == []


def test_near_spellings_are_listed_after_exact_matches_and_marked(
        qtbot, window, people) -> None:
    window.form.editors["nik"].widget.setFocus()
    search(qtbot, window, "sudarsono")
    qtbot.waitUntil(lambda: shown(window) == ["I Made Sudarsono", "≈ I Gede Sudarsana"])
    qtbot.waitUntil(lambda: "2" in window.list.count_label.text())
    model = window.list.model
    near = model.index(1, 1)
    assert near.data(Qt.ItemDataRole.FontRole).italic()
    assert "near spelling" in near.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) is None
    SHOTS.mkdir(parents=True, exist_ok=True)
    window.resize(1366, 768)
    window.grab().save(str(SHOTS / "list-near-spelling.png"))
    qtbot.keyClick(window.list.search_box, Qt.Key.Key_Down)
    qtbot.keyClick(window.list.table, Qt.Key.Key_Down)
    window.grab().save(str(SHOTS / "list-down-then-down.png"))
    qtbot.keyClick(window.list.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.form.editors["full_name"].raw() == "I Gede Sudarsana")
