"""``office export``: the office's canonical records to Excel, for BPJS and the Pemkot.

The same records and recap sheets as a laptop's export (``desktop_app.spreadsheets``): each
record with its status in words (recorded, or waiting for review), its revision, the officer
who enrolled the person and the visit where, as the laptop sent them. Plus:
- the conflicts waiting for review, with both versions of each disputed field, named by its
  label and shown as the form shows it, and the officer and laptop that sent the other version;
- coverage over time: enrolled BPU per kecamatan and desa/kelurahan, counted month by month
  from each person's first covered month (cumulative), the figure a coverage report
  (Paritrana) asks for.
"""

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from desktop_app.domain.contribution_summary import short_month_name
from desktop_app.domain.display import display_value
from desktop_app.domain.enrollment import Enrollment
from desktop_app.domain.form_definition import enrollment_form, field_label
from desktop_app.domain.months import YearMonth
from desktop_app.domain.receipt_number import device_code
from desktop_app.domain.spreadsheet_columns import export_headers
from desktop_app.domain.wilayah import find_area
from desktop_app.office.canonical import load_record, stored_json
from desktop_app.office.conflicts import list_conflicts
from desktop_app.office.devices import list_devices
from desktop_app.office.models import LIVE, CanonicalRecord
from desktop_app.spreadsheets.cells import cell, header_cell
from desktop_app.spreadsheets.enrollment_export import EnrollmentWorkbook, ExportRow, visit_place

CHUNK = 1000
CONFLICTS_SHEET = "Konflik"
COVERAGE_SHEET = "Cakupan"


RECORDED = "Tercatat di kantor"
IN_REVIEW = "Menunggu pemeriksaan"  # an open conflict: a supervisor must decide


def _records(engine: Engine, coverage: Counter, in_review: set[str]) -> Iterator[ExportRow]:
    """Canonical records in sequence order, a chunk at a time; counts coverage on the way."""
    after = -1
    while True:
        with Session(engine) as session:
            # tombstones (a record merged into another of the same person) are left out:
            # each person is counted and listed once
            chunk = session.exec(select(CanonicalRecord).where(col(CanonicalRecord.seq) > after,
                                                               CanonicalRecord.state == LIVE)
                                 .order_by(col(CanonicalRecord.seq)).limit(CHUNK)).all()
        if not chunk:
            return
        for canonical in chunk:
            record = load_record(canonical.record)
            if record.first_month is not None:
                coverage[(record.desa_code, record.first_month)] += 1
            yield ExportRow(
                record, IN_REVIEW if canonical.nik in in_review else RECORDED,
                canonical.enrolled_on or canonical.created_at.date(), str(canonical.id),
                revision=canonical.revision, officer_name=canonical.officer_name,
                officer_code=canonical.officer_code, visit_day=canonical.visit_date,
                visit_place=visit_place(canonical.visit_banjar, canonical.visit_desa_code))
        after = chunk[-1].seq


def _shown(record: Enrollment, name: str) -> str:
    """A disputed field's value as the form shows it (labels, dd-mm-yyyy, Rp1.500.000)."""
    form = enrollment_form()
    name = "consent.given" if name == "consent" else name
    if any(f.field == name for f in form.fields()):
        return display_value(record, form.field(name))
    return str(getattr(record, name, "") or "")


def _write_conflicts(engine: Engine, workbook: EnrollmentWorkbook,
                     conflicts: list[dict[str, Any]]) -> None:
    """The open conflicts, a row per disputed field."""
    sheet = workbook.sheet(CONFLICTS_SHEET)
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFGH", (19, 26, 26, 26, 26, 22, 10, 14), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.append([header_cell(sheet, t) for t in (
        "NIK", "Nama (kantor)", "Isian", "Versi kantor", "Versi masuk", "Dikirim petugas",
        "Laptop", "ID konflik")])
    laptops = {str(d.id): d for d in list_devices(engine)}
    headers = export_headers()
    for conflict in conflicts:
        office = load_record(stored_json(conflict["office_record"]))
        incoming = load_record(stored_json(conflict["incoming_record"]))
        laptop = laptops.get(conflict["device_id"])
        for field in conflict["fields"]:
            label = headers.get(field) or field_label(field).id
            sheet.append([cell(sheet, conflict["nik"]), cell(sheet, office.full_name),
                          cell(sheet, label), cell(sheet, _shown(office, field)),
                          cell(sheet, _shown(incoming, field)),
                          cell(sheet, laptop.officer_name if laptop else "-"),
                          cell(sheet, device_code(laptop.id) if laptop else "-"),
                          # as much of the id as `office resolve` needs, not the whole UUID
                          cell(sheet, conflict["conflict_id"][:8])])


def _write_coverage(workbook: EnrollmentWorkbook, coverage: Counter) -> None:
    """Rows of kecamatan (then its desa), a column per month, cumulative counts."""
    sheet = workbook.sheet(COVERAGE_SHEET)
    sheet.print_title_cols = "A:B"  # a long run of months prints with its places
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
                  *(header_cell(sheet, f"{short_month_name(m).id} {m.year}")
                    for m in months)])
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
    conflicts = list_conflicts(engine)
    workbook.add_all(_records(engine, coverage, {c["nik"] for c in conflicts}))
    _write_conflicts(engine, workbook, conflicts)
    _write_coverage(workbook, coverage)
    return {"records": workbook.save(path), "conflicts": len(conflicts)}

