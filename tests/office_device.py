"""A laptop as the office sees it, without a laptop database: a registration code, a device
id, its Ed25519 key and the token the office hands back, plus signed batches of it."""

import uuid
from dataclasses import dataclass
from typing import Any

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.domain.signatures import public_key_text, signed_batch
from desktop_app.office.devices import add_device


@dataclass(frozen=True)
class RegisteredDevice:
    device_id: uuid.UUID
    key: Ed25519PrivateKey
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def signed(self, records: list[dict[str, Any]], **envelope: Any) -> dict[str, Any]:
        """A signed batch of these wire records (``batch_to_json``'s record shape)."""
        batch = {"protocol": 1, "batch_id": str(uuid.uuid4()),
                 "device_id": str(self.device_id), "app_version": "test", "records": records,
                 **envelope}
        return signed_batch(self.key, batch)


def register_over_http(engine, url: str, officer: str = "Ni Ketut Sari") -> RegisteredDevice:
    """Registers a new device with the office at ``url`` the way a laptop does."""
    key = Ed25519PrivateKey.generate()
    device_id = uuid.uuid4()
    answer = httpx.post(f"{url}/api/v1/devices/register", json={
        "code": add_device(engine, officer_name=officer), "device_id": str(device_id),
        "public_key": public_key_text(key), "app_version": "test"})
    answer.raise_for_status()
    return RegisteredDevice(device_id, key, answer.json()["token"])
