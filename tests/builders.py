"""Test data builders shared by every test folder (on the path through pytest's pythonpath)."""

from datetime import date


def build_nik(district: str, birth: date, sex: str, serial: int = 1) -> str:
    """A NIK from its parts: kecamatan code, birth date (+40 on the day for women), serial.

    ``sex`` is ``"L"``/``"P"`` or a ``Sex`` (a string enum with those values).
    """
    day = birth.day + (40 if sex == "P" else 0)
    return f"{district}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"
