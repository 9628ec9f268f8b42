"""The highest receipt running number this laptop has given, kept outside its database.

The running number is counted from the receipts in the database, so restoring an older backup
(``backup restore``) would count back and give again numbers already printed on paper since:
two receipts with one number, and the office would call the later one forged. This small file
beside the database is not restored with it: the next number is past both. It is written whole
(``atomic_files``) before the prints that raise it are committed, so a crash in between skips
numbers, never repeats one. It names the laptop it counts for: a database of another laptop in
the same folder starts from its own count.
"""

import uuid
from pathlib import Path

from sqlalchemy import Engine

from desktop_app.atomic_files import write_text_whole

FLOOR_FILE = "receipt-floor"


def _path(engine: Engine) -> Path:
    return Path(str(engine.url.database)).parent / FLOOR_FILE


def receipt_floor(engine: Engine, device_id: uuid.UUID) -> int:
    """The highest running number given on laptop ``device_id`` (0 when none is known, or
    the file is not this laptop's or cannot be read)."""
    try:
        device, number = _path(engine).read_text(encoding="ascii").split()
        return int(number) if device == device_id.hex else 0
    except (OSError, ValueError):
        return 0


def raise_receipt_floor(engine: Engine, device_id: uuid.UUID, number: int) -> None:
    """Records that running numbers up to ``number`` are given (never lowers the floor)."""
    if number > receipt_floor(engine, device_id):
        write_text_whole(_path(engine), f"{device_id.hex} {number}\n")
