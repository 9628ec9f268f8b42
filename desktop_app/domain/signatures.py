"""Ed25519 signatures of sync messages, the one place both sides' halves meet.

The laptop signs each batch over its canonical bytes (``sync_messages.canonical_bytes``) and
registers its public key with the office as base64 text; the office checks a batch's signature
against that text. Signing and checking live here together so both agree on the bytes signed
and on the key's text form; where the laptop keeps its key (sync/keys.py) and how the office
refuses a bad one (office/devices.py) stay on their own sides.
"""

import base64
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from desktop_app.domain.sync_messages import canonical_bytes


def new_private_key_text() -> str:
    """A new signing key, as the base64 text of its raw bytes (how the laptop keeps it)."""
    raw = Ed25519PrivateKey.generate().private_bytes(Encoding.Raw, PrivateFormat.Raw,
                                                    NoEncryption())
    return base64.b64encode(raw).decode()


def private_key_from_text(text: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(text))


def public_key_text(key: Ed25519PrivateKey) -> str:
    """The key's public half as base64 text: what the laptop registers with the office."""
    return base64.b64encode(key.public_key().public_bytes(Encoding.Raw,
                                                          PublicFormat.Raw)).decode()


def public_key_from_text(text: str) -> Ed25519PublicKey:
    """The public key a laptop registered; ValueError when the text is not one."""
    return Ed25519PublicKey.from_public_bytes(base64.b64decode(text, validate=True))


def signed_batch(key: Ed25519PrivateKey, batch_json: dict[str, Any]) -> dict[str, Any]:
    """The envelope the office takes: the batch and a signature over its canonical bytes."""
    signature = key.sign(canonical_bytes(batch_json))
    return {"batch": batch_json, "signature": base64.b64encode(signature).decode()}


def batch_signed_by(public_key: str, batch_json: dict[str, Any], signature: bytes) -> bool:
    """Whether the key registered as ``public_key`` signed exactly these batch bytes."""
    try:
        public_key_from_text(public_key).verify(signature, canonical_bytes(batch_json))
    except InvalidSignature:
        return False
    return True
