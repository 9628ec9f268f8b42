"""The form's keyboard gaps found at a banjar (issue 13, point 9), each driven by keys only."""

from pathlib import Path

from form_keyboard import (
    CTRL,
    answer_next_dialog,
    back_to,
    fill_by_keyboard,
    focused,
    type_field,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette

from desktop_app.ui.application import offer_draft

SHOTS = Path("/tmp/shots/form")


def focus_on(qtbot, window, name: str):
    widget = window.form.editors[name].widget
    window.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(lambda: focused() is widget)
    return widget


def test_typing_a_number_of_months_picks_that_number(qtbot, window) -> None:
    months = focus_on(qtbot, window, "payment_months")
    editor = window.form.editors["payment_months"]
    assert editor.raw() == "1"
    picked = []
    for typed in ("1", "3", "6", "12", "1", "6", "1"):
        qtbot.keyClicks(months, typed)  # "12" in a breath; each next number starts afresh
        picked.append(editor.raw())
    assert picked == ["1", "3", "6", "12", "1", "6", "1"]
    qtbot.keyClicks(months, "5")  # no such choice: the choice stays
    assert editor.raw() == "1"


def test_enter_in_the_occupation_suggestions_takes_the_one_typed_and_moves_on(
        qtbot, window) -> None:
    form = window.form
    occupation = focus_on(qtbot, window, "occupation")
    qtbot.keyClicks(occupation, "nelay")
    popup = occupation.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert not popup.currentIndex().isValid()  # nothing highlighted: Qt would only close it
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: focused() is form.editors["monthly_income"].widget)
    assert form.editors["occupation"].raw() == "nelayan"
    assert occupation.currentText() == "Nelayan"
    assert not popup.isVisible()


def test_enter_on_an_ambiguous_part_moves_on_and_the_field_says_what_to_do(
        qtbot, window) -> None:
    form = window.form
    occupation = focus_on(qtbot, window, "occupation")
    qtbot.keyClicks(occupation, "pedag")  # Pedagang and Pedagang keliling
    popup = occupation.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: focused() is not occupation)
    assert form.editors["occupation"].raw() == "pedag"
    assert "✖" in form.messages["occupation"].text()


def test_other_occupation_and_sponsor_are_closed_and_skipped_unless_they_apply(
        qtbot, window) -> None:
    form = window.form
    other, sponsor = (form.editors[n].widget for n in ("occupation_other", "sponsor_name"))
    focus_on(qtbot, window, "occupation")
    type_field(qtbot, "Pedagang")
    assert focused() is form.editors["monthly_income"].widget and not other.isEnabled()
    qtbot.keyClick(focused(), Qt.Key.Key_Backtab)
    type_field(qtbot, "Lainnya")
    assert other.isEnabled() and focused() is other
    type_field(qtbot, "penjual canang")
    assert focused() is form.editors["monthly_income"].widget

    funding = focus_on(qtbot, window, "funding_source")
    assert not sponsor.isEnabled()
    qtbot.keyClick(funding, Qt.Key.Key_Return)  # mandiri: on to the beneficiary
    assert focused() is form.editors["beneficiary.name"].widget
    qtbot.keyClick(focused(), Qt.Key.Key_Backtab)
    assert focused() is funding  # the closed sponsor is not in the way back either
    qtbot.keyClicks(funding, "s")  # Sponsor/CSR
    assert sponsor.isEnabled()
    type_field(qtbot, "", Qt.Key.Key_Tab)
    assert focused() is sponsor
    type_field(qtbot, "Yayasan Dharma")
    for _ in range(2):
        qtbot.keyClick(focused(), Qt.Key.Key_Backtab)
    assert focused() is funding
    qtbot.keyClick(funding, Qt.Key.Key_Home)  # back to mandiri: the name stays open, to clear
    assert form.editors["funding_source"].raw() == "mandiri", form.editors["funding_source"].raw()
    assert sponsor.isEnabled() and "⚠" in form.messages["sponsor_name"].text()


def test_a_saved_form_says_saved_until_the_next_keystroke(qtbot, window) -> None:
    form = window.form
    fill_by_keyboard(qtbot, window)
    assert "ready to save" in form.heading.text()
    qtbot.keyClick(focused(), Qt.Key.Key_S, CTRL)
    assert form.editing is not None
    assert form.heading.text().endswith("— saved")
    phone = focus_on(qtbot, window, "phone")
    qtbot.keyClick(phone, Qt.Key.Key_End)
    qtbot.keyClicks(phone, "1")
    assert form.heading.text().endswith("— ready to save")
    qtbot.keyClick(phone, Qt.Key.Key_Backspace)  # typed back to what is saved
    assert form.heading.text().endswith("— saved")


def test_esc_then_enter_keeps_the_form(qtbot, window) -> None:
    form = window.form
    name = focus_on(qtbot, window, "full_name")
    qtbot.keyClicks(name, "I Wayan")
    asked = answer_next_dialog(qtbot, [Qt.Key.Key_Return])
    qtbot.keyClick(name, Qt.Key.Key_Escape)
    assert asked and form.editors["full_name"].raw() == "I Wayan"  # Enter is "No"
    back_to(qtbot, window)
    asked = answer_next_dialog(qtbot, button="Yes")
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert asked and form.editors["full_name"].raw() == ""


def left_a_draft(qtbot, window) -> None:
    """What is typed is kept in the draft file, and the form starts over, as at a new start."""
    form = window.form
    name = focus_on(qtbot, window, "full_name")
    qtbot.keyClicks(name, "Ni Wayan Sekar")
    form.save_draft()
    form.session.draft_kept = None
    form.start_new()
    window.form.editors["birth_place"].widget.setFocus()  # where the last session left it
    window.form.editors["birth_place"].widget.clearFocus()
    assert form.drafts.load() is not None


def test_after_declining_a_draft_the_keys_go_to_the_nik(qtbot, window) -> None:
    form = window.form
    left_a_draft(qtbot, window)
    asked = answer_next_dialog(qtbot, [Qt.Key.Key_Escape])  # No
    offer_draft(window)
    assert asked and "Ni Wayan Sekar" in asked[0]
    assert form.drafts.load() is None and form.editors["full_name"].raw() == ""
    qtbot.waitUntil(lambda: focused() is form.editors["nik"].widget)
    qtbot.keyClicks(focused(), "5171")
    assert form.editors["nik"].raw() == "5171"


def test_after_restoring_a_draft_esc_offers_to_discard_it(qtbot, window) -> None:
    form = window.form
    left_a_draft(qtbot, window)
    asked = answer_next_dialog(qtbot, [Qt.Key.Key_Return])  # Yes, restore
    offer_draft(window)
    assert asked and form.editors["full_name"].raw() == "Ni Wayan Sekar"
    qtbot.waitUntil(lambda: focused() is form.editors["nik"].widget)
    asked = answer_next_dialog(qtbot, [Qt.Key.Key_Return])  # Esc, then Enter: kept
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert asked and "Discard" in asked[0]
    assert form.editors["full_name"].raw() == "Ni Wayan Sekar"
    back_to(qtbot, window)
    asked = answer_next_dialog(qtbot, button="Yes")
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert asked and form.editors["full_name"].raw() == ""
    assert form.drafts.load() is None


def edge_colours(image: QImage) -> tuple[QColor, QColor]:
    """The outermost pixel and the one inside it, halfway down the left edge."""
    middle = image.height() // 2
    return image.pixelColor(0, middle), image.pixelColor(1, middle)


def near(colour: QColor, other: QColor) -> bool:
    return all(abs(a - b) <= 40 for a, b in zip(colour.getRgb()[:3], other.getRgb()[:3],
                                                strict=True))


def test_a_field_in_error_still_shows_it_has_the_focus(qtbot, window) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    form = window.form
    name = focus_on(qtbot, window, "full_name")
    qtbot.keyClicks(name, "Ni Made²")
    qtbot.keyClick(name, Qt.Key.Key_Tab)
    assert name.property("severity") == "error" and not name.hasFocus()
    unfocused = name.grab().toImage()
    unfocused.save(str(SHOTS / "error-field-unfocused.png"))
    qtbot.keyClick(focused(), Qt.Key.Key_Backtab)
    qtbot.waitUntil(name.hasFocus)
    focused_image = name.grab().toImage()
    focused_image.save(str(SHOTS / "error-field-focused.png"))
    form.grab().save(str(SHOTS / "form-error-focused.png"))
    red = QColor("#b00020")
    highlight = name.palette().color(QPalette.ColorRole.Highlight)
    outer, inner = edge_colours(unfocused)
    assert near(outer, red) and not near(inner, red) and not near(inner, highlight)
    outer, inner = edge_colours(focused_image)
    assert near(outer, highlight) and near(inner, highlight)  # a thicker ring, in the focus colour
    assert not near(outer, red)


def test_at_start_without_a_draft_the_keys_go_to_the_nik(qtbot, window) -> None:
    form = window.form
    assert form.drafts.load() is None
    offer_draft(window)  # what the application does once its window is on screen
    qtbot.waitUntil(lambda: focused() is form.editors["nik"].widget)
    qtbot.keyClicks(focused(), "5171")
    assert form.editors["nik"].raw() == "5171"
