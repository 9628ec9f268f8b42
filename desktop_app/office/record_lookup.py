"""Reading the office's canonical records and their history (``office list`` and ``show``).

A list shows live records only, so each person appears once; ``show`` finds a NIK's live
record, else the tombstone that last held it (which names the record it was merged into)."""

import json
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from desktop_app.office.models import LIVE, CanonicalRecord, RecordVersion


def _summary(record: CanonicalRecord) -> dict[str, Any]:
    return {"office_id": str(record.id), "nik": record.nik, "full_name": record.full_name,
            "desa_code": record.desa_code, "revision": record.revision, "seq": record.seq,
            "updated_at": record.updated_at.isoformat(), "state": record.state,
            "merged_into": str(record.merged_into) if record.merged_into else None}


def list_records(engine: Engine, *, nik: str = "", limit: int = 100) -> list[dict[str, Any]]:
    """Canonical records, newest change first; ``nik`` may be a prefix."""
    with Session(engine) as session:
        query = (select(CanonicalRecord).where(CanonicalRecord.state == LIVE)
                 .order_by(col(CanonicalRecord.seq).desc()).limit(limit))
        if nik:
            query = query.where(col(CanonicalRecord.nik).startswith(nik))
        return [_summary(r) for r in session.exec(query)]


def show_record(engine: Engine, nik: str) -> dict[str, Any] | None:
    """One person's canonical record with every version: who changed what, and from where."""
    with Session(engine) as session:
        record = session.exec(select(CanonicalRecord).where(CanonicalRecord.nik == nik)
                              .order_by(CanonicalRecord.state != LIVE,
                                        col(CanonicalRecord.seq).desc())).first()
        if record is None:
            return None
        versions = session.exec(select(RecordVersion)
                                .where(RecordVersion.canonical_id == record.id)
                                .order_by(col(RecordVersion.revision)))
        return {**_summary(record), "record": json.loads(record.record), "history": [
            {"revision": v.revision, "seq": v.seq, "action": v.action,
             "changes": json.loads(v.changes), "officer": v.officer_name,
             "device_id": str(v.device_id) if v.device_id else None,
             "enrollment_id": str(v.enrollment_id) if v.enrollment_id else None,
             "recorded_at": v.recorded_at.isoformat()} for v in versions]}
