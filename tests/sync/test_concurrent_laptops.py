"""Eight laptops push overlapping NIKs at the same moment to two service workers on one
PostgreSQL database: exactly one canonical record per NIK, and every version accounted for."""

import os
import socket
import subprocess
import sys
import threading
import time
from datetime import date

import httpx
import pytest
from builders import many_people
from sqlmodel import Session, func, select

from desktop_app.office.database import open_office_database
from desktop_app.office.devices import add_device
from desktop_app.office.models import CanonicalRecord, RecordVersion
from desktop_app.store.database import open_database
from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.store.officers import sign_in_officer
from desktop_app.sync.run import setup_device, sync_now

# these tests open laptops of their own and sync them (see the root conftest)
pytestmark = pytest.mark.usefixtures("shipped_reference_data")

LAPTOPS, PEOPLE, STEP = 8, 100, 25  # laptop k enrolls people k*25 .. k*25+99


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_eight_laptops_at_once_make_one_record_per_nik(postgres_url, valid_record,
                                                       tmp_path) -> None:
    office = open_office_database(postgres_url)
    port = free_port()
    # the sync log goes to stderr, a line a batch: a file, never an unread pipe that fills
    # (64 KiB) and blocks the office's next log line, and so every request after it
    log = (tmp_path / "office-serve.log").open("ab")
    service = subprocess.Popen(
        [sys.executable, "-m", "desktop_app", "office", "serve", "--db", postgres_url,
         "--port", str(port), "--workers", "2"],
        stdout=subprocess.DEVNULL, stderr=log,
        env={**os.environ, "PYTHONPATH": os.getcwd()})
    log.close()  # the service holds its own copy
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            assert service.poll() is None, (tmp_path / "office-serve.log").read_text()
            try:
                if httpx.get(f"{url}/api/v1/health").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the service did not start"
            time.sleep(0.1)
        laptops = []
        for k in range(LAPTOPS):
            engine = open_database(tmp_path / f"laptop{k}")
            officer = sign_in_officer(engine, name=f"Petugas {k}", officer_code=f"P{k}")
            setup_device(engine, server_url=url,
                         code=add_device(office, officer_name=f"Petugas {k}"))
            people = [p.with_changes(address=f"Jl. Banjar {k}")
                      for p in many_people(valid_record, PEOPLE, start=k * STEP)]
            EnrollmentStore(engine).add_many(people, officer_id=officer.id,
                                             on=date(2026, 5, 20))
            laptops.append(engine)
        results, failures = [None] * LAPTOPS, []
        start = threading.Barrier(LAPTOPS)

        def push(k: int) -> None:
            try:
                start.wait()
                results[k] = sync_now(laptops[k], batch_size=20)
            except Exception as failure:  # reported below with the laptop's number
                failures.append((k, failure))

        threads = [threading.Thread(target=push, args=(k,)) for k in range(LAPTOPS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
        assert failures == []
        distinct = STEP * (LAPTOPS - 1) + PEOPLE
        with Session(office) as session:
            canonical = session.exec(select(func.count()).select_from(CanonicalRecord)).one()
            versions = session.exec(select(func.count()).select_from(RecordVersion)).one()
            niks = session.exec(select(func.count(func.distinct(CanonicalRecord.nik)))).one()
        assert canonical == niks == distinct
        accepted = sum(r.accepted for r in results)
        merged = sum(r.merged for r in results)
        assert sum(r.conflict + r.rejected for r in results) == 0
        assert accepted == distinct  # exactly one laptop created each person
        assert accepted + merged == LAPTOPS * PEOPLE  # every version answered
        # each merge changed the address: every incoming version is in the history
        assert versions == LAPTOPS * PEOPLE
        for engine in laptops:
            engine.dispose()
    finally:
        service.terminate()
        service.wait(timeout=30)
        office.dispose()
