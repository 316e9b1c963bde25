"""Open data: a debate's files for anyone, with no account, on the site and through the API;
what anonymous readers see and nothing hidden; made once and kept by the readers' cache;
bounded per client like map renders; linked from every page's footer."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from annotations.models import Annotation
from arguments.interchange import native, store
from arguments.interchange.formats import FORMATS

SITE = "/petit-debat/export/{}/"
API = "/api/debates/petit-debat/export/{}/"
EXPORTS_PAGE = "/petit-debat/export/"


@pytest.fixture
def hidden_things(small_debate, alice, bob, maud):
    """A hidden proposed claim, a hidden proposed relation and a hidden annotation, each with
    words found nowhere else."""
    thesis = small_debate.claims.get(slug="thesis")
    claim = thesis.propose_argument(alice, "objection", "Proposition cachée zéphyr")
    claim.hide("hors sujet")
    relation = small_debate.claims.get(slug="hostile").propose_relation(bob, "support", thesis)
    relation.hide("doublon")
    annotation = Annotation.objects.create(
        author=bob, claim=thesis, body="Annotation cachée quetzal", stance="disagree"
    )
    annotation.hide(maud, "injurieux")
    shown = thesis.propose_argument(alice, "support", "Proposition visible ornithorynque")
    return {"claim": claim, "relation": relation, "annotation": annotation, "shown": shown}


@pytest.mark.parametrize("address", [SITE, API])
@pytest.mark.parametrize("name", sorted(FORMATS))
def test_anyone_downloads_each_format_without_an_account(client, small_debate, address, name):
    response = client.get(address.format(name))
    assert response.status_code == 200
    assert response["Content-Type"] == FORMATS[name].content_type
    assert response["Content-Disposition"].startswith('attachment; filename="petit-debat.')
    assert "Les plateformes prélèvent une rente." in response.content.decode()


@pytest.mark.parametrize("address", [SITE, API])
@pytest.mark.parametrize("name", sorted(FORMATS))
def test_an_anonymous_export_holds_nothing_hidden(client, hidden_things, address, name):
    text = client.get(address.format(name)).content.decode()
    for hidden in ("zéphyr", "quetzal", hidden_things["claim"].slug, "bob"):
        assert hidden not in text, hidden
    # The Web Annotation file has quotations and annotations only; Kialo's cannot mark a
    # reader's proposal, which would come back as the texts' own argument: left out.
    if name not in ("annotations", "kialo"):
        assert "ornithorynque" in text  # a proposal readers see is in it


def test_a_hidden_annotation_keeps_its_place_but_not_who_wrote_what(client, hidden_things):
    data = json.loads(client.get(SITE.format("json")).content)
    assert data == native.to_native(
        store.document_from_debate(hidden_things["shown"].debate, False)
    )
    (kept,) = [a for a in data["annotations"] if a.get("hidden_at")]
    assert kept.get("author", "") == "" and kept.get("body", "") == ""
    assert kept.get("stance", "comment") == "comment" and not kept.get("tags")
    relations = {(r["from_claim"], r["to_claim"]) for r in data["relations"]}
    assert ("hostile", "thesis") not in relations


def test_a_moderator_still_downloads_everything(client, maud, hidden_things):
    client.force_login(maud)
    text = client.get(SITE.format("json")).content.decode()
    assert "zéphyr" in text and "quetzal" in text


@pytest.mark.parametrize("address", [SITE, API])
def test_a_hidden_debate_is_missing(client, small_debate, address):
    small_debate.hide("débat d'essai")
    assert client.get(address.format("json")).status_code == 404


def test_an_export_is_made_once_and_kept_until_the_debate_changes(
    client, alice, small_debate, django_assert_num_queries, settings
):
    settings.EXPORTS_PER_MINUTE = 1  # kept answers are never counted
    for address in (SITE, API):
        first = client.get(address.format("argdown"))
        with django_assert_num_queries(0):
            for _ in range(3):
                again = client.get(address.format("argdown"))
                assert again.status_code == 200 and again.content == first.content
        settings.EXPORTS_PER_MINUTE += 1
    small_debate.claims.get(slug="thesis").propose_argument(alice, "support", "Nouvel argument")
    settings.EXPORTS_PER_MINUTE = 10
    assert "Nouvel argument" in client.get(SITE.format("argdown")).content.decode()
    assert "Nouvel argument" in client.get(API.format("argdown")).content.decode()


def test_a_new_annotation_is_in_the_next_export(client, alice, small_debate):
    assert "Lu et approuvé" not in client.get(SITE.format("annotations")).content.decode()
    Annotation.objects.create(
        author=alice, claim=small_debate.claims.get(slug="thesis"), body="Lu et approuvé"
    )
    assert "Lu et approuvé" in client.get(SITE.format("annotations")).content.decode()


def test_an_anonymous_export_takes_the_same_queries_at_any_size(
    client, small_debate, django_assert_num_queries
):
    from tests.conftest import grow

    # The debate, then seven for the document.
    with django_assert_num_queries(8):
        client.get(SITE.format("json"))
    grow(small_debate, 30)
    with django_assert_num_queries(8):
        client.get(SITE.format("json"))
    with django_assert_num_queries(8):
        client.get(API.format("json"))


def test_exports_made_are_bounded_per_address(client, small_debate, settings):
    settings.EXPORTS_PER_MINUTE = 2
    assert client.get(SITE.format("json")).status_code == 200
    assert client.get(API.format("aif")).status_code == 200
    refused = client.get(SITE.format("argdown"))
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "fichiers" in refused.content.decode()
    refused = client.get(API.format("kialo"))
    assert refused.status_code == 429 and "detail" in refused.json()
    # Those already made are served all the same; another address has its own bound.
    assert client.get(SITE.format("json")).status_code == 200
    other = client.get(SITE.format("argdown"), REMOTE_ADDR="192.0.2.9")
    assert other.status_code == 200


def test_signed_in_readers_have_their_own_higher_bound(client, alice, small_debate, settings):
    settings.EXPORTS_PER_MINUTE, settings.EXPORTS_PER_MINUTE_SIGNED_IN = 0, 2
    client.force_login(alice)
    assert client.get(SITE.format("json")).status_code == 200
    assert client.get(SITE.format("json")).status_code == 200  # not kept for her: counted
    assert client.get(SITE.format("json")).status_code == 429


@pytest.mark.parametrize(
    "query", ["?x=1", "?format=json", "?" + "a" * 10_000, "?%00=1", "?next=//evil.example"]
)
def test_an_export_takes_no_parameter(client, small_debate, settings, query):
    settings.EXPORTS_PER_MINUTE = 0  # a refused address makes nothing, so spends nothing
    response = client.get(SITE.format("json") + query)
    assert response.status_code == 400


@pytest.mark.parametrize("name", ["docx", "JSON", "a" * 300])
def test_an_unknown_format_is_missing(client, small_debate, name):
    assert client.get(SITE.format(name)).status_code == 404
    assert client.get(API.format(name)).status_code == 404


def test_an_export_is_not_a_write(client, small_debate):
    assert client.post(SITE.format("json")).status_code == 405
    assert client.post(API.format("json")).status_code in (401, 403, 405)


# The exports page and the footer ---------------------------------------------------------


def test_the_exports_page_lists_every_format_and_the_api(client, small_debate):
    page = client.get(EXPORTS_PAGE)
    assert page.status_code == 200
    for name in FORMATS:
        assert f'href="{SITE.format(name)}"' in page.text
        assert f'href="{API.format(name)}"' in page.text
    assert 'href="/api/docs/"' in page.text and 'href="/petit-debat/map/"' in page.text
    assert client.get(EXPORTS_PAGE + "?x=1").status_code == 400
    assert client.post(EXPORTS_PAGE).status_code == 405
    small_debate.hide("débat d'essai")
    assert client.get(EXPORTS_PAGE).status_code == 404


@pytest.mark.parametrize(
    "url", ["/", "/petit-debat/", "/petit-debat/claims/thesis/", "/petit-debat/search/?q=rente"]
)
def test_every_page_footer_links_to_the_api_docs_and_the_downloads(client, small_debate, url):
    page = client.get(url).content.decode()
    footer = page.split('<footer class="site-footer">')[1]
    assert f'href="{reverse("api:docs")}"' in footer
    if url != "/":
        assert f'href="{EXPORTS_PAGE}"' in footer


def test_the_api_docs_answer_anonymous_readers(client, db):
    assert client.get(reverse("api:docs")).status_code == 200


def test_the_schema_says_exports_need_no_account_and_are_bounded(client, db):
    paths = json.loads(client.get("/api/schema/", HTTP_ACCEPT="application/json").content)["paths"]
    export = paths["/api/debates/{slug}/export/{format_name}/"]["get"]
    assert {} in export["security"]  # anonymous allowed
    assert "Retry-After" in export["responses"]["429"]["description"]
    assert {} not in paths["/api/debates/import/"]["post"]["security"]


@pytest.mark.parametrize("address", [SITE, API])
def test_hiding_ends_the_kept_export(client, alice, bob, maud, small_debate, address):
    thesis = small_debate.claims.get(slug="thesis")
    proposal = thesis.propose_argument(alice, "objection", "Bientôt cachée xylophone")
    note = Annotation.objects.create(author=bob, claim=thesis, body="Note bientôt cachée tapir")
    assert "xylophone" in client.get(address.format("json")).content.decode()  # now kept
    proposal.hide("hors sujet")
    note.hide(maud, "injurieux")
    text = client.get(address.format("json")).content.decode()
    assert "xylophone" not in text and "tapir" not in text
