"""Receipt benchmark, run on purpose with ``make bench`` (never as a timed test).

Prints, for each paper: one receipt to PDF, end to end as ``banjar-enroll receipt`` does it
(plan: number, contribution and signature; paint; write; record the print), median and slowest
of 30; and the 200 receipts of one visit into one PDF (total time and file size). Targets on a
2-core machine: < 150 ms per receipt, 200 receipts < 10 s.
"""

import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parents[1]))

from builders import many_people
from sync_bench import template

from desktop_app.receipts.issue import plan_receipts, record_receipts
from desktop_app.receipts.papers import PAPERS
from desktop_app.receipts.render import ensure_gui_application, write_pdf
from desktop_app.store.database import open_database
from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.store.officers import sign_in_officer
from desktop_app.store.receipts import visit_enrollment_ids
from desktop_app.store.visits import start_visit

DAY = date(2026, 5, 20)
SINGLE_RUNS = 30
VISIT_SIZE = 200


def print_receipts(engine, ids, officer_id, path: Path, paper) -> None:
    planned = plan_receipts(engine, ids, officer_id=officer_id, today=DAY)
    write_pdf(planned, path, paper=paper)
    record_receipts(engine, planned, ids, officer_id=officer_id, today=DAY)


def main() -> None:
    ensure_gui_application()
    with tempfile.TemporaryDirectory(prefix="receipt_bench_") as temporary:
        folder = Path(temporary)
        engine = open_database(folder / "laptop")
        officer = sign_in_officer(engine, name="Ni Ketut Sari", officer_code="DSN-002")
        visit = start_visit(engine, desa_code="5171041004", banjar="Banjar Kaja",
                            visit_date=DAY, officer_id=officer.id)
        EnrollmentStore(engine).add_many(many_people(template(), VISIT_SIZE), on=DAY,
                                         officer_id=officer.id, visit_id=visit.id)
        ids = visit_enrollment_ids(engine, visit.id)
        print_receipts(engine, ids[:1], officer.id, folder / "warm.pdf", PAPERS["a5"])
        print(f"receipt benchmark: {VISIT_SIZE} enrollments of one visit; targets < 150 ms a "
              f"receipt, {VISIT_SIZE} receipts < 10 s")
        for key, paper in PAPERS.items():
            times = []
            for run in range(SINGLE_RUNS):
                started = time.perf_counter()
                print_receipts(engine, [ids[run % len(ids)]], officer.id,
                               folder / f"one-{key}.pdf", paper)
                times.append(time.perf_counter() - started)
            path = folder / f"visit-{key}.pdf"
            started = time.perf_counter()
            print_receipts(engine, ids, officer.id, path, paper)
            total = time.perf_counter() - started
            print(f"{key:>5}: one receipt median {statistics.median(times) * 1000:.0f} ms, "
                  f"slowest {max(times) * 1000:.0f} ms; {VISIT_SIZE} receipts in one PDF "
                  f"{total:.2f} s ({total / VISIT_SIZE * 1000:.0f} ms each), "
                  f"{path.stat().st_size / 2**20:.1f} MiB")
        engine.dispose()


if __name__ == "__main__":
    main()
