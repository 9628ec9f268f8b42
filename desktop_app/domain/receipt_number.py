"""Receipt numbers that are unique across every laptop and easy to read aloud over the phone.

``DPS-K7Q2MX-261130-0042-R``: the office (Kota Denpasar), the laptop's code, the day it was
printed (YYMMDD), the laptop's own running number, and a check character. Uniqueness never
rests on the laptop's clock: the running number only grows on one laptop, and the laptop's
code comes from its device id. The day is there for people, not for uniqueness.

Letters are Crockford's base 32 (no I, L, O or U), so "1" and "I" or "0" and "O" are never
confused when a number is read out; the check character (Luhn mod 32) catches any single
wrong character and any two neighbours swapped (but 0 and Z).
"""

import hashlib
import re
import uuid
from datetime import date

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base 32
OFFICE_CODE = "DPS"  # Kota Denpasar
DEVICE_CODE_LENGTH = 6  # 30 bits: a collision is unlikely below tens of thousands of laptops
_NUMBER = re.compile(r"([A-Z]{2,5})-([0-9A-Z]{6})-(\d{6})-(\d{4,9})-([0-9A-Z])")
_READ_ALIKE = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})


def device_code(device_id: uuid.UUID) -> str:
    """The laptop's six-character code, derived from its device id."""
    value = int.from_bytes(hashlib.sha256(device_id.bytes).digest()[:4], "big") >> 2
    return "".join(ALPHABET[(value >> shift) & 31] for shift in range(25, -1, -5))


def check_character(text: str) -> str:
    """Luhn mod 32 over the base-32 characters of ``text`` (other characters are ignored)."""
    total, double = 0, True
    for character in reversed([c for c in text if c in ALPHABET]):
        value = ALPHABET.index(character)
        if double:
            value *= 2
            value = value // 32 + value % 32
        total += value
        double = not double
    return ALPHABET[(32 - total % 32) % 32]


def receipt_number(*, device_id: uuid.UUID, day: date, sequence: int,
                   office: str = OFFICE_CODE) -> str:
    """The receipt number of this laptop's ``sequence``-th receipt, printed on ``day``."""
    if sequence < 1:
        raise ValueError("receipt sequence numbers start at 1")
    body = f"{office}-{device_code(device_id)}-{day:%y%m%d}-{sequence:04d}"
    return f"{body}-{check_character(body)}"


def normalise_receipt_number(text: str) -> str | None:
    """A receipt number as typed or read out (any case, spaces, I for 1, O for 0), in its
    printed form; None when it is not one or its check character does not match."""
    compact = "".join(text.upper().split()).translate(_READ_ALIKE)
    match = _NUMBER.fullmatch(compact)
    if match is None:
        return None
    body = compact[:compact.rindex("-")]
    return compact if check_character(body) == match[5] else None


def mask_nik(nik: str) -> str:
    """``5171 04** **** 0012``: the region and the last four digits, enough to recognise a
    receipt's owner and not enough to misuse the number."""
    if len(nik) != 16:
        return "*" * len(nik)
    shown = nik[:6] + "*" * 6 + nik[12:]
    return " ".join(shown[i:i + 4] for i in range(0, 16, 4))
