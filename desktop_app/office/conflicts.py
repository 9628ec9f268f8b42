"""The review queue: conflicts that a supervisor settles, field by field or wholesale.

Every decision is recorded (who, when, which side per field) and, when it changes the record,
becomes a new version in its history. The decision gets a new sequence number, so the next
pull brings it to the laptop that sent the conflicting version; the changed record reaches
every laptop of the area.
"""

import json
import uuid
from datetime import date
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from desktop_app.domain.merge import IDENTITY_FIELDS, merge_enrollments
from desktop_app.domain.validation import check_enrollment
from desktop_app.office.changes import conflict_to_json
from desktop_app.office.intake import ChangeSet, add_version, load_record, number_changes
from desktop_app.office.models import CanonicalRecord, Conflict
from desktop_app.sql_types import utc_now
from desktop_app.sqlite_engine import write_session

SIDES = ("office", "incoming")


class ResolutionRefused(Exception):
    """The decision cannot be applied; the message says why."""


def list_conflicts(engine: Engine, *, status: str | None = "open") -> list[dict[str, Any]]:
    with Session(engine) as session:
        query = select(Conflict).order_by(col(Conflict.created_at))
        if status:
            query = query.where(Conflict.status == status)
        return [conflict_to_json(c, session.get(CanonicalRecord, c.canonical_id))
                for c in session.exec(query)]


def resolve_conflict(engine: Engine, conflict_id: uuid.UUID, *, keep: str | None,
                     fields: dict[str, str], resolved_by: str, today: date) -> dict[str, Any]:
    """Settles a conflict: ``keep`` one side for every field, or ``fields`` one side each."""
    if keep is not None and keep not in SIDES:
        raise ResolutionRefused("--keep must be office or incoming")
    if any(side not in SIDES for side in fields.values()):
        raise ResolutionRefused("each --field must be NAME=office or NAME=incoming")
    with write_session(engine) as session:
        conflict = session.get(Conflict, conflict_id)
        if conflict is None:
            raise ResolutionRefused(f"no conflict {conflict_id}")
        if conflict.status != "open":
            raise ResolutionRefused(f"conflict {conflict_id} is already {conflict.status}")
        disputed = json.loads(conflict.fields)
        unknown = sorted(set(fields) - set(disputed))
        if unknown:
            raise ResolutionRefused(f"not in dispute: {', '.join(unknown)} (the fields are "
                                    f"{', '.join(disputed)})")
        choice = {name: fields.get(name, keep) for name in disputed}
        missing = [name for name, side in choice.items() if side is None]
        if missing:
            raise ResolutionRefused(f"choose a side for {', '.join(missing)} (or use --keep)")
        canonical = session.get(CanonicalRecord, conflict.canonical_id)
        office = load_record(canonical.record)
        incoming = load_record(conflict.incoming_record)
        taken = {name: getattr(incoming, name) for name, side in choice.items()
                 if side == "incoming"}
        settled = office.with_changes(**taken)
        result = merge_enrollments(settled, incoming.with_changes(
            **{name: getattr(settled, name) for name in IDENTITY_FIELDS}), base=None)
        merged = result.record if any(s == "incoming" for s in choice.values()) else settled
        if check_enrollment(merged, on=today).errors:
            raise ResolutionRefused("the chosen values do not make a valid record")
        work = ChangeSet(None, resolved_by, None, today)
        work.canonicals[canonical.nik] = canonical
        if merged != office:
            add_version(work, canonical, office, merged, "resolved", None)
        conflict.status, conflict.resolved_by, conflict.resolved_at = (
            "resolved", resolved_by, utc_now())
        conflict.resolution = json.dumps({"fields": choice, "revision": canonical.revision})
        work.numbered.append(conflict)
        number_changes(session, work)
        session.commit()
        return conflict_to_json(conflict, canonical)
