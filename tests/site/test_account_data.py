"""The reader's own account page: what they wrote, a copy of their data as JSON, and
deleting the account (with their password) while what they wrote stays, unsigned."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from rest_framework.authtoken.models import Token

from annotations.models import Annotation
from arguments.interchange.models import ImportJob
from arguments.record.models import Claim, Relation

ACCOUNT = "/accounts/me/"
DATA = "/accounts/me/data/"
DELETE = "/accounts/me/delete/"


@pytest.fixture
def writings(small_debate, alice, bob):
    thesis = small_debate.claims.get(slug="thesis")
    annotation = Annotation.objects.create(author=alice, claim=thesis, body="Mon *avis* ici")
    Annotation.objects.create(author=bob, claim=thesis, body="Celui de Bob")
    argument = thesis.propose_argument(alice, "objection", "Une objection d'Alice")
    job = ImportJob.objects.create(user=alice, filename="carte.json", format="native", text="{}")
    return {"annotation": annotation, "argument": argument, "job": job, "thesis": thesis}


def test_the_account_page_lists_what_the_reader_wrote(client, alice, writings):
    client.force_login(alice)
    html = client.get(ACCOUNT).content.decode()
    assert "Mon *avis* ici" in html and "Celui de Bob" not in html
    assert "Une objection d&#x27;Alice" in html
    assert writings["argument"].get_absolute_url() in html
    assert writings["thesis"].get_absolute_url() in html
    assert "carte.json" in html
    assert f'href="{DATA}"' in html and f'href="{DELETE}"' in html


def test_the_account_page_reads_a_fixed_number_of_queries(
    client, alice, writings, django_assert_num_queries
):
    client.force_login(alice)
    thesis = writings["thesis"]
    for index in range(5):
        Annotation.objects.create(author=alice, claim=thesis, body=f"note {index}")
        thesis.propose_argument(alice, "support", f"appui {index}")
    # The session, the user, one query per list, the user's permissions (for the header).
    with django_assert_num_queries(8):
        assert client.get(ACCOUNT).status_code == 200


def test_the_header_links_to_the_account_page_when_signed_in(client, alice, db):
    assert f'href="{ACCOUNT}"' not in client.get("/").content.decode()
    client.force_login(alice)
    assert f'href="{ACCOUNT}"' in client.get("/").content.decode()


@pytest.mark.parametrize("url", [ACCOUNT, DATA, DELETE])
def test_anonymous_visitors_are_sent_to_log_in(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


def test_the_data_download_holds_everything_the_reader_wrote(client, alice, writings):
    client.force_login(alice)
    response = client.get(DATA)
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["username"] == "alice" and data["email"] == "alice@example.org"
    assert data["date_joined"]
    [annotation] = data["annotations"]
    assert annotation["body"] == "Mon *avis* ici"
    assert annotation["target"]["claim"] == "thesis"
    assert annotation["target"]["debate"] == "petit-debat"
    [claim] = data["proposed_claims"]
    assert claim["statement"] == "Une objection d'Alice"
    [relation] = data["proposed_relations"]
    assert relation == {**relation, "kind": "objection", "to_claim": "thesis"}
    [job] = data["imports"]
    assert job["filename"] == "carte.json"
    assert "Celui de Bob" not in response.content.decode()


def test_the_data_download_is_a_get(client, alice, db):
    client.force_login(alice)
    assert client.post(DATA).status_code == 405


def test_deleting_asks_for_the_password_and_a_get_deletes_nothing(client, alice, db):
    client.force_login(alice)
    page = client.get(DELETE)
    assert page.status_code == 200 and 'type="password"' in page.content.decode()
    assert get_user_model().objects.filter(username="alice").exists()


def test_a_wrong_password_deletes_nothing(client, alice, db):
    client.force_login(alice)
    response = client.post(DELETE, {"password": "not-mine"}, headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert "This is not your password." in response.content.decode()
    assert get_user_model().objects.filter(username="alice").exists()
    assert client.get(ACCOUNT).status_code == 200  # still signed in


def test_wrong_passwords_at_deletion_count_as_failed_logins(client, alice, db, settings):
    client.force_login(alice)
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(DELETE, {"password": "guess"}).status_code == 400
    assert client.post(DELETE, {"password": "guess"}).status_code == 429
    assert client.post(DELETE, {"password": "alice-password"}).status_code == 429
    assert get_user_model().objects.filter(username="alice").exists()


def test_deleting_without_the_csrf_token_is_refused(alice, db):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice)
    response = browser.post(DELETE, {"password": "alice-password"})
    assert response.status_code == 403
    assert get_user_model().objects.filter(username="alice").exists()


def test_deleting_the_account_keeps_what_was_written(client, alice, bob, writings):
    Token.objects.create(user=alice)
    client.force_login(alice)
    response = client.post(DELETE, {"password": "alice-password"}, follow=True)
    assert response.redirect_chain == [("/", 302)]
    assert not get_user_model().objects.filter(username="alice").exists()
    assert "_auth_user_id" not in client.session
    annotation = Annotation.objects.get(pk=writings["annotation"].pk)
    assert annotation.author is None and annotation.body == "Mon *avis* ici"
    argument = Claim.objects.get(pk=writings["argument"].pk)
    assert argument.proposed_by is None
    assert Relation.objects.filter(from_claim=argument, proposed_by=None).exists()
    assert not ImportJob.objects.exists() and not Token.objects.exists()
    assert Annotation.objects.filter(author=bob).exists()
    page = client.get(writings["thesis"].get_absolute_url(), headers={"Accept-Language": "en"})
    assert (
        "Mon <em>avis</em> ici" in page.content.decode()
        or "Mon *avis* ici" in page.content.decode()
    )
