"""Every workbench page is the editors' alone: readers and moderators get 403 on GET and
POST; an anonymous visitor is sent to sign in on a GET and refused on a POST."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from arguments.workbench.access import is_editor

URLS = [
    ("arguments:workbench", {}),
    ("arguments:workbench_new_source", {}),
    ("arguments:workbench_source", {"source_slug": "essai-2025"}),
    ("arguments:workbench_text", {"source_slug": "essai-2025"}),
    ("arguments:workbench_new_claim", {"source_slug": "essai-2025"}),
    ("arguments:workbench_check", {"source_slug": "essai-2025"}),
    ("arguments:workbench_publish", {}),
    ("arguments:workbench_discard_draft", {"draft_id": 1}),
]


def url(name: str, kwargs: dict) -> str:
    return reverse(name, kwargs={"debate_slug": "petit-debat", **kwargs})


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(("name", "kwargs"), URLS, ids=[name for name, _ in URLS])
@pytest.mark.parametrize("persona", ["alice", "maud", "charlie_without_group"])
def test_readers_and_moderators_are_refused(
    client, request, essay_text, persona, method, name, kwargs, django_user_model
):
    if persona == "charlie_without_group":
        # A staff member who is neither editor nor superuser: staff is not the editor role.
        user = django_user_model.objects.create_user("staffer", password="x", is_staff=True)
    else:
        user = request.getfixturevalue(persona)
    client.force_login(user)
    response = getattr(client, method)(url(name, kwargs), {"quotation": "x"})
    assert response.status_code == 403
    assert "numérique est un féodalisme, et cela" not in response.content.decode()


@pytest.mark.parametrize(("name", "kwargs"), URLS, ids=[name for name, _ in URLS])
def test_anonymous_visitors_are_sent_to_sign_in_or_refused(client, essay_text, name, kwargs):
    address = url(name, kwargs)
    response = client.get(address)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert client.post(address).status_code == 403


def test_the_text_is_shown_to_editors(client, edith, essay_text):
    client.force_login(edith)
    response = client.get(url("arguments:workbench_source", {"source_slug": "essai-2025"}))
    assert response.status_code == 200
    assert "numérique est un féodalisme, et cela se voit" in response.content.decode()


def test_moderators_are_not_editors_and_editors_not_moderators(maud, edith):
    assert not is_editor(maud)
    assert is_editor(edith)
    assert not edith.has_perm("annotations.moderate_annotation")


def test_grant_editor_grants_and_revokes(alice):
    call_command("grant_editor", "alice")
    alice = type(alice).objects.get(pk=alice.pk)
    assert is_editor(alice)
    call_command("grant_editor", "alice", "--revoke")
    alice = type(alice).objects.get(pk=alice.pk)
    assert not is_editor(alice)


def test_grant_editor_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="no user named"):
        call_command("grant_editor", "nobody")


def test_an_inactive_editor_is_refused(client, edith):
    edith.is_active = False
    edith.save()
    assert not is_editor(edith)


def test_the_migrations_make_the_editors_group_with_its_permission(db):
    from django.contrib.auth.models import Group

    group = Group.objects.get(name="editors")
    assert [p.codename for p in group.permissions.all()] == ["use_workbench"]


def test_the_about_page_links_editors_alone_to_the_workbench(client, small_debate, edith, maud):
    about = reverse("arguments:about", args=["petit-debat"])
    workbench = reverse("arguments:workbench", args=["petit-debat"])
    assert workbench not in client.get(about).content.decode()
    client.force_login(maud)
    assert workbench not in client.get(about).content.decode()
    client.force_login(edith)
    assert workbench in client.get(about).content.decode()
