"""``office export``: the office's canonical records to Excel, for BPJS and the Pemkot.

The same records and recap sheets as a laptop's export (``desktop_app.spreadsheets``), plus:
- the conflicts waiting for review, with both versions of each disputed field;
- coverage over time: enrolled BPU per kecamatan and desa/kelurahan, counted month by month
  from each person's first covered month (cumulative), the figure a coverage report
  (Paritrana) asks for.
"""

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from desktop_app.domain.months import YearMonth
from desktop_app.domain.wilayah import find_area
from desktop_app.office.conflicts import list_conflicts
from desktop_app.office.intake import load_record
from desktop_app.office.models import CanonicalRecord
from desktop_app.spreadsheets.cells import cell, header_cell
from desktop_app.spreadsheets.enrollment_export import EnrollmentWorkbook, ExportRow

CHUNK = 1000
CONFLICTS_SHEET = "Konflik"
COVERAGE_SHEET = "Cakupan"


def _records(engine: Engine, coverage: Counter) -> Iterator[ExportRow]:
    """Canonical records in sequence order, a chunk at a time; counts coverage on the way."""
    after = -1
    while True:
        with Session(engine) as session:
            chunk = session.exec(select(CanonicalRecord).where(col(CanonicalRecord.seq) > after)
                                 .order_by(col(CanonicalRecord.seq)).limit(CHUNK)).all()
        if not chunk:
            return
        for canonical in chunk:
            record = load_record(canonical.record)
            if record.first_month is not None:
                coverage[(record.desa_code, record.first_month)] += 1
            yield ExportRow(record, f"r{canonical.revision}", canonical.created_at.date(),
                            str(canonical.id))
        after = chunk[-1].seq


def _write_conflicts(engine: Engine, workbook: EnrollmentWorkbook) -> int:
    """The open conflicts, a row per disputed field; returns how many conflicts."""
    sheet = workbook.sheet(CONFLICTS_SHEET)
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFG", (19, 28, 18, 28, 28, 20, 36), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.append([header_cell(sheet, t) for t in (
        "NIK", "Nama (kantor)", "Isian", "Versi kantor", "Versi masuk", "Dari laptop",
        "ID konflik")])
    conflicts = list_conflicts(engine)
    for conflict in conflicts:
        office, incoming = conflict["office_record"], conflict["incoming_record"]
        for field in conflict["fields"]:
            sheet.append([cell(sheet, conflict["nik"]), cell(sheet, office.get("full_name")),
                          cell(sheet, field), cell(sheet, str(office.get(field) or "")),
                          cell(sheet, str(incoming.get(field) or "")),
                          cell(sheet, conflict["device_id"]),
                          cell(sheet, conflict["conflict_id"])])
    return len(conflicts)


def _write_coverage(workbook: EnrollmentWorkbook, coverage: Counter) -> None:
    """Rows of kecamatan (then its desa), a column per month, cumulative counts."""
    sheet = workbook.sheet(COVERAGE_SHEET)
    months = sorted({month for _, month in coverage})
    if months:
        span, month = [], months[0]
        while month <= months[-1]:
            span.append(month)
            month = month.plus(1)
        months = span
    sheet.freeze_panes = "C2"
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = 22
    sheet.append([header_cell(sheet, "Kecamatan"), header_cell(sheet, "Desa/Kelurahan"),
                  *(header_cell(sheet, str(m)) for m in months)])
    places = sorted({desa for desa, _ in coverage})
    by_district: dict[str, list[str]] = {}
    for desa in places:
        by_district.setdefault(desa[:6], []).append(desa)

    def cumulative(desas: list[str]) -> list[int]:
        counts, total = [], 0
        for month in months:
            total += sum(coverage[(desa, month)] for desa in desas)
            counts.append(total)
        return counts

    for district, desas in sorted(by_district.items()):
        area = find_area(district)
        district_name = area.name if area else district
        sheet.append([cell(sheet, district_name, bold=True), cell(sheet, "Semua", bold=True),
                      *(cell(sheet, n, bold=True) for n in cumulative(desas))])
        for desa in desas:
            village = find_area(desa)
            sheet.append([cell(sheet, district_name),
                          cell(sheet, village.name if village else desa), *cumulative([desa])])
    sheet.append([cell(sheet, "Total", bold=True), None,
                  *(cell(sheet, n, bold=True) for n in cumulative(places))])


def export_office(engine: Engine, path: Path) -> dict[str, int]:
    """Writes the office workbook to ``path``; returns the counts written."""
    workbook = EnrollmentWorkbook()
    coverage: Counter[tuple[str, YearMonth]] = Counter()
    workbook.add_all(_records(engine, coverage))
    conflicts = _write_conflicts(engine, workbook)
    _write_coverage(workbook, coverage)
    return {"records": workbook.save(path), "conflicts": conflicts}

