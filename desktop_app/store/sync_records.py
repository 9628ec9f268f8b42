"""The laptop's side of sync in its database: what waits to be sent, and what comes back.

A record waits while it is ready, its revision is newer than the one the office holds
(``synced_revision``) and no clash holds it for its officer. Answers are applied only to the
revision they answer, once: an edit made while the batch was on its way stays pending and goes
in the next batch, on top of the office's version the answer gave (``rebase_rows``). Pulled
pages are stored by ``pulled_records``.
"""

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, bindparam, func, literal_column, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from desktop_app.domain.enrollment import EnrollmentStatus
from desktop_app.domain.merge import MergeOutcome
from desktop_app.domain.office_changes import FieldChange, OfficeAction, OfficeChange
from desktop_app.domain.rebase import nik_after_rebase
from desktop_app.domain.sync_messages import (
    OutgoingRecord,
    PulledRecord,
    RecordAnswer,
    VisitPlace,
)
from desktop_app.sqlite_engine import write_session
from desktop_app.store import models
from desktop_app.store.columns import json_default
from desktop_app.store.office_copies import fold_copies, fold_into, holds_work
from desktop_app.store.rebase_rows import rebase_row, record_at, take_office_version
from desktop_app.store.records import RECORD_COLUMNS, plain_rows, record_from_row
from desktop_app.store.waiting_pulls import keep_waiting, nik_holder

_BATCH_COLUMNS = (*RECORD_COLUMNS, "id", "revision", "office_revision", "enrolled_on")


@dataclass
class SyncCounts:
    """What a sync run did so far, added up batch by batch and page by page (the sync layer
    makes its one summary of the run from it)."""

    accepted: int = 0
    merged: int = 0
    conflict: int = 0
    rejected: int = 0
    error: int = 0  # records the office failed on alone (each logged with an incident)
    pulled: int = 0  # office records new to this laptop or changed; not its own coming back
    problems: list[dict[str, Any]] = field(default_factory=list)  # refused, conflicts, errors
    office_changes: list[OfficeChange] = field(default_factory=list)  # to the laptop's own

    def add(self, other: "SyncCounts") -> None:
        for name in ("accepted", "merged", "conflict", "rejected", "error", "pulled"):
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
                   table.c.clash_holds.is_(False),
                   literal_column("enrollment.rowid") > after_rowid)
            .order_by(literal_column("enrollment.rowid")).limit(limit)).all()
    records = [OutgoingRecord(
        enrollment_id=row.id, revision=row.revision, base_revision=row.office_revision,
        record=record_from_row(row), officer_code=row.officer_code,
        enrolled_on=row.enrolled_on.isoformat(), officer_name=row.name,
        visit=VisitPlace(row.visit_date, row.visit_desa, row.visit_banjar)
        if row.visit_date else None) for row in plain_rows(rows)]
    return records, (rows[-1].row_number if rows else after_rowid)


def _note(outcome: str, **details: Any) -> str:
    return json.dumps({"outcome": outcome, **details}, ensure_ascii=False, default=json_default)


def _office_change(row: models.Enrollment, action: OfficeAction,
                   changes: tuple[FieldChange, ...],
                   decided_by: str = "") -> OfficeChange:
    return OfficeChange(row.id, row.nik, row.full_name, action, changes, decided_by or "")


def _problem(row: models.Enrollment, answer: RecordAnswer) -> dict[str, Any]:
    office = answer.record if answer.outcome is MergeOutcome.CONFLICT else None
    return {
        "id": str(row.id), "nik": row.nik, "full_name": row.full_name,
        "birth_date": row.birth_date.isoformat() if row.birth_date else None,
        "outcome": str(answer.outcome),
        "reasons": [r.to_json() for r in answer.reasons],
        "conflicting": list(answer.conflicting),
        # the office's person for this NIK, for the officer to ask about while the person
        # is still there (an older office may not say)
        "office_full_name": office.full_name if office else None,
        "office_birth_date": office.birth_date.isoformat()
        if office and office.birth_date else None,
        **({"incident": answer.incident} if answer.incident else {})}


def apply_answers(engine: Engine, answers: Iterable[RecordAnswer], officer_id: uuid.UUID,
                  batch_id: uuid.UUID | None = None) -> SyncCounts:
    """Stores the office's answers to one batch (``batch_id``: no longer travelling), in one
    transaction.

    An answer counts only for the revision it answers and only once: an answer to a revision
    older than the one the office already holds (a reply file imported again, a page that
    came first) moves nothing. A record edited while its batch travelled keeps its edit: a
    ``merged`` answer is rebased under it (``rebase_rows``), the rest just wait for the
    newer revision's own answer."""
    counts = SyncCounts()
    answers = list(answers)
    plain = [a for a in answers if a.outcome is MergeOutcome.ACCEPTED]
    with write_session(engine) as session, session.no_autoflush:
        _accept(session, plain)
        counts.accepted = len(plain)
        others = [a for a in answers if a.outcome is not MergeOutcome.ACCEPTED]
        rows = rows_by(session, col(models.Enrollment.id),
                        [a.enrollment_id for a in others])
        for answer in others:
            name = str(answer.outcome)
            setattr(counts, name, getattr(counts, name) + 1)
            row = rows.get(answer.enrollment_id)
            if row is None:
                continue
            if answer.outcome in (MergeOutcome.REJECTED, MergeOutcome.CONFLICT,
                                  MergeOutcome.ERROR):
                counts.problems.append(_problem(row, answer))
            if answer.revision > row.revision or answer.revision <= row.synced_revision:
                continue  # not this laptop's revision, or answered before: a replay
            _answer(session, row, answer, officer_id, counts)
            session.add(row)
        # a record of this laptop's that the office merged into a record the laptop already
        # has a copy of: one copy stays
        fold_copies(session, [a.office_id for a in answers], officer_id)
        kept = session.get(models.TravellingBatch, batch_id) if batch_id else None
        if kept is not None:
            session.delete(kept)
        session.commit()
    return counts


def _answer(session: Session, row: models.Enrollment, answer: RecordAnswer,
            officer_id: uuid.UUID, counts: SyncCounts) -> None:
    """One new answer (not ``accepted``) to revision ``answer.revision`` of ``row``."""
    current = answer.revision == row.revision
    if answer.outcome is MergeOutcome.MERGED and answer.office_id is not None:
        row.office_id = answer.office_id
        office_revision = answer.office_revision or 0
        if answer.record is None:  # an older office: nothing to merge with
            row.synced_revision = answer.revision
            row.office_revision = max(row.office_revision or 0, office_revision)
        elif not _nik_free(session, row, answer, officer_id):
            # the office's version carries a NIK another live record here holds: the office
            # has this revision, and its version is taken once the NIK is free
            row.synced_revision, row.office_revision = answer.revision, None
            if current:
                row.status, row.sync_note = EnrollmentStatus.SYNCED, None
                row.clash, row.clash_holds = None, False
            keep_waiting(session, PulledRecord(answer.office_id, office_revision, 0,
                                               answer.record, yours=True))
        elif current:
            changed = take_office_version(session, row, answer.record, office_revision,
                                          officer_id, "merged at office")
            row.status, row.sync_note = EnrollmentStatus.SYNCED, None
            row.clash, row.clash_holds = None, False
            if changed:
                counts.office_changes.append(_office_change(row, OfficeAction.MERGED, changed))
        else:  # edited while the batch travelled: the edit goes on top of the office's
            changed = rebase_row(session, row, record_at(session, row, answer.revision),
                                 answer.record, office_revision, officer_id,
                                 "merged at office")
            if changed:
                counts.office_changes.append(_office_change(row, OfficeAction.MERGED, changed))
        return
    if not current or answer.outcome is MergeOutcome.ERROR:
        return  # the newer revision gets its own answer; a failed record is sent again
    if answer.outcome is MergeOutcome.REJECTED:
        row.status = EnrollmentStatus.REJECTED
        row.sync_note = _note("rejected", reasons=[r.to_json() for r in answer.reasons])
    elif answer.outcome is MergeOutcome.CONFLICT:
        row.status = EnrollmentStatus.CONFLICT
        row.office_id = answer.office_id or row.office_id
        row.sync_note = _note("conflict", conflict_id=answer.conflict_id,
                              fields=list(answer.conflicting),
                              kind=str(answer.review_kind) if answer.review_kind else None)


def _nik_free(session: Session, row: models.Enrollment, answer: RecordAnswer,
              officer_id: uuid.UUID) -> bool:
    """Whether ``row`` can take the NIK the office's version in ``answer`` leaves it with
    (the laptop's own later change of NIK stays, as the rebase keeps it). Another copy of the
    same office record holding it, with no work of its own, is folded into ``row`` first."""
    base = record_at(session, row, answer.revision) if answer.revision < row.revision else None
    nik = nik_after_rebase(base, row.nik, answer.record.nik)
    if nik == row.nik:
        return True
    holder = nik_holder(session, nik, row)
    if holder is None:
        return True
    if holder.office_id == answer.office_id and not holds_work(holder):
        fold_into(session, holder, row, officer_id)
        session.flush()
        return True
    return False


def _accept(session: Session, answers: list[RecordAnswer]) -> None:
    """Accepted records, the common case, in two statements for the batch: synced when the
    answered revision is still the laptop's; otherwise (edited meanwhile) the office's ids are
    kept and the newer revision stays waiting. An answer the laptop already took (a replay)
    matches neither, and the office revision never moves back."""
    if not answers:
        return
    table = models.Enrollment.__table__
    values = [{"key": a.enrollment_id, "answered": a.revision, "office": a.office_id,
               "office_revision": a.office_revision or 0} for a in answers]
    newer = func.max(func.coalesce(table.c.office_revision, 0), bindparam("office_revision"))
    connection = session.connection()
    connection.execute(
        update(table).where(table.c.id == bindparam("key"),
                            table.c.revision == bindparam("answered"),
                            table.c.synced_revision < bindparam("answered"))
        .values(status=EnrollmentStatus.SYNCED, office_id=bindparam("office"),
                office_revision=newer, synced_revision=table.c.revision, sync_note=None,
                clash=None, clash_holds=False), values)
    connection.execute(
        update(table).where(table.c.id == bindparam("key"),
                            table.c.revision > bindparam("answered"),
                            table.c.synced_revision < bindparam("answered"))
        .values(office_id=bindparam("office"), office_revision=newer,
                synced_revision=bindparam("answered")), values)


def rows_by(session: Session, column: Any, keys: list[Any], *conditions: Any
            ) -> dict[Any, models.Enrollment]:
    """Enrollment rows whose ``column`` is one of ``keys`` (and that meet ``conditions``), by
    that value, in a few queries."""
    found: dict[Any, models.Enrollment] = {}
    name = column.key
    for start in range(0, len(keys), 500):
        for row in session.exec(select(models.Enrollment).where(
                column.in_(keys[start:start + 500]), *conditions)):
            found[getattr(row, name)] = row
    return found
