"""The editors' queue of readers' proposals: accepted (edited if needed) into the record,
or declined with a reason the proposer sees; with and without htmx; editors only."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from arguments.record.models import Claim, Correction, Layer, Relation, Source

QUOTED = "les plateformes prélèvent une rente"
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def editor_client(client, edith, english):
    client.force_login(edith)
    return client


@pytest.fixture
def reader_client(alice) -> Client:
    """Alice, the proposer, in a browser of her own (the editor's stays signed in)."""
    reader = Client()
    reader.force_login(alice)
    return reader


@pytest.fixture
def proposed_claim(small_debate, alice, essay_text) -> Claim:
    thesis = small_debate.claims.get(slug="thesis")
    return thesis.propose_argument(
        alice,
        kind=Relation.Kind.SUPPORT,
        statement="Les plateformes vivent de la rente.",
        quotation=QUOTED,
        source=small_debate.sources.get(slug="essai-2025"),
    )


@pytest.fixture
def proposed_relation(small_debate, bob) -> Relation:
    deep = small_debate.claims.get(slug="deep-support")
    return deep.propose_relation(
        bob, Relation.Kind.OBJECTION, small_debate.claims.get(slug="thesis")
    )


def url(name: str, **kwargs) -> str:
    return reverse(f"arguments:{name}", kwargs={"debate_slug": "petit-debat", **kwargs})


def accept_claim_url(claim):
    return url("workbench_accept_claim", claim_slug=claim.slug)


def claim_data(claim, **changes) -> dict:
    prefix = f"claim-{claim.pk}-"
    data = {
        "statement": claim.statement,
        "statement_en": "Platforms live off a rent.",
        "holder": "alice-author",
        "source": "essai-2025",
        "quotation": "",
        **changes,
    }
    return {prefix + key: value for key, value in data.items()}


def relation_data(relation, **changes) -> dict:
    data = {"kind": relation.kind, "justification": "", "text_source": "", "passage": ""}
    data.update(changes)
    return {f"relation-{relation.pk}-{key}": value for key, value in data.items()}


def decline_data(item, reason: str) -> dict:
    kind = "claim" if isinstance(item, Claim) else "relation"
    return {f"decline-{kind}-{item.pk}-reason": reason}


def test_the_queue_lists_undecided_proposals_oldest_first_with_their_proposer(
    editor_client, proposed_claim, proposed_relation, small_debate, bob
):
    later = small_debate.claims.get(slug="thesis").propose_argument(
        bob, kind=Relation.Kind.OBJECTION, statement="Une seconde proposition."
    )
    html = editor_client.get(url("workbench_proposals")).content.decode()
    assert html.index(proposed_claim.statement) < html.index(later.statement)
    assert "proposed by alice" in html and "proposed by bob" in html
    assert f"relation-proposal-{proposed_relation.pk}" in html


def test_the_queue_asks_the_same_number_of_queries_whatever_the_number_of_proposals(
    editor_client, proposed_claim, small_debate, bob, django_assert_max_num_queries
):
    address = url("workbench_proposals")
    with django_assert_max_num_queries(40) as few:
        editor_client.get(address)
    thesis = small_debate.claims.get(slug="thesis")
    for number in range(5):
        thesis.propose_argument(bob, kind=Relation.Kind.SUPPORT, statement=f"Proposition {number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        editor_client.get(address)


def test_accepting_a_claim_checks_its_quotation_and_keeps_its_proposer_credited(
    editor_client, client, proposed_claim, edith, alice
):
    response = editor_client.post(accept_claim_url(proposed_claim), claim_data(proposed_claim))
    assert response.status_code == 302
    claim = Claim.objects.get(pk=proposed_claim.pk)
    assert claim.proposed_at is None and claim.proposal_made_at == proposed_claim.proposed_at
    assert (claim.accepted_by, claim.proposed_by) == (edith, alice)
    assert claim.holder.slug == "alice-author" and claim.quotation == QUOTED
    assert claim.checked_against.startswith("stored text of essai-2025")
    assert claim.paragraph == 2
    assert not claim.slug.startswith("contribution-")
    assert claim.history.first().history_user == edith
    client.logout()
    page = client.get(claim.get_absolute_url()).content.decode()
    assert "proposed by alice, accepted by the editors" in page
    assert (
        editor_client.get(url("workbench_proposals")).content.decode().count(claim.statement) == 0
    )


def test_an_accepted_claim_may_be_edited_and_logged_as_a_correction(
    editor_client, proposed_claim, small_debate
):
    data = claim_data(
        proposed_claim,
        statement="Les plateformes prélèvent une rente sur ce qui passe par elles.",
        quotation="une rente sur tout ce qui passe par elles",
        record_correction="on",
        correction_reason="Une proposition bien sourcée.",
        correction_reason_en="A well-sourced proposal.",
    )
    assert editor_client.post(accept_claim_url(proposed_claim), data).status_code == 302
    claim = Claim.objects.get(pk=proposed_claim.pk)
    assert claim.statement.endswith("passe par elles.")
    assert claim.quotation == "une rente sur tout ce qui passe par elles"
    entry = Correction.objects.get(debate=small_debate)
    item = entry.items.get()
    assert (item.claim, item.change, item.reason) == (claim, "accepted", entry.summary)
    assert item.reason_en == "A well-sourced proposal."


def test_a_quotation_not_in_the_stored_text_is_refused_naming_the_closest_passage(
    editor_client, proposed_claim
):
    data = claim_data(proposed_claim, quotation="les plateformes prélèvent un impôt")
    response = editor_client.post(accept_claim_url(proposed_claim), data)
    assert response.status_code == 400
    assert "closest passage" in response.content.decode()
    assert Claim.objects.get(pk=proposed_claim.pk).proposed_at is not None


def test_a_claim_without_holder_or_quotation_is_refused(editor_client, small_debate, bob):
    bare = small_debate.claims.get(slug="thesis").propose_argument(
        bob, kind=Relation.Kind.SUPPORT, statement="Sans source."
    )
    without_holder = claim_data(bare, holder="", source="reponse", quotation="x")
    response = editor_client.post(accept_claim_url(bare), without_holder)
    assert response.status_code == 400 and "holder" in response.content.decode()
    without_quotation = claim_data(bare, holder="bruno", source="reponse", quotation="")
    assert editor_client.post(accept_claim_url(bare), without_quotation).status_code == 400
    assert Claim.objects.get(pk=bare.pk).proposed_at is not None


def test_a_source_without_stored_text_leaves_the_accepted_claim_unchecked(
    editor_client, small_debate, bob
):
    bare = small_debate.claims.get(slug="thesis").propose_argument(
        bob, kind=Relation.Kind.SUPPORT, statement="Sans texte stocké."
    )
    data = claim_data(bare, holder="bruno", source="reponse", quotation="un passage tapé")
    assert editor_client.post(accept_claim_url(bare), data).status_code == 302
    claim = Claim.objects.get(pk=bare.pk)
    assert claim.checked_against == "" and claim.accepted_at is not None


def test_a_relation_is_accepted_as_an_editors_link_with_its_justification(
    editor_client, client, proposed_relation, edith, bob
):
    data = relation_data(proposed_relation, justification="Les deux textes se répondent.")
    address = url("workbench_accept_relation", pk=proposed_relation.pk)
    assert editor_client.post(address, data).status_code == 302
    relation = Relation.objects.get(pk=proposed_relation.pk)
    assert relation.layer == Layer.EDITORS and relation.proposed_at is None
    assert (relation.accepted_by, relation.proposed_by) == (edith, bob)
    assert relation.drawn_by is None and relation.source is None
    client.logout()
    page = client.get(relation.get_absolute_url()).content.decode()
    assert "proposed by bob, accepted by the editors" in page


def test_an_editors_link_needs_a_justification(editor_client, proposed_relation):
    address = url("workbench_accept_relation", pk=proposed_relation.pk)
    response = editor_client.post(address, relation_data(proposed_relation))
    assert response.status_code == 400
    assert Relation.objects.get(pk=proposed_relation.pk).layer == Layer.READERS


def test_a_relation_made_by_a_stored_text_is_credited_to_its_author(
    editor_client, proposed_relation, essay_text
):
    data = relation_data(proposed_relation, text_source="essai-2025", passage=QUOTED)
    address = url("workbench_accept_relation", pk=proposed_relation.pk)
    assert editor_client.post(address, data).status_code == 302
    relation = Relation.objects.get(pk=proposed_relation.pk)
    assert relation.layer == Layer.TEXT
    assert (relation.drawn_by.slug, relation.source.slug) == ("alice-author", "essai-2025")
    assert relation.passage == QUOTED


def test_a_passage_not_in_the_text_is_refused(editor_client, proposed_relation, essay_text):
    data = relation_data(proposed_relation, text_source="essai-2025", passage="rien de tel")
    address = url("workbench_accept_relation", pk=proposed_relation.pk)
    assert editor_client.post(address, data).status_code == 400
    assert Relation.objects.get(pk=proposed_relation.pk).layer == Layer.READERS


def test_a_text_cannot_answer_a_claim_that_came_out_after_it(
    editor_client, small_debate, essay_text, bob
):
    later = Source.objects.create(
        debate=small_debate, slug="plus-tard", title="Plus tard", published=date(2026, 3, 1)
    )
    answer = Claim.objects.create(
        debate=small_debate,
        slug="later-claim",
        statement="Une thèse de 2026.",
        holder=small_debate.participants.get(slug="bruno"),
        source=later,
        quotation="une thèse",
    )
    proposal = answer.propose_relation(
        bob, Relation.Kind.SUPPORT, small_debate.claims.get(slug="thesis")
    )
    data = relation_data(proposal, text_source="essai-2025", passage=QUOTED)
    response = editor_client.post(url("workbench_accept_relation", pk=proposal.pk), data)
    assert response.status_code == 400
    assert "editors' link" in response.content.decode()
    assert Relation.objects.get(pk=proposal.pk).layer == Layer.READERS


def test_a_relation_from_a_claim_still_proposed_is_refused(editor_client, proposed_claim):
    relation = proposed_claim.outgoing.get()
    data = relation_data(relation, justification="Pourquoi pas.")
    response = editor_client.post(url("workbench_accept_relation", pk=relation.pk), data)
    assert response.status_code == 400
    assert "Accept the claims" in response.content.decode()


def test_declining_keeps_the_proposal_and_its_proposer_sees_the_reason(
    editor_client, reader_client, proposed_claim, edith
):
    address = url("workbench_decline_claim", claim_slug=proposed_claim.slug)
    reason = "La citation ne dit pas cela."
    assert editor_client.post(address, decline_data(proposed_claim, reason)).status_code == 302
    claim = Claim.objects.get(pk=proposed_claim.pk)
    assert claim.proposed_at is not None and claim.declined_by == edith
    assert claim.declined_reason == reason
    assert reason in reader_client.get(claim.get_absolute_url()).content.decode()
    assert reason in reader_client.get(reverse("account")).content.decode()
    # Decided: out of the queue, and not to be decided again.
    assert editor_client.post(address, decline_data(claim, "encore")).status_code == 404


def test_declining_a_relation_keeps_it_in_the_readers_layer(editor_client, proposed_relation):
    address = url("workbench_decline_relation", pk=proposed_relation.pk)
    data = decline_data(proposed_relation, "Aucun texte ne le dit.")
    assert editor_client.post(address, data).status_code == 302
    relation = Relation.objects.get(pk=proposed_relation.pk)
    assert relation.layer == Layer.READERS and relation.declined_at is not None


@pytest.mark.parametrize(
    ("reason", "kept"),
    [
        ("Raison\x07 avec\x1b contrôles\x7f", "Raison avec contrôles"),
        ("<script>alert(1)</script> & <b>gras</b>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ],
)
def test_a_hostile_reason_is_cleaned_and_shown_inert(
    editor_client, reader_client, proposed_claim, reason, kept
):
    address = url("workbench_decline_claim", claim_slug=proposed_claim.slug)
    assert editor_client.post(address, decline_data(proposed_claim, reason)).status_code == 302
    claim = Claim.objects.get(pk=proposed_claim.pk)
    page = reader_client.get(claim.get_absolute_url()).content.decode()
    assert kept in page and "<script>alert(1)" not in page


@pytest.mark.parametrize("reason", ["", "   ", "x" * 10_000, "nul\x00"])
def test_an_empty_or_huge_reason_is_refused(editor_client, proposed_claim, reason):
    address = url("workbench_decline_claim", claim_slug=proposed_claim.slug)
    response = editor_client.post(address, decline_data(proposed_claim, reason))
    assert response.status_code == 400
    assert Claim.objects.get(pk=proposed_claim.pk).declined_at is None


def test_htmx_gets_the_proposal_alone_with_its_error_or_its_decision(editor_client, proposed_claim):
    address = accept_claim_url(proposed_claim)
    refused = editor_client.post(
        address, claim_data(proposed_claim, quotation="les plateformes prélèvent un impôt"), **HX
    )
    assert refused.status_code == 400
    assert "<html" not in refused.content.decode() and "closest passage" in refused.content.decode()
    done = editor_client.post(address, claim_data(proposed_claim), **HX)
    assert done.status_code == 200
    html = done.content.decode()
    assert "<html" not in html and "The claim is in the record" in html


def test_wrong_types_and_unknown_choices_are_refused(editor_client, proposed_claim):
    address = accept_claim_url(proposed_claim)
    data = claim_data(proposed_claim, holder="nobody", statement="x" * 6000)
    assert editor_client.post(address, data).status_code == 400
    assert Claim.objects.get(pk=proposed_claim.pk).proposed_at is not None


ALL_URLS = [
    ("workbench_proposals", {}),
    ("workbench_accept_claim", {"claim_slug": "thesis"}),
    ("workbench_decline_claim", {"claim_slug": "thesis"}),
    ("workbench_accept_relation", {"pk": 1}),
    ("workbench_decline_relation", {"pk": 1}),
    ("workbench_questions", {}),
    ("workbench_detach_thesis", {"answer_id": 1}),
    ("workbench_correction", {}),
]


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(("name", "kwargs"), ALL_URLS, ids=[name for name, _ in ALL_URLS])
@pytest.mark.parametrize("persona", ["alice", "maud"])
def test_readers_and_moderators_are_refused_everywhere(
    client, request, small_debate, persona, method, name, kwargs
):
    client.force_login(request.getfixturevalue(persona))
    response = getattr(client, method)(url(name, **kwargs))
    assert response.status_code == 403


@pytest.mark.parametrize(("name", "kwargs"), ALL_URLS, ids=[name for name, _ in ALL_URLS])
def test_anonymous_visitors_are_sent_to_sign_in_or_refused(client, small_debate, name, kwargs):
    assert client.get(url(name, **kwargs)).status_code == 302
    assert client.post(url(name, **kwargs)).status_code == 403


@pytest.mark.parametrize(
    "name",
    ["workbench_accept_claim", "workbench_decline_claim"],
)
def test_the_record_cannot_be_accepted_or_declined(editor_client, small_debate, name):
    response = editor_client.post(url(name, claim_slug="thesis"), {})
    assert response.status_code == 404


POST_ONLY = [
    ("workbench_accept_claim", {"claim_slug": "thesis"}),
    ("workbench_decline_claim", {"claim_slug": "thesis"}),
    ("workbench_accept_relation", {"pk": 1}),
    ("workbench_decline_relation", {"pk": 1}),
    ("workbench_detach_thesis", {"answer_id": 1}),
]


@pytest.mark.parametrize(("name", "kwargs"), POST_ONLY, ids=[name for name, _ in POST_ONLY])
def test_the_writes_refuse_get_even_to_editors(editor_client, small_debate, name, kwargs):
    assert editor_client.get(url(name, **kwargs)).status_code == 405


def test_the_queue_refuses_post(editor_client, small_debate):
    assert editor_client.post(url("workbench_proposals")).status_code == 405
