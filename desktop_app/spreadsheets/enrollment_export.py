"""Enrollments to Excel: a typed, filterable sheet of records and a recap, written as a stream.

The laptop's ``export`` and the office's export write the same sheets, from their own
records. Cells are typed: NIK as text, dates as dates, rupiah as numbers in a rupiah format.
The header is styled and frozen, with an autofilter and column widths. The recap counts people
and sums the monthly contributions by kecamatan, desa/kelurahan, banjar, occupation and funding
source, with totals. The workbook is written in openpyxl's write-only mode, so 100,000 rows
never sit in memory. The headers are the ones ``import`` recognises, so an exported file
imports again.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from desktop_app.domain.enrollment import Enrollment
from desktop_app.domain.form_definition import enrollment_form
from desktop_app.domain.spreadsheet_rows import export_headers
from desktop_app.domain.validation import record_quote
from desktop_app.domain.wilayah import find_area
from desktop_app.spreadsheets.cells import RUPIAH_FORMAT, cell, header_cell, value_cell
from desktop_app.spreadsheets.workbook_files import save_whole

RECORDS_SHEET = "Pendaftaran"
RECAP_SHEET = "Rekap"
_RECORD_FIELDS = ("nik", "full_name", "birth_place", "birth_date", "sex", "address",
                  "desa_code", "banjar", "phone", "occupation", "occupation_other",
                  "monthly_income", "programs", "payment_months", "first_month",
                  "funding_source", "sponsor_name", "kk_number", "beneficiary.name",
                  "beneficiary.relationship", "beneficiary.phone", "notes")
_WIDTHS = {"nik": 19, "full_name": 28, "birth_place": 14, "birth_date": 12, "sex": 12,
           "address": 30, "desa_code": 13, "banjar": 20, "phone": 16, "occupation": 22,
           "monthly_income": 14, "programs": 14, "funding_source": 22, "notes": 24}
_EXTRA = (("Desa/Kelurahan (nama)", 18), ("Kecamatan", 16), ("Iuran bulan pertama", 14),
          ("Total iuran", 14), ("Dibayar peserta", 14), ("Persetujuan", 12), ("Status", 10),
          ("Tanggal daftar", 12), ("ID", 36))
_CODED = {"sex": "sex", "occupation": "occupations", "funding_source": "funding_sources",
          "beneficiary.relationship": "relationships"}  # field -> its choice list
_RECAP_BY = (("Kecamatan", "kecamatan"), ("Desa/Kelurahan", "desa"), ("Banjar", "banjar"),
             ("Pekerjaan", "occupation"), ("Sumber dana", "funding"))


@dataclass(frozen=True)
class ExportRow:
    """One record as exported: the record and where it stands."""

    record: Enrollment
    status: str
    enrolled_on: date | None
    key: str  # the laptop's enrollment id or the office's record id


class _Recap:
    """Counts and sums per group, gathered while the records stream past."""

    def __init__(self) -> None:
        self.groups: dict[str, dict[str, list[int]]] = {
            key: defaultdict(lambda: [0, 0, 0]) for _, key in _RECAP_BY}

    def add(self, names: dict[str, str], monthly: int, total: int) -> None:
        for key, name in names.items():
            figures = self.groups[key][name or "-"]
            figures[0] += 1
            figures[1] += monthly
            figures[2] += total

    def write(self, sheet: WriteOnlyWorksheet) -> None:
        for column, width in zip("ABCD", (34, 12, 18, 18), strict=True):
            sheet.column_dimensions[column].width = width
        for title, key in _RECAP_BY:
            sheet.append([header_cell(sheet, title), header_cell(sheet, "Peserta"),
                          header_cell(sheet, "Iuran per bulan"),
                          header_cell(sheet, "Total iuran")])
            rows = sorted(self.groups[key].items())
            for name, (count, monthly, total) in rows:
                sheet.append([cell(sheet, name), count,
                              cell(sheet, monthly, number_format=RUPIAH_FORMAT),
                              cell(sheet, total, number_format=RUPIAH_FORMAT)])
            sums = [sum(figures[i] for _, figures in rows) for i in range(3)]
            sheet.append([cell(sheet, "Total", bold=True), cell(sheet, sums[0], bold=True),
                          cell(sheet, sums[1], number_format=RUPIAH_FORMAT, bold=True),
                          cell(sheet, sums[2], number_format=RUPIAH_FORMAT, bold=True)])
            sheet.append([])


def _value(record: Enrollment, name: str) -> object:
    head, _, tail = name.partition(".")
    value = getattr(record, head)
    return getattr(value, tail) if tail else value


class EnrollmentWorkbook:
    """Write the records, then ``save``: the records sheet, the recap, and any sheets the
    caller adds (``sheet``) in between."""

    def __init__(self) -> None:
        self.book = Workbook(write_only=True)
        self.records = self.book.create_sheet(RECORDS_SHEET)
        self.recap = _Recap()
        self.rows = 0
        headers = export_headers()
        # code -> label for the coded fields, once (a lookup per cell cost more than the row)
        self._labels = {name: {c.code: c.label.id for c in enrollment_form().choices(choices)}
                        for name, choices in _CODED.items()}
        titles = [headers[name] for name in _RECORD_FIELDS] + [t for t, _ in _EXTRA]
        widths = [_WIDTHS.get(name, 16) for name in _RECORD_FIELDS] + [w for _, w in _EXTRA]
        for index, (title, width) in enumerate(zip(titles, widths, strict=True), start=1):
            width = max(width, len(title) + 2)  # a header reads whole on one line
            self.records.column_dimensions[get_column_letter(index)].width = width
        self.records.freeze_panes = "C2"  # the header, and the NIK and name, stay in view
        self.records.append([header_cell(self.records, title) for title in titles])
        self.columns = len(titles)

    def add(self, row: ExportRow) -> None:
        record, sheet = row.record, self.records
        quote = record_quote(record)
        monthly = quote.months[0].total if quote else 0
        total = quote.total if quote else 0
        values: list[object] = []
        for name in _RECORD_FIELDS:
            value = _value(record, name)
            if name in self._labels and value:
                value = self._labels[name].get(str(value), str(value))
            elif name == "programs":
                value = ", ".join(value)
            elif name == "first_month":
                value = str(value) if value else None
            elif name == "monthly_income":
                value = cell(sheet, value, number_format=RUPIAH_FORMAT)
            values.append(value_cell(sheet, value, text_format=name == "nik"))
        desa, kecamatan = find_area(record.desa_code), find_area(record.desa_code[:6])
        places = (desa.name if desa else "", kecamatan.name if kecamatan else "")
        values += [
            value_cell(sheet, places[0]), value_cell(sheet, places[1]),
            cell(sheet, monthly, number_format=RUPIAH_FORMAT),
            cell(sheet, total, number_format=RUPIAH_FORMAT),
            cell(sheet, quote.due_from_participant if quote else 0,
                 number_format=RUPIAH_FORMAT),
            "Ya" if record.consent.given else "Belum", row.status,
            cell(sheet, row.enrolled_on) if row.enrolled_on else None, row.key]
        sheet.append(values)
        self.rows += 1
        occupation = self._labels["occupation"].get(record.occupation, record.occupation)
        funding = self._labels["funding_source"].get(str(record.funding_source), "")
        self.recap.add({"kecamatan": places[1], "desa": places[0], "banjar": record.banjar,
                        "occupation": occupation, "funding": funding}, monthly, total)

    def add_all(self, rows: Iterable[ExportRow]) -> None:
        for row in rows:
            self.add(row)

    def sheet(self, title: str) -> WriteOnlyWorksheet:
        return self.book.create_sheet(title)

    def save(self, path: Path) -> int:
        """Writes the workbook to ``path`` whole (never half-written); returns the rows."""
        last = get_column_letter(self.columns)
        self.records.auto_filter.ref = f"A1:{last}{self.rows + 1}"
        self.recap.write(self.book.create_sheet(RECAP_SHEET))
        save_whole(self.book, path)
        return self.rows
