"""The review queue: typed review items a supervisor decides, field by field or wholesale.

Kinds: identity conflict, money conflict, NIK correction, same person under two records. A
decision is applied three-way against the office's version the item was raised on
(``domain.merge.settle``): a field the office changed since keeps its newer value, and a
decision about a disputed field that changed since is refused (the item is shown again with
the newer value, never rolled back to the old one). "Keep office" still takes the incoming
record's changes a machine may merge (its new phone). A same-person decision keeps one record
and turns the other into a tombstone merged into it; "different people" leaves both records
as they are and refuses the NIK correction.

Every decision records who and when and, when it changes a record, becomes a version in its
history. It gets a new sequence number, so the next pull brings it to the laptop that sent the
item; changed records and tombstones reach every laptop of their area.
"""

import json
import uuid
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import Engine, update
from sqlmodel import Session, col, select

from desktop_app.domain.merge import StaleDecision, merge_enrollments, settle
from desktop_app.domain.messages import BilingualError, Text
from desktop_app.domain.sync_messages import ReviewKind, Side, TombstoneState
from desktop_app.domain.validation import check_enrollment
from desktop_app.office.canonical import (
    ChangeSet,
    add_version,
    load_record,
    make_tombstone,
    number_changes,
)
from desktop_app.office.changes import conflict_to_json, record_that_stays
from desktop_app.office.models import LIVE, CanonicalRecord, ClientLink, Conflict
from desktop_app.sql_types import utc_now
from desktop_app.sqlite_engine import write_session

SIDES = ("office", "incoming")
_STATUS_ID = {"resolved": "diputuskan", "superseded": "digantikan revisi yang lebih baru"}


class ResolutionRefused(BilingualError):
    """The decision cannot be applied; ``text`` says why in both languages (the message is the
    English one)."""


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
        raise ResolutionRefused(Text(
            f"ID konflik {typed!r} tidak terbaca: tulis sedikitnya {MIN_PREFIX} karakter awal "
            "ID dari `office conflicts` (0-9, a-f)",
            f"conflict ID {typed!r} cannot be read: give at least its first {MIN_PREFIX} "
            "characters as `office conflicts` shows them (0-9, a-f)"))
    matches = sorted(i for i in ids if i.hex.startswith(prefix))
    if not matches:
        raise ResolutionRefused(Text(f"tidak ada konflik dengan ID berawalan {typed}; lihat: "
                                     "office conflicts --all",
                                     f"no conflict has an ID starting with {typed}; see: "
                                     "office conflicts --all"))
    if len(matches) > 1:
        shown = ", ".join(str(m) for m in matches[:10]) + (", ..." if len(matches) > 10 else "")
        raise ResolutionRefused(Text(
            f"ID berawalan {typed} cocok dengan {len(matches)} konflik: {shown}; tulis lebih "
            "banyak karakter",
            f"{typed} starts the IDs of {len(matches)} conflicts: {shown}; give more "
            "characters"))
    return matches[0]


def list_conflicts(engine: Engine, *, status: str | None = "open") -> list[dict[str, Any]]:
    """Review items (open ones unless told), oldest first, each with its kind, both versions,
    the base and the office's record as it is now."""
    with Session(engine) as session:
        query = select(Conflict).order_by(col(Conflict.created_at))
        if status:
            query = query.where(Conflict.status == status)
        return [conflict_to_json(c, session) for c in session.exec(query)]


def _choices(disputed: list[str], keep: str | None, fields: dict[str, str],
             default: str | None = None) -> dict[str, Side]:
    if keep is not None and keep not in SIDES:
        raise ResolutionRefused(Text("--keep harus office atau incoming",
                                     "--keep must be office or incoming"))
    if any(side not in SIDES for side in fields.values()):
        raise ResolutionRefused(Text("setiap --field harus NAMA=office atau NAMA=incoming",
                                     "each --field must be NAME=office or NAME=incoming"))
    unknown = sorted(set(fields) - set(disputed))
    if unknown:
        raise ResolutionRefused(Text(f"tidak dipersengketakan: {', '.join(unknown)} (isian "
                                     f"yang berbeda: {', '.join(disputed)})",
                                     f"not in dispute: {', '.join(unknown)} (the fields are "
                                     f"{', '.join(disputed)})"))
    choice = {name: fields.get(name, keep or default) for name in disputed}
    missing = [name for name, side in choice.items() if side is None]
    if missing:
        raise ResolutionRefused(Text(f"pilih satu sisi untuk {', '.join(missing)} (atau pakai "
                                     "--keep)",
                                     f"choose a side for {', '.join(missing)} (or use --keep)"))
    return {name: Side(side) for name, side in choice.items()}


def resolve_conflict(engine: Engine, conflict_id: uuid.UUID, *, keep: str | None,
                     fields: dict[str, str], resolved_by: str, today: date,
                     same_person: bool | None = None) -> dict[str, Any]:
    """Decides a review item: ``keep`` one side for every disputed field, or ``fields`` one
    side each; a same-person item also needs ``same_person`` (True or False)."""
    with write_session(engine) as session:
        conflict = session.get(Conflict, conflict_id)
        if conflict is None:
            raise ResolutionRefused(Text(f"tidak ada konflik {conflict_id}",
                                         f"no conflict {conflict_id}"))
        if conflict.status != "open":
            raise ResolutionRefused(Text(
                f"konflik {conflict_id} sudah {_STATUS_ID.get(conflict.status, conflict.status)}",
                f"conflict {conflict_id} is already {conflict.status}"))
        kind = ReviewKind(conflict.kind)
        if kind is ReviewKind.SAME_PERSON and same_person is None:
            raise ResolutionRefused(Text(
                "orang yang sama di dua data: pakai --same-person atau --different-people",
                "the same person under two records: use --same-person or "
                "--different-people"))
        if kind is not ReviewKind.SAME_PERSON and same_person is not None:
            raise ResolutionRefused(Text(
                "--same-person dan --different-people hanya untuk dua data satu orang",
                "--same-person and --different-people are for a same-person item only"))
        work = ChangeSet(None, resolved_by, None, today)
        disputed = json.loads(conflict.fields)
        if same_person is False:
            # two people: the correction onto the other's NIK is refused and both records
            # stay as they are; the laptop is told (the item's ``current`` is its own record)
            choice = {"nik": Side.OFFICE}
        else:
            canonical = session.get(CanonicalRecord, conflict.canonical_id)
            survivor = record_that_stays(session, canonical)
            if survivor is not None and survivor is not canonical:
                _follow(session, conflict, survivor)
                raise ResolutionRefused(Text(
                    f"data kantor untuk butir ini sudah digabung ke {survivor.id}: butir ini "
                    "kini tentang data itu; putuskan lagi (office conflicts)",
                    f"the office record of this item was merged into {survivor.id}: the item "
                    "is now about that record; decide again (office conflicts)"))
            if canonical is None or canonical.state != LIVE:
                raise ResolutionRefused(Text(
                    "data kantor untuk konflik ini sudah digabung atau ditarik; lihat: "
                    f"office show {conflict.nik}",
                    "the office record of this item was merged or withdrawn; see: "
                    f"office show {conflict.nik}"))
            # "nik" of a same-person item is decided by --same-person: the NIK stays
            others = [name for name in disputed
                      if not (kind is ReviewKind.SAME_PERSON and name == "nik")]
            choice = _choices(others, keep, fields,
                              "office" if kind is ReviewKind.SAME_PERSON else None)
            _apply_decision(session, work, conflict, canonical, choice)
            if kind is ReviewKind.SAME_PERSON:
                _same_person(session, work, conflict, canonical)
        conflict.status, conflict.resolved_by, conflict.resolved_at = (
            "resolved", resolved_by, utc_now())
        survivor = session.get(CanonicalRecord, conflict.canonical_id)
        conflict.resolution = json.dumps({
            "fields": {name: str(side) for name, side in choice.items()},
            "revision": survivor.revision if survivor else 0, "same_person": same_person})
        work.numbered.append(conflict)
        number_changes(session, work)
        session.commit()
        return conflict_to_json(conflict, session)


def _apply_decision(session: Session, work: ChangeSet, conflict: Conflict,
                    canonical: CanonicalRecord, choice: dict[str, Side]) -> None:
    """The record the decision makes, written as a new version when it changes anything;
    refused (and the item raised again on the office's newer version) when a disputed
    field changed since."""
    raised_on = load_record(conflict.office_record)
    incoming = load_record(conflict.incoming_record)
    base = load_record(conflict.base_record) if conflict.base_record else None
    if conflict.kind == ReviewKind.SAME_PERSON:
        base = None  # the laptop's base was the other record's: a second enrollment here
    current = load_record(canonical.record)
    proposal = merge_enrollments(raised_on, incoming, base).proposal or raised_on
    try:
        settled = settle(raised_on, current, proposal, incoming, choice)
    except StaleDecision as stale:
        _show_again(session, conflict, canonical)
        raise ResolutionRefused(Text(
            f"{stale.field} sudah diubah di kantor sejak konflik ini muncul, kini "
            f"{_shown(stale.newer)}: putuskan lagi dengan nilai itu (office conflicts)",
            f"{stale.field} changed at the office since this item was raised, now "
            f"{_shown(stale.newer)}: decide again with that value (office conflicts)")
        ) from None
    if choice.get("nik") is Side.INCOMING and settled.nik != current.nik:
        holder = session.exec(select(CanonicalRecord).where(
            CanonicalRecord.nik == settled.nik, CanonicalRecord.state == LIVE)).first()
        if holder is not None:
            _ask_same_person(session, conflict, holder)
            raise ResolutionRefused(Text(
                f"NIK {settled.nik} kini dipegang data lain ({holder.id}): butir ini kini "
                "pertanyaan orang yang sama di dua data; putuskan dengan --same-person atau "
                "--different-people",
                f"NIK {settled.nik} is now held by another record ({holder.id}): this item "
                "is now a question of the same person under two records; decide with "
                "--same-person or --different-people"))
    if check_enrollment(settled, on=canonical.enrolled_on or work.today).errors:
        raise ResolutionRefused(Text("nilai yang dipilih tidak membentuk data yang sah",
                                     "the chosen values do not make a valid record"))
    work.know(canonical)
    if settled != current:
        add_version(work, canonical, current, settled, "resolved", None)


def _shown(value: Any) -> str:
    return "(kosong)" if value in (None, "") else str(value)


def _show_again(session: Session, conflict: Conflict, canonical: CanonicalRecord) -> None:
    """A decision made on stale data: the item is raised again on the office's version as it
    is now, in its own transaction, so the next look shows the newer values."""
    session.rollback()
    conflict = session.get(Conflict, conflict.id)
    conflict.office_record = canonical.record
    conflict.office_revision = canonical.revision
    session.add(conflict)
    session.commit()


def _follow(session: Session, conflict: Conflict, survivor: CanonicalRecord) -> None:
    """An item whose record was merged into another (a same-person decision) follows it: it
    is raised again on the record that stays, as it is now, against no base (the laptop's base
    was the other record's), in its own transaction."""
    incoming = load_record(conflict.incoming_record)
    differing = merge_enrollments(load_record(survivor.record), incoming, None).conflicting
    session.rollback()
    conflict = session.get(Conflict, conflict.id)
    survivor = session.get(CanonicalRecord, survivor.id)
    conflict.canonical_id, conflict.nik = survivor.id, survivor.nik
    conflict.office_record, conflict.office_revision = survivor.record, survivor.revision
    conflict.base_record = None
    conflict.fields = json.dumps(list(differing) or ["nik"])
    session.add(conflict)
    session.commit()


def _ask_same_person(session: Session, conflict: Conflict, holder: CanonicalRecord) -> None:
    """A NIK correction whose new NIK another live record took meanwhile: one person under
    two records, or two people, as the intake would have asked had the correction arrived
    now. The item becomes that question, raised on the record holding the NIK, in its own
    transaction; the laptop's record stays linked to the record it corrected."""
    corrected_id = conflict.canonical_id
    incoming = load_record(conflict.incoming_record)
    differing = merge_enrollments(load_record(holder.record), incoming, None).conflicting
    session.rollback()
    conflict = session.get(Conflict, conflict.id)
    holder = session.get(CanonicalRecord, holder.id)
    conflict.kind = str(ReviewKind.SAME_PERSON)
    conflict.canonical_id, conflict.other_canonical_id = holder.id, corrected_id
    conflict.nik = holder.nik
    conflict.office_record, conflict.office_revision = holder.record, holder.revision
    conflict.fields = json.dumps(["nik", *(name for name in differing if name != "nik")])
    session.add(conflict)
    session.commit()


def _same_person(session: Session, work: ChangeSet, conflict: Conflict,
                 survivor: CanonicalRecord) -> None:
    """One person under two records: the record whose NIK was corrected becomes a tombstone
    merged into the record that holds the NIK; every laptop link to it follows."""
    other = session.get(CanonicalRecord, conflict.other_canonical_id)
    if other is None or other.state != LIVE:
        return  # already merged (another item of the same two records)
    work.know(other)
    make_tombstone(work, other, str(TombstoneState.MERGED_INTO), survivor.id)
    session.execute(update(ClientLink).where(col(ClientLink.canonical_id) == other.id)
                    .values(canonical_id=survivor.id, merged_from=other.id))
