"""Issuing receipts: numbered, signed, and recorded once they are really printed.

A print is planned first (the numbers it would get, nothing written), painted, and recorded
only when the PDF is complete or the printer took it; a cancelled preview or a failed write
leaves no print in the history. No Qt here: the CLI, the desktop application and the
self-test all issue receipts this way, and ``render`` paints what comes out.
"""

import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from sqlalchemy import Engine
from sqlmodel import Session

from desktop_app import __version__
from desktop_app.domain.receipt import ReceiptFacts
from desktop_app.domain.receipt_code import ReceiptCode, fields_digest
from desktop_app.domain.validation import check_enrollment
from desktop_app.store import models
from desktop_app.store.receipts import PrintedReceipt, record_prints
from desktop_app.sync.keys import laptop_key


def _officers(engine: Engine, ids: set[uuid.UUID]) -> dict[uuid.UUID, models.Officer]:
    with Session(engine) as session:
        return {i: officer for i in ids if (officer := session.get(models.Officer, i))}


def _facts(printed: PrintedReceipt, officer: models.Officer | None, key: object,
           today: date) -> ReceiptFacts:
    stored = printed.enrollment
    quote = check_enrollment(stored.record, on=printed.enrolled_on).quote
    code = ReceiptCode(number=printed.number, device_id=printed.device_id,
                       enrollment_id=stored.id, revision=stored.revision,
                       digest=fields_digest(stored.record, quote))
    signed = replace(code, signature=key.sign(code.signed_bytes()))  # type: ignore[attr-defined]
    return ReceiptFacts(
        number=printed.number, copy_number=printed.copy_number, printed_on=today,
        first_printed_on=printed.first_printed_at.astimezone().date(),
        enrolled_on=printed.enrolled_on, record=stored.record, quote=quote,
        officer_name=officer.name if officer else "",
        officer_code=officer.officer_code if officer else "", code_text=signed.to_text(),
        app_version=__version__)


def plan_receipts(engine: Engine, enrollment_ids: Sequence[uuid.UUID], *,
                  officer_id: uuid.UUID, today: date) -> list[ReceiptFacts]:
    """What each record's receipt will say when printed now (an original, or a copy), signed
    by this laptop's key; nothing is recorded yet."""
    prints = record_prints(engine, enrollment_ids, officer_id=officer_id, today=today,
                           keep=False)
    officers = _officers(engine, {p.enrollment.officer_id for p in prints})
    key = laptop_key(engine)
    return [_facts(p, officers.get(p.enrollment.officer_id), key, today) for p in prints]


def record_receipts(engine: Engine, planned: Sequence[ReceiptFacts],
                    enrollment_ids: Sequence[uuid.UUID], *, officer_id: uuid.UUID,
                    today: date) -> None:
    """Records the prints of ``planned`` receipts, once the PDF or the printer took them;
    raises PrintsChanged (recording nothing) if other prints took their numbers meanwhile."""
    record_prints(engine, enrollment_ids, officer_id=officer_id, today=today,
                  expect=[(f.number, f.copy_number) for f in planned],
                  codes=[f.code_text for f in planned])
