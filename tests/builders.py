"""Test data builders shared by every test folder (on the path through pytest's pythonpath)."""

from datetime import date


def build_nik(district: str, birth: date, sex: str, serial: int = 1) -> str:
    """A NIK from its parts: kecamatan code, birth date (+40 on the day for women), serial.

    ``sex`` is ``"L"``/``"P"`` or a ``Sex`` (a string enum with those values).
    """
    day = birth.day + (40 if sex == "P" else 0)
    return f"{district}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"


def clone_enrollments(engine, copies: int) -> None:
    """Copies the one enrollment in the store ``copies`` times with distinct ids, NIKs and
    names ("I Wayan Klon N"), straight in SQL: 200,000 rows in a few seconds, for tests and
    benchmarks of big lists. The name index is rebuilt afterwards."""
    with engine.begin() as connection:
        columns = [row[1] for row in connection.exec_driver_sql(
            "PRAGMA table_info(enrollment)")]
        copied = ", ".join(
            {"id": "printf('%032x', n)", "nik": "printf('5171041201%06d', n)",
             "full_name": "'I Wayan Klon ' || n",
             "status": "CASE WHEN n % 50 = 0 THEN 'draft' ELSE status END"}.get(c, c)
            for c in columns)
        connection.exec_driver_sql(
            f"WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < {copies})"
            f" INSERT INTO enrollment ({', '.join(columns)}) SELECT {copied} FROM k, enrollment")
        connection.exec_driver_sql(
            "INSERT INTO enrollment_search(enrollment_search) VALUES ('rebuild')")
        connection.exec_driver_sql("ANALYZE")
