"""Receipt numbers: unique per laptop and running number, read aloud safely, NIK masked."""

import uuid
from datetime import date

from hypothesis import assume, given
from hypothesis import strategies as st

from desktop_app.domain.receipt_number import (
    ALPHABET,
    check_character,
    device_code,
    mask_nik,
    nearby_numbers,
    normalise_receipt_number,
    read_receipt_number,
    receipt_day,
    receipt_number,
    shape_problem,
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


numbers = st.builds(
    lambda device, day, sequence: receipt_number(device_id=device, day=day, sequence=sequence),
    st.uuids(), st.dates(date(2021, 1, 1), date(2099, 12, 31)),
    st.integers(min_value=1, max_value=10**6))


@given(numbers, st.sampled_from([" ", ".", "", " - ", "/", "  "]))
def test_spaces_dots_or_nothing_for_dashes_are_the_same_number(number: str,
                                                               separator: str) -> None:
    assert normalise_receipt_number(number.replace("-", separator)) == number
    assert normalise_receipt_number(number.lower().replace("-", separator)) == number


def _slip(number: str, position: int, replacement: str) -> str:
    """``number`` with one character (never the office's or a dash) replaced."""
    position = len("DPS-") + position % (len(number) - len("DPS-"))
    assume(number[position] != "-")
    digits = number.count("-", 0, position) in (2, 3)
    if digits:
        replacement = str(ALPHABET.index(replacement) % 10)
    assume(replacement != number[position])
    return number[:position] + replacement + number[position + 1:]


@given(numbers, st.integers(min_value=0, max_value=40), st.sampled_from(ALPHABET))
def test_the_number_meant_is_one_slip_from_any_single_typo(number: str, position: int,
                                                           replacement: str) -> None:
    typo = _slip(number, position, replacement)
    assert normalise_receipt_number(typo) is None
    assert read_receipt_number(typo) == typo  # still shaped like a number
    assert number in nearby_numbers(typo)


@given(numbers, st.integers(min_value=0, max_value=40), st.sampled_from(ALPHABET))
def test_every_nearby_number_is_valid_and_one_slip_away(number: str, position: int,
                                                        replacement: str) -> None:
    typo = _slip(number, position, replacement)
    nearby = nearby_numbers(typo)
    assert len(nearby) == len(set(nearby)) and typo not in nearby
    for candidate in nearby:
        assert normalise_receipt_number(candidate) == candidate
        assert receipt_day(candidate) is not None
        assert candidate[:4] == typo[:4]  # the office part is kept
        differ = [i for i, (a, b) in enumerate(zip(typo, candidate, strict=True)) if a != b]
        swapped = len(differ) == 2 and differ[1] == differ[0] + 1 and \
            typo[differ[0]] == candidate[differ[1]] and typo[differ[1]] == candidate[differ[0]]
        assert len(differ) == 1 or swapped


def test_swapped_neighbours_are_found_again() -> None:
    number = receipt_number(device_id=LAPTOP, day=date(2026, 11, 30), sequence=1234)
    swapped = number[:-6] + number[-5] + number[-6] + number[-4:]  # 1234 -> 2134
    assert normalise_receipt_number(swapped) is None
    assert number in nearby_numbers(swapped)


def test_a_day_that_is_no_day_is_never_proposed() -> None:
    assert receipt_day("DPS-K371MW-261130-0042-J") == date(2026, 11, 30)
    assert receipt_day("DPS-K371MW-261331-0042-J") is None
    number = receipt_number(device_id=LAPTOP, day=date(2026, 11, 30), sequence=42)
    assert all(receipt_day(n) for n in nearby_numbers(number[:-1] + "0"))


def test_what_keeps_text_from_being_a_number_is_named() -> None:
    assert "part 2 (laptop code)" in shape_problem("DPS-K7Q2M-261130-0042-R").en
    assert "bagian ke-3" in shape_problem("DPS K7Q2MX 2611 0042 R").id
    assert "5 parts" in shape_problem("hello").en
