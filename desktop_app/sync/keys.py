"""This laptop's Ed25519 signing key: made on the laptop the first time it is needed and kept in
its store; its public half is registered with the office. Signing a batch, and the key's text
form, are the domain's (domain/signatures.py), shared with the office that checks them."""

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine

from desktop_app.domain.signatures import new_private_key_text, private_key_from_text
from desktop_app.store.registration import keep_signing_key


def laptop_key(engine: Engine) -> Ed25519PrivateKey:
    return private_key_from_text(keep_signing_key(engine, new_private_key_text))
