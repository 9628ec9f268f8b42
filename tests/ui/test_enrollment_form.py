"""The enrollment form driven by the keyboard, as an officer with a queue would use it."""

from datetime import date

import pytest
from form_keyboard import NIK, fill_by_keyboard, focused
from PySide6.QtCore import Qt

from desktop_app.domain.enrollment import EnrollmentStatus
from desktop_app.store.search import EnrollmentQuery, search_enrollments

TODAY = date(2026, 5, 20)


def test_a_whole_enrollment_typed_by_keyboard_is_saved_and_found_in_the_list(
        qtbot, window) -> None:
    form = window.form
    fill_by_keyboard(qtbot, window)
    editors = form.editors
    assert editors["birth_date"].raw() == "17/08/1985"
    assert editors["sex"].raw() == "P"
    assert "Denpasar Utara" in form.messages["nik"].text()
    assert editors["desa_code"].raw() == "5171041004"
    assert editors["occupation"].raw() == "pedagang"
    assert editors["payment_months"].raw() == "3"
    assert editors["consent.given"].raw() is True
    assert form.checked.is_valid, [(i.field, i.code) for i in form.checked.errors]
    assert "Rp" in form.contribution.text()

    qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.editing is not None
    stored = form.editing
    assert stored.status is EnrollmentStatus.READY
    assert stored.record.banjar == "Banjar Kaja"
    assert stored.record.phone == "+6281234567890"
    assert [str(p) for p in stored.record.programs] == ["JKK", "JKM", "JHT"]
    assert stored.record.beneficiary.relationship == "suami"

    window.focus_search()
    qtbot.keyClicks(window.list.search_box, "sari de")
    qtbot.waitUntil(lambda: window.list.model.rowCount() == 1 and
                    window.list.model.index(0, 0).data() == NIK)
    window.list.search_box.clear()
    qtbot.keyClicks(window.list.search_box, "5171 0457")
    qtbot.waitUntil(lambda: window.list.model.rowCount() == 1)
    qtbot.waitUntil(lambda: "1" in window.list.count_label.text())


def test_editing_from_the_list_adds_a_revision_and_history(qtbot, window) -> None:
    fill_by_keyboard(qtbot, window)
    assert window.form.save()
    first = window.form.editing
    window.form.next_person()
    window.show_list()
    window.list.refresh()
    qtbot.waitUntil(lambda: window.list.model.rowCount() == 1)
    index = window.list.model.index(0, 1)
    opened = []
    window.list.open_requested.connect(opened.append)
    table = window.list.table
    where = table.visualRect(index).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert opened == [first.id]  # once, not once per signal
    assert window.tabs.currentWidget() is window.form
    assert window.form.editing.id == first.id
    phone = window.form.editors["phone"].widget
    phone.setFocus()
    phone.selectAll()
    qtbot.keyClicks(phone, "0813 1111 2222")
    qtbot.keyClick(phone, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.form.editing.revision == 2
    history = window.store.history(first.id)
    assert history[-1]["changes"] == {"phone": ["+6281234567890", "+6281311112222"]}


def test_a_bad_nik_shows_an_error_and_an_old_person_a_warning(qtbot, window) -> None:
    form = window.form
    nik = form.editors["nik"].widget
    nik.setFocus()
    qtbot.keyClicks(nik, "5171043208850023")  # day 32 does not exist
    assert "✖" in form.messages["nik"].text()
    assert "tanggal lahir" in form.messages["nik"].text()
    assert form.editors["birth_date"].raw() == ""
    nik.clear()
    qtbot.keyClicks(nik, "5171040101500001")  # born 1 January 1950: 76 at enrollment
    assert form.editors["birth_date"].raw() == "01/01/1950"
    assert "⚠" in form.messages["birth_date"].text()
    assert "65" in form.messages["birth_date"].text()


def test_the_nik_feedback_is_immediate_and_stops_at_a_typed_birth_date(qtbot, window) -> None:
    form = window.form
    form.editors["birth_date"].widget.setFocus()
    qtbot.keyClicks(form.editors["birth_date"].widget, "18081985")
    form.editors["nik"].widget.setFocus()
    qtbot.keyClicks(form.editors["nik"].widget, NIK)
    assert form.editors["birth_date"].raw() == "18081985"  # the officer's own value stays
    assert "⚠" in form.messages["birth_date"].text()  # and differs from the NIK
    assert form.editors["sex"].raw() == "P"


def test_a_nik_already_on_the_laptop_is_flagged_with_a_way_to_open_it(qtbot, window) -> None:
    fill_by_keyboard(qtbot, window)
    assert window.form.save()
    first = window.form.editing
    window.form.next_person()
    nik = window.form.editors["nik"].widget
    nik.setFocus()
    qtbot.keyClicks(nik, "5171 0457 0885 0023")
    message = window.form.messages["nik"]
    assert "Ni Made Sari Dewi" in message.text() and str(first.id) in message.text()
    assert not window.form.save()
    assert len(search_enrollments(window.engine, EnrollmentQuery())) == 1
    message.linkActivated.emit(str(first.id))
    assert window.form.editing.id == first.id


def test_saving_with_errors_is_refused_or_kept_as_a_draft_on_request(qtbot, window,
                                                                     monkeypatch) -> None:
    form = window.form
    nik = form.editors["nik"].widget
    nik.setFocus()
    qtbot.keyClicks(nik, NIK)
    monkeypatch.setattr(form, "ask_keep_as_draft", lambda errors: False)
    assert not form.save()
    assert form.editing is None
    assert form.messages["full_name"].isVisible()
    monkeypatch.setattr(form, "ask_keep_as_draft", lambda errors: True)
    assert form.save()
    assert form.editing.status is EnrollmentStatus.DRAFT


def test_escape_asks_before_discarding_and_ctrl_n_before_leaving(qtbot, window,
                                                                 monkeypatch) -> None:
    form = window.form
    name = form.editors["full_name"].widget
    name.setFocus()
    qtbot.keyClicks(name, "I Wayan")
    monkeypatch.setattr(form, "ask_discard", lambda: False)
    qtbot.keyClick(name, Qt.Key.Key_Escape)
    assert name.text() == "I Wayan"
    monkeypatch.setattr(form, "ask_discard", lambda: True)
    qtbot.keyClick(name, Qt.Key.Key_Escape)
    assert name.text() == ""
    qtbot.keyClicks(name, "I Made")
    monkeypatch.setattr(form, "ask_unsaved", lambda: "cancel")
    qtbot.keyClick(name, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert name.text() == "I Made"
    monkeypatch.setattr(form, "ask_unsaved", lambda: "discard")
    qtbot.keyClick(name, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert name.text() == ""
    assert form.editors["nik"].widget.hasFocus()


@pytest.mark.parametrize(("occupation", "first_month", "discounted"), [
    ("pedagang", "12/2026", [True, False, False]),  # others: April-December 2026
    ("sopir", "03/2027", [True, False, False]),  # transport: until March 2027
])
def test_the_contribution_follows_the_fields_month_by_month(
        qtbot, window, occupation, first_month, discounted) -> None:
    from desktop_app.ui.contribution_view import ContributionDialog

    form = window.form
    form.editors["occupation"].set_raw(occupation)
    for name, text in (("monthly_income", "1000000"), ("first_month", first_month)):
        form.editors[name].widget.setText(text)
        form.editors[name].widget.textEdited.emit(text)
    form.editors["payment_months"].set_raw("3")
    assert form.checked.quote is not None
    assert [m.charges[0].discount_name is not None for m in form.checked.quote.months] == (
        discounted)
    assert "Rp" in form.contribution.text() and "PP 50/2025" in form.contribution.text()
    dialog = ContributionDialog(form.checked.quote, form)
    assert dialog.table.rowCount() == 4  # three months and the total
    assert dialog.table.item(0, 1).text() == "Rp5.000 (Rp10.000)"
    assert dialog.table.item(1, 1).text() == "Rp10.000"
    dialog.close()


def test_the_consent_text_is_read_out_in_indonesian_even_in_the_english_ui(
        qtbot, engine, officer, data_dir) -> None:
    from PySide6.QtWidgets import QLabel

    from desktop_app.domain.consent import consent_texts
    from desktop_app.store.enrollments import EnrollmentStore
    from desktop_app.store.form_drafts import FormDraftFile
    from desktop_app.ui.enrollment_form import EnrollmentForm, FormContext

    form = EnrollmentForm(store=EnrollmentStore(engine), context=FormContext(officer.id),
                          drafts=FormDraftFile(data_dir), language="en")
    qtbot.addWidget(form)
    shown = form.findChild(QLabel, "consentText")
    assert shown.text() == consent_texts().current_text().text.id
    assert form.editors["full_name"].widget.toolTip().startswith("Write it exactly")


def test_the_next_person_typed_over_a_saved_one_never_overwrites_it(qtbot, window,
                                                                    monkeypatch) -> None:
    form = window.form
    fill_by_keyboard(qtbot, window)
    assert form.save()
    first = form.editing
    other = "5171040101900007"
    for name, text in (("nik", other), ("full_name", "I Wayan Sudiarta")):
        form.editors[name].set_raw(text)
        form._edited(name)
    monkeypatch.setattr(form, "ask_nik_changed", lambda name, nik: "cancel")
    assert not form.save()
    assert form.editors["full_name"].raw() == "I Wayan Sudiarta"  # cancel changes nothing
    monkeypatch.setattr(form, "ask_nik_changed", lambda name, nik: "new")
    assert not form.save()  # the new person is saved once their own data is typed
    assert form.editing is None and form.editors["nik"].raw() == other
    assert form.editors["full_name"].raw() == "" and not form.editors["consent.given"].raw()
    assert len(search_enrollments(window.engine, EnrollmentQuery())) == 1
    kept = window.store.get(first.id)
    assert (kept.record.nik, kept.record.full_name, kept.revision) == (
        NIK, "Ni Made Sari Dewi", 1)


def test_a_corrected_nik_is_an_edit_with_history(qtbot, window, monkeypatch) -> None:
    form = window.form
    fill_by_keyboard(qtbot, window)
    assert form.save()
    first = form.editing
    corrected = NIK[:-1] + "4"
    form.editors["nik"].set_raw(corrected)
    form._edited("nik")
    monkeypatch.setattr(form, "ask_nik_changed", lambda name, nik: "correct")
    assert form.save()
    assert form.editing.id == first.id and form.editing.revision == 2
    assert window.store.history(first.id)[-1]["changes"]["nik"] == [NIK, corrected]


def test_a_restored_draft_of_an_edit_never_reverts_a_newer_change(qtbot, window,
                                                                 monkeypatch) -> None:
    form = window.form
    fill_by_keyboard(qtbot, window)
    assert form.save()
    stored = form.editing
    form.editors["phone"].set_raw("0813 1111 2222")
    form._edited("phone")
    form.save_draft()
    draft = form.drafts.load()
    assert draft["revision"] == 1
    newer = stored.record.with_changes(occupation="nelayan")  # changed elsewhere meanwhile
    window.store.update(stored.id, newer, officer_id=window.officer.id, expected_revision=1)
    form.restore_draft(draft)
    told = []
    monkeypatch.setattr(form, "tell", told.append)
    assert not form.save()
    assert told and "changed since you opened it" in told[0]
    assert window.store.get(stored.id).record.occupation == "nelayan"


def test_the_draft_follows_the_form_and_is_written_only_when_it_changed(qtbot, window,
                                                                       monkeypatch) -> None:
    form = window.form
    writes = []
    save = form.drafts.save
    monkeypatch.setattr(form.drafts, "save", lambda draft: (writes.append(draft), save(draft)))
    name = form.editors["full_name"].widget
    name.setFocus()
    qtbot.keyClicks(name, "I Ketut")
    form.save_draft()
    form.save_draft()
    assert len(writes) == 1 and form.drafts.load() is not None
    name.clear()
    form._edited("full_name")
    form.save_draft()  # typed back to nothing: no draft to offer at the next start
    assert form.drafts.load() is None
    qtbot.keyClicks(name, "I Nyoman")
    form.save_draft()
    fill_by_keyboard(qtbot, window)
    assert form.save()
    monkeypatch.setattr(form, "ask_unsaved", lambda: "discard")
    name.setFocus()
    qtbot.keyClicks(name, " Gede")
    form.save_draft()
    window.open_enrollment(form.editing.id)  # the officer let the typing go
    assert form.drafts.load() is None


@pytest.mark.parametrize(("typed", "amount"), [
    ("1.500.000,00", 1_500_000), ("Rp 2.000.000", 2_000_000), ("1,500,000", 1_500_000),
    ("750000", 750_000), ("1.500.000,50", None), ("satu juta", None)])
def test_income_reads_the_ways_rupiah_are_written(window, typed, amount) -> None:
    editor = window.form.editors["monthly_income"]
    editor.set_raw(typed)
    value, problem = editor.value()
    assert value == amount
    assert (problem is None) == (amount is not None)


def test_a_desa_typed_by_its_name_alone_is_found(window) -> None:
    editor = window.form.editors["desa_code"]
    for typed, code in (("Sanur", "5171011006"), ("sanur kaja", "5171012009"),
                        ("Kesiman", "5171021003"), ("tonja", "5171041004")):
        editor.widget.setEditText(typed)
        assert editor.raw() == code, typed


def test_lists_with_a_default_have_no_empty_choice(window) -> None:
    for name in ("payment_months", "funding_source"):
        combo = window.form.editors[name].widget
        assert "" not in [combo.itemText(i) for i in range(combo.count())], name


def test_enter_moves_on_from_tick_boxes_and_from_a_picked_suggestion(qtbot, window) -> None:
    form = window.form
    window.activateWindow()
    jht = form.editors["programs"].widget.focusProxy()
    jht.setFocus()
    qtbot.waitUntil(lambda: focused() is jht)
    qtbot.keyClick(jht, Qt.Key.Key_Return)
    assert focused() is not jht
    occupation = form.editors["occupation"].widget
    occupation.setFocus()
    qtbot.waitUntil(lambda: focused() is occupation)
    qtbot.keyClicks(occupation, "pemang")
    popup = occupation.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: focused() is not occupation)
    assert form.editors["occupation"].raw() == "pemangku"
