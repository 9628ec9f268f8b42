"""Talking to the office service over HTTP (httpx), with retries and backoff.

Network trouble and a busy or unavailable office (timeouts, 502-504) are retried a few times
with growing pauses; what is still pending then simply waits for the next sync. A 4xx is the
office refusing the request: it is not retried, and its message is shown.
"""

import time
import uuid
from typing import Any

import httpx

from desktop_app.domain.sync_messages import from_wire, wire_bytes

RETRIES = 4
FIRST_PAUSE_S = 0.5
TIMEOUT_S = 60.0


class OfficeUnreachable(Exception):
    """The office could not be reached or was unavailable; nothing is lost, try later."""


class OfficeRefused(Exception):
    """The office answered with a 4xx; the message is the office's."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class OfficeClient:
    def __init__(self, base_url: str, token: str | None = None, *,
                 transport: httpx.BaseTransport | None = None,
                 pause: float = FIRST_PAUSE_S) -> None:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self._http = httpx.Client(base_url=base_url.rstrip("/"), headers=headers,
                                  timeout=TIMEOUT_S, transport=transport)
        self._pause = pause

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> "OfficeClient":
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _call(self, method: str, path: str, **options: Any) -> Any:
        pause = self._pause
        for attempt in range(RETRIES):
            try:
                response = self._http.request(method, path, **options)
            except httpx.TransportError as failure:
                problem = f"the office server cannot be reached ({failure.__class__.__name__})"
            else:
                if response.status_code < 400:
                    return from_wire(response.content)
                if response.status_code < 500 and response.status_code != 429:
                    raise OfficeRefused(response.status_code, _detail(response))
                problem = f"the office server is unavailable ({_detail(response)})"
            if attempt < RETRIES - 1:
                time.sleep(pause)
                pause *= 2
        raise OfficeUnreachable(problem)

    def register(self, *, code: str, device_id: uuid.UUID, public_key: str,
                 app_version: str) -> dict[str, Any]:
        return self._call("POST", "/api/v1/devices/register", json={
            "code": code, "device_id": str(device_id), "public_key": public_key,
            "app_version": app_version})

    def push(self, signed: dict[str, Any]) -> dict[str, Any]:
        return self._call("POST", "/api/v1/batches", content=wire_bytes(signed),
                          headers={"Content-Type": "application/json"})

    def pull(self, since: int, limit: int, reference: str = "") -> dict[str, Any]:
        """Changes after ``since``; the office's reference data too when it is not
        ``reference`` (the version this laptop has)."""
        return self._call("GET", "/api/v1/changes", params={
            "since": since, "limit": limit, "reference": reference})


def _detail(response: httpx.Response) -> str:
    try:
        detail = response.json().get("detail")
    except ValueError:
        detail = None
    return str(detail) if detail else f"HTTP {response.status_code}"
