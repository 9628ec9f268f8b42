"""Signing a batch and checking it (domain/signatures.py): what the laptop signs is what the
office checks, byte for byte, whatever the keys' order in the JSON."""

import base64

import pytest

from desktop_app.domain.signatures import (
    batch_signed_by,
    new_private_key_text,
    private_key_from_text,
    public_key_from_text,
    public_key_text,
    signed_batch,
)

BATCH = {"batch_id": "b-1", "records": [{"nik": "5171045708850023", "full_name": "Ni Made"}]}


def test_a_batch_signed_by_the_laptop_is_checked_by_its_registered_key() -> None:
    key = private_key_from_text(new_private_key_text())
    envelope = signed_batch(key, BATCH)
    signature = base64.b64decode(envelope["signature"])
    assert envelope["batch"] == BATCH
    reordered = {"records": BATCH["records"], "batch_id": "b-1"}
    assert batch_signed_by(public_key_text(key), reordered, signature)


def test_an_altered_batch_or_another_laptop_s_key_does_not_check() -> None:
    key, other = (private_key_from_text(new_private_key_text()) for _ in range(2))
    signature = base64.b64decode(signed_batch(key, BATCH)["signature"])
    assert not batch_signed_by(public_key_text(key), {**BATCH, "batch_id": "b-2"}, signature)
    assert not batch_signed_by(public_key_text(other), BATCH, signature)


@pytest.mark.parametrize("text", ["not base64!", base64.b64encode(b"short").decode()])
def test_a_text_that_is_not_a_public_key_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        public_key_from_text(text)
