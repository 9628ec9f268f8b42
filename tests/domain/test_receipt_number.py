"""Receipt numbers: unique per laptop and running number, read aloud safely, NIK masked."""

import uuid
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.receipt_number import (
    ALPHABET,
    check_character,
    device_code,
    mask_nik,
    normalise_receipt_number,
    receipt_number,
)

LAPTOP = uuid.UUID("8f1c2a9e-3b4d-4e5f-8a6b-7c8d9e0f1a2b")


def test_a_number_names_office_laptop_day_and_running_number() -> None:
    number = receipt_number(device_id=LAPTOP, day=date(2026, 11, 30), sequence=42)
    office, laptop, day, sequence, check = number.split("-")
    assert (office, laptop, day, sequence) == ("DPS", device_code(LAPTOP), "261130", "0042")
    assert check == check_character(number[:-2])
    assert normalise_receipt_number(number) == number


def test_two_laptops_never_share_a_code_in_a_fleet() -> None:
    codes = {device_code(uuid.uuid4()) for _ in range(2000)}
    assert len(codes) == 2000
    assert all(len(c) == 6 and set(c) <= set(ALPHABET) for c in codes)


def test_numbers_read_over_the_phone_are_understood() -> None:
    number = receipt_number(device_id=LAPTOP, day=date(2026, 11, 30), sequence=7)
    spoken = " ".join(number.lower().replace("0", "o").replace("1", "l"))
    assert normalise_receipt_number(spoken) == number


@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=4, max_value=22),
       st.sampled_from(ALPHABET))
def test_any_single_wrong_character_is_caught(sequence: int, position: int,
                                              replacement: str) -> None:
    number = receipt_number(device_id=LAPTOP, day=date(2026, 1, 31), sequence=sequence)
    if position >= len(number) or number[position] == "-" or number[position] == replacement:
        return
    typo = number[:position] + replacement + number[position + 1:]
    assert normalise_receipt_number(typo) is None


def test_swapped_neighbours_are_caught() -> None:
    number = receipt_number(device_id=LAPTOP, day=date(2026, 11, 30), sequence=1234)
    swaps = 0
    for i in range(len(number) - 2):
        a, b = number[i], number[i + 1]
        if "-" in (a, b) or a == b or {a, b} == {"0", "Z"}:
            continue
        swapped = number[:i] + b + a + number[i + 2:]
        assert normalise_receipt_number(swapped) is None, swapped
        swaps += 1
    assert swaps > 5


def test_garbage_is_not_a_receipt_number() -> None:
    for text in ("", "DPS", "DPS-ABCDEF-261130-0001", "hello world", "DPS-ABCDEF-2611-0001-X"):
        assert normalise_receipt_number(text) is None


def test_the_nik_is_masked_to_region_and_last_four_digits() -> None:
    assert mask_nik("5171045708850023") == "5171 04** **** 0023"
    assert mask_nik("123") == "***"
