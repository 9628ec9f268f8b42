"""A pulled page in the laptop's database: the office's records of its area, tombstones and
review notices, stored with the page's cursor in one transaction.

Nothing moves backwards: the cursor only grows, and a record's office revision too, so a page
or a reply file that arrives late (or again) changes nothing it already brought. Unsent work
is never replaced: a draft, a record the office rejected, or one waiting to be sent is rebased
onto the office's version (``rebase_rows``) and keeps its status. A record new to the laptop
is stored as synced, so the duplicate check knows every NIK of the laptop's area.

A record whose NIK another live record here still holds waits (``waiting_pulls``) instead
of being written or skipped, and is taken at the end of a later page, once the NIK is free.
"""

import json
import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Engine, func, literal, update
from sqlmodel import Session, col

from desktop_app.domain.enrollment import TOMBSTONES, EnrollmentStatus
from desktop_app.domain.office_changes import OfficeAction, OfficeChange
from desktop_app.domain.rebase import nik_after_rebase
from desktop_app.domain.sync_messages import (
    OfficeVersion,
    PulledRecord,
    PullPage,
    ReviewNotice,
    ReviewStatus,
    Tombstone,
    TombstoneState,
    from_wire,
)
from desktop_app.domain.validation import check_enrollment
from desktop_app.sql_types import utc_now
from desktop_app.sqlite_engine import write_session
from desktop_app.store import models
from desktop_app.store.columns import json_default
from desktop_app.store.device import sync_state
from desktop_app.store.enrollment_rows import insert_enrollments
from desktop_app.store.office_copies import fold_copies
from desktop_app.store.rebase_rows import (
    has_unsent_work,
    rebase_row,
    record_at,
    take_office_version,
)
from desktop_app.store.records import record_columns
from desktop_app.store.sync_records import SyncCounts, rows_by
from desktop_app.store.waiting_pulls import keep_waiting, waiting_by_record


def _note(outcome: str, **details: Any) -> str:
    return json.dumps({"outcome": outcome, **details}, ensure_ascii=False, default=json_default)


@dataclass
class _Known:
    """The laptop's live rows a pulled page may touch, looked up once per page."""

    by_office: dict[uuid.UUID, models.Enrollment]
    by_nik: dict[str, models.Enrollment]
    new_rows: list[dict[str, Any]] = field(default_factory=list)  # records new to the laptop
    new_niks: set[str] = field(default_factory=set)

    def row_for(self, office_id: uuid.UUID, nik: str) -> models.Enrollment | None:
        """The laptop's copy of an office record: linked by the office's id, else a record of
        the NIK that is linked to no office record yet. A row linked to another office
        record is another person's, even if it held this NIK when the page was read (a NIK
        corrected on the same page, and reused by a new record)."""
        row = self.by_office.get(office_id)
        if row is not None:
            return row
        row = self.by_nik.get(nik)
        if row is not None and row.office_id in (None, office_id) and row.nik == nik:
            return row
        return None

    def held(self, nik: str, row: models.Enrollment | None) -> bool:
        """Whether a live record here other than ``row`` holds ``nik`` now."""
        other = self.by_nik.get(nik)
        return nik in self.new_niks or (
            other is not None and other is not row and other.nik == nik
            and other.status not in TOMBSTONES)

    def moved(self, row: models.Enrollment, old_nik: str) -> None:
        """``row`` now holds its NIK, not ``old_nik``."""
        if row.nik != old_nik:
            if self.by_nik.get(old_nik) is row:
                del self.by_nik[old_nik]
            self.by_nik[row.nik] = row


def _known(session: Session, records: list[PulledRecord], tombstones: list[Tombstone],
           decided: list[OfficeVersion] = ()) -> _Known:
    live = models.live_rows()  # a tombstone is no copy, and holds its NIK for no one
    return _Known(
        by_office=rows_by(session, col(models.Enrollment.office_id),
                          [r.office_id for r in records]
                          + [t.office_id for t in tombstones]
                          + [t.merged_into for t in tombstones if t.merged_into], live),
        by_nik=rows_by(session, col(models.Enrollment.nik),
                       [r.record.nik for r in records] + [t.nik for t in tombstones if t.nik]
                       + [v.record.nik for v in decided], live))


@dataclass
class _Page:
    """What one transaction of pulling works with."""

    session: Session
    officer_id: uuid.UUID
    device_id: uuid.UUID
    counts: SyncCounts
    waiting: dict[uuid.UUID, models.WaitingPull]  # office id -> the record kept waiting

    def take(self, item: PulledRecord, known: _Known) -> None:
        """Takes one office record, or keeps it waiting for its NIK."""
        if _pulled_record(self.session, item, self.officer_id, self.device_id, known,
                          self.counts):
            kept = self.waiting.get(item.office_id)
            if kept is not None and kept.revision <= item.revision:
                self.session.delete(kept)
                del self.waiting[item.office_id]
            return
        self.wait(item)

    def wait(self, item: PulledRecord) -> None:
        """Keeps ``item`` to take once its NIK is free (the newest revision of a record)."""
        self.waiting[item.office_id] = keep_waiting(self.session, item)

    def store_new_rows(self, known: _Known) -> None:
        """One INSERT for the records new to the laptop; they join the name index."""
        if known.new_rows:
            insert_enrollments(self.session.connection(), known.new_rows)
            known.new_rows = []

    def take_waiting(self) -> None:
        """The records kept waiting, taken now where their NIK is free (a round frees NIKs
        for the next: a copy moving off a NIK another waiting record takes)."""
        while self.waiting:
            before = {k: w.revision for k, w in self.waiting.items()}
            items = [PulledRecord.from_json(from_wire(w.pulled)) for w in self.waiting.values()]
            known = _known(self.session, items, [])
            for item in items:
                self.take(item, known)
            self.store_new_rows(known)
            self.session.flush()
            if {k: w.revision for k, w in self.waiting.items()} == before and not (
                    self.untangle()):
                return  # nothing could be taken: they wait for a later page

    def untangle(self) -> bool:
        """Copies that wait only for one another move together: two records whose NIKs the
        office swapped (a husband's and a wife's typed the wrong way round, corrected by way
        of a third NIK) each wait for the NIK the other copy holds, and neither can go first.
        The copies whose office versions take only NIKs free or held by another of them step
        off their NIKs at once (a stand-in the next round overwrites, in this transaction;
        the history keeps the real old NIK). Returns whether any record was taken."""
        items = {w.office_id: PulledRecord.from_json(from_wire(w.pulled))
                 for w in self.waiting.values()}
        known = _known(self.session, list(items.values()), [])
        copies = {office_id: row for office_id in items
                  if (row := known.by_office.get(office_id)) is not None
                  and row.status == EnrollmentStatus.SYNCED and not has_unsent_work(row)}
        moving = set(copies)
        while True:
            stuck = {office_id for office_id in moving
                     if (holder := known.by_nik.get(items[office_id].record.nik)) is not None
                     and holder.office_id not in moving}
            if not stuck:
                break
            moving -= stuck
        if len(moving) < 2:
            return False
        self.session.connection().execute(
            update(models.Enrollment.__table__)
            .where(models.Enrollment.__table__.c.id.in_([copies[i].id for i in moving]))
            .values(nik=literal("~") + func.substr(models.Enrollment.__table__.c.id, 1, 15)))
        known = _known(self.session, [items[i] for i in moving], [])
        for office_id in moving:
            self.take(items[office_id], known)
        for office_id in moving & set(self.waiting):  # not taken after all: back on its NIK
            row = copies[office_id]
            self.session.connection().execute(
                update(models.Enrollment.__table__)
                .where(models.Enrollment.__table__.c.id == row.id).values(nik=row.nik))
        return bool(moving - set(self.waiting))


def apply_pulled(engine: Engine, page: PullPage, officer_id: uuid.UUID) -> SyncCounts:
    """Stores one page of office changes and moves the pull cursor, in one transaction."""
    counts = SyncCounts()
    with write_session(engine) as session, session.no_autoflush:
        state = sync_state(session)
        work = _Page(session, officer_id, state.device_id, counts,
                     waiting_by_record(session))
        known = _known(session, page.records, page.tombstones,
                       [n.current for n in page.reviews if n.current is not None])
        for tombstone in page.tombstones:  # first: a redirected copy takes the page's record
            _tombstone(session, tombstone, known, counts)
        for item in page.records:
            work.take(item, known)
        for notice in page.reviews:
            if (later := _pulled_review(session, notice, officer_id, counts, known)):
                work.wait(later)
        session.flush()
        work.store_new_rows(known)
        # two rows linked to one office record (a copy, and the laptop's own record linked
        # to it since): one stays, and the NIK the other held is free for a waiting record
        fold_copies(session, [*(r.office_id for r in page.records),
                              *(t.merged_into for t in page.tombstones),
                              *(n.current.office_id for n in page.reviews if n.current)],
                    officer_id)
        work.take_waiting()
        state.pull_cursor = max(state.pull_cursor, page.cursor)
        session.add(state)
        session.commit()
    return counts


def _new_row(item: PulledRecord, officer_id: uuid.UUID, device_id: uuid.UUID) -> dict[str, Any]:
    """An office record new to the laptop, as a row: checked on its own enrollment day."""
    day = item.enrolled_on or date.today()
    checked = check_enrollment(item.record, on=day)
    now = utc_now()
    return {
        "id": item.office_id, **record_columns(item.record), "status": EnrollmentStatus.SYNCED,
        "revision": 1, "synced_revision": 1, "office_id": item.office_id,
        "office_revision": item.revision,
        "warnings": json.dumps([w.to_json() for w in checked.warnings], ensure_ascii=False),
        "officer_id": officer_id, "device_id": device_id, "visit_id": None,
        "sync_note": None, "enrolled_on": day, "clash": None, "clash_holds": False,
        "created_at": now, "updated_at": now}


def _pulled_record(session: Session, item: PulledRecord, officer_id: uuid.UUID,
                   device_id: uuid.UUID, known: _Known, counts: SyncCounts) -> bool:
    """One office record: updates the laptop's copy, or stores it as a new row. Only a new
    or changed record counts as pulled, not the laptop's own coming back as it was sent; a
    change to a record this laptop sent (the office says ``yours``) is told to the officer.
    Returns False, writing nothing, when the NIK the copy would hold is held by another live
    record here: the record waits."""
    row = known.row_for(item.office_id, item.record.nik)
    if row is None:
        if known.held(item.record.nik, None):
            return False
        known.new_rows.append(_new_row(item, officer_id, device_id))
        known.new_niks.add(item.record.nik)
        counts.pulled += 1
        return True
    linked = row.office_id == item.office_id and row.office_revision is not None
    if linked and item.revision <= (row.office_revision or 0):
        return True  # this revision, or a newer one, is here already (a late or repeated page)
    if row.status == EnrollmentStatus.CONFLICT or row.status in TOMBSTONES:
        return True  # waits for the supervisor's decision (its own notice), or is a tombstone
    unsent = has_unsent_work(row)
    if unsent and not linked:
        # made on this laptop without knowing the office's record (a second enrollment
        # of the person): the office merges it when it arrives, against no base
        row.office_id = item.office_id
        session.add(row)
        return True
    base = record_at(session, row, row.synced_revision) if unsent else None
    nik = nik_after_rebase(base, row.nik, item.record.nik)
    if nik != row.nik and known.held(nik, row):
        return False
    old_nik = row.nik
    if base is not None:
        changed = rebase_row(session, row, base, item.record, item.revision, officer_id,
                             "from office")
    else:
        row.office_id = item.office_id
        changed = take_office_version(session, row, item.record, item.revision, officer_id,
                                      "from office")
        row.status = EnrollmentStatus.SYNCED
        session.add(row)
    _moved(session, known, row, old_nik)
    if changed:
        counts.pulled += 1
        if item.yours:
            counts.office_changes.append(OfficeChange(
                row.id, row.nik, row.full_name, OfficeAction.CHANGED, changed))
    return True


def _moved(session: Session, known: _Known, row: models.Enrollment, old_nik: str) -> None:
    """``row`` took its NIK: a NIK it left is free for the rows that come after it in this
    page, and the database must see the rows move in that order too (the NIK is unique at
    every statement, and a flush would write the rows in its own order)."""
    if row.nik != old_nik:
        known.moved(row, old_nik)
        session.flush()


def _tombstone(session: Session, tombstone: Tombstone, known: _Known,
               counts: SyncCounts) -> None:
    """An office record merged into another, or withdrawn. The laptop's copy of a record
    merged into one it does not hold is redirected: it becomes the laptop's copy of the
    record that stays (the next revision of it is taken in full), its id, history and
    receipts unchanged. Otherwise the copy becomes a tombstone (status ``merged`` or
    ``withdrawn``, pointing at the laptop's copy of the record that stays): never deleted,
    never sent, left out of lists, counts and exports."""
    row = known.row_for(tombstone.office_id, tombstone.nik)
    if row is None or row.status in TOMBSTONES:
        return
    survivor = known.by_office.get(tombstone.merged_into) if tombstone.merged_into else None
    if tombstone.state is TombstoneState.MERGED_INTO and survivor is None:
        row.office_id, row.office_revision = tombstone.merged_into, None
        row.sync_note = _note("redirected", merged_from=tombstone.office_id)
        known.by_office[tombstone.merged_into] = row
        session.add(row)
        counts.pulled += 1
        return
    row.office_id = tombstone.office_id
    row.office_revision = max(row.office_revision or 0, tombstone.revision)
    row.status = (EnrollmentStatus.MERGED if tombstone.state is TombstoneState.MERGED_INTO
                  else EnrollmentStatus.WITHDRAWN)
    row.sync_note = _note(str(tombstone.state),
                          merged_into=survivor.id if survivor is not None else None)
    row.clash, row.clash_holds = None, False
    session.add(row)
    session.flush()  # the NIK it kept is free now, for the rows after it in the page
    counts.pulled += 1


def _pulled_review(session: Session, notice: ReviewNotice, officer_id: uuid.UUID,
                   counts: SyncCounts, known: _Known) -> PulledRecord | None:
    """A review item of this laptop's, decided (or still waiting) at the office; a decided one
    is told to the officer, with what the decision changed on this laptop. Returns the
    office's record as decided when its NIK is held by another live record here: the row is
    settled, and takes that record once the NIK is free (``waiting_pull``)."""
    row = session.get(models.Enrollment, notice.enrollment_id)
    if row is None or row.revision != notice.revision:
        return None  # edited since: the newer revision has its own answer
    if notice.status is ReviewStatus.OPEN:
        row.status = EnrollmentStatus.CONFLICT
        row.sync_note = _note("conflict", conflict_id=notice.review_id,
                              fields=list(notice.fields), kind=str(notice.kind))
        session.add(row)
        return None
    was_waiting = row.status == EnrollmentStatus.CONFLICT  # told once, however often pulled
    if not was_waiting:
        return None
    changed: tuple = ()
    later = None
    current = notice.current
    if current is not None:
        row.office_id = current.office_id
        if current.record.nik != row.nik and known.held(current.record.nik, row):
            later = PulledRecord(current.office_id, current.revision, notice.seq,
                                 current.record, yours=True)
            row.office_revision = None  # its values are no office revision's: it takes one
        else:
            old_nik = row.nik
            changed = take_office_version(session, row, current.record, current.revision,
                                          officer_id, "conflict resolved at office")
            _moved(session, known, row, old_nik)
    row.status = EnrollmentStatus.SYNCED
    row.synced_revision = row.revision
    row.sync_note = _note(str(notice.status), conflict_id=notice.review_id,
                          resolved_by=notice.resolved_by)
    session.add(row)
    counts.office_changes.append(OfficeChange(row.id, row.nik, row.full_name,
                                              OfficeAction.SETTLED, changed,
                                              notice.resolved_by or ""))
    return later
