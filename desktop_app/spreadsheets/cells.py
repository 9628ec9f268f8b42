"""Cells written the way an office clerk expects, and never as formulas nobody wrote.

Text that begins with ``=``, ``+``, ``-`` or ``@`` is kept as text (a string cell with Excel's
quote prefix), so a name or a note cannot become a formula that Excel runs on opening.
"""

from datetime import date

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

RUPIAH_FORMAT = '"Rp"#,##0'
DATE_FORMAT = "DD-MM-YYYY"
TEXT_FORMAT = "@"
FORMULA_STARTS = ("=", "+", "-", "@")
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F5C99")
HEADER_ALIGNMENT = Alignment(vertical="center")  # one line, unless the sheet sets its height
WRAPPED_HEADER_ALIGNMENT = Alignment(vertical="center", wrap_text=True)


def cell(sheet: WriteOnlyWorksheet, value: object, *, number_format: str | None = None,
         bold: bool = False) -> WriteOnlyCell:
    """A cell of ``value``: dates as dates, numbers as numbers, text always as text."""
    written = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        written.data_type = "s"
        if value.startswith(FORMULA_STARTS):
            written.quotePrefix = True
        written.number_format = TEXT_FORMAT
    elif isinstance(value, date):
        written.number_format = DATE_FORMAT
    if number_format:
        written.number_format = number_format
    if bold:
        written.font = Font(bold=True)
    return written


def value_cell(sheet: WriteOnlyWorksheet, value: object, *,
               text_format: bool = False) -> object:
    """``value`` as openpyxl writes it right by itself (most text, numbers: a plain value,
    much cheaper than a cell), else as a ``cell``: dates, text that would read as a formula,
    and text kept in a text column (``text_format``, for the NIK)."""
    if value == "" or value is None:
        return None  # an empty cell, not an empty text
    if isinstance(value, date) or (text_format and isinstance(value, str)) or (
            isinstance(value, str) and value.startswith(FORMULA_STARTS)):
        return cell(sheet, value)
    return value


def header_cell(sheet: WriteOnlyWorksheet, text: str, *, wrap: bool = False) -> WriteOnlyCell:
    """A header: white on blue. ``wrap`` for a header row whose height the sheet sets before
    writing it (write-only rows do not grow to fit their text)."""
    written = cell(sheet, text)
    written.font, written.fill = HEADER_FONT, HEADER_FILL
    written.alignment = WRAPPED_HEADER_ALIGNMENT if wrap else HEADER_ALIGNMENT
    return written
