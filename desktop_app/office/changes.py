"""What a laptop pulls: canonical records of its area and the outcome of its conflicts that
changed after its cursor (the office's sequence number it last saw), as a typed ``PullPage``
(see ``domain/sync_pull``)."""

import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text
from sqlmodel import Session, col, select

from desktop_app.assets import resource_file
from desktop_app.domain.enrollment import Enrollment, enrollment_from_json
from desktop_app.domain.reference_data import REFERENCE_FILES, bundle_version
from desktop_app.domain.sync_messages import (
    OfficeVersion,
    PulledRecord,
    PullPage,
    ReferenceBundle,
    ReviewDecision,
    ReviewKind,
    ReviewNotice,
    ReviewStatus,
    Tombstone,
    TombstoneState,
    from_wire,
)
from desktop_app.office.devices import DeviceInfo
from desktop_app.office.models import LIVE, CanonicalRecord, ClientLink, Conflict

PULL_LIMIT = 500


def changes_since(engine: Engine, device: DeviceInfo, since: int, limit: int = PULL_LIMIT, *,
                  reference_version: str | None = None,
                  reference: Path | None = None) -> PullPage:
    """One page of changes after ``since``; ``cursor`` is where the next page starts. The
    office's reference data comes along when the laptop's ``reference_version`` is older."""
    limit = max(1, min(limit, 5000))
    with Session(engine) as session:
        # every number up to last_seq is committed (see intake): reading it first makes the
        # page consistent even while batches are being applied
        last = session.execute(text("SELECT last_seq FROM office_state WHERE id = 1")).scalar()
        # a cursor beyond the last number finds nothing; compared as the last number, it
        # never reaches the database as a number its columns cannot hold (PostgreSQL)
        after = min(since, last or 0)
        query = (select(CanonicalRecord)
                 .where(col(CanonicalRecord.seq) > after, col(CanonicalRecord.seq) <= last)
                 .order_by(col(CanonicalRecord.seq)).limit(limit + 1))
        if device.area_code:
            query = query.where(CanonicalRecord.kecamatan_code == device.area_code)
        records = list(session.exec(query))
        more = len(records) > limit
        upper = records[limit - 1].seq if more else last
        records = records[:limit]
        yours = _sent_by(session, device, [r.id for r in records])
        live = [r for r in records if r.state == LIVE]
        gone = [r for r in records if r.state != LIVE]
        conflicts = session.exec(
            select(Conflict).where(Conflict.device_id == device.id,
                                   col(Conflict.seq) > after, col(Conflict.seq) <= upper)
            .order_by(col(Conflict.seq)))
        return PullPage(
            cursor=max(upper or 0, since), more=more,
            # ``yours``: this laptop sent a record of this person, so a change to it is
            # told to its officer
            records=tuple(PulledRecord(r.id, r.revision, r.seq, _stored(r.record),
                                       yours=r.id in yours, enrolled_on=r.enrolled_on)
                          for r in live),
            tombstones=tuple(Tombstone(r.id, TombstoneState(r.state), r.revision, r.seq,
                                       r.nik, merged_into=r.merged_into, yours=r.id in yours)
                             for r in gone),
            reviews=tuple(review_notice(c, session) for c in conflicts),
            reference=_newer_reference(reference_version, reference))


def _sent_by(session: Session, device: DeviceInfo,
             ids: list[uuid.UUID]) -> set[uuid.UUID]:
    """Which of these canonical records the device has sent a record for."""
    found: set[uuid.UUID] = set()
    for start in range(0, len(ids), 500):
        found.update(session.exec(select(ClientLink.canonical_id).where(
            ClientLink.device_id == device.id,
            col(ClientLink.canonical_id).in_(ids[start:start + 500]))))
    return found


def reference_bundle(folder: Path | None) -> ReferenceBundle:
    """The office's reference data: its maintained copies in ``folder``, else those shipped."""
    files = {}
    for name in REFERENCE_FILES:
        maintained = folder / name if folder is not None else None
        path = maintained if maintained is not None and maintained.is_file() else (
            resource_file(name))
        files[name] = path.read_text(encoding="utf-8")
    return ReferenceBundle(bundle_version(files), files)


def _newer_reference(known: str | None, folder: Path | None) -> ReferenceBundle | None:
    if known is None:
        return None  # the caller did not ask
    bundle = reference_bundle(folder)
    return None if bundle.version == known else bundle


def _stored(text_value: str) -> Enrollment:
    return enrollment_from_json(from_wire(text_value))[0]


def record_that_stays(session: Session,
                      canonical: CanonicalRecord | None) -> CanonicalRecord | None:
    """The live record ``canonical`` stands for now: itself, or the record it was merged
    into (following merges of merges); None for a withdrawn record."""
    seen: set[uuid.UUID] = set()
    while canonical is not None and canonical.state != LIVE and canonical.merged_into:
        if canonical.id in seen:
            return None
        seen.add(canonical.id)
        canonical = session.get(CanonicalRecord, canonical.merged_into)
    return canonical if canonical is not None and canonical.state == LIVE else None


def review_notice(conflict: Conflict, session: Session) -> ReviewNotice:
    """A review item with both versions and the base, and the office's record as it is now:
    the record the laptop's record is after the decision (the one that stays, for the same
    person; its own, for different people)."""
    resolution = from_wire(conflict.resolution) if conflict.resolution else None
    decision = ReviewDecision.from_json(resolution) if resolution else None
    current_id = conflict.canonical_id
    if decision is not None and decision.same_person is False and conflict.other_canonical_id:
        current_id = conflict.other_canonical_id
    # a record merged since into another: the laptop's record is now that one's
    current = record_that_stays(session, session.get(CanonicalRecord, current_id))
    return ReviewNotice(
        review_id=conflict.id, kind=ReviewKind(conflict.kind),
        status=ReviewStatus(conflict.status), nik=conflict.nik,
        office_id=conflict.canonical_id, device_id=conflict.device_id,
        enrollment_id=conflict.enrollment_id, revision=conflict.revision,
        fields=tuple(from_wire(conflict.fields)),
        office_record=_stored(conflict.office_record),
        incoming_record=_stored(conflict.incoming_record), created_at=conflict.created_at,
        office_revision=conflict.office_revision,
        base_record=_stored(conflict.base_record) if conflict.base_record else None,
        other_office_id=conflict.other_canonical_id, decision=decision,
        resolved_by=conflict.resolved_by, resolved_at=conflict.resolved_at,
        current=None if current is None else OfficeVersion(
            current.id, current.revision, _stored(current.record)),
        seq=conflict.seq)


def conflict_to_json(conflict: Conflict, session: Session) -> dict[str, Any]:
    """A review item's JSON (as listed by ``office conflicts --json`` and pulled)."""
    return review_notice(conflict, session).to_json()
