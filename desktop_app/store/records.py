"""Between the domain's enrollment record and the ``enrollment`` table's row."""

import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Row

from desktop_app.domain.enrollment import (
    ENROLLMENT_CODEC,
    Enrollment,
    EnrollmentStatus,
    enrollment_to_json,
)
from desktop_app.domain.messages import FieldIssue
from desktop_app.store import models

# The columns that hold a record (no status, revision or ownership) and the record's values
# for them, derived from the domain's dataclasses like its JSON (``domain.record_codec``):
# nested parts are flattened into columns (``beneficiary_name``), so they can be filtered.
RECORD_COLUMNS: tuple[str, ...] = ENROLLMENT_CODEC.column_names
record_columns: Callable[[Enrollment], dict[str, Any]] = ENROLLMENT_CODEC.to_columns
# the record held by an ``enrollment`` row: an ORM object, or its column values as attributes
# (a ``SimpleNamespace`` of ``plain_rows``)
record_from_row: Callable[[models.Enrollment | SimpleNamespace], Enrollment] = (
    ENROLLMENT_CODEC.from_columns)


def plain_rows(rows: Sequence[Row]) -> list[SimpleNamespace]:
    """Query rows as namespaces of the same values: SQLAlchemy's rows answer each attribute
    through a lookup of their own, a namespace as fast as a plain object (the bulk paths,
    sync and export, read thousands of records a second through ``record_from_row``)."""
    keys = tuple(rows[0]._fields) if rows else ()
    return [SimpleNamespace(**dict(zip(keys, row, strict=True))) for row in rows]


@dataclass(frozen=True)
class StoredEnrollment:
    """An enrollment as this laptop holds it: the record plus its place in the workflow."""

    id: uuid.UUID
    record: Enrollment
    status: EnrollmentStatus
    revision: int
    synced_revision: int
    warnings: tuple[FieldIssue, ...]
    officer_id: uuid.UUID
    device_id: uuid.UUID
    visit_id: uuid.UUID | None
    created_at: datetime
    updated_at: datetime
    enrolled_on: date  # the day it was made: every check of the record is reckoned on it
    office_note: dict[str, Any] | None = None  # the office's reasons (rejected) or conflict
    # fields where this laptop's unsent value and a newer office value clashed (field,
    # laptop, office: texts as the form shows them, holds), until the officer saves again
    clash: tuple[dict[str, Any], ...] = ()

    @classmethod
    def from_row(cls, row: models.Enrollment) -> "StoredEnrollment":
        return cls(
            id=row.id,
            record=record_from_row(row),
            status=EnrollmentStatus(row.status),
            revision=row.revision,
            synced_revision=row.synced_revision,
            warnings=tuple(FieldIssue.from_json(w) for w in json.loads(row.warnings)),
            officer_id=row.officer_id,
            device_id=row.device_id,
            visit_id=row.visit_id,
            created_at=row.created_at,
            updated_at=row.updated_at,
            enrolled_on=row.enrolled_on,
            office_note=json.loads(row.sync_note) if row.sync_note else None,
            clash=tuple(json.loads(row.clash)) if row.clash else (),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            **enrollment_to_json(self.record),
            "status": str(self.status),
            "revision": self.revision,
            "warnings": [w.to_json() for w in self.warnings],
            "officer_id": str(self.officer_id),
            "device_id": str(self.device_id),
            "visit_id": str(self.visit_id) if self.visit_id else None,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
        }
