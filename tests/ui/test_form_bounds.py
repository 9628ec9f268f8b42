"""The form's one-line fields stop typing at the domain's limits (domain/text_bounds.py); a
value kept before the limits is shown whole, refused beside its field until shortened; a
pasted control character is refused beside its field, in the form's language."""

from datetime import date

from form_keyboard import focused
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import text

from desktop_app.domain.text_bounds import TEXT_LIMITS
from desktop_app.store.enrollments import EnrollmentStore

ON = date(2026, 5, 20)


def _type_into(qtbot, widget, keys: str) -> None:
    widget.setFocus()
    qtbot.waitUntil(lambda: focused() is widget)
    qtbot.keyClicks(widget, keys)


def test_typing_stops_at_the_limit_of_each_one_line_field(qtbot, window) -> None:
    form = window.form
    for field in ("full_name", "birth_place", "occupation_other", "sponsor_name",
                  "beneficiary.name"):
        editor = form.editors[field]
        editor.widget.setEnabled(True)
        _type_into(qtbot, editor.widget, "a" * (TEXT_LIMITS[field] + 7))
        assert len(editor.raw()) == TEXT_LIMITS[field], field
    address = form.editors["address"]
    _type_into(qtbot, address.widget, "Jl. Kamboja " * 30)  # 360 characters typed
    assert len(address.raw()) == TEXT_LIMITS["address"] == 300
    banjar = form.editors["banjar"].widget
    _type_into(qtbot, banjar, "Kaja" * 30)
    assert len(banjar.lineEdit().text()) == TEXT_LIMITS["banjar"]


def test_a_value_kept_before_the_limits_is_shown_whole_and_refused_beside_its_field(
        qtbot, window, engine, officer, valid_record, monkeypatch) -> None:
    stored = EnrollmentStore(engine).create(valid_record, officer_id=officer.id, on=ON)
    long_address = "Jl. Kamboja Gang Mawar " * 20  # 460 characters, from an older version
    with engine.begin() as connection:
        connection.execute(text("UPDATE enrollment SET address = :a WHERE nik = :nik"),
                           {"a": long_address, "nik": stored.record.nik})
    form = window.form
    form.open_stored(EnrollmentStore(engine).get(stored.id))
    assert form.editors["address"].raw() == long_address  # nothing cut off unseen
    asked = []
    monkeypatch.setattr(form, "ask_keep_as_draft", lambda errors: asked.append(errors))
    assert not form.save()
    assert asked == [1]  # the address is the one field left to fix
    message = form.messages["address"].text()
    assert "300" in message and "460" in message
    window.grab().save("/tmp/shots/bounds/form_long_address.png")


def test_a_pasted_control_character_is_refused_beside_its_field(qtbot, window) -> None:
    form = window.form
    name = form.editors["full_name"].widget
    name.setFocus()
    qtbot.waitUntil(lambda: focused() is name)
    QApplication.clipboard().setText("Ni Made\x00 Sari")
    qtbot.keyClick(name, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(name, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: "NUL" in form.messages["full_name"].text())
    assert "tidak boleh ada" in form.messages["full_name"].text()
