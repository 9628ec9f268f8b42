"""Banjar visits (kunjungan): where and when an officer enrolls people.

A visit's place is checked by the same rule as an enrollment's address (``check_place``: a
10-digit desa/kelurahan code, the banjar's canonical name), so enrollments that default to it
agree with it.
"""

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine
from sqlmodel import Session, col, func, select

from desktop_app.domain.enrollment import Enrollment as EnrollmentRecord
from desktop_app.domain.messages import FieldIssue
from desktop_app.domain.validation import check_enrollment, check_place
from desktop_app.domain.wilayah import find_area
from desktop_app.sqlite_engine import write_session
from desktop_app.store.models import Enrollment, Visit
from desktop_app.store.records import record_from_row


class VisitRefused(Exception):
    """The visit's place has errors (listed per field) and was not recorded."""

    def __init__(self, issues: list[FieldIssue]) -> None:
        super().__init__("; ".join(f"{i.field}: {i.message.en}" for i in issues))
        self.issues = tuple(issues)


@dataclass(frozen=True)
class VisitSummary:
    id: uuid.UUID
    desa_code: str
    banjar: str
    visit_date: date
    officer_id: uuid.UUID
    enrollments: int
    warnings: tuple[FieldIssue, ...] = ()  # about the place (e.g. a desa not in the list)

    def to_json(self) -> dict[str, object]:
        area = find_area(self.desa_code)
        return {"id": str(self.id), "desa_code": self.desa_code,
                "desa_name": area.name if area else None, "banjar": self.banjar,
                "visit_date": self.visit_date.isoformat(), "officer_id": str(self.officer_id),
                "enrollments": self.enrollments,
                "warnings": [w.to_json() for w in self.warnings]}


def start_visit(engine: Engine, *, desa_code: str, banjar: str, visit_date: date,
                officer_id: uuid.UUID) -> VisitSummary:
    """Records a new visit; raises VisitRefused (with per-field issues) on a bad place."""
    code, name, issues = check_place(desa_code, banjar)
    if any(i.is_error for i in issues):
        raise VisitRefused([i for i in issues if i.is_error])
    visit = Visit(desa_code=code, banjar=name, visit_date=visit_date, officer_id=officer_id)
    with write_session(engine) as session:
        session.add(visit)
        session.commit()
        return VisitSummary(visit.id, code, name, visit_date, officer_id, 0, tuple(issues))


def list_visits(engine: Engine, *, limit: int = 50) -> list[VisitSummary]:
    """The latest visits first, each with how many enrollments it holds."""
    counts = (select(Enrollment.visit_id, func.count().label("n"))
              .group_by(Enrollment.visit_id).subquery())
    statement = (select(Visit, func.coalesce(counts.c.n, 0))
                 .join(counts, counts.c.visit_id == Visit.id, isouter=True)
                 .order_by(col(Visit.visit_date).desc(), col(Visit.created_at).desc())
                 .limit(limit))
    with Session(engine) as session:
        return [VisitSummary(v.id, v.desa_code, v.banjar, v.visit_date, v.officer_id, n)
                for v, n in session.exec(statement)]


def find_visit(engine: Engine, visit_id: uuid.UUID) -> Visit | None:
    with Session(engine, expire_on_commit=False) as session:
        return session.get(Visit, visit_id)


def with_visit_place(record: EnrollmentRecord, visit: Visit) -> EnrollmentRecord:
    """New enrollments default to the visit's place: its desa/kelurahan and banjar."""
    return record.with_changes(desa_code=record.desa_code or visit.desa_code,
                               banjar=record.banjar or visit.banjar)


@dataclass(frozen=True)
class VisitTotals:
    """A visit's running figures: people enrolled and the contributions they bring."""

    enrollments: int
    collected: int  # due from the participants themselves (mandiri) for the months paid
    sponsored: int  # paid by the city, the province, the state, a desa adat or a sponsor


def visit_totals(engine: Engine, visit_id: uuid.UUID, *, on: date) -> VisitTotals:
    """Prices every enrollment of the visit (a visit holds tens to hundreds of people)."""
    with Session(engine) as session:
        rows = session.exec(select(Enrollment).where(Enrollment.visit_id == visit_id)).all()
        records = [record_from_row(row) for row in rows]
    collected = sponsored = 0
    for record in records:
        quote = check_enrollment(record, on=on).quote
        if quote is not None:
            collected += quote.due_from_participant
            sponsored += quote.total - quote.due_from_participant
    return VisitTotals(len(records), collected, sponsored)
