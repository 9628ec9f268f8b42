"""The office's bounds: every request field is bounded, and a value no record may hold is a
4xx or a per-record rejection, never a 500 or a false 503 that a laptop would retry for ever.
Run on SQLite and on PostgreSQL (BANJAR_TEST_POSTGRES_URL), through a real HTTP server."""

import uuid
from datetime import date

import httpx
import pytest
from office_device import register_over_http

from desktop_app.domain.enrollment import enrollment_to_json
from desktop_app.domain.receipt_code import (
    ReceiptCode,
    ReceiptCodeError,
    parse_receipt_code,
)
from desktop_app.domain.receipt_number import receipt_number
from desktop_app.domain.signatures import public_key_text
from desktop_app.office.receipts import FORGED, verify_receipt


def _wire(record, **changes) -> dict:
    return {"enrollment_id": str(uuid.uuid4()), "revision": 1, "base_revision": None,
            "officer_code": "X", "enrolled_on": "2026-11-20",
            "record": enrollment_to_json(record) | changes}


@pytest.mark.parametrize("since", [2**63, 10**30, 2**31, 2**63 - 1])
def test_a_since_beyond_64_bits_is_a_422_and_any_64_bit_cursor_is_answered(
        live_office, since) -> None:
    laptop = register_over_http(live_office.engine, live_office.url)
    answer = httpx.get(f"{live_office.url}/api/v1/changes", params={"since": since},
                       headers=laptop.headers)
    if since >= 2**63:
        assert answer.status_code == 422, answer.text
        assert answer.json()["detail"][0]["loc"] == ["query", "since"]
    else:  # a cursor beyond the office's last number finds nothing and keeps its place
        assert answer.status_code == 200, answer.text
        assert answer.json()["cursor"] == since and answer.json()["records"] == []


def test_a_negative_since_is_a_422(live_office) -> None:
    laptop = register_over_http(live_office.engine, live_office.url)
    answer = httpx.get(f"{live_office.url}/api/v1/changes", params={"since": -1},
                       headers=laptop.headers)
    assert answer.status_code == 422


def test_a_nul_byte_in_a_nik_is_refused_per_record_not_retried(live_office,
                                                              valid_record) -> None:
    laptop = register_over_http(live_office.engine, live_office.url)
    nul = _wire(valid_record, nik=valid_record.nik[:8] + "\x00" + valid_record.nik[8:])
    good = _wire(valid_record)
    answer = httpx.post(f"{live_office.url}/api/v1/batches", headers=laptop.headers,
                        json=laptop.signed([nul, good]))
    assert answer.status_code == 200, answer.text
    refused, taken = answer.json()["results"]
    assert refused["outcome"] == "rejected"
    assert [(r["field"], r["code"]) for r in refused["reasons"]] == [
        ("nik", "control_character")]
    assert "NUL" in refused["reasons"][0]["message"]["id"]
    assert taken["outcome"] == "accepted"


def test_a_nul_byte_in_app_version_is_refused_with_a_4xx_not_a_503(live_office,
                                                                  valid_record) -> None:
    laptop = register_over_http(live_office.engine, live_office.url)
    pushed = httpx.post(f"{live_office.url}/api/v1/batches", headers=laptop.headers,
                        json=laptop.signed([_wire(valid_record)], app_version="1.0\x00"))
    assert pushed.status_code == 400, pushed.text
    assert "app_version" in pushed.json()["detail"]
    from desktop_app.office.devices import add_device

    registered = httpx.post(f"{live_office.url}/api/v1/devices/register", json={
        "code": add_device(live_office.engine, officer_name="I Wayan"),
        "device_id": str(uuid.uuid4()), "public_key": public_key_text(laptop.key),
        "app_version": "1.0\x00"})
    assert registered.status_code == 422, registered.text
    assert registered.json()["detail"][0]["loc"] == ["body", "app_version"]


def test_a_record_longer_than_the_limits_is_rejected_per_record(live_office,
                                                               valid_record) -> None:
    laptop = register_over_http(live_office.engine, live_office.url)
    long_address = _wire(valid_record, address="Jl. Kamboja " * 1000)
    answer = httpx.post(f"{live_office.url}/api/v1/batches", headers=laptop.headers,
                        json=laptop.signed([long_address, _wire(valid_record)]))
    assert answer.status_code == 200, answer.text
    refused, taken = answer.json()["results"]
    assert [(r["field"], r["code"]) for r in refused["reasons"]] == [("address", "too_long")]
    assert taken["outcome"] == "accepted"
    assert len(answer.content) < 5000  # the 12,000 characters are not echoed back


def _code_text(revision: str) -> str:
    device_id = uuid.uuid4()
    number = receipt_number(device_id=device_id, day=date(2026, 11, 20), sequence=7)
    code = ReceiptCode(number, device_id, uuid.uuid4(), 1, b"\x01" * 16, b"\x02" * 64)
    parts = code.to_text().split("*")
    parts[4] = revision
    return "*".join(parts)


@pytest.mark.parametrize("revision", ["²", "١", "0", "2147483648", ""])
def test_a_revision_of_superscript_two_is_a_malformed_code(revision, office) -> None:
    with pytest.raises(ReceiptCodeError, match="revision"):
        parse_receipt_code(_code_text(revision))
    verdict = verify_receipt(office, _code_text(revision), today=date(2026, 11, 23))
    assert verdict["verdict"] == FORGED
    assert "revisi" in verdict["reason"]["id"] and "revision" in verdict["reason"]["en"]


def test_a_batch_reporting_a_receipt_of_revision_superscript_two_is_still_answered(
        live_office, valid_record) -> None:
    laptop = register_over_http(live_office.engine, live_office.url)
    text = _code_text("²")
    receipt = {"number": text.split("*")[1], "copy": 1, "code": text}
    answer = httpx.post(f"{live_office.url}/api/v1/batches", headers=laptop.headers,
                        json=laptop.signed([_wire(valid_record)], receipts=[receipt]))
    assert answer.status_code == 200, answer.text
    assert answer.json()["receipts"] == []  # a damaged code is never vouched for
    assert answer.json()["results"][0]["outcome"] == "accepted"


@pytest.mark.parametrize("area", ["²²²²²²", "51710", "5171044", "517 04"])
def test_an_area_that_is_not_six_ascii_digits_is_refused(office, area) -> None:
    from desktop_app.office.devices import DeviceRefused, add_device

    with pytest.raises(DeviceRefused, match="--area"):
        add_device(office, officer_name="Ni Ketut Sari", area_code=area)
