"""Calendar months (``YYYY-MM``) and the days an enrollment or a visit may be recorded on.

Contributions are priced per calendar month, so a month is a value of its own rather than a
date with a meaningless day. What people type for a month or a date is read by
``typed_values``; this module holds the values and the rules on recorded days.
"""

import re
from dataclasses import dataclass
from datetime import date

from desktop_app.domain.messages import FieldIssue, error

EARLIEST_DAY = date(2021, 1, 1)  # the oldest contribution rates in resources/

_YEAR_MONTH = re.compile(r"\s*(\d{4})-(\d{1,2})\s*")


@dataclass(frozen=True, order=True)
class YearMonth:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12 or not 1900 <= self.year <= 9999:
            raise ValueError(f"not a month: {self.year}-{self.month}")

    @classmethod
    def parse(cls, text: str) -> "YearMonth":
        """``2026-04`` (also ``2026-4``); raises ValueError on anything else."""
        match = _YEAR_MONTH.fullmatch(text)
        if not match:
            raise ValueError(f"not a YYYY-MM month: {text!r}")
        return cls(int(match[1]), int(match[2]))

    @classmethod
    def of(cls, day: date) -> "YearMonth":
        return cls(day.year, day.month)

    def plus(self, months: int) -> "YearMonth":
        index = self.year * 12 + (self.month - 1) + months
        return YearMonth(index // 12, index % 12 + 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def check_recorded_day(day: date, *, today: date, field: str) -> FieldIssue | None:
    """Visits and enrollments are recorded on or after the day they happen, never ahead of
    it, and not before the oldest contribution rates; None when ``day`` may be recorded."""
    if day > today:
        return error(field, "after_today",
                     f"Tanggal {day:%d-%m-%Y} setelah hari ini ({today:%d-%m-%Y}): catat "
                     "pada hari itu atau sesudahnya.",
                     f"{day:%d-%m-%Y} is after today ({today:%d-%m-%Y}): record it on the "
                     "day or after.")
    if day < EARLIEST_DAY:
        return error(field, "before_rates",
                     f"Tanggal {day:%d-%m-%Y} terlalu lama: paling awal "
                     f"{EARLIEST_DAY:%d-%m-%Y} (tarif iuran tertua).",
                     f"{day:%d-%m-%Y} is too early: the earliest is {EARLIEST_DAY:%d-%m-%Y} "
                     "(the oldest contribution rates).")
    return None


def age_on(birth_date: date, on: date) -> int:
    """Age in whole years on a given day (a 29 February birthday counts from 1 March)."""
    had_birthday = (on.month, on.day) >= (birth_date.month, birth_date.day)
    return on.year - birth_date.year - (0 if had_birthday else 1)
