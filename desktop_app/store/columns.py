"""How the store's column values are written by hand (the bulk path) and as JSON."""

import uuid
from datetime import UTC, date, datetime

# How SQLAlchemy stores these types in SQLite, for the bulk path that writes rows with one
# ``executemany``. tests/store reads bulk-written rows back through the ORM to hold these to
# SQLAlchemy's own format.


def uuid_text(value: uuid.UUID | None) -> str | None:
    """A UUID column's stored form: 32 hex digits."""
    return None if value is None else value.hex


def timestamp_text(value: datetime) -> str:
    """A UTCDateTime column's stored form: naive UTC ``YYYY-MM-DD HH:MM:SS.ffffff``."""
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def json_default(value: object) -> object:
    """``json.dumps`` default for history and JSON output: ISO dates, UUIDs as text."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")
