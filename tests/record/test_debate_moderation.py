"""Moderators publish a debate, hide it, and hide the claims of an imported one; nobody else
can, and only by POST with the CSRF token."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from arguments.interchange import native
from arguments.interchange.document import Claim, Document, Relation
from arguments.interchange.formats import import_file
from arguments.record.models import Debate

EN = {"Accept-Language": "en"}


@pytest.fixture
def imported(db) -> Debate:
    document = Document(
        slug="importe",
        title="Importé",
        claims=[Claim("a", "Une affirmation."), Claim("b", "Une insulte.")],
        relations=[Relation("b objection a", "b", "a", "objection")],
    )
    return import_file(native.dumps(document), "json", "f.json", imported_by="bob").debate


def page_url(debate: Debate) -> str:
    return reverse("arguments:debate_moderation", args=[debate.slug])


def action_url(debate: Debate, action: str) -> str:
    return reverse("arguments:moderate_debate", args=[debate.slug, action])


def claim_url(debate: Debate, slug: str, action: str) -> str:
    return reverse("arguments:moderate_imported_claim", args=[debate.slug, slug, action])


def test_a_moderator_publishes_then_unlists_an_imported_debate(client, maud, imported):
    assert imported.published_at is None
    client.force_login(maud)
    response = client.post(action_url(imported, "publish"))
    assert response.status_code == 302
    assert response.url == page_url(imported)
    imported.refresh_from_db()
    assert imported.published_at is not None
    assert imported in Debate.objects.listed()
    client.post(action_url(imported, "unpublish"))
    imported.refresh_from_db()
    assert imported.published_at is None


def test_a_moderator_hides_a_debate_with_a_reason_and_shows_it_again(client, maud, imported):
    client.force_login(maud)
    response = client.post(action_url(imported, "hide"), {"reason": "  Propos  injurieux "})
    assert response.status_code == 302
    imported.refresh_from_db()
    assert (imported.hidden_reason, imported.hidden_at is not None) == ("Propos injurieux", True)
    client.post(action_url(imported, "restore"))
    imported.refresh_from_db()
    assert (imported.hidden_reason, imported.hidden_at) == ("", None)


def test_hiding_a_debate_needs_a_reason(client, maud, imported):
    client.force_login(maud)
    response = client.post(action_url(imported, "hide"), {"reason": "   "}, headers=EN)
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    imported.refresh_from_db()
    assert imported.hidden_at is None


def test_a_moderator_hides_and_restores_a_claim_of_an_imported_debate(client, maud, imported):
    client.force_login(maud)
    response = client.post(claim_url(imported, "b", "hide"), {"reason": "insulte"})
    assert response.status_code == 302
    claim = imported.claims.get(slug="b")
    assert (claim.hidden_reason, claim.hidden_at is not None) == ("insulte", True)
    assert not imported.relations.shown().exists()  # its objection goes with it
    client.post(claim_url(imported, "b", "restore"))
    claim.refresh_from_db()
    assert claim.hidden_at is None


def test_a_claim_is_not_hidden_without_a_reason(client, maud, imported):
    client.force_login(maud)
    client.post(claim_url(imported, "b", "hide"), {"reason": ""})
    assert imported.claims.get(slug="b").hidden_at is None


def test_the_curated_record_is_corrected_not_hidden(client, maud, small_debate):
    client.force_login(maud)
    thesis = small_debate.claims.get(slug="thesis")
    response = client.post(claim_url(small_debate, "thesis", "hide"), {"reason": "non"})
    assert response.status_code == 404
    thesis.refresh_from_db()
    assert thesis.hidden_at is None
    with pytest.raises(ValueError, match="only proposals and imported items"):
        thesis.hide("non")


def test_a_claim_of_an_imported_debate_can_be_hidden_in_the_model(imported):
    claim = imported.claims.get(slug="a")
    claim.hide("hors sujet")
    assert claim.hidden_at is not None
    relation = imported.relations.get()
    relation.hide("hors sujet")
    assert relation.hidden_at is not None


@pytest.mark.parametrize("action", ["publish", "unpublish", "hide", "restore"])
def test_a_reader_cannot_moderate_a_debate(client, alice, imported, action):
    client.force_login(alice)
    assert client.post(action_url(imported, action), {"reason": "x"}).status_code == 403
    imported.refresh_from_db()
    assert (imported.published_at, imported.hidden_at) == (None, None)


def test_a_reader_cannot_hide_a_claim_nor_see_the_page(client, alice, imported):
    client.force_login(alice)
    assert client.post(claim_url(imported, "b", "hide"), {"reason": "x"}).status_code == 403
    assert imported.claims.get(slug="b").hidden_at is None
    assert client.get(page_url(imported)).status_code == 403


def test_anonymous_visitors_cannot_moderate(client, imported):
    assert client.post(action_url(imported, "publish")).status_code == 403
    assert client.get(page_url(imported)).status_code == 403
    imported.refresh_from_db()
    assert imported.published_at is None


def test_get_changes_nothing(client, maud, imported):
    client.force_login(maud)
    assert client.get(action_url(imported, "publish")).status_code == 405
    assert client.get(claim_url(imported, "b", "hide")).status_code == 405
    imported.refresh_from_db()
    assert imported.published_at is None


def test_a_post_without_the_csrf_token_is_refused(maud, imported):
    client = Client(enforce_csrf_checks=True)
    client.force_login(maud)
    assert client.post(action_url(imported, "publish")).status_code == 403
    imported.refresh_from_db()
    assert imported.published_at is None


def test_an_unknown_action_or_debate_is_not_found(client, maud, imported):
    client.force_login(maud)
    assert client.post(action_url(imported, "delete")).status_code == 404
    assert client.post(claim_url(imported, "b", "delete")).status_code == 404
    assert (
        client.post(reverse("arguments:moderate_debate", args=["nope", "publish"])).status_code
        == 404
    )


def test_the_moderation_page_lists_the_imported_claims(
    client, maud, imported, django_assert_num_queries
):
    client.force_login(maud)
    # session, user, permission (two), debate, claim count, claims
    with django_assert_num_queries(7):
        response = client.get(page_url(imported), headers=EN)
    page = response.content.decode()
    assert response.status_code == 200
    assert action_url(imported, "publish") in page
    assert claim_url(imported, "b", "hide") in page
    assert "Imported from controverse JSON: f.json (bob); not checked by the editors" in page


def test_the_moderation_page_of_a_curated_debate_has_no_claims_to_hide(client, maud, small_debate):
    small_debate.publish()
    client.force_login(maud)
    page = client.get(page_url(small_debate), headers=EN).content.decode()
    assert action_url(small_debate, "unpublish") in page
    assert "Claims of the imported file" not in page


def test_the_about_page_links_moderators_to_it(client, maud, alice, imported):
    client.force_login(alice)
    about = reverse("arguments:about", args=[imported.slug])
    assert page_url(imported) not in client.get(about).content.decode()
    client.force_login(maud)
    assert page_url(imported) in client.get(about).content.decode()


def test_a_reader_refused_gets_a_page_that_says_why(client, alice, small_debate):
    client.force_login(alice)
    response = client.get("/petit-debat/moderation/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "Not allowed" in response.text and "Back to the home page" in response.text
    client.logout()
    response = client.get("/petit-debat/moderation/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "/accounts/login/?next=/petit-debat/moderation/" in response.text


def test_a_refusal_under_the_api_is_json():
    from django.core.exceptions import PermissionDenied
    from django.test import RequestFactory

    from arguments.pages.views import permission_denied

    response = permission_denied(RequestFactory().get("/api/claims/"), PermissionDenied())
    assert response.status_code == 403 and response["Content-Type"] == "application/json"
