"""Finding enrollments: by NIK prefix or by name (word prefixes, then near spellings), filtered
and paged.

A query made only of digits (spaces, dots and dashes ignored) is a NIK prefix, answered from the
NIK index in NIK order. Anything else is a name search through the FTS5 name index
(``store.name_index``). Exact matches come first: each typed word starts a word of the name,
case and accents ignored. Near spellings follow: names whose words match the typed words by
their spelling keys (``domain.name_sound``: Sudarsono finds Sudarsana), closest spelling first.
Name matches and unfiltered lists come newest first (rowid order, which every index and the FTS
index can walk without sorting): ordering 100,000 matches of "ni" by name took 80 ms,
newest-first takes 1 ms. So exact matches are paged by the index alone, and near spellings are
asked for only when a page has room after the exact ones.
"""

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from types import SimpleNamespace

from sqlalchemy import Engine, Select, case, column, func, literal_column, table, text
from sqlmodel import Session, col, select

from desktop_app.domain.banjar import fold
from desktop_app.domain.enrollment import EnrollmentStatus
from desktop_app.domain.name_sound import spelling_distance
from desktop_app.domain.nik import normalize_number
from desktop_app.store.models import Enrollment, live_rows
from desktop_app.store.name_index import exact_expression, near_expression
from desktop_app.store.records import RECORD_COLUMNS, plain_rows

# Near spellings are put in order of closeness when there are at most this many (the ranking
# reads and compares each one); past it they come newest first, as exact matches do.
RANKED_NEAR = 300


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
    near_spelling: bool = False  # found by a near spelling of the name, not the typed one
    clashed: bool = False  # its unsent value and a newer office value clashed (rebase_rows)

    def to_json(self) -> dict[str, object]:
        return {"id": str(self.id), "nik": self.nik, "full_name": self.full_name,
                "birth_date": self.birth_date.isoformat() if self.birth_date else None,
                "desa_code": self.desa_code, "banjar": self.banjar,
                "occupation": self.occupation, "status": str(self.status),
                "updated_at": self.updated_at.isoformat(), "near_spelling": self.near_spelling}


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


_SEARCH_INDEX = table("enrollment_search", column("rowid"))
_ENROLLMENT_ROWID = literal_column("enrollment.rowid")


def _nik_prefix(typed: str) -> str | None:
    digits = normalize_number(typed)
    return digits if digits and digits.isascii() and digits.isdigit() else None


def _names(typed: str) -> tuple[str, str | None] | None:
    """The exact and the near name expressions of a name search (None for a NIK prefix or an
    empty query); the near one is None when no typed word can be spelt another way."""
    if _nik_prefix(typed) or not fold(typed):
        return None
    return exact_expression(typed), near_expression(typed)


def _every_name(typed: str) -> str:
    """What a name search finds, exact and near (the near expression includes the exact)."""
    exact, near = _names(typed)
    return near or exact


def _filtered(query: EnrollmentQuery, statement: Select, names: str | None = None) -> Select:
    """The query's conditions on ``statement`` (a select from ``enrollment``); a name search
    matches ``names`` if given, else every exact and near match."""
    prefix = _nik_prefix(query.text)
    if prefix:
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        statement = statement.where(col(Enrollment.nik) >= prefix, col(Enrollment.nik) < upper)
    elif fold(query.text):
        statement = statement.join_from(
            Enrollment, _SEARCH_INDEX, _SEARCH_INDEX.c.rowid == _ENROLLMENT_ROWID,
        ).where(text("enrollment_search MATCH :match").bindparams(
            match=names or _every_name(query.text)))
    if query.status is not None:
        statement = statement.where(Enrollment.status == str(query.status))
    else:  # tombstones only when asked for: the person shows once
        statement = statement.where(live_rows())
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


_SUMMARY_COLUMNS = (Enrollment.id, Enrollment.nik, Enrollment.full_name, Enrollment.birth_date,
                    Enrollment.desa_code, Enrollment.banjar, Enrollment.occupation,
                    Enrollment.status, Enrollment.updated_at, Enrollment.clash)


def _summaries(engine: Engine, statement: Select, near: bool | None = None
               ) -> list[EnrollmentSummary]:
    """Rows of ``_SUMMARY_COLUMNS``; ``near`` says whether they are near spellings, or None
    when each row says it in an eleventh column."""
    with engine.connect() as connection:
        return [EnrollmentSummary(*row[:7], EnrollmentStatus(row[7]), row[8],
                                  bool(row[10]) if near is None else near,
                                  clashed=row[9] is not None)
                for row in connection.execute(statement)]


def _near_flag(exact: str):
    """1 for a row the exact expression does not match (a near spelling), else 0."""
    exact_rows = (select(literal_column("rowid")).select_from(text("enrollment_search"))
                  .where(text("enrollment_search MATCH :exact").bindparams(exact=exact)))
    return case((_ENROLLMENT_ROWID.in_(exact_rows), 0), else_=1)


def search_enrollments(engine: Engine, query: EnrollmentQuery, *, limit: int = 50,
                       offset: int = 0, sort: SortKey | None = None,
                       descending: bool = False) -> list[EnrollmentSummary]:
    """One page of matching enrollments.

    A name search lists exact matches before near spellings. Without a sort key: NIK order
    for a NIK prefix, else newest first (near spellings closest first); with one, each part
    in that order.
    """
    names = _names(query.text)
    if names is None or names[1] is None:
        statement = (_filtered(query, select(*_SUMMARY_COLUMNS))
                     .order_by(*_order(query, sort, descending)).limit(limit).offset(offset))
        return _summaries(engine, statement, near=False)
    exact, near = names
    if sort is not None:
        flag = _near_flag(exact)
        statement = (_filtered(query, select(*_SUMMARY_COLUMNS, flag), near)
                     .order_by(flag, *_order(query, sort, descending))
                     .limit(limit).offset(offset))
        return _summaries(engine, statement)
    found = _name_page(engine, query, exact, limit=limit, offset=offset, near=False)
    if len(found) == limit:
        return found
    # the near spellings start where the exact matches end
    skip = 0 if found or not offset else offset - _count(engine, query, exact)
    return found + _near_page(engine, query, f"({near}) NOT ({exact})",
                              limit=limit - len(found), offset=skip)


def _name_page(engine: Engine, query: EnrollmentQuery, names: str, *, limit: int, offset: int,
               near: bool) -> list[EnrollmentSummary]:
    statement = (_filtered(query, select(*_SUMMARY_COLUMNS), names)
                 .order_by(_SEARCH_INDEX.c.rowid.desc()).limit(limit).offset(offset))
    return _summaries(engine, statement, near=near)


def _near_page(engine: Engine, query: EnrollmentQuery, near_only: str, *, limit: int,
               offset: int) -> list[EnrollmentSummary]:
    """Near spellings only: the closest first when the name has few enough to rank (counted
    in the FTS index alone, before any filter, so the order never depends on a filter)."""
    with engine.connect() as connection:
        rowids = [rowid for (rowid,) in connection.exec_driver_sql(
            "SELECT rowid FROM enrollment_search WHERE enrollment_search MATCH ? "
            "ORDER BY rowid DESC LIMIT ?", (near_only, RANKED_NEAR + 1))]
    if len(rowids) > RANKED_NEAR:  # newest first, as exact matches
        # the page is served from the rows already found when they reach that far
        if query == EnrollmentQuery(text=query.text):
            if offset + limit <= len(rowids):
                return _rows_numbered(engine, query, rowids[offset:offset + limit])
        elif len(found := _rows_numbered(engine, query, rowids, limit=offset + limit)) == (
                offset + limit):
            return found[offset:]
        return _name_page(engine, query, near_only, limit=limit, offset=offset, near=True)
    found = _rows_numbered(engine, query, rowids)
    # a stable sort: among equally close spellings, the newest first
    found.sort(key=lambda row: spelling_distance(query.text, row.full_name))
    return found[offset:offset + limit]


def _rows_numbered(engine: Engine, query: EnrollmentQuery, rowids: list[int],
                   limit: int | None = None) -> list[EnrollmentSummary]:
    """The near spellings among ``rowids`` that pass the query's filters, newest first, at
    most ``limit`` (the rows were matched by name already: no second look in the FTS index)."""
    statement = (_filtered(replace(query, text=""), select(*_SUMMARY_COLUMNS))
                 .where(_ENROLLMENT_ROWID.in_(rowids)).order_by(_ENROLLMENT_ROWID.desc())
                 .limit(limit))
    return _summaries(engine, statement, near=True)


def _count(engine: Engine, query: EnrollmentQuery, names: str) -> int:
    if query == EnrollmentQuery(text=query.text):  # the FTS index alone can count: no lookup
        with engine.connect() as connection:  # of 100,000 rows for "ni"
            return connection.exec_driver_sql(
                "SELECT count(*) FROM enrollment_search WHERE enrollment_search MATCH ?",
                (names,)).scalar_one()
    with Session(engine) as session:
        statement = _filtered(query, select(func.count()).select_from(Enrollment), names)
        return session.exec(statement).one()


def count_enrollments(engine: Engine, query: EnrollmentQuery) -> int:
    """How many enrollments match, near spellings of a name included."""
    if _names(query.text) is not None:
        return _count(engine, query, _every_name(query.text))
    with Session(engine) as session:
        statement = _filtered(query, select(func.count()).select_from(Enrollment))
        return session.exec(statement).one()


def stream_enrollments(engine: Engine, query: EnrollmentQuery, *,
                       chunk: int = 1000) -> Iterator[SimpleNamespace]:
    """Every matching enrollment row (near spellings of a name included), oldest first, read
    ``chunk`` rows at a time (an export of 100,000 records holds a thousand at once). Rows are
    namespaces of the record's columns and its id, status, visit and creation time
    (``plain_rows``)."""
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
