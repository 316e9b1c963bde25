"""The editors' workbench in the API: the proposals queue, accept and decline, theses to
questions, corrections, drafts published; 403 to readers and moderators on every call."""

from __future__ import annotations

import pytest
from django.urls import reverse

from arguments.record.models import Answer, Claim, Correction, Layer, Question, Relation
from arguments.workbench.models import DraftClaim

QUOTED = "les plateformes prélèvent une rente"


def url(name: str, **kwargs) -> str:
    return reverse(f"api:{name}", kwargs={"debate_slug": "petit-debat", **kwargs})


@pytest.fixture
def proposed_claim(small_debate, alice, essay_text) -> Claim:
    return small_debate.claims.get(slug="thesis").propose_argument(
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


@pytest.fixture
def question(small_debate) -> Question:
    return Question.objects.create(debate=small_debate, slug="feodal", text="Est-ce féodal ?")


def test_the_queue_lists_proposals_oldest_first(
    editor_api, proposed_claim, proposed_relation, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = editor_api.get(url("workbench_proposals"))
    assert response.status_code == 200
    body = response.json()
    assert [claim["slug"] for claim in body["claims"]] == [proposed_claim.slug]
    assert body["claims"][0]["proposed_by"] == "alice"
    relations = {relation["id"]: relation for relation in body["relations"]}
    assert relations[proposed_relation.pk]["proposed_by"] == "bob"
    assert relations[proposed_relation.pk]["layer"] == "readers"
    # The proposed claim's own relation (to the thesis) waits too, after the claim.
    assert list(relations) == sorted(relations)


def test_accepting_a_claim_checks_it_and_credits_its_proposer(
    editor_api, proposed_claim, edith, small_debate
):
    data = {
        "statement": "Les plateformes prélèvent une rente.",
        "holder": "alice-author",
        "source": "essai-2025",
        "correction": {"reason": "Bien sourcée.", "reason_en": "Well sourced."},
    }
    response = editor_api.post(url("workbench_accept_claim", claim_slug=proposed_claim.slug), data)
    assert response.status_code == 200, response.json()
    body = response.json()
    claim = Claim.objects.get(pk=proposed_claim.pk)
    assert body["slug"] == claim.slug and not claim.slug.startswith("contribution-")
    assert body["proposed_at"] is None and body["proposal_made_at"] is not None
    assert body["proposed_by"] == "alice" and claim.accepted_by == edith
    assert body["checked_against"].startswith("stored text of essai-2025")
    assert Correction.objects.get(debate=small_debate).items.get().claim == claim


def test_a_quotation_not_in_the_text_is_refused_with_the_closest_passage(
    editor_api, proposed_claim, english
):
    data = {
        "statement": "x",
        "holder": "alice-author",
        "source": "essai-2025",
        "quotation": "les plateformes prélèvent un impôt",
    }
    response = editor_api.post(url("workbench_accept_claim", claim_slug=proposed_claim.slug), data)
    assert response.status_code == 400
    assert "closest passage" in response.json()["detail"]
    assert Claim.objects.get(pk=proposed_claim.pk).proposed_at is not None


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"statement": ["a list"]},
        {"statement": {"nested": {"deeper": 1}}},
        {"statement": "x", "holder": "nobody"},
        {"statement": "x" * 10_000},
        {"statement": "x", "correction": "not an object"},
        {"statement": "x", "holder": "alice-author", "source": "essai-2025", "quotation": ""},
    ],
)
def test_wrong_input_to_accept_is_refused_and_nothing_changes(editor_api, small_debate, bob, data):
    bare = small_debate.claims.get(slug="thesis").propose_argument(
        bob, kind=Relation.Kind.SUPPORT, statement="Sans citation."
    )
    response = editor_api.post(url("workbench_accept_claim", claim_slug=bare.slug), data)
    assert response.status_code == 400
    assert Claim.objects.get(pk=bare.pk).proposed_at is not None


def test_a_relation_becomes_an_editors_link_or_a_texts_argument(
    editor_api,
    proposed_relation,
    small_debate,
    essay_text,
    english,
):
    address = url("workbench_accept_relation", pk=proposed_relation.pk)
    unjustified = editor_api.post(address, {"kind": "objection"})
    assert unjustified.status_code == 400 and "justification" in unjustified.json()["detail"]
    wrong_passage = {"kind": "objection", "text_source": "essai-2025", "passage": "rien de tel"}
    assert editor_api.post(address, wrong_passage).status_code == 400
    data = {"kind": "objection", "text_source": "essai-2025", "passage": QUOTED}
    response = editor_api.post(address, data)
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["layer"], body["drawn_by"], body["source"]) == (
        "text",
        "alice-author",
        "essai-2025",
    )
    assert body["proposed_by"] == "bob"


def test_an_editors_link_through_the_api(editor_api, proposed_relation):
    data = {"kind": "support", "justification": "Les deux textes se répondent."}
    response = editor_api.post(url("workbench_accept_relation", pk=proposed_relation.pk), data)
    assert response.status_code == 200
    relation = Relation.objects.get(pk=proposed_relation.pk)
    assert (relation.layer, relation.kind) == (Layer.EDITORS, "support")


def test_declining_keeps_the_proposal_with_its_reason(
    editor_api, proposed_claim, proposed_relation, api
):
    reason = "<b>Non</b>\x07 sourcée"
    claim_url = url("workbench_decline_claim", claim_slug=proposed_claim.slug)
    response = editor_api.post(claim_url, {"reason": reason})
    assert response.status_code == 200
    assert response.json()["declined_reason"] == "<b>Non</b> sourcée"
    assert Claim.objects.filter(pk=proposed_claim.pk, proposed_at__isnull=False).exists()
    assert editor_api.post(claim_url, {"reason": "encore"}).status_code == 404
    relation_url = url("workbench_decline_relation", pk=proposed_relation.pk)
    for bad in ({}, {"reason": ""}, {"reason": "x" * 10_000}, {"reason": 12.5e300}):
        assert editor_api.post(relation_url, bad).status_code == 400
    assert Relation.objects.get(pk=proposed_relation.pk).declined_at is None


def test_theses_are_attached_and_detached(editor_api, question, small_debate):
    address = url("workbench_theses", question_slug="feodal")
    response = editor_api.post(address, {"claim": "thesis", "gist": "Oui."})
    assert response.status_code == 201
    assert response.json() == {"claim": "thesis", "gist": "Oui.", "gist_en": "", "position": 1}
    assert editor_api.post(address, {"claim": "thesis", "gist": "Oui."}).status_code == 400
    assert editor_api.post(address, {"claim": "nothing", "gist": "Oui."}).status_code == 400
    thesis = url("workbench_thesis", question_slug="feodal", claim_slug="thesis")
    assert editor_api.delete(thesis).status_code == 204
    assert not Answer.objects.exists()
    assert editor_api.delete(thesis).status_code == 404


def test_a_correction_entry_through_the_api(editor_api, small_debate):
    data = {"title": "Énoncé reformulé", "reason": "Le texte disait moins."}
    response = editor_api.post(url("workbench_corrections"), data)
    assert response.status_code == 201
    body = response.json()
    assert (body["title"], body["reason"]) == ("Énoncé reformulé", "Le texte disait moins.")
    assert Correction.objects.get(slug=body["slug"]).summary == "Le texte disait moins."
    assert editor_api.post(url("workbench_corrections"), {"title": "x"}).status_code == 400


def test_drafts_are_published_through_the_api(editor_api, small_debate, essay_text, edith):
    DraftClaim.objects.create(
        debate=small_debate,
        editor=edith,
        quoted_from=essay_text.source,
        holder=small_debate.participants.get(slug="alice-author"),
        statement="Une rente.",
        statement_en="A rent.",
        quotation=QUOTED,
    )
    response = editor_api.post(url("workbench_publish"))
    assert response.status_code == 200
    (slug,) = response.json()["published"]
    assert Claim.objects.get(slug=slug).checked_against.startswith("stored text")


CALLS = [
    ("get", "workbench_proposals", {}),
    ("post", "workbench_proposals", {}),
    ("post", "workbench_accept_claim", {"claim_slug": "thesis"}),
    ("post", "workbench_decline_claim", {"claim_slug": "thesis"}),
    ("post", "workbench_accept_relation", {"pk": 1}),
    ("post", "workbench_decline_relation", {"pk": 1}),
    ("get", "workbench_accept_claim", {"claim_slug": "thesis"}),
    ("post", "workbench_theses", {"question_slug": "feodal"}),
    ("delete", "workbench_thesis", {"question_slug": "feodal", "claim_slug": "thesis"}),
    ("post", "workbench_corrections", {}),
    ("get", "workbench_corrections", {}),
    ("post", "workbench_publish", {}),
]


@pytest.mark.parametrize(("method", "name", "kwargs"), CALLS, ids=[f"{m}-{n}" for m, n, _ in CALLS])
@pytest.mark.parametrize("persona", ["alice", "maud"])
def test_readers_and_moderators_are_refused(api, request, question, persona, method, name, kwargs):
    api.force_authenticate(request.getfixturevalue(persona))
    response = getattr(api, method)(url(name, **kwargs), {})
    assert response.status_code == 403
    assert not Answer.objects.exists() and not Correction.objects.exists()


@pytest.mark.parametrize(("method", "name", "kwargs"), CALLS, ids=[f"{m}-{n}" for m, n, _ in CALLS])
def test_anonymous_clients_must_sign_in(api, question, method, name, kwargs):
    assert getattr(api, method)(url(name, **kwargs), {}).status_code == 401


def test_the_wrong_method_is_refused_to_editors(editor_api, question):
    assert editor_api.get(url("workbench_corrections")).status_code == 405
    assert editor_api.post(url("workbench_proposals")).status_code == 405


def test_an_editors_writes_count_against_the_limit(editor_api, small_debate, settings):
    settings.WRITE_RATE_LIMIT = (1, 60)
    data = {"title": "Une entrée", "reason": "Pourquoi."}
    assert editor_api.post(url("workbench_corrections"), data).status_code == 201
    assert editor_api.post(url("workbench_corrections"), data).status_code == 429
    assert Correction.objects.count() == 1
