"""This laptop's Ed25519 signing key: made on the laptop, its public half registered with the
office, used to sign batches (and later receipts) so the office can tell who made them."""

import base64
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)
from sqlalchemy import Engine

from desktop_app.domain.sync_messages import canonical_bytes
from desktop_app.store.device import keep_signing_key


def _new_key_text() -> str:
    raw = Ed25519PrivateKey.generate().private_bytes(Encoding.Raw, PrivateFormat.Raw,
                                                    NoEncryption())
    return base64.b64encode(raw).decode()


def laptop_key(engine: Engine) -> Ed25519PrivateKey:
    raw = base64.b64decode(keep_signing_key(engine, _new_key_text))
    return Ed25519PrivateKey.from_private_bytes(raw)


def public_key_text(key: Ed25519PrivateKey) -> str:
    return base64.b64encode(key.public_key().public_bytes(Encoding.Raw,
                                                          PublicFormat.Raw)).decode()


def signed_batch(key: Ed25519PrivateKey, batch_json: dict[str, Any]) -> dict[str, Any]:
    """The envelope the office takes: the batch and a signature over its canonical bytes."""
    signature = key.sign(canonical_bytes(batch_json))
    return {"batch": batch_json, "signature": base64.b64encode(signature).decode()}
