"""Annotations on claims: write, reply, edit and delete one's own; htmx and plain forms."""

import re

import pytest

from annotations.models import Annotation

from .test_markup import unsafe_parts

CLAIM = "/petit-debat/claims/thesis/"
WRITE = "/petit-debat/claims/thesis/annotations/"
HTMX = {"HX-Request": "true"}
HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "<svg><script>alert(1)</script></svg>",
    "<a href='https://ok.example' onclick='alert(1)'>x</a>",
    "\u202e\u202d \U0001d573\U0001d58a\U0001d591 " + "é" * 3000,  # bidi controls, odd letters
]


def post(client, data, htmx=False, url=WRITE):
    return client.post(url, data, headers=HTMX if htmx else {})


def test_alice_annotates_without_javascript(client, alice, small_debate):
    client.force_login(alice)
    response = post(client, {"stance": "disagree", "body": "Pas *convaincue*.", "tags": "méthode"})
    assert response.status_code == 302 and response["Location"] == CLAIM + "#annotations"
    html = client.get(CLAIM).content.decode()
    assert "Pas <em>convaincue</em>." in html and "#méthode" in html
    assert "désaccord : 1" in html


def test_htmx_gets_the_thread_only(client, alice, small_debate):
    client.force_login(alice)
    response = post(client, {"stance": "question", "body": "Quelle source ?"}, htmx=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="annotations"') and "<html" not in html
    assert "Quelle source ?" in html


def test_bob_replies_and_the_thread_keeps_order(client, alice, bob, small_debate):
    thesis = small_debate.claims.get(slug="thesis")
    first = Annotation.objects.create(author=alice, claim=thesis, body="Premier")
    client.force_login(bob)
    response = post(client, {"body": "Réponse de Bob"}, url=f"/annotations/{first.pk}/reply/")
    assert response.status_code == 302
    reply = Annotation.objects.get(parent=first)
    assert reply.author == bob and reply.claim == thesis
    html = client.get(CLAIM).content.decode()
    assert html.index("Premier") < html.index("Réponse de Bob")


def test_anonymous_visitors_cannot_write(client, small_debate):
    response = post(client, {"body": "anonyme"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert post(client, {"body": "anonyme"}, htmx=True).status_code == 403
    assert Annotation.objects.count() == 0


@pytest.mark.parametrize(
    "data",
    [
        {"body": "   "},
        {"body": "x", "stance": "love"},
        {"body": "x" * 5001},
        {"body": "x", "tags": "a b c d e f g h i"},
        {"body": "x", "tags": "<script>"},
    ],
)
def test_bad_input_is_refused_and_kept_in_the_form(client, alice, small_debate, data):
    client.force_login(alice)
    response = post(client, data, htmx=True)
    assert response.status_code == 400
    assert Annotation.objects.count() == 0
    if data["body"].strip() and len(data["body"]) < 100:
        assert data["body"] in response.content.decode()  # what was typed is not lost


@pytest.mark.parametrize("body", HOSTILE)
def test_hostile_bodies_are_stored_and_rendered_inert(client, alice, small_debate, body):
    client.force_login(alice)
    assert post(client, {"body": body}).status_code == 302
    assert Annotation.objects.get().body == body.strip()
    html = client.get(CLAIM).content.decode()
    # Typed tags show as text, so only the markup around that text is checked.
    [shown] = re.findall(r'<div class="annotation-body">(.*?)</div>', html, flags=re.DOTALL)
    assert shown and unsafe_parts(shown) == []


def test_a_null_character_is_refused_clearly(client, alice, small_debate):
    client.force_login(alice)
    response = post(client, {"body": "a\u0000b"}, htmx=True)
    assert response.status_code == 400 and Annotation.objects.count() == 0


def test_links_get_nofollow(client, alice, small_debate):
    client.force_login(alice)
    post(client, {"body": "[source](https://example.org/a)"})
    html = client.get(CLAIM).content.decode()
    assert '<a href="https://example.org/a" rel="nofollow noopener ugc">source</a>' in html


def test_authors_edit_and_delete_their_own_only(client, alice, bob, small_debate):
    thesis = small_debate.claims.get(slug="thesis")
    note = Annotation.objects.create(author=alice, claim=thesis, body="Version 1")
    client.force_login(bob)
    assert client.get(f"/annotations/{note.pk}/edit/").status_code == 403
    assert post(client, {"body": "piraté"}, url=f"/annotations/{note.pk}/edit/").status_code == 403
    assert post(client, {}, url=f"/annotations/{note.pk}/delete/").status_code == 403
    client.force_login(alice)
    assert client.get(f"/annotations/{note.pk}/edit/").status_code == 200
    response = post(
        client,
        {"body": "Version 2", "stance": "agree", "tags": "", "version": 1},
        url=f"/annotations/{note.pk}/edit/",
    )
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.body == "Version 2" and note.stance == "agree"
    assert client.get(f"/annotations/{note.pk}/delete/").status_code == 405
    assert post(client, {}, url=f"/annotations/{note.pk}/delete/", htmx=True).status_code == 200
    note.refresh_from_db()
    assert note.is_deleted  # soft: the row stays
    assert "supprimée par son auteur" in client.get(CLAIM).content.decode()


def test_unknown_annotations_are_404(client, alice, small_debate):
    client.force_login(alice)
    assert post(client, {"body": "x"}, url="/annotations/999/reply/").status_code == 404
    assert (
        post(client, {"body": "x"}, url="/petit-debat/claims/nope/annotations/").status_code == 404
    )


def test_the_claim_page_query_count_does_not_grow_with_annotations(
    client, alice, bob, small_debate, django_assert_num_queries
):
    thesis = small_debate.claims.get(slug="thesis")

    def add(count):
        for index in range(count):
            top = Annotation.objects.create(author=alice, claim=thesis, body=f"n{index}")
            top.reply(bob, "r")

    add(2)
    # A reader not signed in, after each new annotation (the page cache misses): 7 for the
    # page and its thread, 1 for its label (kept per claim: the revision; annotations leave
    # the labels' cache alone after the first read), 1 for the claim's newest version (its
    # citation).
    client.get(CLAIM)
    add(1)
    with django_assert_num_queries(9):
        client.get(CLAIM)
    add(20)
    with django_assert_num_queries(9):
        client.get(CLAIM)


def test_polling_is_conditional(client, alice, small_debate):
    first = client.get(WRITE, headers=HTMX)
    assert first.status_code == 200 and first.has_header("ETag")
    again = client.get(WRITE, headers={**HTMX, "If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    Annotation.objects.create(
        author=alice, claim=small_debate.claims.get(slug="thesis"), body="Nouveau"
    )
    changed = client.get(WRITE, headers={**HTMX, "If-None-Match": first["ETag"]})
    assert changed.status_code == 200 and "Nouveau" in changed.content.decode()


def test_only_edited_annotations_say_so(client, alice, small_debate):
    note = Annotation.objects.create(
        author=alice, claim=small_debate.claims.get(slug="thesis"), body="Texte"
    )
    assert "(modifiée)" not in client.get(CLAIM).content.decode()
    note.revise("Texte revu", "comment", "")
    assert "(modifiée)" in client.get(CLAIM).content.decode()


def test_writes_are_rate_limited_per_user(client, alice, bob, small_debate, settings):
    from django.core.cache import cache

    cache.clear()
    settings.WRITE_RATE_LIMIT = (3, 60)
    client.force_login(alice)
    for index in range(3):
        assert post(client, {"body": f"note {index}"}).status_code == 302
    refused = post(client, {"body": "une de trop"})
    assert refused.status_code == 429
    assert "3" in refused.content.decode() and "60" in refused.content.decode()
    assert Annotation.objects.count() == 3
    client.force_login(bob)  # the limit is per user
    assert post(client, {"body": "bob"}).status_code == 302
    cache.clear()


def test_htmx_gets_the_rate_limit_message_above_the_page(client, alice, small_debate, settings):
    from django.core.cache import cache

    cache.clear()
    settings.WRITE_RATE_LIMIT = (1, 60)
    client.force_login(alice)
    post(client, {"body": "une"}, htmx=True)
    refused = post(client, {"body": "deux"}, htmx=True)
    assert refused.status_code == 429 and refused["HX-Retarget"] == "#flash"
    assert refused.content.decode().startswith('<p class="error" role="alert">')
    cache.clear()


def test_a_concurrent_edit_shows_a_conflict_instead_of_overwriting(client, alice, small_debate):
    note = Annotation.objects.create(
        author=alice, claim=small_debate.claims.get(slug="thesis"), body="Version 1"
    )
    client.force_login(alice)
    form_version = note.version
    # The same author, in another tab, saves first.
    assert note.revise("Version de l'autre onglet", "comment", "")
    response = client.post(
        f"/annotations/{note.pk}/edit/",
        {"body": "Ma version", "stance": "agree", "tags": "", "version": form_version},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Version de l'autre onglet" in html and "Ma version" in html  # both shown
    note.refresh_from_db()
    assert note.body == "Version de l'autre onglet"  # nothing overwritten
    # Saving again from the conflict page (it carries the new version) is deliberate.
    response = client.post(
        f"/annotations/{note.pk}/edit/",
        {"body": "Ma version", "stance": "agree", "tags": "", "version": note.version},
    )
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.body == "Ma version" and note.version == 3


def test_hiding_an_annotation_changes_the_thread_etag(client, alice, maud, small_debate):
    note = Annotation.objects.create(
        author=alice, claim=small_debate.claims.get(slug="thesis"), body="Propos blessant"
    )
    first = client.get(WRITE, headers=HTMX)
    assert "Propos blessant" in first.text
    note.hide(maud, "insulte")
    after = client.get(WRITE, headers={**HTMX, "If-None-Match": first["ETag"]})
    assert after.status_code == 200 and after["ETag"] != first["ETag"]
    assert "Propos blessant" not in after.text and "insulte" in after.text
    note.restore()
    restored = client.get(WRITE, headers={**HTMX, "If-None-Match": after["ETag"]})
    assert restored.status_code == 200 and "Propos blessant" in restored.text


@pytest.mark.parametrize("persona", ["reader", "moderator"])
def test_hiding_the_claim_ends_the_thread_s_304s(client, alice, maud, small_debate, persona):
    """A reader polling with the old ETag gets the 404 of a missing claim, not a 304 that
    keeps the thread on screen; a moderator, who still sees it, gets it afresh."""
    thesis = small_debate.claims.get(slug="thesis")
    proposal = thesis.propose_argument(alice, "objection", "Proposition")
    url = f"/petit-debat/claims/{proposal.slug}/annotations/"
    client.force_login(alice if persona == "reader" else maud)
    first = client.get(url, headers=HTMX)
    assert client.get(url, headers={**HTMX, "If-None-Match": first["ETag"]}).status_code == 304
    proposal.hide("spam")
    after = client.get(url, headers={**HTMX, "If-None-Match": first["ETag"]})
    assert after.status_code == (404 if persona == "reader" else 200)
    if persona == "moderator":
        assert after["ETag"] != first["ETag"]


def test_a_relation_thread_s_etag_follows_the_claims_it_joins(client, alice, maud, small_debate):
    thesis = small_debate.claims.get(slug="thesis")
    proposal = thesis.propose_argument(alice, "objection", "Proposition")
    relation = proposal.outgoing.get()
    url = f"/petit-debat/relations/{relation.pk}/annotations/"
    client.force_login(maud)
    first = client.get(url, headers=HTMX)
    proposal.hide("spam")  # the relation itself is not hidden: its claim is
    after = client.get(url, headers={**HTMX, "If-None-Match": first["ETag"]})
    assert after.status_code == 200 and after["ETag"] != first["ETag"]


@pytest.mark.parametrize("version", ["2147483647", "2147483648", str(2**64), "-1", "0", "x", ""])
def test_an_edit_from_a_version_that_cannot_be_is_refused_clearly(
    client, alice, small_debate, version
):
    """2147483647 would make the next version overflow PostgreSQL's integer: a 500 before."""
    note = Annotation.objects.create(
        author=alice, claim=small_debate.claims.get(slug="thesis"), body="Texte"
    )
    client.force_login(alice)
    response = client.post(f"/annotations/{note.pk}/edit/", {"body": "Autre", "version": version})
    assert response.status_code == 400
    assert "ne dit pas quelle version" in response.text or "which version" in response.text
    note.refresh_from_db()
    assert (note.body, note.version) == ("Texte", 1)
