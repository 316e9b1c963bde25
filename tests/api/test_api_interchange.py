"""Downloading and importing debates through the API, under the site's rules."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from arguments.interchange import native, store
from arguments.record.models import Claim, Debate

INTEROP = Path(__file__).resolve().parents[1] / "data" / "interop"


def test_anonymous_readers_download_but_cannot_import(api, small_debate):
    assert api.get(f"/api/debates/{small_debate.slug}/export/json/").status_code == 200
    response = api.post(
        "/api/debates/import/", {"file": SimpleUploadedFile("a.json", b"{}")}, format="multipart"
    )
    assert response.status_code == 401
    assert Debate.objects.count() == 1


def test_a_reader_downloads_each_format(api, alice, small_debate):
    api.force_authenticate(alice)
    response = api.get(f"/api/debates/{small_debate.slug}/export/json/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="petit-debat.json"'
    expected = native.to_native(store.document_from_debate(small_debate, complete=False))
    assert json.loads(response.content) == expected
    for name in ("aif", "argdown", "kialo", "annotations"):
        response = api.get(f"/api/debates/{small_debate.slug}/export/{name}/")
        assert response.status_code == 200, name
        assert "Les plateformes prélèvent une rente." in response.content.decode()


def test_an_unknown_format_or_debate_is_404(api, alice, small_debate):
    api.force_authenticate(alice)
    response = api.get(f"/api/debates/{small_debate.slug}/export/docx/")
    assert response.status_code == 404
    assert response.json() == {
        "detail": "no format 'docx'; formats: aif, annotations, argdown, json, kialo, sadface"
    }
    assert api.get("/api/debates/nope/export/json/").status_code == 404


def test_a_reader_imports_an_aif_file(api, alice):
    api.force_authenticate(alice)
    upload = SimpleUploadedFile("6064.json", (INTEROP / "6064-original.json").read_bytes())
    response = api.post("/api/debates/import/", {"file": upload}, format="multipart")
    assert response.status_code == 201
    data = response.json()
    assert data["debate"]["slug"] == "6064"
    assert data["debate"]["imported_from"] == "AIF (AIFdb, OVA): 6064.json (alice)"
    assert data["debate"]["page_url"] == "http://testserver/6064/"
    assert any("TA" in warning for warning in data["warnings"])
    assert Debate.objects.get(slug="6064").claims.count() == 9


def test_a_malformed_file_gets_its_problems_and_nothing_is_stored(api, alice):
    api.force_authenticate(alice)
    upload = SimpleUploadedFile("bad.argdown", b"[A]: a\n    + [B]: b\n  - [C]: c\n")
    response = api.post(
        "/api/debates/import/", {"file": upload, "format": "kialo"}, format="multipart"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["problems"]
    assert response.json()["problems"][0].startswith("line 1")
    assert not Claim.objects.exists()


def test_form_errors_are_named_by_field(api, alice, small_debate):
    api.force_authenticate(alice)
    upload = SimpleUploadedFile("a.json", b"{}")
    response = api.post(
        "/api/debates/import/",
        {"file": upload, "format": "docx", "slug": small_debate.slug},
        format="multipart",
    )
    assert response.status_code == 400
    assert sorted(response.json()) == ["format", "slug"]
    response = api.post("/api/debates/import/", {}, format="multipart")
    assert response.status_code == 400
    assert list(response.json()) == ["file"]
    response = api.post("/api/debates/import/", {"x": 1}, format="json")
    assert response.status_code == 415


def test_imports_count_against_the_write_limit(api, alice, settings):
    settings.WRITE_RATE_LIMIT = (1, 60)
    api.force_authenticate(alice)
    text = b'{"format": "controverse", "version": 1, "debate": {"slug": "a", "title": "A"}}'
    first = api.post(
        "/api/debates/import/", {"file": SimpleUploadedFile("a.json", text)}, format="multipart"
    )
    assert first.status_code == 201
    second = api.post(
        "/api/debates/import/", {"file": SimpleUploadedFile("b.json", text)}, format="multipart"
    )
    assert second.status_code == 429
    assert Debate.objects.count() == 1
