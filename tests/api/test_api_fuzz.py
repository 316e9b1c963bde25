"""Fuzzing of the REST API from its own OpenAPI schema: every operation, for an anonymous
visitor, a signed-in reader, a moderator and the administrator, never answers 5xx nor
outside its schema."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, note, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from annotations.models import Annotation
from arguments.record.models import Participant, Source, Undercut
from debate.wsgi import application

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Random examples per operation, after the coverage phase's ~33 chosen ones (boundaries,
# wrong types, missing fields...): each is sent as 4 personas, ~6,300 requests in ~45 s.
MAX_EXAMPLES = 15
CONFIG = {
    "seed": 20240501,  # with `deterministic`, the same requests on every run
    "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True, "database": "none"},
    "phases": {"stateful": {"enabled": False}},
}
# Body fields that name an object, by the API resource they name.
BODY_REFERENCES = {
    "target": "claims",
    "from_claim": "claims",
    "to_claim": "claims",
    "claim": "claims",
    "relation": "relations",
    "parent": "annotations",
}

# The schema as the app serves it (no database is read); requests go to the app in process.
schema = schemathesis.openapi.from_wsgi(
    "/api/schema/?format=json", application, config=SchemathesisConfig.from_dict(CONFIG)
)


@pytest.fixture
def known_objects(small_debate, alice, maud) -> dict[str, list]:
    """The debate's objects by API resource, with an annotation, a reply and a proposal so
    that edits, flags and moderation have something to act on."""
    thesis = small_debate.claims.theses().first()
    annotation = Annotation.objects.create(
        author=alice, claim=thesis, body="Une *note*", tags="sources"
    )
    annotation.reply(maud, body="Une réponse")
    thesis.propose_argument(alice, kind="objection", statement="Une objection proposée")
    return {
        "debates": [small_debate.slug],
        "participants": list(Participant.objects.values_list("pk", flat=True)),
        "sources": list(Source.objects.values_list("pk", flat=True)),
        "claims": list(small_debate.claims.values_list("pk", flat=True)),
        "relations": list(small_debate.relations.values_list("pk", flat=True)),
        "undercuts": list(Undercut.objects.values_list("pk", flat=True)),
        "annotations": list(Annotation.objects.values_list("pk", flat=True)),
    }


def known(objects: list, number, value):
    """An even `number` names one of `objects` instead of `value`; an odd one leaves it as
    generated: half of the requests get past the lookup to what lies behind it."""
    if isinstance(number, int) and not isinstance(number, bool) and number % 2 == 0 and objects:
        return objects[number // 2 % len(objects)]
    return value


def name_known_objects(case, objects: dict[str, list]) -> None:
    resource = case.operation.path.split("/")[2]  # /api/<resource>/...
    parameters = case.path_parameters or {}
    if "id" in parameters:
        parameters["id"] = known(objects.get(resource, []), parameters["id"], parameters["id"])
    if "slug" in parameters:
        parameters["slug"] = known(objects["debates"], len(parameters["slug"]), parameters["slug"])
    if isinstance(case.body, dict):
        for field, named in BODY_REFERENCES.items():
            if field in case.body:
                case.body[field] = known(objects[named], case.body[field], case.body[field])


@pytest.fixture
def fuzzing(settings, known_objects):
    """The limits raised so that fuzzing is not all 429s, and the test's database connection
    kept open across requests, as Django's test client does: its transaction holds the data
    (the examples of a test share it; it is rolled back after the test)."""
    settings.WRITE_RATE_LIMIT = (10**6, 60)
    settings.EXPORTS_PER_MINUTE = settings.EXPORTS_PER_MINUTE_SIGNED_IN = 10**6
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"token": "1000000/minute"},
    }
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield known_objects
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def personas(alice, maud, charlie) -> dict[str, dict[str, str]]:
    """Who sends each request, by the headers that sign them in: nobody, a signed-in reader,
    a moderator, the administrator (who may correct and delete the record)."""
    # The WSGI client advertises gzip but does not decode it: bodies are asked for plain
    # (compression has its own tests, tests/site/test_compression.py).
    plain = {"Accept-Encoding": "identity"}
    headers = {"anonymous": plain}
    for user in (alice, maud, charlie):
        token = Token.objects.create(user=user).key
        headers[user.username] = {**plain, "Authorization": f"Token {token}"}
    return headers


# Hypothesis warns of function-scoped fixtures because they are made once per test, not once
# per example: here that is meant (the examples share the debate, see `fuzzing`).
@schema.parametrize()
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_every_operation_answers_within_its_schema(case, fuzzing, personas):
    name_known_objects(case, fuzzing)
    for persona, headers in personas.items():
        note(f"as {persona}")
        case.call_and_validate(headers=headers, checks=CHECKS)


def test_every_write_that_counts_against_the_limit_documents_429():
    """Fuzzing runs with the limits raised: the schema is checked for 429s instead. Every
    write counts, but a moderator's hiding and restoring."""
    for path, methods in schema.raw_schema["paths"].items():
        for method, operation in methods.items():
            if method in ("post", "patch", "delete") and not path.endswith(("hide/", "restore/")):
                assert "429" in operation["responses"], f"{method} {path}"
