"""Store benchmark, run on purpose with ``make bench`` (never as a timed test).

Prints: bulk insert rate of 100,000 synthetic enrollments (records/s, validation included),
and search latency (median and p95) by NIK prefix and by name over 200,000 rows.
Targets on a 2-core machine: insert >= 20,000 records/s; search p95 < 20 ms.
"""

import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import GIVEN, synthetic_enrollments

from desktop_app.domain.enrollment import EnrollmentStatus
from desktop_app.domain.validation import check_enrollment
from desktop_app.store.database import open_database
from desktop_app.store.device import sign_in_officer
from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.store.search import (
    EnrollmentQuery,
    count_enrollments,
    search_enrollments,
)

ON = date(2026, 11, 23)
CHUNK = 10_000


def insert(store: EnrollmentStore, officer_id: uuid.UUID, records: list) -> float:
    started = time.perf_counter()
    for start in range(0, len(records), CHUNK):
        outcomes = store.add_many(records[start:start + CHUNK], officer_id=officer_id, on=ON)
        assert all(o.stored_id for o in outcomes), "synthetic records must all be stored"
    return time.perf_counter() - started


def latencies(engine: Engine, queries: list[EnrollmentQuery]) -> tuple[float, float, float]:
    times = []
    for query in queries:
        started = time.perf_counter()
        search_enrollments(engine, query, limit=50)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], times[-1]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = open_database(Path(folder))
        officer = sign_in_officer(engine, name="Bench", officer_code="BENCH")
        store = EnrollmentStore(engine)
        records = list(synthetic_enrollments(200_000, seed=1, on=ON))
        started = time.perf_counter()
        checked = [check_enrollment(r, on=ON) for r in records[:100_000]]
        validation = time.perf_counter() - started
        seconds = insert(store, officer.id, records[:100_000])
        print(f"validation alone: {100_000 / validation:,.0f} records/s")
        print(f"bulk insert (EnrollmentStore.add_many: validation, duplicate check, row, history "
              f"and name index): 100,000 in {seconds:.2f} s = {100_000 / seconds:,.0f} records/s")
        del checked
        seconds = insert(store, officer.id, records[100_000:])
        print(f"bulk insert of the next 100,000 (store at 100,000-200,000 rows): "
              f"{100_000 / seconds:,.0f} records/s")

        rng = random.Random(7)
        nik_prefixes = [rng.choice(["517101", "517102", "517103", "517104"])
                        + "".join(rng.choice("0123456789") for _ in range(rng.randint(0, 6)))
                        for _ in range(300)]
        name_queries = [rng.choice(["made", "ni", "wayan sut", "ketut a", "putu", "luh", "s",
                                    "gede wir", "komang ut"]) for _ in range(150)]
        name_queries += [w.lower()[: rng.randint(2, 5)] for w in rng.choices(GIVEN, k=150)]
        ready = EnrollmentStatus.READY
        for label, texts in (("NIK prefix", nik_prefixes), ("name", name_queries)):
            median, p95, worst = latencies(engine, [EnrollmentQuery(t) for t in texts])
            print(f"search by {label} over 200,000 rows (first page of 50): median {median:.2f} ms,"
                  f" p95 {p95:.2f} ms, max {worst:.2f} ms ({len(texts)} queries)")
            median, p95, worst = latencies(engine, [EnrollmentQuery(t, status=ready)
                                                    for t in texts])
            print(f"  ... with a status filter: median {median:.2f} ms, p95 {p95:.2f} ms, "
                  f"max {worst:.2f} ms")
        for label, texts in (("NIK prefix", nik_prefixes[:100]), ("name", name_queries[:100])):
            times = []
            for text in texts:
                started = time.perf_counter()
                count_enrollments(engine, EnrollmentQuery(text))
                times.append((time.perf_counter() - started) * 1000)
            times.sort()
            print(f"count of matches by {label}: median {statistics.median(times):.2f} ms, "
                  f"p95 {times[94]:.2f} ms")



if __name__ == "__main__":
    main()
