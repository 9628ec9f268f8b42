"""Codec benchmark, run on purpose (never as a timed test): the enrollment's derived codec
(``domain.record_codec``) against the hand-written one it replaced (``hand_codec``) and
against pydantic v2 ``TypeAdapter``s over the same dataclasses.

Each operation runs over 50,000 synthetic enrollments: record -> JSON object, JSON object ->
record (with its issues), record -> column values, column values -> record. The variants are
interleaved and the whole is repeated 5 times; the best time of each is printed (other work
on the machine only ever makes a run slower). The derived codec must be within 5% of the
hand code or faster. pydantic's figures are a lower bound on what it would cost. "pydantic"
is a ``TypeAdapter`` over the domain's own dataclasses: it writes and reads its own shape (a
month as an object, an empty beneficiary as an object, UTC as ``Z``), not ours, and takes
values we refuse (``19850817`` as a date) with no bilingual issue. "pydantic, our JSON"
reads our JSON through dataclasses annotated with the validators that takes (part of our
rules: see ``_PydanticEnrollment``) and builds the domain's record. pydantic has no flat
columns at all, so it runs on the JSON operations only.

Before timing, every derived output is compared with the hand code's, record by record.
"""

import dataclasses
import gc
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Annotated, Any

sys.path.insert(0, str(Path(__file__).parent))

import hand_codec
from pydantic import BeforeValidator, TypeAdapter
from synthetic import synthetic_enrollments

from desktop_app.domain.enrollment import (
    ENROLLMENT_CODEC,
    Beneficiary,
    Consent,
    Enrollment,
    enrollment_from_json,
)
from desktop_app.domain.funding import REQUIRED_PROGRAMS, FundingSource, Program
from desktop_app.domain.months import YearMonth
from desktop_app.domain.nik import Sex
from desktop_app.domain.text_bounds import record_text_issues

COUNT = 50_000
ROUNDS = 5
ON = date(2026, 11, 23)


def full(record: Enrollment) -> Enrollment:
    """A synthetic record with the fields the synthetic set leaves empty filled in (half the
    records get them): dates, sex, first month, a beneficiary and a recorded consent."""
    return record.with_changes(
        birth_date=date(1985, 8, 17), sex=Sex.FEMALE, first_month=YearMonth(2026, 11),
        beneficiary=Beneficiary("I Wayan Putra", "suami", "081311112222"),
        consent=Consent(True, "2026-01", "officer-7", datetime(2026, 11, 23, 1, 30,
                                                                 tzinfo=UTC)))


def _empty_text(value: Any) -> Any:
    return "" if value is None else value


def _month(value: Any) -> Any:
    return YearMonth.parse(value) if isinstance(value, str) else value


def _no_beneficiary(value: Any) -> Any:
    return {} if value is None else value


_Text = Annotated[str, BeforeValidator(_empty_text)]


@dataclasses.dataclass(frozen=True)
class _PydanticBeneficiary:
    name: _Text = ""
    relationship: _Text = ""
    phone: _Text = ""


@dataclasses.dataclass(frozen=True)
class _PydanticConsent:
    given: bool = False
    text_version: _Text = ""
    recorded_by: _Text = ""
    recorded_at: datetime | None = None


@dataclasses.dataclass(frozen=True)
class _PydanticEnrollment:
    """The enrollment annotated for pydantic to read our JSON (part of it: a text may be
    null, a month is ``YYYY-MM``, an empty beneficiary is null). Still left out: unknown
    names, exact ISO dates, oversized numbers and the mapping of its errors to our issues."""

    nik: _Text = ""
    full_name: _Text = ""
    birth_place: _Text = ""
    birth_date: date | None = None
    sex: Sex | None = None
    address: _Text = ""
    desa_code: _Text = ""
    banjar: _Text = ""
    phone: _Text = ""
    occupation: _Text = ""
    occupation_other: _Text = ""
    monthly_income: int | None = None
    programs: tuple[Program, ...] = REQUIRED_PROGRAMS
    payment_months: int = 1
    first_month: Annotated[Any, BeforeValidator(_month)] = None
    funding_source: FundingSource = FundingSource.MANDIRI
    sponsor_name: _Text = ""
    kk_number: _Text = ""
    beneficiary: Annotated[_PydanticBeneficiary, BeforeValidator(_no_beneficiary)] = (
        dataclasses.field(default_factory=_PydanticBeneficiary))
    consent: _PydanticConsent = dataclasses.field(default_factory=_PydanticConsent)
    notes: _Text = ""


_OUR_SHAPE = TypeAdapter(_PydanticEnrollment)


def pydantic_reading_our_json(data: dict) -> tuple[Enrollment, list]:
    read = _OUR_SHAPE.validate_python(data)
    record = Enrollment(**{**read.__dict__,
                           "beneficiary": Beneficiary(**read.beneficiary.__dict__),
                           "consent": Consent(**read.consent.__dict__)})
    return record, record_text_issues(record)


def timed(action: Callable, items: list) -> float:
    gc.collect()
    gc.disable()
    try:
        started = time.perf_counter()
        for item in items:
            action(item)
        return time.perf_counter() - started
    finally:
        gc.enable()


def main() -> None:
    records = [full(r) if n % 2 else r
               for n, r in enumerate(synthetic_enrollments(COUNT, on=ON))]
    adapter = TypeAdapter(Enrollment)
    as_json = [hand_codec.enrollment_to_json(r) for r in records]
    as_pydantic = [adapter.dump_python(r, mode="json") for r in records]
    as_rows = [SimpleNamespace(**hand_codec.record_columns(r)) for r in records]
    for record, data, row in zip(records, as_json, as_rows, strict=True):
        assert ENROLLMENT_CODEC.to_json(record) == data
        assert list(ENROLLMENT_CODEC.to_columns(record).items()) == list(
            hand_codec.record_columns(record).items())
        assert enrollment_from_json(data) == hand_codec.enrollment_from_json(data)
        assert ENROLLMENT_CODEC.from_columns(row) == hand_codec.record_from_row(row) == record
    assert adapter.validate_python(as_pydantic[0]) == records[0]
    assert all(pydantic_reading_our_json(d)[0] == r for d, r in zip(as_json[:100], records,
                                                                     strict=False))

    operations = {
        "record -> JSON object": (records, {
            "hand": hand_codec.enrollment_to_json, "derived": ENROLLMENT_CODEC.to_json,
            "pydantic": lambda r: adapter.dump_python(r, mode="json")}),
        "JSON object -> record": (as_json, {
            "hand": hand_codec.enrollment_from_json, "derived": enrollment_from_json,
            "pydantic": None, "pydantic, our JSON": pydantic_reading_our_json}),
        "record -> columns": (records, {
            "hand": hand_codec.record_columns, "derived": ENROLLMENT_CODEC.to_columns}),
        "columns -> record": (as_rows, {
            "hand": hand_codec.record_from_row, "derived": ENROLLMENT_CODEC.from_columns}),
    }
    best: dict[tuple[str, str], float] = {}
    for _ in range(ROUNDS):
        for operation, (items, variants) in operations.items():
            for variant, action in variants.items():
                if variant == "pydantic" and action is None:  # reads its own shape, then
                    # checks the texts as ``enrollment_from_json`` does
                    items_used = as_pydantic
                    action_used = lambda d: record_text_issues(adapter.validate_python(d))  # noqa: E731
                else:
                    items_used, action_used = items, action
                seconds = timed(action_used, items_used)
                key = (operation, variant)
                best[key] = min(best.get(key, seconds), seconds)

    print(f"{COUNT:,} enrollments, best of {ROUNDS} interleaved rounds")
    for operation, (_, variants) in operations.items():
        hand = best[(operation, "hand")]
        figures = []
        for variant in variants:
            seconds = best[(operation, variant)]
            figures.append(f"{variant} {seconds * 1000:7.1f} ms ({seconds / hand:4.2f}x)")
        print(f"  {operation:<22} " + "   ".join(figures))


if __name__ == "__main__":
    main()
