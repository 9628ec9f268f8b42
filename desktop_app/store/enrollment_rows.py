"""The one writer of new ``enrollment`` rows, and of their entries in the name index.

Every path that adds enrollments (the form and imports through ``EnrollmentStore``, the
records a pull brings) inserts through ``insert_enrollments``: one ``executemany`` straight
to SQLite with every value in its stored form, then one set-based insert into the name
index (``name_index.index_new_names``). Per-row ORM work, or SQLAlchemy's Core insert with
its per-value type processing, made bulk inserts several times slower.

A row is given as its column values (``records.record_columns`` and the row's own: id,
status, owner...). Values are turned into the form SQLAlchemy stores them in (``columns``)
by the column's type, with a function generated once per set of column names; a value that
is already stored text (a timestamp or an id every row of a batch shares, converted once by
the caller) is written as it is. A column a row leaves out gets the model's default, so a
row written here reads back exactly as one the ORM would have written (tests/store holds
them to it).
"""

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, Date, Uuid

from desktop_app.sql_types import UTCDateTime
from desktop_app.store import models
from desktop_app.store.columns import timestamp_text
from desktop_app.store.name_index import index_new_names

_TABLE = models.Enrollment.__table__
COLUMN_NAMES = tuple(_TABLE.columns.keys())


def _timestamp(value: Any) -> Any:
    return value if value is None or value.__class__ is str else timestamp_text(value)


def _day(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


# how the generated code writes an id ``{v}`` (a fresh local) read by ``{read}``: inline, as
# there are four
_UUID = "({v} if ({v} := {read}) is None or {v}.__class__ is str else {v}.hex)"


def _stored_form(name: str, read: str, v: str) -> str:
    kind = _TABLE.c[name].type
    if isinstance(kind, Uuid):
        return _UUID.format(v=v, read=read)
    if isinstance(kind, UTCDateTime):
        return f"_timestamp({read})"
    if isinstance(kind, Date):
        return f"_day({read})"
    # text, numbers and flags as they are: sqlite3 binds an enum code (a ``str`` subclass) as
    # its text and a bool as its int, the forms SQLAlchemy gives them
    return read


def _default(name: str) -> Any:
    default = _TABLE.c[name].default
    return default.arg if default is not None and default.is_scalar else None


_ROW_MAKERS: dict[frozenset[str], Callable[[Mapping[str, Any]], tuple]] = {}


def _row_maker(given: frozenset[str]) -> Callable[[Mapping[str, Any]], tuple]:
    """The function that makes a row of ``COLUMN_NAMES`` in stored form from a mapping with
    the keys ``given``: straight-line code, made once per set of keys."""
    maker = _ROW_MAKERS.get(given)
    if maker is None:
        unknown = given - set(COLUMN_NAMES)
        if unknown:
            raise KeyError(f"not enrollment columns: {sorted(unknown)}")
        scope: dict[str, Any] = {"_timestamp": _timestamp, "_day": _day}
        items = []
        for number, name in enumerate(COLUMN_NAMES):
            if name in given:
                items.append(_stored_form(name, f"values[{name!r}]", f"_v{number}"))
            else:
                scope[f"_d{number}"] = _default(name)
                items.append(f"_d{number}")
        exec(f"def make(values):\n    return ({', '.join(items)},)", scope)
        maker = _ROW_MAKERS[given] = scope["make"]
    return maker


def stored_row(values: Mapping[str, Any]) -> tuple:
    """The row ``values`` (column name -> value) as ``insert_enrollments`` writes it."""
    return _row_maker(frozenset(values))(values)


def insert_enrollments(connection: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
    """Inserts new enrollment rows (column name -> value, every row with the same names) and
    their name-index entries, in the caller's transaction."""
    if not rows:
        return
    make = _row_maker(frozenset(rows[0]))
    stored = [make(row) for row in rows]
    last_rowid = connection.exec_driver_sql(
        "SELECT coalesce(max(rowid), 0) FROM enrollment").scalar_one()
    connection.exec_driver_sql(
        f"INSERT INTO enrollment ({', '.join(COLUMN_NAMES)}) "
        f"VALUES ({', '.join('?' * len(COLUMN_NAMES))})", stored)
    index_new_names(connection, last_rowid)
