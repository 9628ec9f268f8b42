"""Writing the office's version of a record into the laptop's row, and rebasing unsent work.

``synced_revision`` is the laptop revision whose values the office holds at
``office_revision``: the base every local edit since then started from. The laptop's history
keeps what each revision replaced, so the base is the row with the later changes undone
(``record_at``).

A newer office version meeting unsent local work (``rebase_row``) is written as two
revisions: first the office's version (the new base: ``synced_revision`` moves to it), then
the laptop's own changes on top, merged three-way (``domain.rebase``). The record keeps its
status (a draft stays a draft, a rejected record stays for its officer to fix, a pending one
still waits to be sent); clashes are kept on the row for the officer (``clash``).
"""

import json
import uuid
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any

from sqlmodel import Session, col, select

from desktop_app.domain.enrollment import Enrollment, EnrollmentStatus
from desktop_app.domain.office_changes import FieldChange, record_changes
from desktop_app.domain.rebase import Clash, rebase
from desktop_app.sql_types import utc_now
from desktop_app.store import models
from desktop_app.store.columns import json_default
from desktop_app.store.device import sync_state
from desktop_app.store.records import RECORD_COLUMNS, record_columns, record_from_row

_CONSENT_OWNERSHIP = ("consent_recorded_by", "consent_recorded_at")


def _stored_value(name: str, value: Any) -> Any:
    """A column value as the history's JSON keeps it, back in the column's type."""
    if isinstance(value, str) and value:
        if name == "birth_date":
            return date.fromisoformat(value)
        if name == "consent_recorded_at":
            return datetime.fromisoformat(value)
    return value


def record_at(session: Session, row: models.Enrollment, revision: int) -> Enrollment:
    """The record as the row held it at ``revision``: the later changes undone, newest
    first, from the history."""
    if revision >= row.revision:
        return record_from_row(row)
    values = {name: getattr(row, name) for name in RECORD_COLUMNS}
    later = session.exec(
        select(models.EnrollmentHistory)
        .where(models.EnrollmentHistory.enrollment_id == row.id,
               col(models.EnrollmentHistory.revision) > revision)
        .order_by(col(models.EnrollmentHistory.revision).desc(),
                  col(models.EnrollmentHistory.changed_at).desc()))
    for entry in later:
        for name, change in json.loads(entry.changes).items():
            if name in values:  # not a status, a receipt number, a clash...
                values[name] = _stored_value(name, change[0])
    return record_from_row(SimpleNamespace(**values))


def write_version(session: Session, row: models.Enrollment, record: Enrollment,
                  officer_id: uuid.UUID, action: str) -> tuple[FieldChange, ...]:
    """Makes the row hold ``record`` as a new revision; the history keeps what it replaced.
    Who recorded consent on this laptop stays as it was. Returns the form fields that
    changed (none: the row held that record already, and no revision is made)."""
    before = record_from_row(row)
    values = record_columns(record)
    for name in _CONSENT_OWNERSHIP:
        values.pop(name)
    changes = {name: [getattr(row, name), value] for name, value in values.items()
               if getattr(row, name) != value}
    if not changes:
        return ()
    for name, value in values.items():
        setattr(row, name, value)
    row.revision += 1
    row.updated_at = utc_now()
    session.add(models.EnrollmentHistory(
        enrollment_id=row.id, revision=row.revision, action=action, officer_id=officer_id,
        device_id=sync_state(session).device_id,
        changes=json.dumps(changes, ensure_ascii=False, default=json_default)))
    return record_changes(before, record_from_row(row))


def take_office_version(session: Session, row: models.Enrollment, record: Enrollment,
                        office_revision: int, officer_id: uuid.UUID,
                        action: str) -> tuple[FieldChange, ...]:
    """The office's version becomes the row's record and its base (nothing of the laptop's
    waits: the caller knows). ``office_revision`` only moves forward."""
    changed = write_version(session, row, record, officer_id, action)
    row.synced_revision = row.revision
    row.office_revision = max(row.office_revision or 0, office_revision)
    return changed


def has_unsent_work(row: models.Enrollment) -> bool:
    """A change the office has not got: a draft, a record it refused, or one waiting."""
    return row.status in (EnrollmentStatus.DRAFT, EnrollmentStatus.REJECTED) or (
        row.status == EnrollmentStatus.READY and row.synced_revision < row.revision)


def rebase_row(session: Session, row: models.Enrollment, base: Enrollment, office: Enrollment,
               office_revision: int, officer_id: uuid.UUID,
               action: str) -> tuple[FieldChange, ...]:
    """The office's version ``office`` (at ``office_revision``) under the row's unsent work,
    which was made from ``base``. Returns what the office's version changed on the laptop
    (the laptop's own changes, put back on top, are not the office's)."""
    local = record_from_row(row)
    rebased = rebase(base, local, office)
    status = row.status
    changed = take_office_version(session, row, office, office_revision, officer_id, action)
    write_version(session, row, rebased.record, officer_id, "rebased on office")
    if row.revision == row.synced_revision and status == EnrollmentStatus.READY:
        status = EnrollmentStatus.SYNCED  # the office had every change already
    row.status = status
    row.clash = clash_json(rebased.clashes, local, office) if rebased.clashes else None
    row.clash_holds = rebased.holds
    session.add(row)
    mine = {c.field for c in record_changes(office, rebased.record)}
    return tuple(c for c in changed if c.field not in mine)


def clash_json(clashes: tuple[Clash, ...], local: Enrollment, office: Enrollment) -> str:
    """The clashes as the officer reads them: per form field (``beneficiary.name``), the
    laptop's value and the office's as the form shows them, and whether it holds."""
    holding = {c.field: c.holds for c in clashes}
    shown = [{"field": change.field, "laptop": change.after.to_json(),
              "office": change.before.to_json(),
              "holds": holding[change.field.partition(".")[0]]}
             for change in record_changes(office, local)
             if change.field.partition(".")[0] in holding]
    return json.dumps(shown, ensure_ascii=False)
