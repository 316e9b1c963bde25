"""A reader's proposal accepted into the record leaves its address (contribution-…) for one
of the record: the old address, and its sub-pages, answer a permanent redirect to where the
claim is now, with htmx or without, within the debate asked, to readers who may see it. A
claim living at the old address keeps it; an address nobody had is a 404."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from arguments.record.models import Claim, ClaimFormerSlug, Debate, Relation
from tests.workbench.conftest import accept_rent_proposal

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def accepted(small_debate, alice, edith) -> tuple[str, Claim]:
    """(the proposal's address, the claim the editors accepted from it)."""
    old, claim = accept_rent_proposal(small_debate, alice, edith)
    assert old.startswith("contribution-") and claim.slug != old
    return old, claim


def claim_url(slug: str, name: str = "claim", debate: str = "petit-debat") -> str:
    return reverse(f"arguments:{name}", kwargs={"debate_slug": debate, "claim_slug": slug})


@pytest.mark.parametrize("headers", [{}, HX], ids=["plain", "htmx"])
def test_the_old_address_redirects_permanently_to_the_new_one(client, accepted, headers):
    old, claim = accepted
    response = client.get(claim_url(old), **headers)
    assert response.status_code == 301
    assert response["Location"] == claim_url(claim.slug)
    followed = client.get(response["Location"], **headers)
    assert followed.status_code == 200
    assert claim.statement in followed.content.decode()


def test_the_query_and_the_sub_pages_follow(client, accepted):
    old, claim = accepted
    response = client.get(claim_url(old) + "?depth=2&proposals=exclude")
    assert response["Location"] == claim_url(claim.slug) + "?depth=2&proposals=exclude"
    response = client.get(claim_url(old, "claim_history"))
    assert response.status_code == 301
    assert response["Location"] == claim_url(claim.slug, "claim_history")
    assert client.get(response["Location"]).status_code == 200


def test_a_signed_in_reader_is_redirected_too(client, accepted, bob):
    old, claim = accepted
    client.force_login(bob)
    response = client.get(claim_url(old))
    assert (response.status_code, response["Location"]) == (301, claim_url(claim.slug))


def test_the_redirect_asks_few_queries(client, accepted, django_assert_max_num_queries):
    old, _claim = accepted
    with django_assert_max_num_queries(3):
        assert client.get(claim_url(old)).status_code == 301


def test_the_claim_page_asks_no_more_queries_than_before(client, accepted):
    """The redirect is looked for on a 404 only: a claim's page pays nothing for it."""
    _old, claim = accepted
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(claim_url(claim.slug) + "?depth=2").status_code == 200
    assert not any("claimformerslug" in query["sql"].lower() for query in queries)


def test_a_new_proposal_with_the_same_words_takes_another_address(
    client, accepted, small_debate, bob
):
    old, claim = accepted
    again = small_debate.claims.get(slug="thesis").propose_argument(
        bob, kind=Relation.Kind.SUPPORT, statement="Les plateformes vivent de la rente."
    )
    assert again.slug == f"{old}-2"
    assert client.get(claim_url(old))["Location"] == claim_url(claim.slug)


def test_a_live_claim_at_the_old_address_wins(client, accepted, small_debate, bob):
    old, _claim = accepted
    # A claim at the address the accepted one left (a proposal from before the addresses
    # were kept, say): it keeps it.
    again = small_debate.claims.get(slug="thesis").propose_argument(
        bob, kind=Relation.Kind.SUPPORT, statement="Les plateformes vivent de la rente."
    )
    Claim.objects.filter(pk=again.pk).update(slug=old)
    response = client.get(claim_url(old))
    assert response.status_code == 200
    assert "Les plateformes vivent de la rente." in response.content.decode()
    # Hidden by the moderators, it still holds its address: a 404, not the other claim.
    again.hide("Doublon.")
    assert client.get(claim_url(old)).status_code == 404


def test_the_redirect_never_leaves_the_debate(client, accepted, small_debate):
    old, _claim = accepted
    Debate.objects.create(slug="autre-debat", title="Un autre débat", published_at=None)
    assert client.get(claim_url(old, debate="autre-debat")).status_code == 404
    assert client.get(claim_url(old, debate="nulle-part")).status_code == 404


def test_a_hidden_debate_gives_its_readers_no_redirect(client, accepted, small_debate, maud):
    old, claim = accepted
    small_debate.hide("Fermé.")
    assert client.get(claim_url(old)).status_code == 404
    client.force_login(maud)  # a moderator sees what is hidden: she is sent on
    assert client.get(claim_url(old))["Location"] == claim_url(claim.slug)


@pytest.mark.parametrize(
    "address",
    [
        "/petit-debat/claims/contribution-inconnue/",
        "/petit-debat/claims/%3Cscript%3E/",
        "/petit-debat/claims/..%2F..%2Fetc/",
        "/petit-debat/claims/contribution-les-plateformes-vivent-de-la-rente%00/",
        "/petit-debat/claims/" + "a" * 400 + "/",
    ],
)
def test_addresses_nobody_had_are_404(client, accepted, address):
    assert client.get(address).status_code == 404


def test_a_form_posted_to_the_old_address_is_not_sent_on(client, accepted, bob):
    old, _claim = accepted
    client.force_login(bob)
    response = client.post(
        reverse(
            "arguments:propose_relation",
            kwargs={"debate_slug": "petit-debat", "claim_slug": old},
        ),
        {"kind": "support", "target": "thesis"},
    )
    assert response.status_code == 404


def test_accepting_again_keeps_every_address_the_claim_had(client, accepted, edith):
    old, claim = accepted
    record_slug = claim.slug
    claim.readdress("un-autre-nom")
    claim.save()
    assert client.get(claim_url(old))["Location"] == claim_url("un-autre-nom")
    previous = ClaimFormerSlug.objects.filter(claim=claim).values_list("slug", flat=True)
    assert set(previous) == {old, record_slug}
    # Coming back to an address it had, the claim takes it back from its former ones.
    claim.readdress(old)
    claim.save()
    assert not ClaimFormerSlug.objects.filter(slug=old).exists()
    assert client.get(claim_url(old)).status_code == 200


def test_the_api_names_claims_by_id_which_accepting_keeps(client, accepted):
    _old, claim = accepted
    response = client.get(f"/api/claims/{claim.pk}/")
    assert response.status_code == 200 and response.json()["slug"] == claim.slug


def test_the_migration_reads_former_addresses_from_the_history(client, accepted):
    old, claim = accepted
    ClaimFormerSlug.objects.all().delete()
    assert client.get(claim_url(old)).status_code == 404
    migration = importlib.import_module("arguments.migrations.0022_claim_positions_former_slugs")
    migration.former_slugs_from_history(apps, None)
    assert list(ClaimFormerSlug.objects.values_list("slug", "claim_id")) == [(old, claim.pk)]
    assert client.get(claim_url(old)).status_code == 301


def test_a_claim_renamed_in_the_admin_keeps_its_old_address(client, charlie, small_debate):
    from tests.workbench.test_claim_saves_checked import admin_data

    claim = small_debate.claims.get(slug="thesis")
    client.force_login(charlie)
    data = admin_data(client, claim, slug="the-digital-feudalism")
    response = client.post(f"/admin/arguments/claim/{claim.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    client.logout()
    response = client.get(claim_url("thesis"))
    assert response.status_code == 301
    assert response["Location"] == claim_url("the-digital-feudalism")


def test_an_admin_save_without_a_new_address_records_none(client, charlie, small_debate):
    from tests.workbench.test_claim_saves_checked import admin_data

    claim = small_debate.claims.get(slug="thesis")
    client.force_login(charlie)
    data = admin_data(client, claim, statement="Le numérique est un féodalisme, redit.")
    assert client.post(f"/admin/arguments/claim/{claim.pk}/change/", data).status_code == 302
    assert not ClaimFormerSlug.objects.exists()


def test_restoring_a_version_at_another_address_keeps_the_one_it_leaves(
    client, charlie, small_debate
):
    claim = small_debate.claims.get(slug="thesis")
    first = claim.history.latest().history_id
    claim.readdress("le-feodalisme-numerique")
    claim.save()
    client.force_login(charlie)
    restore = reverse(
        "arguments:restore_claim_version",
        kwargs={
            "debate_slug": "petit-debat",
            "claim_slug": "le-feodalisme-numerique",
            "history_id": first,
        },
    )
    assert client.post(restore).status_code == 302
    claim.refresh_from_db()
    assert claim.slug == "thesis"
    response = client.get(claim_url("le-feodalisme-numerique"))
    assert response.status_code == 301
    assert response["Location"] == claim_url("thesis")
    # Back at its first address, it no longer redirects from there.
    assert not ClaimFormerSlug.objects.filter(slug="thesis").exists()
    assert client.get(claim_url("thesis")).status_code == 200
