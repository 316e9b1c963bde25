"""Editors see the drafts on the map (issue 22): their draft claims and relations drawn
highlighted (a thick dashed magenta outline, the word "draft" in the box), attached where
they answer, with a legend and a link back to the drafts; every editor sees every editor's
drafts, named. Readers, moderators, staff and anonymous visitors never see one: not on the
page, not in the files, not through any cache, even after an editor drew that very view."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command

from arguments.maps.views import EXPORTS
from arguments.record.models import Relation
from arguments.workbench.actions import publish_drafts
from arguments.workbench.models import DraftClaim, DraftRelation
from tests.conftest import grow

pytestmark = pytest.mark.usefixtures("english")

URL = "/petit-debat/map/"
STATEMENT = "Feudalism needs lords, and platforms are landlords."
LEGEND = "Your drafts (only editors see them until published)"
HOSTILE = "\"]; digraph x { <script>alert('x')</script> & \\N"
SVG = "{http://www.w3.org/2000/svg}"


def new_draft(debate, editor, source, statement=STATEMENT) -> DraftClaim:
    return DraftClaim.objects.create(
        debate=debate,
        editor=editor,
        quoted_from=source,
        holder=debate.participants.get(slug="alice-author"),
        statement=statement,
        statement_en=statement,
        quotation="une conclusion qui ne dit rien de plus",
        paragraph=3,
    )


@pytest.fixture
def draft(small_debate, essay_text, edith) -> DraftClaim:
    return new_draft(small_debate, edith, essay_text.source)


@pytest.fixture
def objection(small_debate, draft, edith) -> DraftRelation:
    """The draft objects to the debate's thesis: an editors' link."""
    return DraftRelation.objects.create(
        debate=small_debate,
        editor=edith,
        from_draft=draft,
        kind="objection",
        to_claim=small_debate.claims.get(slug="thesis"),
        layer="editors",
        justification="The draft answers the thesis.",
    )


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("stan", "stan@example.org", "x", is_staff=True)


def draft_boxes(html: str) -> list[str]:
    """The ids of the draft boxes drawn (Graphviz writes "-" as "&#45;" in ids)."""
    return re.findall(r'<g id="claim&#45;(d[0-9]+)" class="node draft"', html)


def page(client, **headers) -> str:
    response = client.get(URL, headers=headers)
    assert response.status_code == 200
    return response.content.decode()


def inline_svg(html: str) -> ET.Element:
    """The map's drawing, parsed as XML: it is well-formed, its text escaped."""
    start = html.index('<svg role="group"')
    end = html.index("</svg>", start) + len("</svg>")
    return ET.fromstring(html[start:end])


def texts(element: ET.Element) -> str:
    return " ".join(" ".join(element.itertext()).split())


def test_an_editor_sees_her_draft_claim_and_objection_on_the_map(
    client, edith, draft, objection, small_debate
):
    client.force_login(edith)
    html = page(client)

    assert draft_boxes(html) == [f"d{draft.pk}"]
    svg = inline_svg(html)
    (box,) = [g for g in svg.iter(f"{SVG}g") if g.get("id") == f"claim-d{draft.pk}"]
    assert "✎ draft · Alice" in texts(box) and "Feudalism needs lords" in texts(box)
    path = box.find(f".//{SVG}path")
    assert path.get("stroke") == "#c8006e" and path.get("stroke-dasharray")
    thesis = small_debate.claims.get(slug="thesis")
    line_id = f"rd{draft.pk}_{thesis.pk}_objection"
    (line,) = [g for g in svg.iter(f"{SVG}g") if g.get("id") == line_id]
    assert "layer-draft" in line.get("class")
    assert "draft: editors' link: The draft answers the thesis." in texts(line)
    # The legend says what they are, for whom, and leads back to the drafts.
    assert LEGEND in html
    assert 'href="/petit-debat/workbench/#drafts-heading"' in html
    assert "(✎ draft)" in html  # in the text outline too
    # Hers alone: neither a proxy nor her browser keeps it.
    assert "no-store" in client.get(URL)["Cache-Control"]


def test_htmx_redraws_the_editors_map_with_her_drafts(client, edith, draft, objection):
    client.force_login(edith)
    response = client.get(URL, {"direction": "LR"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.startswith('<section id="map"') or '<section id="map"' in html[:600]
    assert draft_boxes(html) == [f"d{draft.pk}"] and LEGEND in html
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("reader", ["anonymous", "alice", "maud", "staff"])
def test_no_one_but_editors_sees_drafts_even_after_an_editor_drew_the_view(
    client, request, edith, draft, objection, reader
):
    editor = request.getfixturevalue("client").__class__()
    editor.force_login(edith)
    for headers in ({}, {"HX-Request": "true"}):
        assert draft_boxes(page(editor, **headers))
    if reader != "anonymous":
        client.force_login(request.getfixturevalue(reader))
    for _time in range(2):  # the second from whatever cache the first filled
        for headers in ({}, {"HX-Request": "true"}):
            html = page(client, **headers)
            assert draft_boxes(html) == []
            assert STATEMENT not in html and LEGEND not in html
            assert "claim-d" not in html


def test_an_editor_gets_her_drafts_even_where_readers_page_is_kept(
    client, alice, edith, draft, objection
):
    """The page kept for anonymous readers, with a signed-in reader's header stitched in,
    is never what an editor gets while the debate holds drafts."""
    assert STATEMENT not in page(client)  # kept for readers
    client.force_login(alice)
    assert STATEMENT not in page(client)  # stitched from it
    client.force_login(edith)
    assert draft_boxes(page(client)) == [f"d{draft.pk}"]


def test_without_drafts_an_editor_gets_the_readers_page(client, edith, small_debate):
    client.force_login(edith)
    html = page(client)
    assert LEGEND not in html and "draft-legend" not in html
    assert "no-store" not in client.get(URL).get("Cache-Control", "")


@pytest.mark.parametrize("extension", sorted(EXPORTS))
def test_downloads_are_the_readers_map_even_for_an_editor(client, edith, objection, extension):
    client.force_login(edith)
    drawn = client.get(f"/petit-debat/map.{extension}").content
    cache.clear()
    DraftClaim.objects.all().delete()  # the readers' file, made afresh with no draft at all
    assert client.get(f"/petit-debat/map.{extension}").content == drawn or extension == "pdf"
    if extension != "pdf":  # a PDF is dated to the second by Cairo: its text is not plain
        assert b"Feudalism" not in drawn and b"draft" not in drawn.lower()


def test_export_map_never_draws_drafts(client, edith, draft, objection, tmp_path):
    client.force_login(edith)
    assert draft_boxes(page(client))
    for extension in ("svg", "dot", "md"):
        path = tmp_path / f"map.{extension}"
        call_command("export_map", "petit-debat", "-o", str(path), stderr=io.StringIO())
        content = path.read_text()
        assert "Feudalism" not in content and "cd" + str(draft.pk) not in content


def test_after_publishing_the_claim_is_an_ordinary_claim_for_everyone(
    client, edith, draft, objection, small_debate
):
    client.force_login(edith)
    assert draft_boxes(page(client))
    publish_drafts(small_debate, edith)
    for user in (edith, None):
        if user is None:
            client.logout()
        html = page(client)
        assert draft_boxes(html) == [] and LEGEND not in html
        assert STATEMENT in html
        published = small_debate.claims.get(statement=STATEMENT)
        assert f'id="claim&#45;{published.pk}" class="node"' in html
    relation = Relation.objects.get(from_claim=published)
    assert f'id="r{published.pk}_{relation.to_claim_id}_objection"' in html


def test_other_editors_drafts_are_shown_to_editors_with_their_editors_name(
    client, django_user_model, edith, draft, objection, essay_text, small_debate
):
    eve = django_user_model.objects.create_user("eve", "eve@example.org", "x")
    eve.groups.add(Group.objects.get(name="editors"))
    own = new_draft(small_debate, eve, essay_text.source, "Eve's own draft.")
    client.force_login(eve)
    html = page(client)
    assert sorted(draft_boxes(html)) == sorted([f"d{draft.pk}", f"d{own.pk}"])
    assert "✎ draft by edith" in html and "Other editors' drafts are drawn too" in html


def test_a_draft_undercut_and_a_draft_link_between_record_claims_attach_where_they_should(
    client, edith, draft, small_debate
):
    claims = {claim.slug: claim for claim in small_debate.claims.all()}
    answered = Relation.objects.get(
        from_claim=claims["objection-capitalism"], to_claim=claims["thesis"]
    )
    common = {"debate": small_debate, "editor": edith, "layer": "editors", "justification": "J."}
    DraftRelation.objects.create(from_draft=draft, kind="undercut", to_relation=answered, **common)
    DraftRelation.objects.create(
        from_claim=claims["deep-support"], kind="support", to_claim=claims["thesis"], **common
    )
    client.force_login(edith)
    svg = inline_svg(page(client))
    ids = {g.get("id"): g.get("class") for g in svg.iter(f"{SVG}g")}
    thesis, capitalism = claims["thesis"].pk, claims["objection-capitalism"].pk
    # Onto the middle point of the relation it denies, as the record's undercuts are.
    assert "layer-draft" in ids[f"ud{draft.pk}_{capitalism}_{thesis}_objection"]
    assert "layer-draft" in ids[f"r{claims['deep-support'].pk}_{thesis}_support"]


def test_around_a_claim_only_the_drafts_answering_what_is_drawn(
    client, edith, draft, objection, small_debate
):
    client.force_login(edith)
    html = client.get(URL, {"claim": "thesis", "depth": "1"}).content.decode()
    assert draft_boxes(html) == [f"d{draft.pk}"]
    html = client.get(URL, {"claim": "deep-support", "depth": "1"}).content.decode()
    assert draft_boxes(html) == []
    assert "Your drafts are not drawn on this view" in html
    assert 'href="/petit-debat/workbench/#drafts-heading"' in html


def test_a_hostile_draft_statement_is_inert(client, edith, essay_text, small_debate):
    new_draft(small_debate, edith, essay_text.source, HOSTILE)
    client.force_login(edith)
    html = page(client)
    assert len(draft_boxes(html)) == 1
    assert "<script>alert" not in html and "digraph x" in html
    svg = inline_svg(html)  # well-formed: the text escaped, not markup
    assert "\"]; digraph x { <script>alert('x')</script>" in texts(svg)
    assert svg.find(f".//{SVG}script") is None


def test_the_editors_map_page_takes_a_bounded_number_of_queries(
    client, edith, draft, objection, small_debate, django_assert_max_num_queries
):
    client.force_login(edith)
    page(client)
    with django_assert_max_num_queries(16):
        assert draft_boxes(page(client))
    grow(small_debate, 30)
    page(client)
    with django_assert_max_num_queries(16):
        assert draft_boxes(page(client))
