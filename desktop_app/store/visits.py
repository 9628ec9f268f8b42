"""Banjar visits (kunjungan): where and when an officer enrolls people, and what they collect.

A visit's place is checked by the same rule as an enrollment's address (``check_place``: a
10-digit desa/kelurahan code, the banjar's canonical name), so enrollments that default to it
agree with it; its day by the rule every recorded day follows (``check_recorded_day``).

A visit stays open until it is ended. Starting the same officer's visit at the same place on
the same day again resumes the open one rather than making a second, so the people and the
cash an officer reconciles at the end of the meeting stay in one place.
"""

import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Engine
from sqlmodel import Session, col, func, select

from desktop_app.domain.enrollment import Enrollment as EnrollmentRecord
from desktop_app.domain.enrollment import EnrollmentStatus
from desktop_app.domain.funding import FundingSource
from desktop_app.domain.messages import FieldIssue, Text
from desktop_app.domain.months import check_recorded_day
from desktop_app.domain.validation import check_place, record_quote
from desktop_app.domain.wilayah import find_area
from desktop_app.sql_types import utc_now
from desktop_app.sqlite_engine import write_session
from desktop_app.store.models import Enrollment, Visit
from desktop_app.store.records import record_from_row

# the records whose money changed hands: drafts are unfinished, conflicts and refusals wait
# for the officer or the office
COUNTED_STATUSES = (EnrollmentStatus.READY, EnrollmentStatus.SYNCED)


class VisitRefused(Exception):
    """The visit's place or day has errors (listed per field) and was not recorded."""

    def __init__(self, issues: list[FieldIssue]) -> None:
        super().__init__("; ".join(f"{i.field}: {i.message.en}" for i in issues))
        self.issues = tuple(issues)


class VisitNotFound(Exception):
    """No visit on this laptop has that id."""

    def __init__(self, visit_id: uuid.UUID) -> None:
        super().__init__(str(visit_id))
        self.message = Text(
            f"tidak ada kunjungan {visit_id} di laptop ini; lihat: banjar-enroll visit list",
            f"no visit {visit_id} on this laptop; see: banjar-enroll visit list")


@dataclass(frozen=True)
class VisitTotals:
    """A visit's figures: people enrolled and the contributions of its ready/synced records."""

    enrollments: int  # every record made at the visit, drafts included
    counted: int  # the ready or synced ones, whose contributions are added up below
    collected: int  # paid by the participants themselves (mandiri) for the months paid
    sponsored: int  # paid by the city, the province, the state, a desa adat or a sponsor
    sponsored_by: tuple[tuple[FundingSource, int], ...] = ()  # the sponsored amount per payer

    def to_json(self) -> dict[str, object]:
        return {"enrollments": self.enrollments, "counted": self.counted,
                "collected": self.collected, "sponsored": self.sponsored,
                "sponsored_by": {str(payer): amount for payer, amount in self.sponsored_by}}


def _add_up(enrollments: int, counted: Iterable[EnrollmentRecord]) -> VisitTotals:
    """Adds up the counted records, priced by the one pricing the form, receipts and
    exports use."""
    people = collected = 0
    by_payer: Counter[FundingSource] = Counter()
    for record in counted:
        people += 1
        quote = record_quote(record)
        if quote is None:
            continue
        collected += quote.due_from_participant
        if quote.due_from_participant != quote.total:
            by_payer[quote.funding_source] += quote.total - quote.due_from_participant
    payers = tuple((payer, by_payer[payer]) for payer in FundingSource if by_payer[payer])
    return VisitTotals(enrollments, people, collected, sum(by_payer.values()), payers)


@dataclass(frozen=True)
class VisitInfo:
    """A visit as the windows hold it (the visit bar, the form's defaults, the dialogs): a
    frozen value, not a row detached from its session."""

    id: uuid.UUID
    desa_code: str
    banjar: str
    visit_date: date
    ended_at: datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.ended_at is None

    def place(self) -> str:
        area = find_area(self.desa_code)
        return f"{self.banjar}, {area.name if area else self.desa_code}"


@dataclass(frozen=True)
class VisitSummary:
    id: uuid.UUID
    desa_code: str
    banjar: str
    visit_date: date
    officer_id: uuid.UUID
    enrollments: int
    ended_at: datetime | None = None
    warnings: tuple[FieldIssue, ...] = ()  # about the place (e.g. a desa not in the list)
    resumed: bool = False  # started again at the same place and day: the open visit goes on
    totals: VisitTotals | None = field(default=None, compare=False)

    @property
    def is_open(self) -> bool:
        return self.ended_at is None

    def place(self) -> str:
        return self.info().place()

    def info(self) -> VisitInfo:
        return VisitInfo(self.id, self.desa_code, self.banjar, self.visit_date, self.ended_at)

    def to_json(self) -> dict[str, object]:
        area = find_area(self.desa_code)
        data: dict[str, object] = {
            "id": str(self.id), "desa_code": self.desa_code,
            "desa_name": area.name if area else None, "banjar": self.banjar,
            "visit_date": self.visit_date.isoformat(), "officer_id": str(self.officer_id),
            "enrollments": self.enrollments, "open": self.is_open,
            "ended_at": self.ended_at.isoformat() if self.ended_at else None,
            "resumed": self.resumed, "warnings": [w.to_json() for w in self.warnings]}
        if self.totals is not None:
            data["totals"] = self.totals.to_json()
        return data


def _summary(visit: Visit, enrollments: int, **extra: object) -> VisitSummary:
    return VisitSummary(visit.id, visit.desa_code, visit.banjar, visit.visit_date,
                        visit.officer_id, enrollments, visit.ended_at, **extra)


def _count(session: Session, visit_id: uuid.UUID) -> int:
    return session.exec(select(func.count()).select_from(Enrollment)
                        .where(Enrollment.visit_id == visit_id)).one()


def start_visit(engine: Engine, *, desa_code: str, banjar: str, visit_date: date,
                officer_id: uuid.UUID, today: date | None = None) -> VisitSummary:
    """Records a visit, or resumes the officer's open visit at that place on that day
    (``resumed``); raises VisitRefused (with per-field issues) on a bad place or day."""
    code, name, issues = check_place(desa_code, banjar)
    errors = [i for i in issues if i.is_error]
    day_issue = check_recorded_day(visit_date, today=today or date.today(), field="visit_date")
    if errors or day_issue is not None:
        raise VisitRefused(errors + ([day_issue] if day_issue else []))
    with write_session(engine) as session:  # the write lock: two starts cannot both insert
        open_visit = session.exec(
            select(Visit).where(Visit.desa_code == code, Visit.banjar == name,
                                Visit.visit_date == visit_date, Visit.officer_id == officer_id,
                                col(Visit.ended_at).is_(None))
            .order_by(col(Visit.created_at))).first()
        if open_visit is not None:
            return _summary(open_visit, _count(session, open_visit.id),
                            warnings=tuple(issues), resumed=True)
        visit = Visit(desa_code=code, banjar=name, visit_date=visit_date, officer_id=officer_id)
        session.add(visit)
        session.commit()
        return _summary(visit, 0, warnings=tuple(issues))


def end_visit(engine: Engine, visit_id: uuid.UUID) -> VisitSummary:
    """Ends the visit (an ended visit keeps the time it first ended) and returns its totals."""
    with write_session(engine) as session:
        visit = session.get(Visit, visit_id)
        if visit is None:
            raise VisitNotFound(visit_id)
        if visit.ended_at is None:
            visit.ended_at = utc_now()
            session.add(visit)
            session.commit()
    totals = visit_totals(engine, visit_id)
    return _summary(visit, totals.enrollments, totals=totals)


def resume_visit(engine: Engine, visit_id: uuid.UUID) -> VisitSummary:
    """Opens the visit again (new enrollments join it) and returns its totals."""
    with write_session(engine) as session:
        visit = session.get(Visit, visit_id)
        if visit is None:
            raise VisitNotFound(visit_id)
        if visit.ended_at is not None:
            visit.ended_at = None
            session.add(visit)
            session.commit()
    totals = visit_totals(engine, visit_id)
    return _summary(visit, totals.enrollments, resumed=True, totals=totals)


def list_visits(engine: Engine, *, limit: int = 50,
                with_totals: bool = False) -> list[VisitSummary]:
    """The latest visits first, each with how many enrollments it holds; ``with_totals``
    also prices them (every record of the listed visits: call it off the UI thread)."""
    counts = (select(Enrollment.visit_id, func.count().label("n"))
              .group_by(Enrollment.visit_id).subquery())
    statement = (select(Visit, func.coalesce(counts.c.n, 0))
                 .join(counts, counts.c.visit_id == Visit.id, isouter=True)
                 .order_by(col(Visit.visit_date).desc(), col(Visit.created_at).desc())
                 .limit(limit))
    with Session(engine) as session:
        visits = [_summary(v, n) for v, n in session.exec(statement)]
    if not with_totals:
        return visits
    totals = _totals_of_visits(engine, [v.id for v in visits])
    return [_summary_with(v, totals.get(v.id, VisitTotals(0, 0, 0, 0))) for v in visits]


def _summary_with(summary: VisitSummary, totals: VisitTotals) -> VisitSummary:
    return VisitSummary(summary.id, summary.desa_code, summary.banjar, summary.visit_date,
                        summary.officer_id, summary.enrollments, summary.ended_at,
                        totals=totals)


def _totals_of_visits(engine: Engine,
                      visit_ids: list[uuid.UUID]) -> dict[uuid.UUID, VisitTotals]:
    counts: Counter[uuid.UUID] = Counter()
    counted: dict[uuid.UUID, list[EnrollmentRecord]] = {visit_id: [] for visit_id in visit_ids}
    with Session(engine) as session:
        for visit_id, n in session.exec(
                select(Enrollment.visit_id, func.count())
                .where(col(Enrollment.visit_id).in_(visit_ids))
                .group_by(Enrollment.visit_id)):
            counts[visit_id] = n
        for row in session.exec(
                select(Enrollment).where(col(Enrollment.visit_id).in_(visit_ids),
                                         col(Enrollment.status).in_(COUNTED_STATUSES))):
            counted[row.visit_id].append(record_from_row(row))
    return {visit_id: _add_up(counts[visit_id], held) for visit_id, held in counted.items()}


def find_visit(engine: Engine, visit_id: uuid.UUID) -> Visit | None:
    with Session(engine, expire_on_commit=False) as session:
        return session.get(Visit, visit_id)


def visit_info(engine: Engine, visit_id: uuid.UUID) -> VisitInfo | None:
    """The visit as a frozen value for the windows (None when this laptop has no such visit)."""
    visit = find_visit(engine, visit_id)
    if visit is None:
        return None
    return VisitInfo(visit.id, visit.desa_code, visit.banjar, visit.visit_date, visit.ended_at)


def with_visit_place(record: EnrollmentRecord,
                     visit: Visit | VisitInfo) -> EnrollmentRecord:
    """New enrollments default to the visit's place: its desa/kelurahan and banjar."""
    return record.with_changes(desa_code=record.desa_code or visit.desa_code,
                               banjar=record.banjar or visit.banjar)


def visit_totals(engine: Engine, visit_id: uuid.UUID) -> VisitTotals:
    """Prices every enrollment of the visit (a visit holds tens to hundreds of people)."""
    return _totals_of_visits(engine, [visit_id])[visit_id]
