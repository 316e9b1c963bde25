"""Signed-in readers get the page kept for everyone with their own parts stitched in: the same
document as one made for them, for a few queries, never another reader's parts."""

from __future__ import annotations

import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage

from annotations.models import Annotation
from arguments.record.personal import closing_marker, opening_marker, stitch
from tests.conftest import grow

CLAIM = "/petit-debat/claims/thesis/"
TOKEN = re.compile(r"[A-Za-z0-9]{64}")


def same_document(page: str) -> str:
    """The page with its CSRF tokens (masked anew for each answer) made equal."""
    return TOKEN.sub("TOKEN", page)


def marked(name: str, inner: str) -> str:
    return opening_marker(name) + inner + closing_marker(name)


def test_stitching_replaces_each_marked_part_and_nothing_else():
    page = f"<p>a</p>{marked('account', 'Log in')}<p>b</p>{marked('body', '<body>')}"
    stitched = stitch(page, {"account": "alice", "body": "<body hx-headers='x'>"})
    assert stitched == f"<p>a</p>{marked('account', 'alice')}<p>b</p>" + marked(
        "body", "<body hx-headers='x'>"
    )


def test_a_page_whose_parts_are_not_the_expected_ones_is_not_stitched():
    page = marked("account", "Log in")
    assert stitch(page, {"account": "alice", "body": "<body>"}) is None  # one missing
    assert stitch(page + marked("other", ""), {"account": "alice"}) is None  # one unknown


def test_a_stitched_page_is_the_page_made_for_the_reader(client, small_debate, alice):
    client.force_login(alice)
    made = client.get(CLAIM)
    assert "ETag" not in made
    client.logout()
    client.get(CLAIM)  # kept for everyone
    client.force_login(alice)
    stitched = client.get(CLAIM)
    assert stitched["Cache-Control"] == "private, no-cache" and "ETag" not in stitched
    assert same_document(stitched.content.decode()) == same_document(made.content.decode())
    assert '<span class="user">alice</span>' in stitched.content.decode()


def test_a_stitched_page_costs_few_queries_whatever_the_debate(
    client, small_debate, alice, django_assert_num_queries
):
    client.get(CLAIM)
    client.force_login(alice)
    client.get(CLAIM)  # the proposal forms are kept for the record's generation
    # session, user, her permissions (2: the moderation link), the claim, its thread
    # (annotations, their stance counts)
    with django_assert_num_queries(7):
        assert client.get(CLAIM).status_code == 200
    grow(small_debate, 30)
    client.logout()
    client.get(CLAIM)
    client.force_login(alice)
    client.get(CLAIM)
    with django_assert_num_queries(7):
        assert client.get(CLAIM).status_code == 200


def test_its_forms_carry_the_readers_own_token(client, small_debate, alice):
    client.get(CLAIM)
    csrf_client = type(client)(enforce_csrf_checks=True)
    csrf_client.force_login(alice)
    page = csrf_client.get(CLAIM).content.decode()
    forms = page.split(opening_marker("propose"))[1]  # kept for everyone, with her token
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', forms)[1]
    assert TOKEN.fullmatch(token)
    posted = csrf_client.post(
        CLAIM + "propose/argument/",
        {"kind": "objection", "statement": "Une objection depuis la page assemblée."},
        headers={"X-CSRFToken": token},
    )
    assert posted.status_code == 302
    assert small_debate.claims.filter(statement__startswith="Une objection depuis").exists()


def test_a_reader_never_gets_another_readers_parts(client, small_debate, alice, bob):
    thesis = small_debate.claims.get(slug="thesis")
    Annotation.objects.create(author=alice, claim=thesis, body="La note d'Alice")
    client.get(CLAIM)
    client.force_login(alice)
    alices = client.get(CLAIM).content.decode()
    client.force_login(bob)
    bobs = client.get(CLAIM).content.decode()
    assert '<span class="user">alice</span>' in alices and "alice</span>" not in bobs
    assert '<span class="user">bob</span>' in bobs
    # Alice may edit her own note; Bob may not, but may flag it.
    assert f"/annotations/{thesis.annotations.get().pk}/edit/" in alices
    assert f"/annotations/{thesis.annotations.get().pk}/edit/" not in bobs


def test_markers_in_a_readers_text_are_inert(client, small_debate, alice):
    thesis = small_debate.claims.get(slug="thesis")
    body = f"{opening_marker('account')} piège {closing_marker('account')}"
    Annotation.objects.create(author=alice, claim=thesis, body=body)
    client.get(CLAIM)
    client.force_login(alice)
    page = client.get(CLAIM).content.decode()
    assert page.count(opening_marker("account")) == 1
    assert '<span class="user">alice</span>' in page


def test_a_moderator_and_a_reader_with_a_message_get_the_page_made_for_them(
    client, small_debate, maud, alice, rf
):
    client.get(CLAIM)
    client.force_login(maud)  # she sees hidden items in the shared parts too
    assert "private" not in client.get(CLAIM).get("Cache-Control", "")
    client.force_login(alice)
    waiting = [Message(constants.SUCCESS, "Votre compte est à jour.")]
    client.cookies["messages"] = CookieStorage(rf.get("/"))._encode(waiting)
    page = client.get(CLAIM)
    assert "private" not in page.get("Cache-Control", "")
    assert "Votre compte est à jour." in page.content.decode()


@pytest.mark.parametrize("headers", [{"HX-Request": "true"}])
def test_htmx_partials_are_never_stitched(client, small_debate, alice, headers):
    client.get(CLAIM)
    client.force_login(alice)
    branch = client.get(CLAIM, {"depth": "2"}, headers=headers).content.decode()
    assert "<html" not in branch and opening_marker("account") not in branch


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/petit-debat/",
        "/petit-debat/participants/bruno/",
        "/petit-debat/sources/essai-2025/",
        "/petit-debat/map/",
        "relation",
    ],
)
def test_every_stitched_page_is_the_page_made_for_the_reader(client, small_debate, alice, url):
    if url == "relation":
        relation = small_debate.relations.first()
        Annotation.objects.create(author=alice, relation=relation, body="Sur ce lien")
        url = f"/petit-debat/relations/{relation.pk}/"
    client.force_login(alice)
    made = client.get(url)
    client.logout()
    client.get(url)
    client.force_login(alice)
    stitched = client.get(url)
    assert stitched["Cache-Control"] == "private, no-cache"
    assert same_document(stitched.content.decode()) == same_document(made.content.decode())


def test_a_write_shows_at_once_to_a_signed_in_reader(client, small_debate, alice, bob):
    client.get(CLAIM)
    client.force_login(alice)
    assert "private" in client.get(CLAIM)["Cache-Control"]  # stitched
    Annotation.objects.create(author=bob, claim=small_debate.claims.get(slug="thesis"), body="Vu")
    thesis = small_debate.claims.get(slug="thesis")
    thesis.statement = "Un énoncé revu"
    thesis.save()
    page = client.get(CLAIM).content.decode()
    assert "Un énoncé revu" in page and "<p>Vu</p>" in page
