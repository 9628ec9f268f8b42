"""Office records the laptop cannot take yet, because the NIK they carry is held here.

One live record per NIK holds on the laptop as at the office, but the office's version of a
record can arrive (in a pulled page, a decided review item or the answer to a push) while
another live record here still holds its NIK: a NIK correction under review, the laptop's own
record not linked yet, a copy whose own change of NIK comes later. The version then waits in
``waiting_pull``, whole, and the end of each pulled page takes what it can
(``pulled_records``); nothing is skipped behind the pull cursor.
"""

import uuid

from sqlmodel import Session, select

from desktop_app.domain.sync_messages import PulledRecord, wire_text
from desktop_app.store import models


def keep_waiting(session: Session, item: PulledRecord) -> models.WaitingPull:
    """Keeps ``item`` to take once its NIK is free (one per record: the newest revision)."""
    kept = session.get(models.WaitingPull, item.office_id)
    if kept is None:
        kept = models.WaitingPull(office_id=item.office_id, revision=item.revision,
                                  pulled=wire_text(item.to_json()))
    elif item.revision > kept.revision:
        kept.revision, kept.pulled = item.revision, wire_text(item.to_json())
    session.add(kept)
    return kept


def nik_holder(session: Session, nik: str, row: models.Enrollment) -> models.Enrollment | None:
    """The live record here other than ``row`` that holds ``nik`` now, if any."""
    session.flush()  # the rows changed so far in this transaction count
    return session.exec(select(models.Enrollment).where(
        models.Enrollment.nik == nik, models.Enrollment.id != row.id,
        models.live_rows())).first()


def waiting_by_record(session: Session) -> dict[uuid.UUID, models.WaitingPull]:
    return {w.office_id: w for w in session.exec(select(models.WaitingPull))}
