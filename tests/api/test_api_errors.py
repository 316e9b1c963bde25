"""Under /api/ every refusal and error is JSON, {"detail": ...}, never an HTML page; out of
range numbers and an address taken meanwhile are refused clearly, not a 500."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.test import RequestFactory
from rest_framework.test import APIClient

from annotations.models import Annotation
from arguments.interchange.store import debate_slug_taken
from arguments.pages.views import server_error
from arguments.record.models import Claim, Debate


def assert_json_detail(response, status: int) -> None:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    assert response.json()["detail"]


@pytest.mark.parametrize(
    "url", ["/api/nowhere/", "/api/claims/1/nothing/", "/api/debates/not-a-debate/"]
)
def test_an_unknown_address_is_a_json_404(api, db, url):
    assert_json_detail(api.get(url), 404)


def test_a_missing_object_is_a_json_404(api, small_debate):
    assert_json_detail(api.get("/api/claims/999999/"), 404)


def test_a_wrong_method_is_a_json_405(api, alice, small_debate):
    api.force_authenticate(alice)
    assert_json_detail(api.put("/api/debates/petit-debat/", {}), 405)
    assert_json_detail(api.delete("/api/debates/"), 405)
    assert_json_detail(api.get("/api/token/"), 405)


def test_malformed_json_is_a_json_400(api, alice, small_debate):
    api.force_authenticate(alice)
    response = api.post("/api/annotations/", "{not json", content_type="application/json")
    assert_json_detail(response, 400)


def test_a_request_django_refuses_before_the_view_is_a_json_400(api, small_debate, settings):
    """Too many parameters: Django's own refusal (a SuspiciousOperation), answered by the
    site's 400 handler, which speaks JSON under /api/ and HTML elsewhere."""
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    query = "&".join(f"x{index}=1" for index in range(10))
    assert_json_detail(api.get(f"/api/claims/?{query}"), 400)
    page = api.get(f"/petit-debat/search/?{query}")
    assert page.status_code == 400 and page["Content-Type"].startswith("text/html")


def test_a_server_error_under_the_api_is_json():
    """No view of ours fails on purpose: the handler is called as Django calls it."""
    response = server_error(RequestFactory().get("/api/claims/"))
    assert response.status_code == 500 and response["Content-Type"] == "application/json"
    page = server_error(RequestFactory().get("/petit-debat/"))
    assert page.status_code == 500 and page["Content-Type"].startswith("text/html")


def test_pages_outside_the_api_keep_their_html_404(client, db):
    response = client.get("/no-such-debate/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")


# Numbers out of range: a PostgreSQL integer holds up to 2147483647.


@pytest.mark.parametrize("version", [2147483647, 2147483648, 2**64, -1, 0, "x"])
def test_an_edit_from_a_version_that_cannot_be_is_a_400(api, alice, small_debate, version):
    note = Annotation.objects.create(
        author=alice, claim=small_debate.claims.get(slug="thesis"), body="Texte"
    )
    api.force_authenticate(alice)
    response = api.patch(f"/api/annotations/{note.pk}/", {"body": "Autre", "version": version})
    assert response.status_code == 400
    # Past 18 digits the JSON parser refuses the number before the field is read.
    assert "version" in response.json() or "too large" in response.json()["detail"]
    note.refresh_from_db()
    assert (note.body, note.version) == ("Texte", 1)


@pytest.mark.parametrize("number", [2147483647, 2147483648, 2**63, 2**70])
def test_huge_ids_and_page_numbers_are_missing_not_errors(api, client, maud, small_debate, number):
    api.force_authenticate(maud)
    for url in (
        f"/api/claims/{number}/",
        f"/api/relations/{number}/",
        f"/api/annotations/{number}/",
        f"/api/claims/?page={number}",
    ):
        assert_json_detail(api.get(url), 404)
    client.force_login(maud)
    relation = small_debate.relations.first()
    for url in (
        f"/petit-debat/relations/{number}/",
        f"/petit-debat/relations/{number}/history/",
        f"/annotations/{number}/history/",
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        f"/petit-debat/relations/{relation.pk}/history/{number}/restore/",
        f"/petit-debat/claims/thesis/history/{number}/restore/",
    ):
        assert client.post(url).status_code in (403, 404), url


# Imports racing for one address.


def test_the_debate_slug_s_integrity_error_is_told_from_others(small_debate):
    with pytest.raises(IntegrityError) as taken, transaction.atomic():
        Debate.objects.create(slug=small_debate.slug, title="Doublon")
    assert debate_slug_taken(taken.value)
    with pytest.raises(IntegrityError) as other, transaction.atomic():
        Claim.objects.create(debate=small_debate, slug="thesis", statement="x", imported=True)
    assert not debate_slug_taken(other.value)


AIF = (Path(__file__).parent.parent / "data" / "interop" / "6064-original.json").read_bytes()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_four_imports_of_one_slug_at_once_never_fail(django_user_model):
    """Each checks that the slug is free, then writes: those that lose the race are told
    so (409), or find it taken (400); one imports; none is a 500."""
    user = django_user_model.objects.create_user("importer", password="x")
    answers: list[int] = []
    start = threading.Barrier(4)

    def import_once() -> None:
        api = APIClient(raise_request_exception=False)
        api.force_authenticate(user)
        start.wait()
        upload = SimpleUploadedFile("6064.json", AIF)
        response = api.post(
            "/api/debates/import/", {"file": upload, "slug": "course"}, format="multipart"
        )
        answers.append(response.status_code)
        connection.close()

    threads = [threading.Thread(target=import_once) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers)[0] == 201 and answers.count(201) == 1, answers
    assert set(answers) <= {201, 400, 409}, answers
    assert Debate.objects.filter(slug="course").count() == 1


@pytest.mark.parametrize("words", ["\U000a1494", "&&", "le la les"])
def test_a_search_with_nothing_to_search_for_is_an_empty_page(api, small_debate, words):
    # Words with no stem filter on an empty list: counted as nothing, not a 500.
    response = api.get("/api/claims/", {"q": words, "page": 2})
    assert response.status_code in (200, 404)
    response = api.get("/api/claims/", {"q": words})
    assert response.status_code == 200
    assert response.json()["count"] == 0
