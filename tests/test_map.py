"""The map page and its SVG download."""

import shutil
import xml.etree.ElementTree as ET

import pytest

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
URL = "/petit-debat/map/"


def test_the_whole_debate_map_is_inline_svg_with_links(client, small_debate):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<div class="map-canvas"><svg' in html
    for slug in ["thesis", "support-rent", "objection-capitalism", "hostile", "deep-support"]:
        assert f'xlink:href="/petit-debat/claims/{slug}/"' in html
    assert "<script>alert" not in html


def test_the_neighbourhood_of_a_claim_to_a_depth(client, small_debate):
    html = client.get(URL, {"claim": "thesis", "depth": "1"}).content.decode()
    assert 'xlink:href="/petit-debat/claims/objection-capitalism/"' in html
    assert 'xlink:href="/petit-debat/claims/deep-support/"' not in html
    html = client.get(URL, {"claim": "thesis", "depth": "2"}).content.decode()
    assert 'xlink:href="/petit-debat/claims/deep-support/"' in html


def test_htmx_gets_only_the_map(client, small_debate):
    response = client.get(URL, {"claim": "thesis", "depth": "2"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="map"')
    assert "<html" not in html
    assert "HX-Request" in response["Vary"]


def test_the_download_is_the_same_map_as_a_named_svg_file(client, small_debate):
    response = client.get("/petit-debat/map.svg", {"claim": "thesis", "depth": "2"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert response["Content-Disposition"] == (
        'attachment; filename="petit-debat-claim-thesis-depth-2.svg"'
    )
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    whole = client.get("/petit-debat/map.svg")
    assert 'filename="petit-debat-map.svg"' in whole["Content-Disposition"]


def test_the_page_links_to_the_download_of_the_same_view(client, small_debate):
    html = client.get(URL, {"claim": "thesis", "depth": "2"}).content.decode()
    assert 'href="/petit-debat/map.svg?claim=thesis&amp;depth=2"' in html


def test_bad_parameters_are_400_or_clamped(client, small_debate):
    assert client.get(URL, {"depth": "abc"}).status_code == 400
    assert client.get(URL, {"claim": "thesis", "depth": "100000"}).status_code == 200
    assert client.get(URL, {"direction": "sideways"}).status_code == 400
    assert client.get(URL, {"colour": "red"}).status_code == 400
    assert client.get("/petit-debat/map.svg", {"depth": "x"}).status_code == 400
    assert client.get(URL, {"claim": "no-such-claim"}).status_code == 404
    assert client.get("/no-such-debate/map/").status_code == 404


def test_without_graphviz_the_map_says_so_and_the_site_works(client, small_debate, settings):
    settings.GRAPHVIZ_DOT = "no-such-graphviz-dot"
    response = client.get(URL)
    assert response.status_code == 200
    assert "Graphviz" in response.content.decode()
    download = client.get("/petit-debat/map.svg")
    assert download.status_code == 503 and "Graphviz" in download.content.decode()
    assert client.get("/petit-debat/claims/thesis/").status_code == 200


def test_its_query_count_does_not_grow_with_the_debate(assert_queries_do_not_grow):
    assert_queries_do_not_grow(URL, 6, {"claim": "thesis"})


def test_each_holder_on_a_small_map_gets_its_own_colour(client, small_debate):
    html = client.get(URL, {"claim": "thesis", "depth": "1"}).content.decode()
    assert 'fill="#e69f00"' in html.lower() and 'fill="#56b4e9"' in html.lower()


def test_tooltips_count_readers_annotations(client, alice, small_debate):
    from annotations.models import Annotation

    thesis = small_debate.claims.get(slug="thesis")
    Annotation.objects.create(author=alice, claim=thesis, body="a", stance="agree")
    Annotation.objects.create(author=alice, claim=thesis, body="b", stance="question")
    html = client.get(URL).content.decode()
    assert "2 annotations (accord 1, question 1)" in html
