"""What the map shows of readers' annotations (counts in the claims' tooltips) is joined to
the drawn SVG after rendering: an annotation changes the map page at once, but never the DOT
text, so `dot` never draws the map again for it."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from annotations.models import Annotation
from arguments.maps import dot
from arguments.maps.build import build_map, with_notes
from arguments.maps.options import MapOptions
from arguments.maps.render import inline_svg, render

DOT = shutil.which("dot")
pytestmark = pytest.mark.skipif(DOT is None, reason="Graphviz is not installed")

MAP = "/petit-debat/map/"
XLINK_TITLE = "{http://www.w3.org/1999/xlink}title"


@pytest.fixture
def thesis(small_debate):
    return small_debate.claims.get(slug="thesis")


def annotate(author, claim, stance="agree") -> Annotation:
    return Annotation.objects.create(author=author, claim=claim, body="Vu", stance=stance)


def dot_text(debate) -> str:
    participants = list(debate.participants.annotate_claim_counts())
    sources = list(debate.sources.in_date_order())
    return build_map(debate, MapOptions(), participants, sources, None).dot_source


# --- joined after rendering (pure: no database) --------------------------------------------


def drawn(*nodes: dot.MapNode) -> str:
    return inline_svg(render(dot.build_dot(list(nodes), [], title="Carte")))


def tooltips(svg: str) -> dict[str, str]:
    """Each node link's tooltip, by the id of its group, read by an XML parser."""
    root = ET.fromstring(svg)
    found = {}
    for group in root.iter("{http://www.w3.org/2000/svg}g"):
        link = group.find("{http://www.w3.org/2000/svg}a")
        if link is not None and group.get("id", "").startswith("a_claim"):
            found[group.get("id")] = link.get(XLINK_TITLE)
    return found


def test_a_note_joins_its_claims_tooltip_escaped_and_the_svg_stays_valid():
    svg = drawn(
        dot.MapNode(7, "Un énoncé", "Ana", 0, "/a/?x=1&y=2"),
        dot.MapNode(8, "Un autre", "Léo", 1, "/b/"),
    )
    noted = with_notes(svg, {7: 'Trois "notes" <b>&</b>'})
    found = tooltips(noted)
    assert found["a_claim-7"] == 'Ana: Un énoncé — Trois "notes" <b>&</b>'
    assert found["a_claim-8"] == "Léo: Un autre"  # no note: as drawn


def test_without_notes_the_drawn_map_is_unchanged():
    svg = drawn(dot.MapNode(7, "Un énoncé", "Ana", 0, "/a/"))
    assert with_notes(svg, {}) == svg
    assert with_notes(svg, {99: "une note sur une affirmation absente"}) == svg


# --- the map page ---------------------------------------------------------------------------


def test_an_annotation_leaves_the_dot_text_and_the_record_revision_alone(
    alice, small_debate, thesis
):
    before, revision = dot_text(small_debate), small_debate.revision()
    annotate(alice, thesis)
    after = dot_text(small_debate)
    assert after == before and small_debate.revision() == revision
    assert "annotation" not in after


def test_the_map_page_shows_a_new_count_without_drawing_the_map_again(
    client, alice, bob, thesis, dot_runs, english
):
    first = client.get(MAP).content.decode()
    assert dot_runs() == 1 and "1 annotation (" not in first
    annotate(alice, thesis)
    page = client.get(MAP).content.decode()
    assert "1 annotation (agree 1)" in page
    annotate(bob, thesis, "question")
    section = client.get(MAP, headers={"HX-Request": "true"}).content.decode()
    assert "2 annotations (agree 1, question 1)" in section
    signed_in = client
    signed_in.force_login(alice)
    assert "2 annotations (agree 1, question 1)" in signed_in.get(MAP).content.decode()
    assert dot_runs() == 1


def test_an_edit_to_a_claim_draws_the_map_again(client, thesis, dot_runs):
    client.get(MAP)
    thesis.statement = "Un énoncé corrigé"
    thesis.save()
    assert "Un énoncé corrigé" in client.get(MAP).content.decode()
    assert dot_runs() == 2


def test_an_annotation_costs_the_map_section_one_query_for_its_notes(
    client, alice, bob, thesis, django_assert_num_queries, english
):
    client.force_login(bob)  # signed in: the page is made, its map section comes from cache
    client.get(MAP)
    with CaptureQueriesContext(connection) as unchanged:
        client.get(MAP)
    annotate(alice, thesis)
    with django_assert_num_queries(len(unchanged) + 1):  # the notes, read once
        assert "1 annotation (agree 1)" in client.get(MAP).content.decode()
    with django_assert_num_queries(len(unchanged)):
        client.get(MAP)


def test_the_downloaded_svg_is_the_map_as_the_record_without_counts(
    client, alice, thesis, dot_runs, english
):
    before = client.get("/petit-debat/map.svg").content
    annotate(alice, thesis)
    svg = client.get("/petit-debat/map.svg").content
    assert svg == before and b"annotation (" not in svg
    ET.fromstring(svg)  # a valid document
    assert dot_runs() == 1  # the file is not made again for an annotation
    assert "1 annotation (agree 1)" in client.get(MAP).content.decode()  # the page has it
