"""Who may do and see what through the API: the site's permission matrix, sign-in by session
(with CSRF) or token, the write rate limit, and what hidden or deleted content shows."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from annotations.models import Annotation
from arguments.record.models import Relation
from tests.annotations.test_moderation import MATRIX, MORE

DONE = {200, 201, 204}


@pytest.fixture
def note(alice, claims):
    return Annotation.objects.create(author=alice, claim=claims["thesis"], body="Texte d'Alice")


@pytest.fixture
def users(alice, bob, maud, charlie):
    return {"author": alice, "other": bob, "moderator": maud, "admin": charlie}


def as_persona(api, persona: str, users) -> None:
    if persona != "anonymous":
        api.force_authenticate(users[persona])


def expected_from_the_web(web_status: int, persona: str) -> set[int]:
    """The web's answer in the API's terms: a page's 302 to a signed-in reader is done; a
    refusal is 403; anonymous visitors are sent to log in on the site, and get 401 here."""
    if persona == "anonymous":
        return {401}
    return DONE if web_status == 302 else {403}


def call(api, method: str, url: str, data):
    return getattr(api, method)(url, data)


# The rows of the site's matrix (tests/annotations/test_moderation.py), as API requests.
ANNOTATION_CALLS = {
    "annotate": ("post", "/api/annotations/", {"claim": "{thesis}", "body": "x"}),
    "reply": ("post", "/api/annotations/", {"parent": "{note}", "body": "x"}),
    "edit": ("patch", "/api/annotations/{note}/", {"body": "y", "version": 1}),
    "delete": ("delete", "/api/annotations/{note}/", None),
    "flag": ("post", "/api/annotations/{note}/flag/", {"reason": "hors sujet"}),
    "hide": ("post", "/api/annotations/{note}/hide/", {"reason": "insulte"}),
    "restore": ("post", "/api/annotations/{note}/restore/", {}),
}
PROPOSAL_CALLS = {
    "/petit-debat/claims/thesis/propose/argument/": (
        "post",
        "/api/claims/",
        {"target": "{thesis}", "kind": "support", "statement": "x"},
    ),
    "/petit-debat/claims/hostile/propose/relation/": (
        "post",
        "/api/relations/",
        {"from_claim": "{hostile}", "to_claim": "{thesis}", "kind": "support"},
    ),
    "/petit-debat/claims/{proposal}/hide/": (
        "post",
        "/api/claims/{proposal}/hide/",
        {"reason": "spam"},
    ),
    "/petit-debat/claims/{proposal}/restore/": ("post", "/api/claims/{proposal}/restore/", {}),
    "/petit-debat/relations/{relation}/hide/": (
        "post",
        "/api/relations/{relation}/hide/",
        {"reason": "spam"},
    ),
    "/petit-debat/relations/{relation}/restore/": (
        "post",
        "/api/relations/{relation}/restore/",
        {},
    ),
}
# Restoring an earlier version of a claim is the one write of the site the API leaves out.
NOT_IN_THE_API = {"/petit-debat/claims/thesis/history/{version}/restore/"}


def fill(template, ids: dict):
    """The URL or data of a call, with the ids of this test's objects put in."""
    if isinstance(template, str):
        value = template.format(**ids)
        return int(value) if template.startswith("{") and value.isdigit() else value
    if isinstance(template, dict):
        return {key: fill(value, ids) for key, value in template.items()}
    return template


def test_every_row_of_the_site_matrix_has_its_api_request():
    assert {row[0] for row in MATRIX} == set(ANNOTATION_CALLS)
    assert {row[0] for row in MORE} == set(PROPOSAL_CALLS) | NOT_IN_THE_API


@pytest.mark.parametrize("persona", ["anonymous", "author", "other", "moderator"])
@pytest.mark.parametrize(("view", "data", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_annotations_follow_the_site_matrix(
    api, users, note, claims, persona, view, data, expected
):
    method, url, api_data = ANNOTATION_CALLS[view]
    ids = {"note": note.pk, "thesis": claims["thesis"].pk}
    as_persona(api, persona, users)
    response = call(api, method, fill(url, ids), fill(api_data, ids))
    assert response.status_code in expected_from_the_web(expected[persona], persona)


@pytest.mark.parametrize("persona", ["anonymous", "author", "other", "moderator"])
@pytest.mark.parametrize(
    ("web_url", "data", "expected"),
    [row for row in MORE if row[0] in PROPOSAL_CALLS],
    ids=[row[0] for row in MORE if row[0] in PROPOSAL_CALLS],
)
def test_proposals_follow_the_site_matrix(
    api, users, alice, claims, persona, web_url, data, expected
):
    proposal = claims["thesis"].propose_argument(alice, "objection", "Proposition d'Alice")
    relation = claims["support-rent"].propose_relation(alice, "objection", claims["hostile"])
    ids = {
        "proposal": proposal.pk,
        "relation": relation.pk,
        "thesis": claims["thesis"].pk,
        "hostile": claims["hostile"].pk,
    }
    method, url, api_data = PROPOSAL_CALLS[web_url]
    as_persona(api, persona, users)
    response = call(api, method, fill(url, ids), fill(api_data, ids))
    assert response.status_code in expected_from_the_web(expected[persona], persona)


# Corrections of the record: staff with the model's permission only, as in the admin.
# Moderators hold change_claim to restore versions on the site, but are not staff.
EDITS = [
    ("patch", "claim", {"statement": "Corrigé"}, "change_claim"),
    ("delete", "claim", None, "delete_claim"),
    ("patch", "relation", {"kind": "objection"}, "change_relation"),
    ("delete", "relation", None, "delete_relation"),
]


@pytest.fixture
def staff(django_user_model):
    """Staff, but without any permission on claims and relations yet."""
    return django_user_model.objects.create_user("sam", password="sam-password", is_staff=True)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", 401),
        ("author", 403),  # even of her own proposal
        ("other", 403),
        ("moderator", 403),
        ("staff", 403),
        ("admin", "done"),
    ],
)
@pytest.mark.parametrize(("method", "model", "data", "codename"), EDITS)
def test_only_staff_with_the_permission_correct_the_record(
    api, users, staff, alice, claims, persona, expected, method, model, data, codename
):
    proposal = claims["thesis"].propose_argument(alice, "support", "Proposition d'Alice")
    target = proposal if model == "claim" else Relation.objects.get(from_claim=proposal)
    url = f"/api/{model}s/{target.pk}/"
    as_persona(api, persona, {**users, "staff": staff})
    response = call(api, method, url, data)
    if expected == "done":
        assert response.status_code in DONE
    else:
        assert response.status_code == expected
        assert type(target).objects.filter(pk=target.pk).exists()


@pytest.mark.parametrize(("method", "model", "data", "codename"), EDITS)
def test_staff_need_the_very_permission(api, staff, claims, method, model, data, codename):
    thesis = claims["thesis"]
    target = thesis if model == "claim" else Relation.objects.get(from_claim=claims["hostile"])
    url = f"/api/{model}s/{target.pk}/"
    api.force_authenticate(staff)
    assert call(api, method, url, data).status_code == 403
    staff.user_permissions.add(
        Permission.objects.get(codename=codename, content_type__app_label="arguments")
    )
    api.force_authenticate(type(staff).objects.get(pk=staff.pk))  # permissions are cached
    assert call(api, method, url, data).status_code in DONE


# Signing in: a session (with its CSRF token) or a token


def test_an_anonymous_write_is_401_with_the_scheme_to_use(api, claims):
    response = api.post("/api/annotations/", {"claim": claims["thesis"].pk, "body": "x"})
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert not Annotation.objects.exists()


def test_a_session_write_needs_the_csrf_token(alice, claims):
    api = APIClient(enforce_csrf_checks=True)
    api.force_login(alice)  # login() gives django-axes no request to count against
    data = {"claim": claims["thesis"].pk, "body": "Avec ma session"}
    refused = api.post("/api/annotations/", data)
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    api.get("/accounts/login/")  # any page with a form sets the CSRF cookie
    token = api.cookies["csrftoken"].value
    assert api.post("/api/annotations/", data, headers={"X-CSRFToken": token}).status_code == 201
    assert Annotation.objects.get().author.username == "alice"


def test_a_token_for_a_username_and_password(alice, claims):
    api = APIClient(enforce_csrf_checks=True)
    response = api.post("/api/token/", {"username": "alice", "password": "alice-password"})
    assert response.status_code == 200
    key = response.json()["token"]
    assert response.json() == {"token": Token.objects.get(user=alice).key}
    again = api.post("/api/token/", {"username": "alice", "password": "alice-password"})
    assert again.json()["token"] == key  # the same token every time
    data = {"claim": claims["thesis"].pk, "body": "Avec mon jeton"}
    written = api.post("/api/annotations/", data, headers={"Authorization": f"Token {key}"})
    assert written.status_code == 201  # no CSRF token needed: no cookie is involved
    assert written.json()["author"] == "alice"
    wrong = api.post("/api/annotations/", data, headers={"Authorization": "Token nope"})
    assert wrong.status_code == 401


@pytest.mark.parametrize(
    "data",
    [
        {"username": "alice", "password": "wrong"},
        {"username": "nobody", "password": "alice-password"},
        {"username": "alice"},
    ],
)
def test_no_token_without_the_right_password(api, alice, data):
    response = api.post("/api/token/", data)
    assert response.status_code == 400
    assert not Token.objects.exists()


def test_guesses_at_a_password_are_slowed_down(api, alice):
    for _attempt in range(10):
        assert api.post("/api/token/", {"username": "alice", "password": "x"}).status_code == 400
    response = api.post("/api/token/", {"username": "alice", "password": "alice-password"})
    assert response.status_code == 429 and "Retry-After" in response


def test_a_correction_by_token_is_recorded_under_its_user(api, charlie, claims):
    key = Token.objects.create(user=charlie).key
    thesis = claims["thesis"]
    response = api.patch(
        f"/api/claims/{thesis.pk}/",
        {"statement": "Corrigé par jeton"},
        headers={"Authorization": f"Token {key}"},
    )
    assert response.status_code == 200
    assert thesis.history.first().history_user == charlie


# The write rate limit: the site's, and one budget with the pages


def test_writes_beyond_the_limit_are_429(api, settings, alice, bob, claims):
    settings.WRITE_RATE_LIMIT = (3, 60)
    data = {"claim": claims["thesis"].pk, "body": "x"}
    api.force_authenticate(alice)
    for _write in range(3):
        assert api.post("/api/annotations/", data).status_code == 201
    response = api.post("/api/annotations/", data)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert api.get("/api/annotations/").status_code == 200  # reading is not limited
    note = Annotation.objects.first()
    assert api.patch(f"/api/annotations/{note.pk}/", {"body": "y", "version": 1}).status_code == 429
    assert api.delete(f"/api/annotations/{note.pk}/").status_code == 429
    api.force_authenticate(bob)
    assert api.post("/api/annotations/", data).status_code == 201  # per user


def test_the_pages_and_the_api_share_one_budget(api, client, settings, alice, claims):
    settings.WRITE_RATE_LIMIT = (2, 60)
    thesis = claims["thesis"]
    client.force_login(alice)
    assert (
        client.post(f"/petit-debat/claims/{thesis.slug}/annotations/", {"body": "x"}).status_code
        == 302
    )
    api.force_authenticate(alice)
    assert (
        api.post(
            "/api/claims/", {"target": thesis.pk, "kind": "support", "statement": "y"}
        ).status_code
        == 201
    )
    assert api.post("/api/annotations/", {"claim": thesis.pk, "body": "z"}).status_code == 429
    assert (
        client.post(f"/petit-debat/claims/{thesis.slug}/annotations/", {"body": "x"}).status_code
        == 429
    )


def test_moderating_is_not_limited(api, settings, maud, note):
    settings.WRITE_RATE_LIMIT = (1, 60)
    api.force_authenticate(maud)
    for _round in range(2):
        assert api.post(f"/api/annotations/{note.pk}/hide/", {"reason": "x"}).status_code == 200
        assert api.post(f"/api/annotations/{note.pk}/restore/").status_code == 200


# What hidden and deleted content shows


@pytest.fixture
def hidden_proposal(alice, bob, maud, claims):
    """Alice's proposed objection to the thesis, hidden, with what hangs on it."""
    proposal = claims["thesis"].propose_argument(alice, "objection", "Proposition douteuse")
    proposal.hide("spam")
    Annotation.objects.create(author=bob, claim=proposal, body="Sous la proposition")
    claims["thesis"].debate.undercuts.create(
        from_claim=proposal, relation=Relation.objects.get(from_claim=claims["support-rent"])
    )
    return proposal


def visible(api, resource: str) -> list[int]:
    return [item["id"] for item in api.get(f"/api/{resource}/").json()["results"]]


@pytest.mark.parametrize("persona", ["anonymous", "author", "other"])
def test_a_hidden_proposal_is_invisible_but_to_moderators(
    api, users, claims, hidden_proposal, persona
):
    as_persona(api, persona, users)
    relation = Relation.objects.get(from_claim=hidden_proposal)
    assert hidden_proposal.pk not in visible(api, "claims")
    assert relation.pk not in visible(api, "relations")
    assert visible(api, "annotations") == []
    assert visible(api, "undercuts") == []
    assert api.get(f"/api/claims/{hidden_proposal.pk}/").status_code == 404
    assert api.get(f"/api/relations/{relation.pk}/").status_code == 404
    assert api.get("/api/claims/", {"q": "douteuse"}).json()["count"] == 0
    if persona != "anonymous":  # nor can it be written on
        answer = api.post("/api/annotations/", {"claim": hidden_proposal.pk, "body": "x"})
        assert answer.status_code == 400 and list(answer.json()) == ["claim"]
        argument = {"target": hidden_proposal.pk, "kind": "support", "statement": "x"}
        assert api.post("/api/claims/", argument).status_code == 400


def test_moderators_see_a_hidden_proposal_and_what_hangs_on_it(api, maud, hidden_proposal):
    api.force_authenticate(maud)
    document = api.get(f"/api/claims/{hidden_proposal.pk}/").json()
    assert document["hidden_reason"] == "spam" and document["hidden_at"] is not None
    assert len(visible(api, "annotations")) == 1 and len(visible(api, "undercuts")) == 1
    relation = Relation.objects.get(from_claim=hidden_proposal)
    assert relation.pk in visible(api, "relations")


def test_a_hidden_proposed_relation_is_invisible(api, bob, claims):
    relation = claims["hostile"].propose_relation(bob, "support", claims["thesis"])
    relation.hide("hors sujet")
    assert relation.pk not in visible(api, "relations")
    assert api.get(f"/api/relations/{relation.pk}/").status_code == 404
    # its claims are the record: still there
    assert claims["hostile"].pk in visible(api, "claims")


@pytest.mark.parametrize(("persona", "reads_it"), [("other", False), ("moderator", True)])
def test_a_hidden_annotation_keeps_its_place_without_its_text(
    api, users, maud, note, persona, reads_it
):
    note.hide(maud, "insulte")
    as_persona(api, persona, users)
    document = api.get(f"/api/annotations/{note.pk}/").json()
    assert (document["status"], document["hidden_reason"]) == ("hidden", "insulte")
    shown = (document["author"], document["stance"], document["tags"], document["body"])
    if reads_it:
        assert shown == ("alice", "comment", [], "Texte d'Alice")
    else:
        assert shown == (None, None, [], None) and document["body_html"] is None
    assert visible(api, "annotations") == [note.pk]


def test_the_author_cannot_edit_a_hidden_annotation(api, alice, maud, note):
    note.hide(maud, "insulte")
    api.force_authenticate(alice)
    response = api.patch(f"/api/annotations/{note.pk}/", {"body": "contourné", "version": 1})
    assert response.status_code == 403


@pytest.mark.parametrize("persona", ["anonymous", "author", "moderator"])
def test_a_deleted_annotation_shows_no_text_to_anyone(api, users, note, persona):
    note.soft_delete()
    as_persona(api, persona, users)
    document = api.get(f"/api/annotations/{note.pk}/").json()
    assert (document["status"], document["author"], document["body"]) == ("deleted", None, None)
