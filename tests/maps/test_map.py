"""The map page: its views and filters, folding, exports, caching and time budget."""

import datetime
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache

from arguments.record.models import Claim

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
URL = "/petit-debat/map/"
SVG = "{http://www.w3.org/2000/svg}"


def claims_drawn(client, **params) -> set[str]:
    html = client.get(URL, params, follow=True).content.decode()
    section = html[html.index('<section id="map"') :]
    # The drawing, after the legend's swatches.
    canvas = section.find('class="map-canvas"')
    section = section[canvas : section.index("</svg>", canvas)] if canvas >= 0 else ""
    return {
        slug
        for slug in ["thesis", "support-rent", "objection-capitalism", "hostile", "deep-support"]
        if f'xlink:href="/petit-debat/claims/{slug}/"' in section
    }


def test_the_whole_debate_map_is_inline_svg_titled_and_zoomable(client, small_debate):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="map-canvas" data-map-zoom' in html
    assert '<title id="map-svg-title">Un petit débat</title>' in html
    assert 'aria-labelledby="map-svg-title" aria-describedby="map-svg-desc"' in html
    assert "<script>alert" not in html
    assert claims_drawn(client) == {
        "thesis",
        "support-rent",
        "objection-capitalism",
        "hostile",
        "deep-support",
    }


def test_the_neighbourhood_of_a_claim_to_a_depth(client, small_debate):
    assert claims_drawn(client, claim="thesis", depth="1") == {
        "thesis",
        "support-rent",
        "objection-capitalism",
    }
    assert "deep-support" in claims_drawn(client, claim="thesis", depth="2")


def test_one_participants_positions(client, small_debate):
    # Bruno holds the objection and its answers; the thesis is there as what he attacks.
    assert claims_drawn(client, participant="bruno") == {
        "thesis",
        "objection-capitalism",
        "hostile",
        "deep-support",
    }


def test_one_sources_argument(client, small_debate):
    assert claims_drawn(client, source="essai-2025") == {"thesis", "support-rent"}


def test_as_of_a_date_only_what_was_surely_published(client, small_debate):
    # The essay is dated October 2025: it counts from 31 October; the answer from 2025's end.
    assert claims_drawn(client, as_of="2025-10-31") == {"thesis", "support-rent"}
    html = client.get(URL, {"as_of": "2025-10-30"}, follow=True).content.decode()
    assert "Rien à tracer : aucune affirmation ne figure dans cette vue." in html


def test_every_date_is_sent_to_its_steps_one_address(client, small_debate):
    """Dates between two steps show the same map: one address (and one kept page) per step
    of the debate, not one per date anyone may type."""
    at_a_step = client.get(URL, {"as_of": "2025-10-31"})  # the essay's day: a step
    assert at_a_step.status_code == 200
    for day in ("2025-11-15", "2025-12-30"):  # before the answer: the essay's step
        assert client.get(URL, {"as_of": day})["Location"] == URL + "?as_of=2025-10-31"
    # Before anything: the day before the first step, the empty map.
    assert client.get(URL, {"as_of": "2024-01-01"})["Location"] == URL + "?as_of=2025-10-30"
    assert claims_drawn(client, as_of="2025-11-15") == claims_drawn(client, as_of="2025-10-31")
    htmx = client.get(URL, {"as_of": "2025-11-15"}, headers={"HX-Request": "true"})
    assert htmx["HX-Push-Url"] == URL + "?as_of=2025-10-31"


def test_relation_kinds_labels_and_clusters(client, small_debate):
    assert claims_drawn(client, kind="support") == {
        "thesis",
        "support-rent",
        "objection-capitalism",
        "deep-support",
    }
    short = client.get("/petit-debat/map.dot", {"label": "short"}).content.decode()
    full = client.get("/petit-debat/map.dot", {"label": "full"}).content.decode()
    assert len(short) < len(full)
    clustered = client.get("/petit-debat/map.dot", {"cluster": "source"}).content.decode()
    assert "subgraph cluster_0" in clustered and "Essai sur rien" in clustered


def test_htmx_gets_only_the_map_and_plain_requests_the_page(client, small_debate):
    params = {"claim": "thesis", "depth": "2", "direction": "LR"}
    response = client.get(URL, params, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="map"')
    assert "<html" not in html and "rankdir" not in html
    assert "HX-Request" in response["Vary"]
    page = client.get(URL, params).content.decode()
    assert page.startswith("<!DOCTYPE html>") and '<section id="map"' in page
    # The same controls work as a plain GET form.
    assert '<form class="map-controls" method="get" action="/petit-debat/map/"' in page
    assert '<option value="LR" selected>' in page
    restore = client.get(
        URL, params, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert restore.content.decode().startswith("<!DOCTYPE html>")


def test_the_page_links_to_every_export_of_the_same_view(client, small_debate):
    html = client.get(URL, {"claim": "thesis", "depth": "2"}).content.decode()
    for extension in ["svg", "png", "pdf", "dot", "md"]:
        assert f'href="/petit-debat/map.{extension}?claim=thesis&amp;depth=2"' in html
        assert f'download="petit-debat-claim-thesis-depth-2.{extension}"' in html


def test_the_svg_export_is_named_titled_and_described(client, small_debate):
    response = client.get("/petit-debat/map.svg", {"claim": "thesis", "depth": "2"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert response["Content-Disposition"] == (
        'attachment; filename="petit-debat-claim-thesis-depth-2.svg"'
    )
    root = ET.fromstring(response.content)
    assert root.tag == f"{SVG}svg"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.text.startswith("Un petit débat — ")
    assert "http://testserver/petit-debat/map/?claim=thesis&depth=2" in desc.text
    # Links in a file opened elsewhere lead back to the site.
    assert b'xlink:href="http://testserver/petit-debat/claims/thesis/"' in response.content
    whole = client.get("/petit-debat/map.svg")
    assert 'filename="petit-debat-map.svg"' in whole["Content-Disposition"]


def test_png_pdf_dot_and_markdown_exports(client, small_debate):
    png = client.get("/petit-debat/map.png", {"participant": "bruno"})
    assert png.content.startswith(b"\x89PNG\r\n\x1a\n") and png["Content-Type"] == "image/png"
    assert 'filename="petit-debat-participant-bruno.png"' in png["Content-Disposition"]
    pdf = client.get("/petit-debat/map.pdf")
    assert pdf.content.startswith(b"%PDF-") and pdf["Content-Type"] == "application/pdf"
    dot_text = client.get("/petit-debat/map.dot").content.decode()
    assert dot_text.startswith("// Un petit débat\n")
    checked = subprocess.run(["dot", "-Tcanon"], input=dot_text.encode(), capture_output=True)
    assert checked.returncode == 0, checked.stderr
    markdown = client.get("/petit-debat/map.md", {"claim": "thesis", "depth": "1"})
    assert markdown["Content-Type"].startswith("text/markdown")
    text = markdown.content.decode()
    assert text.startswith("# Un petit débat — ")
    assert "(http://testserver/petit-debat/claims/thesis/)" in text


def test_bad_parameters_are_400_or_404_or_clamped(client, small_debate):
    assert client.get(URL, {"depth": "abc"}).status_code == 400
    clamped = client.get(URL, {"claim": "thesis", "depth": "100000"})
    assert clamped.status_code == 302 and clamped["Location"] == URL + "?claim=thesis&depth=6"
    assert client.get(URL, {"direction": "sideways"}).status_code == 400
    assert client.get(URL, {"colour": "red"}).status_code == 400
    assert client.get(URL, {"participant": "nobody"}).status_code == 400
    assert client.get(URL, {"source": "nowhere"}).status_code == 400
    assert client.get(URL, {"expand": "no-such-claim"}).status_code == 400
    assert client.get(URL, {"as_of": "31/10/2025"}).status_code == 400
    response = client.get(URL, {"kind": "attack"})
    assert response.status_code == 400 and "kind" in response.content.decode()
    assert client.get("/petit-debat/map.svg", {"depth": "x"}).status_code == 400
    assert client.get("/petit-debat/map.exe").status_code == 404
    assert client.get(URL, {"claim": "no-such-claim"}).status_code == 404
    assert client.get("/no-such-debate/map/").status_code == 404


def test_it_rejects_post(client, small_debate):
    assert client.post(URL).status_code == 405
    assert client.post("/petit-debat/map.svg").status_code == 405


def test_without_graphviz_the_map_says_so_and_the_site_works(client, small_debate, settings):
    settings.GRAPHVIZ_DOT = "no-such-graphviz-dot"
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Graphviz" in html and '<details class="outline" id="map-outline" open>' in html
    download = client.get("/petit-debat/map.svg")
    assert download.status_code == 503 and "Graphviz" in download.content.decode()
    assert client.get("/petit-debat/map.md").status_code == 200
    assert client.get("/petit-debat/claims/thesis/").status_code == 200


def test_a_layout_over_its_time_budget_gives_the_outline(client, small_debate, settings):
    settings.GRAPHVIZ_TIMEOUT_SECONDS = 0.0001
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "map-canvas" not in html and '<details class="outline" id="map-outline" open>' in html
    assert 'href="/petit-debat/claims/deep-support/"' in html  # the outline links every claim
    assert client.get("/petit-debat/map.svg").status_code == 503
    # The stopped layout is remembered: no second attempt ties up a worker.
    settings.GRAPHVIZ_TIMEOUT_SECONDS = 10
    assert client.get("/petit-debat/map.svg").status_code == 503
    assert client.get("/petit-debat/map.svg", {"label": "short"}).status_code == 200


def test_a_map_over_its_budget_folds_and_expands_on_click(client, small_debate, settings):
    settings.MAP_NODE_BUDGET = 2
    html = client.get(URL).content.decode()
    assert "+1 autre argument" in html
    assert 'xlink:href="/petit-debat/map/?expand=' in html
    drawn = claims_drawn(client)
    assert len(drawn) == 2
    parent = next(slug for slug in drawn if f"expand={slug}" in html)
    assert len(claims_drawn(client, expand=parent)) > 2


def test_rendered_maps_are_cached_and_an_edit_invalidates_the_maps_it_touches(
    client, small_debate, django_assert_num_queries
):
    client.get(URL, {"participant": "alice-author"})
    client.get(URL, {"participant": "bruno"})
    # Warm, the map alone (htmx): the debate and its revision, nothing read, nothing laid out.
    with django_assert_num_queries(2):
        html = client.get(URL, {"participant": "bruno"}, headers={"HX-Request": "true"})
    assert "objection-capitalism" in html.content.decode()
    renders = {key for key in cache._cache if ":map:svg:" in key}  # locmem's own keys
    # An edit to a claim on Bruno's map only.
    claim = Claim.objects.get(slug="hostile")
    claim.statement = "Une toute nouvelle formulation"
    claim.save()
    assert (
        "Une toute nouvelle formulation"
        in client.get(URL, {"participant": "bruno"}).content.decode()
    )
    after = {key for key in cache._cache if ":map:svg:" in key}
    assert len(after - renders) == 1  # Bruno's map was drawn again...
    # ...Alice's, untouched, is read again (the debate changed) but its DOT is the same, so
    # its layout comes from the cache.
    client.get(URL, {"participant": "alice-author"}, headers={"HX-Request": "true"})
    assert {key for key in cache._cache if ":map:svg:" in key} == after


def test_its_query_count_does_not_grow_with_the_debate(assert_queries_do_not_grow):
    # Cold: the revision for the readers' page cache, debate, claim, participants and
    # sources (controls), revision, then the map's rows around the claim (the relations
    # touching it, its neighbours and theirs: depth + 1 queries; their claims), drawn
    # claims' details, undercuts and annotation counts; the citation's revision (when the
    # record last changed).
    assert_queries_do_not_grow(URL, 12, {"claim": "thesis", "depth": "2"})


def test_a_cached_export_is_served_without_reading_the_debate(
    client, small_debate, django_assert_num_queries
):
    first = client.get("/petit-debat/map.svg", {"participant": "bruno"})
    with django_assert_num_queries(0):  # the file is the readers' cache's
        again = client.get("/petit-debat/map.svg", {"participant": "bruno"})
    assert again.content == first.content
    assert again["Content-Disposition"] == first["Content-Disposition"]


def test_a_cached_file_says_the_day_it_was_made(client, small_debate, monkeypatch):
    """A file is kept for its day: tomorrow's reader gets one made tomorrow."""
    from arguments.record import reader_cache

    first = client.get("/petit-debat/map.svg")
    today = datetime.date.today()

    class Tomorrow(datetime.date):
        @classmethod
        def today(cls):
            return today + datetime.timedelta(days=1)

    monkeypatch.setattr(reader_cache.datetime, "date", Tomorrow)  # the clock, not our code
    later = client.get("/petit-debat/map.svg")
    assert later["ETag"] != first["ETag"]


def test_a_form_query_is_redirected_to_the_views_short_address(client, small_debate):
    # What the controls submit without JavaScript: every field, defaults included.
    form = "direction=BT&source=&as_of=&label=medium&cluster=none&proposals=show"
    response = client.get(
        f"{URL}?{form}&kind=support&kind=objection&kind=rephrase&participant=bruno"
    )
    assert response.status_code == 302 and response["Location"] == URL + "?participant=bruno"
    htmx = client.get(f"{URL}?{form}&participant=bruno", headers={"HX-Request": "true"})
    assert htmx.status_code == 200 and htmx["HX-Push-Url"] == URL + "?participant=bruno"


def test_each_holder_on_a_small_map_gets_its_own_colour(client, small_debate):
    html = client.get(URL, {"claim": "thesis", "depth": "1"}).content.decode()
    assert 'fill="#ffe187"' in html.lower() and 'fill="#4b87a5"' in html.lower()


def test_tooltips_count_readers_annotations(client, alice, small_debate):
    from annotations.models import Annotation

    thesis = small_debate.claims.get(slug="thesis")
    Annotation.objects.create(author=alice, claim=thesis, body="a", stance="agree")
    Annotation.objects.create(author=alice, claim=thesis, body="b", stance="question")
    notes = client.get(URL + "notes.json").json()
    assert notes == {f"claim-{thesis.pk}": "2 annotations (accord 1, question 1)"}


def test_a_readers_proposal_appears_from_the_day_it_was_made(client, alice, small_debate):
    import datetime

    from django.utils import timezone

    thesis = small_debate.claims.get(slug="thesis")
    proposal = thesis.propose_argument(alice, "objection", "Une objection proposée")
    today = timezone.localdate()
    html = client.get(URL, {"as_of": today.isoformat()}, follow=True).content.decode()
    assert f'xlink:href="/petit-debat/claims/{proposal.slug}/"' in html
    assert "proposed by alice" in html or "proposée par alice" in html
    yesterday = (today - datetime.timedelta(days=1)).isoformat()
    html = client.get(URL, {"as_of": yesterday}, follow=True).content.decode()
    assert f'xlink:href="/petit-debat/claims/{proposal.slug}/"' not in html
    hidden = client.get(URL, {"proposals": "hide"}).content.decode()
    assert proposal.slug not in hidden


def test_claim_participant_and_source_pages_link_to_their_maps(client, small_debate):
    claim = client.get("/petit-debat/claims/thesis/").content.decode()
    assert 'href="/petit-debat/map/?claim=thesis&amp;depth=2"' in claim
    participant = client.get("/petit-debat/participants/bruno/").content.decode()
    assert 'href="/petit-debat/map/?participant=bruno"' in participant
    source = client.get("/petit-debat/sources/essai-2025/").content.decode()
    assert 'href="/petit-debat/map/?source=essai-2025"' in source


def test_an_undercut_is_drawn_and_adding_one_redraws_the_map(client, small_debate):
    from arguments.record.models import Undercut

    before = client.get(URL).content.decode()
    # Named in the file's legend (in French once the new wording is translated).
    named = ("sape une relation", "undercuts a relation")
    assert "undercut" not in before and not any(words in before for words in named)
    relation = small_debate.relations.get(from_claim__slug="support-rent")
    undercutter = Claim.objects.get(slug="deep-support")
    Undercut.objects.create(debate=small_debate, from_claim=undercutter, relation=relation)
    html = client.get(URL).content.decode()
    # The support now runs through a point, which the undercutting claim aims at.
    drawn = client.get(URL.replace("/map/", "/map.svg")).content.decode()
    assert (
        f"c{undercutter.pk}&#45;&gt;i{relation.from_claim_id}_{relation.to_claim_id}_support"
        in drawn
    )
    assert any(words in drawn for words in named)
    # On the page, its line is named for screen readers.
    line = f"u{undercutter.pk}_{relation.from_claim_id}_{relation.to_claim_id}_support"
    assert f'<g id="{line}" class="edge" role="img"><title>' in html


def test_a_claim_that_only_undercuts_is_no_thesis(small_debate):
    from arguments.record.models import Undercut

    lonely = Claim.objects.create(
        debate=small_debate, slug="lonely", statement="Cela ne suit pas.", imported=True
    )
    assert lonely in small_debate.claims.theses()
    relation = small_debate.relations.get(from_claim__slug="support-rent")
    Undercut.objects.create(debate=small_debate, from_claim=lonely, relation=relation)
    assert lonely not in small_debate.claims.theses()
