"""NIK (Nomor Induk Kependudukan) and KK numbers: normalising, parsing and checking.

A NIK is 16 digits: ``PP RR DD`` the kecamatan where it was first issued (Kemendagri codes),
``dd mm yy`` the birth date with 40 added to the day for women, then a 4-digit serial. There is
no check digit, so only the structure can be checked. Structural faults are errors; a kecamatan
missing from the reference list is only a warning, because NIKs are never corrected and people
move (a valid NIK can carry a renumbered or out-of-area code).
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desktop_app.domain.messages import FieldIssue, error, warning
from desktop_app.domain.wilayah import find_area, province_codes

NIK_LENGTH = 16
_IGNORED_SEPARATORS = str.maketrans("", "", " .-\t\u00a0")


class Sex(StrEnum):
    MALE = "L"  # laki-laki
    FEMALE = "P"  # perempuan


@dataclass(frozen=True)
class NikInfo:
    """What a structurally valid NIK says about its holder."""

    nik: str
    province_code: str
    province_name: str
    regency_code: str
    regency_name: str | None
    district_code: str
    district_name: str | None
    birth_date: date
    sex: Sex

    def to_json(self) -> dict[str, object]:
        return {
            "nik": self.nik,
            "province_code": self.province_code,
            "province_name": self.province_name,
            "regency_code": self.regency_code,
            "regency_name": self.regency_name,
            "district_code": self.district_code,
            "district_name": self.district_name,
            "birth_date": self.birth_date.isoformat(),
            "sex": str(self.sex),
        }

    @property
    def place_of_issue(self) -> str:
        """``Denpasar Utara, Kota Denpasar, Bali``: as much as the reference list knows."""
        parts = [self.district_name, self.regency_name, self.province_name]
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True)
class NikParse:
    """The normalised number, what it says (when its structure is valid) and its issues."""

    nik: str
    info: NikInfo | None
    issues: tuple[FieldIssue, ...]

    @property
    def is_valid(self) -> bool:
        return self.info is not None and not any(i.is_error for i in self.issues)


def normalize_number(raw: str) -> str:
    """Strips the spaces, dots and dashes people type into NIK and KK numbers."""
    return raw.strip().translate(_IGNORED_SEPARATORS)


def birth_year(two_digits: int, month: int, day: int, today: date) -> int:
    """20YY unless that birthday is still in the future, else 19YY (a 2005 birth is not 1905)."""
    recent = 2000 + two_digits
    return recent if (recent, month, day) <= (today.year, today.month, today.day) else recent - 100


def _check_digits(number: str, field: str, label: tuple[str, str]) -> list[FieldIssue]:
    name_id, name_en = label
    if not number:
        return [error(field, "required", f"{name_id} wajib diisi.", f"{name_en} is required.")]
    if not (number.isascii() and number.isdigit()):
        return [error(field, "not_digits",
                      f"{name_id} hanya boleh berisi angka 0-9 (spasi, titik dan tanda hubung "
                      "boleh dan diabaikan).",
                      f"{name_en} may contain only digits 0-9 (spaces, dots and dashes are "
                      "ignored).")]
    if len(number) != NIK_LENGTH:
        return [error(field, "length",
                      f"{name_id} harus 16 angka; yang diisi {len(number)} angka. Salin ulang dari "
                      "KTP/KK.",
                      f"{name_en} must have 16 digits; {len(number)} were given. Copy it again "
                      "from the card.")]
    return []


def _check_area(number: str, field: str, name_id: str, name_en: str) -> list[FieldIssue]:
    province, regency, district = number[:2], number[2:4], number[4:6]
    if province not in province_codes():
        return [error(field, "province",
                      f"Kode provinsi {province} (2 angka pertama {name_id}) tidak ada. Periksa "
                      "kembali angkanya di kartu.",
                      f"Province code {province} (first 2 digits of the {name_en}) does not "
                      "exist. Check the digits on the card.")]
    if regency == "00" or district == "00":
        return [error(field, "area",
                      f"Kode kabupaten/kota dan kecamatan (angka ke-3 s.d. 6 {name_id}) tidak "
                      "boleh 00. Periksa kembali angkanya di kartu.",
                      f"Regency and district codes (digits 3-6 of the {name_en}) cannot be 00. "
                      "Check the digits on the card.")]
    if find_area(number[:6]) is None:
        return [warning(field, "district_unknown",
                        f"Kode kecamatan {number[:6]} pada {name_id} tidak ada di daftar wilayah "
                        "referensi. Nomor tetap diterima; pastikan angkanya sesuai kartu.",
                        f"District code {number[:6]} of the {name_en} is not in the reference "
                        "list. The number is accepted; make sure it matches the card.")]
    return []


def parse_nik(raw: str, *, today: date, field: str = "nik") -> NikParse:
    """Normalises and checks a NIK; on valid structure returns what it encodes."""
    nik = normalize_number(raw)
    issues = _check_digits(nik, field, ("NIK", "NIK"))
    if issues:
        return NikParse(nik, None, tuple(issues))
    issues = _check_area(nik, field, "NIK", "NIK")
    if any(i.is_error for i in issues):
        return NikParse(nik, None, tuple(issues))

    day_code, month, year_code = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    sex = Sex.FEMALE if day_code > 40 else Sex.MALE
    day = day_code - 40 if sex is Sex.FEMALE else day_code
    structure: list[FieldIssue] = []
    if not 1 <= day <= 31:
        structure.append(error(
            field, "birth_day",
            f"Angka ke-7 dan 8 NIK ({nik[6:8]}) harus tanggal lahir: 01-31 untuk laki-laki, "
            "41-71 untuk perempuan. Periksa kembali NIK di KTP.",
            f"Digits 7-8 of the NIK ({nik[6:8]}) must be the birth day: 01-31 for men, 41-71 "
            "for women. Check the NIK on the ID card."))
    if not 1 <= month <= 12:
        structure.append(error(
            field, "birth_month",
            f"Angka ke-9 dan 10 NIK ({nik[8:10]}) harus bulan lahir 01-12. Periksa kembali NIK "
            "di KTP.",
            f"Digits 9-10 of the NIK ({nik[8:10]}) must be the birth month 01-12. Check the NIK "
            "on the ID card."))
    birth: date | None = None
    if not structure:
        year = birth_year(year_code, month, day, today)
        try:
            birth = date(year, month, day)
        except ValueError:
            structure.append(error(
                field, "birth_date",
                f"Tanggal lahir pada NIK ({day:02d}-{month:02d}-{year}) tidak ada di kalender. "
                "Periksa kembali NIK di KTP.",
                f"The birth date in the NIK ({day:02d}-{month:02d}-{year}) does not exist. Check "
                "the NIK on the ID card."))
    if nik[12:] == "0000":
        structure.append(error(
            field, "serial",
            "Nomor urut NIK (4 angka terakhir) tidak boleh 0000. Periksa kembali NIK di KTP.",
            "The NIK serial (last 4 digits) cannot be 0000. Check the NIK on the ID card."))
    if structure or birth is None:
        return NikParse(nik, None, tuple(issues + structure))

    province = find_area(nik[:2])
    regency = find_area(nik[:4])
    district = find_area(nik[:6])
    info = NikInfo(
        nik=nik,
        province_code=nik[:2],
        province_name=province.name if province else "",
        regency_code=nik[:4],
        regency_name=regency.name if regency else None,
        district_code=nik[:6],
        district_name=district.name if district else None,
        birth_date=birth,
        sex=sex,
    )
    return NikParse(nik, info, tuple(issues))


def check_kk_number(raw: str, *, field: str = "kk_number") -> tuple[str, tuple[FieldIssue, ...]]:
    """A KK (family card) number: 16 digits with the same area prefix rule as a NIK, no sex rule.

    Returns the normalised number and its issues. A KK number is never a key.
    """
    number = normalize_number(raw)
    issues = _check_digits(number, field, ("Nomor KK", "KK number"))
    if not issues:
        issues = _check_area(number, field, "nomor KK", "KK number")
    return number, tuple(issues)
