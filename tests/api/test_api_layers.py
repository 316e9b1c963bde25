"""Layers through the API: shown on relations and undercuts, filtered, and kept apart:
what a reader writes is a proposal, in the readers' layer, and nothing else."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from arguments.interchange import native
from arguments.record.models import Layer, Relation
from tests.interchange.test_interchange_layers import early_answer

WHY = "Les deux passages décrivent la même rente."


@pytest.fixture
def editors_link(small_debate, claims) -> Relation:
    return small_debate.relations.create(
        from_claim=claims["deep-support"],
        to_claim=claims["objection-capitalism"],
        kind="objection",
        layer=Layer.EDITORS,
        justification=WHY,
        justification_en="Both passages describe the same rent.",
    )


def test_an_editors_link_is_credited_to_no_participant(api, editors_link):
    data = api.get(f"/api/relations/{editors_link.pk}/").json()
    assert {name: data[name] for name in ("layer", "justification", "drawn_by", "source")} == {
        "layer": "editors",
        "justification": WHY,
        "drawn_by": None,
        "source": None,
    }
    assert data["justification_en"] == "Both passages describe the same rent."


def test_relations_by_layer(api, alice, editors_link, claims):
    proposal = claims["hostile"].propose_relation(alice, "support", claims["thesis"])

    def ids(layer):
        response = api.get("/api/relations/", {"layer": layer})
        assert response.status_code == 200
        return [r["id"] for r in response.json()["results"]]

    assert ids("editors") == [editors_link.pk]
    assert ids("readers") == [proposal.pk]
    text = ids("text")
    assert text and editors_link.pk not in text and proposal.pk not in text
    assert all(
        r["layer"] == "text" for r in api.get("/api/relations/?layer=text").json()["results"]
    )


@pytest.mark.parametrize("value", ["authors", "EDITORS", "", "readers,text"])
def test_an_unknown_layer_is_a_400_naming_the_filter(api, small_debate, value):
    if value == "":
        assert api.get("/api/relations/", {"layer": value}).status_code == 200  # left out
        return
    response = api.get("/api/relations/", {"layer": value})
    assert response.status_code == 400
    assert list(response.json()) == ["layer"]
    assert value in response.json()["layer"][0]  # the message names what was sent


def test_undercuts_show_and_filter_their_layer(api, small_debate, claims, editors_link):
    undercut = small_debate.undercuts.create(
        from_claim=claims["thesis"], relation=editors_link, layer=Layer.EDITORS, justification=WHY
    )
    results = api.get("/api/undercuts/", {"layer": "editors"}).json()["results"]
    assert [(u["id"], u["layer"], u["justification"], u["drawn_by"]) for u in results] == [
        (undercut.pk, "editors", WHY, None)
    ]
    assert api.get("/api/undercuts/", {"layer": "text"}).json()["count"] == 0
    assert api.get("/api/undercuts/", {"layer": "nope"}).status_code == 400


def test_a_readers_relation_is_in_the_readers_layer(api, bob, claims):
    api.force_authenticate(bob)
    data = {"from_claim": claims["hostile"].pk, "to_claim": claims["thesis"].pk}
    response = api.post("/api/relations/", {**data, "kind": "support", "layer": "readers"})
    assert response.status_code == 201
    assert response.json()["layer"] == "readers" and response.json()["drawn_by"] is None
    response = api.post("/api/relations/", {**data, "kind": "objection"})
    assert response.json()["layer"] == "readers"
    assert set(Relation.objects.filter(proposed_by=bob).values_list("layer", flat=True)) == {
        "readers"
    }


@pytest.mark.parametrize("layer", ["editors", "text", "authors"])
def test_a_reader_cannot_draw_an_editors_link_or_a_texts_argument(api, bob, claims, layer):
    api.force_authenticate(bob)
    before = Relation.objects.count()
    response = api.post(
        "/api/relations/",
        {
            "from_claim": claims["hostile"].pk,
            "to_claim": claims["thesis"].pk,
            "kind": "support",
            "layer": layer,
            "justification": "Parce que.",
        },
    )
    assert response.status_code == 400
    assert "readers' layer" in response.json()["layer"][0]
    response = api.post(
        "/api/claims/",
        {"target": claims["thesis"].pk, "kind": "support", "statement": "x", "layer": layer},
    )
    assert response.status_code == 400 and list(response.json()) == ["layer"]
    assert Relation.objects.count() == before


def test_a_reader_cannot_turn_a_relation_into_an_editors_link(api, bob, claims):
    relation = Relation.objects.filter(layer=Layer.TEXT).first()
    api.force_authenticate(bob)
    response = api.patch(
        f"/api/relations/{relation.pk}/",
        {"layer": "editors", "justification": WHY, "drawn_by": None, "source": None},
    )
    assert response.status_code == 403
    relation.refresh_from_db()
    assert relation.layer == Layer.TEXT


def test_staff_correct_a_relation_into_an_editors_link_under_its_rules(api, charlie, claims):
    relation = Relation.objects.filter(layer=Layer.TEXT, drawn_by__isnull=False).first()
    api.force_authenticate(charlie)
    url = f"/api/relations/{relation.pk}/"
    unjustified = api.patch(url, {"layer": "editors", "drawn_by": None, "source": None})
    assert unjustified.status_code == 400
    credited = api.patch(url, {"layer": "editors", "justification": WHY})
    assert credited.status_code == 400  # still drawn by a participant, in a source
    too_long = api.patch(url, {"passage": "p" * 401})
    assert too_long.status_code == 400 and list(too_long.json()) == ["passage"]
    response = api.patch(
        url, {"layer": "editors", "justification": WHY, "drawn_by": None, "source": None}
    )
    assert response.status_code == 200, response.json()
    assert (response.json()["layer"], response.json()["drawn_by"]) == ("editors", None)


def test_the_api_import_returns_the_dating_warnings(api, alice):
    api.force_authenticate(alice)
    upload = SimpleUploadedFile("early.json", native.dumps(early_answer()).encode())
    response = api.post("/api/debates/import/", {"file": upload}, format="multipart")
    assert response.status_code == 201
    assert response.json()["dating_warnings"] == [
        "relation '<b>capital</b> objection': credited to 'critique' (2022-01-01), which "
        "came out before claim 'rente' was public (2023-09-01); imported as it is"
    ]
    assert response.json()["warnings"] == []


def test_an_editors_entry_without_justification_is_refused_by_the_api_import(api, alice):
    document = early_answer()
    relation = document.relations[0]
    relation.layer, relation.drawn_by, relation.source, relation.passage = "editors", "", "", ""
    api.force_authenticate(alice)
    upload = SimpleUploadedFile("bad.json", native.dumps(document).encode())
    response = api.post("/api/debates/import/", {"file": upload}, format="multipart")
    assert response.status_code == 400
    assert response.json()["problems"] == [
        "relations[0] ('<b>capital</b> objection'): an editors' link needs its justification "
        "(why the editors draw it)"
    ]
