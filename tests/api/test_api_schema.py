"""Every route of the API driven with values generated from its own OpenAPI description (schemathesis).

For each route: requests the description allows, aimed at real records, and requests it forbids. No answer may be
a 5xx, none may break the description (status codes, content types, bodies, headers), and a request the
description forbids must be refused. Routes added later are driven too: they are read from the description.
"""

from contextlib import suppress

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from app import create_app
from app.api_tokens.services import create_token
from app.extensions import db
from tests.fuzz.site import build_world

_app = create_app("testing")
with _app.app_context():
    _spec = _app.test_client().get("/api/v1/openapi.json").json
OPERATIONS = sorted((method.upper(), path) for path, item in _spec["paths"].items()
                    for method in item if method in ("get", "post", "put", "patch", "delete"))
#: What every answer is checked for. A request the description allows may still be refused (a record that is
#: not there, a rule of the desk such as a follow-up due before its meeting), so a 4xx to one is no failure.
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
          response_headers_conformance]
EXAMPLES = 15


def drive(app, operation, mode: GenerationMode, headers: dict[str, str], path_parameters=None) -> list[int]:
    """The status of every answer, each checked against the description (a failure raises)."""
    statuses: list[int] = []
    checks = [*CHECKS, negative_data_rejection] if mode is GenerationMode.NEGATIVE else CHECKS

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode, path_parameters=path_parameters))
    def request(case):
        response = case.call(headers=headers)
        statuses.append(response.status_code)
        case.validate_response(response, checks=checks, headers=headers)

    request()
    return statuses


@pytest.fixture(scope="module")
def schema(app):
    """The description as schemathesis reads it from the app, read once for every route (it never changes)."""
    read = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    # The token is sent with every request, not generated: tests/api/test_api_access.py checks refusing a bad one.
    read.config.generation.update(with_security_parameters=False)
    return read


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_every_route_keeps_to_its_description(app, app_context, schema, method, path):
    world = build_world()
    token = create_token(world.admin, "Schema check", "read_write")
    db.session.commit()
    headers = {"Authorization": f"Bearer {token}"}
    operation = schema[path][method]
    known = {name: value for name, value in world.url_values.items() if f"{{{name}}}" in path}
    aimed = drive(app, operation, GenerationMode.POSITIVE, headers, known or None)
    anywhere = drive(app, operation, GenerationMode.POSITIVE, headers)  # any id: most are not there
    answered = aimed + anywhere
    assert answered and max(answered) < 500
    if method == "GET":
        assert 200 in aimed, f"no request the description allows was answered with a record: {sorted(set(aimed))}"
    # Unsatisfiable: nothing the route takes can be made invalid (no query, no body, an id the router reads as text).
    with suppress(Unsatisfiable):
        # A forbidden value may become an allowed one on the wire (a number sent as text): negative_data_rejection
        # judges each answer knowing that, so only no server error is asserted here.
        assert max(drive(app, operation, GenerationMode.NEGATIVE, headers)) < 500
