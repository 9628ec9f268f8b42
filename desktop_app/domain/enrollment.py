"""The enrollment record and its JSON form.

The JSON field names here are the ones the CLI, the sync API and the exports all use; they are
documented in the README and must stay stable. The JSON codec and the store's columns are
derived from the dataclasses (``ENROLLMENT_CODEC``, ``domain.record_codec``): a new field is
one edit here (and a migration for the laptop's table).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from desktop_app.domain.funding import REQUIRED_PROGRAMS, FundingSource, Program
from desktop_app.domain.messages import FieldIssue, error
from desktop_app.domain.months import YearMonth
from desktop_app.domain.nik import Sex
from desktop_app.domain.record_codec import (
    OversizedNumber,
    RecordCodec,
)
from desktop_app.domain.text_bounds import record_text_issues


class EnrollmentStatus(StrEnum):
    """Where a record stands on its way to the office."""

    DRAFT = "draft"  # incomplete or invalid: kept, but not sent
    READY = "ready"  # valid, waiting to be synced
    SYNCED = "synced"  # the office has it
    CONFLICT = "conflict"  # the office found a NIK conflict that a person must settle
    REJECTED = "rejected"  # the office refused it, with reasons for the officer to fix
    # tombstones, as the office's pull feed says: never deleted (history and receipts stay),
    # never sent, and left out of lists, counts and exports (the person shows once)
    MERGED = "merged"  # the same person as another record of this laptop, which stays
    WITHDRAWN = "withdrawn"  # taken back by the office (enrolled by mistake)


TOMBSTONES = (EnrollmentStatus.MERGED, EnrollmentStatus.WITHDRAWN)


@dataclass(frozen=True)
class Beneficiary:
    """Ahli waris: who receives the JKM benefit."""

    name: str = ""
    relationship: str = ""
    phone: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.name or self.relationship or self.phone)

    @property
    def is_blank(self) -> bool:
        """Nothing but spaces typed: the officer left the beneficiary out."""
        return not (self.name.strip() or self.relationship.strip() or self.phone.strip())


@dataclass(frozen=True)
class Consent:
    """The participant's recorded agreement: whether, which text, who recorded it and when."""

    given: bool = False
    text_version: str = ""
    recorded_by: str = ""  # officer id, filled by the store when the record is saved
    recorded_at: datetime | None = None


@dataclass(frozen=True)
class Enrollment:
    """One person's enrollment form, as typed (before or after normalisation)."""

    nik: str = ""
    full_name: str = ""
    birth_place: str = ""
    birth_date: date | None = None
    sex: Sex | None = None
    address: str = ""
    desa_code: str = ""
    banjar: str = ""
    phone: str = ""
    occupation: str = ""
    occupation_other: str = ""
    monthly_income: int | None = None
    programs: tuple[Program, ...] = REQUIRED_PROGRAMS
    payment_months: int = 1
    first_month: YearMonth | None = None
    funding_source: FundingSource = FundingSource.MANDIRI
    sponsor_name: str = ""
    kk_number: str = ""
    beneficiary: Beneficiary = field(default_factory=Beneficiary)
    consent: Consent = field(default_factory=Consent)
    notes: str = ""

    def with_changes(self, **changes: Any) -> "Enrollment":
        """A copy with ``changes``; unknown names raise TypeError, as ``replace`` does (every
        field is an init field, so the instance's ``__dict__`` holds them all, and copying
        it is a third of ``replace``'s cost)."""
        return Enrollment(**{**self.__dict__, **changes})


_NUMBER_DIGITS = 20  # more digits than any field's number: read as OversizedNumber
# what output adds: accepted on input and ignored, so a record can be sent back as printed
# (``show --json`` adds the history)
_OUTPUT_FIELDS = ("id", "status", "revision", "warnings", "officer_id", "device_id", "visit_id",
                  "created_at", "updated_at", "history")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def json_integer(digits: str) -> int | OversizedNumber:
    """``parse_int`` for ``json.loads`` of records: huge numbers become OversizedNumber."""
    return int(digits) if len(digits) <= _NUMBER_DIGITS else OversizedNumber(digits)


def parse_iso_date(text: str) -> date:
    """Exactly ``YYYY-MM-DD`` (Python alone would also take ``19850817`` and week dates)."""
    if not _ISO_DATE.fullmatch(text):
        raise ValueError(f"not a YYYY-MM-DD date: {text!r}")
    return date.fromisoformat(text)


# The one codec of the record: its JSON object, its flat columns and their names, derived
# from the dataclasses above (a field added there is carried by all of them).
ENROLLMENT_CODEC = RecordCodec(Enrollment, {
    date: (parse_iso_date, ("Tulis sebagai YYYY-MM-DD, mis. 1980-05-10.",
                            "Write it as YYYY-MM-DD, e.g. 1980-05-10.")),
    Sex: ("Tulis L (laki-laki) atau P (perempuan).", "Write L (male) or P (female)."),
    YearMonth: ("Tulis sebagai YYYY-MM, mis. 2026-04.", "Write it as YYYY-MM, e.g. 2026-04."),
    FundingSource: ("Pilih mandiri, apbd_kota, apbd_provinsi, apbn, desa_adat atau sponsor.",
                    "Choose mandiri, apbd_kota, apbd_provinsi, apbn, desa_adat or sponsor."),
}, output_names=_OUTPUT_FIELDS)
FIELD_NAMES: tuple[str, ...] = ENROLLMENT_CODEC.field_names
# the documented JSON object of a record (dates as ISO text, enums as their codes)
enrollment_to_json: Callable[[Enrollment], dict[str, Any]] = ENROLLMENT_CODEC.to_json


def enrollment_from_json(data: Any) -> tuple[Enrollment, list[FieldIssue]]:
    """Builds a record from its JSON object; field-level type errors come back as issues.

    Unknown field names are errors too, so a misspelt field is not silently ignored.
    """
    if not isinstance(data, dict):
        return Enrollment(), [error("record", "type", "Setiap data peserta harus objek JSON.",
                                    "Each enrollment must be a JSON object.")]
    record, issues = ENROLLMENT_CODEC.from_json(data)
    # too long, or a control character: refused here already, so such a value never reaches
    # a database (the office's PostgreSQL cannot even store NUL) and is never echoed back
    return record, issues + record_text_issues(record)
