"""Test data builders shared by every test folder (on the path through pytest's pythonpath):
the one valid record (as a domain value and in its documented JSON form), the one officer of a
test laptop, NIKs from their parts, and many people at once."""

from datetime import date
from typing import Any

from desktop_app.domain.enrollment import Consent, Enrollment, enrollment_to_json
from desktop_app.domain.months import YearMonth
from desktop_app.domain.nik import Sex

# Enrollment day used across the tests: inside the PP 50/2025 window for every sector, so no
# test depends on today's date.
ENROLLMENT_DAY = date(2026, 5, 20)

# The officer signed in on a test laptop (the root ``officer`` fixture, the CLI's too).
OFFICER_NAME = "Ni Ketut Sari"
OFFICER_CODE = "DSN-002"
OFFICER_PIN = "2468"


def build_nik(district: str, birth: date, sex: str, serial: int = 1) -> str:
    """A NIK from its parts: kecamatan code, birth date (+40 on the day for women), serial.

    ``sex`` is ``"L"``/``"P"`` or a ``Sex`` (a string enum with those values).
    """
    day = birth.day + (40 if sex == "P" else 0)
    return f"{district}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"


def valid_enrollment(**changes: Any) -> Enrollment:
    """A complete enrollment that check_enrollment accepts on ``ENROLLMENT_DAY`` with no issue
    (the phone as the domain keeps it, +62), with ``changes``."""
    birth = date(1985, 8, 17)
    record = Enrollment(
        nik=build_nik("517104", birth, Sex.FEMALE, 23),
        full_name="Ni Made Sari Dewi",
        birth_place="Denpasar",
        birth_date=birth,
        sex=Sex.FEMALE,
        address="Jl. Kamboja No. 5",
        desa_code="5171041004",
        banjar="Banjar Kaja",
        phone="+6281234567890",
        occupation="pedagang",
        monthly_income=2_500_000,
        payment_months=3,
        first_month=YearMonth.of(ENROLLMENT_DAY),
        consent=Consent(given=True, text_version="2026-01"),
    )
    return record.with_changes(**changes) if changes else record


def valid_record_json(**changes: Any) -> dict[str, Any]:
    """``valid_enrollment()`` in its documented JSON form (the CLI's and the wire's), with
    ``changes`` to the JSON keys."""
    return {**enrollment_to_json(valid_enrollment()), **changes}


def clone_enrollments(engine, copies: int) -> None:
    """Copies the one enrollment in the store ``copies`` times with distinct ids, NIKs and
    names ("I Wayan Klon N"), straight in SQL: 200,000 rows in a few seconds, for tests and
    benchmarks of big lists. The name index is rebuilt afterwards."""
    with engine.begin() as connection:
        columns = [row[1] for row in connection.exec_driver_sql(
            "PRAGMA table_info(enrollment)")]
        copied = ", ".join(
            {"id": "printf('%032x', n)", "nik": "printf('5171041201%06d', n)",
             "full_name": "'I Wayan Klon ' || n",
             "status": "CASE WHEN n % 50 = 0 THEN 'draft' ELSE status END"}.get(c, c)
            for c in columns)
        connection.exec_driver_sql(
            f"WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < {copies})"
            f" INSERT INTO enrollment ({', '.join(columns)}) SELECT {copied} FROM k, enrollment")
        connection.exec_driver_sql(
            "INSERT INTO enrollment_search(enrollment_search) VALUES ('rebuild')")
        connection.exec_driver_sql("ANALYZE")


SYLLABLES = ("ba", "da", "ga", "ka", "la", "ma", "na", "pa", "ra", "sa", "ta", "wa")


def name_word(number: int) -> str:
    """A pronounceable word for a number (``0`` is Ba, ``13`` is Dada): names must be
    letters only, so generated people get words, not digits."""
    letters = ""
    while True:
        number, digit = divmod(number, len(SYLLABLES))
        letters = SYLLABLES[digit] + letters
        if number == 0:
            return letters.capitalize()
        number -= 1


def many_people(template, count: int, *, start: int = 0) -> list:
    """``count`` valid, distinct enrollments made from ``template``: each its own NIK (birth
    dates over 1960-1999, both sexes), name and phone."""
    people = []
    for number in range(start, start + count):
        birth = date(1960 + number % 40, 1 + number % 12, 1 + number % 28)
        sex = "P" if number % 2 else "L"
        nik = build_nik("517104", birth, sex, 1 + number // 840 % 9999)  # 840: the cycle
        people.append(template.with_changes(
            nik=nik, full_name=f"{'Ni' if sex == 'P' else 'I'} Made {name_word(number)}",
            birth_date=None, sex=None, phone=f"+62812{number:08d}"))
    return people
