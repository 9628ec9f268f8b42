"""Enrollments to Excel: a typed, filterable sheet of records and recaps, written as a stream.

The laptop's ``export`` and the office's export write the same sheets, from their own
records. Cells are typed: NIK as text, dates as dates, rupiah as numbers in a rupiah format.
The header is styled and frozen, with an autofilter and column widths. Each record names its
status in words, its revision, the officer who enrolled the person and the visit where. The
recap counts people and sums the monthly contributions by kecamatan, desa/kelurahan, banjar,
occupation and funding source, with totals; a second recap counts people and cash per officer
and per visit (``officer_recap``). Every sheet prints landscape, one page wide
(``print_layout``). The workbook is written in openpyxl's write-only mode, so 100,000 rows
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
from desktop_app.domain.spreadsheet_columns import export_headers
from desktop_app.domain.validation import record_quote
from desktop_app.domain.wilayah import find_area
from desktop_app.spreadsheets.cells import RUPIAH_FORMAT, cell, header_cell, value_cell
from desktop_app.spreadsheets.officer_recap import OFFICERS_SHEET, Collected, OfficerRecap
from desktop_app.spreadsheets.print_layout import HEADER_HEIGHT, set_print_layout
from desktop_app.spreadsheets.workbook_files import save_whole

RECORDS_SHEET = "Pendaftaran"
RECAP_SHEET = "Rekap"
_RECORD_FIELDS = ("nik", "full_name", "birth_place", "birth_date", "sex", "address",
                  "desa_code", "banjar", "phone", "occupation", "occupation_other",
                  "monthly_income", "programs", "payment_months", "first_month",
                  "funding_source", "sponsor_name", "kk_number", "beneficiary.name",
                  "beneficiary.relationship", "beneficiary.phone", "notes")
_EXTRA = ("Desa/Kelurahan (nama)", "Kecamatan", "Iuran bulan pertama", "Total iuran",
          "Dibayar peserta", "Persetujuan", "Status", "Revisi", "Tanggal daftar", "Petugas",
          "ID petugas", "Tanggal kunjungan", "Tempat kunjungan", "ID")
# What a printed list needs comes first and is the print area, one A4 page wide: who, where,
# what and how much, where the record stands, and who enrolled the person where. The other
# columns follow on screen (and import again like the rest).
_PRINTED = ("nik", "full_name", "Desa/Kelurahan (nama)", "banjar", "occupation", "programs",
            "payment_months", "funding_source", "Total iuran", "Dibayar peserta", "Status",
            "Petugas", "Tanggal kunjungan", "Tempat kunjungan")
_COLUMNS = _PRINTED + tuple(c for c in (*_RECORD_FIELDS, *_EXTRA) if c not in _PRINTED)
_WIDTHS = {"nik": 19, "full_name": 24, "birth_place": 14, "birth_date": 11, "sex": 11,
           "address": 28, "desa_code": 12, "banjar": 16, "phone": 16, "occupation": 18,
           "monthly_income": 13, "programs": 12, "payment_months": 13, "first_month": 9,
           "funding_source": 21, "notes": 24, "Desa/Kelurahan (nama)": 14, "Kecamatan": 16,
           "Total iuran": 12, "Dibayar peserta": 12, "Iuran bulan pertama": 12,
           "Persetujuan": 13, "Status": 21, "Revisi": 8, "Tanggal daftar": 11, "Petugas": 18,
           "ID petugas": 11, "Tanggal kunjungan": 12, "Tempat kunjungan": 22, "ID": 36}
_CODED = {"sex": "sex", "occupation": "occupations", "funding_source": "funding_sources",
          "beneficiary.relationship": "relationships"}  # field -> its choice list
_RECAP_BY = (("Kecamatan", "kecamatan"), ("Desa/Kelurahan", "desa"), ("Banjar", "banjar"),
             ("Pekerjaan", "occupation"), ("Sumber dana", "funding"))


@dataclass(frozen=True)
class ExportRow:
    """One record as exported: the record, where it stands, and who enrolled the person where."""

    record: Enrollment
    status: str  # in words, as a clerk reads it
    enrolled_on: date | None
    key: str  # the laptop's enrollment id or the office's record id
    revision: int | None = None
    officer_name: str = ""
    officer_code: str = ""  # the officer's own ID
    visit_day: date | None = None
    visit_place: str = ""  # the visit's banjar and desa/kelurahan


def visit_place(banjar: str, desa_code: str) -> str:
    """``Banjar Kaja, Tonja``: a visit's place as the recap and the records name it."""
    desa = find_area(desa_code) if desa_code else None
    return ", ".join(part for part in (banjar, desa.name if desa else desa_code) if part)


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
        titles = [headers.get(column, column) for column in _COLUMNS]
        for index, (column, title) in enumerate(zip(_COLUMNS, titles, strict=True), start=1):
            longest_word = max(len(word) for word in title.split())
            width = max(_WIDTHS.get(column, 16), longest_word + 2)  # headers wrap, words don't
            self.records.column_dimensions[get_column_letter(index)].width = width
        self.records.freeze_panes = "C2"  # the header, and the NIK and name, stay in view
        set_print_layout(self.records)
        self.records.row_dimensions[1].height = HEADER_HEIGHT
        self.records.append([header_cell(self.records, title, wrap=True) for title in titles])
        self.columns = len(titles)
        self.by_officer = OfficerRecap()

    def add(self, row: ExportRow) -> None:
        record, sheet = row.record, self.records
        quote = record_quote(record)
        monthly = quote.months[0].total if quote else 0
        total = quote.total if quote else 0
        paid = quote.due_from_participant if quote else 0
        values: dict[str, object] = {}
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
            values[name] = value_cell(sheet, value, text_format=name == "nik")
        desa, kecamatan = find_area(record.desa_code), find_area(record.desa_code[:6])
        places = (desa.name if desa else "", kecamatan.name if kecamatan else "")
        values.update({
            "Desa/Kelurahan (nama)": value_cell(sheet, places[0]),
            "Kecamatan": value_cell(sheet, places[1]),
            "Iuran bulan pertama": cell(sheet, monthly, number_format=RUPIAH_FORMAT),
            "Total iuran": cell(sheet, total, number_format=RUPIAH_FORMAT),
            "Dibayar peserta": cell(sheet, paid, number_format=RUPIAH_FORMAT),
            "Persetujuan": "Ya" if record.consent.given else "Belum", "Status": row.status,
            "Revisi": row.revision,
            "Tanggal daftar": cell(sheet, row.enrolled_on) if row.enrolled_on else None,
            "Petugas": value_cell(sheet, row.officer_name),
            "ID petugas": value_cell(sheet, row.officer_code),
            "Tanggal kunjungan": cell(sheet, row.visit_day) if row.visit_day else None,
            "Tempat kunjungan": value_cell(sheet, row.visit_place), "ID": row.key})
        sheet.append([values[column] for column in _COLUMNS])
        self.rows += 1
        self.by_officer.add(Collected(row.officer_name, row.officer_code, row.visit_day,
                                      row.visit_place, total, paid))
        occupation = self._labels["occupation"].get(record.occupation, record.occupation)
        funding = self._labels["funding_source"].get(str(record.funding_source), "")
        self.recap.add({"kecamatan": places[1], "desa": places[0], "banjar": record.banjar,
                        "occupation": occupation, "funding": funding}, monthly, total)

    def add_all(self, rows: Iterable[ExportRow]) -> None:
        for row in rows:
            self.add(row)

    def sheet(self, title: str, *, title_rows: int = 1) -> WriteOnlyWorksheet:
        """A further sheet, laid out for print like the others."""
        sheet = self.book.create_sheet(title)
        set_print_layout(sheet, title_rows=title_rows)
        return sheet

    def save(self, path: Path) -> int:
        """Writes the workbook to ``path`` whole (never half-written); returns the rows."""
        last = get_column_letter(self.columns)
        self.records.auto_filter.ref = f"A1:{last}{self.rows + 1}"
        self.records.print_area = f"A1:{get_column_letter(len(_PRINTED))}{self.rows + 1}"
        self.recap.write(self.sheet(RECAP_SHEET, title_rows=0))
        self.by_officer.write(self.book.create_sheet(OFFICERS_SHEET))
        save_whole(self.book, path)
        return self.rows
