"""A pulled page in the laptop's database: the office's records of its area, tombstones and
review notices, stored with the page's cursor in one transaction.

Nothing moves backwards: the cursor only grows, and a record's office revision too, so a page
or a reply file that arrives late (or again) changes nothing it already brought. Unsent work
is never replaced: a draft, a record the office rejected, or one waiting to be sent is rebased
onto the office's version (``rebase_rows``) and keeps its status. A record new to the laptop
is stored as synced, so the duplicate check knows every NIK of the laptop's area.
"""

import json
import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Engine, insert
from sqlmodel import Session, col

from desktop_app.domain.enrollment import TOMBSTONES, EnrollmentStatus
from desktop_app.domain.office_changes import OfficeAction, OfficeChange
from desktop_app.domain.sync_messages import (
    PulledRecord,
    PullPage,
    ReviewNotice,
    ReviewStatus,
    Tombstone,
    TombstoneState,
)
from desktop_app.domain.validation import check_enrollment
from desktop_app.sql_types import utc_now
from desktop_app.sqlite_engine import write_session
from desktop_app.store import models
from desktop_app.store.columns import json_default
from desktop_app.store.device import sync_state
from desktop_app.store.name_index import index_new_names
from desktop_app.store.office_copies import fold_copies
from desktop_app.store.rebase_rows import (
    has_unsent_work,
    rebase_row,
    record_at,
    take_office_version,
)
from desktop_app.store.records import record_columns
from desktop_app.store.sync_records import SyncCounts, rows_by


def _note(outcome: str, **details: Any) -> str:
    return json.dumps({"outcome": outcome, **details}, ensure_ascii=False, default=json_default)


@dataclass
class _Known:
    """The laptop's rows a pulled page may touch, looked up once per page."""

    by_office: dict[uuid.UUID, models.Enrollment]
    by_nik: dict[str, models.Enrollment]
    new_rows: list[dict[str, Any]] = field(default_factory=list)  # records new to the laptop

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


def apply_pulled(engine: Engine, page: PullPage, officer_id: uuid.UUID) -> SyncCounts:
    """Stores one page of office changes and moves the pull cursor, in one transaction."""
    counts = SyncCounts()
    with write_session(engine) as session, session.no_autoflush:
        state = sync_state(session)
        connection = session.connection()
        last_rowid = connection.exec_driver_sql(
            "SELECT coalesce(max(rowid), 0) FROM enrollment").scalar_one()
        live = models.live_rows()  # a tombstone is no copy, and holds its NIK for no one
        known = _Known(
            by_office=rows_by(session, col(models.Enrollment.office_id),
                              [r.office_id for r in page.records]
                              + [t.office_id for t in page.tombstones]
                              + [t.merged_into for t in page.tombstones if t.merged_into],
                              live),
            by_nik=rows_by(session, col(models.Enrollment.nik),
                           [r.record.nik for r in page.records]
                           + [t.nik for t in page.tombstones if t.nik], live))
        for tombstone in page.tombstones:  # first: a redirected copy takes the page's record
            _tombstone(session, tombstone, known, counts)
        for item in page.records:
            _pulled_record(session, item, officer_id, state.device_id, known, counts)
        for notice in page.reviews:
            _pulled_review(session, notice, officer_id, counts)
        # two rows linked to one office record (a copy, and the laptop's own record linked
        # to it since): one stays, and the NIK the other held is free for a new row
        fold_copies(session, [*(r.office_id for r in page.records),
                              *(t.merged_into for t in page.tombstones),
                              *(n.current.office_id for n in page.reviews if n.current)],
                    officer_id)
        # a NIK this laptop holds for a record of its own that the office has not linked
        # yet (it waits for review there): the laptop's record stands for the NIK meanwhile
        held = rows_by(session, col(models.Enrollment.nik), [r["nik"] for r in known.new_rows],
                       live)
        new_rows = [r for r in known.new_rows if r["nik"] not in held]
        if new_rows:  # one INSERT for the page; the new rows join the name index
            session.execute(insert(models.Enrollment), new_rows)
            index_new_names(connection, last_rowid)
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
                   device_id: uuid.UUID, known: _Known, counts: SyncCounts) -> None:
    """One office record: updates the laptop's copy, or stores it as a new row. Only a new
    or changed record counts as pulled, not the laptop's own coming back as it was sent; a
    change to a record this laptop sent (the office says ``yours``) is told to the officer."""
    row = known.row_for(item.office_id, item.record.nik)
    if row is None:
        known.new_rows.append(_new_row(item, officer_id, device_id))
        counts.pulled += 1
        return
    linked = row.office_id == item.office_id and row.office_revision is not None
    if linked and item.revision <= (row.office_revision or 0):
        return  # this revision, or a newer one, is here already (a late or repeated page)
    if row.status == EnrollmentStatus.CONFLICT or row.status in TOMBSTONES:
        return  # waits for the supervisor's decision (its own notice), or is a tombstone
    if has_unsent_work(row):
        if not linked:
            # made on this laptop without knowing the office's record (a second enrollment
            # of the person): the office merges it when it arrives, against no base
            row.office_id = item.office_id
            session.add(row)
            return
        changed = rebase_row(session, row, record_at(session, row, row.synced_revision),
                             item.record, item.revision, officer_id, "from office")
    else:
        row.office_id = item.office_id
        changed = take_office_version(session, row, item.record, item.revision, officer_id,
                                      "from office")
        row.status = EnrollmentStatus.SYNCED
        session.add(row)
    if changed:
        counts.pulled += 1
        if item.yours:
            counts.office_changes.append(OfficeChange(
                row.id, row.nik, row.full_name, OfficeAction.CHANGED, changed))


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
    counts.pulled += 1


def _pulled_review(session: Session, notice: ReviewNotice, officer_id: uuid.UUID,
                   counts: SyncCounts) -> None:
    """A review item of this laptop's, decided (or still waiting) at the office; a decided one
    is told to the officer, with what the decision changed on this laptop."""
    row = session.get(models.Enrollment, notice.enrollment_id)
    if row is None or row.revision != notice.revision:
        return  # edited since: the newer revision has its own answer
    if notice.status is ReviewStatus.OPEN:
        row.status = EnrollmentStatus.CONFLICT
        row.sync_note = _note("conflict", conflict_id=notice.review_id,
                              fields=list(notice.fields), kind=str(notice.kind))
        session.add(row)
        return
    was_waiting = row.status == EnrollmentStatus.CONFLICT  # told once, however often pulled
    if not was_waiting:
        return
    changed = ()
    if notice.current is not None:
        row.office_id = notice.current.office_id
        changed = take_office_version(session, row, notice.current.record,
                                      notice.current.revision, officer_id,
                                      "conflict resolved at office")
    row.status = EnrollmentStatus.SYNCED
    row.synced_revision = row.revision
    row.sync_note = _note(str(notice.status), conflict_id=notice.review_id,
                          resolved_by=notice.resolved_by)
    session.add(row)
    counts.office_changes.append(OfficeChange(row.id, row.nik, row.full_name,
                                              OfficeAction.SETTLED, changed,
                                              notice.resolved_by or ""))
