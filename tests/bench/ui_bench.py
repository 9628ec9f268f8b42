"""Desktop application benchmark, run on purpose with ``make bench`` (never as a timed test).

Prints: cold start to the main window shown (median of 5 runs of a fresh process), the time
from the last keystroke of a NIK to the filled birth date and sex, and list filtering latency
over 200,000 rows. Targets on a 2-core machine: start < 1.5 s, NIK feedback < 50 ms,
filter < 100 ms.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parents[1]))

from builders import build_nik, clone_enrollments

from desktop_app.domain.enrollment import Consent, Enrollment
from desktop_app.store.database import open_database
from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.store.officers import sign_in_officer

TODAY = date(2026, 5, 20)
START_SCRIPT = """
import os, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from desktop_app.ui.application import open_main_window
window = open_main_window(data_dir=Path(sys.argv[1]), language="id")
window.repaint()  # the first frame is painted
QApplication.processEvents()
print("shown", flush=True)
os._exit(0)
"""


def summary(times_ms: list[float]) -> str:
    times_ms = sorted(times_ms)
    p95 = times_ms[max(0, int(len(times_ms) * 0.95) - 1)]
    return (f"median {statistics.median(times_ms):.1f} ms, p95 {p95:.1f} ms, "
            f"max {times_ms[-1]:.1f} ms ({len(times_ms)} runs)")


def build_store(folder: Path):
    engine = open_database(folder)
    officer = sign_in_officer(engine, name="Ni Ketut Sari", officer_code="DSN-002")
    record = Enrollment(nik="5171045708850023", full_name="Ni Made Sari Dewi",
                        birth_place="Denpasar", address="Jl. Kamboja 5", desa_code="5171041004",
                        banjar="Banjar Tonja", occupation="pedagang", monthly_income=2_500_000,
                        consent=Consent(True))
    EnrollmentStore(engine).add_many([record], officer_id=officer.id, on=TODAY)
    clone_enrollments(engine, 199_999)
    return engine, officer


def cold_start(folder: Path) -> list[float]:
    times = []
    for _ in range(5):
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-c", START_SCRIPT, str(folder)],
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = process.stdout.readline()
        times.append((time.perf_counter() - started) * 1000)
        process.wait()
        assert line.strip() == "shown", line
    return times


def main() -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from desktop_app.store.search import EnrollmentQuery
    from desktop_app.ui.application import app_settings
    from desktop_app.ui.main_window import MainWindow

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        engine, officer = build_store(folder)
        print("cold start to the main window shown (200,000 rows in the store): "
              + summary(cold_start(folder)))

        app = QApplication.instance() or QApplication([])
        window = MainWindow(engine=engine, data_dir=folder, settings=app_settings(folder),
                            officer=officer, today=lambda: TODAY)
        window.show()
        app.processEvents()
        form = window.form
        nik = form.editors["nik"].widget
        feedback = []
        for n in range(60):
            form.start_new()
            typed = build_nik("517103", date(1960 + n % 40, 1 + n % 12, 1 + n % 28), "P", n + 1)
            QTest.keyClicks(nik, typed[:-1])
            started = time.perf_counter()
            QTest.keyClick(nik, typed[-1])
            feedback.append((time.perf_counter() - started) * 1000)
            assert form.editors["birth_date"].raw() and form.editors["sex"].raw() == "P"
        print("NIK feedback, last keystroke to birth date, sex, place and duplicate check: "
              + summary(feedback))

        listing = window.list
        visit = window.start_visit("5171041004", "Banjar Tonja", TODAY)
        del visit
        # "sari dwi" and "wayan klan 12" find only near spellings (Sari Dewi, Klon 12...)
        filters = [EnrollmentQuery(text=t) for t in ("klon 1", "wayan", "ni made", "5171041201",
                                                      "5171041201004", "sari dewi", "sari dwi",
                                                      "wayan klan 12")]
        filters += [EnrollmentQuery(status=s) for s in ("draft", "ready")]
        filters += [EnrollmentQuery(text="klon", status="draft"),
                    EnrollmentQuery(banjar="Banjar Tonja"),
                    EnrollmentQuery(enrolled_from=date.today(), enrolled_to=date.today())]
        shown, counted = [], []
        for query in filters * 3:
            started = time.perf_counter()
            listing.model.set_query(query)
            shown.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            from desktop_app.store.search import count_enrollments
            count_enrollments(engine, query)
            counted.append((time.perf_counter() - started) * 1000)
        print("list filter over 200,000 rows, query to first page shown: " + summary(shown))
        slowest = sorted(zip(shown, filters * 3, strict=True), key=lambda pair: -pair[0])[:3]
        for took, query in slowest:
            print(f"  slowest: {took:.1f} ms for {query}")
        print("  ... and the count of all matches (on a worker thread): " + summary(counted))
        started = time.perf_counter()
        listing.model.sort(1, Qt.SortOrder.DescendingOrder)
        print(f"sort by name over 200,000 rows, first page: "
              f"{(time.perf_counter() - started) * 1000:.1f} ms")
        form.drafts.clear()
        window.close()
        engine.dispose()


if __name__ == "__main__":
    main()
