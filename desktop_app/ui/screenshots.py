"""Renders the main window, a filled form, the list and a receipt to PNG files
(``make screenshots``; the receipt needs pdftoppm from poppler-utils).

Runs offscreen on a throwaway database with a few example people, so the README's pictures
show what an officer sees, and anyone can check a change by looking at it.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from desktop_app.domain.enrollment import Beneficiary, Consent, Enrollment
from desktop_app.domain.months import YearMonth
from desktop_app.domain.nik import Sex

EXAMPLE_DAY = date(2026, 5, 20)
PEOPLE = (  # name, NIK, occupation, monthly income, months
    ("Ni Made Sari Dewi", "5171045708850023", "pedagang", 2_500_000, 3),
    ("I Wayan Sudarsana", "5171040306700004", "pemangku", 1_500_000, 12),
    ("I Ketut Arsana", "5171041212880011", "sopir", 3_000_000, 6),
    ("Ni Luh Putu Ayu Lestari", "5171044505920002", "tukang_jahit", 1_200_000, 1),
    ("I Nyoman Budiarta", "5171042101580005", "kelihan_banjar_adat", 2_000_000, 12),
    ("Ni Kadek Widiastuti", "5171046609990007", "seniman", 1_800_000, 3),
)


def example_record(name: str, nik: str, occupation: str, income: int, months: int) -> Enrollment:
    return Enrollment(nik=nik, full_name=name, birth_place="Denpasar",
                      address="Jl. Ahmad Yani Utara No. 12", desa_code="5171041004",
                      banjar="Banjar Tonja", phone="0812 3456 7890", occupation=occupation,
                      monthly_income=income, payment_months=months,
                      first_month=YearMonth.of(EXAMPLE_DAY), consent=Consent(True, "2026-01"))


def render(folder: Path, language: str) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop_app.store.database import open_database
    from desktop_app.store.enrollments import EnrollmentStore
    from desktop_app.store.officers import sign_in_officer
    from desktop_app.ui.application import app_settings, install_translator
    from desktop_app.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    install_translator(app, language)
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch)
        engine = open_database(data)
        officer = sign_in_officer(engine, name="Ni Ketut Sari", officer_code="DSN-002")
        window = MainWindow(engine=engine, data_dir=data, settings=app_settings(data),
                            officer=officer, language=language, today=lambda: EXAMPLE_DAY)
        window.start_visit("5171041004", "Banjar Tonja", EXAMPLE_DAY)
        EnrollmentStore(engine).add_many(
            [example_record(*person) for person in PEOPLE], officer_id=officer.id,
            on=EXAMPLE_DAY, visit_id=window.context.visit.id)
        window.resize(1366, 740)
        window.show()
        form = window.form
        form.load_record(example_record("Ni Wayan Sekar Sari", "5171046402010003", "petani",
                                        1_750_000, 3).with_changes(
            birth_date=date(2001, 2, 24), sex=Sex.FEMALE, kk_number="5171040101200001",
            beneficiary=Beneficiary("I Made Wirawan", "suami", "0813 3700 1234")))
        form._touched = set(form.editors)
        form.refresh()
        window.refresh_visit()
        window.refresh_status()
        for _ in range(3):  # answers from the workers, then the layouts they change
            window.tasks.wait()
            app.processEvents()
        shots = []
        for name, show in (("form", window.show_form), ("list", window.show_list)):
            show()
            window.list.refresh()
            window.tasks.wait()
            app.processEvents()
            path = folder / f"{name}-{language}.png"
            window.grab().save(str(path))
            shots.append(path)
        shots += _receipt_shot(engine, officer.id, window.context.visit.id, data, folder,
                               language)
        form.drafts.clear()
        window.close()
        engine.dispose()
    return shots


def _receipt_shot(engine: object, officer_id: object, visit_id: object, scratch: Path,
                  folder: Path, language: str) -> list[Path]:
    """The first person's receipt on A5, as planned (not recorded), turned into a PNG."""
    from desktop_app.receipts.issue import plan_receipts
    from desktop_app.receipts.papers import PAPERS
    from desktop_app.receipts.render import write_pdf
    from desktop_app.store.receipts import visit_enrollment_ids

    if shutil.which("pdftoppm") is None:
        print("pdftoppm (poppler-utils) is missing: no receipt picture", file=sys.stderr)
        return []
    ids = visit_enrollment_ids(engine, visit_id)[:1]  # type: ignore[arg-type]
    pdf = scratch / "receipt.pdf"
    write_pdf(plan_receipts(engine, ids, officer_id=officer_id,  # type: ignore[arg-type]
                            today=EXAMPLE_DAY), pdf, paper=PAPERS["a5"], language=language)
    stem = folder / f"receipt-a5-{language}"
    subprocess.run(["pdftoppm", "-r", "110", "-png", "-singlefile", str(pdf), str(stem)],
                   check=True)
    return [stem.with_suffix(".png")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to write the PNG files")
    parser.add_argument("--lang", choices=["id", "en"], default="id")
    args = parser.parse_args()
    for path in render(args.folder, args.lang):
        print(path)


if __name__ == "__main__":
    main()
