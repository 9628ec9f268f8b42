"""The one validation of an enrollment, used by the form, the CLI, the Excel import and the office.

``check_enrollment`` normalises what was typed (NIK digits, +62 phone numbers, the canonical banjar
name, birth date and sex filled from the NIK) and returns errors, which block a record from being
ready, and warnings, which are kept with the record for a person to look at.
"""

import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from desktop_app.domain.banjar import canonical_banjar_name
from desktop_app.domain.consent import consent_texts
from desktop_app.domain.contribution import ContributionQuote, current_rates, quote_contribution
from desktop_app.domain.enrollment import Beneficiary, Consent, Enrollment
from desktop_app.domain.form_definition import Choice, enrollment_form
from desktop_app.domain.funding import REQUIRED_PROGRAMS, FundingSource, Program
from desktop_app.domain.messages import FieldIssue, error, format_rupiah, warning
from desktop_app.domain.months import YearMonth, age_on
from desktop_app.domain.nik import NikInfo, check_kk_number, parse_nik
from desktop_app.domain.occupations import find_occupation, occupations_starting
from desktop_app.domain.phone import normalize_mobile
from desktop_app.domain.text_bounds import record_text_issues
from desktop_app.domain.wilayah import find_area

MINIMUM_AGE = 15
REFUSAL_AGE = 65  # BPJS is likely to refuse people older than this
INCOME_SANITY_LIMIT = 100_000_000  # above this a typed income earns a second look
INCOME_LIMIT = 10_000_000_000  # above this it is a typing mistake (and beyond storage)
EARLIEST_BIRTH_YEAR = 1900  # before it, a birth date is a typing mistake (0001-01-01)
OLDEST_AGE = 120  # older than this on the enrollment day is a typing mistake too
# what names use between their letters: Gst. Ngurah, Sri-Wahyuni, O'Neil (and its look-alikes)
_NAME_PUNCTUATION = frozenset(" .,'’`-")
# an organisation may also carry numbers and these: "PT Maju & Jaya (Persero)", "Toko 99"
_SPONSOR_PUNCTUATION = frozenset(" .,'’`-&()/")
LATEST_FIRST_MONTH_AHEAD = 12  # months: coverage is paid for now, not years ahead


@dataclass(frozen=True)
class CheckedEnrollment:
    record: Enrollment  # normalised
    issues: tuple[FieldIssue, ...]
    nik_info: NikInfo | None

    @cached_property
    def quote(self) -> ContributionQuote | None:
        """The month-by-month contribution, once the fields that price it are valid."""
        pricing_fields = ("occupation", "monthly_income", "programs", "payment_months",
                          "first_month")
        if any(i.is_error and i.field in pricing_fields for i in self.issues):
            return None
        return record_quote(self.record)

    @cached_property
    def errors(self) -> list[FieldIssue]:
        return [i for i in self.issues if i.is_error]

    @cached_property
    def warnings(self) -> list[FieldIssue]:
        return [i for i in self.issues if not i.is_error]

    @property
    def is_valid(self) -> bool:
        return not self.errors


def record_quote(record: Enrollment) -> ContributionQuote | None:
    """The contribution of a stored (normalised) record, without checking the rest of it:
    exports price thousands of records a second. None when it cannot be priced."""
    occupation = find_occupation(record.occupation)
    income = record.monthly_income
    if occupation is None or record.first_month is None or not income or income <= 0 \
            or income > INCOME_LIMIT:
        return None
    try:
        return quote_contribution(monthly_income=income, programs=record.programs,
                                  months=record.payment_months, first_month=record.first_month,
                                  sector=occupation.sector, funding=record.funding_source)
    except ValueError:  # a period or a month the rates do not cover
        return None


def _required(field: str, label_id: str, label_en: str) -> FieldIssue:
    return error(field, "required", f"{label_id} wajib diisi.", f"{label_en} is required.")


def _is_letter(char: str) -> bool:
    """A letter of any script, or a mark that belongs to one (Balinese vowel signs, an accent
    typed as a separate character). ``²`` and other numbers-as-symbols are not letters, though
    Python's ``\\w`` takes them."""
    return char.isalpha() or unicodedata.category(char).startswith("M")


def _first_outside(value: str, allowed: frozenset[str], digits: bool = False) -> str | None:
    """The first character of ``value`` that is neither a letter nor in ``allowed`` (nor a
    decimal digit, when ``digits``); None when every character is one of those."""
    for char in value:
        if not (char in allowed or _is_letter(char)
                or (digits and unicodedata.category(char) == "Nd")):
            return char
    return None


def _check_name(value: str, field: str, label_id: str, label_en: str) -> list[FieldIssue]:
    """A person's or a place's name: letters of any script, spaces and . , ' - between them.
    One pass over the characters, so a long odd name costs no more than a short one (its
    length is bounded by text_bounds, before this check)."""
    if not value:
        return [_required(field, label_id, label_en)]
    if not _is_letter(value[0]):
        return [error(field, "name_format",
                      f"{label_id} harus diawali huruf, bukan {value[0]!r}.",
                      f"{label_en} must begin with a letter, not {value[0]!r}.")]
    if (bad := _first_outside(value, _NAME_PUNCTUATION)) is not None:
        return [error(field, "name_format",
                      f"{label_id} tidak boleh berisi {bad!r}: hanya huruf, spasi, titik, koma, "
                      "tanda hubung dan apostrof. Tulis sesuai KTP.",
                      f"{label_en} cannot contain {bad!r}: only letters, spaces, dots, commas, "
                      "hyphens and apostrophes. Write it as on the ID card.")]
    return []


def _check_sponsor_name(value: str) -> list[FieldIssue]:
    """An organisation's name: as a person's, and also digits and & ( ) /."""
    label_id, label_en = "Nama sponsor/CSR", "Sponsor/CSR name"
    if (bad := _first_outside(value, _SPONSOR_PUNCTUATION, digits=True)) is not None:
        return [error("sponsor_name", "name_format",
                      f"{label_id} tidak boleh berisi {bad!r}: hanya huruf, angka, spasi dan "
                      ". , ' - & ( ) /.",
                      f"{label_en} cannot contain {bad!r}: only letters, digits, spaces and "
                      ". , ' - & ( ) /.")]
    return []


def _check_phone(value: str, field: str, label_id: str, label_en: str) -> tuple[str, list]:
    if not value.strip():
        return "", []
    normalised = normalize_mobile(value)
    if normalised is None:
        return value.strip(), [error(
            field, "phone_format",
            f"{label_id} harus nomor HP Indonesia, mis. 0812 3456 7890 atau +62 812 3456 7890.",
            f"{label_en} must be an Indonesian mobile number, e.g. 0812 3456 7890 or "
            "+62 812 3456 7890.")]
    return normalised, []


def _check_identity(record: Enrollment, on: date) -> tuple[dict, NikInfo | None, list]:
    parsed = parse_nik(record.nik, today=on)
    issues = list(parsed.issues)
    info = parsed.info
    birth_date, sex = record.birth_date, record.sex
    if info is not None:
        if birth_date is None:
            birth_date = info.birth_date
        elif birth_date != info.birth_date:
            issues.append(warning(
                "birth_date", "nik_mismatch",
                f"Tanggal lahir berbeda dengan yang tertulis di NIK "
                f"({info.birth_date:%d-%m-%Y}). Periksa KTP; NIK tidak diubah.",
                f"The birth date differs from the one in the NIK ({info.birth_date:%d-%m-%Y}). "
                "Check the ID card; the NIK is never changed."))
        if sex is None:
            sex = info.sex
        elif sex != info.sex:
            issues.append(warning(
                "sex", "nik_mismatch",
                "Jenis kelamin berbeda dengan yang tertulis di NIK. Periksa KTP; NIK tidak diubah.",
                "The sex differs from the one in the NIK. Check the ID card; the NIK is never "
                "changed."))
    full_name = " ".join(record.full_name.split())
    birth_place = " ".join(record.birth_place.split())
    issues += _check_name(full_name, "full_name", "Nama lengkap", "Full name")
    issues += _check_name(birth_place, "birth_place", "Tempat lahir", "Place of birth")
    if birth_date is None:
        issues.append(_required("birth_date", "Tanggal lahir", "Date of birth"))
    elif birth_date > on:
        issues.append(error("birth_date", "future", "Tanggal lahir tidak boleh di masa depan.",
                            "The date of birth cannot be in the future."))
    elif birth_date.year < EARLIEST_BIRTH_YEAR:
        issues.append(error(
            "birth_date", "too_early",
            f"Tanggal lahir {birth_date:%d-%m-%Y} sebelum tahun {EARLIEST_BIRTH_YEAR}: periksa "
            "tahunnya (ketik 4 angka, mis. 17081985).",
            f"The date of birth {birth_date:%d-%m-%Y} is before {EARLIEST_BIRTH_YEAR}: check "
            "the year (type 4 digits, e.g. 17081985)."))
    else:
        age = age_on(birth_date, on)
        if age > OLDEST_AGE:
            issues.append(error(
                "birth_date", "too_old",
                f"Umur {age} tahun: lebih dari {OLDEST_AGE} tahun, tanggal lahir pasti salah "
                "ketik. Periksa KTP.",
                f"Age {age}: over {OLDEST_AGE}, the date of birth must be mistyped. Check the "
                "ID card."))
        elif age < MINIMUM_AGE:
            issues.append(error(
                "birth_date", "too_young",
                f"Umur {age} tahun: peserta BPU paling muda {MINIMUM_AGE} tahun.",
                f"Age {age}: BPU participants must be at least {MINIMUM_AGE}."))
        elif age > REFUSAL_AGE:
            issues.append(warning(
                "birth_date", "over_age",
                f"Umur {age} tahun: di atas {REFUSAL_AGE} tahun, pendaftaran kemungkinan besar "
                "ditolak BPJS Ketenagakerjaan. Beri tahu peserta sebelum membayar.",
                f"Age {age}: over {REFUSAL_AGE}, BPJS Ketenagakerjaan is likely to refuse the "
                "enrollment. Tell the person before they pay."))
    if sex is None:
        issues.append(_required("sex", "Jenis kelamin", "Sex"))
    kk_number, kk_issues = ("", ())
    if record.kk_number.strip():
        kk_number, kk_issues = check_kk_number(record.kk_number)
    issues += kk_issues
    normalised = {"nik": parsed.nik, "full_name": full_name, "birth_place": birth_place,
                  "birth_date": birth_date, "sex": sex, "kk_number": kk_number}
    return normalised, info, issues


def check_place(desa_code: str, banjar: str) -> tuple[str, str, list[FieldIssue]]:
    """A desa/kelurahan code and a banjar, as an enrollment's address or a visit's place.

    Returns the code without dots, the banjar's canonical name, and the issues.
    """
    issues: list[FieldIssue] = []
    code = desa_code.replace(".", "").strip()
    if not code:
        issues.append(_required("desa_code", "Desa/kelurahan", "Village"))
    elif not (code.isascii() and code.isdigit() and len(code) == 10):
        issues.append(error("desa_code", "format",
                            "Kode desa/kelurahan harus 10 angka (mis. 5171041004). Pilih dari "
                            "daftar.",
                            "The village code must be 10 digits (e.g. 5171041004). Choose it from "
                            "the list."))
    elif find_area(code) is None:
        issues.append(warning("desa_code", "unknown",
                              f"Kode desa/kelurahan {code} tidak ada di daftar wilayah "
                              "referensi.",
                              f"Village code {code} is not in the reference list."))
    name = canonical_banjar_name(banjar, code)
    if not name:
        issues.append(_required("banjar", "Banjar", "Banjar"))
    return code, name, issues


def _check_address(record: Enrollment) -> tuple[dict, list[FieldIssue]]:
    issues: list[FieldIssue] = []
    address = " ".join(record.address.split())
    if not address:
        issues.append(_required("address", "Alamat", "Address"))
    desa_code, banjar, place_issues = check_place(record.desa_code, record.banjar)
    issues += place_issues
    phone, phone_issues = _check_phone(record.phone, "phone", "Nomor HP", "Mobile number")
    issues += phone_issues
    return {"address": address, "desa_code": desa_code, "banjar": banjar,
            "phone": phone}, issues


def _check_work(record: Enrollment, on: date) -> tuple[dict, list[FieldIssue]]:
    issues: list[FieldIssue] = []
    occupation = find_occupation(record.occupation)
    occupation_other = " ".join(record.occupation_other.split())
    if not record.occupation:
        issues.append(_required("occupation", "Pekerjaan", "Occupation"))
    elif occupation is None and len(meant := occupations_starting(record.occupation)) > 1:
        issues.append(error("occupation", "ambiguous",
                            f"{record.occupation!r} cocok dengan beberapa pekerjaan: "
                            + ", ".join(o.label.id for o in meant) + ". Pilih salah satu.",
                            f"{record.occupation!r} fits several occupations: "
                            + ", ".join(o.label.en for o in meant) + ". Choose one."))
    elif occupation is None:
        issues.append(error("occupation", "unknown",
                            f"Pekerjaan {record.occupation!r} tidak ada di daftar. Pilih dari "
                            "daftar, atau 'lainnya' lalu tulis pekerjaannya.",
                            f"Occupation {record.occupation!r} is not in the list. Choose one, or "
                            "'lainnya' and write the occupation in."))
    elif occupation.needs_free_text and not occupation_other:
        issues.append(_required("occupation_other", "Pekerjaan lainnya", "Other occupation"))

    income = record.monthly_income
    rates = current_rates()
    if income is None:
        issues.append(_required("monthly_income", "Penghasilan per bulan", "Monthly income"))
    elif income <= 0:
        issues.append(error("monthly_income", "not_positive",
                            "Penghasilan per bulan harus lebih dari Rp0.",
                            "Monthly income must be more than Rp0."))
    else:
        in_force = max(YearMonth.of(on), rates.schedules[0].effective_from)
        minimum = rates.schedule_for(in_force).income_base_minimum
        if income < minimum:
            issues.append(warning(
                "monthly_income", "below_base",
                f"Penghasilan di bawah {format_rupiah(minimum)}: iuran dihitung dari "
                f"{format_rupiah(minimum)}.",
                f"Income below {format_rupiah(minimum)}: contributions are computed from "
                f"{format_rupiah(minimum)}."))
        elif income > INCOME_LIMIT:
            issues.append(error(
                "monthly_income", "too_high",
                f"Penghasilan per bulan paling banyak {format_rupiah(INCOME_LIMIT)}. Periksa "
                "jumlah nol.",
                f"Monthly income can be at most {format_rupiah(INCOME_LIMIT)}. Check the zeros."))
        elif income > INCOME_SANITY_LIMIT:
            issues.append(warning(
                "monthly_income", "very_high",
                f"Penghasilan {format_rupiah(income)} per bulan sangat besar. Periksa jumlah nol.",
                f"An income of {format_rupiah(income)} a month is very high. Check the zeros."))

    programs = tuple(p for p in Program if p in record.programs)
    if any(p not in programs for p in REQUIRED_PROGRAMS):
        issues.append(error("programs", "required_programs",
                            "JKK dan JKM wajib diikuti; JHT boleh dipilih.",
                            "JKK and JKM are required; JHT is optional."))
    if record.payment_months not in rates.payment_month_choices:
        choices = ", ".join(str(c) for c in rates.payment_month_choices)
        issues.append(error("payment_months", "choice",
                            f"Lama pembayaran harus {choices} bulan.",
                            f"The payment period must be {choices} months."))
    first_month = record.first_month or YearMonth.of(on)
    latest = YearMonth.of(on).plus(LATEST_FIRST_MONTH_AHEAD)
    earliest_rates = rates.schedules[0].effective_from
    if first_month > latest:
        issues.append(error("first_month", "too_far",
                            f"Bulan pertama paling lambat {latest} (12 bulan dari sekarang).",
                            f"The first month can be {latest} at the latest (12 months ahead)."))
    elif first_month < earliest_rates:
        issues.append(error("first_month", "no_rates",
                            f"Tidak ada tarif iuran untuk {first_month}; bulan pertama paling "
                            f"awal {earliest_rates}.",
                            f"There are no contribution rates for {first_month}; the first "
                            f"month can be {earliest_rates} at the earliest."))
    elif first_month < YearMonth.of(on):
        issues.append(warning("first_month", "past",
                              f"Bulan pertama {first_month} sudah lewat; BPJS biasanya tidak "
                              "menerima iuran untuk bulan yang lalu.",
                              f"First month {first_month} is in the past; BPJS usually does not "
                              "take contributions for past months."))
    sponsor_name = " ".join(record.sponsor_name.split())
    if record.funding_source is FundingSource.SPONSOR and not sponsor_name:
        issues.append(_required("sponsor_name", "Nama sponsor/CSR", "Sponsor/CSR name"))
    elif record.funding_source is not FundingSource.SPONSOR and sponsor_name:
        issues.append(warning("sponsor_name", "unused",
                              "Nama sponsor diisi, tetapi sumber dana bukan Sponsor/CSR.",
                              "A sponsor name is given, but the funding source is not "
                              "Sponsor/CSR."))
    if sponsor_name:
        issues += _check_sponsor_name(sponsor_name)

    normalised = {"occupation_other": occupation_other, "programs": programs,
                  "first_month": first_month, "sponsor_name": sponsor_name}
    return normalised, issues


def _check_beneficiary_and_consent(record: Enrollment) -> tuple[dict, list[FieldIssue]]:
    issues: list[FieldIssue] = []
    beneficiary = record.beneficiary
    name = " ".join(beneficiary.name.split())
    phone, phone_issues = _check_phone(beneficiary.phone, "beneficiary.phone",
                                       "Nomor HP ahli waris", "Beneficiary's mobile")
    if not beneficiary.is_blank:
        issues += _check_name(name, "beneficiary.name", "Nama ahli waris", "Beneficiary's name")
        relationships = enrollment_form().choices("relationships")
        if beneficiary.relationship.strip() not in {c.code for c in relationships}:
            issues.append(error("beneficiary.relationship", "choice",
                                "Pilih hubungan ahli waris: " + _choice_names(relationships, "id"),
                                "Choose the beneficiary's relationship: "
                                + _choice_names(relationships, "en")))
        issues += phone_issues

    consent = record.consent
    texts = consent_texts()
    version = consent.text_version or (texts.current if consent.given else "")
    if not consent.given:
        issues.append(error("consent.given", "required",
                            "Persetujuan peserta belum dicatat. Bacakan teks persetujuan dan "
                            "centang bila peserta setuju.",
                            "The participant's consent is not recorded. Read out the consent text "
                            "and tick when they agree."))
    elif version not in texts.versions:
        issues.append(error("consent.text_version", "unknown",
                            f"Versi teks persetujuan {version!r} tidak dikenal.",
                            f"Consent text version {version!r} is unknown."))
    kept = Beneficiary() if beneficiary.is_blank else Beneficiary(
        name, beneficiary.relationship.strip(), phone)
    normalised = {
        "beneficiary": kept,
        "consent": Consent(consent.given, version, consent.recorded_by, consent.recorded_at),
        "notes": record.notes.strip(),
    }
    return normalised, issues


def _choice_names(choices: tuple[Choice, ...], language: str) -> str:
    """The choices as the form shows them; the code follows where a script must type it
    differently ("Orang tua (orang_tua)")."""
    names = []
    for choice in choices:
        label = getattr(choice.label, language)
        names.append(label if label.casefold() == choice.code else f"{label} ({choice.code})")
    return ", ".join(names)


def check_enrollment(record: Enrollment, *, on: date) -> CheckedEnrollment:
    """Normalises and validates one enrollment as of the day it is made (``on``)."""
    # lengths and characters first (text_bounds): a field refused there gets that one
    # issue, not also the field's own checks, which would quote a huge value back
    bounds = record_text_issues(record)
    identity, nik_info, issues = _check_identity(record, on)
    address, address_issues = _check_address(record)
    work, work_issues = _check_work(record, on)
    other, other_issues = _check_beneficiary_and_consent(record)
    normalised = record.with_changes(**identity, **address, **work, **other)
    issues += address_issues + work_issues + other_issues
    if bounds:
        refused = {issue.field for issue in bounds}
        issues = bounds + [issue for issue in issues if issue.field not in refused]
        if "nik" in refused:
            nik_info = None  # a NIK that is not one identifies no one
    return CheckedEnrollment(normalised, tuple(issues), nik_info)
