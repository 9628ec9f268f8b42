"""The recap an office reconciles with: people and money per officer and per visit.

For each officer (and each visit: its day, place and officer) the sheet counts the people
enrolled and sums the cash the officer should hand over, the contributions of people who pay
themselves (funding "mandiri"), apart from what a sponsor, the city, the province, the state
or the desa adat pays. A row per officer or visit, a total under each table.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from desktop_app.spreadsheets.cells import RUPIAH_FORMAT, cell, header_cell
from desktop_app.spreadsheets.print_layout import HEADER_HEIGHT, set_print_layout

OFFICERS_SHEET = "Rekap Petugas"
NO_VISIT = "(tanpa kunjungan)"
NO_OFFICER = "(tidak diketahui)"
_FIGURES = ("Peserta", "Bayar sendiri (orang)", "Uang tunai dari peserta",
            "Dibiayai pihak lain (orang)", "Nilai dibiayai pihak lain", "Total iuran")
_MONEY = {2, 4, 5}  # the figures that are rupiah


@dataclass(frozen=True)
class Collected:
    """One record's share of the recap."""

    officer_name: str
    officer_code: str
    visit_day: date | None
    visit_place: str
    total: int  # the whole contribution of the period
    from_participant: int  # what the person paid the officer (0 when someone else pays)


class OfficerRecap:
    """Figures per officer and per visit, gathered while the records stream past."""

    def __init__(self) -> None:
        self.officers: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0] * 6)
        self.visits: dict[tuple[date | None, str, str], list[int]] = defaultdict(
            lambda: [0] * 6)

    def add(self, item: Collected) -> None:
        officer = (item.officer_name or NO_OFFICER, item.officer_code)
        visit = (item.visit_day, item.visit_place or NO_VISIT, officer[0])
        sponsored = item.total - item.from_participant
        share = [1, 1 if item.from_participant else 0, item.from_participant,
                 1 if sponsored else 0, sponsored, item.total]
        for figures in (self.officers[officer], self.visits[visit]):
            for index, value in enumerate(share):
                figures[index] += value

    def write(self, sheet: WriteOnlyWorksheet) -> None:
        for column, width in zip("ABCDEFGHI", (20, 26, 22, 10, 14, 14, 14, 14, 14),
                                 strict=True):
            sheet.column_dimensions[column].width = width
        set_print_layout(sheet, title_rows=0)  # two tables, each with its own header
        # the headers wrap on two lines: their rows' height is set before they are written
        second_header = 1 + len(self.officers) + 3  # after the officers, their total, a gap
        for header_row in (1, second_header):
            sheet.row_dimensions[header_row].height = HEADER_HEIGHT
        sheet.append([header_cell(sheet, t, wrap=True)
                      for t in ("Petugas", "ID petugas", "", *_FIGURES)])
        for (name, code), figures in sorted(self.officers.items()):
            sheet.append([cell(sheet, name), cell(sheet, code), None, *self._figures(
                sheet, figures)])
        self._total(sheet, list(self.officers.values()))
        sheet.append([])
        sheet.append([header_cell(sheet, t, wrap=True) for t in (
            "Tanggal kunjungan", "Tempat kunjungan", "Petugas", *_FIGURES)])
        for (day, place, officer), figures in sorted(
                self.visits.items(), key=lambda item: (item[0][0] or date.min, *item[0][1:])):
            sheet.append([cell(sheet, day) if day else None, cell(sheet, place),
                          cell(sheet, officer), *self._figures(sheet, figures)])
        self._total(sheet, list(self.visits.values()))

    @staticmethod
    def _figures(sheet: WriteOnlyWorksheet, figures: list[int], *,
                 bold: bool = False) -> list[object]:
        return [cell(sheet, value, number_format=RUPIAH_FORMAT if index in _MONEY else None,
                     bold=bold) for index, value in enumerate(figures)]

    def _total(self, sheet: WriteOnlyWorksheet, rows: list[list[int]]) -> None:
        sums = [sum(figures[i] for figures in rows) for i in range(len(_FIGURES))]
        sheet.append([cell(sheet, "Total", bold=True), None, None,
                      *self._figures(sheet, sums, bold=True)])
