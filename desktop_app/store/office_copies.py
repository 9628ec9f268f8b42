"""One live row per office record on the laptop: a second copy of the same record is folded.

A laptop can come to hold two rows for one office record: a copy it pulled, and a record it
made itself that the office then merged into that same record (the person was enrolled here
again, under the NIK the office's record was corrected to meanwhile). The older copy then
stands under a NIK the record no longer has, and that NIK may be another person's: the laptop
would show the person twice, and never take the other person's record.

Folding turns the extra rows into tombstones (status ``merged``, pointing at the row that
stays), as the office's own tombstones do: never deleted, never sent, left out of lists,
counts and exports, their history and receipts kept. A row with work the office has not got
(a draft, a refused record, a change waiting, a conflict waiting for review) is never folded:
it is sent first, and folded once its answer has come back.
"""

import json
import uuid
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import func
from sqlmodel import Session, col, select

from desktop_app.domain.enrollment import EnrollmentStatus
from desktop_app.sql_types import utc_now
from desktop_app.store import models
from desktop_app.store.device import sync_state
from desktop_app.store.rebase_rows import has_unsent_work


def holds_work(row: models.Enrollment) -> bool:
    """Whether ``row`` has work the office has not settled (never folded away)."""
    return has_unsent_work(row) or row.status == EnrollmentStatus.CONFLICT


def _keeper(rows: list[models.Enrollment]) -> models.Enrollment:
    """The row that stays: one with work of its own, else the one holding the newest office
    revision; between equals the laptop's own record (its id is not the office's: it carries
    the receipts printed here), then the oldest."""
    return max(rows, key=lambda r: (holds_work(r), r.office_revision or 0, r.id != r.office_id,
                                    -r.created_at.timestamp()))


def fold_copies(session: Session, office_ids: Iterable[uuid.UUID | None],
                officer_id: uuid.UUID) -> int:
    """Folds the extra live rows of each office record in ``office_ids`` into the one that
    stays; returns how many were folded. Runs inside the caller's transaction."""
    session.flush()  # the caller's changes to the rows, visible to the query
    wanted = sorted({i for i in office_ids if i is not None})
    office_id = col(models.Enrollment.office_id)
    doubled: list[uuid.UUID] = []  # almost always none: one index query per 500, no rows
    for start in range(0, len(wanted), 500):
        doubled.extend(session.exec(
            select(office_id).where(office_id.in_(wanted[start:start + 500]),
                                    models.live_rows())
            .group_by(office_id).having(func.count() > 1)))
    groups: dict[uuid.UUID, list[models.Enrollment]] = defaultdict(list)
    if doubled:
        for row in session.exec(select(models.Enrollment).where(
                office_id.in_(doubled), models.live_rows())):
            groups[row.office_id].append(row)
    folded = 0
    for rows in groups.values():
        if len(rows) < 2:
            continue
        keeper = _keeper(rows)
        for row in rows:
            if row is keeper or holds_work(row):
                continue
            fold_into(session, row, keeper, officer_id)
            folded += 1
    if folded:
        session.flush()  # the NIKs they held are free for the rows a page brings next
    return folded


def fold_into(session: Session, row: models.Enrollment, keeper: models.Enrollment,
              officer_id: uuid.UUID) -> None:
    """Turns ``row`` into a tombstone of ``keeper``, the laptop's copy of the same record."""
    note = {"outcome": "merged_into", "merged_into": str(keeper.id), "folded": True}
    session.add(models.EnrollmentHistory(
        enrollment_id=row.id, revision=row.revision, action="folded into another copy",
        officer_id=officer_id, device_id=sync_state(session).device_id,
        changes=json.dumps({"status": [str(row.status), str(EnrollmentStatus.MERGED)]})))
    row.status = EnrollmentStatus.MERGED
    row.sync_note = json.dumps(note)
    row.clash, row.clash_holds = None, False
    row.updated_at = utc_now()
    session.add(row)
