"""A record the office would refuse for its size never blocks a laptop: a stored record that
breaks the limits (made by an older version) is marked for the officer instead of being sent,
and a batch the office refuses as too large (413) is split until the record too large stands
alone and is marked rejected; the others go, and nothing is sent for ever."""

from datetime import date

from sqlalchemy import text
from sqlmodel import Session, func, select

from desktop_app.office.models import CanonicalRecord, ClientLink
from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.store.officers import current_officer
from desktop_app.sync.run import sync_now

ON = date(2026, 5, 20)


def enroll(engine, record):
    return EnrollmentStore(engine).create(record, officer_id=current_officer(engine).id, on=ON)


def office_count(office, table) -> int:
    with Session(office) as session:
        return session.exec(select(func.count()).select_from(table)).one()


def people(valid_record, make_nik, count: int):
    birth = valid_record.birth_date
    return [valid_record.with_changes(nik=make_nik("517104", birth, valid_record.sex, 30 + i))
            for i in range(count)]


def test_a_record_longer_than_the_limits_is_never_sent(make_laptop, live_office, valid_record,
                                                       make_nik) -> None:
    sari = make_laptop("sari")
    old, new = (enroll(sari, r) for r in people(valid_record, make_nik, 2))
    with sari.begin() as connection:  # as an older version, before the limits, kept it
        connection.execute(text("UPDATE enrollment SET address = :address WHERE nik = :nik"),
                           {"address": "Jl. Kamboja " * 2000, "nik": old.record.nik})
    summary = sync_now(sari)
    assert (summary.accepted, summary.rejected) == (1, 1)
    [problem] = summary.problems
    assert problem["nik"] == old.record.nik
    assert [(r["field"], r["code"]) for r in problem["reasons"]] == [
        ("record", "not_sent"), ("address", "too_long")]
    assert "tidak dikirim" in problem["reasons"][0]["message"]["id"]
    store = EnrollmentStore(sari)
    assert str(store.find_by_nik(old.record.nik).status) == "rejected"
    assert str(store.find_by_nik(new.record.nik).status) == "synced"
    with Session(live_office.engine) as session:  # the office never saw it
        assert session.get(ClientLink, (store.find_by_nik(new.record.nik).device_id,
                                        old.id)) is None
    assert office_count(live_office.engine, ClientLink) == 1
    again = sync_now(sari)
    assert (again.accepted, again.rejected) == (0, 0)  # not sent again until corrected


def test_a_batch_refused_as_too_large_is_split_and_the_record_too_large_alone_is_rejected(
        make_laptop, live_office, valid_record, make_nik, monkeypatch) -> None:
    sari = make_laptop("sari")
    records = people(valid_record, make_nik, 5)
    records[1] = records[1].with_changes(notes="🌺" * 2000)  # within the limits: 8 KB of UTF-8
    stored = [enroll(sari, r) for r in records]
    monkeypatch.setattr("desktop_app.office.service.MAX_BODY_BYTES", 6000)  # a stricter proxy
    summary = sync_now(sari)
    assert (summary.accepted, summary.rejected) == (4, 1)
    [problem] = summary.problems
    assert problem["nik"] == stored[1].record.nik
    assert [(r["field"], r["code"]) for r in problem["reasons"]] == [("record", "too_large")]
    assert "413" in problem["reasons"][0]["message"]["en"]
    assert office_count(live_office.engine, CanonicalRecord) == 4
    store = EnrollmentStore(sari)
    assert [str(store.get(s.id).status) for s in stored] == [
        "synced", "rejected", "synced", "synced", "synced"]
    again = sync_now(sari)  # nothing is sent to the same refusal again
    assert (again.accepted, again.rejected) == (0, 0)
