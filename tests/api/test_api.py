"""The REST API under /api/: documents, filters, pages, writes, the schema and its docs.

Who may do what (and see what) is in test_api_permissions.py."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command

from annotations.models import Annotation, Flag
from arguments.record.models import Claim, Debate, Relation
from tests.conftest import grow

SITE = "http://testserver"


@pytest.fixture
def note(alice, claims):
    return Annotation.objects.create(
        author=alice, claim=claims["thesis"], body="Texte *d'Alice*", tags="sources"
    )


def participant_ref(participant) -> dict:
    return {
        "id": participant.pk,
        "slug": participant.slug,
        "name": participant.name,
        "name_en": participant.name_en,
        "page_url": f"{SITE}/petit-debat/participants/{participant.slug}/",
    }


def source_ref(source) -> dict:
    return {
        "id": source.pk,
        "slug": source.slug,
        "title": source.title,
        "title_en": source.title_en,
        "page_url": f"{SITE}/petit-debat/sources/{source.slug}/",
    }


def claim_ref(claim) -> dict:
    return {
        "id": claim.pk,
        "slug": claim.slug,
        "statement": claim.statement,
        "page_url": f"{SITE}/petit-debat/claims/{claim.slug}/",
    }


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


# Reading: whole documents


def test_a_debate_document(api, small_debate):
    assert api.get("/api/debates/petit-debat/").json() == {
        "slug": "petit-debat",
        "title": "Un petit débat",
        "title_en": "A small debate",
        "description": "Un débat de test, écrit pour les tests.",
        "description_en": "A test debate, written for the tests.",
        "imported_from": "",
        "page_url": f"{SITE}/petit-debat/",
    }


def test_a_claim_document_keeps_hostile_text_as_it_is(api, small_debate, claims):
    hostile = claims["hostile"]
    bruno = small_debate.participants.get(slug="bruno")
    reponse = small_debate.sources.get(slug="reponse")
    assert api.get(f"/api/claims/{hostile.pk}/").json() == {
        "id": hostile.pk,
        "slug": "hostile",
        "debate": "petit-debat",
        "statement": "Citation <script>alert('x')</script> \"guillemets\" \\ antislash "
        "{accolades} & <b>gras</b>\nligne "
        "Unmotextrêmementlonguequinefinitjamaisetquidoitêtrecoupéquelquepartpourtenir",
        "statement_en": "Hostile <script>alert('x')</script> \\N \\G \"quotes\" ]; "
        "node [label=pwned",
        "holder": {
            "id": bruno.pk,
            "slug": "bruno",
            "name": 'Bruno <b>&amp;</b> "Co"',
            "name_en": "",
            "page_url": f"{SITE}/petit-debat/participants/bruno/",
        },
        "source": {
            "id": reponse.pk,
            "slug": "reponse",
            "title": "Réponse",
            "title_en": "",
            "page_url": f"{SITE}/petit-debat/sources/reponse/",
        },
        "via": None,
        "quotation": "<img src=x onerror=alert(1)> \\ \" ' { }",
        "excerpt": "",
        "title": "",
        "kind": "statement",
        "section": "",
        "paragraph": None,
        "position": hostile.position,
        "imported": False,
        "is_proposal": False,
        "proposed_by": None,
        "proposed_at": None,
        "hidden_at": None,
        "hidden_reason": "",
        "page_url": f"{SITE}/petit-debat/claims/hostile/",
    }


def test_a_list_document_of_relations(api, small_debate, claims):
    bruno = small_debate.participants.get(slug="bruno")
    reponse = small_debate.sources.get(slug="reponse")
    relations = Relation.objects.filter(kind="objection").order_by("pk")
    assert api.get("/api/relations/", {"kind": "objection"}).json() == {
        "count": 2,
        "next": None,
        "previous": None,
        "results": [
            {
                "id": relation.pk,
                "debate": "petit-debat",
                "kind": "objection",
                "from_claim": claim_ref(relation.from_claim),
                "to_claim": claim_ref(relation.to_claim),
                "drawn_by": participant_ref(bruno),
                "source": source_ref(reponse),
                "layer": "text",
                "passage": "",
                "justification": "",
                "justification_en": "",
                "is_proposal": False,
                "proposed_by": None,
                "proposed_at": None,
                "hidden_at": None,
                "hidden_reason": "",
                "page_url": f"{SITE}/petit-debat/relations/{relation.pk}/",
            }
            for relation in relations
        ],
    }
    assert [r.from_claim.slug for r in relations] == ["objection-capitalism", "hostile"]


def test_a_list_document_of_sources_oldest_first(api, small_debate):
    alice_author = small_debate.participants.get(slug="alice-author")
    bruno = small_debate.participants.get(slug="bruno")
    essai = small_debate.sources.get(slug="essai-2025")
    reponse = small_debate.sources.get(slug="reponse")
    assert api.get("/api/sources/").json()["results"] == [
        {
            "id": reponse.pk,
            "slug": "reponse",
            "debate": "petit-debat",
            "title": "Réponse",
            "title_en": "",
            "authors": [participant_ref(bruno)],
            "venue": "",
            "published": "2025-01-01",
            "date_precision": "year",
            "date_qualifier": "circa",
            "url": None,
            "language": "fr",
            "page_url": f"{SITE}/petit-debat/sources/reponse/",
        },
        {
            "id": essai.pk,
            "slug": "essai-2025",
            "debate": "petit-debat",
            "title": "Essai sur rien",
            "title_en": "",
            "authors": [participant_ref(alice_author)],
            "venue": "Revue imaginaire",
            "published": "2025-10-01",
            "date_precision": "month",
            "date_qualifier": "exact",
            "url": None,
            "language": "fr",
            "page_url": f"{SITE}/petit-debat/sources/essai-2025/",
        },
    ]


def test_an_annotation_document(api, note, claims):
    document = api.get(f"/api/annotations/{note.pk}/").json()
    assert document == {
        "id": note.pk,
        "debate": "petit-debat",
        "claim": claims["thesis"].pk,
        "relation": None,
        "parent": None,
        "status": "shown",
        "author": "alice",
        "stance": "comment",
        "tags": ["sources"],
        "body": "Texte *d'Alice*",
        "body_html": "<p>Texte <em>d'Alice</em></p>",
        "created_at": document["created_at"],
        "edited_at": None,
        "version": 1,
        "hidden_reason": "",
    }
    assert datetime.datetime.fromisoformat(document["created_at"]) == note.created_at


def test_lists_of_debates_participants_and_undercuts(api, small_debate):
    assert slugs(api.get("/api/debates/")) == ["petit-debat"]
    assert slugs(api.get("/api/participants/")) == ["alice-author", "bruno"]
    assert slugs(api.get("/api/participants/", {"kind": "collective"})) == ["bruno"]
    assert api.get("/api/undercuts/").json()["count"] == 0


def test_an_undercut_document(api, small_debate, claims):
    relation = Relation.objects.get(from_claim=claims["support-rent"])
    bruno = small_debate.participants.get(slug="bruno")
    undercut = small_debate.undercuts.create(
        from_claim=claims["deep-support"], relation=relation, drawn_by=bruno
    )
    assert api.get("/api/undercuts/", {"relation": relation.pk}).json()["results"] == [
        {
            "id": undercut.pk,
            "debate": "petit-debat",
            "from_claim": claim_ref(claims["deep-support"]),
            "relation": relation.pk,
            "drawn_by": participant_ref(bruno),
            "source": None,
            "layer": "text",
            "passage": "",
            "justification": "",
            "justification_en": "",
        }
    ]


def test_unknown_objects_are_404(api, small_debate):
    assert api.get("/api/debates/no-such-debate/").status_code == 404
    assert api.get("/api/claims/999999/").status_code == 404
    assert api.get("/api/relations/999999/").status_code == 404
    assert api.get("/api/annotations/999999/").status_code == 404
    assert api.get("/api/claims/thesis/").status_code == 404  # claims go by id


# Filters


def test_claims_by_debate_holder_and_source(api, small_debate):
    Debate.objects.create(slug="autre", title="Autre")
    assert api.get("/api/claims/", {"debate": "autre"}).json()["count"] == 0
    assert api.get("/api/claims/", {"debate": "petit-debat"}).json()["count"] == 5
    assert slugs(api.get("/api/claims/", {"holder": "alice-author"})) == ["thesis", "support-rent"]
    assert slugs(api.get("/api/claims/", {"source": "reponse"})) == [
        "hostile",
        "objection-capitalism",
        "deep-support",
    ]


def test_claims_by_words(api, small_debate):
    assert slugs(api.get("/api/claims/", {"q": "capitalisme"})) == ["objection-capitalism"]
    assert slugs(api.get("/api/claims/", {"q": "advertising"})) == ["deep-support"]
    assert slugs(api.get("/api/claims/", {"q": "zzzxqj"})) == []
    assert api.get("/api/claims/", {"q": "x" * 201}).status_code == 400


def test_claims_and_relations_with_or_without_proposals(api, alice, claims):
    proposal = claims["thesis"].propose_argument(alice, "objection", "Objection d'une lectrice")
    assert slugs(api.get("/api/claims/", {"proposals": "only"})) == [proposal.slug]
    assert proposal.slug not in slugs(api.get("/api/claims/", {"proposals": "exclude"}))
    assert len(slugs(api.get("/api/claims/"))) == 6
    only = api.get("/api/relations/", {"proposals": "only"}).json()["results"]
    assert [r["from_claim"]["slug"] for r in only] == [proposal.slug]
    assert api.get("/api/relations/", {"proposals": "exclude"}).json()["count"] == 4
    response = api.get("/api/claims/", {"proposals": "maybe"})
    assert response.status_code == 400 and "proposals" in response.json()


def test_relations_by_kind_participant_source_and_claim(api, claims):
    def kinds(**params):
        results = api.get("/api/relations/", params).json()["results"]
        return [(r["from_claim"]["slug"], r["kind"]) for r in results]

    assert kinds(kind="support") == [("support-rent", "support"), ("deep-support", "support")]
    assert kinds(drawn_by="alice-author") == [("support-rent", "support")]
    assert kinds(source="reponse", kind="support") == [("deep-support", "support")]
    assert kinds(claim=claims["thesis"].pk) == [
        ("support-rent", "support"),
        ("objection-capitalism", "objection"),
    ]
    assert api.get("/api/relations/", {"kind": "agrees"}).status_code == 400
    assert api.get("/api/relations/", {"claim": "x"}).status_code == 400


def test_sources_by_author_and_annotations_by_target(api, alice, note, claims):
    assert slugs(api.get("/api/sources/", {"author": "bruno"})) == ["reponse"]
    relation = Relation.objects.get(from_claim=claims["support-rent"])
    on_relation = Annotation.objects.create(author=alice, relation=relation, body="Sur le lien")
    reply = note.reply(alice, "Réponse")

    def ids(**params):
        return [a["id"] for a in api.get("/api/annotations/", params).json()["results"]]

    assert ids() == [note.pk, on_relation.pk, reply.pk]
    assert ids(claim=claims["thesis"].pk) == [note.pk, reply.pk]
    assert ids(relation=relation.pk) == [on_relation.pk]
    assert ids(parent=note.pk) == [reply.pk]
    assert ids(debate="petit-debat") == [note.pk, on_relation.pk, reply.pk]
    assert ids(debate="autre") == []


# Pages


def test_pages_of_claims(api, small_debate):
    first = api.get("/api/claims/", {"page_size": 2}).json()
    assert first["count"] == 5 and len(first["results"]) == 2
    assert first["next"] == f"{SITE}/api/claims/?page=2&page_size=2"
    last = api.get("/api/claims/", {"page_size": 2, "page": 3}).json()
    assert [c["slug"] for c in last["results"]] == ["deep-support"] and last["next"] is None
    assert api.get("/api/claims/", {"page": 4, "page_size": 2}).status_code == 404


def test_a_page_holds_20_by_default_and_100_at_most(api, small_debate):
    grow(small_debate, 120)
    assert len(api.get("/api/claims/").json()["results"]) == 20
    assert len(api.get("/api/claims/", {"page_size": 1000}).json()["results"]) == 100


# Queries: a constant number whatever the size of the debate


@pytest.mark.parametrize(
    ("url", "count"),
    [
        # the count (kept by the site's generation), the page
        ("/api/debates/", 2),
        ("/api/participants/", 2),
        ("/api/sources/", 3),  # and the authors
        ("/api/claims/", 2),
        ("/api/claims/?q=féodalisme", 2),
        ("/api/relations/", 2),
    ],
)
def test_lists_take_a_constant_number_of_queries(
    client, small_debate, django_assert_num_queries, url, count
):
    for added in (0, 30):
        grow(small_debate, added)
        cache.clear()  # answered afresh, not from the cache, at both sizes
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200


def test_annotations_take_a_constant_number_of_queries(
    client, alice, small_debate, claims, django_assert_num_queries
):
    relation = Relation.objects.first()
    for index in range(5):
        Annotation.objects.create(author=alice, claim=claims["thesis"], body=f"n° {index}")
        Annotation.objects.create(author=alice, relation=relation, body=f"lien {index}")
    with django_assert_num_queries(2):  # the count, the page
        assert len(client.get("/api/annotations/").json()["results"]) == 10


def test_undercuts_take_a_constant_number_of_queries(
    client, small_debate, claims, django_assert_num_queries
):
    for relation in Relation.objects.exclude(from_claim=claims["hostile"]):
        small_debate.undercuts.create(from_claim=claims["hostile"], relation=relation)
    with django_assert_num_queries(2):  # the count, the page
        assert len(client.get("/api/undercuts/").json()["results"]) == 3


def test_a_claim_takes_one_query_then_none(client, claims, django_assert_num_queries):
    with django_assert_num_queries(1):  # the claim
        assert client.get(f"/api/claims/{claims['thesis'].pk}/").status_code == 200
    with django_assert_num_queries(0):  # from the readers' cache
        assert client.get(f"/api/claims/{claims['thesis'].pk}/").status_code == 200


# Proposals


def test_alice_proposes_an_objection(api, alice, small_debate, claims):
    api.force_authenticate(alice)
    source = small_debate.sources.get(slug="essai-2025")
    response = api.post(
        "/api/claims/",
        {
            "target": claims["thesis"].pk,
            "kind": "objection",
            "statement": "  Les rentes   existaient déjà. ",
            "quotation": "une phrase",
            "source": source.pk,
        },
    )
    assert response.status_code == 201
    proposal = Claim.objects.get(proposed_by=alice)
    document = response.json()
    assert document == {
        "id": proposal.pk,
        "slug": proposal.slug,
        "debate": "petit-debat",
        "statement": "Les rentes existaient déjà.",
        "statement_en": "",
        "holder": None,
        "source": source_ref(source),
        "via": None,
        "quotation": "une phrase",
        "excerpt": "",
        "title": "",
        "kind": "statement",
        "section": "",
        "paragraph": None,
        "position": 10**6,
        "imported": False,
        "is_proposal": True,
        "proposed_by": "alice",
        "proposed_at": document["proposed_at"],
        "hidden_at": None,
        "hidden_reason": "",
        "page_url": f"{SITE}/petit-debat/claims/{proposal.slug}/",
    }
    assert document["proposed_at"] is not None
    relation = Relation.objects.get(from_claim=proposal)
    assert (relation.to_claim, relation.kind, relation.proposed_by) == (
        claims["thesis"],
        "objection",
        alice,
    )


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "objection", "statement": "   "}, "statement"),
        ({"kind": "agreement", "statement": "x"}, "kind"),
        ({"kind": "support", "statement": "x", "quotation": "q" * 301}, "quotation"),
        ({"kind": "support", "statement": "x", "source": 999999}, "source"),
        ({"kind": "support", "statement": "x", "source": "essai-2025"}, "source"),
        ({"kind": "support", "statement": "x", "target": 999999}, "target"),
        ({"kind": "support", "statement": "x", "target": "thesis"}, "target"),
        ({"statement": "x"}, "kind"),
    ],
)
def test_bad_proposals_are_400_with_the_field_at_fault(api, alice, claims, data, field):
    api.force_authenticate(alice)
    before = (Claim.objects.count(), Relation.objects.count())
    response = api.post("/api/claims/", {"target": claims["thesis"].pk, **data})
    assert response.status_code == 400
    assert field in response.json()
    assert (Claim.objects.count(), Relation.objects.count()) == before


def test_a_source_of_another_debate_is_refused(api, alice, claims):
    other = Debate.objects.create(slug="autre", title="Autre")
    foreign = other.sources.create(slug="ailleurs", title="Ailleurs")
    api.force_authenticate(alice)
    response = api.post(
        "/api/claims/",
        {"target": claims["thesis"].pk, "kind": "support", "statement": "x", "source": foreign.pk},
    )
    assert response.status_code == 400 and list(response.json()) == ["source"]


def test_bob_proposes_a_relation(api, bob, claims):
    api.force_authenticate(bob)
    response = api.post(
        "/api/relations/",
        {
            "from_claim": claims["support-rent"].pk,
            "to_claim": claims["objection-capitalism"].pk,
            "kind": "objection",
        },
    )
    assert response.status_code == 201
    relation = Relation.objects.get(proposed_by=bob)
    document = response.json()
    assert document["id"] == relation.pk and document["is_proposal"] is True
    assert document["from_claim"] == claim_ref(claims["support-rent"])
    assert document["to_claim"] == claim_ref(claims["objection-capitalism"])
    assert (document["kind"], document["proposed_by"]) == ("objection", "bob")


@pytest.mark.parametrize(
    ("to_claim", "kind", "field"),
    [
        ("support-rent", "objection", "to_claim"),  # itself
        ("thesis", "support", "non_field_errors"),  # already on the map
        ("thesis", "rephrase", "kind"),  # readers propose arguments only
        (None, "support", "to_claim"),
    ],
)
def test_bad_relations_are_400(api, bob, claims, to_claim, kind, field):
    api.force_authenticate(bob)
    data = {"from_claim": claims["support-rent"].pk, "kind": kind}
    data["to_claim"] = claims[to_claim].pk if to_claim else 999999
    response = api.post("/api/relations/", data)
    assert response.status_code == 400 and field in response.json()
    assert not Relation.objects.filter(proposed_by=bob).exists()


def test_a_relation_across_debates_is_refused_even_to_a_namesake(api, bob, claims):
    other = Debate.objects.create(slug="autre", title="Autre")
    namesake = Claim.objects.create(
        debate=other, slug="hostile", statement="Homonyme", imported=True
    )
    api.force_authenticate(bob)
    response = api.post(
        "/api/relations/",
        {"from_claim": claims["thesis"].pk, "to_claim": namesake.pk, "kind": "objection"},
    )
    assert response.status_code == 400
    assert response.json() == {"to_claim": ["Not a claim of the same debate."]}


# Corrections of the record by staff


def test_charlie_corrects_a_claim_and_the_history_names_him(api, charlie, small_debate, claims):
    api.force_authenticate(charlie)
    thesis = claims["thesis"]
    response = api.patch(
        f"/api/claims/{thesis.pk}/",
        {"statement": "Le numérique serait un féodalisme.", "holder": "bruno", "paragraph": 3},
    )
    assert response.status_code == 200, response.content
    document = response.json()
    assert document["statement"] == "Le numérique serait un féodalisme."
    assert document["holder"] == participant_ref(small_debate.participants.get(slug="bruno"))
    assert document["paragraph"] == 3 and document["quotation"] == thesis.quotation
    thesis.refresh_from_db()
    assert thesis.holder.slug == "bruno"
    assert thesis.history.first().history_user == charlie


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"quotation": "q" * 301}, "quotation"),
        ({"holder": None}, "non_field_errors"),  # the record is sourced
        ({"holder": "no-such-participant"}, "holder"),
        ({"via": "essai-2025"}, "non_field_errors"),  # via is not the source itself
        ({"statement": ""}, "statement"),
        ({"paragraph": -1}, "paragraph"),
    ],
)
def test_bad_corrections_are_400(api, charlie, claims, data, field):
    api.force_authenticate(charlie)
    thesis = claims["thesis"]
    response = api.patch(f"/api/claims/{thesis.pk}/", data)
    assert response.status_code == 400, response.content
    assert field in response.json()
    fresh = Claim.objects.get(pk=thesis.pk)
    assert (fresh.holder_id, fresh.quotation) == (thesis.holder_id, thesis.quotation)


def test_a_participant_of_another_debate_cannot_hold_a_claim(api, charlie, claims):
    other = Debate.objects.create(slug="autre", title="Autre")
    other.participants.create(slug="etranger", name="Étranger")
    api.force_authenticate(charlie)
    response = api.patch(f"/api/claims/{claims['thesis'].pk}/", {"holder": "etranger"})
    assert response.status_code == 400 and list(response.json()) == ["holder"]


def test_charlie_corrects_and_deletes_a_relation(api, charlie, small_debate, claims):
    api.force_authenticate(charlie)
    relation = Relation.objects.get(from_claim=claims["support-rent"])
    response = api.patch(f"/api/relations/{relation.pk}/", {"source": "essai-2025"})
    assert response.status_code == 200
    assert response.json()["source"] == source_ref(small_debate.sources.get(slug="essai-2025"))
    restatement = Relation.objects.create(
        debate=small_debate,
        from_claim=claims["objection-capitalism"],
        to_claim=claims["thesis"],
        kind="rephrase",
    )
    duplicate = api.patch(f"/api/relations/{restatement.pk}/", {"kind": "objection"})
    assert duplicate.status_code == 400 and "non_field_errors" in duplicate.json()
    assert api.patch(f"/api/relations/{restatement.pk}/", {"kind": "nope"}).status_code == 400
    assert api.delete(f"/api/relations/{relation.pk}/").status_code == 204
    assert not Relation.objects.filter(pk=relation.pk).exists()


def test_charlie_deletes_a_claim(api, charlie, claims):
    api.force_authenticate(charlie)
    assert api.delete(f"/api/claims/{claims['hostile'].pk}/").status_code == 204
    assert not Claim.objects.filter(slug="hostile").exists()
    assert api.delete(f"/api/claims/{claims['hostile'].pk}/").status_code == 404


def test_no_put_and_no_writes_on_read_only_resources(api, charlie, claims):
    api.force_authenticate(charlie)
    url = f"/api/claims/{claims['thesis'].pk}/"
    assert api.put(url, {"statement": "x"}).status_code == 405
    assert api.post("/api/debates/", {"slug": "x", "title": "x"}).status_code == 405
    assert api.delete("/api/debates/petit-debat/").status_code == 405
    assert api.post("/api/participants/", {}).status_code == 405
    source = claims["thesis"].source
    assert api.patch(f"/api/sources/{source.pk}/", {}).status_code == 405
    assert api.post("/api/undercuts/", {}).status_code == 405
    assert api.get("/api/token/").status_code == 405


# Annotations


def test_alice_annotates_a_claim_and_a_relation(api, alice, claims):
    api.force_authenticate(alice)
    response = api.post(
        "/api/annotations/",
        {
            "claim": claims["thesis"].pk,
            "stance": "needs-source",
            "tags": ["Méthode", "sources", "sources"],
            "body": "  Où est-ce **écrit** ?  ",
        },
    )
    assert response.status_code == 201
    document = response.json()
    note = Annotation.objects.get(pk=document["id"])
    assert (note.author, note.claim, note.stance, note.tags, note.body) == (
        alice,
        claims["thesis"],
        "needs-source",
        "méthode sources",
        "Où est-ce **écrit** ?",
    )
    assert document["tags"] == ["méthode", "sources"] and document["status"] == "shown"
    assert document["body_html"] == "<p>Où est-ce <strong>écrit</strong> ?</p>"
    relation = Relation.objects.first()
    response = api.post("/api/annotations/", {"relation": relation.pk, "body": "Lien faible"})
    assert response.status_code == 201
    assert response.json()["relation"] == relation.pk and response.json()["stance"] == "comment"


def test_replies_join_the_thread(api, bob, note):
    api.force_authenticate(bob)
    response = api.post("/api/annotations/", {"parent": note.pk, "body": "D'accord"})
    assert response.status_code == 201
    reply = response.json()
    assert (reply["parent"], reply["claim"], reply["author"]) == (note.pk, note.claim_id, "bob")
    answer = api.post(
        "/api/annotations/", {"parent": reply["id"], "body": "Moi aussi", "stance": "agree"}
    )
    assert answer.status_code == 201
    assert answer.json()["parent"] == note.pk and answer.json()["stance"] == "agree"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"body": "x"}, "non_field_errors"),  # no target
        ({"claim": "thesis", "relation": "first", "body": "x"}, "non_field_errors"),  # two
        ({"claim": "thesis", "body": "   "}, "body"),
        ({"claim": "thesis", "body": "x" * 5001}, "body"),
        ({"claim": "thesis", "body": "x", "stance": "angry"}, "stance"),
        ({"claim": "thesis", "body": "x", "tags": ["a b!"]}, "tags"),
        ({"claim": "thesis", "body": "x", "tags": [f"t{i}" for i in range(9)]}, "tags"),
        ({"claim": "thesis", "body": "x", "tags": "sources"}, "tags"),  # a list
        ({"claim": 999999, "body": "x"}, "claim"),
        ({"parent": "note", "body": "x", "tags": ["a"]}, "tags"),  # replies carry none
        ({"parent": 999999, "body": "x"}, "parent"),
    ],
)
def test_bad_annotations_are_400(api, bob, claims, note, data, field):
    names = {"thesis": claims["thesis"].pk, "first": Relation.objects.first().pk, "note": note.pk}
    data = {
        key: names.get(value, value) if isinstance(value, str) else value
        for key, value in data.items()
    }
    api.force_authenticate(bob)
    response = api.post("/api/annotations/", data)
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert Annotation.objects.count() == 1


def test_no_reply_to_a_deleted_annotation(api, bob, note):
    note.soft_delete()
    api.force_authenticate(bob)
    response = api.post("/api/annotations/", {"parent": note.pk, "body": "x"})
    assert response.status_code == 400 and list(response.json()) == ["parent"]


def test_alice_edits_her_annotation_from_the_version_she_read(api, alice, note):
    api.force_authenticate(alice)
    url = f"/api/annotations/{note.pk}/"
    response = api.patch(url, {"body": "Texte revu", "version": 1})
    assert response.status_code == 200
    document = response.json()
    assert (document["body"], document["version"], document["tags"]) == (
        "Texte revu",
        2,
        ["sources"],  # left out: kept
    )
    assert document["edited_at"] is not None
    stale = api.patch(url, {"body": "Autre texte", "version": 1})
    assert stale.status_code == 409
    assert stale.json()["current"]["body"] == "Texte revu"
    assert stale.json()["current"]["version"] == 2
    note.refresh_from_db()
    assert (note.body, note.version) == ("Texte revu", 2)
    assert api.patch(url, {"stance": "question", "version": 2}).json()["stance"] == "question"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"body": "x"}, "version"),
        ({"body": "  ", "version": 1}, "body"),
        ({"stance": "angry", "version": 1}, "stance"),
        ({"tags": ["!"], "version": 1}, "tags"),
        ({"version": "one"}, "version"),
    ],
)
def test_bad_edits_are_400(api, alice, note, data, field):
    api.force_authenticate(alice)
    response = api.patch(f"/api/annotations/{note.pk}/", data)
    assert response.status_code == 400 and field in response.json()
    note.refresh_from_db()
    assert note.version == 1


def test_alice_deletes_her_annotation_and_its_place_stays(api, alice, bob, note):
    reply = note.reply(bob, "Réponse de Bob")
    api.force_authenticate(alice)
    assert api.delete(f"/api/annotations/{note.pk}/").status_code == 204
    note.refresh_from_db()
    assert note.is_deleted and note.body == "Texte *d'Alice*"  # soft: the row stays
    results = api.get("/api/annotations/").json()["results"]
    assert [(a["id"], a["status"], a["body"], a["author"]) for a in results] == [
        (note.pk, "deleted", None, None),
        (reply.pk, "shown", "Réponse de Bob", "bob"),
    ]
    assert api.delete(f"/api/annotations/{note.pk}/").status_code == 403  # as on the page


def test_bob_flags_an_annotation_once(api, bob, note):
    api.force_authenticate(bob)
    response = api.post(f"/api/annotations/{note.pk}/flag/", {"reason": " hors sujet "})
    assert response.status_code == 200
    assert response.json() == {
        "annotation": note.pk,
        "reason": "hors sujet",
        "created_at": response.json()["created_at"],
    }
    assert api.post(f"/api/annotations/{note.pk}/flag/", {"reason": "encore"}).status_code == 200
    assert Flag.objects.get().reason == "hors sujet"
    assert api.post(f"/api/annotations/{note.pk}/flag/", {"reason": " "}).status_code == 400
    assert api.post(f"/api/annotations/{note.pk}/flag/", {}).status_code == 400
    assert api.post("/api/annotations/999999/flag/", {"reason": "x"}).status_code == 404


def test_maud_hides_and_restores_an_annotation(api, bob, maud, note):
    note.flag(bob, "insulte")
    api.force_authenticate(maud)
    assert api.post(f"/api/annotations/{note.pk}/hide/", {"reason": "  "}).status_code == 400
    response = api.post(f"/api/annotations/{note.pk}/hide/", {"reason": "insulte"})
    assert response.status_code == 200
    document = response.json()
    assert (document["status"], document["hidden_reason"], document["body"]) == (
        "hidden",
        "insulte",
        "Texte *d'Alice*",  # moderators still read it
    )
    note.refresh_from_db()
    assert note.hidden_by == maud
    response = api.post(f"/api/annotations/{note.pk}/restore/")
    assert response.status_code == 200 and response.json()["status"] == "shown"
    assert not Flag.objects.exists()  # the flags are answered


def test_maud_hides_and_restores_proposals_but_not_the_record(api, alice, bob, maud, claims):
    proposal = claims["thesis"].propose_argument(alice, "objection", "Proposition douteuse")
    relation = claims["hostile"].propose_relation(bob, "support", claims["thesis"])
    api.force_authenticate(maud)
    claim_url = f"/api/claims/{proposal.pk}/"
    assert api.post(claim_url + "hide/", {"reason": ""}).status_code == 400
    response = api.post(claim_url + "hide/", {"reason": "spam"})
    assert response.status_code == 200
    assert response.json()["hidden_reason"] == "spam" and response.json()["hidden_at"]
    response = api.post(f"/api/relations/{relation.pk}/hide/", {"reason": "hors sujet"})
    assert response.status_code == 200 and response.json()["hidden_reason"] == "hors sujet"
    relation.refresh_from_db()
    assert relation.hidden_at is not None
    response = api.post(claim_url + "restore/")
    assert response.status_code == 200 and response.json()["hidden_at"] is None
    record = f"/api/claims/{claims['thesis'].pk}/hide/"
    assert api.post(record, {"reason": "x"}).status_code == 404
    record_relation = Relation.objects.get(from_claim=claims["support-rent"])
    assert (
        api.post(f"/api/relations/{record_relation.pk}/hide/", {"reason": "x"}).status_code == 404
    )


# The schema and its documentation


def test_the_schema_validates_without_warnings(tmp_path):
    schema = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(schema))
    text = schema.read_text()
    for path in ["/api/claims/{id}/hide/", "/api/annotations/{id}/flag/", "/api/token/"]:
        assert f"  {path}:" in text


def test_the_schema_is_served(api, db):
    response = api.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert schema["paths"]["/api/claims/"]["post"]["requestBody"]["content"]["application/json"][
        "schema"
    ] == {"$ref": "#/components/schemas/ProposeArgumentRequest"}


def test_the_docs_page_lists_every_operation_of_the_schema(api, db):
    """/api/docs/ is a page of the site built from the schema: every operation is on it."""
    schema = api.get("/api/schema/", {"format": "json"}).json()
    response = api.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            assert f'id="{operation["operationId"]}"' in html, (method, path)
    assert 'lang="en"' in html  # the schema is written in English, on a French page too
    body = html.split("</head>", 1)[1]
    # Nothing inline: the body's only script is the header's menu, loaded from its file.
    scripts = re.findall(r"<script[^>]*>", body)
    assert len(scripts) == 1 and re.fullmatch(
        r'<script src="[^"]*/site-menu[^"]*\.js">', scripts[0]
    )


# Found by fuzzing the API from its schema (tests/api/test_api_fuzz.py)


def test_a_source_without_a_url_shows_null_not_a_blank(api, small_debate):
    source = small_debate.sources.get(slug="reponse")
    assert api.get(f"/api/sources/{source.pk}/").json()["url"] is None  # a blank is no URI
    source.url = "https://example.org/reponse"
    source.save()
    assert api.get(f"/api/sources/{source.pk}/").json()["url"] == "https://example.org/reponse"


def responses_of(api, path: str, method: str = "get") -> dict:
    return api.get("/api/schema/", {"format": "json"}).json()["paths"][path][method]["responses"]


def test_the_schema_documents_what_a_read_may_be_refused_with(api, small_debate):
    assert api.get("/api/claims/", {"page": 99}).status_code == 404
    assert api.get("/api/claims/", {"proposals": "some"}).status_code == 400
    assert api.get("/api/debates/", HTTP_AUTHORIZATION="Token unknown").status_code == 401
    assert {"200", "400", "401", "404"} <= set(responses_of(api, "/api/claims/"))
    assert {"200", "401", "404"} <= set(responses_of(api, "/api/debates/"))
    assert "400" not in responses_of(api, "/api/debates/")  # no filter to get wrong
    assert {"200", "401", "404"} <= set(responses_of(api, "/api/sources/{id}/"))
    assert "401" in responses_of(api, "/api/token/", "post")


def test_the_schema_documents_that_a_body_of_another_type_is_415(api, alice):
    assert api.post("/api/token/", "alice", content_type="text/plain").status_code == 415
    api.force_authenticate(alice)
    assert api.post("/api/claims/", "x", content_type="text/plain").status_code == 415
    for path, method in [("/api/token/", "post"), ("/api/claims/{id}/", "patch")]:
        assert "415" in responses_of(api, path, method)
    assert "415" not in responses_of(api, "/api/claims/{id}/restore/", "post")  # reads no body


def test_the_schema_documents_each_export_format_media_type(api, alice, small_debate):
    path = "/api/debates/{slug}/export/{format_name}/"
    media_types = set(responses_of(api, path)["200"]["content"])
    assert media_types == {"application/json", "application/ld+json", "text/plain"}
    api.force_authenticate(alice)
    argdown = api.get("/api/debates/petit-debat/export/argdown/")
    assert argdown["Content-Type"] == "text/plain; charset=utf-8"


def test_the_token_rate_follows_the_settings(api, settings, alice):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"token": "2/minute"},
    }
    for _attempt in range(2):
        assert api.post("/api/token/", {"username": "alice", "password": "x"}).status_code == 400
    assert api.post("/api/token/", {"username": "alice", "password": "x"}).status_code == 429


@pytest.mark.parametrize(
    "url",
    [
        "/api/annotations/?relation=",
        "/api/annotations/?claim=",
        "/api/undercuts/?relation=",
        "/api/relations/?claim=",
    ],
)
def test_an_id_beyond_64_bits_is_400_not_500(api, small_debate, url):
    assert api.get(f"{url}{2**63 - 1}").status_code == 200  # the largest id: no such object
    response = api.get(f"{url}{2**63}")
    assert response.status_code == 400
    assert list(response.json()) == [url.split("?")[1].rstrip("=")]


@pytest.mark.parametrize(
    ("resource", "field"),
    [("claims", "holder"), ("claims", "source"), ("claims", "via"), ("relations", "drawn_by")],
)
def test_a_nul_character_in_a_slug_is_400_not_500(api, charlie, claims, resource, field):
    """PostgreSQL cannot compare text holding a NUL: it must not reach the query. The JSON
    parser refuses it first, naming the field."""
    relation = Relation.objects.get(from_claim=claims["support-rent"])
    item = claims["thesis"] if resource == "claims" else relation
    api.force_authenticate(charlie)
    response = api.patch(f"/api/{resource}/{item.pk}/", {field: "essai\x002025"})
    assert response.status_code == 400
    assert f"{field} holds control characters: NUL" in response.json()["detail"]
