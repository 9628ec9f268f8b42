"""The form's live price reads as a sentence, also across the end of the PP 50/2025 window."""

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt

SHOTS = Path("/tmp/shots/misc")
TODAY = date(2026, 5, 20)  # as the main window's tests: inside every discount window


def type_into(qtbot, form, field: str, text: str) -> None:
    widget = form.editors[field].widget
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def price_december_to_february(qtbot, form) -> None:
    """A pedagang (not transport) paying 3 months from December 2026: April–December 2026 is
    discounted, January 2027 is not."""
    form.editors["occupation"].set_raw("pedagang")
    type_into(qtbot, form, "monthly_income", "1000000")
    type_into(qtbot, form, "first_month", "12/2026")
    form.editors["payment_months"].set_raw("3")
    qtbot.keyClick(form.editors["first_month"].widget, Qt.Key.Key_Tab)


def test_the_live_price_across_the_end_of_the_discount_is_said_as_a_person_would(
        qtbot, window) -> None:
    form = window.form
    price_december_to_february(qtbot, form)
    said = ("Rp42.000 untuk 3 bulan (Des Rp8.400 dengan potongan PP 50/2025, "
            "Jan–Feb Rp16.800 per bulan)")
    qtbot.waitUntil(lambda: form.contribution.text() == said)
    assert "berbeda" not in form.contribution.text() and "×" not in form.contribution.text()
    label = form.contribution  # the whole sentence is in view, not cut at its first line
    assert label.height() >= label.heightForWidth(label.width())
    SHOTS.mkdir(parents=True, exist_ok=True)
    form.grab().save(str(SHOTS / "live-price-id.png"))


def test_a_period_priced_alike_is_one_amount_a_month(qtbot, window) -> None:
    form = window.form
    form.editors["occupation"].set_raw("pedagang")
    type_into(qtbot, form, "monthly_income", "1000000")
    type_into(qtbot, form, "first_month", "06/2026")
    form.editors["payment_months"].set_raw("3")
    qtbot.waitUntil(lambda: form.contribution.text() == (
        "Rp25.200 untuk 3 bulan (Rp8.400 per bulan dengan potongan PP 50/2025)"))


def test_the_english_form_says_it_in_english(qtbot, engine, officer, data_dir) -> None:
    from desktop_app.store.enrollments import EnrollmentStore
    from desktop_app.store.form_drafts import FormDraftFile
    from desktop_app.ui.enrollment_form import EnrollmentForm, FormContext

    form = EnrollmentForm(store=EnrollmentStore(engine),
                          context=FormContext(officer.id, today=lambda: TODAY),
                          drafts=FormDraftFile(data_dir), language="en")
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    price_december_to_february(qtbot, form)
    qtbot.waitUntil(lambda: form.contribution.text() == (
        "Rp42.000 for 3 months (Dec Rp8.400 with the PP 50/2025 discount, "
        "Jan–Feb Rp16.800 a month)"))
    form.close()


def test_the_month_by_month_table_names_the_months(qtbot, window) -> None:
    from desktop_app.ui.contribution_view import ContributionDialog

    form = window.form
    price_december_to_february(qtbot, form)
    qtbot.waitUntil(lambda: form.checked is not None and form.checked.quote is not None)
    for language, names in (("id", ["Des 2026", "Jan 2027", "Feb 2027"]),
                            ("en", ["Dec 2026", "Jan 2027", "Feb 2027"])):
        dialog = ContributionDialog(form.checked.quote, form, language=language)
        assert [dialog.table.item(row, 0).text() for row in range(3)] == names
        dialog.close()
