"""Text hygiene in the model fields (issue 16, point 1): whatever path user text takes to the
database — web form, API, importer's bulk_create, QuerySet.update(), fixtures, admin — it is
stored NFC, without control characters, lone surrogates or noncharacters; and a character
reference in a statement stays text on the map."""

import json
import shutil
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from annotations.models import Annotation
from arguments.interchange import native, store
from arguments.record.models import Claim
from arguments.record.text import clean_text
from tests.conftest import SMALL_DEBATE

DIRTY = "a\x01b\x00c \ud800 e\u0301\ufffe\U0001fffe\x7f\x9b"
CLEAN = "abc \ufffd é"
# What a browser can send: no lone surrogate (it cannot be encoded).
SENDABLE = "a\x01bc e\u0301\ufffe\U0001fffe\x7f\x9b"


@pytest.mark.parametrize(
    ("raw", "multiline", "expected"),
    [
        (DIRTY, False, CLEAN),
        ("ligne\r\nsuivante\ttab", False, "ligne suivante tab"),
        ("ligne\r\nsuivante\ttab\u2028fin", True, "ligne\nsuivante\ttab\nfin"),
        ("e\u0301", False, "é"),  # NFC
        ("x &#xD800; y", False, "x &#xD800; y"),  # a reference is text, left for escaping
    ],
)
def test_clean_text(raw, multiline, expected):
    assert clean_text(raw, multiline) == expected


def test_through_a_web_form(client, alice, small_debate):
    client.force_login(alice)
    client.post("/petit-debat/claims/thesis/annotations/", {"stance": "comment", "body": SENDABLE})
    assert Annotation.objects.get().body == "abc é"


def test_through_the_api(alice, small_debate):
    api = APIClient()
    api.force_authenticate(alice)
    thesis = small_debate.claims.get(slug="thesis")
    response = api.post(
        "/api/claims/",
        {"target": thesis.pk, "kind": "objection", "statement": "Non\x01 merci e\u0301"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert Claim.objects.get(proposed_by=alice).statement == "Non merci é"


def test_through_an_import_and_bulk_create(small_debate):
    document = native.to_native(store.document_from_debate(small_debate))
    document["claims"][0]["statement"] = "Thèse\x01 \ufffe propre"
    copy = store.store_document(native.parse_native(json.dumps(document)), slug="copie")
    assert copy.claims.filter(statement="Thèse  propre").exists()


def test_through_a_queryset_update(small_debate):
    small_debate.claims.filter(slug="thesis").update(statement=DIRTY)
    assert small_debate.claims.get(slug="thesis").statement == CLEAN


def test_through_the_fixtures(db, tmp_path):
    folder = tmp_path / "small"
    shutil.copytree(SMALL_DEBATE, folder)
    path = folder / "claims" / "001-essai.yaml"
    text = path.read_text().replace(
        "statement: Le numérique est un féodalisme.",
        'statement: "Le numérique\\x01 est un fe\\u0301odalisme."',
    )
    path.write_text(text)
    call_command("load_debate", str(folder))
    assert Claim.objects.get(slug="thesis").statement == "Le numérique est un féodalisme."


def test_through_the_admin(admin_client, small_debate):
    participant = small_debate.participants.get(slug="bruno")
    url = f"/admin/arguments/participant/{participant.pk}/change/"
    form = admin_client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data["name"] = "Bruno\x01 \ud7ff Ba"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content[:500]
    participant.refresh_from_db()
    assert participant.name == "Bruno \ud7ff Ba"


def test_a_character_reference_in_a_statement_stays_text_on_the_map(client, small_debate):
    small_debate.claims.filter(slug="thesis").update(statement="x &#xD800; &#x1; y")
    response = client.get("/petit-debat/map.svg")
    assert response.status_code == 200
    ET.fromstring(response.content)  # valid XML
    assert b"&amp;#xD800;" in response.content
