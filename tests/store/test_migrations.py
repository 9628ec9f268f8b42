"""A database made at the first schema, with data in it, upgrades to head with the data intact."""

import json
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from desktop_app.sqlite_engine import create_sqlite_engine
from desktop_app.store.database import DATABASE_FILE, downgrade, head_revision, migrate
from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.store.search import EnrollmentQuery, search_enrollments

OFFICER = uuid.uuid4()
DEVICE = uuid.uuid4()
ENROLLMENT = uuid.uuid4()


def _seed_first_schema(engine) -> None:
    """Rows written with plain SQL, as the 0001 schema held them."""
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO officer (id, name, officer_code, created_at) "
            "VALUES (:id, 'Ni Ketut Sari', 'DSN-002', '2026-03-01 01:00:00.000000')"),
            {"id": OFFICER.hex})
        connection.execute(text(
            "INSERT INTO enrollment (id, nik, full_name, birth_place, birth_date, sex, address,"
            " desa_code, banjar, phone, occupation, occupation_other, monthly_income, programs,"
            " payment_months, first_month, funding_source, sponsor_name, kk_number,"
            " beneficiary_name, beneficiary_relationship, beneficiary_phone, consent_given,"
            " consent_text_version, consent_recorded_by, notes, status, revision,"
            " synced_revision, warnings, officer_id, device_id, created_at, updated_at) VALUES"
            " (:id, '5171045708850023', 'Ni Made Sari Déwi', 'Denpasar', '1985-08-17', 'P',"
            " 'Jl. Kamboja 5', '5171041004', 'Banjar Kaja', '+6281234567890', 'pedagang', '',"
            " 2500000, 'JKK,JKM,JHT', 3, '2026-03', 'mandiri', '', '', '', '', '', 1, '2026-01',"
            " :officer, '', 'ready', 2, 0, '[]', :officer_hex, :device, "
            " '2026-03-01 02:00:00.000000', '2026-03-02 02:00:00.000000')"),
            {"id": ENROLLMENT.hex, "officer": str(OFFICER), "officer_hex": OFFICER.hex,
             "device": DEVICE.hex})
        connection.execute(text(
            "INSERT INTO enrollment_history (id, enrollment_id, revision, action, officer_id,"
            " device_id, changed_at, changes) VALUES (:id, :enrollment, 2, 'updated', :officer,"
            " :device, '2026-03-02 02:00:00.000000', :changes)"),
            {"id": uuid.uuid4().hex, "enrollment": ENROLLMENT.hex, "officer": OFFICER.hex,
             "device": DEVICE.hex, "changes": json.dumps({"phone": ["+6281111111111",
                                                                    "+6281234567890"]})})


def test_data_made_at_the_first_schema_survives_the_upgrade_and_becomes_searchable(
        tmp_path: Path) -> None:
    engine = create_sqlite_engine(tmp_path / DATABASE_FILE)
    migrate(engine, "0001")
    _seed_first_schema(engine)

    migrate(engine)

    with engine.connect() as connection:
        assert connection.exec_driver_sql(
            "SELECT version_num FROM alembic_version").scalar() == head_revision()
    stored = EnrollmentStore(engine).get(ENROLLMENT)
    assert stored.record.full_name == "Ni Made Sari Déwi"
    assert stored.record.birth_date == date(1985, 8, 17)
    assert [str(p) for p in stored.record.programs] == ["JKK", "JKM", "JHT"]
    assert stored.revision == 2
    assert stored.officer_id == OFFICER and stored.device_id == DEVICE
    history = EnrollmentStore(engine).history(ENROLLMENT)
    assert [h["action"] for h in history] == ["created", "updated"]
    assert history[1]["changes"] == {"phone": ["+6281111111111", "+6281234567890"]}
    # migration 0002 indexed the name that was already there (accent-insensitively)
    found = search_enrollments(engine, EnrollmentQuery(text="sari dewi"))
    assert [row.id for row in found] == [ENROLLMENT]


def test_visits_made_before_migration_0006_are_open_and_resumed_by_the_same_start(
        tmp_path: Path) -> None:
    from desktop_app.store.visits import end_visit, list_visits, start_visit

    engine = create_sqlite_engine(tmp_path / DATABASE_FILE)
    migrate(engine, "0005")
    visit_id = uuid.uuid4()
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO officer (id, name, officer_code, created_at) "
            "VALUES (:id, 'Ni Ketut Sari', 'DSN-002', '2026-03-01 01:00:00.000000')"),
            {"id": OFFICER.hex})
        connection.execute(text(
            "INSERT INTO visit (id, desa_code, banjar, visit_date, officer_id, created_at) "
            "VALUES (:id, '5171041004', 'Banjar Tonja', '2026-03-02', :officer,"
            " '2026-03-02 01:00:00.000000')"), {"id": visit_id.hex, "officer": OFFICER.hex})

    migrate(engine)

    [listed] = list_visits(engine)
    assert (listed.id, listed.is_open) == (visit_id, True)
    again = start_visit(engine, desa_code="5171041004", banjar="Br. Tonja",
                        visit_date=date(2026, 3, 2), officer_id=OFFICER)
    assert (again.id, again.resumed) == (visit_id, True)
    assert end_visit(engine, visit_id).ended_at is not None


def test_names_stored_before_migration_0007_are_found_by_near_spellings(
        tmp_path: Path) -> None:
    """0007 indexes the spelling keys of the names already there; going back to 0006 leaves
    the exact name search working."""
    engine = create_sqlite_engine(tmp_path / DATABASE_FILE)
    migrate(engine, "0001")
    _seed_first_schema(engine)  # "Ni Made Sari Déwi"
    migrate(engine, "0006")

    migrate(engine)

    [found] = search_enrollments(engine, EnrollmentQuery(text="ni made sari dwi"))
    assert (found.id, found.near_spelling) == (ENROLLMENT, True)
    [found] = search_enrollments(engine, EnrollmentQuery(text="sari dewi"))
    assert (found.id, found.near_spelling) == (ENROLLMENT, False)
    with engine.connect() as connection:  # the index agrees with the rows it was built from
        connection.exec_driver_sql(
            "INSERT INTO enrollment_search(enrollment_search, rank) VALUES ('integrity-check', 1)")

    downgrade(engine, "0006")
    with engine.connect() as connection:
        assert connection.exec_driver_sql(
            "SELECT count(*) FROM enrollment_search WHERE enrollment_search MATCH 'sari dewi'"
        ).scalar() == 1


def test_records_made_before_migration_0008_get_their_visit_day_or_their_creation_day(
        tmp_path: Path) -> None:
    """0008 backfills the enrollment day: the visit's day, else the local day the record was
    made; going back to 0007 removes the column again."""
    engine = create_sqlite_engine(tmp_path / DATABASE_FILE)
    migrate(engine, "0001")
    _seed_first_schema(engine)  # made 2026-03-01 02:00 UTC, no visit
    migrate(engine, "0007")
    visit_id, visited = uuid.uuid4(), uuid.uuid4()
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO visit (id, desa_code, banjar, visit_date, officer_id, created_at) "
            "VALUES (:id, '5171041004', 'Banjar Tonja', '2026-02-27', :officer,"
            " '2026-03-02 01:00:00.000000')"), {"id": visit_id.hex, "officer": OFFICER.hex})
        columns = [row[1] for row in connection.exec_driver_sql(
            "PRAGMA table_info(enrollment)")]
        copied = ", ".join({"id": ":new", "nik": "'5171045708850024'",
                            "visit_id": ":visit"}.get(c, c) for c in columns)
        connection.execute(text(
            f"INSERT INTO enrollment ({', '.join(columns)}) SELECT {copied} FROM enrollment "
            "WHERE id = :id"), {"id": ENROLLMENT.hex, "new": visited.hex,
                                "visit": visit_id.hex})

    migrate(engine)

    store = EnrollmentStore(engine)
    assert store.get(visited).enrolled_on == date(2026, 2, 27)
    made = datetime(2026, 3, 1, 2, tzinfo=UTC).astimezone().date()
    assert store.get(ENROLLMENT).enrolled_on == made


def _copy_of_seeded_row(connection, new_id: uuid.UUID) -> None:
    connection.exec_driver_sql(
        "CREATE TEMP TABLE copy AS SELECT * FROM enrollment WHERE id = ?", (ENROLLMENT.hex,))
    connection.exec_driver_sql("UPDATE copy SET id = ?, status = 'ready'", (new_id.hex,))
    connection.exec_driver_sql("INSERT INTO enrollment SELECT * FROM copy")
    connection.exec_driver_sql("DROP TABLE copy")


def test_migration_0009_keeps_rows_rowids_history_and_name_index_and_frees_tombstone_niks(
        tmp_path: Path) -> None:
    """The table built again keeps every row at its rowid (the name index points there), its
    history and its references; afterwards a tombstone no longer holds its NIK, while two
    live records of one NIK are still refused."""
    engine = create_sqlite_engine(tmp_path / DATABASE_FILE)
    migrate(engine, "0001")
    _seed_first_schema(engine)
    migrate(engine, "0008")
    with engine.connect() as connection:
        rowid_before = connection.exec_driver_sql(
            "SELECT rowid FROM enrollment WHERE id = ?", (ENROLLMENT.hex,)).scalar_one()

    migrate(engine)

    with engine.begin() as connection:
        assert connection.exec_driver_sql(
            "SELECT rowid FROM enrollment WHERE id = ?", (ENROLLMENT.hex,)
        ).scalar_one() == rowid_before
        assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
        assert "enrollment_before_0009" not in connection.exec_driver_sql(
            "SELECT group_concat(sql) FROM sqlite_master").scalar_one()
        connection.exec_driver_sql(
            "INSERT INTO enrollment_search(enrollment_search, rank) VALUES ('integrity-check', 1)")
    [found] = search_enrollments(engine, EnrollmentQuery(text="sari dewi"))
    assert found.id == ENROLLMENT
    assert [h["revision"] for h in EnrollmentStore(engine).history(ENROLLMENT)][-1] == 2

    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE enrollment SET status = 'merged'")
        _copy_of_seeded_row(connection, uuid.uuid4())  # the NIK, live again: another row
    with pytest.raises(IntegrityError), engine.begin() as connection:
        _copy_of_seeded_row(connection, uuid.uuid4())  # a second live row of the NIK
    assert EnrollmentStore(engine).find_by_nik("5171045708850023").id != ENROLLMENT
