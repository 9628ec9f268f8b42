"""Applying a laptop's batch at the office: validate, merge by the merge table, answer per
record.

One batch is one transaction. Its id is claimed first, so the same batch sent again (after a
lost answer, or by two retries at once) gets the stored answer and changes nothing. A record
revision the office already answered (sent again in a new batch after a crash) gets its stored
answer too. NIKs are locked in sorted order (PostgreSQL advisory locks; SQLite has one writer),
so concurrent batches with overlapping NIKs never make two records of one person.

Every record gets its own outcome. The batch is applied optimistically, all records together;
when one record fails (anything but a transient database failure), the batch is applied again
with each record in its own savepoint: the failing record is answered ``error`` with an
incident id the office logs, and the others are applied. A transient failure (connection lost,
lock timeout) leaves nothing written and reaches the laptop as a 503.
"""

import hashlib
import time
from collections import Counter
from datetime import date

import orjson
from cryptography.exceptions import InvalidSignature
from sqlalchemy import Engine, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlmodel import Session, col, select

from desktop_app.domain.enrollment import Enrollment, enrollment_from_json
from desktop_app.domain.merge import MergeOutcome, merge_enrollments
from desktop_app.domain.messages import error
from desktop_app.domain.receipt_code import ReceiptCodeError, parse_receipt_code
from desktop_app.domain.sync_messages import (
    Batch,
    OutgoingRecord,
    RecordAnswer,
    ReviewKind,
    TombstoneState,
    answer_to_json,
    canonical_bytes,
    wire_bytes,
    wire_text,
)
from desktop_app.domain.validation import check_enrollment
from desktop_app.office.canonical import (
    Canonical,
    ChangeSet,
    NewCanonical,
    add_version,
    by_id,
    live_by_nik,
    load_record,
    lock_niks,
    number_changes,
    preload,
    record_json,
    version_record,
)
from desktop_app.office.database import is_transient
from desktop_app.office.devices import DeviceInfo, note_sync, public_key_from_text
from desktop_app.office.models import ClientLink, Conflict, IssuedReceipt, ReceivedBatch
from desktop_app.office.sync_log import log_event, log_incident, new_incident
from desktop_app.sqlite_engine import write_session

RETRIES = 5
_MAX_HOPS = 16  # merged_into chains are one hop long; a longer one is followed this far


class BatchRefused(Exception):
    """The batch as a whole cannot be taken (another device's, or an id reused)."""


class _RecordFailed(Exception):
    """A record failed in the optimistic pass: the batch is applied again record by record."""


def batch_digest(batch_json: dict) -> str:
    return hashlib.sha256(canonical_bytes(batch_json)).hexdigest()


def receive_batch(engine: Engine, device: DeviceInfo, batch: Batch, digest: str, *,
                  today: date) -> bytes:
    """Applies ``batch`` from ``device`` and returns the answer's JSON (stored for replays)."""
    if batch.device_id != device.id:
        raise BatchRefused("this batch was made by another device")
    started = time.monotonic()
    isolated = False
    for attempt in range(RETRIES):
        try:
            answer, outcomes = _apply(engine, device, batch, digest, today, isolated)
            break
        except _RecordFailed:
            isolated = True  # nothing was written: again, each record in its own savepoint
        except IntegrityError:
            # a concurrent copy of the batch claimed its id first: look again
            if attempt == RETRIES - 1:
                raise
        except DBAPIError as failure:
            # PostgreSQL chose this transaction as a deadlock victim, or a lock timed out:
            # nothing was written; try again, then let the laptop try later
            if not is_transient(failure) or attempt == RETRIES - 1:
                raise
    else:
        answer, outcomes = _apply(engine, device, batch, digest, today, True)
    log_event("batch", device=str(device.id), batch=str(batch.batch_id),
              records=len(batch.records), outcomes=dict(outcomes), isolated=isolated,
              ms=round((time.monotonic() - started) * 1000))
    return answer


def _apply(engine: Engine, device: DeviceInfo, batch: Batch, digest: str, today: date,
           isolated: bool) -> tuple[bytes, Counter]:
    with write_session(engine) as session:
        stored = session.get(ReceivedBatch, batch.batch_id)
        if stored is not None:
            if stored.device_id != device.id or stored.digest != digest:
                raise BatchRefused(f"batch id {batch.batch_id} was already used for another "
                                   "batch: make a new batch id")
            return (stored.answer or "{}").encode(), Counter(replayed=len(batch.records))
        claim = ReceivedBatch(id=batch.batch_id, device_id=device.id, digest=digest,
                              record_count=len(batch.records))
        session.add(claim)
        session.flush()
        # a record the reader refused (raw) is rejected unlooked-at: its NIK may hold what the
        # database cannot take (NUL), so it is neither locked nor looked up
        niks = sorted({r.record.nik for r in batch.records if r.raw is None})
        lock_niks(session, niks)
        work = ChangeSet(device.id, device.officer_name, batch.batch_id, today)
        _preload(session, work, batch, niks)
        answers = (_each_alone(session, work, batch) if isolated
                   else _all_together(session, work, batch))
        kept = keep_receipts(session, device, batch)
        answer = wire_bytes({"batch_id": str(batch.batch_id),
                             "results": [orjson.Fragment(text_) for text_, _ in answers],
                             "receipts": kept})
        claim.answer = answer.decode()
        session.add(claim)
        note_sync(session, device.id, batch.app_version)
        session.commit()
        return answer, Counter(outcome for _, outcome in answers)


def _all_together(session: Session, work: ChangeSet,
                  batch: Batch) -> list[tuple[str, str]]:
    """The optimistic pass: every record's rows written together at the end."""
    try:
        with session.no_autoflush:  # rows are written together at the end, not one by one
            answers = [_receive(session, work, item) for item in batch.records]
        number_changes(session, work)
    except DBAPIError as failure:
        if is_transient(failure):
            raise
        raise _RecordFailed from failure
    except Exception as failure:
        raise _RecordFailed from failure
    return answers


def _each_alone(session: Session, work: ChangeSet, batch: Batch) -> list[tuple[str, str]]:
    """Each record in its own savepoint: one that fails is answered ``error`` (and logged
    with an incident id), the others are applied."""
    answers = []
    for item in batch.records:
        savepoint = session.begin_nested()
        try:
            with session.no_autoflush:
                answer = _receive(session, work, item)
            number_changes(session, work)
            savepoint.commit()
        except Exception as failure:
            if isinstance(failure, DBAPIError) and is_transient(failure):
                raise
            savepoint.rollback()
            session.expire_all()  # what the savepoint changed reads again from the database
            work.forget_unwritten()
            answer = _failed(work, item, failure)
        answers.append(answer)
    return answers


def _failed(work: ChangeSet, item: OutgoingRecord, failure: Exception) -> tuple[str, str]:
    """The answer and the log line of a record the office failed on. No link keeps it, so the
    record's next push is applied afresh."""
    incident = new_incident()
    log_event("record", device=str(work.device_id), batch=str(work.batch_id),
              record=str(item.enrollment_id), revision=item.revision,
              outcome=str(MergeOutcome.ERROR), incident=incident,
              failure=type(failure).__name__)
    log_incident(incident, failure)
    answer = RecordAnswer(item.enrollment_id, item.revision, MergeOutcome.ERROR,
                          incident=incident)
    return wire_text(answer_to_json(answer)), str(MergeOutcome.ERROR)


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


def _preload(session: Session, work: ChangeSet, batch: Batch, niks: list[str]) -> None:
    """The batch's links and records in a few queries, not a few per record: the live
    records of its NIKs, and the records its links (or, without a link, its enrollment ids:
    a copy a laptop pulled carries the office's id) point at."""
    ids = [r.enrollment_id for r in batch.records]
    for start in range(0, len(ids), 500):
        for link in session.exec(select(ClientLink).where(
                ClientLink.device_id == work.device_id,
                col(ClientLink.enrollment_id).in_(ids[start:start + 500]))):
            work.links[link.enrollment_id] = link
    pointed = [link.canonical_id if (link := work.links.get(i)) and link.canonical_id else i
               for i in ids]
    preload(session, work, niks, pointed)


def _receive(session: Session, work: ChangeSet, item: OutgoingRecord) -> tuple[str, str]:
    """The answer for one record, as the JSON text kept with its link (and sent), and its
    outcome."""
    link = work.links.get(item.enrollment_id)
    if link is not None and link.last_revision >= item.revision:
        return link.last_answer, "replayed"
    answer = _decide(session, work, item, link)
    if answer.outcome is MergeOutcome.REJECTED:
        log_event("record", device=str(work.device_id), batch=str(work.batch_id),
                  record=str(item.enrollment_id), revision=item.revision,
                  outcome=str(answer.outcome),
                  reasons=[f"{issue.field}:{issue.code}" for issue in answer.reasons])
    stored_answer = wire_text(answer_to_json(answer))
    if link is None:
        work.new_links.append({"device_id": work.device_id, "enrollment_id": item.enrollment_id,
                               "canonical_id": answer.office_id, "last_revision": item.revision,
                               "last_answer": stored_answer, "merged_from": None})
        return stored_answer, str(answer.outcome)
    # a newer revision settles any review item an older one of the same record left open
    session.execute(
        update(Conflict).where(col(Conflict.device_id) == work.device_id,
                               col(Conflict.enrollment_id) == item.enrollment_id,
                               col(Conflict.status) == "open",
                               col(Conflict.revision) < item.revision)
        .values(status="superseded"))
    link.last_revision = item.revision
    link.canonical_id = answer.office_id or link.canonical_id
    link.last_answer = stored_answer
    session.add(link)
    return stored_answer, str(answer.outcome)


def _rejected(item: OutgoingRecord, reasons: list) -> RecordAnswer:
    return RecordAnswer(item.enrollment_id, item.revision, MergeOutcome.REJECTED,
                        reasons=tuple(reasons))


def validation_day(item: OutgoingRecord, today: date) -> date:
    """The day a record is validated on: the day it was made, as the laptop stored it (the
    rates and rules of that day); the office's day when the laptop sent none, or a day the
    office has not reached (a laptop clock ahead)."""
    made = item.enrollment_day
    return made if made is not None and made <= today else today


def _decide(session: Session, work: ChangeSet, item: OutgoingRecord,
            link: ClientLink | None) -> RecordAnswer:
    if item.raw is not None:
        _, issues = enrollment_from_json(item.raw)
        return _rejected(item, issues)
    checked = check_enrollment(item.record, on=validation_day(item, work.today))
    if checked.errors:
        return _rejected(item, checked.errors)
    incoming = checked.record
    own, redirected = _own_record(session, work, item, link)
    if own is not None and own.state == TombstoneState.WITHDRAWN:
        return _rejected(item, [error(
            "nik", "withdrawn", "data ini ditarik oleh kantor; hubungi kantor",
            "the office withdrew this record; ask the office")])
    holder = live_by_nik(session, work, incoming.nik)
    if own is None:
        if holder is None:
            return _create(work, item, incoming)
        return _merge(work, item, holder, incoming, None)  # a second enrollment
    if own.nik != incoming.nik:
        lock_niks(session, [own.nik])
    base = None
    if item.base_revision is not None and not redirected:
        base = version_record(session, own.id, item.base_revision)
    if holder is not None and holder.id != own.id:
        return _same_person(work, item, holder, own, incoming, base)
    return _merge(work, item, own, incoming, base)


def _own_record(session: Session, work: ChangeSet, item: OutgoingRecord,
                link: ClientLink | None) -> tuple[Canonical | None, bool]:
    """The canonical record this laptop record is (through its link, or as a copy it pulled),
    following a tombstone to the record it was merged into; and whether it was redirected
    so (then the laptop's base revision is another record's and serves as no base)."""
    pointed = link.canonical_id if link is not None and link.canonical_id else item.enrollment_id
    canonical = by_id(session, work, pointed)
    redirected = link is not None and link.merged_from is not None
    for _ in range(_MAX_HOPS):
        if canonical is None or canonical.state != TombstoneState.MERGED_INTO:
            break
        canonical, redirected = by_id(session, work, canonical.merged_into), True
    return canonical, redirected


def _merge(work: ChangeSet, item: OutgoingRecord, canonical: Canonical, incoming: Enrollment,
           base: Enrollment | None) -> RecordAnswer:
    office = load_record(canonical.record)
    result = merge_enrollments(office, incoming, base)
    if result.outcome is MergeOutcome.CONFLICT:
        return _review(work, item, canonical, incoming, base, result.conflicting,
                       result.review_kind or ReviewKind.IDENTITY_CONFLICT, None)
    merged = result.record
    if merged != office:
        add_version(work, canonical, office, merged, str(result.outcome), item.enrollment_id)
    return RecordAnswer(item.enrollment_id, item.revision, result.outcome,
                        office_id=canonical.id, office_revision=canonical.revision,
                        record=merged if result.outcome is MergeOutcome.MERGED else None)


def _same_person(work: ChangeSet, item: OutgoingRecord, holder: Canonical, own: Canonical,
                 incoming: Enrollment, base: Enrollment | None) -> RecordAnswer:
    """The laptop corrected its record's NIK onto a NIK another live record holds: one person
    under two records, or two people. A supervisor decides; until then both stay as they are
    (never two live records of one NIK)."""
    differing = merge_enrollments(load_record(holder.record), incoming, None).conflicting
    fields = ("nik", *(name for name in differing if name != "nik"))
    return _review(work, item, holder, incoming, base, fields, ReviewKind.SAME_PERSON, own)


def _review(work: ChangeSet, item: OutgoingRecord, canonical: Canonical,
            incoming: Enrollment, base: Enrollment | None, fields: tuple[str, ...],
            kind: ReviewKind, other: Canonical | None) -> RecordAnswer:
    """A review item raised on ``canonical`` as it is now; the laptop's record is answered
    ``conflict`` and linked to its own record (``other`` for a same-person item)."""
    conflict = Conflict(canonical_id=canonical.id, nik=canonical.nik, device_id=work.device_id,
                        enrollment_id=item.enrollment_id, revision=item.revision,
                        base_revision=item.base_revision, office_revision=canonical.revision,
                        office_record=canonical.record, incoming_record=record_json(incoming),
                        base_record=record_json(base) if base is not None else None,
                        fields=wire_text(list(fields)), kind=str(kind),
                        other_canonical_id=other.id if other is not None else None, seq=0)
    work.numbered.append(conflict)
    linked = other if other is not None else canonical
    return RecordAnswer(item.enrollment_id, item.revision, MergeOutcome.CONFLICT,
                        office_id=linked.id, office_revision=linked.revision,
                        record=load_record(canonical.record), conflict_id=conflict.id,
                        conflicting=fields, review_kind=kind)


def _create(work: ChangeSet, item: OutgoingRecord, record: Enrollment) -> RecordAnswer:
    """A person new to the office: a record under the office's own id (the laptop's
    enrollment id becomes its link)."""
    visit = item.visit
    canonical = NewCanonical(nik=record.nik, full_name=record.full_name,
                             desa_code=record.desa_code, kecamatan_code=record.desa_code[:6],
                             record="", device_id=work.device_id,
                             officer_code=item.officer_code,
                             officer_name=item.officer_name or work.officer_name,
                             enrolled_on=item.enrollment_day,
                             visit_date=visit.day if visit else None,
                             visit_desa_code=visit.desa_code if visit else "",
                             visit_banjar=visit.banjar if visit else "")
    add_version(work, canonical, None, record, "created", item.enrollment_id)
    return RecordAnswer(item.enrollment_id, item.revision, MergeOutcome.ACCEPTED,
                        office_id=canonical.id, office_revision=canonical.revision)

