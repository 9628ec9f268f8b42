"""Schemathesis over the office's published OpenAPI document, with a registered device's
token, on SQLite and on PostgreSQL: requests that fit the schema and requests that break it
find no 5xx, no status the document does not list, and no answer that contradicts it.

A bounded run (EXAMPLES per operation and mode) against the ASGI app in-process. One check is
left out: "schema-valid data is accepted" cannot hold where the secret is the point (a random
registration code is unknown, a random batch is not signed by the device's key), and those
refusals are the documented 400s."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from office_device import RegisteredDevice
from schemathesis import checks
from schemathesis.generation.modes import GenerationMode

from desktop_app.office.service import create_app

EXAMPLES = 30
OPERATIONS = ["GET /api/v1/health", "POST /api/v1/devices/register", "POST /api/v1/batches",
              "GET /api/v1/changes"]


def _registered(office) -> RegisteredDevice:
    import uuid

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from desktop_app.domain.signatures import public_key_text
    from desktop_app.office.devices import add_device, register_device

    key, device_id = Ed25519PrivateKey.generate(), uuid.uuid4()
    token, _ = register_device(office, code=add_device(office, officer_name="Ni Ketut Sari"),
                               device_id=device_id, public_key=public_key_text(key),
                               app_version="test")
    return RegisteredDevice(device_id, key, token)


# health takes no input: there is nothing to break in it
@pytest.mark.parametrize(("label", "mode"), [
    (label, mode) for label in OPERATIONS for mode in GenerationMode
    if not (label == "GET /api/v1/health" and mode is GenerationMode.NEGATIVE)])
def test_the_published_schema_holds_for_generated_requests(office, label, mode) -> None:
    device = _registered(office)
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(office))
    [operation] = [r.ok() for r in schema.get_all_operations() if r.ok().label == label]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def generated(case) -> None:
        case.call_and_validate(headers=device.headers,
                               excluded_checks=[checks.positive_data_acceptance])

    generated()
