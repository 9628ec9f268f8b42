"""Laptops and the office over real HTTP: merges, conflicts and their review, stale edits,
replays, wrong clocks, revoked devices, an unavailable office, batch files."""

import json
import uuid
from datetime import UTC, date, datetime

import httpx
import pytest
from builders import build_nik
from sqlmodel import Session, func, select

from desktop_app.domain.enrollment import EnrollmentStatus
from desktop_app.domain.signatures import signed_batch
from desktop_app.domain.sync_messages import Batch, batch_to_json
from desktop_app.office.conflicts import list_conflicts, resolve_conflict
from desktop_app.office.devices import list_devices, revoke_device
from desktop_app.office.models import CanonicalRecord, RecordVersion
from desktop_app.office.record_lookup import show_record
from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.store.officers import current_officer
from desktop_app.store.registration import registration
from desktop_app.store.sync_records import pending_records
from desktop_app.sync.client import OfficeClient, OfficeRefused, OfficeUnreachable
from desktop_app.sync.keys import laptop_key
from desktop_app.sync.run import sync_now

TODAY = date.today()


def enroll(engine, record):
    return EnrollmentStore(engine).create(record, officer_id=current_officer(engine).id,
                                          on=TODAY)


def edit(engine, stored, **changes):
    return EnrollmentStore(engine).update(
        stored.id, stored.record.with_changes(**changes),
        officer_id=current_officer(engine).id, expected_revision=stored.revision)


def local(engine, nik):
    return EnrollmentStore(engine).find_by_nik(nik)


def office_count(office, table) -> int:
    with Session(office) as session:
        return session.exec(select(func.count()).select_from(table)).one()


def test_two_laptops_enroll_one_person_and_both_end_with_the_merged_record(
        make_laptop, live_office, valid_record) -> None:
    sari, wayan = make_laptop("sari"), make_laptop("wayan")
    other = valid_record.with_changes(nik=build_nik("517104", date(1990, 3, 4), "L", 8),
                                      full_name="I Komang Arta", birth_date=None, sex=None)
    enroll(sari, valid_record)
    enroll(wayan, valid_record.with_changes(phone="+6285733334444"))
    enroll(wayan, other)
    assert sync_now(sari).accepted == 1
    counts = sync_now(wayan)
    assert (counts.merged, counts.accepted) == (1, 1)
    assert sync_now(sari).pulled == 2
    for laptop in (sari, wayan):
        mine = local(laptop, valid_record.nik)
        assert mine.record.phone == "+6285733334444"
        assert mine.status is EnrollmentStatus.SYNCED
    assert local(sari, other.nik).status is EnrollmentStatus.SYNCED  # known from the office
    assert office_count(live_office.engine, CanonicalRecord) == 2
    history = EnrollmentStore(sari).history(local(sari, valid_record.nik).id)
    assert history[-1]["changes"]["phone"] == ["+6281234567890", "+6285733334444"]
    assert sync_now(sari).pulled == 0 and sync_now(wayan).accepted == 0  # nothing new


def test_a_different_name_is_reviewed_and_the_decision_reaches_both_laptops(
        make_laptop, live_office, valid_record) -> None:
    sari, wayan = make_laptop("sari"), make_laptop("wayan")
    enroll(sari, valid_record)
    enroll(wayan, valid_record.with_changes(full_name="Ni Made Sari Dewi Lestari"))
    sync_now(sari)
    counts = sync_now(wayan)
    assert counts.conflict == 1 and counts.problems[0]["conflicting"] == ["full_name"]
    assert local(wayan, valid_record.nik).status is EnrollmentStatus.CONFLICT
    [waiting] = list_conflicts(live_office.engine)
    resolve_conflict(live_office.engine, uuid.UUID(waiting["conflict_id"]), keep="incoming",
                     fields={}, resolved_by="Made Supervisor", today=TODAY)
    sync_now(wayan)
    sync_now(sari)
    for laptop in (sari, wayan):
        mine = local(laptop, valid_record.nik)
        assert mine.record.full_name == "Ni Made Sari Dewi Lestari"
        assert mine.status is EnrollmentStatus.SYNCED
    assert show_record(live_office.engine, valid_record.nik)["history"][-1]["officer"] == (
        "Made Supervisor")


def test_an_edit_made_before_pulling_a_newer_office_change_merges(
        make_laptop, valid_record) -> None:
    sari, wayan = make_laptop("sari"), make_laptop("wayan")
    mine = enroll(sari, valid_record)
    sync_now(sari)
    sync_now(wayan)  # wayan now holds the office's record
    theirs = local(wayan, valid_record.nik)
    edit(wayan, theirs, occupation="nelayan")
    sync_now(wayan)
    edit(sari, EnrollmentStore(sari).get(mine.id), phone="+6281299990000")  # based on rev 1
    counts = sync_now(sari)
    assert counts.merged == 1
    merged = local(sari, valid_record.nik).record
    assert (merged.occupation, merged.phone) == ("nelayan", "+6281299990000")
    sync_now(wayan)
    assert local(wayan, valid_record.nik).record.phone == "+6281299990000"


def test_a_laptop_clock_in_2019_decides_nothing(make_laptop, valid_record,
                                               monkeypatch) -> None:
    sari, wayan = make_laptop("sari"), make_laptop("wayan")
    enroll(sari, valid_record)
    sync_now(sari)
    sync_now(wayan)
    edit(wayan, local(wayan, valid_record.nik), phone="+6285733334444")
    sync_now(wayan)
    old_clock = datetime(2019, 1, 5, 8, 0, tzinfo=UTC)
    monkeypatch.setattr("desktop_app.store.enrollments.utc_now", lambda: old_clock)
    late = edit(sari, local(sari, valid_record.nik), phone="+6281399998888")
    assert late.updated_at.year == 2019
    sync_now(sari)  # sent last: the office's order makes it the newer change
    assert local(sari, valid_record.nik).record.phone == "+6281399998888"
    sync_now(wayan)
    assert local(wayan, valid_record.nik).record.phone == "+6281399998888"


def signed_pending_batch(engine) -> dict:
    """What the laptop would push next, signed with its key (for sending by hand)."""
    records, _ = pending_records(engine, after_rowid=0, limit=10)
    batch = Batch(uuid.uuid4(), registration(engine).device_id, "test", tuple(records))
    return signed_batch(laptop_key(engine), batch_to_json(batch))


def test_the_same_batch_pushed_twice_gets_the_same_answer(make_laptop, live_office,
                                                          valid_record) -> None:
    sari = make_laptop("sari")
    enroll(sari, valid_record)
    setup = registration(sari)
    signed = signed_pending_batch(sari)
    headers = {"Authorization": f"Bearer {setup.device_token}"}
    first = httpx.post(f"{live_office.url}/api/v1/batches", json=signed, headers=headers)
    again = httpx.post(f"{live_office.url}/api/v1/batches", json=signed, headers=headers)
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json()
    assert office_count(live_office.engine, RecordVersion) == 1


def test_the_service_refuses_bad_requests_with_clear_messages(make_laptop, live_office,
                                                              valid_record, monkeypatch) -> None:
    sari = make_laptop("sari")
    enroll(sari, valid_record)
    url, token = live_office.url, registration(sari).device_token
    auth = {"Authorization": f"Bearer {token}"}
    assert httpx.get(f"{url}/api/v1/health").json()["status"] == "ok"
    assert "/api/v1/batches" in httpx.get(f"{url}/openapi.json").json()["paths"]
    assert httpx.get(f"{url}/api/v1/changes").status_code == 401
    assert httpx.get(f"{url}/api/v1/changes",
                     headers={"Authorization": "Bearer nonsense"}).status_code == 401
    broken = httpx.post(f"{url}/api/v1/batches", content=b'{"batch": {"proto', headers=auth)
    assert broken.status_code == 400 and "unreadable batch" in broken.json()["detail"]
    not_signed = httpx.post(f"{url}/api/v1/batches", headers=auth,
                            json={"batch": {"protocol": 1}, "signature": "AAAA"})
    assert not_signed.status_code == 400 and "signature" in not_signed.json()["detail"]
    code = httpx.post(f"{url}/api/v1/devices/register", json={
        "code": "AAAA-BBBB-CCCC", "device_id": str(uuid.uuid4()),
        "public_key": "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="})
    assert code.status_code == 400 and "unknown registration code" in code.json()["detail"]
    monkeypatch.setattr("desktop_app.office.service.MAX_BODY_BYTES", 1000)
    huge = httpx.post(f"{url}/api/v1/batches", headers=auth, content=b" " * 2000)
    assert huge.status_code == 413 and "at most" in huge.json()["detail"]
    assert office_count(live_office.engine, CanonicalRecord) == 0


def test_a_tampered_batch_is_refused_and_writes_nothing(make_laptop, live_office,
                                                        valid_record) -> None:
    sari = make_laptop("sari")
    enroll(sari, valid_record)
    setup = registration(sari)
    signed = signed_pending_batch(sari)
    signed["batch"]["records"][0]["record"]["monthly_income"] = 900_000
    answer = httpx.post(f"{live_office.url}/api/v1/batches", json=signed,
                        headers={"Authorization": f"Bearer {setup.device_token}"})
    assert answer.status_code == 400 and "altered" in answer.json()["detail"]
    assert office_count(live_office.engine, CanonicalRecord) == 0


def test_a_revoked_laptop_is_refused_and_keeps_its_records(make_laptop, live_office,
                                                           valid_record) -> None:
    sari = make_laptop("sari")
    enroll(sari, valid_record)
    [device] = list_devices(live_office.engine)
    revoke_device(live_office.engine, device.id)
    with pytest.raises(OfficeRefused) as refused:
        sync_now(sari)
    assert refused.value.status == 401
    assert local(sari, valid_record.nik).synced_revision == 0  # still waiting


def test_an_unavailable_office_database_keeps_everything_pending(make_laptop, valid_record,
                                                                 monkeypatch) -> None:
    from live_office import LiveOffice

    from desktop_app.office.database import create_office_engine

    sari = make_laptop("sari")
    enroll(sari, valid_record)
    down = LiveOffice(create_office_engine("postgresql+psycopg://postgres@127.0.0.1:1/none"))
    try:
        assert httpx.get(f"{down.url}/api/v1/health").status_code == 503
        monkeypatch.setattr("desktop_app.sync.client.FIRST_PAUSE_S", 0.01)
        with pytest.raises(OfficeUnreachable, match="unavailable"):
            sync_now(sari, server_url=down.url)
    finally:
        down.stop()
    assert local(sari, valid_record.nik).synced_revision == 0
    assert sync_now(sari).accepted == 1  # the real office, later


def test_a_batch_file_carries_the_same_batch_and_a_tampered_one_is_refused(
        make_laptop, live_office, valid_record, tmp_path, capsys) -> None:
    from desktop_app.cli.main import main

    sari = make_laptop("sari")
    enroll(sari, valid_record)
    office_db = str(live_office.engine.url)
    stick = tmp_path / "stick.json"
    data_dir = str(tmp_path / "sari")
    assert main(["--data-dir", data_dir, "sync", "--export", str(stick)]) == 0
    tampered = tmp_path / "tampered.json"
    content = json.loads(stick.read_text())
    content["batches"][0]["batch"]["records"][0]["record"]["full_name"] = "Orang Lain"
    tampered.write_text(json.dumps(content))
    reply = tmp_path / "reply.json"
    assert main(["office", "import", str(tampered), "--reply", str(reply),
                 "--db", office_db]) == 1
    assert "batch diubah" in capsys.readouterr().err and not reply.exists()
    for _ in range(2):  # importing the same file twice is harmless
        assert main(["office", "import", str(stick), "--reply", str(reply),
                     "--db", office_db]) == 0
    assert office_count(live_office.engine, RecordVersion) == 1
    assert main(["--data-dir", data_dir, "sync", "--import", str(reply)]) == 0
    assert "diterima 1" in capsys.readouterr().out
    assert local(sari, valid_record.nik).status is EnrollmentStatus.SYNCED


def test_the_offices_reference_data_reaches_the_laptop_once(make_laptop, office, tmp_path,
                                                             valid_record) -> None:
    from live_office import LiveOffice

    from desktop_app.assets import resource_file
    from desktop_app.domain.banjar import banjar_in_desa
    from desktop_app.domain.reference_data import installed_version
    from desktop_app.office.devices import add_device
    from desktop_app.store.database import reference_folder
    from desktop_app.sync.run import setup_device

    maintained = tmp_path / "office-reference"
    maintained.mkdir()
    banjar_list = resource_file("banjar.csv").read_text(encoding="utf-8")
    (maintained / "banjar.csv").write_text(banjar_list.rstrip("\n") + "\n5171041004,Banjar Anyar\n",
                                           encoding="utf-8")
    served = LiveOffice(office, maintained)
    try:
        sari = make_laptop("sari", register=False)
        setup_device(sari, server_url=served.url,
                     code=add_device(office, officer_name="Ni Ketut Sari"))
        assert "Banjar Anyar" not in [b.name for b in banjar_in_desa("5171041004")]
        sync_now(sari)
        assert "Banjar Anyar" in [b.name for b in banjar_in_desa("5171041004")]
        assert (reference_folder(sari) / "contribution_rates.toml").is_file()
        with OfficeClient(served.url, registration(sari).device_token) as client:
            page = client.pull(0, 10, installed_version(reference_folder(sari)))
        assert page["reference"] is None  # already current: not sent again
        (maintained / "banjar.csv").write_text("not,a banjar list\n", encoding="utf-8")
        counts = sync_now(sari)  # a damaged bundle never replaces the working one
        assert counts.problems and "reference" in counts.problems[0]["reasons"][0]["field"]
        assert "Banjar Anyar" in [b.name for b in banjar_in_desa("5171041004")]
    finally:
        served.stop()
