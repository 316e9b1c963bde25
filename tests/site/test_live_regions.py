"""The markers static/js/swap-focus.js reads (issue 19): expanders say they are collapsed,
swapped content says where focus goes and what to announce, the polite #status region stays
outside every swapped target, and form errors come as an alert linked to their fields. With
and without HX-Request; the browser side is tests/site/test_keyboard.py."""

import re

import pytest

from annotations.models import Annotation
from arguments.record.models import Claim

CLAIM = "/petit-debat/claims/thesis/"
WRITE = CLAIM + "annotations/"
HTMX = {"HX-Request": "true"}
STATUS = '<div id="status" class="visually-hidden" role="status" aria-live="polite"'


def section(html: str, start: str) -> str:
    """The element opening with `start`, up to its closing tag (no nesting of the same tag)."""
    tag = re.match(r"<(\w+)", start).group(1)
    begin = html.index(start)
    return html[begin : html.index(f"</{tag}>", begin)]


@pytest.mark.django_db
def test_an_expander_is_collapsed_and_named_by_its_visible_text(client, small_debate):
    html = client.get("/petit-debat/").content.decode()
    expander = section(html, '<a class="expand"')
    assert 'aria-expanded="false"' in expander
    assert "aria-label" not in expander  # the name is the visible text, then the context
    assert re.search(
        r'<span aria-hidden="true">▸ </span>\d+ arguments?<span class="visually-hidden"> ', expander
    )


@pytest.mark.django_db
def test_an_opened_branch_is_labelled_and_takes_focus_only_when_swapped_in(client, small_debate):
    url = "/petit-debat/claims/objection-capitalism/"
    branch = client.get(url, headers=HTMX).content.decode().lstrip()
    opening = branch[: branch.index(">")]
    assert opening.startswith('<ul class="branch" aria-label="')
    assert 'data-swap-focus="first"' in opening
    assert branch.count("data-swap-focus") == 1  # the branches inside it are not marked
    page = client.get(url).content.decode()
    assert "data-swap-focus" not in page and STATUS in page


@pytest.mark.django_db
def test_the_status_region_is_in_every_page_and_outside_the_swapped_parts(client, small_debate):
    for url, swapped in [
        (CLAIM, '<section id="annotations"'),
        ("/petit-debat/search/?q=rente", '<div id="search-results"'),
        ("/petit-debat/standing/", '<section id="replay"'),
        ("/petit-debat/answers/", '<section id="answers"'),
    ]:
        html = client.get(url).content.decode()
        assert html.count('id="status"') == 1, url
        assert 'id="status"' not in section(html, swapped), url
        partial = client.get(url, headers=HTMX).content.decode()
        assert 'id="status"' not in partial, url
        assert "aria-live" not in section(html, swapped), url
    # The swapped parts are no live regions: replaced whole, they would not be read.
    threads = section(client.get(CLAIM).content.decode(), '<ol class="threads"')
    assert 'aria-live="polite"' not in threads


@pytest.mark.django_db
def test_the_live_thread_says_how_to_count_new_items(client, small_debate):
    threads = section(client.get(CLAIM).content.decode(), '<ol class="threads"')
    assert 'data-announce-new="li[id]"' in threads
    assert "data-announce-one=" in threads and "{count}" in threads
    assert "data-announce=" not in client.get(WRITE, headers=HTMX).content.decode()  # the poll


def test_a_published_annotation_is_announced_and_focused(client, alice, small_debate):
    client.force_login(alice)
    response = client.post(WRITE, {"body": "Une note."}, headers=HTMX)
    html = response.content.decode()
    new = Annotation.objects.get(body="Une note.")
    assert re.search(r'<section id="annotations"[^>]* data-announce="[^"]+"', html)
    assert f'id="annotation-{new.pk}" tabindex="-1" data-swap-focus>' in html
    assert html.count("data-swap-focus") == 1
    # Without JavaScript: back to the page (PRG), where nothing takes focus.
    response = client.post(WRITE, {"body": "Une autre."})
    assert response.status_code == 302
    assert "data-swap-focus" not in client.get(CLAIM).content.decode()


def test_a_reply_is_focused_and_a_refused_one_links_to_its_field(client, alice, small_debate):
    client.force_login(alice)
    parent = Annotation.objects.create(
        author=alice, claim=Claim.objects.get(slug="thesis"), body="Première."
    )
    url = f"/annotations/{parent.pk}/reply/"
    html = client.post(url, {"body": "Réponse."}, headers=HTMX).content.decode()
    answer = Annotation.objects.get(body="Réponse.")
    assert f'id="annotation-{answer.pk}" tabindex="-1" data-swap-focus>' in html
    response = client.post(url, {"body": "   "}, headers=HTMX)
    assert response.status_code == 400
    errors = section(response.content.decode(), '<ul class="error" role="alert"')
    assert "data-swap-focus" in errors and f'href="#reply-{parent.pk}"' in errors


def test_a_refused_flag_opens_its_form_and_links_to_its_field(client, alice, bob, small_debate):
    note = Annotation.objects.create(
        author=alice, claim=Claim.objects.get(slug="thesis"), body="Première."
    )
    client.force_login(bob)
    response = client.post(f"/annotations/{note.pk}/flag/", {"reason": " "}, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 400
    assert f'href="#flag-{note.pk}"' in section(html, '<ul class="error" role="alert"')
    assert '<details class="flag" open>' in html


@pytest.mark.parametrize("htmx", [True, False])
def test_a_refused_annotation_has_an_error_summary(client, alice, small_debate, htmx):
    client.force_login(alice)
    data = {"body": "Texte", "tags": "<pas-une-étiquette>"}
    response = client.post(WRITE, data, headers=HTMX if htmx else {})
    assert response.status_code == 400
    summary = section(response.content.decode(), '<div class="error error-summary"')
    assert 'role="alert" tabindex="-1" data-swap-focus' in summary
    assert re.findall(r'href="(#[^"]+)"', summary) == ["#id_tags"]
    # Without JavaScript, a whole page (title, language, #status), not the bare fragment.
    assert ('<html lang="fr">' in response.content.decode()) is not htmx


@pytest.mark.django_db
def test_login_and_signup_errors_are_an_alert_linked_to_the_fields(client):
    response = client.post("/accounts/login/", {"username": "nobody", "password": "wrong"})
    summary = section(response.content.decode(), '<div class="error error-summary"')
    assert 'role="alert"' in summary
    assert re.findall(r'href="(#[^"]+)"', summary) == ["#id_username"]  # the form's own error
    response = client.post("/accounts/signup/", {"username": ""})
    summary = section(response.content.decode(), '<div class="error error-summary"')
    links = re.findall(r'href="(#[^"]+)"', summary)
    assert "#id_username" in links and len(links) >= 2
    assert "error-summary" not in client.get("/accounts/login/").content.decode()


@pytest.mark.django_db
def test_search_results_announce_their_count_when_swapped(client, small_debate):
    url = "/petit-debat/search/?q=publicité"
    partial = client.get(url, headers=HTMX).content.decode()
    assert re.search(r'<div id="search-results" data-announce="1 [^"]*publicité', partial)
    assert "data-announce" not in client.get(url).content.decode()


@pytest.mark.django_db
def test_a_replay_step_announces_itself_and_keys_its_controls(client, small_debate):
    url = "/petit-debat/standing/?as_of=2025-10-31"
    partial = client.get(url, headers=HTMX).content.decode()
    announced = r'<section id="replay" class="replay" data-announce="[^"]*1[^"]*2[^"]*2025"'
    assert re.search(announced, partial)
    assert 'data-focus-key="step-next"' in partial
    page = client.get(url).content.decode()
    assert "data-announce" not in page and 'data-focus-key="step-next"' in page


def test_refused_proposals_have_error_summaries_linked_to_their_fields(client, alice, small_debate):
    client.force_login(alice)
    url = "/petit-debat/claims/thesis/propose/"
    response = client.post(url + "argument/", {"kind": "support", "statement": " "})
    assert response.status_code == 400
    summary = section(response.content.decode(), '<div class="error error-summary"')
    assert 'role="alert"' in summary and "#id_statement" in summary
    response = client.post(url + "relation/", {"kind": "support", "target": ""})
    summary = section(response.content.decode(), '<div class="error error-summary"')
    assert "#relation-target" in summary
