"""What the map shows of readers' annotations (counts in the claims' tooltips) is served
beside the map (`map/notes.json`, added to the tooltips by map-notes.js): an annotation
changes the notes at once, but never the DOT text, the map page or its files, so `dot`
never draws the map again for it and the map page stays in the readers' cache."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET

import pytest

from annotations.models import Annotation
from arguments.maps.build import build_map
from arguments.maps.options import MapOptions

DOT = shutil.which("dot")
pytestmark = pytest.mark.skipif(DOT is None, reason="Graphviz is not installed")

MAP = "/petit-debat/map/"
NOTES = "/petit-debat/map/notes.json"


@pytest.fixture
def thesis(small_debate):
    return small_debate.claims.get(slug="thesis")


def annotate(author, claim, stance="agree") -> Annotation:
    return Annotation.objects.create(author=author, claim=claim, body="Vu", stance=stance)


def dot_text(debate) -> str:
    participants = list(debate.participants.annotate_claim_counts())
    sources = list(debate.sources.in_date_order())
    return build_map(debate, MapOptions(), participants, sources, None).dot_source


# --- the map page ---------------------------------------------------------------------------


def test_an_annotation_leaves_the_dot_text_and_the_record_revision_alone(
    alice, small_debate, thesis
):
    before, revision = dot_text(small_debate), small_debate.revision()
    annotate(alice, thesis)
    after = dot_text(small_debate)
    assert after == before and small_debate.revision() == revision
    assert "annotation" not in after


def test_the_notes_count_each_claims_annotations_by_its_box(client, alice, bob, thesis, english):
    assert client.get(NOTES).json() == {}
    annotate(alice, thesis)
    annotate(bob, thesis, "question")
    assert client.get(NOTES).json() == {f"claim-{thesis.pk}": "2 annotations (agree 1, question 1)"}
    french = client.get(NOTES, headers={"Accept-Language": "fr"}).json()
    assert french == {f"claim-{thesis.pk}": "2 annotations (accord 1, question 1)"}


def test_the_notes_leave_out_hidden_claims_and_annotations(client, alice, thesis, english, maud):
    note = annotate(alice, thesis)
    note.hide(maud, "hors sujet")
    assert client.get(NOTES).json() == {}
    proposal = thesis.propose_argument(alice, "objection", "Une objection proposée.")
    annotate(alice, proposal)
    assert client.get(NOTES).json() == {f"claim-{proposal.pk}": "1 annotation (agree 1)"}
    proposal.hide("hors du débat")
    assert client.get(NOTES).json() == {}


def test_the_notes_of_a_hidden_or_missing_debate_are_a_404(client, small_debate):
    assert client.get("/nope/map/notes.json").status_code == 404
    small_debate.hide("essai")
    assert client.get(NOTES).status_code == 404


def test_an_annotation_leaves_the_map_page_cached_and_changes_the_notes(
    client, alice, bob, thesis, dot_runs, django_assert_num_queries, english
):
    page = client.get(MAP)
    assert f'data-map-notes="{NOTES}"' in page.content.decode() and dot_runs() == 1
    assert "map-notes.js" in page.content.decode()
    annotate(alice, thesis)
    with django_assert_num_queries(0):  # the map page, from the readers' cache
        again = client.get(MAP)
    assert again["ETag"] == page["ETag"] and again.content == page.content
    assert client.get(NOTES).json() == {f"claim-{thesis.pk}": "1 annotation (agree 1)"}
    with django_assert_num_queries(0):  # the notes too, until the next annotation
        client.get(NOTES)
    client.force_login(bob)  # a signed-in reader's map page: its section from the cache
    client.get(MAP)
    assert dot_runs() == 1


def test_an_edit_to_a_claim_draws_the_map_again(client, thesis, dot_runs):
    client.get(MAP)
    thesis.statement = "Un énoncé corrigé"
    thesis.save()
    assert "Un énoncé corrigé" in client.get(MAP).content.decode()
    assert dot_runs() == 2


def test_the_downloaded_svg_is_the_map_as_the_record_without_counts(
    client, alice, thesis, dot_runs, english
):
    before = client.get("/petit-debat/map.svg").content
    annotate(alice, thesis)
    svg = client.get("/petit-debat/map.svg").content
    assert svg == before and b"annotation (" not in svg
    ET.fromstring(svg)  # a valid document
    assert dot_runs() == 1  # the file is not made again for an annotation
    assert "1 annotation (agree 1)" in client.get(NOTES).json().values()  # the notes have it
