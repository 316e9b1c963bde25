"""Relation page: what bears on what, drawn by whom, and readers' annotations on it."""

from annotations.models import Annotation
from arguments.record.models import Undercut


def relation_url(small_debate):
    relation = small_debate.relations.get(kind="objection", to_claim__slug="thesis")
    return relation, f"/petit-debat/relations/{relation.pk}/"


def test_it_shows_the_relation_and_its_thread(client, small_debate):
    _relation, url = relation_url(small_debate)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ce n&#x27;est que du capitalisme." in html and "Le numérique est un féodalisme." in html
    assert 'id="annotations"' in html and "Annoter cette relation" not in html  # anonymous


def test_alice_annotates_a_relation_with_and_without_htmx(client, alice, small_debate):
    relation, url = relation_url(small_debate)
    client.force_login(alice)
    response = client.post(
        url + "annotations/", {"body": "Objection mal posée", "stance": "disagree"}
    )
    assert response.status_code == 302 and response["Location"] == url + "#annotations"
    response = client.post(
        url + "annotations/", {"body": "Deuxième"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200 and "Deuxième" in response.content.decode()
    assert Annotation.objects.filter(relation=relation).count() == 2
    assert "Objection mal posée" in client.get(url).content.decode()


def test_replies_and_moderation_work_on_relations_too(client, alice, bob, maud, small_debate):
    relation, url = relation_url(small_debate)
    note = Annotation.objects.create(author=alice, relation=relation, body="Sur la relation")
    client.force_login(bob)
    assert client.post(f"/annotations/{note.pk}/reply/", {"body": "Réponse"})["Location"] == (
        url + "#annotations"
    )
    client.force_login(maud)
    client.post(f"/annotations/{note.pk}/hide/", {"reason": "hors sujet"})
    note.refresh_from_db()
    assert note.is_hidden


def test_anonymous_cannot_annotate_and_unknown_relations_are_404(client, small_debate):
    relation, url = relation_url(small_debate)
    assert client.post(url + "annotations/", {"body": "x"})["Location"].startswith(
        "/accounts/login/"
    )
    assert client.get("/petit-debat/relations/999999/").status_code == 404
    assert client.get(f"/other/relations/{relation.pk}/").status_code == 404
    assert Annotation.objects.count() == 0


def test_claim_pages_link_to_relations(client, small_debate):
    _relation, url = relation_url(small_debate)
    html = client.get("/petit-debat/participants/alice-author/").content.decode()
    assert f'href="{url}"' in html


def test_its_query_count_is_fixed(client, alice, small_debate, django_assert_num_queries):
    relation, url = relation_url(small_debate)
    for index in range(3):
        Annotation.objects.create(author=alice, relation=relation, body=f"n{index}")
    # relation, undercuts, annotations, replies, stance counts, its newest version (citation)
    with django_assert_num_queries(6):
        client.get(url)
    for index in range(10):
        Annotation.objects.create(author=alice, relation=relation, body=f"m{index}")
    Undercut.objects.create(
        debate=small_debate,
        from_claim=small_debate.claims.get(slug="deep-support"),
        relation=relation,
    )
    with django_assert_num_queries(6):
        response = client.get(url)
    assert "Les profits viennent de la publicité." in response.content.decode()
