"""Applying a laptop's batch at the office: validate, merge on NIK, answer per record.

One batch is one transaction. Its id is claimed first, so the same batch sent again (after a
lost answer, or by two retries at once) gets the stored answer and changes nothing. A record
revision the office already answered (sent again in a new batch after a crash) gets its stored
answer too. NIKs are locked in sorted order (PostgreSQL advisory locks; SQLite has one writer),
so concurrent batches with overlapping NIKs never make two records of one person.

Sequence numbers are taken last, under the ``office_state`` row lock held until commit, so
they become visible in order and a laptop's pull cursor never skips a change.
"""

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import orjson
from cryptography.exceptions import InvalidSignature
from sqlalchemy import Engine, insert, text, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session, col, select

from desktop_app.domain.enrollment import Enrollment, enrollment_from_json, enrollment_to_json
from desktop_app.domain.merge import MergeOutcome, merge_enrollments
from desktop_app.domain.receipt_code import ReceiptCodeError, parse_receipt_code
from desktop_app.domain.sync_messages import (
    Batch,
    OutgoingRecord,
    RecordAnswer,
    answer_to_json,
    canonical_bytes,
    from_wire,
    wire_bytes,
    wire_text,
)
from desktop_app.domain.validation import check_enrollment
from desktop_app.office.devices import DeviceInfo, note_sync, public_key_from_text
from desktop_app.office.models import (
    CanonicalRecord,
    ClientLink,
    Conflict,
    IssuedReceipt,
    ReceivedBatch,
    RecordVersion,
)
from desktop_app.sql_types import utc_now
from desktop_app.sqlite_engine import write_session

RETRIES = 5


class BatchRefused(Exception):
    """The batch as a whole cannot be taken (another device's, or an id reused)."""


def batch_digest(batch_json: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_bytes(batch_json)).hexdigest()


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
    whole batch (building ORM objects per record cost more than the merge itself)."""

    id: uuid.UUID
    nik: str
    full_name: str
    desa_code: str
    kecamatan_code: str
    record: str
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
    """What one batch changes, held until sequence numbers are taken at the end."""

    device_id: uuid.UUID | None  # the sending laptop; None for a supervisor's decision
    officer_name: str  # whom the history names for these changes
    batch_id: uuid.UUID | None
    today: date
    canonicals: dict[str, CanonicalRecord | NewCanonical] = field(default_factory=dict)  # NIK
    numbered: list[NewVersion | Conflict] = field(default_factory=list)
    new_links: list[dict[str, Any]] = field(default_factory=list)
    looked_up: set[str] = field(default_factory=set)  # NIKs already looked for in the database
    links: dict[uuid.UUID, ClientLink] = field(default_factory=dict)  # by enrollment id
    revised: dict[uuid.UUID, int] = field(default_factory=dict)  # seen before: new revision


def receive_batch(engine: Engine, device: DeviceInfo, batch: Batch, digest: str, *,
                  today: date) -> bytes:
    """Applies ``batch`` from ``device`` and returns the answer's JSON (stored for replays)."""
    if batch.device_id != device.id:
        raise BatchRefused("this batch was made by another device")
    for attempt in range(RETRIES):
        try:
            return _apply(engine, device, batch, digest, today)
        except (IntegrityError, OperationalError):
            # a concurrent copy of the batch claimed its id first, or PostgreSQL chose this
            # transaction as a deadlock victim: nothing was written; look again
            if attempt == RETRIES - 1:
                raise
    raise AssertionError("unreachable")


def _apply(engine: Engine, device: DeviceInfo, batch: Batch, digest: str,
           today: date) -> bytes:
    with write_session(engine) as session:
        stored = session.get(ReceivedBatch, batch.batch_id)
        if stored is not None:
            if stored.device_id != device.id or stored.digest != digest:
                raise BatchRefused(f"batch id {batch.batch_id} was already used for another "
                                   "batch: make a new batch id")
            return (stored.answer or "{}").encode()
        claim = ReceivedBatch(id=batch.batch_id, device_id=device.id, digest=digest,
                              record_count=len(batch.records))
        session.add(claim)
        session.flush()
        # a record the reader refused (raw) is rejected unlooked-at: its NIK may hold what the
        # database cannot take (NUL), so it is neither locked nor looked up
        niks = sorted({r.record.nik for r in batch.records if r.raw is None})
        _lock_niks(session, niks)
        work = ChangeSet(device.id, device.officer_name, batch.batch_id, today)
        with session.no_autoflush:  # rows are written together at the end, not one by one
            _preload(session, work, batch, niks)
            answers = [_receive(session, work, item) for item in batch.records]
            _supersede_conflicts(session, work)
        number_changes(session, work)
        kept = keep_receipts(session, device, batch)
        answer = wire_bytes({"batch_id": str(batch.batch_id),
                             "results": [orjson.Fragment(a) for a in answers],
                             "receipts": kept})
        claim.answer = answer.decode()
        session.add(claim)
        note_sync(session, device.id, batch.app_version)
        session.commit()
        return answer


def keep_receipts(session: Session, device: DeviceInfo, batch: Batch) -> list[list]:
    """Keeps the receipts the batch reports whose signed code is the sending laptop's own and
    genuine (once each, however often reported); returns their [number, copy] for the
    laptop to mark as reported."""
    if not batch.receipts:
        return []
    key = public_key_from_text(device.public_key)
    kept = []
    for receipt in batch.receipts:
        try:
            code = parse_receipt_code(receipt.code)
            if code.device_id != device.id or code.number != receipt.number:
                continue
            key.verify(code.signature, code.signed_bytes())
        except (ReceiptCodeError, InvalidSignature):
            continue  # a bad code is never vouched for
        if session.get(IssuedReceipt, (receipt.number, receipt.copy_number)) is None:
            session.add(IssuedReceipt(number=receipt.number, copy_number=receipt.copy_number,
                                      device_id=device.id, enrollment_id=code.enrollment_id,
                                      revision=code.revision, code=receipt.code))
        kept.append([receipt.number, receipt.copy_number])
    session.flush()
    return kept


def _lock_niks(session: Session, niks: list[str]) -> None:
    """PostgreSQL: one advisory lock per NIK, taken in sorted order (so two batches never wait
    for each other in a circle), in one statement. SQLite: the batch's transaction holds the
    only write lock already."""
    if session.get_bind().dialect.name != "postgresql" or not niks:
        return
    session.execute(text(
        "SELECT count(pg_advisory_xact_lock(hashtextextended(n, 0))) FROM "
        "(SELECT n FROM unnest(CAST(:niks AS text[])) AS n ORDER BY n) AS sorted_niks"),
        {"niks": niks})


def _preload(session: Session, work: ChangeSet, batch: Batch, niks: list[str]) -> None:
    """The batch's links and canonical records in a few queries, not a few per record."""
    ids = [r.enrollment_id for r in batch.records]
    for start in range(0, len(ids), 500):
        for link in session.exec(select(ClientLink).where(
                ClientLink.device_id == work.device_id,
                col(ClientLink.enrollment_id).in_(ids[start:start + 500]))):
            work.links[link.enrollment_id] = link
    for start in range(0, len(niks), 500):
        for canonical in session.exec(select(CanonicalRecord).where(
                col(CanonicalRecord.nik).in_(niks[start:start + 500]))):
            work.canonicals[canonical.nik] = canonical
    work.looked_up.update(niks)


def _supersede_conflicts(session: Session, work: ChangeSet) -> None:
    """A newer revision settles any conflict an older one of the same record left open."""
    for enrollment_id, revision in work.revised.items():
        session.execute(
            update(Conflict).where(col(Conflict.device_id) == work.device_id,
                                   col(Conflict.enrollment_id) == enrollment_id,
                                   col(Conflict.status) == "open",
                                   col(Conflict.revision) < revision)
            .values(status="superseded"))


def number_changes(session: Session, work: ChangeSet) -> None:
    """Gives every new version and conflict the next sequence numbers, in order."""
    if not work.numbered:
        return
    last = session.execute(text(
        "UPDATE office_state SET last_seq = last_seq + :n WHERE id = 1 RETURNING last_seq"),
        {"n": len(work.numbered)}).scalar_one()
    first = last - len(work.numbered) + 1
    by_id = {c.id: c for c in work.canonicals.values()}
    for seq, row in enumerate(work.numbered, start=first):
        row.seq = seq
        if isinstance(row, NewVersion):
            by_id[row.canonical_id].seq = seq
    # new rows go straight to the tables (Core, not the ORM's bulk path: a third of the
    # office's time went there); the canonical rows first, as versions point at them
    connection = session.connection()
    created = [vars(c) for c in by_id.values() if isinstance(c, NewCanonical)]
    if created:
        connection.execute(insert(CanonicalRecord.__table__), created)
    session.add_all(c for c in by_id.values() if isinstance(c, CanonicalRecord))
    session.flush()
    versions = [vars(v) for v in work.numbered if isinstance(v, NewVersion)]
    if versions:
        connection.execute(insert(RecordVersion.__table__), versions)
    if work.new_links:
        connection.execute(insert(ClientLink.__table__), work.new_links)
    session.add_all(c for c in work.numbered if isinstance(c, Conflict))
    session.flush()


def _receive(session: Session, work: ChangeSet, item: OutgoingRecord) -> str:
    """The answer for one record, as the JSON text kept with its link (and sent)."""
    link = work.links.get(item.enrollment_id)
    if link is not None and link.last_revision >= item.revision:
        return link.last_answer
    answer = _decide(session, work, item, link)
    stored_answer = wire_text(answer_to_json(answer))
    if link is None:
        work.new_links.append({"device_id": work.device_id, "enrollment_id": item.enrollment_id,
                               "canonical_id": answer.office_id, "last_revision": item.revision,
                               "last_answer": stored_answer})
        return stored_answer
    work.revised[item.enrollment_id] = item.revision
    link.last_revision = item.revision
    link.canonical_id = answer.office_id or link.canonical_id
    link.last_answer = stored_answer
    session.add(link)
    return stored_answer


def _rejected(item: OutgoingRecord, reasons: list) -> RecordAnswer:
    return RecordAnswer(item.enrollment_id, item.revision, MergeOutcome.REJECTED,
                        reasons=tuple(reasons))


def _decide(session: Session, work: ChangeSet, item: OutgoingRecord,
            link: ClientLink | None) -> RecordAnswer:
    if item.raw is not None:
        _, issues = enrollment_from_json(item.raw)
        return _rejected(item, issues)
    checked = check_enrollment(item.record, on=work.today)
    if checked.errors:
        return _rejected(item, checked.errors)
    incoming = checked.record
    canonical = _canonical_by_nik(session, work, incoming.nik)
    known_id = link.canonical_id if link and link.canonical_id else item.enrollment_id
    if canonical is None and link is not None and link.canonical_id is not None:
        canonical = _nik_corrected(session, work, link.canonical_id, incoming.nik)
    if canonical is None:
        return _create(work, item, incoming)
    base = None
    if item.base_revision is not None and canonical.id == known_id:
        version = session.exec(select(RecordVersion).where(
            RecordVersion.canonical_id == canonical.id,
            RecordVersion.revision == item.base_revision)).first()
        base = load_record(version.record) if version else None
    office = load_record(canonical.record)
    result = merge_enrollments(office, incoming, base)
    if result.outcome is MergeOutcome.CONFLICT:
        conflict = Conflict(canonical_id=canonical.id, nik=canonical.nik,
                            device_id=work.device_id, enrollment_id=item.enrollment_id,
                            revision=item.revision, base_revision=item.base_revision,
                            office_revision=canonical.revision, office_record=canonical.record,
                            incoming_record=record_json(incoming),
                            fields=wire_text(list(result.conflicting)), seq=0)
        work.numbered.append(conflict)
        return RecordAnswer(item.enrollment_id, item.revision, MergeOutcome.CONFLICT,
                            office_id=canonical.id, office_revision=canonical.revision,
                            record=office, conflict_id=conflict.id,
                            conflicting=result.conflicting)
    merged = result.record.with_changes(nik=incoming.nik)
    if merged != office:
        add_version(work, canonical, office, merged, str(result.outcome), item)
    return RecordAnswer(item.enrollment_id, item.revision, result.outcome,
                        office_id=canonical.id, office_revision=canonical.revision,
                        record=merged if result.outcome is MergeOutcome.MERGED else None)


def _canonical_by_nik(session: Session, work: ChangeSet, nik: str) -> CanonicalRecord | None:
    if nik not in work.canonicals:
        if nik in work.looked_up:
            return None
        work.looked_up.add(nik)
        found = session.exec(select(CanonicalRecord).where(CanonicalRecord.nik == nik)).first()
        if found is None:
            return None
        work.canonicals[nik] = found
    return work.canonicals[nik]


def _nik_corrected(session: Session, work: ChangeSet, canonical_id: uuid.UUID,
                   nik: str) -> CanonicalRecord | None:
    """The laptop corrected the NIK of a record the office holds: the record follows."""
    canonical = session.get(CanonicalRecord, canonical_id)
    if canonical is None:
        return None
    _lock_niks(session, [canonical.nik])
    work.canonicals.pop(canonical.nik, None)
    work.canonicals[nik] = canonical
    return canonical


def _create(work: ChangeSet, item: OutgoingRecord, record: Enrollment) -> RecordAnswer:
    visit = item.visit
    canonical = NewCanonical(id=item.enrollment_id, nik=record.nik, full_name=record.full_name,
                             desa_code=record.desa_code, kecamatan_code=record.desa_code[:6],
                             record="", device_id=work.device_id,
                             officer_code=item.officer_code,
                             officer_name=item.officer_name or work.officer_name,
                             enrolled_on=_iso_day(item.enrolled_on),
                             visit_date=visit.day if visit else None,
                             visit_desa_code=visit.desa_code if visit else "",
                             visit_banjar=visit.banjar if visit else "")
    work.canonicals[record.nik] = canonical
    add_version(work, canonical, None, record, "created", item)
    return RecordAnswer(item.enrollment_id, item.revision, MergeOutcome.ACCEPTED,
                        office_id=canonical.id, office_revision=canonical.revision)


def _iso_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def add_version(work: ChangeSet, canonical: CanonicalRecord | NewCanonical,
                old: Enrollment | None, new: Enrollment, action: str,
                item: OutgoingRecord | None) -> None:
    after = enrollment_to_json(new)
    canonical.revision += 1
    canonical.nik, canonical.full_name = new.nik, new.full_name
    canonical.desa_code, canonical.kecamatan_code = new.desa_code, new.desa_code[:6]
    canonical.record = stored_json(after)
    canonical.updated_at = utc_now()
    work.canonicals[new.nik] = canonical
    changes = field_changes(None if old is None else enrollment_to_json(old), after)
    work.numbered.append(NewVersion(
        canonical_id=canonical.id, revision=canonical.revision, record=canonical.record,
        changes=wire_text(changes), action=action,
        device_id=work.device_id if item else None, officer_name=work.officer_name,
        enrollment_id=item.enrollment_id if item else None, batch_id=work.batch_id))
