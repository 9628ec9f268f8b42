"""Laptops the office trusts: one-time registration codes, device tokens, revocation.

The office keeps only hashes of codes and tokens (a stolen database opens no door). A laptop
registers its own Ed25519 public key with its code; batch files and receipts are checked
against it.
"""

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from desktop_app.domain import signatures
from desktop_app.domain.messages import BilingualError, Text
from desktop_app.office.models import Device, RegistrationCode
from desktop_app.sql_types import utc_now
from desktop_app.sqlite_engine import write_session

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
CODE_LENGTH = 12
CODE_VALID = timedelta(days=7)


class RegistrationRefused(Exception):
    """The code is unknown, used or expired, or the key is unusable; the message says which."""


class BadSignature(Exception):
    """A batch whose signature is not its device's: altered, or made elsewhere."""


class DeviceRefused(BilingualError, ValueError):
    """``add-device`` was given what it cannot take; ``text`` says what, in both languages."""


class Unauthorized(Exception):
    """No valid device token: unknown, or the device was revoked."""


@dataclass(frozen=True)
class DeviceInfo:
    id: uuid.UUID
    officer_name: str
    area_code: str
    app_version: str
    registered_at: datetime
    revoked_at: datetime | None
    last_sync_at: datetime | None
    public_key: str

    @classmethod
    def of(cls, device: Device) -> "DeviceInfo":
        return cls(device.id, device.officer_name, device.area_code, device.app_version,
                   device.registered_at, device.revoked_at, device.last_sync_at,
                   device.public_key)

    def to_json(self) -> dict[str, object]:
        return {"device_id": str(self.id), "officer": self.officer_name, "area": self.area_code,
                "app_version": self.app_version,
                "registered_at": self.registered_at.isoformat(),
                "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
                "last_sync_at": self.last_sync_at.isoformat() if self.last_sync_at else None}


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def normalise_code(code: str) -> str:
    """Codes are read over the phone: spaces, dashes and case do not matter."""
    return "".join(c for c in code.upper() if c.isalnum())


def add_device(engine: Engine, *, officer_name: str, area_code: str = "") -> str:
    """A new one-time registration code for a laptop of ``officer_name`` (shown once)."""
    officer_name = " ".join(officer_name.split())
    if not officer_name:
        raise DeviceRefused(Text("sebutkan petugas yang akan memakai laptop ini (--officer)",
                                 "name the officer who will use the laptop (--officer)"))
    if area_code and not (area_code.isascii() and area_code.isdigit() and len(area_code) == 6):
        raise DeviceRefused(Text("--area harus kode kecamatan 6 angka, mis. 517104",
                                 "--area must be a 6-digit kecamatan code, e.g. 517104"))
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    with write_session(engine) as session:
        session.add(RegistrationCode(code_hash=_digest(code), officer_name=officer_name,
                                     area_code=area_code, expires_at=utc_now() + CODE_VALID))
        session.commit()
    return "-".join(code[i:i + 4] for i in range(0, CODE_LENGTH, 4))


def public_key_from_text(text: str) -> Ed25519PublicKey:
    """A laptop's registered public key; RegistrationRefused when the text is not one."""
    try:
        return signatures.public_key_from_text(text)
    except ValueError:
        raise RegistrationRefused("the public key is not a base64 Ed25519 key") from None


def register_device(engine: Engine, *, code: str, device_id: uuid.UUID, public_key: str,
                    app_version: str) -> tuple[str, DeviceInfo]:
    """Exchanges a registration code for a device token; returns the token (shown once)."""
    public_key_from_text(public_key)
    token = secrets.token_urlsafe(32)
    with write_session(engine) as session:
        offer = session.exec(select(RegistrationCode).where(
            RegistrationCode.code_hash == _digest(normalise_code(code)))).first()
        if offer is None:
            raise RegistrationRefused("unknown registration code: ask the office for a new one")
        if offer.used_at is not None:
            raise RegistrationRefused("this registration code was already used")
        if offer.expires_at < utc_now():
            raise RegistrationRefused("this registration code has expired: ask for a new one")
        if session.get(Device, device_id) is not None:
            raise RegistrationRefused("this laptop is already registered")
        device = Device(id=device_id, officer_name=offer.officer_name,
                        area_code=offer.area_code, token_hash=_digest(token),
                        public_key=public_key, app_version=app_version[:32])
        offer.used_at, offer.device_id = utc_now(), device_id
        session.add_all([device, offer])
        session.commit()
        return token, DeviceInfo.of(device)


def authenticate(engine: Engine, token: str) -> DeviceInfo:
    """The device a bearer token belongs to; Unauthorized when unknown or revoked."""
    with Session(engine) as session:
        device = session.exec(select(Device).where(
            Device.token_hash == _digest(token))).first()
        if device is None or device.revoked_at is not None:
            raise Unauthorized("unknown or revoked device token")
        return DeviceInfo.of(device)


def find_device(engine: Engine, device_id: uuid.UUID) -> DeviceInfo | None:
    with Session(engine) as session:
        device = session.get(Device, device_id)
        return DeviceInfo.of(device) if device else None


def revoke_device(engine: Engine, device_id: uuid.UUID) -> DeviceInfo:
    """Ends a device's access at once (its next request gets 401)."""
    with write_session(engine) as session:
        device = session.get(Device, device_id)
        if device is None:
            raise LookupError(f"no device {device_id}")
        if device.revoked_at is None:
            device.revoked_at = utc_now()
            session.add(device)
            session.commit()
        return DeviceInfo.of(device)


def list_devices(engine: Engine) -> list[DeviceInfo]:
    with Session(engine) as session:
        devices = session.exec(select(Device).order_by(col(Device.registered_at)))
        return [DeviceInfo.of(d) for d in devices]


def note_sync(session: Session, device_id: uuid.UUID, app_version: str) -> None:
    """Remembers when a device last synced and with which app version (``office devices``)."""
    device = session.get(Device, device_id)
    if device is not None:
        device.last_sync_at = utc_now()
        if app_version:
            device.app_version = app_version
        session.add(device)


def note_pull(engine: Engine, device: DeviceInfo) -> None:
    """A pull is a sync too: ``office devices`` shows when the laptop last reached the
    office, whether it had anything to send or not."""
    with write_session(engine) as session:
        note_sync(session, device.id, "")
        session.commit()


def verify_signature(device: DeviceInfo, batch_json: dict[str, Any], signature: bytes) -> None:
    """Raises BadSignature unless ``device``'s key signed exactly these batch bytes."""
    if not signatures.batch_signed_by(device.public_key, batch_json, signature):
        raise BadSignature("the batch signature does not match: the batch was altered or "
                           "was not made by this device") from None
