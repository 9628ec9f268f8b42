"""Printed receipts: their numbers, the copies, and the print entries in a record's history.

A record's first print at a revision gets this laptop's next receipt number; printing the same
revision again is a copy (SALINAN) of that number. After an edit, the next print is a new
original, and the old receipt stays in the history. The running number only grows on this
laptop (it never depends on the clock), so numbers never repeat; a floor kept beside the
database (``receipt_floor``) keeps it growing past a restored older backup.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Engine, func, update
from sqlmodel import Session, col, select

from desktop_app.domain.enrollment import EnrollmentStatus
from desktop_app.domain.messages import BilingualError, Text
from desktop_app.domain.receipt_number import receipt_number
from desktop_app.domain.sync_messages import PrintedReceipt as SentReceipt
from desktop_app.domain.sync_messages import wire_text
from desktop_app.sql_types import utc_now
from desktop_app.sqlite_engine import write_session
from desktop_app.store import models
from desktop_app.store.device import sync_state
from desktop_app.store.receipt_floor import raise_receipt_floor, receipt_floor
from desktop_app.store.records import StoredEnrollment

PRINTABLE = (EnrollmentStatus.READY, EnrollmentStatus.SYNCED, EnrollmentStatus.CONFLICT)


class NotPrintable(BilingualError):
    """A draft or a record the office refused has no receipt; ``text`` says what to do."""


@dataclass(frozen=True)
class PrintedReceipt:
    """One print of a receipt, as recorded."""

    enrollment: StoredEnrollment
    number: str
    copy_number: int  # 0: the original
    printed_at: datetime
    first_printed_at: datetime
    device_id: uuid.UUID
    enrolled_on: date  # the record's enrollment day (its visit's, else the day it was made)


class PrintsChanged(Exception):
    """Other prints took the planned numbers meanwhile; nothing was recorded."""


def record_prints(engine: Engine, enrollment_ids: Sequence[uuid.UUID], *,
                  officer_id: uuid.UUID, today: date, keep: bool = True,
                  expect: Sequence[tuple[str, int]] | None = None,
                  codes: Sequence[str] = ()) -> list[PrintedReceipt]:
    """Numbers one print of each record's receipt and records them all in one transaction.

    With ``keep=False`` nothing is written: the answer is what a print would be given (for
    the preview, and the PDF before it is complete). With ``expect`` (numbers and copy
    numbers of such a plan) nothing is written unless the prints get exactly those;
    ``codes`` are their signed QR texts, kept to report to the office.
    """
    with write_session(engine) as session:
        device = sync_state(session).device_id
        counted = session.exec(select(func.count(func.distinct(models.Receipt.number)))).one()
        # past a floor kept outside the database too: a restored older backup counts back
        printed = max(counted, receipt_floor(engine, device))
        prints = []
        for index, enrollment_id in enumerate(enrollment_ids):
            receipt = _print_one(session, enrollment_id, officer_id, today, device,
                                 sequence=printed + 1,
                                 code=codes[index] if index < len(codes) else "")
            printed += receipt.copy_number == 0
            prints.append(receipt)
        if expect is not None and [(p.number, p.copy_number) for p in prints] != list(expect):
            session.rollback()
            raise PrintsChanged("other prints took these receipt numbers meanwhile")
        if keep:
            raise_receipt_floor(engine, device, printed)  # before the commit: never repeated
            session.commit()
        else:
            session.rollback()
        return prints


def _print_one(session: Session, enrollment_id: uuid.UUID, officer_id: uuid.UUID, today: date,
               device: uuid.UUID, sequence: int, code: str) -> PrintedReceipt:
    row = session.get(models.Enrollment, enrollment_id)
    if row is None:
        raise NotPrintable(Text(f"data {enrollment_id} tidak ada di laptop ini",
                                f"no enrollment {enrollment_id} on this laptop"))
    if row.status not in PRINTABLE:
        raise NotPrintable(Text(
            f"{row.full_name}: data berstatus {row.status}; lengkapi dan simpan sebagai siap "
            "(ready) sebelum mencetak tanda terima",
            f"{row.full_name}: the record is {row.status}; complete it and save it as ready "
            "before printing a receipt"))
    earlier = session.exec(
        select(models.Receipt).where(models.Receipt.enrollment_id == enrollment_id,
                                     models.Receipt.revision == row.revision)
        .order_by(col(models.Receipt.copy_number))).all()
    now = utc_now()
    if earlier:
        number, copy_number = earlier[0].number, earlier[-1].copy_number + 1
        first_printed_at = earlier[0].printed_at
    else:
        number = receipt_number(device_id=device, day=today, sequence=sequence)
        copy_number, first_printed_at = 0, now
    session.add(models.Receipt(enrollment_id=enrollment_id, number=number,
                               copy_number=copy_number, revision=row.revision,
                               officer_id=officer_id, printed_at=now, code=code))
    session.add(models.EnrollmentHistory(
        enrollment_id=enrollment_id, revision=row.revision, action="printed",
        officer_id=officer_id, device_id=device, changed_at=now,
        changes=wire_text({"receipt": [None, number], "copy": [None, copy_number]})))
    session.flush()  # the next record of the same batch sees this print
    return PrintedReceipt(StoredEnrollment.from_row(row), number, copy_number, now,
                          first_printed_at, device, row.enrolled_on)


def visit_enrollment_ids(engine: Engine, visit_id: uuid.UUID) -> list[uuid.UUID]:
    """The printable records of a visit, in the order they were enrolled."""
    with Session(engine) as session:
        return list(session.exec(
            select(models.Enrollment.id)
            .where(models.Enrollment.visit_id == visit_id,
                   col(models.Enrollment.status).in_([str(s) for s in PRINTABLE]))
            .order_by(col(models.Enrollment.created_at), col(models.Enrollment.nik))))


def unreported_receipts(engine: Engine, *, limit: int) -> list[SentReceipt]:
    """Printed receipts the office has not acknowledged yet, oldest first."""
    with Session(engine) as session:
        rows = session.exec(select(models.Receipt).where(
            col(models.Receipt.reported).is_(False), models.Receipt.code != "")
            .order_by(col(models.Receipt.printed_at)).limit(limit)).all()
        return [SentReceipt(r.number, r.copy_number, r.code) for r in rows]


def mark_reported(engine: Engine, receipts: Sequence[Sequence]) -> None:
    """The office acknowledged these [number, copy] receipts."""
    if not receipts:
        return
    with write_session(engine) as session:
        for number, copy_number in receipts:
            session.execute(update(models.Receipt).where(
                col(models.Receipt.number) == number,
                col(models.Receipt.copy_number) == copy_number).values(reported=True))
        session.commit()
