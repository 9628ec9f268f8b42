"""Issuing receipts: each print is numbered and recorded, then its QR code is signed.

No Qt here: the CLI, the desktop application and the self-test all issue receipts this way,
and ``render`` paints what comes out.
"""

import uuid
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from sqlalchemy import Engine
from sqlmodel import Session

from desktop_app import __version__
from desktop_app.domain.receipt import ReceiptFacts
from desktop_app.domain.receipt_code import ReceiptCode, fields_digest
from desktop_app.domain.validation import check_enrollment
from desktop_app.store import models
from desktop_app.store.receipts import PrintedReceipt, record_print
from desktop_app.sync.keys import laptop_key


def _officer(engine: Engine, officer_id: uuid.UUID) -> models.Officer | None:
    with Session(engine) as session:
        return session.get(models.Officer, officer_id)


def facts_for(engine: Engine, printed: PrintedReceipt, today: date) -> ReceiptFacts:
    """The content of one print, with its QR code signed by this laptop's key."""
    stored = printed.enrollment
    quote = check_enrollment(stored.record, on=printed.enrolled_on).quote
    code = ReceiptCode(number=printed.number, device_id=printed.device_id,
                       enrollment_id=stored.id, revision=stored.revision,
                       digest=fields_digest(stored.record, quote))
    signed = replace(code, signature=laptop_key(engine).sign(code.signed_bytes()))
    officer = _officer(engine, stored.officer_id)
    return ReceiptFacts(
        number=printed.number, copy_number=printed.copy_number, printed_on=today,
        first_printed_on=printed.first_printed_at.astimezone().date(),
        enrolled_on=printed.enrolled_on, record=stored.record, quote=quote,
        officer_name=officer.name if officer else "", officer_code=officer.officer_code
        if officer else "", code_text=signed.to_text(), app_version=__version__)


def issue_receipts(engine: Engine, enrollment_ids: Iterable[uuid.UUID], *,
                   officer_id: uuid.UUID, today: date) -> list[ReceiptFacts]:
    """Records one print of each record's receipt (an original, or a copy) and returns what to
    paint, in the order given."""
    return [facts_for(engine, record_print(engine, enrollment_id, officer_id=officer_id,
                                           today=today), today)
            for enrollment_id in enrollment_ids]
