"""The laptop's export: its enrollments (optionally one status, visit or date range) to Excel,
each with its status in words, the officer who enrolled the person and the visit where."""

from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from types import SimpleNamespace

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from desktop_app.domain.enrollment import EnrollmentStatus
from desktop_app.spreadsheets.enrollment_export import EnrollmentWorkbook, ExportRow, visit_place
from desktop_app.store.models import Enrollment, Officer, Visit
from desktop_app.store.records import record_from_row
from desktop_app.store.search import EnrollmentQuery, stream_enrollments

# the words of the list's status column (ui/enrollment_table.py), as the sheet is Indonesian
STATUS_WORDS = {EnrollmentStatus.DRAFT: "Draf", EnrollmentStatus.READY: "Siap dikirim",
                EnrollmentStatus.SYNCED: "Terkirim", EnrollmentStatus.CONFLICT: "Konflik",
                EnrollmentStatus.REJECTED: "Ditolak", EnrollmentStatus.MERGED: "Digabung",
                EnrollmentStatus.WITHDRAWN: "Ditarik kantor"}
_CHUNK = 1000


def _rows(engine: Engine, query: EnrollmentQuery) -> Iterator[ExportRow]:
    with Session(engine) as session:  # officers and visits are few: read them once
        officers = {o.id: (o.name, o.officer_code) for o in session.exec(select(Officer))}
        visits = {v.id: v for v in session.exec(select(Visit))}
    stream = stream_enrollments(engine, query)
    while chunk := list(islice(stream, _CHUNK)):
        made = _made_by(engine, chunk)
        for row in chunk:
            officer_id, revision, enrolled_on = made.get(row.id, (None, None, None))
            name, code = officers.get(officer_id, ("", ""))
            visit = visits.get(row.visit_id)
            yield ExportRow(
                record_from_row(row), STATUS_WORDS.get(row.status, str(row.status)),
                enrolled_on,
                str(row.id), revision=revision, officer_name=name, officer_code=code,
                visit_day=visit.visit_date if visit else None,
                visit_place=visit_place(visit.banjar, visit.desa_code) if visit else "")


def _made_by(engine: Engine, chunk: list[SimpleNamespace]) -> dict:
    """Enrollment id -> (its officer's id, its revision, its enrollment day), for one chunk
    of the stream."""
    with Session(engine) as session:
        return {key: (officer_id, revision, day) for key, officer_id, revision, day in
                session.exec(select(Enrollment.id, Enrollment.officer_id, Enrollment.revision,
                                    Enrollment.enrolled_on)
                             .where(col(Enrollment.id).in_([row.id for row in chunk])))}


def export_enrollments(engine: Engine, path: Path, query: EnrollmentQuery) -> int:
    """Writes the matching enrollments and their recaps to ``path``; returns how many."""
    workbook = EnrollmentWorkbook()
    workbook.add_all(_rows(engine, query))
    return workbook.save(path)
