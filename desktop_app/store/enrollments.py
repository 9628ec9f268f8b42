"""Saving enrollments: one transaction per write, history for every change, one record per NIK.

Every write checks the record with the domain's ``check_enrollment`` first. A record with errors
is refused (or kept as a draft when the caller allows drafts); a NIK that is already on this
laptop is answered with the existing record instead of a duplicate. The day a record is made
is stored with it (``enrolled_on``); every later edit is checked on that same day.
"""

import gc
import json
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from desktop_app.domain.enrollment import Enrollment, EnrollmentStatus
from desktop_app.domain.messages import FieldIssue
from desktop_app.domain.validation import CheckedEnrollment, check_enrollment
from desktop_app.sql_types import utc_now
from desktop_app.sqlite_engine import write_session
from desktop_app.store import models
from desktop_app.store.columns import json_default, timestamp_text, uuid_text
from desktop_app.store.database import refresh_statistics
from desktop_app.store.device import sync_state
from desktop_app.store.enrollment_rows import insert_enrollments
from desktop_app.store.records import StoredEnrollment, record_columns

BULK_STATISTICS_THRESHOLD = 1000  # rows added at once before the planner's statistics are redone


class EnrollmentRefused(Exception):
    """The record has errors (listed per field) and was not stored."""

    def __init__(self, issues: Sequence[FieldIssue]) -> None:
        super().__init__("; ".join(f"{i.field}: {i.message.en}" for i in issues))
        self.issues = tuple(issues)


class DuplicateNik(Exception):
    """This laptop already holds an enrollment for the NIK: open it instead of making another."""

    def __init__(self, existing: StoredEnrollment) -> None:
        super().__init__(f"NIK {existing.record.nik} is already enrolled on this laptop "
                         f"(id {existing.id})")
        self.existing = existing


class StaleRevision(Exception):
    """Someone saved the record since it was opened; reopen it to see their change."""


class EnrollmentNotFound(LookupError):
    pass


@dataclass(frozen=True)
class AddOutcome:
    """What happened to one record of a bulk add (exactly one of the three is set)."""

    stored_id: uuid.UUID | None = None
    refused: tuple[FieldIssue, ...] = ()
    duplicate_of: uuid.UUID | None = None


def _refusal(checked: CheckedEnrollment, allow_draft: bool) -> list[FieldIssue]:
    """Why a checked record cannot be stored (nothing when it can).

    A draft may be incomplete, but its NIK (the key) must always be valid.
    """
    nik_errors = [i for i in checked.errors if i.field == "nik"]
    if nik_errors:
        return nik_errors
    return [] if allow_draft else checked.errors


def _checked_for_storage(record: Enrollment, on: date, allow_draft: bool) -> CheckedEnrollment:
    checked = check_enrollment(record, on=on)
    if refusal := _refusal(checked, allow_draft):
        raise EnrollmentRefused(refusal)
    return checked


def _status(checked: CheckedEnrollment) -> str:
    return str(EnrollmentStatus.READY if checked.is_valid else EnrollmentStatus.DRAFT)


def _warnings_json(checked: CheckedEnrollment) -> str:
    warnings = checked.warnings
    return json.dumps([w.to_json() for w in warnings], ensure_ascii=False) if warnings else "[]"


@contextmanager
def paused_garbage_collection() -> Iterator[None]:
    """Building 100,000 rows makes millions of objects, none of them cyclic garbage: the
    collector's full passes over them cost a third of a bulk insert."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# statuses only this laptop knows of: re-checking an unchanged record may move it between them
_LOCAL_STATUSES = (EnrollmentStatus.DRAFT, EnrollmentStatus.READY)

class EnrollmentStore:
    """Writes and reads of enrollments on one local database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def get(self, enrollment_id: uuid.UUID) -> StoredEnrollment:
        with Session(self.engine) as session:
            row = session.get(models.Enrollment, enrollment_id)
            if row is None:
                raise EnrollmentNotFound(str(enrollment_id))
            return StoredEnrollment.from_row(row)

    def find_by_nik(self, nik: str) -> StoredEnrollment | None:
        """The live record of ``nik`` (a tombstone may keep a NIK that is another's now)."""
        with Session(self.engine) as session:
            statement = select(models.Enrollment).where(models.Enrollment.nik == nik,
                                                        models.live_rows())
            row = session.exec(statement).first()
            return StoredEnrollment.from_row(row) if row else None

    def create(self, record: Enrollment, *, officer_id: uuid.UUID, on: date,
               allow_draft: bool = False, visit_id: uuid.UUID | None = None) -> StoredEnrollment:
        """Stores a new enrollment as ready (or draft); raises DuplicateNik or EnrollmentRefused."""
        checked = check_enrollment(record, on=on)
        nik_valid = checked.nik_info is not None
        existing = self.find_by_nik(checked.record.nik) if nik_valid else None
        if existing is not None:  # looking is fine; duplicating is not
            raise DuplicateNik(existing)
        if refusal := _refusal(checked, allow_draft):
            raise EnrollmentRefused(refusal)
        try:
            with write_session(self.engine) as session:
                new_id = self._insert(session, [checked], officer_id=officer_id, on=on,
                                      visit_id=visit_id)[0]
                session.commit()
        except IntegrityError:  # another writer stored the NIK between our look and our write
            existing = self.find_by_nik(checked.record.nik)
            if existing is None:
                raise
            raise DuplicateNik(existing) from None
        return self.get(new_id)

    def add_many(self, records: Iterable[Enrollment], *, officer_id: uuid.UUID, on: date,
                 allow_draft: bool = False,
                 visit_id: uuid.UUID | None = None) -> list[AddOutcome]:
        """Checks and stores many new enrollments in one transaction (imports, bulk loads)."""
        return self.add_checked([check_enrollment(r, on=on) for r in records],
                                officer_id=officer_id, on=on, allow_draft=allow_draft,
                                visit_id=visit_id)

    def add_checked(self, checked: Sequence[CheckedEnrollment], *, officer_id: uuid.UUID,
                    on: date, allow_draft: bool = False,
                    visit_id: uuid.UUID | None = None) -> list[AddOutcome]:
        """Stores records already checked with ``check_enrollment`` on ``on`` (the day they
        are enrolled on, and stored with), in one transaction.

        An importer that checked its rows to report on them does not pay for it twice.
        Refused records and NIKs already held (on the laptop or earlier in the same batch) are
        reported per record; the rest are stored together or, on any failure, not at all.
        """
        outcomes: list[AddOutcome] = []
        accepted: list[CheckedEnrollment] = []
        held: dict[str, uuid.UUID] = {}  # NIKs already on the laptop
        first_slot: dict[str, int] = {}  # NIKs stored by this batch: where their outcome is
        later_copies: list[tuple[int, str]] = []
        with write_session(self.engine) as session:
            niks = [c.record.nik for c in checked if c.nik_info is not None]
            for start in range(0, len(niks), 500):
                rows = session.exec(select(models.Enrollment.nik, models.Enrollment.id)
                                    .where(col(models.Enrollment.nik).in_(niks[start:start + 500]),
                                           models.live_rows()))
                held.update(dict(rows.all()))
            for item in checked:
                nik = item.record.nik
                if refusal := _refusal(item, allow_draft):
                    outcomes.append(AddOutcome(refused=tuple(refusal)))
                elif nik in held:
                    outcomes.append(AddOutcome(duplicate_of=held[nik]))
                elif nik in first_slot:
                    later_copies.append((len(outcomes), nik))
                    outcomes.append(AddOutcome())
                else:
                    first_slot[nik] = len(outcomes)
                    outcomes.append(AddOutcome())
                    accepted.append(item)
            new_ids = self._insert(session, accepted, officer_id=officer_id, on=on,
                                   visit_id=visit_id)
            if len(new_ids) >= BULK_STATISTICS_THRESHOLD:
                refresh_statistics(session.connection())
            session.commit()
        for item, new_id in zip(accepted, new_ids, strict=True):
            outcomes[first_slot[item.record.nik]] = AddOutcome(stored_id=new_id)
        for slot, nik in later_copies:  # a second copy of a NIK points at the first one's record
            outcomes[slot] = AddOutcome(duplicate_of=outcomes[first_slot[nik]].stored_id)
        return outcomes

    def _insert(self, session: Session, checked: Sequence[CheckedEnrollment], *,
                officer_id: uuid.UUID, on: date,
                visit_id: uuid.UUID | None) -> list[uuid.UUID]:
        """Inserts new rows and their name-index entries (``insert_enrollments``, the one
        writer of new rows).

        This is the path of imports and bulk loads: what every row of the batch shares is
        put in stored form once (see ``store.columns``). The creation itself (who, on which
        device, when) is the row's own ``officer_id``, ``device_id`` and ``created_at``,
        which never change; ``history`` reports it as revision 1.
        """
        device = sync_state(session).device_id
        now_text, recorder = timestamp_text(utc_now()), str(officer_id)
        owner = {"revision": 1, "synced_revision": 0, "officer_id": officer_id.hex,
                 "device_id": device.hex, "visit_id": uuid_text(visit_id),
                 "enrolled_on": on.isoformat(), "created_at": now_text, "updated_at": now_text}
        rows, new_ids = [], []
        with paused_garbage_collection():
            for item in checked:
                record = item.record
                new_id = uuid.uuid4()
                new_ids.append(new_id)
                given = record.consent.given
                rows.append({
                    **record_columns(record),
                    # who recorded consent and when is the store's to say, never the input's
                    "consent_recorded_by": recorder if given else "",
                    "consent_recorded_at": now_text if given else None,
                    "id": new_id.hex, "status": _status(item), "warnings": _warnings_json(item),
                    **owner})
            insert_enrollments(session.connection(), rows)
        return new_ids

    def update(self, enrollment_id: uuid.UUID, record: Enrollment, *, officer_id: uuid.UUID,
               expected_revision: int, allow_draft: bool = False) -> StoredEnrollment:
        """Saves an edit made to ``expected_revision``, checked on the record's own
        enrollment day (an edit months later still prices the months it was enrolled for);
        the history keeps every old value."""
        with write_session(self.engine) as session:
            row = session.get(models.Enrollment, enrollment_id)
            if row is None:
                raise EnrollmentNotFound(str(enrollment_id))
            checked = _checked_for_storage(record, row.enrolled_on, allow_draft)
            if row.revision != expected_revision:
                raise StaleRevision(f"record is at revision {row.revision}, "
                                    f"the edit was made to revision {expected_revision}")
            if checked.record.nik != row.nik:
                existing = self.find_by_nik(checked.record.nik)
                if existing is not None:
                    raise DuplicateNik(existing)
            new_values = record_columns(checked.record)
            if checked.record.consent.given and not row.consent_given:
                now = utc_now()
                new_values["consent_recorded_by"] = str(officer_id)
                new_values["consent_recorded_at"] = now
            elif checked.record.consent.given:
                new_values["consent_recorded_by"] = row.consent_recorded_by
                new_values["consent_recorded_at"] = row.consent_recorded_at
            else:  # consent withdrawn before saving: nobody recorded it
                new_values["consent_recorded_by"] = ""
                new_values["consent_recorded_at"] = None
            changes = {name: [getattr(row, name), value]
                       for name, value in new_values.items() if getattr(row, name) != value}
            status = _status(checked)
            if row.clash:  # saved with the clash shown: the officer's values are the answer
                changes["clash"] = [json.loads(row.clash), None]
                row.clash, row.clash_holds = None, False
            if not changes and (status == row.status or row.status not in _LOCAL_STATUSES):
                # nothing typed differs: a synced, disputed or refused record keeps its place
                # with the office (saving it unchanged must not send it again)
                return StoredEnrollment.from_row(row)
            now = utc_now()
            if status != row.status:
                changes["status"] = [row.status, status]
            for name, value in new_values.items():
                setattr(row, name, value)
            row.status, row.warnings = status, _warnings_json(checked)
            row.revision += 1
            row.updated_at = now
            session.add(row)
            session.add(models.EnrollmentHistory(
                enrollment_id=row.id, revision=row.revision, action="updated",
                officer_id=officer_id, device_id=sync_state(session).device_id, changed_at=now,
                changes=json.dumps(changes, ensure_ascii=False, default=json_default)))
            session.commit()
            session.refresh(row)
            return StoredEnrollment.from_row(row)

    def history(self, enrollment_id: uuid.UUID) -> list[dict[str, Any]]:
        """Every change to the record, oldest first, with old and new values per field.

        Revision 1 is the creation, told by the row itself (who, which device, when).
        """
        with Session(self.engine) as session:
            row = session.get(models.Enrollment, enrollment_id)
            if row is None:
                raise EnrollmentNotFound(str(enrollment_id))
            changes = session.exec(select(models.EnrollmentHistory)
                                   .where(models.EnrollmentHistory.enrollment_id == enrollment_id)
                                   .order_by(models.EnrollmentHistory.revision,
                                             models.EnrollmentHistory.changed_at))
            created = {"revision": 1, "action": "created", "officer_id": str(row.officer_id),
                       "device_id": str(row.device_id), "changed_at": row.created_at.isoformat(),
                       "changes": {}}
            return [created, *({"revision": h.revision, "action": h.action,
                                "officer_id": str(h.officer_id), "device_id": str(h.device_id),
                                "changed_at": h.changed_at.isoformat(),
                                "changes": json.loads(h.changes)} for h in changes)]
