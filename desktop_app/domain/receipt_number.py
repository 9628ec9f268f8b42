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
from datetime import date, datetime

from desktop_app.domain.messages import Text

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base 32
OFFICE_CODE = "DPS"  # Kota Denpasar
DEVICE_CODE_LENGTH = 6  # 30 bits: a collision is unlikely below tens of thousands of laptops
_NUMBER = re.compile(r"([A-Z]{2,5})-([0-9A-Z]{6})-(\d{6})-(\d{4,9})-([0-9A-Z])")
_READ_ALIKE = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})
_SEPARATORS = re.compile(r"[\s.\-_/,]+")  # what people put between the parts


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


def read_receipt_number(text: str) -> str | None:
    """A receipt number as typed or read out, in its printed form (dashes, upper case), its
    check character not yet checked; None when the text is not shaped like one.

    Spaces, dots, slashes or nothing at all between the parts read as the dashes (a number
    read over the phone comes as ``DPS K7Q2MX 261130 0042 R``); I and L read as 1, O as 0 and
    U as V, since those letters are never printed."""
    groups = [g for g in _SEPARATORS.split(text.upper()) if g]
    if len(groups) == 5:
        parts = groups
    else:  # parts run together: the office's own code, or the letters up to the laptop code
        compact = "".join(groups)
        office = OFFICE_CODE if compact.startswith(OFFICE_CODE) else (
            groups[0] if groups and groups[0].isalpha() and len(groups[0]) <= 5 else "")
        rest = compact[len(office):].translate(_READ_ALIKE)
        if not office or len(rest) < DEVICE_CODE_LENGTH + 6 + 4 + 1:
            return None
        parts = [office, rest[:6], rest[6:12], rest[12:-1], rest[-1]]
    office, *rest = parts
    printed = "-".join([office, *(part.translate(_READ_ALIKE) for part in rest)])
    return printed if _NUMBER.fullmatch(printed) else None


def has_valid_check(number: str) -> bool:
    """Whether the check character of a printed-form number fits the rest of it."""
    return check_character(number[:number.rindex("-")]) == number[-1]


def normalise_receipt_number(text: str) -> str | None:
    """A receipt number as typed or read out, in its printed form; None when it is not one or
    its check character does not match."""
    number = read_receipt_number(text)
    return number if number is not None and has_valid_check(number) else None


def receipt_day(number: str) -> date | None:
    """The printing day a number names, None when its six digits are not a real day."""
    try:
        return datetime.strptime(number.split("-")[2], "%y%m%d").date()
    except ValueError:
        return None


def nearby_numbers(number: str) -> list[str]:
    """The valid receipt numbers one slip away from ``number`` (printed form): one character
    changed, or two neighbours within a part swapped; the office part is kept (a number of
    another office is no number of ours), and the day must be a real day. In the order of
    the characters changed, from the left."""
    office = number[:number.index("-")]
    found: dict[str, None] = {}
    for position in range(len(office) + 1, len(number)):
        here = number[position]
        if here == "-":
            continue
        digits_only = number.count("-", 0, position) in (2, 3)  # the day and running number
        for character in ("0123456789" if digits_only else ALPHABET):
            if character != here:
                _keep(found, number[:position] + character + number[position + 1:])
        after = number[position + 1:position + 2]
        if after not in ("", "-", here):
            _keep(found, number[:position] + after + here + number[position + 2:])
    return list(found)


def _keep(found: dict[str, None], candidate: str) -> None:
    if has_valid_check(candidate) and receipt_day(candidate) is not None:
        found[candidate] = None


def shape_problem(text: str) -> Text:
    """What keeps ``text`` from reading as a receipt number, said so a person can fix it."""
    groups = [g for g in _SEPARATORS.split(text.upper()) if g]
    expected = (len(OFFICE_CODE), DEVICE_CODE_LENGTH, 6, 4, 1)
    body = f"{OFFICE_CODE}-K7Q2MX-261130-0042"
    example = f"{body}-{check_character(body)}"
    if len(groups) == 5:
        names = (("kode kantor", "office code"), ("kode laptop", "laptop code"),
                 ("tanggal (YYMMDD)", "day (YYMMDD)"), ("nomor urut", "running number"),
                 ("karakter pemeriksa", "check character"))
        for index, (group, size, (name_id, name_en)) in enumerate(
                zip(groups, expected, names, strict=True), start=1):
            wrong_size = len(group) != size and not (index == 4 and size < len(group) <= 9)
            digits = index in (3, 4)
            if wrong_size or not group.isalnum() or (
                    digits and not group.translate(_READ_ALIKE).isdigit()):
                return Text(
                    f"bagian ke-{index} ({name_id}) tertulis {group!r}: seharusnya {size} "
                    f"{'angka' if digits else 'huruf/angka'}, mis. {example}",
                    f"part {index} ({name_en}) reads {group!r}: it should be {size} "
                    f"{'digits' if digits else 'letters or digits'}, e.g. {example}")
    return Text(f"bukan nomor tanda terima: nomor terdiri dari 5 bagian, mis. {example} "
                f"(tertulis {len(groups)} bagian); atau pindai kode QR-nya",
                f"not a receipt number: a number has 5 parts, e.g. {example} (this has "
                f"{len(groups)}); or scan its QR code")


def mask_nik(nik: str) -> str:
    """``5171 04** **** 0012``: the region and the last four digits, enough to recognise a
    receipt's owner and not enough to misuse the number."""
    if len(nik) != 16:
        return "*" * len(nik)
    shown = nik[:6] + "*" * 6 + nik[12:]
    return " ".join(shown[i:i + 4] for i in range(0, 16, 4))
