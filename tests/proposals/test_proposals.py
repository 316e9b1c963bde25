"""Readers' proposals: a new argument under a claim, or a new relation; marked as
contributed, and shown or hidden in pages and maps."""

import shutil

import pytest
from django.db import IntegrityError, transaction

from arguments.record.models import Claim, Relation

CLAIM = "/petit-debat/claims/thesis/"
ARGUMENT = CLAIM + "propose/argument/"
RELATION = "/petit-debat/claims/support-rent/propose/relation/"


def test_alice_proposes_an_objection(client, alice, small_debate):
    client.force_login(alice)
    response = client.post(
        ARGUMENT,
        {
            "kind": "objection",
            "statement": "Les rentes existaient déjà sous le capitalisme.",
            "quotation": "",
            "source": "",
        },
    )
    assert response.status_code == 302
    proposal = Claim.objects.get(proposed_by=alice)
    assert response["Location"] == proposal.get_absolute_url()
    assert proposal.is_proposal and proposal.holder is None and proposal.source is None
    relation = Relation.objects.get(from_claim=proposal)
    assert relation.to_claim.slug == "thesis" and relation.kind == "objection"
    assert relation.proposed_by == alice
    page = client.get(response["Location"]).content.decode()
    assert "pas partie du récit historique" in page  # marked as contributed


def test_a_proposal_can_carry_a_quotation_and_a_source(client, alice, small_debate):
    client.force_login(alice)
    source = small_debate.sources.get(slug="essai-2025")
    client.post(
        ARGUMENT,
        {"kind": "support", "statement": "Preuve", "quotation": "une phrase", "source": source.pk},
    )
    proposal = Claim.objects.get(proposed_by=alice)
    assert proposal.source == source and proposal.quotation == "une phrase"


def test_bob_proposes_a_relation_between_existing_claims(client, bob, small_debate):
    client.force_login(bob)
    response = client.post(RELATION, {"kind": "objection", "target": "objection-capitalism"})
    assert response.status_code == 302
    relation = Relation.objects.get(proposed_by=bob)
    assert relation.from_claim.slug == "support-rent"
    assert relation.to_claim.slug == "objection-capitalism"
    assert response["Location"] == f"/petit-debat/relations/{relation.pk}/"


@pytest.mark.parametrize(
    ("url", "data"),
    [
        (ARGUMENT, {"kind": "objection", "statement": "   "}),
        (ARGUMENT, {"kind": "agreement", "statement": "x"}),
        (ARGUMENT, {"kind": "support", "statement": "x", "quotation": "q" * 301}),
        (ARGUMENT, {"kind": "support", "statement": "x", "source": "999999"}),
        (RELATION, {"kind": "objection", "target": "no-such-claim"}),
        (RELATION, {"kind": "objection", "target": "support-rent"}),  # itself
        (RELATION, {"kind": "support", "target": "thesis"}),  # already on the map
    ],
)
def test_bad_proposals_are_refused_with_a_message(client, alice, small_debate, url, data):
    client.force_login(alice)
    before = (Claim.objects.count(), Relation.objects.count())
    response = client.post(url, data)
    assert response.status_code == 400
    assert "pas été enregistrée" in response.content.decode()
    assert (Claim.objects.count(), Relation.objects.count()) == before


def test_anonymous_visitors_cannot_propose(client, small_debate):
    response = client.post(ARGUMENT, {"kind": "support", "statement": "x"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert client.post(RELATION, {"kind": "support", "target": "hostile"}).status_code == 302
    assert not Claim.objects.filter(proposed_at__isnull=False).exists()
    assert client.get(ARGUMENT).status_code == 405


def test_the_record_needs_holder_source_and_quotation_but_proposals_do_not(small_debate):
    claim = small_debate.claims.get(slug="thesis")
    claim.holder = None
    with pytest.raises(IntegrityError), transaction.atomic():
        claim.save()


def test_proposals_are_shown_or_hidden_in_pages(client, alice, small_debate):
    thesis = small_debate.claims.get(slug="thesis")
    thesis.propose_argument(alice, "objection", "Objection d'une lectrice")
    assert "Objection d&#x27;une lectrice" in client.get(CLAIM).content.decode()
    assert "(contribution)" in client.get(CLAIM).content.decode()
    assert (
        "Objection d&#x27;une lectrice"
        not in client.get(CLAIM + "?proposals=hide").content.decode()
    )
    assert client.get(CLAIM + "?proposals=maybe").status_code == 400


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_proposals_are_shown_or_hidden_in_maps(client, alice, small_debate):
    thesis = small_debate.claims.get(slug="thesis")
    proposal = thesis.propose_argument(alice, "objection", "Objection d'une lectrice")
    link = f'xlink:href="/petit-debat/claims/{proposal.slug}/"'
    shown = client.get("/petit-debat/map/").content.decode()
    assert link in shown and "proposée par alice" in shown
    assert link not in client.get("/petit-debat/map/?proposals=hide").content.decode()
    assert client.get("/petit-debat/map/?proposals=x").status_code == 400


def test_moderators_hide_and_restore_proposals(client, alice, bob, maud, small_debate):
    thesis = small_debate.claims.get(slug="thesis")
    proposal = thesis.propose_argument(alice, "objection", "Proposition douteuse")
    relation = small_debate.claims.get(slug="hostile").propose_relation(bob, "support", thesis)
    claim_hide = f"/petit-debat/claims/{proposal.slug}/hide/"
    relation_hide = f"/petit-debat/relations/{relation.pk}/hide/"
    for persona in (None, alice, bob):  # not moderators
        if persona:
            client.force_login(persona)
        assert client.post(claim_hide, {"reason": "spam"}).status_code == 403
        assert client.post(relation_hide, {"reason": "spam"}).status_code == 403
    client.force_login(maud)
    assert "Proposition douteuse" in client.get("/moderation/").content.decode()
    assert client.post(claim_hide, {"reason": " "}).status_code == 400  # a reason is required
    assert client.post(claim_hide, {"reason": "spam"}).status_code == 302
    assert client.post(relation_hide, {"reason": "hors sujet"}).status_code == 302
    client.logout()
    assert "Proposition douteuse" not in client.get(CLAIM).content.decode()
    # Hidden: to a reader, as missing as an address that never was.
    hidden_page = client.get(proposal.get_absolute_url())
    assert hidden_page.status_code == 404 and "Proposition douteuse" not in hidden_page.text
    assert client.get(relation.get_absolute_url()).status_code == 404
    client.force_login(maud)  # a moderator sees them, with the reason
    assert "spam" in client.get(proposal.get_absolute_url()).text
    assert "hors sujet" in client.get(relation.get_absolute_url()).text
    client.post(f"/petit-debat/claims/{proposal.slug}/restore/")
    client.logout()
    assert "Proposition douteuse" in client.get(CLAIM).content.decode()


def test_the_record_cannot_be_hidden(client, maud, small_debate):
    client.force_login(maud)
    assert client.post("/petit-debat/claims/thesis/hide/", {"reason": "x"}).status_code == 404


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_the_map_legend_explains_proposals_when_there_are_some(client, alice, small_debate):
    assert "contour en tirets" not in client.get("/petit-debat/map/").content.decode()
    small_debate.claims.get(slug="thesis").propose_argument(alice, "objection", "Objection")
    assert "contour en tirets" in client.get("/petit-debat/map/").content.decode()


# Picking the claim a relation goes to, by typing ---------------------------------------------

TARGETS = "/petit-debat/claims/support-rent/propose/targets/"


def test_a_relation_goes_to_the_one_claim_the_words_name(client, bob, small_debate):
    client.force_login(bob)
    response = client.post(RELATION, {"kind": "objection", "target": "capitalisme"})
    assert response.status_code == 302
    assert Relation.objects.get(proposed_by=bob).to_claim.slug == "objection-capitalism"


def test_words_naming_several_claims_come_back_as_choices(client, alice, bob, small_debate):
    thesis = small_debate.claims.get(slug="thesis")
    first = thesis.propose_argument(alice, "objection", "Wikipédia échappe à la rente.")
    second = thesis.propose_argument(alice, "support", "Wikipédia dépend des plateformes.")
    client.force_login(bob)
    before = Relation.objects.count()
    refused = client.post(RELATION, {"kind": "support", "target": "Wikipédia"})
    page = refused.content.decode()
    assert refused.status_code == 400 and Relation.objects.count() == before
    assert "Plusieurs affirmations correspondent" in page
    assert f'name="target_choice" value="{first.slug}"' in page
    assert f'name="target_choice" value="{second.slug}"' in page
    assert 'value="Wikipédia"' in page  # what she typed is kept
    chosen = client.post(
        RELATION, {"kind": "objection", "target": "Wikipédia", "target_choice": second.slug}
    )
    assert chosen.status_code == 302
    assert Relation.objects.get(proposed_by=bob).to_claim == second


@pytest.mark.parametrize("choice", ["no-such-claim", "support-rent", "<script>"])
def test_a_choice_outside_the_debates_other_claims_is_refused(client, bob, small_debate, choice):
    client.force_login(bob)
    refused = client.post(RELATION, {"kind": "support", "target": "x", "target_choice": choice})
    assert refused.status_code == 400 and not Relation.objects.filter(proposed_by=bob).exists()
    assert "<script>" not in refused.content.decode().split("<main")[1]


def test_matching_claims_are_offered_as_the_reader_types(client, small_debate):
    offered = client.get(TARGETS, {"target": "capitalisme"}, headers={"HX-Request": "true"})
    assert offered.status_code == 200
    html = offered.content.decode()
    assert 'name="target_choice" value="objection-capitalism"' in html and "<html" not in html
    nothing = client.get(TARGETS, {"target": "zzzz"}, headers={"HX-Request": "true"})
    assert "Aucune affirmation de ce débat" in nothing.content.decode()
    empty = client.get(TARGETS, headers={"HX-Request": "true"})
    assert empty.content.decode() == ""  # nothing typed: nothing offered


def test_the_offer_refuses_unknown_parameters_and_takes_hostile_words(client, small_debate):
    assert client.get(TARGETS, {"q": "x"}).status_code == 400
    for hostile in ("\x00\x01 capitalisme", "&#xD800;" * 50, "x" * 10_000, "' OR 1=1 --"):
        assert client.get(TARGETS, {"target": hostile}).status_code == 200
    assert client.post(TARGETS, {"target": "x"}).status_code == 405


def test_a_hidden_claim_is_never_offered(client, alice, small_debate):
    proposal = small_debate.claims.get(slug="thesis").propose_argument(
        alice, "objection", "Une proposition masquée plus tard."
    )
    htmx = {"HX-Request": "true"}
    assert proposal.slug in client.get(TARGETS, {"target": "masquée"}, headers=htmx).text
    proposal.hide("hors sujet")
    for headers in (htmx, {}):
        assert proposal.slug not in client.get(TARGETS, {"target": "masquée"}, headers=headers).text


def test_the_signed_in_page_does_not_list_every_claim(client, alice, small_debate):
    from tests.conftest import grow

    grow(small_debate, 30)
    client.force_login(alice)
    page = client.get(CLAIM).content.decode()
    relation_form = page.split('action="/petit-debat/claims/thesis/propose/relation/"')[1]
    relation_form = relation_form.split("</form>")[0]
    assert relation_form.count("<option") == 2  # its kinds; never the debate's claims
    assert 'id="relation-kind"' in page and page.count('id="id_kind"') == 1  # unique ids
