"""Store benchmark, run on purpose with ``make bench`` (never as a timed test).

Prints: the bulk insert rate of 100,000 synthetic enrollments (records/s), with validation
measured on its own and included; and search latency (median and p95) by NIK prefix, by name
and by near spellings of names over 200,000 rows, with and without a status filter.
Targets on a 2-core machine: insert >= 20,000 records/s; search p95 < 20 ms.
"""

import gc
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import GIVEN, synthetic_enrollments

from desktop_app.domain.enrollment import EnrollmentStatus
from desktop_app.domain.validation import check_enrollment
from desktop_app.store.database import open_database
from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.store.officers import sign_in_officer
from desktop_app.store.search import (
    EnrollmentQuery,
    count_enrollments,
    search_enrollments,
)

ON = date(2026, 11, 23)
# How the synthetic names (synthetic.GIVEN and the birth-order names) are misspelt: old
# spelling, Javanese o, a silent h added or left out, y for i, a schwa left out, a birth-order
# name shortened. None is a prefix of the name it stands for, so each finds only near spellings.
MISSPELT = {
    "Sutarja": "soetardja", "Sudarma": "sudarmo", "Astawa": "astowo", "Suardana": "suwardono",
    "Mertayasa": "mertayoso", "Widiastuti": "widyastuty", "Arsana": "arsono",
    "Budiarta": "boediarto", "Darmawan": "dharmawan", "Gunawan": "goenawan",
    "Lestari": "lestary", "Mahendra": "mahendro", "Pradnyani": "pradniani",
    "Sukerta": "sukertha", "Tirta": "tirtha", "Wirawan": "wirowan", "Yudha": "yuda",
    "Kartika": "khartika", "Utami": "oetami",
}
ORDER_MISSPELT = {"Nyoman": "njoman", "Ketut": "ktut", "Made": "md", "Wayan": "wyn",
                  "Komang": "kmg", "Putu": "pt"}


def near_spellings(rng: random.Random, count: int) -> list[str]:
    """Searches typed with misspelt names: a misspelt given name alone, or after a birth-order
    name (itself misspelt or not), or after "I"/"Ni" and a birth-order name."""
    typed = []
    for _ in range(count):
        given = rng.choice(sorted(MISSPELT.values()))
        order = rng.choice(sorted(ORDER_MISSPELT))
        typed.append(rng.choice([
            given, f"{order.lower()} {given}", f"{ORDER_MISSPELT[order]} {given}",
            f"{rng.choice(['i', 'ni'])} {order.lower()} {given}"]))
    return typed


def timed(action, *args, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    result = action(*args, **kwargs)
    return time.perf_counter() - started, result


def check_all(records: list) -> list:
    return [check_enrollment(record, on=ON) for record in records]


def stored_all(outcomes: list) -> None:
    assert all(o.stored_id for o in outcomes), "synthetic records must all be stored"


def latencies(engine: Engine, queries: list[EnrollmentQuery]) -> str:
    """Median, p95 and the slowest query of a list of searches (first page of 50)."""
    times = []
    for query in queries:
        started = time.perf_counter()
        search_enrollments(engine, query, limit=50)
        times.append(((time.perf_counter() - started) * 1000, query.text))
    times.sort()
    worst, worst_text = times[-1]
    return (f"median {statistics.median(t for t, _ in times):.2f} ms, "
            f"p95 {times[int(len(times) * 0.95) - 1][0]:.2f} ms, "
            f"max {worst:.2f} ms ({worst_text!r}; {len(times)} queries)")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = open_database(Path(folder))
        officer = sign_in_officer(engine, name="Bench", officer_code="BENCH")
        store = EnrollmentStore(engine)
        records = list(synthetic_enrollments(200_000, seed=1, on=ON))
        first, second = records[:100_000], records[100_000:]

        seconds, checked = timed(check_all, first)
        print(f"validation (check_enrollment) alone: {len(first) / seconds:,.0f} records/s")
        seconds, outcomes = timed(store.add_checked, checked, officer_id=officer.id)
        stored_all(outcomes)
        print(f"bulk insert of 100,000 checked records (EnrollmentStore.add_checked: duplicate "
              f"check, rows, name index, one transaction): {seconds:.2f} s = "
              f"{len(first) / seconds:,.0f} records/s")
        seconds, outcomes = timed(store.add_many, second, officer_id=officer.id, on=ON)
        stored_all(outcomes)
        print(f"bulk import of the next 100,000 (EnrollmentStore.add_many: validation included, "
              f"store at 100,000-200,000 rows): {seconds:.2f} s = "
              f"{len(second) / seconds:,.0f} records/s")

        # drop the 200,000 records held for loading, so that a collector pass over them does
        # not land inside a timed search (an application never holds them all)
        del records, first, second, checked, outcomes
        gc.collect()

        rng = random.Random(7)
        nik_prefixes = [rng.choice(["517101", "517102", "517103", "517104"])
                        + "".join(rng.choice("0123456789") for _ in range(rng.randint(0, 6)))
                        for _ in range(300)]
        name_queries = [rng.choice(["made", "ni", "wayan sut", "ketut a", "putu", "luh", "s",
                                    "gede wir", "komang ut"]) for _ in range(150)]
        name_queries += [w.lower()[: rng.randint(2, 5)] for w in rng.choices(GIVEN, k=150)]
        near_queries = near_spellings(rng, 300)
        ready = EnrollmentStatus.READY
        for label, texts in (("NIK prefix", nik_prefixes), ("name", name_queries),
                             ("near spellings of names", near_queries)):
            print(f"search by {label} over 200,000 rows: "
                  + latencies(engine, [EnrollmentQuery(t) for t in texts]))
            print("  ... with a status filter: "
                  + latencies(engine, [EnrollmentQuery(t, status=ready) for t in texts]))
        found = [len(search_enrollments(engine, EnrollmentQuery(t), limit=50))
                 for t in near_queries]
        print(f"  near-spelling searches that filled a first page of 50: "
              f"{sum(n == 50 for n in found)} of {len(found)}; with none found: "
              f"{found.count(0)}")
        for label, texts in (("NIK prefix", nik_prefixes[:100]), ("name", name_queries[:100]),
                             ("near spellings", near_queries[:100])):
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
