"""JSON bodies that cannot be read as text or numbers get a clear 400 from the API's parser
(api.parsers.StrictJSONParser), never a 500; a JSON file imported through the API, a clear
400 naming the field."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.decorators import api_view, parser_classes, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory

from api.parsers import StrictJSONParser
from arguments.interchange import native
from arguments.interchange.document import Claim as DocumentClaim
from arguments.interchange.document import Document
from arguments.record.models import Debate

# These tests read the messages in English.
pytestmark = pytest.mark.usefixtures("english")


@api_view(["POST"])
@parser_classes([StrictJSONParser])
@permission_classes([AllowAny])
def echo(request):
    """A view reading its body with the parser, as every API view will once
    REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"] names it (DRF binds the setting to its views
    when they are imported, so a test cannot switch it afterwards)."""
    return Response({"read": request.data})


def post(body: str | bytes):
    request = APIRequestFactory().post("/echo/", body, content_type="application/json")
    response = echo(request)
    response.render()
    return response


def body(statement: str) -> str:
    return f'{{"target": 1, "kind": "support", "statement": {statement}}}'


@pytest.mark.parametrize(
    "statement, expected",
    [
        ('"a\\u0000b"', "statement holds control characters: NUL (\\u0000)"),
        ('"a\\ud800b"', "statement holds a lone surrogate (\\ud800)"),
        ("1e400", "the number 1e400, too large to be read"),
        ("NaN", "the JSON holds NaN, which is not a number"),
        ("Infinity", "the JSON holds Infinity, which is not a number"),
        ("[" * 100_000, "nests arrays or objects too deeply"),
        ("[" * 150 + "]" * 150, "nests arrays or objects too deeply"),
    ],
)
def test_unreadable_json_bodies_are_400_with_a_clear_message(statement, expected):
    response = post(body(statement))
    assert response.status_code == 400
    assert response.data["detail"].startswith("JSON parse error: ")
    assert expected in response.data["detail"]


def test_a_readable_body_is_read_as_before():
    response = post(body('"Un argument \\u00e9crit \\ud83d\\ude00"'))
    assert response.status_code == 200
    assert response.data["read"]["statement"] == "Un argument écrit \U0001f600"


def test_malformed_json_is_400_as_before():
    response = post(body('"x"')[:-1])
    assert response.status_code == 400
    assert "Expecting ',' delimiter" in response.data["detail"]


def test_bytes_that_are_not_utf8_are_400():
    response = post(body('"a"').encode().replace(b'"a"', b'"\xed\xa0\x80"'))
    assert response.status_code == 400
    assert response.data["detail"].startswith("JSON parse error: ")


@pytest.mark.django_db
def test_an_import_of_json_holding_nul_is_400_with_the_problem(api, alice):
    text = native.dumps(Document(slug="nul", title="T", claims=[DocumentClaim("a", "A")]))
    text = text.replace('"statement": "A"', '"statement": "A\\u0000"')
    api.force_authenticate(alice)
    upload = SimpleUploadedFile("nul.json", text.encode())
    response = api.post("/api/debates/import/", {"file": upload}, format="multipart")
    assert response.status_code == 400
    assert "claims[0].statement holds control characters: NUL" in str(response.json())
    assert not Debate.objects.filter(slug="nul").exists()
