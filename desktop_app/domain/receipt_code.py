"""The code in a receipt's QR: which enrollment it is for, what it said, and who signed it.

The laptop signs the receipt number, its device id, the enrollment's id and revision, and a
digest of the enrollment's key fields (name, NIK, programmes, amounts...) with its Ed25519 key,
the one it registers with the office. The office checks the signature with that public key,
so a forged receipt (made up, or altered: another name, another amount) is told from a real
one, and the digest tells whether the office's record still says what the receipt says.

The QR text uses only characters of the QR code's alphanumeric mode (upper-case letters,
digits, ``*`` and ``-``), which keeps the symbol small enough for a 58 mm roll.
"""

import base64
import binascii
import hashlib
import uuid
from dataclasses import dataclass
from typing import Any

from desktop_app.domain.contribution import ContributionQuote
from desktop_app.domain.enrollment import Enrollment
from desktop_app.domain.messages import BilingualError, Text
from desktop_app.domain.receipt_number import normalise_receipt_number
from desktop_app.domain.sync_messages import canonical_bytes

PREFIX = "BE1"  # Banjar Enroll receipt code, version 1
DIGEST_BYTES = 16
SIGNATURE_BYTES = 64
_PART_NAMES = {"device": "laptop", "enrollment": "data pendaftaran", "digest": "ringkasan",
               "signature": "tanda tangan"}


class ReceiptCodeError(BilingualError, ValueError):
    """The text is not a receipt code (or is damaged); ``text`` says which part, in both
    languages (the exception's own message is the English one)."""


@dataclass(frozen=True)
class ReceiptCode:
    number: str
    device_id: uuid.UUID
    enrollment_id: uuid.UUID
    revision: int
    digest: bytes  # of the key fields, see key_fields
    signature: bytes = b""

    def signed_bytes(self) -> bytes:
        """What the laptop signs and the office checks."""
        return "|".join((PREFIX, self.number, str(self.device_id), str(self.enrollment_id),
                         str(self.revision), self.digest.hex())).encode()

    def to_text(self) -> str:
        """The QR's text."""
        return "*".join((PREFIX, self.number, _b32(self.device_id.bytes),
                         _b32(self.enrollment_id.bytes), str(self.revision),
                         _b32(self.digest), _b32(self.signature)))


def key_fields(record: Enrollment, quote: ContributionQuote | None) -> dict[str, Any]:
    """What a receipt vouches for: who, which programmes, for how long, how much, who pays."""
    return {
        "nik": record.nik, "full_name": record.full_name,
        "birth_date": record.birth_date.isoformat() if record.birth_date else None,
        "occupation": record.occupation, "programs": [str(p) for p in record.programs],
        "payment_months": record.payment_months,
        "first_month": str(record.first_month) if record.first_month else None,
        "funding_source": str(record.funding_source), "sponsor_name": record.sponsor_name,
        "total": quote.total if quote else None,
        "due_from_participant": quote.due_from_participant if quote else None,
    }


def fields_digest(record: Enrollment, quote: ContributionQuote | None) -> bytes:
    return hashlib.sha256(canonical_bytes(key_fields(record, quote))).digest()[:DIGEST_BYTES]


def _b32(data: bytes) -> str:
    return base64.b32encode(data).decode().rstrip("=")


def _from_b32(text: str, size: int, part: str) -> bytes:
    try:
        data = base64.b32decode(text + "=" * (-len(text) % 8))
    except (binascii.Error, ValueError):
        data = b""
    if len(data) != size:
        raise ReceiptCodeError(Text(f"bagian {_PART_NAMES.get(part, part)} kode tanda terima rusak",
                                    f"the {part} part of the receipt code is damaged"))
    return data


def parse_receipt_code(text: str) -> ReceiptCode:
    """Reads a QR's text; ReceiptCodeError names the part that is wrong."""
    parts = "".join(text.split()).upper().split("*")
    if len(parts) != 7 or parts[0] != PREFIX:
        raise ReceiptCodeError(Text("bukan kode tanda terima Banjar Enroll (diawali BE1*)",
                                    "not a Banjar Enroll receipt code (it starts with BE1*)"))
    _, number, device, enrollment, revision, digest, signature = parts
    if normalise_receipt_number(number) != number:
        raise ReceiptCodeError(Text(f"nomor tanda terima {number!r} di dalam kode tidak sah",
                                    f"the receipt number {number!r} in the code is not valid"))
    # ASCII digits only: str.isdigit also takes "²" and other digits int() cannot read
    if not (revision.isascii() and revision.isdigit()) or not 0 < int(revision) < 2**31:
        raise ReceiptCodeError(Text("bagian revisi kode tanda terima rusak",
                                    "the revision part of the receipt code is damaged"))
    return ReceiptCode(
        number=number,
        device_id=uuid.UUID(bytes=_from_b32(device, 16, "device")),
        enrollment_id=uuid.UUID(bytes=_from_b32(enrollment, 16, "enrollment")),
        revision=int(revision),
        digest=_from_b32(digest, DIGEST_BYTES, "digest"),
        signature=_from_b32(signature, SIGNATURE_BYTES, "signature"))
