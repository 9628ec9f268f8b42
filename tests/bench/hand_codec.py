"""The hand-written codecs of an enrollment as they stood before the derived ones (commit
219fe69: ``domain/enrollment.py`` and ``store/records.py``), kept as the codec bench's floor
and as the reference its outputs are compared with. Not used by the application."""

from dataclasses import fields
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from desktop_app.domain.enrollment import (
    Beneficiary,
    Consent,
    Enrollment,
    OversizedNumber,
    parse_iso_date,
)
from desktop_app.domain.funding import REQUIRED_PROGRAMS, FundingSource, Program
from desktop_app.domain.messages import FieldIssue, error
from desktop_app.domain.months import YearMonth
from desktop_app.domain.nik import Sex
from desktop_app.domain.text_bounds import SHOWN_CHARACTERS, record_text_issues, shown

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


_PLAIN_COLUMNS = ("nik", "full_name", "birth_place", "birth_date", "address", "desa_code",
                  "banjar", "phone", "occupation", "occupation_other", "monthly_income",
                  "payment_months", "sponsor_name", "kk_number", "notes")


def record_columns(record: Enrollment) -> dict[str, Any]:
    """The column values that hold a record (no status, revision or ownership)."""
    return {
        **{name: getattr(record, name) for name in _PLAIN_COLUMNS},
        "sex": str(record.sex) if record.sex else None,
        "programs": ",".join(str(p) for p in record.programs),
        "first_month": str(record.first_month) if record.first_month else None,
        "funding_source": str(record.funding_source),
        "beneficiary_name": record.beneficiary.name,
        "beneficiary_relationship": record.beneficiary.relationship,
        "beneficiary_phone": record.beneficiary.phone,
        "consent_given": record.consent.given,
        "consent_text_version": record.consent.text_version,
        "consent_recorded_by": record.consent.recorded_by,
        "consent_recorded_at": record.consent.recorded_at,
    }


def record_from_row(row: SimpleNamespace) -> Enrollment:
    """The record held by an ``enrollment`` row (an ORM object, or its column values as
    attributes)."""
    return Enrollment(
        **{name: getattr(row, name) for name in _PLAIN_COLUMNS},
        sex=Sex(row.sex) if row.sex else None,
        programs=tuple(Program(p) for p in row.programs.split(",") if p),
        first_month=YearMonth.parse(row.first_month) if row.first_month else None,
        funding_source=FundingSource(row.funding_source),
        beneficiary=Beneficiary(row.beneficiary_name, row.beneficiary_relationship,
                                row.beneficiary_phone),
        consent=Consent(row.consent_given, row.consent_text_version, row.consent_recorded_by,
                        row.consent_recorded_at),
    )
