"""A laptop that hangs up in the middle of its push (killed, cable pulled) against a real
uvicorn: the office writes nothing, logs one plain line for it, gives no incident (the office
did not fail, IT staff have nothing to look up) and answers the next push at once."""

import json
import socket
import time
import uuid
from urllib.parse import urlsplit

import httpx
from office_device import register_over_http

from desktop_app.domain.enrollment import enrollment_to_json

HANG_UPS = 20


def _hang_up_mid_body(url: str, token: str) -> None:
    """Sends a push's headers and the first part of its body, then closes the socket."""
    where = urlsplit(url)
    with socket.create_connection((where.hostname, where.port), timeout=5) as connection:
        connection.sendall(
            b"POST /api/v1/batches HTTP/1.1\r\nHost: office\r\n"
            b"Authorization: Bearer " + token.encode() + b"\r\n"
            b"Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
            + b'{"batch": {"records": [' + b" " * 1000)


def _log_events(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("{")]


def test_pushes_cut_off_mid_body_are_logged_plainly_and_the_next_push_is_answered(
        live_office, valid_record, tmp_path) -> None:
    from desktop_app.office.sync_log import configure_sync_log, log

    handler = configure_sync_log(tmp_path / "sync.log")
    try:
        laptop = register_over_http(live_office.engine, live_office.url)
        for _ in range(HANG_UPS):
            _hang_up_mid_body(live_office.url, laptop.token)
        deadline = time.monotonic() + 10
        while len([e for e in _log_events(tmp_path / "sync.log")
                   if e["event"] in ("hung_up", "failure")]) < HANG_UPS:
            assert time.monotonic() < deadline, "the office did not notice the hang-ups"
            time.sleep(0.01)
        record = {"enrollment_id": str(uuid.uuid4()), "revision": 1, "base_revision": None,
                  "officer_code": "X", "enrolled_on": "2026-11-20",
                  "record": enrollment_to_json(valid_record)}
        started = time.monotonic()
        answer = httpx.post(f"{live_office.url}/api/v1/batches", headers=laptop.headers,
                            json=laptop.signed([record]), timeout=5)
        answered_in = time.monotonic() - started
    finally:
        log.removeHandler(handler)
        handler.close()
    assert answer.status_code == 200 and answered_in < 3
    events = _log_events(tmp_path / "sync.log")
    assert [e for e in events if e["event"] == "failure"] == []
    assert "incident" not in (tmp_path / "sync.log").read_text(encoding="utf-8")
    assert len([e for e in events if e["event"] == "hung_up"]) == HANG_UPS
    assert [e["outcomes"] for e in events if e["event"] == "batch"] == [{"accepted": 1}]
