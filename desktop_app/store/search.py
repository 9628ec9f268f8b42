"""Finding enrollments: by NIK prefix or by name (word prefixes), filtered and paged.

A query made only of digits (spaces, dots and dashes ignored) is a NIK prefix, answered from the
NIK index in NIK order. Anything else is a name search through the FTS5 index, which ignores case
and accents and matches each typed word as the start of a word of the name. Name matches and
unfiltered lists come newest first (rowid order, which every index and the FTS index can walk
without sorting): ordering 100,000 matches of "ni" by name took 80 ms, newest-first takes 1 ms.
"""

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from types import SimpleNamespace

from sqlalchemy import Engine, Select, column, func, literal_column, table, text
from sqlmodel import Session, col, select

from desktop_app.domain.banjar import fold
from desktop_app.domain.enrollment import EnrollmentStatus
from desktop_app.domain.nik import normalize_number
from desktop_app.store.models import Enrollment
from desktop_app.store.records import RECORD_COLUMNS, plain_rows


@dataclass(frozen=True)
class EnrollmentSummary:
    """One line of the enrollment list."""

    id: uuid.UUID
    nik: str
    full_name: str
    birth_date: date | None
    desa_code: str
    banjar: str
    occupation: str
    status: EnrollmentStatus
    updated_at: datetime

    def to_json(self) -> dict[str, object]:
        return {"id": str(self.id), "nik": self.nik, "full_name": self.full_name,
                "birth_date": self.birth_date.isoformat() if self.birth_date else None,
                "desa_code": self.desa_code, "banjar": self.banjar,
                "occupation": self.occupation, "status": str(self.status),
                "updated_at": self.updated_at.isoformat()}


@dataclass(frozen=True)
class EnrollmentQuery:
    """What the list shows: search text and filters. Empty means everything."""

    text: str = ""
    status: EnrollmentStatus | None = None
    visit_id: uuid.UUID | None = None
    banjar: str | None = None
    enrolled_from: date | None = None  # first day (local calendar) of enrollments to show
    enrolled_to: date | None = None  # last day, inclusive


def local_midnight(day: date) -> datetime:
    """The start of a calendar day on this laptop's clock (officers think in WITA dates)."""
    return datetime.combine(day, time.min).astimezone()


def name_match_expression(typed: str) -> str:
    """``made sur`` -> ``"made"* AND "sur"*`` (each word a prefix; quotes keep FTS syntax out)."""
    return " AND ".join(f'"{word}"*' for word in fold(typed).split())


_SEARCH_INDEX = table("enrollment_search", column("rowid"))
_ENROLLMENT_ROWID = literal_column("enrollment.rowid")


def _nik_prefix(typed: str) -> str | None:
    digits = normalize_number(typed)
    return digits if digits and digits.isascii() and digits.isdigit() else None


def _filtered(query: EnrollmentQuery, statement: Select) -> Select:
    """The query's conditions on ``statement`` (a select from ``enrollment``)."""
    prefix = _nik_prefix(query.text)
    if prefix:
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        statement = statement.where(col(Enrollment.nik) >= prefix, col(Enrollment.nik) < upper)
    elif fold(query.text):
        statement = statement.join_from(
            Enrollment, _SEARCH_INDEX, _SEARCH_INDEX.c.rowid == _ENROLLMENT_ROWID,
        ).where(text("enrollment_search MATCH :match").bindparams(
            match=name_match_expression(query.text)))
    if query.status is not None:
        statement = statement.where(Enrollment.status == str(query.status))
    if query.visit_id is not None:
        statement = statement.where(Enrollment.visit_id == query.visit_id)
    if query.banjar:
        statement = statement.where(Enrollment.banjar == query.banjar)
    if query.enrolled_from is not None:
        statement = statement.where(col(Enrollment.created_at) >= local_midnight(
            query.enrolled_from))
    if query.enrolled_to is not None:
        statement = statement.where(col(Enrollment.created_at) < local_midnight(
            query.enrolled_to + timedelta(days=1)))
    return statement


class SortKey(StrEnum):
    """Columns the list can be sorted by; each has an index, so a page never sorts the table."""

    NIK = "nik"
    NAME = "full_name"
    BIRTH_DATE = "birth_date"
    BANJAR = "banjar"
    STATUS = "status"
    UPDATED = "updated_at"


def _order(query: EnrollmentQuery, sort: SortKey | None, descending: bool) -> list:
    if sort is not None:
        column = getattr(Enrollment, str(sort))
        tie = _ENROLLMENT_ROWID.desc() if descending else _ENROLLMENT_ROWID
        return [col(column).desc() if descending else column, tie]
    if _nik_prefix(query.text):
        return [Enrollment.nik]
    if fold(query.text):  # ordered by the FTS index's own rowid, so FTS5 walks it backwards
        return [_SEARCH_INDEX.c.rowid.desc()]
    if query.enrolled_from or query.enrolled_to:  # the created_at index walks the range in order
        return [col(Enrollment.created_at).desc(), _ENROLLMENT_ROWID.desc()]
    return [_ENROLLMENT_ROWID.desc()]


def search_enrollments(engine: Engine, query: EnrollmentQuery, *, limit: int = 50,
                       offset: int = 0, sort: SortKey | None = None,
                       descending: bool = False) -> list[EnrollmentSummary]:
    """One page of matching enrollments.

    Without a sort key: NIK order for a NIK prefix, else newest first.
    """
    columns = (Enrollment.id, Enrollment.nik, Enrollment.full_name, Enrollment.birth_date,
               Enrollment.desa_code, Enrollment.banjar, Enrollment.occupation,
               Enrollment.status, Enrollment.updated_at)
    statement = (_filtered(query, select(*columns))
                 .order_by(*_order(query, sort, descending)).limit(limit).offset(offset))
    with Session(engine) as session:
        return [EnrollmentSummary(*row[:7], EnrollmentStatus(row[7]), row[8])
                for row in session.exec(statement)]


def count_enrollments(engine: Engine, query: EnrollmentQuery) -> int:
    name_only = (not _nik_prefix(query.text) and fold(query.text)
                 and query == EnrollmentQuery(text=query.text))
    if name_only:  # the FTS index alone can count: no lookup of 100,000 rows for "ni"
        with engine.connect() as connection:
            return connection.exec_driver_sql(
                "SELECT count(*) FROM enrollment_search WHERE enrollment_search MATCH ?",
                (name_match_expression(query.text),)).scalar_one()
    with Session(engine) as session:
        statement = _filtered(query, select(func.count()).select_from(Enrollment))
        return session.exec(statement).one()


def stream_enrollments(engine: Engine, query: EnrollmentQuery, *,
                       chunk: int = 1000) -> Iterator[SimpleNamespace]:
    """Every matching enrollment row, oldest first, read ``chunk`` rows at a time (an export
    of 100,000 records holds a thousand at once). Rows are namespaces of the record's columns
    and its id, status, visit and creation time (``plain_rows``)."""
    table_ = Enrollment.__table__
    columns = [table_.c[name] for name in (*RECORD_COLUMNS, "id", "status", "visit_id",
                                           "created_at")]
    after = 0
    while True:
        statement = (_filtered(query, select(_ENROLLMENT_ROWID.label("row_number"), *columns))
                     .where(text("enrollment.rowid > :after").bindparams(after=after))
                     .order_by(_ENROLLMENT_ROWID).limit(chunk))
        with engine.connect() as connection:
            rows = connection.execute(statement).all()
        if not rows:
            return
        yield from plain_rows(rows)
        after = rows[-1].row_number
