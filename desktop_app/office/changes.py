"""What a laptop pulls: canonical records of its area and the outcome of its conflicts that
changed after its cursor (the office's sequence number it last saw)."""

import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text
from sqlmodel import Session, col, select

from desktop_app.assets import resource_file
from desktop_app.domain.reference_data import REFERENCE_FILES, bundle_version
from desktop_app.domain.sync_messages import from_wire
from desktop_app.office.devices import DeviceInfo
from desktop_app.office.models import CanonicalRecord, ClientLink, Conflict

PULL_LIMIT = 500


def changes_since(engine: Engine, device: DeviceInfo, since: int, limit: int = PULL_LIMIT, *,
                  reference_version: str | None = None,
                  reference: Path | None = None) -> dict[str, Any]:
    """One page of changes after ``since``; ``cursor`` is where the next page starts. The
    office's reference data comes along when the laptop's ``reference_version`` is older."""
    limit = max(1, min(limit, 5000))
    with Session(engine) as session:
        # every number up to last_seq is committed (see intake): reading it first makes the
        # page consistent even while batches are being applied
        last = session.execute(text("SELECT last_seq FROM office_state WHERE id = 1")).scalar()
        query = (select(CanonicalRecord)
                 .where(col(CanonicalRecord.seq) > since, col(CanonicalRecord.seq) <= last)
                 .order_by(col(CanonicalRecord.seq)).limit(limit + 1))
        if device.area_code:
            query = query.where(CanonicalRecord.kecamatan_code == device.area_code)
        records = list(session.exec(query))
        more = len(records) > limit
        upper = records[limit - 1].seq if more else last
        records = records[:limit]
        yours = _sent_by(session, device, [r.id for r in records])
        conflicts = session.exec(
            select(Conflict).where(Conflict.device_id == device.id,
                                   col(Conflict.seq) > since, col(Conflict.seq) <= upper)
            .order_by(col(Conflict.seq)))
        return {
            "cursor": max(upper or 0, since),
            "more": more,
            # ``yours``: this laptop sent a record of this person, so a change to it is
            # told to its officer (an older laptop ignores the field)
            "records": [{"office_id": str(r.id), "revision": r.revision, "seq": r.seq,
                         "yours": r.id in yours, "record": from_wire(r.record)}
                        for r in records],
            "conflicts": [conflict_to_json(c, session.get(CanonicalRecord, c.canonical_id))
                          for c in conflicts],
            "reference": _newer_reference(reference_version, reference),
        }


def _sent_by(session: Session, device: DeviceInfo,
             ids: list[uuid.UUID]) -> set[uuid.UUID]:
    """Which of these canonical records the device has sent a record for."""
    found: set[uuid.UUID] = set()
    for start in range(0, len(ids), 500):
        found.update(session.exec(select(ClientLink.canonical_id).where(
            ClientLink.device_id == device.id,
            col(ClientLink.canonical_id).in_(ids[start:start + 500]))))
    return found


def reference_bundle(folder: Path | None) -> dict[str, Any]:
    """The office's reference data: its maintained copies in ``folder``, else those shipped."""
    files = {}
    for name in REFERENCE_FILES:
        maintained = folder / name if folder is not None else None
        path = maintained if maintained is not None and maintained.is_file() else (
            resource_file(name))
        files[name] = path.read_text(encoding="utf-8")
    return {"version": bundle_version(files), "files": files}


def _newer_reference(known: str | None, folder: Path | None) -> dict[str, Any] | None:
    if known is None:
        return None  # the caller did not ask
    bundle = reference_bundle(folder)
    return None if bundle["version"] == known else bundle


def conflict_to_json(conflict: Conflict,
                     canonical: CanonicalRecord | None = None) -> dict[str, Any]:
    """A conflict with both versions; with ``canonical``, the office's record as it is now."""
    current = None if canonical is None else {
        "office_id": str(canonical.id), "revision": canonical.revision,
        "record": from_wire(canonical.record)}
    return {
        "conflict_id": str(conflict.id),
        "nik": conflict.nik,
        "office_id": str(conflict.canonical_id),
        "device_id": str(conflict.device_id),
        "enrollment_id": str(conflict.enrollment_id),
        "revision": conflict.revision,
        "fields": from_wire(conflict.fields),
        "status": conflict.status,
        "office_record": from_wire(conflict.office_record),
        "incoming_record": from_wire(conflict.incoming_record),
        "resolution": from_wire(conflict.resolution) if conflict.resolution else None,
        "resolved_by": conflict.resolved_by,
        "resolved_at": conflict.resolved_at.isoformat() if conflict.resolved_at else None,
        "created_at": conflict.created_at.isoformat(),
        "current": current,
    }
