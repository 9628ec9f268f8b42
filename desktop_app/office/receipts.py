"""Telling a real enrollment receipt from a forged or altered one (``office verify-receipt``).

A receipt's QR code carries the laptop's Ed25519 signature over the receipt number, the
enrollment and a digest of its key fields. The office checks it with the public key the laptop
registered: a bad signature is a forgery or an alteration. A good one names the enrollment; the
digest then tells whether the office's record still says what the receipt says (an edit after
printing is normal, and is said, not called a forgery).

A receipt number alone carries no signature. When the laptop has reported the receipt at a
sync (with its signed code), the office checks that code as if the QR had been scanned. If
not, the office can only say whether a registered laptop could have made the number, and asks
for the QR code.
"""

import uuid
from datetime import date
from typing import Any

from cryptography.exceptions import InvalidSignature
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from desktop_app.domain.receipt_code import ReceiptCodeError, fields_digest, parse_receipt_code
from desktop_app.domain.receipt_number import device_code, normalise_receipt_number
from desktop_app.domain.validation import check_enrollment
from desktop_app.office.devices import find_device, list_devices, public_key_from_text
from desktop_app.office.intake import load_record
from desktop_app.office.models import CanonicalRecord, ClientLink, IssuedReceipt

GENUINE, FORGED, UNVERIFIED = "genuine", "forged", "unverified"


def _office_record(engine: Engine, device_id: uuid.UUID,
                   enrollment_id: uuid.UUID) -> CanonicalRecord | None:
    with Session(engine) as session:
        link = session.get(ClientLink, (device_id, enrollment_id))
        canonical_id = link.canonical_id if link and link.canonical_id else enrollment_id
        return session.exec(select(CanonicalRecord).where(
            CanonicalRecord.id == canonical_id)).first()


def _digest_of(canonical: CanonicalRecord) -> bytes:
    record = load_record(canonical.record)
    first = record.first_month
    priced_on = date(first.year, first.month, 1) if first else date.today()
    return fields_digest(record, check_enrollment(record, on=priced_on).quote)


def verify_receipt(engine: Engine, text: str) -> dict[str, Any]:
    """The verdict on a receipt's QR text, or on a receipt number typed from the paper."""
    number = normalise_receipt_number(text)
    if number is not None:
        return _number_only(engine, number)
    try:
        code = parse_receipt_code(text)
    except ReceiptCodeError as bad:
        return {"verdict": FORGED, "reason": str(bad)}
    device = find_device(engine, code.device_id)
    answer: dict[str, Any] = {"number": code.number, "device_id": str(code.device_id),
                              "enrollment_id": str(code.enrollment_id),
                              "revision": code.revision}
    if device is None:
        return {**answer, "verdict": UNVERIFIED,
                "reason": "the laptop that printed it has not registered with the office yet; "
                          "ask again after its first sync"}
    if code.number.split("-")[1] != device_code(device.id):
        return {**answer, "verdict": FORGED,
                "reason": "the receipt number does not belong to the laptop named in the code"}
    try:
        public_key_from_text(device.public_key).verify(code.signature, code.signed_bytes())
    except InvalidSignature:
        return {**answer, "verdict": FORGED,
                "reason": "the signature does not match: the receipt was made up or altered"}
    answer.update(verdict=GENUINE, officer=device.officer_name,
                  reason="signed by the laptop of " + device.officer_name)
    canonical = _office_record(engine, code.device_id, code.enrollment_id)
    if canonical is None:
        answer.update(office_record=None, matches_office_record=None,
                      note="the office has not received this enrollment yet")
        return answer
    matches = _digest_of(canonical) == code.digest
    answer.update(office_record={"office_id": str(canonical.id), "nik": canonical.nik,
                                 "full_name": canonical.full_name,
                                 "revision": canonical.revision},
                  matches_office_record=matches)
    if not matches:
        answer["note"] = ("the record changed after this receipt was printed (the office's "
                          "record is newer); the receipt was genuine when printed")
    return answer


def _number_only(engine: Engine, number: str) -> dict[str, Any]:
    with Session(engine) as session:
        reported = session.exec(select(IssuedReceipt).where(IssuedReceipt.number == number)
                                .order_by(col(IssuedReceipt.copy_number))).all()
    if reported:
        answer = verify_receipt(engine, reported[0].code)
        answer["prints"] = len(reported)
        if answer["verdict"] == GENUINE:
            answer["reason"] += (f"; reported by the laptop at a sync, printed "
                                 f"{len(reported)} time(s)")
        return answer
    code = number.split("-")[1]
    laptops = [d for d in list_devices(engine) if device_code(d.id) == code]
    if not laptops:
        return {"number": number, "verdict": UNVERIFIED,
                "reason": "no registered laptop has this receipt code; scan the QR code to "
                          "check the receipt (a laptop not yet synced is not known)"}
    return {"number": number, "verdict": UNVERIFIED,
            "officer": laptops[0].officer_name, "device_id": str(laptops[0].id),
            "reason": f"the number is well formed and fits the laptop of "
                      f"{laptops[0].officer_name}; only the QR code proves what the receipt "
                      "says: scan it"}
