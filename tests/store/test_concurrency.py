"""Two writers at once (the GUI and the CLI, or two worker threads) keep the store consistent."""

import threading
from datetime import date

import pytest
from builders import build_nik
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from desktop_app.sqlite_engine import write_session
from desktop_app.store.database import open_database
from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.store.search import EnrollmentQuery, count_enrollments

ON = date(2026, 5, 20)


def test_a_writer_holds_the_write_lock_from_its_first_statement(engine, tmp_path) -> None:
    other = open_database(tmp_path / "data")
    with write_session(engine) as first:
        first.execute(text("SELECT count(*) FROM enrollment"))  # a read, inside a writer
        with other.connect() as connection:
            connection.exec_driver_sql("PRAGMA busy_timeout=50")
            with pytest.raises(OperationalError, match="locked"):
                connection.exec_driver_sql("BEGIN IMMEDIATE")
        first.commit()
    other.dispose()


def test_bulk_adds_from_two_threads_keep_the_name_index_whole(engine, officer,
                                                              valid_record) -> None:
    def batch(district: str, name: str) -> list:
        return [valid_record.with_changes(nik=build_nik(district, date(1980, 1, 1), "L", n + 1),
                                          full_name=f"I {name} Warga", birth_date=None, sex=None)
                for n in range(300)]

    failures: list[BaseException] = []
    barrier = threading.Barrier(2)

    def add(records: list) -> None:
        try:
            barrier.wait()
            for start in range(0, len(records), 30):
                EnrollmentStore(engine).add_many(records[start:start + 30],
                                                 officer_id=officer.id, on=ON)
        except BaseException as failure:
            failures.append(failure)

    threads = [threading.Thread(target=add, args=(batch("517101", "Wayan"),)),
               threading.Thread(target=add, args=(batch("517102", "Made"),))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with engine.connect() as connection:
        connection.exec_driver_sql(
            "INSERT INTO enrollment_search(enrollment_search, rank) VALUES ('integrity-check', 1)")
        indexed = connection.exec_driver_sql(
            "SELECT count(*) FROM enrollment_search_docsize").scalar()
    assert indexed == 600
    assert count_enrollments(engine, EnrollmentQuery(text="made")) == 300
    assert count_enrollments(engine, EnrollmentQuery(text="wayan")) == 300
