"""Banjar visits: a checked place, enrollments that default to it, counts per visit."""

from datetime import date

import pytest

from desktop_app.domain.enrollment import Enrollment
from desktop_app.store.search import EnrollmentQuery, search_enrollments
from desktop_app.store.visits import (
    VisitRefused,
    find_visit,
    list_visits,
    start_visit,
    with_visit_place,
)


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
