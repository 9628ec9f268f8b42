"""One context (issue 14): the office validates a record with the reference data it serves to
the laptops (``office serve --reference``) and on the day the record was made, not on the day
it arrives; a pull counts as a sync in ``office devices``. Run on SQLite and PostgreSQL."""

from datetime import date
from pathlib import Path

import httpx
import pytest
from builders import build_nik
from live_office import LiveOffice
from office_device import register_over_http
from office_intake import TODAY, outgoing, push, register

from desktop_app.assets import resource_file, use_reference_folder
from desktop_app.domain.enrollment import enrollment_to_json
from desktop_app.domain.reference_data import forget_loaded_reference
from desktop_app.office.devices import list_devices


@pytest.fixture
def office_reference(tmp_path: Path):
    """The office's maintained reference data: the shipped files, with a 24-month payment
    period the shipped rates do not offer."""
    folder = tmp_path / "reference"
    folder.mkdir()
    rates = resource_file("contribution_rates.toml").read_text(encoding="utf-8")
    (folder / "contribution_rates.toml").write_text(rates.replace(
        "payment_month_choices = [1, 3, 6, 12]", "payment_month_choices = [1, 3, 6, 12, 24]"),
        encoding="utf-8")
    (folder / "banjar.csv").write_text(resource_file("banjar.csv").read_text(encoding="utf-8"),
                                       encoding="utf-8")
    yield folder
    use_reference_folder(None)  # the process-wide choice the service made
    forget_loaded_reference()


def test_the_office_validates_with_the_reference_data_it_serves(
        office, office_reference, valid_record) -> None:
    served = LiveOffice(office, office_reference)
    try:
        laptop = register_over_http(office, served.url)
        record = {"enrollment_id": "8f5e2b8e-8f7e-4a52-9a43-3f2b5d0c1a11", "revision": 1,
                  "base_revision": None, "officer_code": "X", "enrolled_on": "2026-05-20",
                  "record": enrollment_to_json(valid_record.with_changes(payment_months=24))}
        answer = httpx.post(f"{served.url}/api/v1/batches", headers=laptop.headers,
                            json=laptop.signed([record]))
        assert answer.status_code == 200, answer.text
        assert answer.json()["results"][0]["outcome"] == "accepted"
        page = httpx.get(f"{served.url}/api/v1/changes", params={"reference": "old"},
                         headers=laptop.headers).json()
        assert "24]" in page["reference"]["files"]["contribution_rates.toml"]
    finally:
        served.stop()


def test_a_record_is_validated_on_the_day_it_was_made_not_the_day_it_arrives(
        office, valid_record) -> None:
    """Born 1 September 2011: 14 on the enrollment day (too young), 15 when the office sees
    the record. The office used to validate on its own day and took it."""
    birth = date(2011, 9, 1)
    young = valid_record.with_changes(nik=build_nik("517104", birth, "P", 5), birth_date=birth,
                                      full_name="Ni Putu Muda")
    laptop = register(office, "Ni Ketut Sari")
    [answer] = push(office, laptop, outgoing(young, enrolled_on="2026-05-20"), today=TODAY)
    assert answer["outcome"] == "rejected"
    assert answer["reasons"][0]["field"] == "birth_date"
    # a laptop clock ahead of the office's is no enrollment day: the office's day is used
    [ahead] = push(office, laptop, outgoing(young, enrolled_on="2027-01-05"), today=TODAY)
    assert ahead["outcome"] == "accepted"


def test_a_pull_updates_the_devices_last_sync(live_office) -> None:
    """Defect 10 (the office's half): ``office devices`` showed the last push only."""
    laptop = register_over_http(live_office.engine, live_office.url)
    [before] = list_devices(live_office.engine)
    assert before.last_sync_at is None
    answer = httpx.get(f"{live_office.url}/api/v1/changes", headers=laptop.headers)
    assert answer.status_code == 200
    [after] = list_devices(live_office.engine)
    assert after.last_sync_at is not None
