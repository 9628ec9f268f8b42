"""The office's canonical records and their history: the primitives every writer shares.

A canonical record is the office's one live record of a person (a NIK), under an id the
office makes itself: a laptop's enrollment id is a link (``ClientLink``), never a primary
key, so no laptop can collide with another's record. Every change becomes a version with
the next number of the office's sequence; batches (``intake``) and supervisors' decisions
(``conflicts``) both write through a ``ChangeSet``, which holds a transaction's changes
until ``number_changes`` numbers and writes them together.

Sequence numbers are taken last, under the ``office_state`` row lock held until commit, so
they become visible in order and a laptop's pull cursor never skips a change.
"""

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, text
from sqlmodel import Session, col, select

from desktop_app.domain.enrollment import Enrollment, enrollment_from_json, enrollment_to_json
from desktop_app.domain.sync_messages import canonical_bytes, from_wire, wire_text
from desktop_app.office.models import (
    LIVE,
    CanonicalRecord,
    ClientLink,
    Conflict,
    RecordVersion,
)
from desktop_app.sql_types import utc_now


def record_json(record: Enrollment) -> str:
    return stored_json(enrollment_to_json(record))


def stored_json(record_json_value: dict[str, Any]) -> str:
    """A record's JSON as the office stores it (sorted keys, so equal records read equal)."""
    return canonical_bytes(record_json_value).decode()


def load_record(stored: str) -> Enrollment:
    return enrollment_from_json(from_wire(stored))[0]


def field_changes(before: dict[str, Any] | None,
                  after: dict[str, Any]) -> dict[str, list[Any]]:
    """field -> [old, new] between two records' JSON: what a version changed (the history).
    A new record (``before`` None) lists the fields it has."""
    if before is None:
        return {name: [None, value] for name, value in after.items()
                if value is not None and value != "" and value != []}
    return {name: [before.get(name), value] for name, value in after.items()
            if before.get(name) != value}


@dataclass
class NewCanonical:
    """A canonical record made by this batch: a plain row, written with one INSERT for the
    whole batch (building ORM objects per record cost more than the merge itself). Its id
    is the office's own."""

    nik: str
    full_name: str
    desa_code: str
    kecamatan_code: str
    record: str
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    state: str = LIVE
    merged_into: uuid.UUID | None = None
    revision: int = 0
    seq: int = 0
    created_at: datetime = field(default_factory=utc_now)
    updated_at: datetime = field(default_factory=utc_now)
    device_id: uuid.UUID | None = None  # who enrolled the person and where (see the model)
    officer_code: str = ""
    officer_name: str = ""
    enrolled_on: date | None = None
    visit_date: date | None = None
    visit_desa_code: str = ""
    visit_banjar: str = ""


Canonical = CanonicalRecord | NewCanonical


@dataclass
class NewVersion:
    """A row of ``record_version``, written with the batch's other versions in one INSERT."""

    canonical_id: uuid.UUID
    revision: int
    record: str
    changes: str
    action: str
    device_id: uuid.UUID | None
    officer_name: str
    enrollment_id: uuid.UUID | None
    batch_id: uuid.UUID | None
    seq: int = 0
    recorded_at: datetime = field(default_factory=utc_now)


@dataclass
class ChangeSet:
    """What one transaction changes, held until sequence numbers are taken at the end."""

    device_id: uuid.UUID | None  # the sending laptop; None for a supervisor's decision
    officer_name: str  # whom the history names for these changes
    batch_id: uuid.UUID | None
    today: date
    live: dict[str, Canonical] = field(default_factory=dict)  # live records by NIK
    by_id: dict[uuid.UUID, Canonical] = field(default_factory=dict)  # every record touched
    numbered: list[NewVersion | Conflict] = field(default_factory=list)
    new_links: list[dict[str, Any]] = field(default_factory=list)
    looked_up: set[str] = field(default_factory=set)  # NIKs already looked for in the database
    missing: set[uuid.UUID] = field(default_factory=set)  # ids looked for and not found
    links: dict[uuid.UUID, ClientLink] = field(default_factory=dict)  # by enrollment id
    revised: dict[uuid.UUID, int] = field(default_factory=dict)  # seen before: new revision

    def know(self, canonical: Canonical) -> None:
        self.by_id[canonical.id] = canonical
        if canonical.state == LIVE:
            self.live[canonical.nik] = canonical

    def forget_unwritten(self) -> None:
        """After a savepoint was rolled back: what it held is gone, and what the database
        holds is read again (the caller expires the session's rows)."""
        self.numbered.clear()
        self.new_links.clear()
        self.live.clear()
        self.by_id.clear()
        self.looked_up.clear()
        self.missing.clear()


def lock_niks(session: Session, niks: list[str]) -> None:
    """PostgreSQL: one advisory lock per NIK, taken in sorted order (so two batches never wait
    for each other in a circle), in one statement. SQLite: the transaction holds the only
    write lock already."""
    if session.get_bind().dialect.name != "postgresql" or not niks:
        return
    session.execute(text(
        "SELECT count(pg_advisory_xact_lock(hashtextextended(n, 0))) FROM "
        "(SELECT n FROM unnest(CAST(:niks AS text[])) AS n ORDER BY n) AS sorted_niks"),
        {"niks": sorted(niks)})


def live_by_nik(session: Session, work: ChangeSet, nik: str) -> Canonical | None:
    """The live record holding ``nik``, from the change set or the database (looked for once
    per transaction)."""
    if nik not in work.live:
        if nik in work.looked_up:
            return None
        work.looked_up.add(nik)
        found = session.exec(select(CanonicalRecord).where(
            CanonicalRecord.nik == nik, CanonicalRecord.state == LIVE)).first()
        if found is None:
            return None
        work.know(found)
    return work.live[nik]


def by_id(session: Session, work: ChangeSet, canonical_id: uuid.UUID) -> Canonical | None:
    if canonical_id not in work.by_id:
        if canonical_id in work.missing:
            return None
        found = session.get(CanonicalRecord, canonical_id)
        if found is None:
            work.missing.add(canonical_id)
            return None
        work.know(found)
    return work.by_id[canonical_id]


def preload(session: Session, work: ChangeSet, niks: list[str],
            ids: list[uuid.UUID]) -> None:
    """The live records of ``niks`` and the records of ``ids`` in a few queries, not a few
    per record."""
    for start in range(0, len(niks), 500):
        for canonical in session.exec(select(CanonicalRecord).where(
                col(CanonicalRecord.nik).in_(niks[start:start + 500]),
                CanonicalRecord.state == LIVE)):
            work.know(canonical)
    work.looked_up.update(niks)
    wanted = [i for i in dict.fromkeys(ids) if i not in work.by_id]
    for start in range(0, len(wanted), 500):
        for canonical in session.exec(select(CanonicalRecord).where(
                col(CanonicalRecord.id).in_(wanted[start:start + 500]))):
            work.know(canonical)
    work.missing.update(i for i in wanted if i not in work.by_id)


def version_record(session: Session, canonical_id: uuid.UUID,
                   revision: int) -> Enrollment | None:
    """The record as it was at one of its revisions (a laptop's base)."""
    version = session.exec(select(RecordVersion).where(
        RecordVersion.canonical_id == canonical_id,
        RecordVersion.revision == revision)).first()
    return load_record(version.record) if version else None


def add_version(work: ChangeSet, canonical: Canonical, old: Enrollment | None,
                new: Enrollment, action: str, enrollment_id: uuid.UUID | None) -> None:
    """``new`` becomes the record's next revision (numbered with the change set)."""
    after = enrollment_to_json(new)
    if canonical.state == LIVE:
        work.live.pop(canonical.nik, None)
    canonical.revision += 1
    canonical.nik, canonical.full_name = new.nik, new.full_name
    canonical.desa_code, canonical.kecamatan_code = new.desa_code, new.desa_code[:6]
    canonical.record = stored_json(after)
    canonical.updated_at = utc_now()
    work.know(canonical)
    changes = field_changes(None if old is None else enrollment_to_json(old), after)
    work.numbered.append(NewVersion(
        canonical_id=canonical.id, revision=canonical.revision, record=canonical.record,
        changes=wire_text(changes), action=action,
        device_id=work.device_id if enrollment_id else None, officer_name=work.officer_name,
        enrollment_id=enrollment_id, batch_id=work.batch_id))


def make_tombstone(work: ChangeSet, canonical: Canonical, state: str,
                   merged_into: uuid.UUID | None) -> None:
    """``canonical`` stops being a live record (never deleted): a version records it, and
    its new sequence number sends the tombstone to every laptop of its area."""
    record = load_record(canonical.record)
    work.live.pop(canonical.nik, None)
    canonical.state, canonical.merged_into = state, merged_into
    add_version(work, canonical, record, record, state, None)


def number_changes(session: Session, work: ChangeSet) -> None:
    """Gives every new version and review item the next sequence numbers, in order, and
    writes them with the change set's new links."""
    connection = session.connection()
    if work.numbered:
        last = session.execute(text(
            "UPDATE office_state SET last_seq = last_seq + :n WHERE id = 1 RETURNING last_seq"),
            {"n": len(work.numbered)}).scalar_one()
        first = last - len(work.numbered) + 1
        for seq, row in enumerate(work.numbered, start=first):
            row.seq = seq
            if isinstance(row, NewVersion):
                work.by_id[row.canonical_id].seq = seq
        # new rows go straight to the tables (Core, not the ORM's bulk path: a third of the
        # office's time went there); the canonical rows first, as versions point at them
        created = [vars(c) for c in work.by_id.values() if isinstance(c, NewCanonical)]
        if created:
            connection.execute(insert(CanonicalRecord.__table__), created)
        session.add_all(c for c in work.by_id.values() if isinstance(c, CanonicalRecord))
        session.flush()
        versions = [vars(v) for v in work.numbered if isinstance(v, NewVersion)]
        if versions:
            connection.execute(insert(RecordVersion.__table__), versions)
    if work.new_links:
        connection.execute(insert(ClientLink.__table__), work.new_links)
    session.add_all(c for c in work.numbered if isinstance(c, Conflict))
    session.flush()
    work.numbered.clear()
    work.new_links.clear()
    for canonical_id, canonical in list(work.by_id.items()):
        if isinstance(canonical, NewCanonical):  # written: from now on a row to read back
            work.by_id.pop(canonical_id)
            work.live.pop(canonical.nik, None)
            work.looked_up.discard(canonical.nik)
