"""Hidden means hidden everywhere: what moderators hid (a proposal, a relation, an annotation,
a whole debate) is, to a reader, as missing as an address that never was, on every page, in
every form and in the API; moderators see it, with a notice, and nobody writes on it."""

import re

import pytest
from django.utils import timezone

from annotations.models import Annotation
from arguments.record.models import Claim, Debate, Relation
from tests.conftest import TokenClient, change_debate

MISSING = 10**6


@pytest.fixture(autouse=True)
def in_english(client):
    """Pages in English: the messages checked here are read as written."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def hidden(small_debate, alice, bob):
    """A proposed objection to the thesis and a proposed relation, both hidden; an
    annotation on each; and a relation of the record from a claim then hidden."""
    thesis = small_debate.claims.get(slug="thesis")
    claim = thesis.propose_argument(alice, "objection", "Énoncé masqué")
    claim.hide("spam")
    relation = small_debate.claims.get(slug="hostile").propose_relation(bob, "support", thesis)
    relation.hide("hors sujet")
    through_claim = Relation.objects.get(from_claim=claim)  # shown itself, its claim hidden
    return {
        "claim": claim,
        "relation": relation,
        "through_claim": through_claim,
        "on_claim": Annotation.objects.create(author=alice, claim=claim, body="Note cachée"),
        "on_relation": Annotation.objects.create(
            author=alice, relation=relation, body="Note sur lien caché"
        ),
    }


def page_of(client, url: str, **kwargs) -> tuple[int, str]:
    """The status and text of a page, less what differs between any two answers: the
    masked CSRF token and the address itself (in the language switcher's links)."""
    answer = client.get(url, **kwargs)
    text = re.sub(r'(X-CSRFToken": "|value=")[A-Za-z0-9]{64}', r"\1…", answer.text)
    return answer.status_code, text.replace(url, "…")


def relation_addresses(pk: int) -> list[str]:
    base = f"/petit-debat/relations/{pk}/"
    return [base, base + "history/", base + "annotations/"]


def claim_addresses(slug: str) -> list[str]:
    base = f"/petit-debat/claims/{slug}/"
    return [base, base + "history/", base + "annotations/"]


@pytest.mark.parametrize("persona", [None, "alice"])
@pytest.mark.parametrize("htmx", [False, True])
def test_a_hidden_relation_answers_exactly_as_a_missing_one(client, hidden, alice, persona, htmx):
    """Relation ids are sequential: counting through them must reveal nothing."""
    if persona:
        client.force_login(alice)
    headers = {"HX-Request": "true"} if htmx else {}
    for relation in (hidden["relation"], hidden["through_claim"]):
        for seen, missing in zip(
            relation_addresses(relation.pk), relation_addresses(MISSING), strict=True
        ):
            answer = page_of(client, seen, headers=headers)
            assert answer == page_of(client, missing, headers=headers), seen
            assert answer[0] == 404


@pytest.mark.parametrize("persona", [None, "alice"])
def test_a_hidden_claim_and_its_history_and_thread_are_missing(client, hidden, alice, persona):
    if persona:
        client.force_login(alice)  # even for the one who proposed it
    for seen, missing in zip(
        claim_addresses(hidden["claim"].slug), claim_addresses("nope"), strict=True
    ):
        answer = page_of(client, seen)
        assert answer == page_of(client, missing) and answer[0] == 404, seen


def test_moderators_see_hidden_items_with_a_notice(client, hidden, maud):
    client.force_login(maud)
    claim_page = client.get(hidden["claim"].get_absolute_url()).text
    assert "Énoncé masqué" in claim_page and "spam" in claim_page
    assert "Hidden by the moderators: readers cannot see it" in claim_page
    relation_page = client.get(hidden["relation"].get_absolute_url()).text
    assert "hors sujet" in relation_page and "Note sur lien caché" in relation_page
    through = client.get(hidden["through_claim"].get_absolute_url()).text
    assert "A claim this relation joins is hidden by the moderators" in through
    for url in [
        *claim_addresses(hidden["claim"].slug),
        *relation_addresses(hidden["relation"].pk),
    ]:
        assert client.get(url).status_code == 200, url


def test_pages_that_list_claims_and_relations_leave_hidden_ones_out(
    client, hidden, alice, small_debate
):
    client.force_login(alice)
    shown_claims = small_debate.claims.shown().count()
    shown_relations = small_debate.relations.shown().count()
    assert shown_claims < small_debate.claims.count()
    assert shown_relations < small_debate.relations.count()
    debate_page = client.get("/petit-debat/").text
    assert f"{shown_claims} claims, {shown_relations} relations" in debate_page
    # The proposal form lists the claims one may argue for or against: never a hidden one.
    for url in ("/petit-debat/claims/thesis/", "/petit-debat/claims/hostile/"):
        assert "Énoncé masqué" not in client.get(url).text, url
    participant = client.get("/petit-debat/participants/alice-author/").text
    assert "Énoncé masqué" not in participant
    assert "Énoncé masqué" not in client.get("/petit-debat/search/", {"q": "masqué"}).text


READER_WRITES = [
    # (address, data): each writes on the hidden claim or relation, or on an annotation there
    ("/petit-debat/claims/{claim}/annotations/", {"body": "x"}),
    ("/petit-debat/relations/{relation}/annotations/", {"body": "x"}),
    (
        "/petit-debat/claims/{claim}/propose/argument/",
        {"kind": "support", "statement": "Soutien", "quotation": "", "source": ""},
    ),
    ("/petit-debat/claims/{claim}/propose/relation/", {"kind": "support", "target": "thesis"}),
    ("/annotations/{on_claim}/reply/", {"body": "x"}),
    ("/annotations/{on_relation}/reply/", {"body": "x"}),
    ("/annotations/{on_claim}/edit/", {"body": "y", "version": "1"}),  # not theirs: 403
    ("/annotations/{on_claim}/delete/", {}),
    ("/annotations/{on_relation}/flag/", {"reason": "x"}),
]


def write_address(template: str, hidden) -> str:
    return template.format(
        claim=hidden["claim"].slug,
        relation=hidden["relation"].pk,
        on_claim=hidden["on_claim"].pk,
        on_relation=hidden["on_relation"].pk,
    )


@pytest.mark.parametrize(("template", "data"), READER_WRITES)
def test_no_write_reaches_a_hidden_item(client, hidden, alice, maud, template, data):
    """A reader (the author of the annotation here) meets a missing item; a moderator, who
    sees it, is told it is hidden. Nothing is written either way."""
    url = write_address(template, hidden)
    before = (Annotation.objects.count(), Claim.objects.count(), Relation.objects.count())
    client.force_login(alice)
    assert client.post(url, data).status_code == 404
    assert client.get(url.replace("/reply/", "/history/")).status_code in (404, 405)
    client.force_login(maud)
    refused = client.post(url, data)
    assert refused.status_code == (403 if url.endswith(("/edit/", "/delete/")) else 400)
    assert (Annotation.objects.count(), Claim.objects.count(), Relation.objects.count()) == before
    note = Annotation.objects.get(pk=hidden["on_claim"].pk)
    assert (note.body, note.deleted_at) == ("Note cachée", None)


def test_history_of_an_annotation_on_a_hidden_claim_is_missing_to_its_author(client, hidden, alice):
    client.force_login(alice)
    assert client.get(f"/annotations/{hidden['on_claim'].pk}/history/").status_code == 404


def test_a_hidden_item_s_versions_are_not_restored(client, hidden, charlie, small_debate):
    client.force_login(charlie)  # staff, allowed to change the record, and a moderator
    relation = hidden["relation"]
    version = relation.history.earliest("history_date").history_id
    url = f"/petit-debat/relations/{relation.pk}/history/{version}/restore/"
    assert client.post(url).status_code == 400
    relation.refresh_from_db()
    assert relation.hidden_at is not None
    history = client.get(f"/petit-debat/relations/{relation.pk}/history/").text
    assert "/restore/" not in history  # nothing offered


def test_restoring_a_version_keeps_what_moderators_decided(client, charlie, alice, small_debate):
    """A version from before a proposal was hidden, or while it was, carries that state: a
    restore must neither show again what is hidden nor hide again what was restored."""
    claim = small_debate.claims.get(slug="thesis").propose_argument(alice, "support", "Un")
    claim.hide("spam")
    while_hidden = claim.history.latest("history_date").history_id
    claim.restore()
    client.force_login(charlie)
    url = f"/petit-debat/claims/{claim.slug}/history/{while_hidden}/restore/"
    assert client.post(url).status_code == 302
    claim.refresh_from_db()
    assert (claim.hidden_at, claim.hidden_reason) == (None, "")


def test_a_hidden_annotation_takes_no_reply_and_no_flag(client, hidden, small_debate, bob, maud):
    note = Annotation.objects.create(
        author=bob, claim=small_debate.claims.get(slug="thesis"), body="Note masquée"
    )
    note.hide(maud, "insulte")
    client.force_login(bob)
    thread = client.get("/petit-debat/claims/thesis/annotations/").text
    assert "Note masquée" not in thread and "insulte" in thread
    assert f"/annotations/{note.pk}/reply/" not in thread  # no reply form under it
    replied = client.post(f"/annotations/{note.pk}/reply/", {"body": "Réponse"})
    assert replied.status_code == 400 and "takes no more replies" in replied.text
    assert client.post(f"/annotations/{note.pk}/flag/", {"reason": "x"}).status_code == 400
    assert not note.replies.exists() and not note.flags.exists()
    api = TokenClient()
    api.force_authenticate(bob)
    assert api.post("/api/annotations/", {"parent": note.pk, "body": "x"}).status_code == 400
    assert api.post(f"/api/annotations/{note.pk}/flag/", {"reason": "x"}).status_code == 400
    assert api.get(f"/api/annotations/{note.pk}/").json()["body"] is None


# The API, aligned with the pages.


@pytest.fixture
def api():
    return TokenClient()


def test_the_api_answers_hidden_items_as_missing_and_refuses_writes_on_them(
    api, hidden, alice, maud
):
    api.force_authenticate(alice)
    claim, relation = hidden["claim"], hidden["relation"]
    for url in (
        f"/api/claims/{claim.pk}/",
        f"/api/relations/{relation.pk}/",
        f"/api/relations/{hidden['through_claim'].pk}/",
        f"/api/annotations/{hidden['on_claim'].pk}/",
    ):
        assert api.get(url).status_code == 404, url
    writes = [
        ("/api/annotations/", {"claim": claim.pk, "body": "x"}),
        ("/api/annotations/", {"relation": relation.pk, "body": "x"}),
        ("/api/annotations/", {"parent": hidden["on_claim"].pk, "body": "x"}),
        ("/api/claims/", {"target": claim.pk, "kind": "support", "statement": "x"}),
        (
            "/api/relations/",
            {"from_claim": claim.pk, "to_claim": relation.to_claim_id, "kind": "support"},
        ),
    ]
    count = Annotation.objects.count(), Claim.objects.count(), Relation.objects.count()
    for url, data in writes:
        assert api.post(url, data).status_code == 400, (url, data)
    api.force_authenticate(maud)  # sees them, writes on none
    assert api.get(f"/api/claims/{claim.pk}/").status_code == 200
    for url, data in writes:
        answer = api.post(url, data)
        assert answer.status_code == 400 and "Hidden by the moderators" in answer.text, url
    edit = api.patch(f"/api/annotations/{hidden['on_claim'].pk}/", {"body": "y", "version": 1})
    assert edit.status_code in (400, 403)
    assert (Annotation.objects.count(), Claim.objects.count(), Relation.objects.count()) == count


# Hidden and unpublished debates.


@pytest.fixture
def hidden_debate(small_debate):
    change_debate(
        Debate.objects.get(pk=small_debate.pk),
        hidden_at=timezone.now(),
        hidden_reason="débat d'essai",
    )
    return small_debate


DEBATE_PAGES = [
    "/petit-debat/",
    "/petit-debat/about/",
    "/petit-debat/search/?q=rente",
    "/petit-debat/corrections/",
    "/petit-debat/claims/thesis/",
    "/petit-debat/claims/thesis/history/",
    "/petit-debat/claims/thesis/annotations/",
    "/petit-debat/sources/essai-2025/",
    "/petit-debat/participants/alice-author/",
    "/petit-debat/map/",
    "/petit-debat/map.svg",
    "/petit-debat/standing/",
    "/petit-debat/standing/explained/",
]


@pytest.mark.parametrize("persona", [None, "alice"])
def test_every_page_of_a_hidden_debate_is_missing_to_readers(client, hidden_debate, alice, persona):
    if persona:
        client.force_login(alice)
    relation = hidden_debate.relations.first()
    for url in [*DEBATE_PAGES, *relation_addresses(relation.pk)]:
        assert client.get(url).status_code == 404, url


def test_moderators_see_a_hidden_debate_with_a_notice(client, hidden_debate, maud):
    client.force_login(maud)
    for url in DEBATE_PAGES:
        assert client.get(url).status_code == 200, url
    page = client.get("/petit-debat/").text
    assert "This debate is hidden by the moderators" in page and "débat d&#x27;essai" in page


def test_the_api_leaves_a_hidden_debate_out(api, hidden_debate, controversy, alice, maud):
    api.force_authenticate(alice)
    assert api.get("/api/debates/petit-debat/").status_code == 404
    slugs = [debate["slug"] for debate in api.get("/api/debates/").json()["results"]]
    assert slugs == [controversy.slug]
    for resource in ("claims", "relations", "undercuts", "participants", "sources"):
        listed = api.get(f"/api/{resource}/", {"debate": "petit-debat"}).json()
        assert listed["count"] == 0, resource
    thesis = hidden_debate.claims.get(slug="thesis")
    Annotation.objects.create(author=alice, claim=thesis, body="x")
    assert api.get("/api/annotations/").json()["count"] == 0
    assert api.post("/api/annotations/", {"claim": thesis.pk, "body": "y"}).status_code == 400
    api.force_authenticate(maud)
    assert api.get("/api/debates/petit-debat/").status_code == 200
    assert api.get("/api/claims/", {"debate": "petit-debat"}).json()["count"] > 0


def test_an_unpublished_debate_is_unlisted_not_secret(client, api, small_debate, alice):
    change_debate(Debate.objects.get(pk=small_debate.pk), published_at=None)
    page = client.get("/petit-debat/")
    assert page.status_code == 200 and "Not yet published by the moderators" in page.text
    assert 'href="/petit-debat/"' not in client.get("/").text
    assert api.get("/api/debates/").json()["count"] == 0
    assert api.get("/api/debates/petit-debat/").status_code == 200


def test_a_hidden_debate_is_not_exported_to_readers(client, hidden_debate, alice, maud):
    client.force_login(alice)
    assert client.get("/petit-debat/export/json/").status_code == 404
    client.force_login(maud)
    assert client.get("/petit-debat/export/json/").status_code == 200


def test_hiding_a_debate_ends_the_pages_cached_for_anonymous_readers(client, small_debate):
    for url in ("/petit-debat/map/", "/petit-debat/standing/", "/petit-debat/"):
        assert client.get(url).status_code == 200, url  # now in the readers' cache
    small_debate.hide("débat d'essai")
    for url in ("/petit-debat/map/", "/petit-debat/standing/", "/petit-debat/"):
        assert client.get(url).status_code == 404, url
