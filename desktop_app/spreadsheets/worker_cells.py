"""Reading a worker list's cells as Excel holds them.

Cells hold real dates, Excel serial numbers or text (read by ``typed_values``, as the form
reads what is typed); numbers where text belongs; and, worst, NIKs that Excel already damaged.
Excel keeps 15 significant digits, so 5171045005800012 becomes 5171045005800010 or shows as
5.17105E+15. Such a NIK is never stored: the row is refused with what to do. The header row
need not be the first; its headers are the domain's vocabulary (domain/spreadsheet_columns.py).

Each row becomes the documented JSON form of a record, plus the problems met reading it. The
record then goes through ``enrollment_from_json`` and ``check_enrollment`` like any other.
Consent is never read from a list: it is recorded by the officer at the visit, so imported
records are drafts until then.
"""

import re
from functools import cache
from typing import Any

from desktop_app.domain.form_definition import enrollment_form
from desktop_app.domain.messages import FieldIssue, error
from desktop_app.domain.occupations import occupations
from desktop_app.domain.spreadsheet_columns import header_key
from desktop_app.domain.typed_values import read_date, read_month, read_month_count, read_rupiah
from desktop_app.domain.wilayah import villages

HEADER_SCAN_ROWS = 30  # the header row is looked for among the first rows
_SCIENTIFIC = re.compile(r"\s*\d+(?:[.,]\d+)?[eE][+-]?\d+\s*")
_SEXES = {"l": "L", "lk": "L", "laki-laki": "L", "laki laki": "L", "lakilaki": "L", "pria": "L",
          "m": "L", "male": "L", "p": "P", "pr": "P", "perempuan": "P", "wanita": "P",
          "w": "P", "f": "P", "female": "P"}


def _problem(field: str, code: str, id_text: str, en_text: str) -> FieldIssue:
    return error(field, code, id_text, en_text)


def read_nik(value: object) -> tuple[str, FieldIssue | None]:
    """The NIK as text; a NIK Excel has already turned into a number is refused."""
    if value is None:
        return "", None
    if isinstance(value, str) and not _SCIENTIFIC.fullmatch(value):
        return value.strip(), None
    if isinstance(value, int | float) and not isinstance(value, bool):
        whole = int(value) if float(value).is_integer() else None
        digits = str(whole) if whole is not None else ""
        if len(digits) == 16 and not digits.endswith("0"):
            return digits, None  # 16 significant digits: not Excel's 15-digit rounding
    shown = str(value).strip()
    return "", _problem(
        "nik", "excel_number",
        f"NIK {shown} tersimpan sebagai angka, dan Excel hanya menyimpan 15 angka: NIK ini "
        "mungkin sudah berubah. Format kolom NIK sebagai Teks, ketik ulang NIK dari KTP, lalu "
        "kirim lagi.",
        f"NIK {shown} is stored as a number, and Excel keeps only 15 digits: this NIK may "
        "already be changed. Format the NIK column as Text, type the NIK again from the ID "
        "card, and send the file again.")


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _by_code_or_label(value: str, choices: dict[str, tuple[str, ...]]) -> str:
    """A choice's code, typed as the code or as its label in either language."""
    key = header_key(value)
    for code, labels in choices.items():
        if key in {header_key(code), *(header_key(label) for label in labels)}:
            return code
    return value


@cache
def _occupation_names() -> dict[str, tuple[str, ...]]:
    return {o.code: (o.label.id, o.label.en) for o in occupations().values()}


@cache
def _choice_names(name: str) -> dict[str, tuple[str, ...]]:
    return {c.code: (c.label.id, c.label.en) for c in enrollment_form().choices(name)}


def read_desa(value: object) -> str:
    """A desa/kelurahan code (10 digits, dots allowed) or its name (``Tonja``, ``Desa Sanur``)."""
    text = _text(value)
    if re.fullmatch(r"[\d.]+", text):
        return text
    name = re.sub(r"(?i)^(desa|kelurahan|kel\.?|ds\.?)\s+", "", text).casefold()
    matches = [v.code for v in villages() if v.name.casefold() == name]
    return matches[0] if len(matches) == 1 else text


def record_from_cells(cells: dict[str, object]) -> tuple[dict[str, Any], list[FieldIssue]]:
    """One row (field -> cell value) as a record's JSON, and the cells that could not be
    read. Unreadable cells are left empty, so validation names them too."""
    problems: list[FieldIssue] = []

    def keep(result: tuple[Any, FieldIssue | None]) -> Any:
        value, problem = result
        if problem is not None:
            problems.append(problem)
        return value

    record: dict[str, Any] = {}
    beneficiary: dict[str, str] = {}
    for field, value in cells.items():
        if field == "nik":
            record["nik"] = keep(read_nik(value))
        elif field == "birth_date":
            day = keep(read_date(value, field))
            record["birth_date"] = day.isoformat() if day else None
        elif field == "first_month":
            month = keep(read_month(value, field))
            record["first_month"] = str(month) if month else None
        elif field == "monthly_income":  # the form's own reading: 1.500.000,00 is 1500000
            record[field] = keep(read_rupiah(value, field))
        elif field == "payment_months":
            record[field] = keep(read_month_count(value, field))
        elif field == "sex":
            text = _text(value)
            record["sex"] = _SEXES.get(text.casefold(), text) or None
        elif field == "desa_code":
            record["desa_code"] = read_desa(value)
        elif field == "occupation":
            record["occupation"] = _by_code_or_label(_text(value), _occupation_names())
        elif field == "funding_source":
            text = _text(value)
            record["funding_source"] = _by_code_or_label(
                text, _choice_names("funding_sources")) if text else None
        elif field == "programs":
            codes = [p.upper() for p in re.split(r"[\s,;+/&]+", _text(value)) if p]
            record["programs"] = codes or None
        elif field.startswith("beneficiary."):
            beneficiary[field.split(".", 1)[1]] = _text(value)
        else:
            record[field] = _text(value)
    if any(beneficiary.values()):
        relationship = beneficiary.get("relationship", "")
        beneficiary["relationship"] = _by_code_or_label(
            relationship, _choice_names("relationships")) if relationship else ""
        record["beneficiary"] = beneficiary
    return {k: v for k, v in record.items() if v is not None}, problems
