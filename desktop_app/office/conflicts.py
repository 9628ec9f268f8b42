"""The review queue: conflicts that a supervisor settles, field by field or wholesale.

Every decision is recorded (who, when, which side per field) and, when it changes the record,
becomes a new version in its history. The decision gets a new sequence number, so the next
pull brings it to the laptop that sent the conflicting version; the changed record reaches
every laptop of the area.
"""

import json
import uuid
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from desktop_app.domain.merge import IDENTITY_FIELDS, merge_enrollments
from desktop_app.domain.messages import Text
from desktop_app.domain.validation import check_enrollment
from desktop_app.office.changes import conflict_to_json
from desktop_app.office.intake import ChangeSet, add_version, load_record, number_changes
from desktop_app.office.models import CanonicalRecord, Conflict
from desktop_app.sql_types import utc_now
from desktop_app.sqlite_engine import write_session

SIDES = ("office", "incoming")
_STATUS_ID = {"resolved": "diputuskan", "superseded": "digantikan revisi yang lebih baru"}


class ResolutionRefused(Exception):
    """The decision cannot be applied; ``text`` says why in both languages (the message is the
    English one)."""

    def __init__(self, id_text: str, en_text: str) -> None:
        super().__init__(en_text)
        self.text = Text(id_text, en_text)


MIN_PREFIX = 4  # as git: fewer characters would match too much to be meant


def find_conflict_id(engine: Engine, typed: str) -> uuid.UUID:
    """The conflict whose id starts with ``typed``, as git finds a commit (see
    ``pick_by_prefix``)."""
    with Session(engine) as session:
        return pick_by_prefix(typed, session.exec(select(Conflict.id)).all())


def pick_by_prefix(typed: str, ids: Iterable[uuid.UUID]) -> uuid.UUID:
    """The one id of ``ids`` that starts with ``typed`` (dashes and case do not matter);
    refused, naming the matches, when none or several do."""
    prefix = typed.strip().lower().replace("-", "")
    if len(prefix) < MIN_PREFIX or any(c not in "0123456789abcdef" for c in prefix):
        raise ResolutionRefused(
            f"ID konflik {typed!r} tidak terbaca: tulis sedikitnya {MIN_PREFIX} karakter awal "
            "ID dari `office conflicts` (0-9, a-f)",
            f"conflict ID {typed!r} cannot be read: give at least its first {MIN_PREFIX} "
            "characters as `office conflicts` shows them (0-9, a-f)")
    matches = sorted(i for i in ids if i.hex.startswith(prefix))
    if not matches:
        raise ResolutionRefused(f"tidak ada konflik dengan ID berawalan {typed}; lihat: "
                                "office conflicts --all",
                                f"no conflict has an ID starting with {typed}; see: "
                                "office conflicts --all")
    if len(matches) > 1:
        shown = ", ".join(str(m) for m in matches[:10]) + (", ..." if len(matches) > 10 else "")
        raise ResolutionRefused(
            f"ID berawalan {typed} cocok dengan {len(matches)} konflik: {shown}; tulis lebih "
            "banyak karakter",
            f"{typed} starts the IDs of {len(matches)} conflicts: {shown}; give more "
            "characters")
    return matches[0]


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
        raise ResolutionRefused("--keep harus office atau incoming",
                                "--keep must be office or incoming")
    if any(side not in SIDES for side in fields.values()):
        raise ResolutionRefused("setiap --field harus NAMA=office atau NAMA=incoming",
                                "each --field must be NAME=office or NAME=incoming")
    with write_session(engine) as session:
        conflict = session.get(Conflict, conflict_id)
        if conflict is None:
            raise ResolutionRefused(f"tidak ada konflik {conflict_id}",
                                    f"no conflict {conflict_id}")
        if conflict.status != "open":
            raise ResolutionRefused(
                f"konflik {conflict_id} sudah {_STATUS_ID.get(conflict.status, conflict.status)}",
                f"conflict {conflict_id} is already {conflict.status}")
        disputed = json.loads(conflict.fields)
        unknown = sorted(set(fields) - set(disputed))
        if unknown:
            raise ResolutionRefused(f"tidak dipersengketakan: {', '.join(unknown)} (isian "
                                    f"yang berbeda: {', '.join(disputed)})",
                                    f"not in dispute: {', '.join(unknown)} (the fields are "
                                    f"{', '.join(disputed)})")
        choice = {name: fields.get(name, keep) for name in disputed}
        missing = [name for name, side in choice.items() if side is None]
        if missing:
            raise ResolutionRefused(f"pilih satu sisi untuk {', '.join(missing)} (atau pakai "
                                    "--keep)",
                                    f"choose a side for {', '.join(missing)} (or use --keep)")
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
            raise ResolutionRefused("nilai yang dipilih tidak membentuk data yang sah",
                                    "the chosen values do not make a valid record")
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
