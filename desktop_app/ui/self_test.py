"""``banjar-enroll --self-test``: proves that a build works on the machine it was copied to.

First it checks the user's own database, when there is one, read-only (``PRAGMA
quick_check``, as the application's start does): an installation whose database is damaged or
emptied does not pass. Then, in a temporary data folder, on the offscreen platform (no screen
needed), it opens the main window as the application does, types and saves one enrollment
through the form, and renders its receipt to a PDF. It prints each step and exits 0, or names
the step that failed and exits 1. The office IT person runs it on each laptop; CI runs it on
every build.
"""

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path

from desktop_app import __version__

EXAMPLE_NIK = "5171045708850023"
USER_CHECK_BUDGET_S = 120.0  # the whole file is checked: this is no start that someone waits on


def _check_user_database(data_dir: Path, report: Callable[[str], None]) -> None:
    """Raises ``DatabaseDamaged`` for the user's database as the application's start would;
    writes nothing (the check opens the file read-only)."""
    from desktop_app.store.database import DATABASE_FILE
    from desktop_app.store.integrity import guard_database

    database = data_dir / DATABASE_FILE
    health = guard_database(database, budget_s=USER_CHECK_BUDGET_S)
    if not database.exists() or database.stat().st_size == 0:
        report(f"your database: none yet at {database} (a first start will make it)")
    elif health.unchecked is not None:
        report(f"your database {database}: check not finished ({health.unchecked})")
    else:
        report(f"your database {database}: sound (quick_check)")


def _steps(folder: Path, report: Callable[[str], None]) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop_app.domain.enrollment import Consent, Enrollment
    from desktop_app.domain.months import YearMonth
    from desktop_app.receipts.issue import plan_receipts, record_receipts
    from desktop_app.receipts.papers import PAPERS
    from desktop_app.receipts.render import write_pdf
    from desktop_app.store.database import open_database
    from desktop_app.store.officers import sign_in_officer
    from desktop_app.ui.application import app_settings
    from desktop_app.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    engine = open_database(folder)
    report(f"database opened and migrated: {folder}")
    officer = sign_in_officer(engine, name="Self Test", officer_code="SELF-TEST")
    today = date.today()
    window = MainWindow(engine=engine, data_dir=folder, settings=app_settings(folder),
                        officer=officer, today=lambda: today)
    window.show()
    app.processEvents()
    report("main window shown")
    window.form.load_record(Enrollment(
        nik=EXAMPLE_NIK, full_name="Ni Made Sari Dewi", birth_place="Denpasar",
        address="Jl. Kamboja No. 5", desa_code="5171041004", banjar="Banjar Kaja",
        occupation="pedagang", monthly_income=2_500_000, payment_months=3,
        first_month=YearMonth.of(today), consent=Consent(True, "2026-01")))
    if not window.form.save() or window.form.editing is None:
        raise RuntimeError("the form did not save the example enrollment")
    stored = window.form.editing
    report(f"enrollment saved through the form ({stored.status})")
    pdf = folder / "receipt.pdf"
    planned = plan_receipts(engine, [stored.id], officer_id=officer.id, today=today)
    write_pdf(planned, pdf, paper=PAPERS["a5"])
    record_receipts(engine, planned, [stored.id], officer_id=officer.id, today=today)
    if pdf.stat().st_size < 1000:
        raise RuntimeError("the receipt PDF is empty")
    report(f"receipt {planned[0].number} rendered to PDF ({pdf.stat().st_size:,} bytes)")
    window.tasks.wait()
    window.form.drafts.clear()
    window.close()
    engine.dispose()


def run_self_test(user_data_dir: Path | None = None) -> int:
    """The self-test; ``user_data_dir`` is the folder of the user's own database."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    started = time.perf_counter()

    def report(step: str) -> None:
        print(f"[{time.perf_counter() - started:5.2f} s] {step}", flush=True)

    report(f"Banjar Enroll {__version__} self-test, Python {sys.version.split()[0]}")
    if user_data_dir is not None:
        from desktop_app.store.integrity import DatabaseDamaged

        try:
            _check_user_database(user_data_dir, report)
        except DatabaseDamaged as refusal:
            print(f"your database: {refusal.text.en}", file=sys.stderr)
            print("self-test FAILED", file=sys.stderr)
            return 1
    with tempfile.TemporaryDirectory(prefix="banjar-enroll-self-test-") as folder:
        try:
            _steps(Path(folder), report)
        except Exception:  # any failure is the answer: say where, exit 1
            traceback.print_exc()
            print("self-test FAILED", file=sys.stderr)
            return 1
    report("self-test passed")
    return 0
