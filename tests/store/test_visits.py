"""Banjar visits: a checked place and day, enrollments that default to it, counts per visit;
the same place and day resume the open visit; a visit is ended, resumed and added up."""

import uuid
from datetime import date

import pytest
from builders import build_nik
from sqlmodel import Session, select

from desktop_app.domain.enrollment import Enrollment
from desktop_app.domain.funding import FundingSource
from desktop_app.store.models import Visit
from desktop_app.store.officers import sign_in_officer
from desktop_app.store.search import EnrollmentQuery, search_enrollments
from desktop_app.store.visits import (
    VisitNotFound,
    VisitRefused,
    end_visit,
    find_visit,
    list_visits,
    resume_visit,
    start_visit,
    visit_totals,
    with_visit_place,
)

DAY = date(2026, 5, 20)


def test_a_visit_keeps_the_canonical_banjar_and_counts_its_enrollments(
        engine, store, officer, valid_record) -> None:
    visit = start_visit(engine, desa_code="51.71.04.1004", banjar="br.  tonja",
                        visit_date=date(2026, 5, 19), officer_id=officer.id)
    assert (visit.desa_code, visit.banjar) == ("5171041004", "Banjar Tonja")
    other = start_visit(engine, desa_code="5171011003", banjar="Banjar Kaja",
                        visit_date=date(2026, 5, 20), officer_id=officer.id)
    record = with_visit_place(valid_record.with_changes(desa_code="", banjar=""),
                              find_visit(engine, visit.id))
    assert (record.desa_code, record.banjar) == ("5171041004", "Banjar Tonja")
    stored = store.create(record, officer_id=officer.id, on=date(2026, 5, 19),
                          visit_id=visit.id)
    assert stored.visit_id == visit.id
    assert [(v.id, v.enrollments) for v in list_visits(engine)] == [(other.id, 0),
                                                                      (visit.id, 1)]
    found = search_enrollments(engine, EnrollmentQuery(visit_id=visit.id))
    assert [row.id for row in found] == [stored.id]


def test_a_typed_place_wins_over_the_visits(engine, officer) -> None:
    visit = start_visit(engine, desa_code="5171041004", banjar="Banjar Tonja",
                        visit_date=date(2026, 5, 19), officer_id=officer.id)
    record = Enrollment(desa_code="5171011003", banjar="Banjar Kaja")
    assert with_visit_place(record, find_visit(engine, visit.id)) == record


@pytest.mark.parametrize(("desa_code", "banjar", "fields"), [
    ("51710410", "Banjar Tonja", ["desa_code"]),
    ("5171041004", " br. ", ["banjar"]),
    ("", "", ["desa_code", "banjar"]),
])
def test_a_visit_with_a_bad_place_is_refused_and_not_recorded(
        engine, officer, desa_code, banjar, fields) -> None:
    with pytest.raises(VisitRefused) as refused:
        start_visit(engine, desa_code=desa_code, banjar=banjar, visit_date=date(2026, 5, 19),
                    officer_id=officer.id)
    assert [i.field for i in refused.value.issues] == fields
    assert list_visits(engine) == []


def _visit_rows(engine) -> list[Visit]:
    with Session(engine) as session:
        return list(session.exec(select(Visit)))


def test_the_same_place_and_day_resume_the_open_visit_instead_of_making_another(
        engine, store, officer, valid_record) -> None:
    first = start_visit(engine, desa_code="5171041004", banjar="Banjar Tonja", visit_date=DAY,
                        officer_id=officer.id)
    store.create(valid_record, officer_id=officer.id, on=DAY, visit_id=first.id)
    again = start_visit(engine, desa_code="51.71.04.1004", banjar="br.  TONJA", visit_date=DAY,
                        officer_id=officer.id)
    assert (again.id, again.resumed, again.enrollments) == (first.id, True, 1)
    assert not first.resumed
    assert len(_visit_rows(engine)) == 1
    # another day, another officer or another banjar is another visit
    other_day = start_visit(engine, desa_code="5171041004", banjar="Banjar Tonja",
                            visit_date=date(2026, 5, 19), officer_id=officer.id)
    colleague = sign_in_officer(engine, name="Ni Luh Putu Ayu", officer_code="DSN-031")
    colleagues = start_visit(engine, desa_code="5171041004", banjar="Banjar Tonja",
                             visit_date=DAY, officer_id=colleague.id)
    other_banjar = start_visit(engine, desa_code="5171041004", banjar="Banjar Kaja",
                               visit_date=DAY, officer_id=officer.id)
    assert len({first.id, other_day.id, colleagues.id, other_banjar.id}) == 4
    assert not any(v.resumed for v in (other_day, colleagues, other_banjar))


def test_an_ended_visit_is_not_resumed_by_starting_again_but_can_be_resumed_by_id(
        engine, officer) -> None:
    first = start_visit(engine, desa_code="5171041004", banjar="Banjar Tonja", visit_date=DAY,
                        officer_id=officer.id)
    ended = end_visit(engine, first.id)
    assert ended.ended_at is not None and not ended.is_open
    assert end_visit(engine, first.id).ended_at == ended.ended_at  # ending twice keeps the time
    assert list_visits(engine)[0].is_open is False
    later = start_visit(engine, desa_code="5171041004", banjar="Banjar Tonja", visit_date=DAY,
                        officer_id=officer.id)
    assert later.id != first.id and not later.resumed  # the reconciled visit stays closed
    end_visit(engine, later.id)
    resumed = resume_visit(engine, first.id)
    assert (resumed.id, resumed.is_open, resumed.resumed) == (first.id, True, True)
    assert find_visit(engine, first.id).ended_at is None
    # open again, so the same place and day now resume it
    assert start_visit(engine, desa_code="5171041004", banjar="Banjar Tonja", visit_date=DAY,
                       officer_id=officer.id).id == first.id


def test_an_unknown_visit_cannot_be_ended_or_resumed(engine) -> None:
    missing = uuid.uuid4()
    for act in (end_visit, resume_visit):
        with pytest.raises(VisitNotFound) as refused:
            act(engine, missing)
        assert "visit list" in refused.value.message.en


def test_the_totals_count_ready_and_synced_records_and_split_cash_from_sponsors(
        engine, store, officer, valid_record) -> None:
    visit = start_visit(engine, desa_code="5171041004", banjar="Banjar Tonja", visit_date=DAY,
                        officer_id=officer.id)

    def person(serial: int, **changes):
        return valid_record.with_changes(
            nik=build_nik("517104", date(1985, 8, 17), "P", serial), **changes)

    store.create(person(1), officer_id=officer.id, on=DAY, visit_id=visit.id)
    store.create(person(2), officer_id=officer.id, on=DAY, visit_id=visit.id)
    store.create(person(3, funding_source=FundingSource.APBD_KOTA), officer_id=officer.id,
                 on=DAY, visit_id=visit.id)
    store.create(person(4, funding_source=FundingSource.SPONSOR, sponsor_name="PT Bali Jaya",
                        payment_months=6), officer_id=officer.id, on=DAY, visit_id=visit.id)
    store.create(person(5, full_name=""), officer_id=officer.id, on=DAY, visit_id=visit.id,
                 allow_draft=True)  # unfinished: not counted in the money
    store.create(person(6), officer_id=officer.id, on=DAY)  # made outside the visit

    totals = visit_totals(engine, visit.id)
    # 3 months of JKK 25.000 + JKM 6.800: Rp95.400, halved by PP 50/2025 except where the
    # state, the province or the city pays
    assert (totals.enrollments, totals.counted) == (5, 4)
    assert totals.collected == 2 * 47_700
    assert totals.sponsored_by == ((FundingSource.APBD_KOTA, 95_400),
                                   (FundingSource.SPONSOR, 2 * 47_700))
    assert totals.sponsored == 190_800
    listed = list_visits(engine, with_totals=True)[0]
    assert listed.totals == totals and listed.enrollments == 5
    assert end_visit(engine, visit.id).totals == totals
    assert listed.to_json()["totals"] == {
        "enrollments": 5, "counted": 4, "collected": 95_400, "sponsored": 190_800,
        "sponsored_by": {"apbd_kota": 95_400, "sponsor": 95_400}}


@pytest.mark.parametrize(("day", "code"), [
    (date(2026, 5, 21), "after_today"),
    (date(2020, 12, 31), "before_rates"),
    (date(26, 12, 1), "before_rates"),  # "01/12/000026", as a date box once read 28112026
])
def test_a_visit_day_after_today_or_before_the_rates_is_refused_and_not_recorded(
        engine, officer, day, code) -> None:
    with pytest.raises(VisitRefused) as refused:
        start_visit(engine, desa_code="5171041004", banjar="Banjar Tonja", visit_date=day,
                    officer_id=officer.id, today=DAY)
    assert [(i.field, i.code) for i in refused.value.issues] == [("visit_date", code)]
    assert list_visits(engine) == []
