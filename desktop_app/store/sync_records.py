"""The laptop's side of sync in its database: what waits to be sent, and what comes back.

A record waits while it is ready and its revision is newer than the one the office answered
(``synced_revision``). Answers are applied only to the revision they answer: an edit made
while the batch was on its way stays pending and goes in the next batch, based on the office
revision the answer gave. Records pulled from the office are stored like any other (status
synced), so the duplicate check knows every NIK of the laptop's area.
"""

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, bindparam, func, insert, literal_column, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from desktop_app.domain.enrollment import Enrollment, EnrollmentStatus, enrollment_from_json
from desktop_app.domain.merge import MergeOutcome
from desktop_app.domain.office_changes import (
    FieldChange,
    OfficeAction,
    OfficeChange,
    record_changes,
)
from desktop_app.domain.sync_messages import OutgoingRecord, RecordAnswer, VisitPlace
from desktop_app.domain.validation import check_enrollment
from desktop_app.sql_types import utc_now
from desktop_app.sqlite_engine import write_session
from desktop_app.store import models
from desktop_app.store.columns import json_default
from desktop_app.store.device import sync_state
from desktop_app.store.name_index import index_new_names
from desktop_app.store.records import (
    RECORD_COLUMNS,
    plain_rows,
    record_columns,
    record_from_row,
)

_CONSENT_OWNERSHIP = ("consent_recorded_by", "consent_recorded_at")
_BATCH_COLUMNS = (*RECORD_COLUMNS, "id", "revision", "office_revision", "created_at")


@dataclass
class SyncCounts:
    """What a sync run did so far, added up batch by batch and page by page (the sync layer
    makes its one summary of the run from it)."""

    accepted: int = 0
    merged: int = 0
    conflict: int = 0
    rejected: int = 0
    pulled: int = 0  # office records new to this laptop or changed; not its own coming back
    problems: list[dict[str, Any]] = field(default_factory=list)  # rejected and conflicts
    office_changes: list[OfficeChange] = field(default_factory=list)  # to the laptop's own

    def add(self, other: "SyncCounts") -> None:
        for name in ("accepted", "merged", "conflict", "rejected", "pulled"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.problems.extend(other.problems)
        self.office_changes.extend(other.office_changes)


def pending_records(engine: Engine, *, after_rowid: int, limit: int
                    ) -> tuple[list[OutgoingRecord], int]:
    """The next ``limit`` records waiting to be sent after ``after_rowid``, and the last
    rowid read (the cursor for the next batch: each record goes once per sync run)."""
    table, visit = models.Enrollment.__table__, models.Visit.__table__
    with engine.connect() as connection:  # plain rows of the columns a batch carries: no ORM
        rows = connection.execute(  # objects, and no other column's type conversions
            sa_select(literal_column("enrollment.rowid").label("row_number"),
                      *(table.c[name] for name in _BATCH_COLUMNS),
                      col(models.Officer.officer_code), col(models.Officer.name),
                      visit.c.visit_date, visit.c.desa_code.label("visit_desa"),
                      visit.c.banjar.label("visit_banjar"))
            .join(models.Officer.__table__, table.c.officer_id == col(models.Officer.id))
            .outerjoin(visit, table.c.visit_id == visit.c.id)
            .where(table.c.status == EnrollmentStatus.READY,
                   table.c.synced_revision < table.c.revision,
                   literal_column("enrollment.rowid") > after_rowid)
            .order_by(literal_column("enrollment.rowid")).limit(limit)).all()
    records = [OutgoingRecord(
        enrollment_id=row.id, revision=row.revision, base_revision=row.office_revision,
        record=record_from_row(row), officer_code=row.officer_code,
        enrolled_on=row.created_at.date().isoformat(), officer_name=row.name,
        visit=VisitPlace(row.visit_date, row.visit_desa, row.visit_banjar)
        if row.visit_date else None) for row in plain_rows(rows)]
    return records, (rows[-1].row_number if rows else after_rowid)


def _note(outcome: str, **details: Any) -> str:
    return json.dumps({"outcome": outcome, **details}, ensure_ascii=False, default=json_default)


def _take_office_record(session: Session, row: models.Enrollment, record: Enrollment,
                        officer_id: uuid.UUID, action: str) -> tuple[FieldChange, ...]:
    """Makes the row hold the office's record; the history keeps what it replaced. Returns
    the form fields that changed (none: the laptop held that record already)."""
    before = record_from_row(row)
    values = record_columns(record)
    for name in _CONSENT_OWNERSHIP:  # who recorded consent on this laptop stays as it was
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


def _office_change(row: models.Enrollment, action: OfficeAction,
                   changes: tuple[FieldChange, ...],
                   decided_by: str = "") -> OfficeChange:
    return OfficeChange(row.id, row.nik, row.full_name, action, changes, decided_by or "")


def apply_answers(engine: Engine, answers: Iterable[RecordAnswer],
                  officer_id: uuid.UUID) -> SyncCounts:
    """Stores the office's answers to one batch, in one transaction."""
    counts = SyncCounts()
    answers = list(answers)
    plain = [a for a in answers if a.outcome is MergeOutcome.ACCEPTED]
    with write_session(engine) as session, session.no_autoflush:
        _accept(session, plain)
        counts.accepted = len(plain)
        others = [a for a in answers if a.outcome is not MergeOutcome.ACCEPTED]
        rows = _rows_by(session, col(models.Enrollment.id),
                        [a.enrollment_id for a in others])
        for answer in others:
            setattr(counts, str(answer.outcome), getattr(counts, str(answer.outcome)) + 1)
            row = rows.get(answer.enrollment_id)
            if row is None:
                continue
            if answer.outcome in (MergeOutcome.REJECTED, MergeOutcome.CONFLICT):
                office = answer.record if answer.outcome is MergeOutcome.CONFLICT else None
                counts.problems.append({
                    "id": str(row.id), "nik": row.nik, "full_name": row.full_name,
                    "birth_date": row.birth_date.isoformat() if row.birth_date else None,
                    "outcome": str(answer.outcome),
                    "reasons": [r.to_json() for r in answer.reasons],
                    "conflicting": list(answer.conflicting),
                    # the office's person for this NIK, for the officer to ask about while
                    # the person is still there (an older office may not say)
                    "office_full_name": office.full_name if office else None,
                    "office_birth_date": office.birth_date.isoformat()
                    if office and office.birth_date else None})
            if answer.revision != row.revision:  # edited while the batch travelled
                if answer.office_id is not None and answer.outcome in (
                        MergeOutcome.ACCEPTED, MergeOutcome.MERGED):
                    row.office_id, row.office_revision = answer.office_id, answer.office_revision
                row.synced_revision = max(row.synced_revision, answer.revision)
                session.add(row)
                continue
            if answer.outcome is MergeOutcome.REJECTED:
                row.status = EnrollmentStatus.REJECTED
                row.sync_note = _note("rejected",
                                      reasons=[r.to_json() for r in answer.reasons])
            elif answer.outcome is MergeOutcome.CONFLICT:
                row.status = EnrollmentStatus.CONFLICT
                row.office_id = answer.office_id
                row.sync_note = _note("conflict", conflict_id=answer.conflict_id,
                                      fields=list(answer.conflicting))
            else:
                if answer.record is not None and answer.outcome is MergeOutcome.MERGED:
                    changed = _take_office_record(session, row, answer.record, officer_id,
                                                  "merged at office")
                    if changed:
                        counts.office_changes.append(
                            _office_change(row, OfficeAction.MERGED, changed))
                row.status = EnrollmentStatus.SYNCED
                row.office_id, row.office_revision = answer.office_id, answer.office_revision
                row.sync_note = None
            row.synced_revision = row.revision
            session.add(row)
        session.commit()
    return counts


def _accept(session: Session, answers: list[RecordAnswer]) -> None:
    """Accepted records, the common case, in two statements for the batch: synced when the
    answered revision is still the laptop's; otherwise (edited meanwhile) the office's ids are
    kept and the newer revision stays waiting."""
    if not answers:
        return
    table = models.Enrollment.__table__
    values = [{"key": a.enrollment_id, "answered": a.revision, "office": a.office_id,
               "office_revision": a.office_revision} for a in answers]
    connection = session.connection()
    connection.execute(
        update(table).where(table.c.id == bindparam("key"),
                            table.c.revision == bindparam("answered"))
        .values(status=EnrollmentStatus.SYNCED, office_id=bindparam("office"),
                office_revision=bindparam("office_revision"),
                synced_revision=table.c.revision, sync_note=None), values)
    connection.execute(
        update(table).where(table.c.id == bindparam("key"),
                            table.c.revision != bindparam("answered"))
        .values(office_id=bindparam("office"), office_revision=bindparam("office_revision"),
                synced_revision=func.max(table.c.synced_revision, bindparam("answered"))),
        values)


def _rows_by(session: Session, column: Any, keys: list[Any]) -> dict[Any, models.Enrollment]:
    """Enrollment rows whose ``column`` is one of ``keys``, by that value, in a few queries."""
    found: dict[Any, models.Enrollment] = {}
    name = column.key
    for start in range(0, len(keys), 500):
        for row in session.exec(select(models.Enrollment).where(
                column.in_(keys[start:start + 500]))):
            found[getattr(row, name)] = row
    return found


def apply_pulled(engine: Engine, page: dict[str, Any], officer_id: uuid.UUID) -> SyncCounts:
    """Stores one page of office changes and moves the pull cursor, in one transaction."""
    counts = SyncCounts()
    items = page.get("records", [])
    with write_session(engine) as session, session.no_autoflush:
        state = sync_state(session)
        connection = session.connection()
        last_rowid = connection.exec_driver_sql(
            "SELECT coalesce(max(rowid), 0) FROM enrollment").scalar_one()
        known = _Known(
            by_office=_rows_by(session, col(models.Enrollment.office_id),
                               [uuid.UUID(i["office_id"]) for i in items]),
            by_nik=_rows_by(session, col(models.Enrollment.nik),
                            [i["record"]["nik"] for i in items]))
        for item in items:
            _pulled_record(session, item, officer_id, state.device_id, known, counts)
        for conflict in page.get("conflicts", []):
            _pulled_conflict(session, conflict, officer_id, counts)
        session.flush()
        if known.new_rows:  # one INSERT for the page; the new rows join the name index
            session.execute(insert(models.Enrollment), known.new_rows)
            index_new_names(connection, last_rowid)
        state.pull_cursor = max(state.pull_cursor, int(page.get("cursor") or 0))
        session.add(state)
        session.commit()
    return counts


@dataclass
class _Known:
    """The laptop's rows a pulled page may touch, looked up once per page."""

    by_office: dict[uuid.UUID, models.Enrollment]
    by_nik: dict[str, models.Enrollment]
    new_rows: list[dict[str, Any]] = field(default_factory=list)  # records new to the laptop


def _pulled_record(session: Session, item: dict[str, Any], officer_id: uuid.UUID,
                   device_id: uuid.UUID, known: _Known, counts: SyncCounts) -> None:
    """One office record: updates the laptop's copy, or stores it as a new row. Only a new
    or changed record counts as pulled, not the laptop's own coming back as it was sent; a
    change to a record this laptop sent (the office says ``yours``) is told to the officer."""
    office_id, revision = uuid.UUID(item["office_id"]), int(item["revision"])
    row = known.by_office.get(office_id) or known.by_nik.get(item["record"]["nik"])
    if row is None:
        record, _ = enrollment_from_json(item["record"])
        checked = check_enrollment(record, on=utc_now().date())
        now = utc_now()
        known.new_rows.append({
            "id": office_id, **record_columns(record), "status": EnrollmentStatus.SYNCED,
            "revision": 1, "synced_revision": 1, "office_id": office_id,
            "office_revision": revision,
            "warnings": json.dumps([w.to_json() for w in checked.warnings], ensure_ascii=False),
            "officer_id": officer_id, "device_id": device_id, "visit_id": None,
            "sync_note": None, "created_at": now, "updated_at": now})
        counts.pulled += 1
        return
    pending = row.synced_revision < row.revision and row.status == EnrollmentStatus.READY
    if row.office_id is None or pending or row.status == EnrollmentStatus.CONFLICT:
        # the laptop's own unsent or disputed version stays; its next push merges on the
        # office's side against the revision it was based on
        row.office_id = row.office_id or office_id
        session.add(row)
        return
    if (row.office_revision or 0) < revision:
        changed = _take_office_record(session, row, enrollment_from_json(item["record"])[0],
                                      officer_id, "from office")
        row.office_revision, row.synced_revision = revision, row.revision
        row.status = EnrollmentStatus.SYNCED
        session.add(row)
        if changed:
            counts.pulled += 1
            if item.get("yours"):
                counts.office_changes.append(_office_change(row, OfficeAction.CHANGED,
                                                            changed))


def _pulled_conflict(session: Session, conflict: dict[str, Any], officer_id: uuid.UUID,
                     counts: SyncCounts) -> None:
    """A conflict of this laptop's, decided (or still waiting) at the office; a decided one
    is told to the officer, with what the decision changed on this laptop."""
    row = session.get(models.Enrollment, uuid.UUID(conflict["enrollment_id"]))
    if row is None or row.revision != conflict["revision"]:
        return  # edited since: the newer revision has its own answer
    if conflict["status"] == "open":
        row.status = EnrollmentStatus.CONFLICT
        row.sync_note = _note("conflict", conflict_id=conflict["conflict_id"],
                              fields=conflict["fields"])
    else:
        was_waiting = row.status == EnrollmentStatus.CONFLICT  # told once, however often pulled
        current = conflict.get("current") or {}
        changed: tuple[FieldChange, ...] = ()
        if current:
            changed = _take_office_record(session, row,
                                          enrollment_from_json(current["record"])[0],
                                          officer_id, "conflict resolved at office")
            row.office_id = uuid.UUID(current["office_id"])
            row.office_revision = int(current["revision"])
        row.status = EnrollmentStatus.SYNCED
        row.synced_revision = row.revision
        row.sync_note = _note(conflict["status"], conflict_id=conflict["conflict_id"],
                              resolved_by=conflict.get("resolved_by"))
        if was_waiting:
            counts.office_changes.append(_office_change(
                row, OfficeAction.SETTLED, changed, conflict.get("resolved_by") or ""))
    session.add(row)
