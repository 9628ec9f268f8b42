"""The enrollment record and its JSON form.

The JSON field names here are the ones the CLI, the sync API and the exports all use; they are
documented in the README and must stay stable.
"""

import re
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from desktop_app.domain.funding import REQUIRED_PROGRAMS, FundingSource, Program
from desktop_app.domain.messages import FieldIssue, error
from desktop_app.domain.months import YearMonth
from desktop_app.domain.nik import Sex
from desktop_app.domain.text_bounds import SHOWN_CHARACTERS, record_text_issues, shown


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


FIELD_NAMES = tuple(f.name for f in fields(Enrollment))
LARGEST_NUMBER = 10**15  # beyond any rupiah amount; keeps typos from reaching the database
_NUMBER_DIGITS = 20  # more digits than any field's number: read as OversizedNumber
_UNKNOWN_SHOWN = 10  # unknown field names named in the issues (a broken file may hold many)
_TEXT_FIELDS = ("nik", "full_name", "birth_place", "address", "desa_code", "banjar", "phone",
                "occupation", "occupation_other", "sponsor_name", "kk_number", "notes")
# what output adds: accepted on input and ignored, so a record can be sent back as printed
# (``show --json`` adds the history)
_OUTPUT_FIELDS = ("id", "status", "revision", "warnings", "officer_id", "device_id", "visit_id",
                  "created_at", "updated_at", "history")
_INPUT_NAMES = frozenset((*FIELD_NAMES, *_OUTPUT_FIELDS))
_BENEFICIARY_NAMES = frozenset(f.name for f in fields(Beneficiary))
_CONSENT_NAMES = frozenset(f.name for f in fields(Consent))
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def enrollment_to_json(record: Enrollment) -> dict[str, Any]:
    """The documented JSON object of a record (dates as ISO text, enums as their codes)."""
    consent = record.consent
    return {
        **{name: getattr(record, name) for name in _TEXT_FIELDS},
        "birth_date": record.birth_date.isoformat() if record.birth_date else None,
        "sex": str(record.sex) if record.sex else None,
        "monthly_income": record.monthly_income,
        "programs": [str(p) for p in record.programs],
        "payment_months": record.payment_months,
        "first_month": str(record.first_month) if record.first_month else None,
        "funding_source": str(record.funding_source),
        "beneficiary": None if record.beneficiary.is_empty else {
            "name": record.beneficiary.name,
            "relationship": record.beneficiary.relationship,
            "phone": record.beneficiary.phone,
        },
        "consent": {
            "given": consent.given,
            "text_version": consent.text_version,
            "recorded_by": consent.recorded_by,
            "recorded_at": consent.recorded_at.isoformat() if consent.recorded_at else None,
        },
    }


class OversizedNumber:
    """A JSON integer with more digits than any field holds, as ``json_integer`` reads it:
    Python refuses to make an int of 4,300 digits or more, and no field needs 20, so the
    field that holds it is refused ("too large") instead of the whole file failing."""

    def __init__(self, digits: str) -> None:
        self.digit_count = len(digits.lstrip("-"))

    def __repr__(self) -> str:
        return f"<a number of {self.digit_count} digits>"


def json_integer(digits: str) -> int | OversizedNumber:
    """``parse_int`` for ``json.loads`` of records: huge numbers become OversizedNumber."""
    return int(digits) if len(digits) <= _NUMBER_DIGITS else OversizedNumber(digits)


def parse_iso_date(text: str) -> date:
    """Exactly ``YYYY-MM-DD`` (Python alone would also take ``19850817`` and week dates)."""
    if not _ISO_DATE.fullmatch(text):
        raise ValueError(f"not a YYYY-MM-DD date: {text!r}")
    return date.fromisoformat(text)


class _Reader:
    """Reads one JSON object field by field, collecting a type error per bad field."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.issues: list[FieldIssue] = []

    def bad(self, name: str, id_text: str, en_text: str) -> None:
        self.issues.append(error(name, "type", id_text, en_text))

    def text(self, name: str, data: dict[str, Any] | None = None) -> str:
        value = (self.data if data is None else data).get(name.rsplit(".", 1)[-1])
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        self.bad(name, f"{name} harus berupa teks dalam tanda kutip.",
                 f"{name} must be text in quotes.")
        return ""

    def whole_number(self, name: str, default: int | None) -> int | None:
        value = self.data.get(name)
        if value is None:
            return default
        if isinstance(value, OversizedNumber | int) and not isinstance(value, bool):
            if isinstance(value, int) and abs(value) <= LARGEST_NUMBER:
                return value
            self.bad(name, f"{name} terlalu besar; periksa jumlah angkanya.",
                     f"{name} is too large; check the number of digits.")
            return default
        self.bad(name, f"{name} harus berupa bilangan bulat (tanpa titik atau teks).",
                 f"{name} must be a whole number (no dots or text).")
        return default

    def parsed(self, name: str, parse: Any, hint_id: str, hint_en: str) -> Any:
        value = self.data.get(name)
        if value is None:
            return None
        try:
            if not isinstance(value, str):
                raise TypeError(value)
            return parse(value)
        except (TypeError, ValueError):
            self.bad(name, f"{name} tidak sah: {shown(value)}. {hint_id}",
                     f"{name} is not valid: {shown(value)}. {hint_en}")
            return None

    def unknown(self, name: str) -> None:
        self.bad(name[:SHOWN_CHARACTERS],
                 f"Nama kolom {shown(name)} tidak dikenal. Lihat daftar nama kolom di README.",
                 f"Unknown field name {shown(name)}. See the list of field names in the README.")

    def obj(self, name: str, known: frozenset[str]) -> dict[str, Any]:
        value = self.data.get(name)
        if value is None:
            return {}
        if isinstance(value, dict):
            for key in sorted(set(value) - known, key=str)[:_UNKNOWN_SHOWN]:
                self.unknown(f"{name}.{key}")
            return value
        self.bad(name, f"{name} harus berupa objek JSON.", f"{name} must be a JSON object.")
        return {}


def enrollment_from_json(data: Any) -> tuple[Enrollment, list[FieldIssue]]:
    """Builds a record from its JSON object; field-level type errors come back as issues.

    Unknown field names are errors too, so a misspelt field is not silently ignored.
    """
    if not isinstance(data, dict):
        return Enrollment(), [error("record", "type", "Setiap data peserta harus objek JSON.",
                                    "Each enrollment must be a JSON object.")]
    reader = _Reader(data)
    if not _INPUT_NAMES.issuperset(data):
        for name in sorted(set(data) - _INPUT_NAMES, key=str)[:_UNKNOWN_SHOWN]:
            reader.unknown(name)

    texts = {}
    for name in _TEXT_FIELDS:  # text as it should be, read directly: the office reads
        value = data.get(name)  # thousands of records a second
        texts[name] = value if value.__class__ is str else reader.text(name)
    programs_raw = data.get("programs")
    programs: tuple[Program, ...] = REQUIRED_PROGRAMS
    if programs_raw is not None:
        try:
            if not isinstance(programs_raw, list):
                raise TypeError(programs_raw)
            programs = tuple(Program(p) for p in programs_raw)
        except (TypeError, ValueError):
            reader.bad("programs", "programs harus daftar berisi JKK, JKM dan/atau JHT.",
                       "programs must be a list of JKK, JKM and/or JHT.")
    funding = reader.parsed("funding_source", FundingSource,
                            "Pilih mandiri, apbd_kota, apbd_provinsi, apbn, desa_adat atau "
                            "sponsor.",
                            "Choose mandiri, apbd_kota, apbd_provinsi, apbn, desa_adat or sponsor.")
    beneficiary = reader.obj("beneficiary", _BENEFICIARY_NAMES)
    consent = reader.obj("consent", _CONSENT_NAMES)
    given = consent.get("given", False)
    if not isinstance(given, bool):
        reader.bad("consent.given", "consent.given harus true atau false.",
                   "consent.given must be true or false.")
        given = False
    recorded_at = None
    if consent.get("recorded_at"):
        try:
            recorded_at = datetime.fromisoformat(consent["recorded_at"])
        except (TypeError, ValueError):
            reader.bad("consent.recorded_at", "consent.recorded_at harus waktu ISO 8601.",
                       "consent.recorded_at must be an ISO 8601 timestamp.")
    record = Enrollment(
        **texts,
        birth_date=reader.parsed("birth_date", parse_iso_date,
                                 "Tulis sebagai YYYY-MM-DD, mis. 1980-05-10.",
                                 "Write it as YYYY-MM-DD, e.g. 1980-05-10."),
        sex=reader.parsed("sex", Sex, "Tulis L (laki-laki) atau P (perempuan).",
                          "Write L (male) or P (female)."),
        monthly_income=reader.whole_number("monthly_income", None),
        programs=programs,
        payment_months=reader.whole_number("payment_months", 1),
        first_month=reader.parsed("first_month", YearMonth.parse,
                                  "Tulis sebagai YYYY-MM, mis. 2026-04.",
                                  "Write it as YYYY-MM, e.g. 2026-04."),
        funding_source=funding or FundingSource.MANDIRI,
        beneficiary=Beneficiary(
            reader.text("beneficiary.name", beneficiary),
            reader.text("beneficiary.relationship", beneficiary),
            reader.text("beneficiary.phone", beneficiary),
        ),
        consent=Consent(given, reader.text("consent.text_version", consent),
                        reader.text("consent.recorded_by", consent), recorded_at),
    )
    # too long, or a control character: refused here already, so such a value never reaches
    # a database (the office's PostgreSQL cannot even store NUL) and is never echoed back
    return record, reader.issues + record_text_issues(record)
