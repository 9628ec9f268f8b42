"""Between the domain's enrollment record and the ``enrollment`` table's row."""

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Row

from desktop_app.domain.enrollment import (
    Beneficiary,
    Consent,
    Enrollment,
    EnrollmentStatus,
    enrollment_to_json,
)
from desktop_app.domain.funding import FundingSource, Program
from desktop_app.domain.messages import FieldIssue
from desktop_app.domain.months import YearMonth
from desktop_app.domain.nik import Sex
from desktop_app.store import models

_PLAIN_COLUMNS = ("nik", "full_name", "birth_place", "birth_date", "address", "desa_code",
                  "banjar", "phone", "occupation", "occupation_other", "monthly_income",
                  "payment_months", "sponsor_name", "kk_number", "notes")


def record_columns(record: Enrollment) -> dict[str, Any]:
    """The column values that hold a record (no status, revision or ownership)."""
    return {
        **{name: getattr(record, name) for name in _PLAIN_COLUMNS},
        "sex": str(record.sex) if record.sex else None,
        "programs": ",".join(str(p) for p in record.programs),
        "first_month": str(record.first_month) if record.first_month else None,
        "funding_source": str(record.funding_source),
        "beneficiary_name": record.beneficiary.name,
        "beneficiary_relationship": record.beneficiary.relationship,
        "beneficiary_phone": record.beneficiary.phone,
        "consent_given": record.consent.given,
        "consent_text_version": record.consent.text_version,
        "consent_recorded_by": record.consent.recorded_by,
        "consent_recorded_at": record.consent.recorded_at,
    }


RECORD_COLUMNS = tuple(record_columns(Enrollment()))


def plain_rows(rows: Sequence[Row]) -> list[SimpleNamespace]:
    """Query rows as namespaces of the same values: SQLAlchemy's rows answer each attribute
    through a lookup of their own, a namespace as fast as a plain object (the bulk paths,
    sync and export, read thousands of records a second through ``record_from_row``)."""
    keys = tuple(rows[0]._fields) if rows else ()
    return [SimpleNamespace(**dict(zip(keys, row, strict=True))) for row in rows]


def record_from_row(row: models.Enrollment | SimpleNamespace) -> Enrollment:
    """The record held by an ``enrollment`` row (an ORM object, or its column values as
    attributes)."""
    return Enrollment(
        **{name: getattr(row, name) for name in _PLAIN_COLUMNS},
        sex=Sex(row.sex) if row.sex else None,
        programs=tuple(Program(p) for p in row.programs.split(",") if p),
        first_month=YearMonth.parse(row.first_month) if row.first_month else None,
        funding_source=FundingSource(row.funding_source),
        beneficiary=Beneficiary(row.beneficiary_name, row.beneficiary_relationship,
                                row.beneficiary_phone),
        consent=Consent(row.consent_given, row.consent_text_version, row.consent_recorded_by,
                        row.consent_recorded_at),
    )


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
