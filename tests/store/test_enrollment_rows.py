"""The one writer of new enrollment rows (``store.enrollment_rows``) against the ORM: the
same record gives the same stored row and the same name-index entries whichever way it was
written, and the derived column list covers the laptop's whole table."""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Boolean, Date, Engine, Integer, insert
from sqlmodel import Session

from desktop_app.domain.enrollment import ENROLLMENT_CODEC, Beneficiary, Consent, EnrollmentStatus
from desktop_app.domain.funding import FundingSource, Program
from desktop_app.domain.name_sound import name_sounds
from desktop_app.domain.validation import check_enrollment
from desktop_app.sql_types import UTCDateTime, utc_now
from desktop_app.store import models
from desktop_app.store.database import open_database
from desktop_app.store.enrollment_rows import COLUMN_NAMES, insert_enrollments
from desktop_app.store.officers import sign_in_officer
from desktop_app.store.records import RECORD_COLUMNS, record_columns

TABLE = models.Enrollment.__table__
# the columns of a row's place in the workflow: the rest hold the record
WORKFLOW_COLUMNS = {"id", "status", "revision", "synced_revision", "warnings", "office_id",
                    "office_revision", "sync_note", "clash", "clash_holds", "officer_id",
                    "device_id", "visit_id", "enrolled_on", "created_at", "updated_at"}


def test_the_derived_columns_cover_every_record_column_of_the_laptop_table() -> None:
    assert set(TABLE.columns.keys()) - set(RECORD_COLUMNS) == WORKFLOW_COLUMNS
    assert set(RECORD_COLUMNS) <= set(TABLE.columns.keys())
    assert set(COLUMN_NAMES) == set(TABLE.columns.keys())
    types = {Boolean: bool, Integer: int, Date: date, UTCDateTime: datetime}
    for column in ENROLLMENT_CODEC.columns:  # the codec's value fits the column's type
        sql_type = TABLE.c[column.name].type
        wanted = next((t for kind, t in types.items() if isinstance(sql_type, kind)), str)
        kind = column.field.type if column.field.kind in ("text", "number", "flag", "date",
                                                          "timestamp") else str
        assert kind is wanted, column.name


def stored(engine: Engine) -> list[tuple]:
    """Every column of every row exactly as SQLite holds it (``quote``: type and bytes)."""
    with engine.connect() as connection:
        return connection.exec_driver_sql(
            f"SELECT {', '.join(f'quote({c})' for c in COLUMN_NAMES)} FROM enrollment "
            "ORDER BY rowid").all()


def index_entries(engine: Engine, names: list[str]) -> list[list[int]]:
    """The name index checked against its rows, and what each word and spelling key of the
    names finds in it."""
    searches = [f'full_name : "{w.lower()}"' for n in names for w in n.split()]
    searches += [f'name_sounds : "{k}"' for n in names for k in name_sounds(n).split()]
    with engine.connect() as connection:
        connection.exec_driver_sql("INSERT INTO enrollment_search(enrollment_search, rank) "
                                   "VALUES ('integrity-check', 1)")
        return [[r[0] for r in connection.exec_driver_sql(
            "SELECT rowid FROM enrollment_search WHERE enrollment_search MATCH ? "
            "ORDER BY rowid", (search,))] for search in searches]


@pytest.fixture
def second_engine(tmp_path: Path, officer) -> Engine:
    """Another database with the same officer."""
    engine = open_database(tmp_path / "second")
    with Session(engine) as session:
        session.add(models.Officer(id=officer.id, name=officer.name,
                                   officer_code=officer.officer_code))
        session.commit()
    yield engine
    engine.dispose()


def edits(valid_record) -> list[tuple]:
    """Records as first saved and as edited: every kind of column changes somewhere."""
    plain = valid_record
    return [
        (plain, plain.with_changes(full_name="Ni Made Sari Dewi Astuti", phone="081234567891",
                                   notes="Pindah ke banjar lain.\nDicatat ulang.")),
        (plain.with_changes(nik="5171045708850031", consent=Consent()),
         plain.with_changes(nik="5171045708850031", programs=(Program.JKK, Program.JKM,
                                                              Program.JHT),
                            funding_source=FundingSource.SPONSOR, sponsor_name="Yayasan Dharma",
                            beneficiary=Beneficiary("I Wayan Putra", "suami", "081311112222"),
                            consent=Consent(True, "2026-01"))),
        (plain.with_changes(nik="5171045708850049"),
         plain.with_changes(nik="5171045708850049", birth_date=None, sex=None,
                            first_month=None, monthly_income=None, occupation="lainnya",
                            occupation_other="Pembuat canang")),
    ]


def test_an_edit_saved_through_the_orm_is_stored_as_the_writer_stores_it(
        engine, second_engine, store, officer, valid_record) -> None:
    for first, edited in edits(valid_record):
        saved = store.create(first, officer_id=officer.id, on=date(2026, 11, 23),
                             allow_draft=True)
        store.update(saved.id, edited, officer_id=officer.id, expected_revision=1,
                     allow_draft=True)
        normalised = check_enrollment(edited, on=date(2026, 11, 23)).record  # as saved
        with Session(engine) as session:
            row = session.get(models.Enrollment, saved.id)
            workflow = {name: getattr(row, name) for name in WORKFLOW_COLUMNS}
            consent = {"consent_recorded_by": row.consent_recorded_by,
                       "consent_recorded_at": row.consent_recorded_at}
        with Session(second_engine) as session:
            insert_enrollments(session.connection(),
                               [{**record_columns(normalised), **consent, **workflow}])
            session.commit()
    assert stored(engine) == stored(second_engine)
    names = [edited.full_name for _, edited in edits(valid_record)]
    assert index_entries(engine, names) == index_entries(second_engine, names)
    assert all(index_entries(engine, names))


def test_a_pulled_row_is_stored_as_the_orm_core_insert_stored_it(
        engine, second_engine, officer, valid_record) -> None:
    """``pulled_records`` writes its new rows with a Core insert of dicts: the writer takes
    the same dicts and stores the same bytes (enum values, UUIDs, dates, aware times)."""
    with Session(engine) as session:
        device_id = session.get(models.SyncState, 1).device_id
    now = utc_now()
    rows = []
    for n, (_, record) in enumerate(edits(valid_record)):
        office_id = models.uuid.uuid4()
        rows.append({
            "id": office_id, **record_columns(record.with_changes(consent=Consent(
                True, "2026-01", "officer-9", datetime(2026, 5, 1, 8, tzinfo=UTC)))),
            "status": EnrollmentStatus.SYNCED, "revision": 1, "synced_revision": 1,
            "office_id": office_id, "office_revision": n + 2, "warnings": "[]",
            "officer_id": officer.id, "device_id": device_id, "visit_id": None,
            "sync_note": None, "enrolled_on": date(2026, 11, 23), "clash": None,
            "clash_holds": False, "created_at": now, "updated_at": now})
    with Session(engine) as session:
        connection = session.connection()
        last_rowid = connection.exec_driver_sql(
            "SELECT coalesce(max(rowid), 0) FROM enrollment").scalar_one()
        session.execute(insert(models.Enrollment), rows)
        connection.exec_driver_sql(
            "INSERT INTO enrollment_search(rowid, full_name, name_sounds) "
            "SELECT rowid, full_name, name_sounds(full_name) FROM enrollment WHERE rowid > ?",
            (last_rowid,))
        session.commit()
    with Session(second_engine) as session:
        insert_enrollments(session.connection(), rows)
        session.commit()
    assert stored(engine) == stored(second_engine)
    names = [r["full_name"] for r in rows]
    assert index_entries(engine, names) == index_entries(second_engine, names)


def test_the_store_s_new_rows_and_their_index_entries_come_from_the_writer(
        engine, store, officer, valid_record, monkeypatch) -> None:
    from desktop_app.store import enrollments

    written = []
    real = enrollments.insert_enrollments
    monkeypatch.setattr(enrollments, "insert_enrollments",
                        lambda connection, rows: (written.append(len(rows)),
                                                  real(connection, rows)))
    store.create(valid_record, officer_id=officer.id, on=date(2026, 11, 23))
    store.add_many([r for _, r in edits(valid_record)[1:]], officer_id=officer.id,
                   on=date(2026, 11, 23), allow_draft=True)
    assert written == [1, 2]
    assert index_entries(engine, [valid_record.full_name]) == [[1, 2, 3]] * len(
        index_entries(engine, [valid_record.full_name]))


def test_a_row_with_a_column_the_table_lacks_is_refused(engine, officer) -> None:
    with Session(engine) as session, pytest.raises(KeyError, match="shoe_size"):
        insert_enrollments(session.connection(), [{"id": "x", "shoe_size": 41}])


def test_a_second_officer_s_rows_keep_their_owner(engine, officer, store, valid_record) -> None:
    other = sign_in_officer(engine, name="Ni Luh Rai", officer_code="DSN-018")
    saved = store.create(valid_record, officer_id=other.id, on=date(2026, 11, 23))
    assert store.get(saved.id).officer_id == other.id
    assert store.get(saved.id).record.consent.recorded_by == str(other.id)
