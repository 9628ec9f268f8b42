"""Talking to the office service over HTTP (httpx), with retries and backoff.

Network trouble and a busy or unavailable office (timeouts, 429, 502-504) are retried a few
times with growing pauses; what is still pending then simply waits for the next sync. Any
other answer of 400 or more is the office refusing the request (or failing on it): it is not
retried. Either way the failure says what happened in both languages (``SyncFailure.text``),
and keeps the office's own words, which are English, as a technical ``detail`` line.
"""

import uuid
from typing import Any

import httpx

from desktop_app.domain.messages import Text
from desktop_app.domain.sync_messages import from_wire, wire_bytes
from desktop_app.work_state import WorkState

RETRIES = 4
FIRST_PAUSE_S = 0.5
TIMEOUT_S = 60.0
TRANSIENT = frozenset({429, 502, 503, 504})  # busy, a proxy without its office, try later

_NOTHING_LOST = Text("Tidak ada yang hilang: data tetap menunggu dan dikirim pada "
                     "sinkronisasi berikutnya.",
                     "Nothing is lost: the records keep waiting and go at the next sync.")


class SyncFailure(Exception):
    """A sync or a registration that did not happen. ``text`` is what the officer reads;
    ``detail`` the technical cause (the HTTP status and the office's English message)."""

    def __init__(self, text: Text, detail: str = "") -> None:
        super().__init__(f"{text.en} ({detail})" if detail else text.en)
        self.text, self.detail = text, detail


class OfficeUnreachable(SyncFailure):
    """The office could not be reached or was unavailable; nothing is lost, try later."""


class OfficeRefused(SyncFailure):
    """The office answered 4xx (or failed with a 5xx that is not a "try later"): trying again
    as it is would get the same answer. ``incident`` is the office's number for the failure
    in its log, when it gave one."""

    def __init__(self, status: int, detail: str, *, operation: str = "push",
                 incident: str = "") -> None:
        super().__init__(refusal_text(status, operation, incident),
                         f"HTTP {status}: {detail}" if detail else f"HTTP {status}")
        self.status, self.incident = status, incident


def _both(first: Text, second: Text) -> Text:
    return Text(f"{first.id} {second.id}", f"{first.en} {second.en}")


def refusal_text(status: int, operation: str, incident: str = "") -> Text:
    """What an answer of ``status`` to ``operation`` (register, push or pull) means to the
    officer, and what to do."""
    if operation == "register" and status in (400, 404, 409, 422):
        return Text("Kantor menolak pendaftaran laptop ini: kodenya tidak dikenal, sudah "
                    "dipakai atau kedaluwarsa, atau laptop ini sudah terdaftar. Minta kode "
                    "baru ke kantor.",
                    "The office refused to register this laptop: the code is unknown, "
                    "already used or expired, or this laptop is already registered. Ask the "
                    "office for a new code.")
    if status in (401, 403):
        return Text("Kantor tidak mengenali laptop ini lagi (pendaftarannya dicabut atau tidak "
                    "dikenal). Tidak ada yang hilang: data tetap tersimpan di laptop ini. Minta "
                    "kode pendaftaran baru ke kantor, lalu masukkan di Berkas > Pengaturan.",
                    "The office no longer recognises this laptop (its registration was "
                    "revoked or is unknown). Nothing is lost: the records stay on this laptop. "
                    "Ask the office for a new registration code and enter it in File > "
                    "Settings.")
    if status == 409:
        return _both(Text("Kantor menolak kiriman ini: nomor batch-nya sudah dipakai untuk "
                          "kiriman lain. Sinkronkan lagi; jika terulang, hubungi kantor.",
                          "The office refused this batch: its number was already used for "
                          "another batch. Sync again; if it happens again, call the office."),
                     _NOTHING_LOST)
    if status == 413:
        return _both(Text("Kiriman terlalu besar untuk kantor. Minta kantor menaikkan batas "
                          "ukurannya, atau kirim lebih sedikit data sekali kirim "
                          "(banjar-enroll sync --batch-size 100).",
                          "The batch is too large for the office. Ask the office to raise its "
                          "size limit, or send fewer records at a time (banjar-enroll sync "
                          "--batch-size 100)."), _NOTHING_LOST)
    if status == 422:
        return _both(Text("Kantor tidak memahami permintaan laptop ini: versi aplikasinya "
                          "mungkin tidak cocok dengan versi kantor. Perbarui aplikasi atau "
                          "hubungi kantor.",
                          "The office did not understand this laptop's request: the "
                          "application's version may not match the office's. Update the "
                          "application or call the office."), _NOTHING_LOST)
    if status >= 500:
        number = (Text(f" (nomor insiden {incident}; sebutkan nomor ini ke kantor)",
                       f" (incident number {incident}; give this number to the office)")
                  if incident else Text("", ""))
        return _both(Text(f"Terjadi kesalahan di server kantor{number.id}.",
                          f"Something went wrong on the office's server{number.en}."),
                     _NOTHING_LOST)
    return _both(Text(f"Kantor menolak permintaan ini (HTTP {status}). Hubungi kantor dengan "
                      "rincian teknis di bawah.",
                      f"The office refused this request (HTTP {status}). Call the office "
                      "with the technical detail below."), _NOTHING_LOST)


UNREACHABLE = _both(Text("Kantor tidak dapat dihubungi (periksa jaringan dan alamat server "
                         "kantor).", "The office cannot be reached (check the network and the "
                         "office server's address)."), _NOTHING_LOST)
UNAVAILABLE = _both(Text("Kantor sedang sibuk atau tidak tersedia.",
                         "The office is busy or unavailable."), _NOTHING_LOST)


class OfficeClient:
    def __init__(self, base_url: str, token: str | None = None, *,
                 transport: httpx.BaseTransport | None = None,
                 pause: float = FIRST_PAUSE_S, state: WorkState | None = None) -> None:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self._http = httpx.Client(base_url=base_url.rstrip("/"), headers=headers,
                                  timeout=TIMEOUT_S, transport=transport)
        self._pause = pause
        # the retry pause waits on the run's cancel: a cancelled sync stops pausing at once
        self._state = state or WorkState()

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> "OfficeClient":
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _call(self, operation: str, method: str, path: str, **options: Any) -> Any:
        pause = self._pause
        for attempt in range(RETRIES):
            try:
                response = self._http.request(method, path, **options)
            except httpx.TransportError as failure:
                cause = failure.__class__.__name__
                problem = OfficeUnreachable(UNREACHABLE,
                                            f"{cause}: {failure}" if str(failure) else cause)
            else:
                if response.status_code < 400:
                    return from_wire(response.content)
                detail, incident = _detail(response)
                if response.status_code not in TRANSIENT:
                    raise OfficeRefused(response.status_code, detail, operation=operation,
                                        incident=incident)
                problem = OfficeUnreachable(UNAVAILABLE,
                                            f"HTTP {response.status_code}: {detail}")
            if attempt < RETRIES - 1:
                self._state.pause(pause)  # raises Cancelled when the officer cancelled
                pause *= 2
        raise problem

    def register(self, *, code: str, device_id: uuid.UUID, public_key: str,
                 app_version: str) -> dict[str, Any]:
        return self._call("register", "POST", "/api/v1/devices/register", json={
            "code": code, "device_id": str(device_id), "public_key": public_key,
            "app_version": app_version})

    def push(self, signed: dict[str, Any]) -> dict[str, Any]:
        return self._call("push", "POST", "/api/v1/batches", content=wire_bytes(signed),
                          headers={"Content-Type": "application/json"})

    def pull(self, since: int, limit: int, reference: str = "") -> dict[str, Any]:
        """Changes after ``since``; the office's reference data too when it is not
        ``reference`` (the version this laptop has)."""
        return self._call("pull", "GET", "/api/v1/changes", params={
            "since": since, "limit": limit, "reference": reference})


def _detail(response: httpx.Response) -> tuple[str, str]:
    """The office's message for a failed request, and its incident number if it gave one
    (``{"detail": ..., "incident": ...}``); a proxy's HTML page gives neither."""
    try:
        body = response.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        return response.reason_phrase, ""
    detail = body.get("detail")
    if not isinstance(detail, str):  # FastAPI's 422 lists what it could not read
        detail = str(detail) if detail else response.reason_phrase
    return detail, str(body.get("incident") or "")
