"""The laptop's export: its enrollments (optionally one status, visit or date range) to Excel."""

from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, select

from desktop_app.spreadsheets.enrollment_export import EnrollmentWorkbook, ExportRow
from desktop_app.store.models import Visit
from desktop_app.store.records import record_from_row
from desktop_app.store.search import EnrollmentQuery, stream_enrollments


def _rows(engine: Engine, query: EnrollmentQuery) -> Iterator[ExportRow]:
    with Session(engine) as session:  # visits are few: their days, by id
        visit_days = dict(session.exec(select(Visit.id, Visit.visit_date)).all())
    for row in stream_enrollments(engine, query):
        day = visit_days.get(row.visit_id) or row.created_at.astimezone().date()
        yield ExportRow(record_from_row(row), row.status, day, str(row.id))


def export_enrollments(engine: Engine, path: Path, query: EnrollmentQuery) -> int:
    """Writes the matching enrollments and their recap to ``path``; returns how many."""
    workbook = EnrollmentWorkbook()
    workbook.add_all(_rows(engine, query))
    return workbook.save(path)
