"""Writing annotations and quotations as a W3C Web Annotation collection."""

from __future__ import annotations

import datetime
import json

from arguments.interchange.document import (
    Annotation,
    Claim,
    Document,
    Participant,
    Relation,
    Source,
)
from arguments.interchange.web_annotation import to_web_annotation

SITE = "https://controverse.example/d/travail"
PARIS = datetime.timezone(datetime.timedelta(hours=2))
MOTIVATIONS = {
    "assessing", "bookmarking", "classifying", "commenting", "describing", "editing",
    "highlighting", "identifying", "linking", "moderating", "questioning", "replying", "tagging",
}  # fmt: skip


def export(document: Document) -> dict:
    return to_web_annotation(
        document,
        claim_url=lambda key: f"{SITE}/claims/{key}/",
        relation_url=lambda key: f"{SITE}/relations/{key}/",
        source_url=lambda key: f"{SITE}/sources/{key}/",
        collection_url=f"{SITE}/annotations.jsonld",
    )


def small_document() -> Document:
    return Document(
        slug="travail",
        title="La fin du travail",
        participants=[
            Participant("arendt", "Hannah Arendt"),
            Participant("le-monde", "Le Monde", kind="collective"),
        ],
        sources=[
            Source("condition", "Condition de l'homme moderne", url="https://example.org/c"),
            Source("editorial", "Éditorial", language=""),
        ],
        claims=[
            Claim(
                "travail",
                "Le travail disparaît.",
                statement_en="Labour is vanishing.",
                holder="arendt",
                source="condition",
                quotation="une société de travailleurs sans travail",
            ),
            Claim(
                "edito",
                "Il faut partager.",
                holder="le-monde",
                source="editorial",
                quotation="partager le travail",
            ),
            Claim("reponse", "Rien ne disparaît.", quotation="sans source"),  # no source: out
        ],
        relations=[Relation("3", "reponse", "travail", "objection")],
        annotations=[
            Annotation(
                "1",
                author="alice",
                body="Je suis **d'accord**.",
                claim="travail",
                stance="agree",
                tags=["définition", "travail"],
                created_at=datetime.datetime(2024, 5, 1, 12, 30, tzinfo=PARIS),
                edited_at=datetime.datetime(2024, 5, 2, 8, 0, tzinfo=datetime.UTC),
            ),
            Annotation(
                "2",
                author="bob",
                body="Pourquoi ?",
                claim="travail",
                parent="1",
                created_at=datetime.datetime(2024, 5, 3, 9, 15, 30),  # naive: kept as it is
            ),
            Annotation("4", author="bob", body="Source ?", relation="3", stance="needs-source"),
        ],
    )


def test_whole_collection():
    assert export(small_document()) == {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": f"{SITE}/annotations.jsonld",
        "type": "AnnotationCollection",
        "label": "La fin du travail",
        "total": 5,
        "first": {
            "id": f"{SITE}/annotations.jsonld#page-1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": [
                {
                    "id": f"{SITE}/claims/travail/#quotation",
                    "type": "Annotation",
                    "motivation": "describing",
                    "body": [
                        {
                            "type": "TextualBody",
                            "purpose": "describing",
                            "value": "Le travail disparaît.",
                            "format": "text/plain",
                        },
                        {
                            "type": "TextualBody",
                            "purpose": "describing",
                            "value": "Labour is vanishing.",
                            "format": "text/plain",
                            "language": "en",
                        },
                        {
                            "type": "SpecificResource",
                            "source": f"{SITE}/claims/travail/",
                            "purpose": "identifying",
                        },
                    ],
                    "target": {
                        "type": "SpecificResource",
                        "source": {"id": "https://example.org/c", "type": "Text", "language": "fr"},
                        "selector": {
                            "type": "TextQuoteSelector",
                            "exact": "une société de travailleurs sans travail",
                        },
                    },
                    "creator": {"type": "Person", "name": "Hannah Arendt"},
                },
                {
                    "id": f"{SITE}/claims/edito/#quotation",
                    "type": "Annotation",
                    "motivation": "describing",
                    "body": [
                        {
                            "type": "TextualBody",
                            "purpose": "describing",
                            "value": "Il faut partager.",
                            "format": "text/plain",
                        },
                        {
                            "type": "SpecificResource",
                            "source": f"{SITE}/claims/edito/",
                            "purpose": "identifying",
                        },
                    ],
                    "target": {
                        "type": "SpecificResource",
                        "source": f"{SITE}/sources/editorial/",  # no publication URL, no language
                        "selector": {"type": "TextQuoteSelector", "exact": "partager le travail"},
                    },
                    "creator": {"type": "Organization", "name": "Le Monde"},
                },
                {
                    "id": f"{SITE}/claims/travail/#annotation-1",
                    "type": "Annotation",
                    "motivation": "commenting",
                    "body": [
                        {
                            "type": "TextualBody",
                            "purpose": "commenting",
                            "value": "Je suis **d'accord**.",
                            "format": "text/markdown",
                        },
                        {"type": "TextualBody", "purpose": "tagging", "value": "définition"},
                        {"type": "TextualBody", "purpose": "tagging", "value": "travail"},
                        {"type": "TextualBody", "purpose": "assessing", "value": "agree"},
                    ],
                    "target": f"{SITE}/claims/travail/",
                    "creator": {"type": "Person", "name": "alice"},
                    "created": "2024-05-01T10:30:00Z",
                    "modified": "2024-05-02T08:00:00Z",
                },
                {
                    "id": f"{SITE}/claims/travail/#annotation-2",
                    "type": "Annotation",
                    "motivation": "replying",
                    "body": [
                        {
                            "type": "TextualBody",
                            "purpose": "replying",
                            "value": "Pourquoi ?",
                            "format": "text/markdown",
                        }
                    ],
                    "target": f"{SITE}/claims/travail/#annotation-1",
                    "creator": {"type": "Person", "name": "bob"},
                    "created": "2024-05-03T09:15:30",
                },
                {
                    "id": f"{SITE}/relations/3/#annotation-4",
                    "type": "Annotation",
                    "motivation": "commenting",
                    "body": [
                        {
                            "type": "TextualBody",
                            "purpose": "commenting",
                            "value": "Source ?",
                            "format": "text/markdown",
                        },
                        {"type": "TextualBody", "purpose": "assessing", "value": "needs-source"},
                    ],
                    "target": f"{SITE}/relations/3/",
                    "creator": {"type": "Person", "name": "bob"},
                },
            ],
        },
    }


def test_required_keys_of_the_model_are_present():
    collection = export(small_document())
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert {"id", "type", "total", "first"} <= collection.keys()
    page = collection["first"]
    assert {"id", "type", "items"} <= page.keys()
    assert page["type"] == "AnnotationPage"
    assert collection["total"] == len(page["items"]) == 5
    for item in page["items"]:
        assert item["type"] == "Annotation"
        assert item["id"].startswith(f"{SITE}/") and "#" in item["id"]
        assert item["target"]
        assert item["motivation"] in MOTIVATIONS
        for body in item["body"]:
            assert body["type"] in ("TextualBody", "SpecificResource")
            assert body["purpose"] in MOTIVATIONS
            assert body.get("value") or body.get("source")
        assert "@context" not in item  # the collection's context covers its items
    ids = [item["id"] for item in page["items"]]
    assert len(set(ids)) == len(ids)
    assert "email" not in json.dumps(collection)


def test_hostile_text_stays_data():
    hostile = '"}]}, <script>alert(1)</script> \\ \n # {{ x }} \u2028 é'
    document = Document(
        slug="d",
        title=hostile,
        participants=[Participant("p", hostile)],
        sources=[Source("s", hostile, url="https://example.org/?q=\"'<>")],
        claims=[Claim("c", hostile, holder="p", source="s", quotation=hostile)],
        annotations=[Annotation("a", author=hostile, body=hostile, claim="c", tags=[hostile])],
    )
    collection = export(document)
    assert json.loads(json.dumps(collection)) == collection
    quotation, annotation = collection["first"]["items"]
    assert quotation["target"]["selector"]["exact"] == hostile
    assert quotation["creator"]["name"] == hostile
    assert annotation["body"][0]["value"] == hostile
    assert annotation["body"][1]["value"] == hostile
    assert annotation["creator"]["name"] == hostile
    assert collection["label"] == hostile


def test_hidden_and_deleted_annotations_are_left_out():
    moment = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    document = Document(
        slug="d",
        title="T",
        claims=[
            Claim("shown", "Shown."),
            Claim("gone", "Hidden claim.", source="s", quotation="q", hidden_at=moment),
        ],
        sources=[Source("s", "S")],
        relations=[Relation("r", "gone", "shown", "support", hidden_at=moment)],
        annotations=[
            Annotation("kept", author="alice", body="Kept.", claim="shown"),
            Annotation("deleted", author="alice", body="", claim="shown", deleted_at=moment),
            Annotation("hidden", author="bob", body="", claim="shown", hidden_at=moment),
            Annotation("reply", author="bob", body="Still here.", claim="shown", parent="deleted"),
            Annotation("on-hidden-claim", author="bob", body="On it.", claim="gone"),
            Annotation("on-hidden-relation", author="bob", body="On it.", relation="r"),
        ],
    )
    items = export(document)["first"]["items"]
    assert [(item["id"], item["target"]) for item in items] == [
        (f"{SITE}/claims/shown/#annotation-kept", f"{SITE}/claims/shown/"),
        # The site keeps replies to deleted annotations; the reply still names its parent.
        (f"{SITE}/claims/shown/#annotation-reply", f"{SITE}/claims/shown/#annotation-deleted"),
    ]


def test_nothing_to_annotate_has_no_page():
    document = Document(slug="d", title="T", claims=[Claim("c", "No quotation.")])
    assert export(document) == {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": f"{SITE}/annotations.jsonld",
        "type": "AnnotationCollection",
        "label": "T",
        "total": 0,
    }


def test_keys_are_escaped_in_fragments():
    document = Document(
        slug="d",
        title="T",
        claims=[Claim("c", "C.")],
        annotations=[Annotation("a b#c", author="alice", body="x", claim="c")],
    )
    items = export(document)["first"]["items"]
    assert items[0]["id"] == f"{SITE}/claims/c/#annotation-a%20b%23c"


def test_without_collection_url_the_three_callables_are_enough():
    collection = to_web_annotation(
        small_document(),
        claim_url=lambda key: f"{SITE}/claims/{key}/",
        relation_url=lambda key: f"{SITE}/relations/{key}/",
        source_url=lambda key: f"{SITE}/sources/{key}/",
    )
    assert "id" not in collection
    assert "id" not in collection["first"]
    assert len(collection["first"]["items"]) == 5
