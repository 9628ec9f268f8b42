"""Excel benchmark, run on purpose with ``make bench`` (never as a timed test).

Prints, each measured in a process of its own (peak memory is the process's VmHWM, Linux):
- export of 100,000 enrollments (the records sheet and the recap): seconds and peak memory.
  Targets on a 2-core machine: < 20 s and < 300 MB;
- import of that exported file into an empty laptop (every row validated, stored as drafts,
  the result workbook written): rows/s and peak memory;
- with ``--million``: import of a 1,000,000-row sheet, for memory that stays flat.

Building the laptop's 100,000 records (``add_many``) is not timed.
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from builders import many_people
from sync_bench import peak_kib, template

from desktop_app.store.database import open_database
from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.store.officers import sign_in_officer

ON = date(2026, 5, 20)
RECORDS = 100_000
CHUNK = 10_000
TARGET_S, TARGET_MIB = 20, 300


def build_laptop(folder: Path, count: int) -> None:
    engine = open_database(folder)
    officer = sign_in_officer(engine, name="Bench", officer_code="BENCH")
    store = EnrollmentStore(engine)
    for start in range(0, count, CHUNK):
        store.add_many(many_people(template(), min(CHUNK, count - start), start=start),
                       officer_id=officer.id, on=ON)
    engine.dispose()


def child_export(folder: Path, path: Path) -> dict:
    from desktop_app.spreadsheets.laptop_export import export_enrollments
    from desktop_app.store.search import EnrollmentQuery

    engine = open_database(folder)
    started = time.perf_counter()
    rows = export_enrollments(engine, path, EnrollmentQuery())
    return {"rows": rows, "seconds": time.perf_counter() - started}


def child_import(folder: Path, path: Path) -> dict:
    from desktop_app.spreadsheets.worker_import import import_workers

    engine = open_database(folder)
    officer = sign_in_officer(engine, name="Bench", officer_code="BENCH")
    started = time.perf_counter()
    summary = import_workers(engine, path, officer_id=officer.id, on=ON)
    return {"rows": summary.rows, "drafts": summary.drafts,
            "seconds": time.perf_counter() - started}


def million_rows(path: Path) -> None:
    """A 1,000,000-row worker list, written with openpyxl's write-only mode."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Krama")
    sheet.append(["NIK", "Nama Lengkap", "Tempat Lahir", "Tanggal Lahir", "JK", "Alamat",
                  "Desa", "Banjar", "Pekerjaan", "Penghasilan"])
    for n in range(1_000_000):
        sheet.append([f"517104{(n % 28) + 1:02d}{(n % 12) + 1:02d}{60 + n % 40:02d}"
                      f"{n % 9999 + 1:04d}", f"Orang {chr(65 + n % 26)}", "Denpasar",
                      f"{(n % 28) + 1:02d}-{(n % 12) + 1:02d}-19{60 + n % 40}", "L",
                      "Jl. Kamboja", "Tonja", "Banjar Kaja", "Petani", 2_000_000])
    book.save(path)


def run_child(*args: str) -> dict:
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=RECORDS)
    parser.add_argument("--million", action="store_true",
                        help="also import a 1,000,000-row sheet (several minutes)")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)  # kind, folder, file
    args = parser.parse_args()
    if args.child:
        kind, folder, file = args.child
        work = child_export if kind == "export" else child_import
        figures = work(Path(folder), Path(file))
        print(json.dumps({**figures, "peak_kib": peak_kib("self")}))
        return
    with tempfile.TemporaryDirectory(prefix="spreadsheet_bench_") as temporary:
        folder = Path(temporary)
        build_laptop(folder / "laptop", args.records)
        exported = folder / "export.xlsx"
        figures = run_child("--child", "export", str(folder / "laptop"), str(exported))
        peak = figures["peak_kib"] / 1024
        verdict = ("met" if figures["seconds"] < TARGET_S and peak < TARGET_MIB
                   else "NOT met")
        print(f"export of {figures['rows']:,} enrollments with the recap: "
              f"{figures['seconds']:.1f} s ({figures['rows'] / figures['seconds']:,.0f} rows/s), "
              f"peak memory {peak:.0f} MiB, file {exported.stat().st_size / 2**20:.1f} MiB "
              f"(targets < {TARGET_S} s and < {TARGET_MIB} MB: {verdict})")
        figures = run_child("--child", "import", str(folder / "other"), str(exported))
        print(f"import of that file into an empty laptop: {figures['rows']:,} rows in "
              f"{figures['seconds']:.1f} s ({figures['rows'] / figures['seconds']:,.0f} "
              f"rows/s), peak memory {figures['peak_kib'] / 1024:.0f} MiB")
        if args.million:
            big = folder / "million.xlsx"
            started = time.perf_counter()
            million_rows(big)
            print(f"a 1,000,000-row list written in {time.perf_counter() - started:.0f} s "
                  f"({big.stat().st_size / 2**20:.0f} MiB)")
            figures = run_child("--child", "import", str(folder / "million"), str(big))
            print(f"import of 1,000,000 rows: {figures['seconds']:.0f} s "
                  f"({figures['rows'] / figures['seconds']:,.0f} rows/s), peak memory "
                  f"{figures['peak_kib'] / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
