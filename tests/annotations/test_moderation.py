"""Moderation: anyone signed in flags; moderators hide and restore, with a reason; a queue.

The permission matrix covers every view that writes annotations, for anonymous visitors,
the author, another reader and a moderator."""

import pytest

from annotations.models import Annotation, Flag

CLAIM = "/petit-debat/claims/thesis/"


@pytest.fixture
def note(alice, small_debate):
    return Annotation.objects.create(
        author=alice, claim=small_debate.claims.get(slug="thesis"), body="Texte d'Alice"
    )


def as_persona(client, persona, users):
    if persona != "anonymous":
        client.force_login(users[persona])


# view, data → expected status per persona (302: done, or sent to log in; 403: refused)
MATRIX = [
    ("annotate", {"body": "x"}, {"anonymous": 302, "author": 302, "other": 302, "moderator": 302}),
    ("reply", {"body": "x"}, {"anonymous": 302, "author": 302, "other": 302, "moderator": 302}),
    (
        "edit",
        {"body": "y", "version": 1},
        {"anonymous": 302, "author": 302, "other": 403, "moderator": 403},
    ),
    ("delete", {}, {"anonymous": 302, "author": 302, "other": 403, "moderator": 403}),
    (
        "flag",
        {"reason": "hors sujet"},
        {"anonymous": 302, "author": 302, "other": 302, "moderator": 302},
    ),
    (
        "hide",
        {"reason": "insulte"},
        {"anonymous": 403, "author": 403, "other": 403, "moderator": 302},
    ),
    ("restore", {}, {"anonymous": 403, "author": 403, "other": 403, "moderator": 302}),
]


@pytest.mark.parametrize("persona", ["anonymous", "author", "other", "moderator"])
@pytest.mark.parametrize(("view", "data", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_permission_matrix(client, alice, bob, maud, note, persona, view, data, expected):
    as_persona(client, persona, {"author": alice, "other": bob, "moderator": maud})
    url = (
        "/petit-debat/claims/thesis/annotations/"
        if view == "annotate"
        else f"/annotations/{note.pk}/{view}/"
    )
    response = client.post(url, data)
    assert response.status_code == expected[persona]
    if persona == "anonymous" and expected[persona] == 302:
        assert response["Location"].startswith("/accounts/login/")


# Writes on claims and relations: proposals, hiding them, restoring a claim version.
# {proposal}: a claim alice proposed; {relation}: a relation alice proposed.
MORE = [
    (
        "/petit-debat/claims/thesis/propose/argument/",
        {"kind": "support", "statement": "x"},
        {"anonymous": 302, "author": 302, "other": 302, "moderator": 302},
    ),
    (
        "/petit-debat/claims/hostile/propose/relation/",
        {"kind": "support", "target": "thesis"},
        {"anonymous": 302, "author": 302, "other": 302, "moderator": 302},
    ),
    (
        "/petit-debat/claims/{proposal}/hide/",
        {"reason": "spam"},
        {"anonymous": 403, "author": 403, "other": 403, "moderator": 302},
    ),
    (
        "/petit-debat/claims/{proposal}/restore/",
        {},
        {"anonymous": 403, "author": 403, "other": 403, "moderator": 302},
    ),
    (
        "/petit-debat/relations/{relation}/hide/",
        {"reason": "spam"},
        {"anonymous": 403, "author": 403, "other": 403, "moderator": 302},
    ),
    (
        "/petit-debat/relations/{relation}/restore/",
        {},
        {"anonymous": 403, "author": 403, "other": 403, "moderator": 302},
    ),
    (
        "/petit-debat/claims/thesis/history/{version}/restore/",
        {},
        {"anonymous": 403, "author": 403, "other": 403, "moderator": 302},
    ),
]


@pytest.mark.parametrize("persona", ["anonymous", "author", "other", "moderator"])
@pytest.mark.parametrize(("url", "data", "expected"), MORE, ids=[row[0] for row in MORE])
def test_permission_matrix_for_claims_and_relations(
    client, alice, bob, maud, small_debate, persona, url, data, expected
):
    thesis = small_debate.claims.get(slug="thesis")
    proposal = thesis.propose_argument(alice, "objection", "Proposition d'Alice")
    relation = small_debate.claims.get(slug="support-rent").propose_relation(
        alice, "objection", small_debate.claims.get(slug="hostile")
    )
    version = thesis.history.earliest("history_date").history_id
    url = url.format(proposal=proposal.slug, relation=relation.pk, version=version)
    as_persona(client, persona, {"author": alice, "other": bob, "moderator": maud})
    response = client.post(url, data)
    assert response.status_code == expected[persona]
    if persona == "anonymous" and expected[persona] == 302:
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("persona", ["anonymous", "author", "other", "moderator"])
def test_the_queue_is_for_moderators(client, alice, bob, maud, note, persona):
    as_persona(client, persona, {"author": alice, "other": bob, "moderator": maud})
    expected = 200 if persona == "moderator" else 403
    assert client.get("/moderation/").status_code == expected


def test_a_flag_reaches_the_queue_and_hiding_keeps_a_trace(client, bob, maud, note):
    client.force_login(bob)
    client.post(f"/annotations/{note.pk}/flag/", {"reason": "hors sujet"})
    client.post(f"/annotations/{note.pk}/flag/", {"reason": "encore"})  # once per reader
    assert Flag.objects.count() == 1
    client.force_login(maud)
    queue = client.get("/moderation/").content.decode()
    assert "Texte d'Alice" in queue and "1 signalement" in queue
    response = client.post(
        f"/annotations/{note.pk}/hide/", {"reason": "insulte", "next": "/moderation/"}
    )
    assert response["Location"] == "/moderation/"
    note.refresh_from_db()
    assert note.is_hidden and note.hidden_by == maud and note.body == "Texte d'Alice"
    client.logout()
    page = client.get(CLAIM).content.decode()
    assert "Masquée par les modérateurs : insulte" in page
    assert "Texte d'Alice" not in page
    client.force_login(maud)
    assert "Texte d'Alice" in client.get(CLAIM).content.decode()  # moderators still see it
    client.post(f"/annotations/{note.pk}/restore/")
    note.refresh_from_db()
    assert not note.is_hidden and Flag.objects.count() == 0


def test_hiding_needs_a_reason(client, maud, note):
    client.force_login(maud)
    response = client.post(
        f"/annotations/{note.pk}/hide/", {"reason": "  "}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 400
    note.refresh_from_db()
    assert not note.is_hidden


def test_an_author_cannot_edit_a_hidden_annotation(client, alice, maud, note):
    note.hide(maud, "insulte")
    client.force_login(alice)
    assert client.post(f"/annotations/{note.pk}/edit/", {"body": "contourné"}).status_code == 403


def test_readers_see_a_flag_form_and_moderators_a_hide_form(client, bob, maud, note):
    client.force_login(bob)
    html = client.get(CLAIM).content.decode()
    assert f'action="/annotations/{note.pk}/flag/"' in html
    assert f'action="/annotations/{note.pk}/hide/"' not in html
    client.force_login(maud)
    html = client.get(CLAIM).content.decode()
    assert f'hx-post="/annotations/{note.pk}/hide/"' in html
    assert 'id="hide-' in html and "Motif, montré aux lecteurs" in html
