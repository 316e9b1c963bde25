"""Open Graph and Twitter cards in the head of claim, relation, debate and map pages, and
the small map image they show: a PNG drawn by Graphviz through the map's machinery."""

import re
import struct
from html import unescape

import pytest

from arguments.record.models import Relation


def meta(html: str) -> dict[str, str]:
    head = html.split("</head>", 1)[0]
    pairs = re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', head)
    return {name: unescape(value) for name, value in pairs}


def test_the_claim_page_has_cards(client, small_debate):
    tags = meta(client.get("/petit-debat/claims/thesis/").content.decode())
    assert tags["og:title"] == "Le numérique est un féodalisme."
    assert tags["og:description"] == "Le numérique est un féodalisme."
    assert tags["og:type"] == "article"
    assert tags["og:url"] == "http://testserver/petit-debat/claims/thesis/"
    card = "http://testserver/petit-debat/claims/thesis/card.png"
    assert tags["og:image"] == card and tags["twitter:image"] == card
    assert tags["og:image:alt"].startswith("La carte des arguments autour de « Le numérique")
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["twitter:title"] == "Le numérique est un féodalisme."


def test_relation_debate_and_map_pages_have_cards(client, small_debate):
    relation = Relation.objects.get(from_claim__slug="support-rent")
    tags = meta(client.get(f"/petit-debat/relations/{relation.pk}/").content.decode())
    assert tags["og:title"] == (
        "« Les plateformes prélèvent une rente. » soutient « Le numérique est un féodalisme. »"
    )
    assert tags["og:image"].endswith("/petit-debat/claims/thesis/card.png")

    tags = meta(client.get("/petit-debat/").content.decode())
    assert tags["og:type"] == "website" and tags["og:title"] == "Un petit débat"
    assert tags["og:url"] == "http://testserver/petit-debat/"
    assert tags["og:image"].startswith("http://testserver/petit-debat/claims/")

    tags = meta(client.get("/petit-debat/map/?claim=thesis&depth=2").content.decode())
    assert tags["og:title"] == "Carte autour de « Le numérique est un féodalisme. »"
    assert tags["og:url"] == "http://testserver/petit-debat/map/?claim=thesis&depth=2"
    assert tags["og:image"] == "http://testserver/petit-debat/claims/thesis/card.png"
    tags = meta(client.get("/petit-debat/map/").content.decode())
    assert tags["og:title"] == "Carte du débat « Un petit débat »"


def test_user_text_in_the_cards_is_inert(client, small_debate):
    html = client.get("/petit-debat/claims/hostile/").content.decode()
    head = html.split("</head>", 1)[0]
    assert "<script>" not in head and "<b>" not in head
    tags = meta(html)
    # The whole statement, quotes and all, stays inside its attribute.
    assert tags["og:title"].startswith("Citation <script>alert('x')</script> \"guillemets\"")
    assert head.count('<meta property="og:title"') == 1


def png_size(content: bytes) -> tuple[int, int]:
    assert content.startswith(b"\x89PNG\r\n\x1a\n")
    return struct.unpack(">II", content[16:24])


def test_the_card_is_a_small_png_of_the_claims_neighbourhood(client, small_debate):
    response = client.get("/petit-debat/claims/objection-capitalism/card.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    width, height = png_size(response.content)
    assert 0 < width <= 1200 and 0 < height <= 630


def test_the_card_is_kept_for_readers(client, small_debate, django_assert_num_queries):
    url = "/petit-debat/claims/thesis/card.png"
    first = client.get(url)
    with django_assert_num_queries(0):
        again = client.get(url)
    assert again.content == first.content


def test_the_card_counts_against_the_render_bound(client, small_debate, settings):
    settings.MAP_RENDERS_PER_MINUTE = 0
    response = client.get("/petit-debat/claims/thesis/card.png")
    assert response.status_code == 429
    assert response["Retry-After"]


@pytest.mark.parametrize("url", ["/petit-debat/claims/thesis/card.png?size=big"])
def test_the_card_refuses_parameters(client, small_debate, url):
    assert client.get(url).status_code == 400
