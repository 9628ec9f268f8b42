"""Every way a sync can fail reaches the officer in their language: the office's statuses and
error kinds become bilingual messages saying what happened and what to do, and the office's
own (English) words stay only as a technical detail."""

from datetime import date

import httpx
import pytest

from desktop_app.office.devices import list_devices, revoke_device
from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.store.officers import current_officer
from desktop_app.store.registration import registration
from desktop_app.sync.client import OfficeClient, OfficeRefused, OfficeUnreachable
from desktop_app.sync.run import SyncNotSetUp, failure_text, setup_device, sync_now

ON = date(2026, 5, 20)


def enroll(engine, record):
    return EnrollmentStore(engine).create(record, officer_id=current_officer(engine).id, on=ON)


def test_a_revoked_laptop_is_told_in_indonesian_with_the_offices_words_as_detail(
        make_laptop, live_office, valid_record) -> None:
    sari = make_laptop("sari")
    enroll(sari, valid_record)
    [device] = list_devices(live_office.engine)
    revoke_device(live_office.engine, device.id)
    with pytest.raises(OfficeRefused) as refused:
        sync_now(sari)
    text, detail = failure_text(refused.value)
    assert "dicabut" in text.id and "Berkas > Pengaturan" in text.id
    assert "revoked" not in text.id and "token" not in text.id  # no English in the message
    assert "revoked" in text.en
    assert detail == "HTTP 401: unknown or revoked device token"


def test_a_refused_registration_code_is_told_in_indonesian(make_laptop, live_office) -> None:
    laptop = make_laptop("wayan", register=False)
    with pytest.raises(OfficeRefused) as refused:
        setup_device(laptop, server_url=live_office.url, code="AAAA-BBBB-CCCC")
    text, detail = failure_text(refused.value)
    assert "Minta kode baru ke kantor" in text.id
    assert "unknown registration code" in detail and "unknown" not in text.id


def test_a_batch_too_large_for_the_office_says_what_to_do(make_laptop, live_office,
                                                          valid_record, monkeypatch) -> None:
    sari = make_laptop("sari")
    enroll(sari, valid_record)
    monkeypatch.setattr("desktop_app.office.service.MAX_BODY_BYTES", 100)
    # a record too large alone is marked for the officer (tests/sync/test_oversize.py); what
    # is left to refuse whole is a batch of receipts alone
    summary = sync_now(sari)
    assert [r["code"] for r in summary.problems[0]["reasons"]] == ["too_large"]
    refused = OfficeRefused(413, "a batch may be at most 0 MB")
    text, detail = failure_text(refused)
    assert "terlalu besar" in text.id and "--batch-size" in text.id
    assert "Tidak ada yang hilang" in text.id
    assert detail.startswith("HTTP 413: a batch may be at most")


def test_a_request_the_office_cannot_read_is_a_version_mismatch_not_english(
        make_laptop, live_office) -> None:
    sari = make_laptop("sari")
    with OfficeClient(live_office.url, registration(sari).device_token) as client, \
            pytest.raises(OfficeRefused) as refused:
        client.pull(0, 0)  # the office takes 1 to 5000 records a page: FastAPI says 422
    text, detail = failure_text(refused.value)
    assert refused.value.status == 422 and "versi aplikasi" in text.id
    assert detail.startswith("HTTP 422:")


def answering(status: int, body: object = None, **headers: str) -> httpx.MockTransport:
    """An office that gives every request the same answer, counting the requests."""
    def reply(request: httpx.Request) -> httpx.Response:
        reply.calls += 1
        if body is None:
            return httpx.Response(status, text="<html>Bad Gateway</html>", headers=headers)
        return httpx.Response(status, json=body, headers=headers)
    reply.calls = 0
    return httpx.MockTransport(reply)


@pytest.mark.parametrize(("status", "body", "indonesian"), [
    (403, {"detail": "device not allowed"}, "tidak mengenali laptop ini lagi"),
    (409, {"detail": "batch id x was already used for another batch"}, "nomor batch-nya"),
    (500, {"detail": "internal error", "incident": "INC-7F3A"}, "nomor insiden INC-7F3A"),
    (500, {"detail": "internal error"}, "Terjadi kesalahan di server kantor."),
    (418, {"detail": "I'm a teapot"}, "Kantor menolak permintaan ini (HTTP 418)"),
])
def test_each_office_refusal_has_an_indonesian_message_and_is_not_retried(
        status, body, indonesian) -> None:
    transport = answering(status, body)
    with OfficeClient("http://kantor.test", "t", transport=transport, pause=0) as client, \
            pytest.raises(OfficeRefused) as refused:
        client.pull(0, 10)
    text, detail = failure_text(refused.value)
    assert indonesian in text.id
    assert body["detail"] not in text.id and body["detail"] in detail
    assert transport.handler.calls == 1  # the same request would get the same answer


def test_an_incident_number_is_kept_for_the_office() -> None:
    transport = answering(500, {"detail": "internal error", "incident": "INC-7F3A"})
    with OfficeClient("http://kantor.test", "t", transport=transport, pause=0) as client, \
            pytest.raises(OfficeRefused) as refused:
        client.push({"batch": {}, "signature": ""})
    assert refused.value.incident == "INC-7F3A"
    assert "incident number INC-7F3A" in failure_text(refused.value)[0].en


@pytest.mark.parametrize("status", [429, 502, 503, 504])
def test_a_busy_office_or_a_proxy_without_it_is_tried_again_then_waits(status) -> None:
    transport = answering(status)
    with OfficeClient("http://kantor.test", "t", transport=transport, pause=0) as client, \
            pytest.raises(OfficeUnreachable) as waiting:
        client.pull(0, 10)
    text, detail = failure_text(waiting.value)
    assert transport.handler.calls == 4
    assert "sibuk atau tidak tersedia" in text.id and "Tidak ada yang hilang" in text.id
    assert detail.startswith(f"HTTP {status}:") and "<html>" not in detail


def test_an_unreachable_office_is_told_in_indonesian() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)
    with OfficeClient("http://kantor.test", "t", transport=httpx.MockTransport(refuse),
                      pause=0) as client, pytest.raises(OfficeUnreachable) as waiting:
        client.pull(0, 10)
    text, detail = failure_text(waiting.value)
    assert "Kantor tidak dapat dihubungi" in text.id
    assert detail == "ConnectError: [Errno 111] Connection refused"


def test_a_laptop_not_registered_and_a_failure_on_the_laptop_are_told_in_both_languages(
        ) -> None:
    text, detail = failure_text(SyncNotSetUp())
    assert "belum terdaftar" in text.id and "Berkas > Pengaturan" in text.id and not detail
    text, detail = failure_text(OSError(28, "No space left on device"))
    assert "kesalahan di laptop ini" in text.id and "No space left" in detail
