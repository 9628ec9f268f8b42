"""The one reading of typed values: rupiah amounts, calendar months, dates and month counts.

A value reaches the app typed by an officer in the form, typed by someone else into an Excel
list (as text, or as a number or date Excel made of it), or given to the CLI. Each shape has
one rule here, so the same text means the same value wherever it was typed: before, the
Excel reader dropped every separator and read ``1.500.000,00`` as Rp150.000.000 while the
form read Rp1.500.000.

Each reader answers ``(value, None)``, ``(None, issue)`` with a bilingual ``FieldIssue``
naming the field and what to type, or ``(None, None)`` for an empty cell. None guesses:

- **Rupiah** are whole. Indonesian writing comes first: ``.`` groups thousands and ``,``
  starts the sen (``1.500.000``, ``1.500.000,00``, ``Rp 1.500.000,-``). English writing is
  read where it cannot mean anything else: ``1,500,000`` (several groups) and
  ``1,500,000.00`` (both marks). ``1,500`` is refused: 1.500 in English, 1,5 in Indonesian.
  Sen are accepted only when zero (``,00``); ``1,5 juta``/``2 jt``/``750 rb`` are read when
  they come to whole rupiah. A number cell with a fraction of a rupiah is refused, never
  rounded (a formula's result is not what was declared); a negative amount is refused.
- **Months**: ``12/2026``, ``122026``, ``2026-12``, ``Des 2026``, ``Desember 2026``,
  ``December 2026``, a date cell or an Excel serial (its month), or a typed date (its month).
- **Dates**: ``17081985``, ``17/08/1985``, ``17-08-1985``, ``17.08.1985``, ``1985-08-17``,
  ``17 Agustus 1985``, ``17-Agu-1985``, a date cell or an Excel serial number. Years have four
  digits (``17/08/85`` could be 1885 or 1985) and the day must exist.
"""

import re
from datetime import date, datetime, timedelta
from decimal import Decimal

from desktop_app.domain.messages import FieldIssue, error, format_rupiah
from desktop_app.domain.months import YearMonth

MAX_RUPIAH_DIGITS = 15  # Excel keeps 15 digits; far above any income, far below int limits
_SHOWN_CHARS = 24  # a refused value is quoted back only this far (a pasted page is not)
_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1900-01-01 (Excel's 1900 leap day aside)
_LAST_SERIAL = 2_958_465  # 9999-12-31

_MONTH_NAMES = {name: number for number, names in enumerate((
    ("januari", "january", "jan"), ("februari", "february", "feb", "pebruari", "peb"),
    ("maret", "march", "mar"), ("april", "apr"), ("mei", "may"), ("juni", "june", "jun"),
    ("juli", "july", "jul"), ("agustus", "august", "agu", "agt", "ags", "aug"),
    ("september", "sep", "sept"), ("oktober", "october", "okt", "oct"),
    ("november", "nov", "nop", "nopember"), ("desember", "december", "des", "dec")), start=1)
    for name in names}

_SPACES = re.compile(r"[\s\u00a0\u202f]+")  # Excel and phones put no-break spaces in numbers
_RUPIAH_SIGN = re.compile(r"(?i)^(?:rp\.?|idr)")
_NO_SEN = re.compile(r",-$|\.-$")  # Rp1.500.000,- : "and no sen", as receipts write it
_SCALES = {"juta": 1_000_000, "jt": 1_000_000, "ribu": 1_000, "rb": 1_000}
# 1,5 juta; a fraction of one or two digits only, since "1.500 jt" is 1.500 juta in Indonesian
_SCALED = re.compile(r"(\d{1,6})(?:[.,](\d{1,2}))?(juta|jt|ribu|rb)", re.IGNORECASE)
_PLAIN = re.compile(r"\d+")
_ID_GROUPS = re.compile(r"\d{1,3}(?:\.\d{3})+")  # 1.500.000
_EN_GROUPS = re.compile(r"\d{1,3}(?:,\d{3})+")  # 1,500,000
_ID_SEN = re.compile(r"(\d+|\d{1,3}(?:\.\d{3})+),(\d{1,2})")  # 1500,00 1.500.000,00
_EN_SEN = re.compile(r"(\d+|\d{1,3}(?:,\d{3})+)\.(\d{1,2})")  # 1500.00 1,500,000.00
_AMBIGUOUS = re.compile(r"\d{1,3},\d{3}")  # 1,500: English 1500, Indonesian 1,5

_DATE_TEXT = (
    (re.compile(r"(\d{2})(\d{2})(\d{4})"), ("d", "m", "y")),
    (re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})"), ("d", "", "m", "y")),
    (re.compile(r"(\d{4})([/\-])(\d{1,2})\2(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"),
     ("y", "", "m", "d")),
)
_NAMED_DATE = re.compile(r"(\d{1,2})[\s\-/.]+([^\W\d_]+)\.?[\s\-/.]+(\d{4})")
_NUMBER_MONTH = re.compile(r"(\d{1,2})[/.\-]?(\d{4})")
_ISO_MONTH = re.compile(r"(\d{4})[\-/](\d{1,2})")
_NAMED_MONTH = re.compile(r"([^\W\d_]+)\.?[\s\-/.']*(\d{4})")
_COUNT = re.compile(r"(?i)(\d{1,3})\s*(?:bulan|bln|months?)?")


def _shown(value: object) -> str:
    if isinstance(value, int) and value.bit_length() > 64:  # str() of 4,300 digits raises
        return f"{Decimal(value):.3E}"
    text = " ".join(str(value).split())
    return text if len(text) <= _SHOWN_CHARS else text[:_SHOWN_CHARS] + "…"


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# --- rupiah ---------------------------------------------------------------------------------

def _rupiah_issue(field: str, code: str, value: object) -> FieldIssue:
    shown = _shown(value)
    how_id = "Ketik rupiah tanpa sen dengan titik ribuan atau angka saja, mis. 1.500.000."
    how_en = "Type whole rupiah with dots for thousands or digits only, e.g. 1.500.000."
    if code == "ambiguous":
        return error(field, code,
                     f"{shown} bisa dibaca dua cara (seribu lima ratus, atau satu koma lima). "
                     + how_id,
                     f"{shown} reads two ways (one thousand five hundred, or one point "
                     "five). " + how_en)
    if code == "sen":
        return error(field, code, f"{shown} memuat sen: rupiah di sini bulat. " + how_id,
                     f"{shown} has sen: amounts here are whole rupiah. " + how_en)
    if code == "negative":
        return error(field, code, f"{shown} negatif: jumlah rupiah tidak boleh kurang dari 0.",
                     f"{shown} is negative: a rupiah amount cannot be below 0.")
    if code == "too_large":
        return error(field, code, f"{shown} terlalu besar untuk jumlah rupiah. " + how_id,
                     f"{shown} is too large for a rupiah amount. " + how_en)
    return error(field, "format", f"{shown} bukan jumlah rupiah. " + how_id,
                 f"{shown} is not a rupiah amount. " + how_en)


def _whole(amount: Decimal, field: str, value: object) -> tuple[int | None, FieldIssue | None]:
    if amount != amount.to_integral_value():
        return None, _rupiah_issue(field, "sen", value)
    if amount >= 10**MAX_RUPIAH_DIGITS:
        return None, _rupiah_issue(field, "too_large", value)
    return int(amount), None


def _rupiah_text(text: str) -> Decimal | str:
    """The amount a (space-free, sign-free) text writes, or the issue code why not."""
    if scaled := _SCALED.fullmatch(text):
        number = Decimal(f"{scaled[1]}.{scaled[2] or 0}")
        return number * _SCALES[scaled[3].casefold()]
    if _PLAIN.fullmatch(text) or _ID_GROUPS.fullmatch(text) or _EN_GROUPS.fullmatch(text):
        if _AMBIGUOUS.fullmatch(text):
            return "ambiguous"
        return Decimal(re.sub(r"[.,]", "", text))
    for pattern, groups in ((_ID_SEN, "."), (_EN_SEN, ",")):
        if sen := pattern.fullmatch(text):
            return Decimal(f"{sen[1].replace(groups, '')}.{sen[2]}")
    return "format"


def read_rupiah(value: object, field: str) -> tuple[int | None, FieldIssue | None]:
    """Whole rupiah from a typed text or a number cell (see the module's rules)."""
    if _empty(value):
        return None, None
    if _is_number(value):
        number = Decimal(value) if not isinstance(value, float) else Decimal(repr(value))
        if not number.is_finite():
            return None, _rupiah_issue(field, "format", value)
        if number < 0:
            return None, _rupiah_issue(field, "negative", value)
        return _whole(number, field, value)
    if not isinstance(value, str):
        return None, _rupiah_issue(field, "format", value)
    text = _SPACES.sub("", value)
    negative = text.startswith("-") or (text.startswith("(") and text.endswith(")"))
    text = _RUPIAH_SIGN.sub("", text.strip("-()") if negative else text)
    if text.startswith("-"):  # Rp-1.500.000
        negative, text = True, text[1:]
    text = _NO_SEN.sub("", text)
    if not text.isascii():  # other scripts' digits look like numbers to Python, not to people
        return None, _rupiah_issue(field, "format", value)
    amount = _rupiah_text(text)
    if isinstance(amount, str):
        return None, _rupiah_issue(field, amount, value)
    if negative and amount:
        return None, _rupiah_issue(field, "negative", value)
    return _whole(amount, field, value)


def rupiah_as_typed(amount: int) -> str:
    """How the form shows an amount it has read (``1.500.000``), which reads back to it."""
    return format_rupiah(amount).removeprefix("Rp")


# --- dates ----------------------------------------------------------------------------------

def _date_issue(field: str, code: str, value: object) -> FieldIssue:
    how_id = "ketik ddmmyyyy atau dd/mm/yyyy, mis. 17081985 atau 17/08/1985."
    how_en = "type ddmmyyyy or dd/mm/yyyy, e.g. 17081985 or 17/08/1985."
    if code == "required":
        return error(field, code, "Ketik tanggalnya: " + how_id[6:],
                     "Type the date: " + how_en[5:])
    if code == "no_such_day":
        return error(field, code,
                     f"Tanggal tidak sah: {_shown(value)} tidak ada di kalender; " + how_id,
                     f"Not a date: {_shown(value)} is not on the calendar; " + how_en)
    return error(field, "format", "Tanggal tidak sah: " + how_id, "Not a date: " + how_en)


def _serial_day(number: float) -> date | None:
    """An Excel serial number's day (a fraction is the time of day); None out of range."""
    if not 1 <= number <= _LAST_SERIAL:
        return None
    return _EXCEL_EPOCH + timedelta(days=int(number))


def _date_from_text(text: str) -> date | str:
    """The day a text writes, or the issue code why not."""
    parts: dict[str, int] | None = None
    for pattern, order in _DATE_TEXT:
        if match := pattern.fullmatch(text):
            parts = {key: int(group) for key, group in zip(order, match.groups(), strict=True)
                     if key}
            break
    if parts is None and (named := _NAMED_DATE.fullmatch(text)):
        month = _MONTH_NAMES.get(named[2].casefold())
        if month is None:
            return "format"
        parts = {"d": int(named[1]), "m": month, "y": int(named[3])}
    if parts is None:
        return "format"
    try:
        return date(parts["y"], parts["m"], parts["d"])
    except ValueError:
        return "no_such_day"


def read_date(value: object, field: str,
              required: bool = False) -> tuple[date | None, FieldIssue | None]:
    """A day from a typed text, a date cell or an Excel serial (see the module's rules)."""
    if _empty(value):
        return None, _date_issue(field, "required", value) if required else None
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    if _is_number(value):
        day = _serial_day(float(value))
        return (day, None) if day else (None, _date_issue(field, "format", value))
    if not isinstance(value, str):
        return None, _date_issue(field, "format", value)
    found = _date_from_text(" ".join(value.split()))
    if isinstance(found, str):
        return None, _date_issue(field, found, value)
    return found, None


def date_as_typed(day: date) -> str:
    """How the form shows a date (``17/08/1985``), which reads back to it."""
    return f"{day:%d/%m/%Y}"


# --- months ---------------------------------------------------------------------------------

def _month_issue(field: str, value: object) -> FieldIssue:
    return error(field, "format",
                 f"Bulan tidak sah: {_shown(value)}; ketik mm/yyyy, mis. 12/2026 (atau Des "
                 "2026).",
                 f"Not a month: {_shown(value)}; type mm/yyyy, e.g. 12/2026 (or Des 2026).")


def _month_from_text(text: str) -> YearMonth | None:
    for pattern, year_first in ((_NUMBER_MONTH, False), (_ISO_MONTH, True)):
        if match := pattern.fullmatch(text):
            year, month = (match[1], match[2]) if year_first else (match[2], match[1])
            try:
                return YearMonth(int(year), int(month))
            except ValueError:
                return None
    if named := _NAMED_MONTH.fullmatch(text):
        month = _MONTH_NAMES.get(named[1].casefold())
        return YearMonth(int(named[2]), month) if month and int(named[2]) >= 1900 else None
    day = _date_from_text(text)  # a month column holding a day: its month
    return YearMonth.of(day) if isinstance(day, date) and day.year >= 1900 else None


def read_month(value: object, field: str) -> tuple[YearMonth | None, FieldIssue | None]:
    """A calendar month from a typed text, a date cell or an Excel serial."""
    if _empty(value):
        return None, None
    if isinstance(value, YearMonth):
        return value, None
    day, _ = read_date(value, field) if not isinstance(value, str) else (None, None)
    if day is not None and day.year >= 1900:  # a date cell or a serial: its month
        return YearMonth.of(day), None
    month = _month_from_text(" ".join(value.split())) if isinstance(value, str) else None
    return (month, None) if month else (None, _month_issue(field, value))


def month_as_typed(month: YearMonth) -> str:
    """How the form shows a month (``12/2026``), which reads back to it."""
    return f"{month.month:02d}/{month.year}"


# --- month counts ---------------------------------------------------------------------------

def read_month_count(value: object, field: str) -> tuple[int | None, FieldIssue | None]:
    """How many months are paid: ``3``, ``3 bulan``, ``3 months`` or a whole number cell."""
    if _empty(value):
        return None, None
    if _is_number(value) and float(value).is_integer() and 0 <= value < 1000:
        return int(value), None
    match = _COUNT.fullmatch(value.strip()) if isinstance(value, str) else None
    if match:
        return int(match[1]), None
    return None, error(field, "number",
                       f"{_shown(value)} bukan jumlah bulan: ketik angka bulat, mis. 3.",
                       f"{_shown(value)} is not a number of months: type a whole number, "
                       "e.g. 3.")
