"""The office's plain rows, written with one INSERT per batch (``NewCanonical``,
``NewVersion``), hold every column of their tables: a column added to a table and forgotten
in its row would otherwise be written as its default without a word."""

from dataclasses import fields

from desktop_app.office.canonical import NewCanonical, NewVersion
from desktop_app.office.models import CanonicalRecord, RecordVersion


def test_a_new_canonical_record_holds_every_column_of_its_table() -> None:
    assert [f.name for f in fields(NewCanonical)] and {
        f.name for f in fields(NewCanonical)} == set(CanonicalRecord.__table__.columns.keys())


def test_a_new_version_holds_every_column_of_its_table_but_its_number() -> None:
    """``record_version.id`` is the database's own running number."""
    assert {f.name for f in fields(NewVersion)} == (
        set(RecordVersion.__table__.columns.keys()) - {"id"})
