"""Sync benchmark, run on purpose with ``make bench`` (never as a timed test).

A sync has to do far more than store rows: the laptop reads its waiting records, signs them in
batches and sends them over HTTP; the office checks each batch's signature, validates and
merges every record on its NIK, writes its own tables and answers record by record; the laptop
stores the answers. This measures what all of that costs against the cheapest possible way of
keeping the same rows, and whether memory stays flat as the number of records grows (a sync
works batch by batch, so it must).

Prints:

- the floor: the same 50,000 enrollment rows, exactly as a laptop stores them, inserted into a
  plain SQLite table with the laptop's ``enrollment`` columns (no index, no constraint) with
  one ``executemany`` in one transaction, on the store's settings (WAL, synchronous=FULL):
  records/s. No sync can be faster.
- the ceiling: ``check_enrollment`` alone on the same records (records/s and as a share of
  the floor). The office validates every record it takes, so no push can beat this.
- for an office on a SQLite file, and also on PostgreSQL when ``BANJAR_TEST_POSTGRES_URL`` is
  set (e.g. ``postgresql+psycopg://postgres@127.0.0.1:5432/test``; a fresh schema per run,
  dropped afterwards): the push of 50,000 enrollments from one laptop to the office (records/s
  end to end, from the first batch read to the last answer stored, and as a share of the
  floor; target >= 25%), the pushing laptop's pull of its own records back, and the pull of all
  of them into a second laptop (records/s).
- peak memory (VmHWM, from ``/proc``: Linux) of the office service and of each laptop, each in
  a process of its own (``desktop_app office serve``, and this script with ``--laptop`` for a
  laptop's sync), for a push of 10,000 and of 50,000 records: the peaks should not grow,
  beyond SQLite's page cache (bounded by ``CACHE_KIB`` per connection, see sqlite_engine).

Building the laptops' records (``EnrollmentStore.add_many``) is not timed. ``--records 5000``
makes a quick trial (the memory comparison then runs at a fifth of that size).
"""

import argparse
import contextlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parents[1]))

from builders import many_people, valid_enrollment

from desktop_app.domain.enrollment import Enrollment
from desktop_app.domain.validation import check_enrollment
from desktop_app.store.database import DATABASE_FILE, open_database
from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.store.officers import sign_in_officer
from desktop_app.sync.run import setup_device, sync_now
from desktop_app.work_state import SyncProgress, WorkState

# The office's modules are imported where the office is prepared, never at the top: a laptop
# process (``--laptop``) must carry only what the laptop application carries.

ON = date(2026, 5, 20)  # the enrollment day of the records, as in the tests
RECORDS = 50_000
BATCH_SIZE = 500
CHUNK = 10_000  # records stored per add_many while building a laptop
TARGET_SHARE = 25  # % of the floor the push should reach
POSTGRES_URL = os.environ.get("BANJAR_TEST_POSTGRES_URL", "")
REPO = Path(__file__).parents[2]
START_TIMEOUT_S = 60


def template() -> Enrollment:
    """The one complete valid record of the tests (builders.valid_enrollment)."""
    return valid_enrollment()


def peak_kib(pid: int | str) -> int | None:
    """The process's peak resident memory (VmHWM) in KiB; None without ``/proc``."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return None


def mib(kib: int | None) -> str:
    return "n/a" if kib is None else f"{kib / 1024:,.0f} MiB"


# --- the laptop's side, in a process of its own ------------------------------------------


def laptop_sync(folder: Path, batch_size: int) -> None:
    """One ``sync_now`` of the laptop in ``folder``: prints its figures as one JSON line."""
    engine = open_database(folder)
    started = time.perf_counter()
    marks = {"push": started}  # when the last pushed batch's answers were stored

    def progress(reported: SyncProgress) -> None:
        marks[reported.stage.value] = time.perf_counter()

    counts = sync_now(engine, batch_size=batch_size, state=WorkState(progress))
    finished = time.perf_counter()
    engine.dispose()
    print(json.dumps({
        "push_s": marks["push"] - started, "pull_s": finished - marks["push"],
        "accepted": counts.accepted, "merged": counts.merged, "conflict": counts.conflict,
        "rejected": counts.rejected, "pulled": counts.pulled, "peak_kib": peak_kib("self")}))


def run_laptop(folder: Path, batch_size: int) -> dict:
    """Runs ``laptop_sync`` in a child process and returns what it printed."""
    done = subprocess.run(
        [sys.executable, __file__, "--laptop", str(folder), "--batch-size", str(batch_size)],
        cwd=REPO, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the laptop sync of {folder.name} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- preparing laptops and the office (not timed) ----------------------------------------


def build_laptop(folder: Path, count: int, name: str) -> None:
    """A laptop database with its officer and ``count`` ready enrollments."""
    engine = open_database(folder)
    officer = sign_in_officer(engine, name=f"Officer {name}", officer_code=f"BENCH-{name}",
                              pin="1234")
    store = EnrollmentStore(engine)
    for start in range(0, count, CHUNK):
        records = many_people(template(), min(CHUNK, count - start), start=start)
        outcomes = store.add_many(records, officer_id=officer.id, on=ON)
        if not all(o.stored_id for o in outcomes):
            raise RuntimeError("the benchmark's records must all be stored")
    engine.dispose()


def register(folder: Path, server_url: str, code: str) -> None:
    engine = open_database(folder)
    setup_device(engine, server_url=server_url, code=code)
    engine.dispose()


def registration_codes(url: str, count: int) -> list[str]:
    """Migrates the office database and makes ``count`` one-time registration codes."""
    from desktop_app.office.database import open_office_database
    from desktop_app.office.devices import add_device

    engine = open_office_database(url)
    codes = [add_device(engine, officer_name=f"Bench Officer {n + 1}") for n in range(count)]
    engine.dispose()
    return codes


def postgres_schema_url(schema: str) -> str:
    separator = "&" if "?" in POSTGRES_URL else "?"
    return f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"


@contextlib.contextmanager
def office_database(kind: str, folder: Path) -> Iterator[str]:
    """A new, empty office database as a URL: a SQLite file, or a PostgreSQL schema of its
    own (dropped afterwards)."""
    if kind == "SQLite":
        yield f"sqlite:///{folder / 'office.sqlite3'}"
        return
    from sqlalchemy import create_engine, text

    schema = f"bench_{uuid.uuid4().hex[:16]}"
    admin = create_engine(POSTGRES_URL)
    try:
        with admin.begin() as connection:
            connection.execute(text(f"CREATE SCHEMA {schema}"))
        try:
            yield postgres_schema_url(schema)
        finally:
            with admin.begin() as connection:
                connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    finally:
        admin.dispose()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def office_service(url: str, log: Path) -> Iterator[tuple[subprocess.Popen, str]]:
    """``desktop_app office serve`` on a free port, until the block ends; yields the process
    and the base URL once the health endpoint answers."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "desktop_app", "office", "serve", "--db", url,
             "--port", str(port)], cwd=REPO, stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the office service stopped:\n{log.read_text()[-3000:]}")
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{base_url}/api/v1/health", timeout=2).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"the office service did not answer in {START_TIMEOUT_S} s")
            time.sleep(0.1)
        yield process, base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# --- the measurements ---------------------------------------------------------------------


def floor_rate(laptop: Path, folder: Path) -> tuple[int, float]:
    """Inserts the laptop's enrollment rows into a plain table; returns (rows, seconds)."""
    with contextlib.closing(sqlite3.connect(laptop / DATABASE_FILE)) as source:
        columns = source.execute("PRAGMA table_info(enrollment)").fetchall()
        rows = source.execute("SELECT * FROM enrollment").fetchall()
    with contextlib.closing(sqlite3.connect(folder / "floor.sqlite3",
                                            isolation_level=None)) as target:
        target.execute("PRAGMA journal_mode=WAL")
        target.execute("PRAGMA synchronous=FULL")
        target.execute(f"CREATE TABLE enrollment "
                       f"({', '.join(f'{c[1]} {c[2]}' for c in columns)})")
        started = time.perf_counter()
        target.execute("BEGIN")
        target.executemany(
            f"INSERT INTO enrollment VALUES ({', '.join('?' * len(columns))})", rows)
        target.execute("COMMIT")
        seconds = time.perf_counter() - started
    return len(rows), seconds


def validation_rate(size: int) -> float:
    """Records/s of ``check_enrollment`` over ``size`` benchmark records: the office must run
    it on every record it takes, so it bounds any push from above."""
    records = many_people(template(), size)
    started = time.perf_counter()
    for record in records:
        check_enrollment(record, on=ON)
    return size / (time.perf_counter() - started)


def sync_run(kind: str, size: int, folder: Path, batch_size: int) -> dict:
    """Pushes ``size`` records from one laptop and pulls them into another, through an
    office service on a fresh ``kind`` database; returns the figures and the peaks."""
    folder.mkdir()
    pusher, receiver = folder / "laptop-push", folder / "laptop-pull"
    build_laptop(pusher, size, "A")
    build_laptop(receiver, 0, "B")
    with office_database(kind, folder) as url:
        codes = registration_codes(url, 2)
        with office_service(url, folder / "office.log") as (process, base_url):
            register(pusher, base_url, codes[0])
            register(receiver, base_url, codes[1])
            push = run_laptop(pusher, batch_size)
            pull = run_laptop(receiver, batch_size)
            office_peak = peak_kib(process.pid)
    if push["accepted"] != size or pull["pulled"] != size:
        raise RuntimeError(f"expected {size:,} records accepted and pulled, got push {push} "
                           f"and pull {pull}")
    return {"push": push, "pull": pull, "office_peak": office_peak}


def report(kind: str, size: int, figures: dict, floor: float) -> None:
    push, pull = figures["push"], figures["pull"]
    push_rate = size / push["push_s"]
    share = 100 * push_rate / floor
    verdict = "met" if share >= TARGET_SHARE else "NOT met"
    print(f"{kind} office, {size:,} records:")
    print(f"  push, one laptop to the office (batches read, signed, sent, validated and merged "
          f"at the office, answers stored): {push['push_s']:.2f} s = {push_rate:,.0f} "
          f"records/s = {share:.1f}% of the floor (target >= {TARGET_SHARE}%: {verdict})")
    print(f"  the pushing laptop's pull of its own records back (same sync): "
          # its own records come back unchanged, so they are not counted as pulled: the
          # rate is of the records the pages carried
          f"{push['pull_s']:.2f} s = {push['accepted'] / push['pull_s']:,.0f} records/s")
    print(f"  pull into a second laptop: {pull['pull_s']:.2f} s = "
          f"{pull['pulled'] / pull['pull_s']:,.0f} records/s")
    print(f"  peak memory (VmHWM): office service {mib(figures['office_peak'])}, pushing "
          f"laptop {mib(push['peak_kib'])}, pulling laptop {mib(pull['peak_kib'])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=RECORDS,
                        help=f"records to push and pull (default {RECORDS:,})")
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE,
                        help=f"records per pushed batch and pulled page (default {BATCH_SIZE})")
    parser.add_argument("--laptop", type=Path, help=argparse.SUPPRESS)  # a child's own sync
    args = parser.parse_args()
    if args.laptop:
        laptop_sync(args.laptop, args.batch_size)
        return
    if args.records < 5:
        parser.error("--records must be at least 5")
    sys.stdout.reconfigure(line_buffering=True)
    # ended by a signal, still stop the office services and remove the temporary folder
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    size, small = args.records, args.records // 5
    kinds = ["SQLite", *(["PostgreSQL"] if POSTGRES_URL else [])]
    print(f"sync benchmark: {size:,} records (memory also at {small:,}), batches and pull "
          f"pages of {args.batch_size}, offices on {' and '.join(kinds)}"
          + ("" if POSTGRES_URL else " (set BANJAR_TEST_POSTGRES_URL for PostgreSQL)"))
    with tempfile.TemporaryDirectory(prefix="sync_bench_") as temporary:
        folder = Path(temporary)
        build_laptop(folder / "floor-laptop", size, "F")
        rows, seconds = floor_rate(folder / "floor-laptop", folder)
        floor = rows / seconds
        print(f"floor: {rows:,} enrollment rows into a plain SQLite table (the laptop's "
              f"columns, no index; executemany, one transaction): {seconds:.2f} s = "
              f"{floor:,.0f} records/s")
        checked = validation_rate(size)
        print(f"ceiling: the office's validation alone (check_enrollment on the same records, "
              f"one core, nothing else): {checked:,.0f} records/s = "
              f"{100 * checked / floor:.1f}% of the floor; no push that validates every "
              f"record can be faster")
        for kind in kinds:
            peaks = {}
            for count in (small, size):
                figures = sync_run(kind, count, folder / f"{kind.lower()}-{count}",
                                   args.batch_size)
                if count == size:
                    report(kind, count, figures, floor)
                peaks[count] = figures
            print(f"  memory against records ({kind} office): "
                  + "; ".join(f"push of {count:,} ({count / f['push']['push_s']:,.0f} records/s): "
                              f"office {mib(f['office_peak'])}, pushing laptop "
                              f"{mib(f['push']['peak_kib'])}" for count, f in peaks.items()))


if __name__ == "__main__":
    main()
