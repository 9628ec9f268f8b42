"""Telling a real enrollment receipt from a forged, altered or mistyped one
(``office verify-receipt``).

A receipt's QR code carries the laptop's Ed25519 signature over the receipt number, the
enrollment and a digest of its key fields. The office checks it with the public key the laptop
registered: a bad signature is a forgery or an alteration. A good one names the enrollment; the
digest then tells whether the office's record still says what the receipt says (an edit after
printing is normal, and is said, not called a forgery).

A receipt number alone carries no signature. When the laptop has reported the receipt at a
sync (with its signed code), the office checks that code as if the QR had been scanned. A
number whose check character does not fit was mistyped, not forged: the answer says so, and
names the numbers one slip away that the office issued or that fit a registered laptop. A
valid number the laptop should have reported by now was never printed by it: forged. That is
when the laptop reported another number with the same or a later running number (running
numbers never repeat on a laptop, and it reports its receipts oldest first). Otherwise the
office can only say which laptop could have made the number, and asks for the QR code.

Every reason and note is a bilingual ``Text`` (as JSON: ``{"id": ..., "en": ...}``).
"""

import uuid
from datetime import date
from typing import Any

from cryptography.exceptions import InvalidSignature
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from desktop_app.domain.messages import Text
from desktop_app.domain.receipt_code import (
    PREFIX,
    ReceiptCodeError,
    fields_digest,
    parse_receipt_code,
)
from desktop_app.domain.receipt_number import (
    device_code,
    has_valid_check,
    nearby_numbers,
    read_receipt_number,
    receipt_day,
    shape_problem,
)
from desktop_app.domain.validation import check_enrollment
from desktop_app.office.canonical import load_record
from desktop_app.office.devices import DeviceInfo, find_device, list_devices, public_key_from_text
from desktop_app.office.models import LIVE, CanonicalRecord, ClientLink, IssuedReceipt

GENUINE, FORGED, UNVERIFIED, MISTYPED = "genuine", "forged", "unverified", "mistyped"


def _office_record(engine: Engine, device_id: uuid.UUID,
                   enrollment_id: uuid.UUID) -> CanonicalRecord | None:
    with Session(engine) as session:
        link = session.get(ClientLink, (device_id, enrollment_id))
        canonical_id = link.canonical_id if link and link.canonical_id else enrollment_id
        canonical = session.get(CanonicalRecord, canonical_id)
        # a record merged into another person's record (the same person) still vouches for
        # its receipts: through the record that stays
        for _ in range(16):
            if canonical is None or canonical.state == LIVE or canonical.merged_into is None:
                break
            canonical = session.get(CanonicalRecord, canonical.merged_into)
        return canonical


def _digest_of(canonical: CanonicalRecord) -> bytes:
    record = load_record(canonical.record)
    first = record.first_month
    priced_on = date(first.year, first.month, 1) if first else date.today()
    return fields_digest(record, check_enrollment(record, on=priced_on).quote)


def verify_receipt(engine: Engine, text: str, *, today: date) -> dict[str, Any]:
    """The verdict on a receipt's QR text, or on a receipt number typed from the paper."""
    number = read_receipt_number(text)
    if number is not None:
        if has_valid_check(number):
            return _number_only(engine, number)
        return _mistyped(engine, number, today)
    if not "".join(text.split()).upper().startswith(PREFIX + "*"):
        return {"verdict": MISTYPED, "typed": text.strip(), "candidates": [],
                "reason": shape_problem(text).to_json()}
    try:
        code = parse_receipt_code(text)
    except ReceiptCodeError as bad:
        return {"verdict": FORGED, "reason": bad.text.to_json()}
    device = find_device(engine, code.device_id)
    answer: dict[str, Any] = {"number": code.number, "device_id": str(code.device_id),
                              "enrollment_id": str(code.enrollment_id),
                              "revision": code.revision}
    if device is None:
        return {**answer, "verdict": UNVERIFIED, "reason": Text(
            "laptop yang mencetaknya belum terdaftar di kantor; tanyakan lagi setelah "
            "laptop itu pertama kali sinkron",
            "the laptop that printed it has not registered with the office yet; ask again "
            "after its first sync").to_json()}
    if code.number.split("-")[1] != device_code(device.id):
        return {**answer, "verdict": FORGED, "reason": Text(
            "nomor tanda terima bukan milik laptop yang disebut di dalam kode",
            "the receipt number does not belong to the laptop named in the code").to_json()}
    try:
        public_key_from_text(device.public_key).verify(code.signature, code.signed_bytes())
    except InvalidSignature:
        return {**answer, "verdict": FORGED, "reason": Text(
            "tanda tangan tidak cocok: tanda terima ini dibuat-buat atau diubah",
            "the signature does not match: the receipt was made up or altered").to_json()}
    answer.update(verdict=GENUINE, officer=device.officer_name, reason=Text(
        f"ditandatangani oleh laptop {device.officer_name}",
        f"signed by the laptop of {device.officer_name}").to_json())
    canonical = _office_record(engine, code.device_id, code.enrollment_id)
    if canonical is None:
        answer.update(office_record=None, matches_office_record=None, note=Text(
            "kantor belum menerima data pendaftaran ini",
            "the office has not received this enrollment yet").to_json())
        return answer
    matches = _digest_of(canonical) == code.digest
    answer.update(office_record={"office_id": str(canonical.id), "nik": canonical.nik,
                                 "full_name": canonical.full_name,
                                 "revision": canonical.revision},
                  matches_office_record=matches)
    if not matches:
        answer["note"] = Text(
            "data berubah setelah tanda terima ini dicetak (data kantor lebih baru); tanda "
            "terima ini asli saat dicetak",
            "the record changed after this receipt was printed (the office's record is "
            "newer); the receipt was genuine when printed").to_json()
    return answer


def _reported(engine: Engine, numbers: list[str]) -> dict[str, list[IssuedReceipt]]:
    """The receipts the laptops reported under these numbers, a list of prints each."""
    found: dict[str, list[IssuedReceipt]] = {}
    with Session(engine) as session:
        for start in range(0, len(numbers), 500):
            for row in session.exec(select(IssuedReceipt).where(
                    col(IssuedReceipt.number).in_(numbers[start:start + 500]))
                    .order_by(col(IssuedReceipt.copy_number))):
                found.setdefault(row.number, []).append(row)
    return found


def _laptops_by_code(engine: Engine) -> dict[str, DeviceInfo]:
    return {device_code(d.id): d for d in list_devices(engine)}


def _number_only(engine: Engine, number: str) -> dict[str, Any]:
    reported = _reported(engine, [number]).get(number)
    if reported:
        answer = verify_receipt(engine, reported[0].code, today=date.today())
        answer["prints"] = len(reported)
        if answer["verdict"] == GENUINE:
            answer["reason"] = Text(
                f"{answer['reason']['id']}; dilaporkan laptop saat sinkron, dicetak "
                f"{len(reported)} kali",
                f"{answer['reason']['en']}; reported by the laptop at a sync, printed "
                f"{len(reported)} time(s)").to_json()
        return answer
    laptop = _laptops_by_code(engine).get(number.split("-")[1])
    if laptop is None:
        return {"number": number, "verdict": UNVERIFIED, "reason": Text(
            "tidak ada laptop terdaftar dengan kode ini; pindai kode QR untuk memeriksa tanda "
            "terima (laptop yang belum pernah sinkron belum dikenal)",
            "no registered laptop has this receipt code; scan the QR code to check the "
            "receipt (a laptop not yet synced is not known)").to_json()}
    answer = {"number": number, "officer": laptop.officer_name, "device_id": str(laptop.id)}
    later = _later_reported(engine, laptop.id, number)
    if later is not None:
        return {**answer, "verdict": FORGED, "reason": Text(
            f"laptop {laptop.officer_name} tidak pernah mencetak nomor ini: laptop itu "
            f"sudah melaporkan {later}, dengan nomor urut yang sama atau sesudahnya, dan "
            "melaporkan tanda terimanya berurutan",
            f"the laptop of {laptop.officer_name} never printed this number: it already "
            f"reported {later}, of the same or a later running number, and it reports its "
            "receipts in order").to_json()}
    return {**answer, "verdict": UNVERIFIED, "reason": Text(
        f"nomor ini tertulis benar dan cocok dengan laptop {laptop.officer_name}, tetapi belum "
        "dilaporkan; hanya kode QR yang membuktikan isi tanda terima: pindai kode itu",
        f"the number is well formed and fits the laptop of {laptop.officer_name}, but has "
        "not been reported yet; only the QR code proves what the receipt says: scan it").to_json()}


def _later_reported(engine: Engine, device_id: uuid.UUID, number: str) -> str | None:
    """Another number the laptop reported whose running number is ``number``'s or later."""
    sequence = int(number.split("-")[3])
    with Session(engine) as session:
        numbers = session.exec(select(IssuedReceipt.number).where(
            IssuedReceipt.device_id == device_id)).all()
    later = [n for n in numbers if n != number and int(n.split("-")[3]) >= sequence]
    return min(later, key=lambda n: int(n.split("-")[3])) if later else None


def _mistyped(engine: Engine, typed: str, today: date) -> dict[str, Any]:
    """A number whose check character does not fit: the numbers one slip away that the
    office issued come first, then those that fit a registered laptop on a day gone by."""
    nearby = nearby_numbers(typed)
    reported = _reported(engine, nearby)
    laptops = _laptops_by_code(engine)
    issued, fitting = [], []
    for number in nearby:
        laptop = laptops.get(number.split("-")[1])
        day = receipt_day(number)
        if number in reported:
            device = find_device(engine, reported[number][0].device_id)
            issued.append({"number": number, "issued": True, "prints": len(reported[number]),
                           "officer": device.officer_name if device else None})
        elif laptop is not None and day is not None and day <= today:
            fitting.append({"number": number, "issued": False, "prints": 0,
                            "officer": laptop.officer_name})
    candidates = issued + fitting
    where = ("satu karakter salah ketik atau dua karakter bertukar tempat",
             "one character was mistyped or two neighbours were swapped")
    reason = Text(
        f"nomor {typed} salah ketik: karakter pemeriksa (yang terakhir, {typed[-1]}) tidak "
        f"cocok dengan nomornya; {where[0]}",
        f"number {typed} is mistyped: its check character (the last one, {typed[-1]}) does "
        f"not fit the number; {where[1]}").to_json()
    answer: dict[str, Any] = {"verdict": MISTYPED, "typed": typed, "reason": reason,
                              "candidates": candidates}
    if not candidates:
        answer["note"] = Text(
            "tidak ada nomor yang dikenal kantor yang berbeda satu karakter; baca lagi nomor "
            "di kertas, atau pindai kode QR-nya",
            "no number the office knows is one character away; read the number again from "
            "the paper, or scan its QR code").to_json()
    return answer
