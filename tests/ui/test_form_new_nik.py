"""A new NIK typed over a saved person: the next person starts clean, a correction is an edit.

Keyboard only: the officer types over the saved person and answers the question with the keys.
"""

from datetime import date

from form_keyboard import CTRL, NIK, answer_next_dialog, fill_by_keyboard, focused, type_field
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.domain.enrollment import EnrollmentStatus
from desktop_app.domain.funding import Program
from desktop_app.domain.nik import Sex
from desktop_app.store.search import EnrollmentQuery, search_enrollments

TODAY = date(2026, 5, 20)
NEXT = "5171040101900007"  # a man born 01-01-1990, Denpasar Utara
VISIT_DESA = "5171012009"  # Sanur Kaja: not where the first person lives


def saved_person(qtbot, window):
    window.start_visit(VISIT_DESA, "Br. Taman", TODAY)
    fill_by_keyboard(qtbot, window)  # lives in Tonja, Banjar Kaja; JHT, 3 months, consent
    qtbot.keyClick(focused(), Qt.Key.Key_S, CTRL)
    first = window.form.editing
    assert first is not None and first.record.consent.given
    return first


def type_over_the_nik(qtbot, window, nik: str) -> None:
    field = window.form.editors["nik"].widget
    field.setFocus()
    qtbot.waitUntil(lambda: focused() is field)
    qtbot.keyClick(field, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(field, nik)


def count(window) -> int:
    return len(search_enrollments(window.engine, EnrollmentQuery()))


def test_enter_on_the_question_starts_the_new_person_clean_and_saves_nothing(
        qtbot, window) -> None:
    form = window.form
    first = saved_person(qtbot, window)
    type_over_the_nik(qtbot, window, NEXT)
    asked = answer_next_dialog(qtbot, [Qt.Key.Key_Return])  # the default, as a hurried officer
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # moves on from the NIK: the question
    qtbot.waitUntil(lambda: bool(asked))
    assert "Ni Made Sari Dewi" in asked[0] and NEXT in asked[0]

    raw = {name: editor.raw() for name, editor in form.editors.items()}
    assert form.editing is None
    assert (raw["nik"], raw["birth_date"], raw["sex"]) == (NEXT, "01/01/1990", "L")
    assert (raw["desa_code"], raw["banjar"]) == (VISIT_DESA, "Banjar Taman")  # the visit's
    for name in ("full_name", "birth_place", "address", "phone", "occupation",
                 "beneficiary.name", "beneficiary.relationship"):
        assert raw[name] == "", name
    assert raw["consent.given"] is False  # never carried over
    assert raw["programs"] == ["JKK", "JKM"] and raw["payment_months"] == "1"
    assert raw["funding_source"] == "mandiri"
    assert count(window) == 1
    kept = window.store.get(first.id)
    assert (kept.record, kept.revision) == (first.record, 1)
    qtbot.waitUntil(lambda: focused() is form.editors["full_name"].widget)

    # the new person's own data, typed on, and saved only now
    for text, move in (("I Wayan Sudiarta", Qt.Key.Key_Return), ("Tabanan", Qt.Key.Key_Return),
                       ("", Qt.Key.Key_Return), ("", Qt.Key.Key_Return), ("", Qt.Key.Key_Return),
                       ("Jl. Danau Tamblingan 12", Qt.Key.Key_Return)):
        type_field(qtbot, text, move)
    form.editors["occupation"].widget.setFocus()
    qtbot.waitUntil(lambda: focused() is form.editors["occupation"].widget)
    type_field(qtbot, "Nelayan", Qt.Key.Key_Tab)
    form.editors["monthly_income"].widget.setFocus()
    type_field(qtbot, "1500000")
    form.editors["consent.given"].widget.setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_Space)  # read out to him, and he agreed
    qtbot.keyClick(focused(), Qt.Key.Key_S, CTRL)
    second = form.editing
    assert second is not None and second.id != first.id
    assert second.status is EnrollmentStatus.READY
    record = second.record
    assert (record.nik, record.full_name, record.sex, record.birth_date) == (
        NEXT, "I Wayan Sudiarta", Sex.MALE, date(1990, 1, 1))
    assert (record.desa_code, record.banjar, record.phone) == (VISIT_DESA, "Banjar Taman", "")
    assert Program.JHT not in record.programs and record.payment_months == 1
    assert count(window) == 2
    assert window.store.get(first.id).revision == 1


def test_escape_keeps_the_form_and_saving_asks_again_until_a_correction_is_chosen(
        qtbot, window, monkeypatch) -> None:
    form = window.form
    first = saved_person(qtbot, window)
    corrected = NIK[:-1] + "4"
    type_over_the_nik(qtbot, window, corrected)
    asked = answer_next_dialog(qtbot, [Qt.Key.Key_Escape])
    qtbot.keyClick(focused(), Qt.Key.Key_S, CTRL)  # saved from the NIK field: asked on saving
    assert asked
    assert form.editing.id == first.id and form.editors["nik"].raw() == corrected
    qtbot.waitUntil(lambda: focused() is form.editors["nik"].widget)
    assert window.store.get(first.id).revision == 1

    asked = answer_next_dialog(qtbot, button="Correct the NIK")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # moving on asks
    qtbot.waitUntil(lambda: bool(asked))
    qtbot.waitUntil(lambda: focused() is form.editors["full_name"].widget)
    assert form.editing.id == first.id
    assert form.editors["full_name"].raw() == "Ni Made Sari Dewi"  # a correction keeps the rest

    monkeypatch.setattr(form, "ask_nik_changed", never_asked)
    qtbot.keyClick(focused(), Qt.Key.Key_S, CTRL)  # answered already: saved as a correction
    assert form.editing.id == first.id and form.editing.revision == 2
    assert window.store.history(first.id)[-1]["changes"]["nik"] == [NIK, corrected]
    assert count(window) == 1


def never_asked(name: str, nik: str) -> str:
    raise AssertionError(f"asked again about {nik}")


def test_a_nik_another_saved_person_holds_is_not_asked_about(qtbot, window, valid_record,
                                                            monkeypatch) -> None:
    form = window.form
    first = saved_person(qtbot, window)
    window.store.create(valid_record.with_changes(nik=NEXT, birth_date=None, sex=None),
                        officer_id=window.officer.id, on=TODAY)
    asked = []
    monkeypatch.setattr(form, "ask_nik_changed", lambda name, nik: asked.append(nik) or "new")
    type_over_the_nik(qtbot, window, NEXT)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    QApplication.processEvents()  # where the question would be asked
    assert asked == []  # the form offers to open that person instead
    assert "5171" not in form.messages["nik"].text() or "href" in form.messages["nik"].text()
    assert form.editing.id == first.id
    assert not form.save() and asked == []
