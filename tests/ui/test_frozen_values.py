"""The windows hold frozen values, not ORM rows: the signed-in officer without the PIN's hash,
the visit as a ``VisitInfo`` (issue 15, item 5; the import contract keeps it so)."""

import dataclasses
from datetime import date

import pytest

from desktop_app.store.officers import SignedInOfficer, sign_in, signed_in_officer
from desktop_app.store.visits import VisitInfo, end_visit, start_visit, visit_info
from desktop_app.ui.application import officer_for_session

TODAY = date(2026, 5, 20)


def test_the_signed_in_officer_is_a_frozen_value_without_the_pin_hash(engine) -> None:
    officer = sign_in(engine, name="Ni  Ketut Sari", officer_code="DSN-002", pin="2468")
    assert officer == SignedInOfficer(officer.id, "Ni Ketut Sari", "DSN-002")
    assert signed_in_officer(engine) == officer == officer_for_session(engine)
    assert not hasattr(officer, "pin_hash")
    with pytest.raises(dataclasses.FrozenInstanceError):
        officer.name = "someone else"  # type: ignore[misc]


def test_the_window_and_its_form_hold_frozen_values(qtbot, window) -> None:
    window.start_visit("5171041004", "Banjar Tonja", TODAY)
    visit = window.context.visit
    assert isinstance(window.officer, SignedInOfficer)
    assert isinstance(visit, VisitInfo) and visit.is_open
    assert visit == visit_info(window.engine, visit.id)
    assert window.form.context.visit is visit
    with pytest.raises(dataclasses.FrozenInstanceError):
        visit.banjar = "Banjar Lain"  # type: ignore[misc]


def test_a_remembered_visit_comes_back_as_a_frozen_value_until_it_ends(
        engine, officer, data_dir, make_window) -> None:
    from desktop_app.ui.application import app_settings

    started = start_visit(engine, desa_code="5171041004", banjar="Banjar Tonja",
                          visit_date=TODAY, officer_id=officer.id, today=TODAY)
    settings = app_settings(data_dir)
    settings.setValue("visit/last", str(started.id))
    settings.sync()
    window = make_window()
    assert window.context.visit == started.info()
    window.close()
    window.tasks.wait()
    end_visit(engine, started.id)
    settings.setValue("visit/last", str(started.id))
    settings.sync()
    again = make_window()
    assert again.context.visit is None
    again.close()
    again.tasks.wait()
