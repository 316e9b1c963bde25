"""Who answers whom: the participants' map and matrix page, the relations behind a pair, the
SVG and CSV files, and the links that lead there."""

from __future__ import annotations

import csv
import html
import io
import re
import shutil
import xml.etree.ElementTree as ET

import pytest

from arguments.record.models import Layer, Relation

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")

PAGE = "/petit-debat/answers/"
LIST = "/petit-debat/answers/relations/"
SHIPPED = "/technofeodalisme/answers/"
CELL = re.compile(
    r'<a class="answer-count answer-count--(objection|support)" href="([^"]+)">'
    r'<span aria-hidden="true">[\u2212+](\d+)</span>'
)
SVG = "{http://www.w3.org/2000/svg}"


def cells(page: str) -> list[tuple[str, str, int]]:
    """The matrix's counts: (kind, list address, count)."""
    return [(kind, html.unescape(url), int(n)) for kind, url, n in CELL.findall(page)]


def listed(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode().count('<li class="argument argument--')


def table(client, url: str) -> dict[tuple[str, str, str], int]:
    """The CSV file as {(from, to, kind): count}."""
    response = client.get(url)
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    return {(row["from_slug"], row["to_slug"], row["kind"]): int(row["count"]) for row in rows}


def editors_link(debate) -> Relation:
    """The editors read Alice's thesis as objecting to Bruno's objection."""
    claims = {claim.slug: claim for claim in debate.claims.all()}
    return Relation.objects.create(
        debate=debate,
        from_claim=claims["thesis"],
        to_claim=claims["objection-capitalism"],
        kind=Relation.Kind.OBJECTION,
        layer=Layer.EDITORS,
        justification="Les éditeurs lisent la thèse comme une réponse.",
    )


# --- The shipped controversy ---------------------------------------------------------


SHIPPED_COUNTS = {
    ("auteur-decomputing", "technopolitique-reactionnaire", "objection"): 2,
    ("auteur-decomputing", "illich", "support"): 1,
    ("auteur-decomputing", "mouvements-handicap", "support"): 1,
    ("durand", "morozov", "objection"): 2,
    ("durand", "biden", "objection"): 1,
    ("durand", "saito", "objection"): 1,
    ("durand", "eco-modernistes", "objection"): 1,
    ("durand", "khan", "objection"): 1,
    ("morozov", "varoufakis", "objection"): 2,
    ("morozov", "varoufakis", "support"): 1,
    ("lordon", "morozov", "support"): 1,
    ("lordon", "la-france-insoumise", "objection"): 8,
    ("lordon", "la-france-insoumise", "support"): 1,
    ("benyattou", "durand", "objection"): 4,
    ("benyattou", "durand", "support"): 8,
    ("benyattou", "wark", "objection"): 1,
    ("rauzy", "big-tech", "objection"): 1,
    ("rauzy", "durand", "objection"): 2,
    ("rauzy", "durand", "support"): 3,
    ("rauzy", "morozov", "objection"): 5,
    ("rauzy", "morozov", "support"): 2,
    ("rauzy", "lordon", "objection"): 6,
    ("rauzy", "lordon", "support"): 1,
}


def test_the_shipped_debate_in_the_texts_own_arguments(client, controversy, english):
    assert table(client, "/technofeodalisme/answers.csv") == SHIPPED_COUNTS
    page = client.get(SHIPPED).content.decode()
    assert sum(SHIPPED_COUNTS.values()) == 56
    assert "56 relations between participants, in 17 ordered pairs." in page
    assert "186 relations of participants to their own claims are left out." in page


@pytest.mark.parametrize("query", ["", "?count=editors", "?count=editors&count=proposals"])
def test_each_cell_counts_the_relations_its_link_lists(client, controversy, query):
    found = cells(client.get(SHIPPED + query).content.decode())
    assert len(found) >= 23
    for _kind, url, count in found:
        assert listed(client, url) == count, url
    if query:  # the editors' row: their links, credited to them, in their own layer
        editors = [url for _kind, url, _count in found if "from=editors" in url]
        assert editors and all("count=editors" in url for url in editors)
        assert "layer layer--editors" in client.get(editors[0]).content.decode()


def test_the_relations_listed_are_the_pairs_and_link_to_their_claims(client, controversy):
    response = client.get(
        "/technofeodalisme/answers/relations/", {"from": "rauzy", "to": "durand", "kind": "support"}
    )
    page = response.content.decode()
    relations = Relation.objects.filter(
        debate=controversy, drawn_by__slug="rauzy", to_claim__holder__slug="durand", kind="support"
    )
    assert relations.count() == 3 == page.count('<li class="argument argument--support">')
    for relation in relations:
        assert f'href="/technofeodalisme/claims/{relation.from_claim.slug}/"' in page
        assert f'href="/technofeodalisme/claims/{relation.to_claim.slug}/"' in page
    assert 'href="/technofeodalisme/answers/"' in page  # back to the map


# --- The small debate: page, switches, files -------------------------------------------


def test_the_page_shows_the_map_and_the_matrix(client, small_debate, english):
    response = client.get(PAGE)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<html" in page and 'action="/petit-debat/answers/"' in page
    assert "data-map-zoom" in page and "<svg" in page and 'id="answers-map-title"' in page
    assert 'href="/petit-debat/questions/"' in page  # the questions page, one click away
    # Bruno objects once to Alice; Alice's support of herself and Bruno's two answers to
    # himself are left out.
    assert cells(page) == [
        (
            "objection",
            "/petit-debat/answers/relations/?from=bruno&to=alice-author&kind=objection",
            1,
        )
    ]
    assert "3 relations of participants to their own claims are left out." in page
    assert "style=" not in page.split("<svg", 1)[0].split("<body", 1)[1]  # CSP: none inline
    assert "<script>" not in page
    # Bruno's hostile name, as text on the page and in the inline map, never as markup.
    assert "<b>&amp;</b>" not in page and "Bruno &lt;b&gt;&amp;amp;&lt;/b&gt;" in page


def test_an_htmx_request_gets_the_section_alone(client, small_debate):
    response = client.get(PAGE, {"count": "editors"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    page = response.content.decode()
    assert page.lstrip().startswith('<section id="answers"') and "<html" not in page
    assert "HX-Request" in response["Vary"]


def test_the_editors_links_are_credited_to_the_editors_when_counted(client, small_debate):
    editors_link(small_debate)
    assert ("editors", "bruno", "objection") not in table(client, "/petit-debat/answers.csv")
    counts = table(client, "/petit-debat/answers.csv?count=editors")
    assert counts == {
        ("bruno", "alice-author", "objection"): 1,
        ("editors", "bruno", "objection"): 1,
    }
    page = client.get(
        LIST, {"from": "editors", "to": "bruno", "kind": "objection", "count": "editors"}
    )
    assert page.content.decode().count('<li class="argument argument--objection">') == 1


def test_readers_proposals_are_credited_to_the_readers_when_counted(client, small_debate, alice):
    thesis = small_debate.claims.get(slug="thesis")
    thesis.propose_argument(alice, "objection", "Une objection de lectrice.")
    small_debate.claims.get(slug="objection-capitalism").propose_relation(alice, "support", thesis)
    assert table(client, "/petit-debat/answers.csv") == {("bruno", "alice-author", "objection"): 1}
    assert table(client, "/petit-debat/answers.csv?count=proposals") == {
        ("bruno", "alice-author", "objection"): 1,
        ("readers", "alice-author", "objection"): 1,
        ("readers", "alice-author", "support"): 1,
    }
    assert listed(client, f"{LIST}?from=readers&to=alice-author&kind=support&count=proposals") == 1


def test_as_of_a_date_only_what_was_public_and_dates_snap_to_a_step(client, small_debate):
    response = client.get(PAGE, {"as_of": "2025-11-15"})
    assert response.status_code == 302
    assert response["Location"] == f"{PAGE}?as_of=2025-10-31"
    page = client.get(response["Location"]).content.decode()
    assert cells(page) == []  # Bruno's reply was not out yet
    assert 'value="2025-10-31"' in page
    page = client.get(PAGE, {"as_of": "2025-12-31"}).content.decode()
    assert len(cells(page)) == 1 and "as_of=2025-12-31" in cells(page)[0][1]
    response = client.get(
        LIST, {"from": "bruno", "to": "alice-author", "kind": "objection", "as_of": "2026-05-01"}
    )
    assert response.status_code == 302 and "as_of=2025-12-31" in response["Location"]
    response = client.get("/petit-debat/answers.csv", {"as_of": "2025-11-01", "count": "editors"})
    assert response["Location"] == "/petit-debat/answers.csv?as_of=2025-10-31&count=editors"


def test_the_svg_file_keeps_a_hostile_name_inert(client, small_debate):
    response = client.get("/petit-debat/answers.svg")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert 'filename="petit-debat-who-answers-whom.svg"' in response["Content-Disposition"]
    document = ET.fromstring(response.content)  # well-formed
    tags = {element.tag for element in document.iter()}
    assert f"{SVG}script" not in tags and f"{SVG}b" not in tags and "b" not in tags
    texts = [element.text or "" for element in document.iter(f"{SVG}text")]
    assert 'Bruno <b>&amp;</b> "Co"' in texts  # shown as written, as text
    links = [a.get("{http://www.w3.org/1999/xlink}href") for a in document.iter(f"{SVG}a")]
    assert (
        "http://testserver/petit-debat/answers/relations/?from=bruno&to=alice-author&kind=objection"
        in links
    )


def test_the_csv_file_guards_against_formulas(client, small_debate):
    bruno = small_debate.participants.get(slug="bruno")
    bruno.name = '=HYPERLINK("http://evil.example","x")'
    bruno.save()
    alice = small_debate.participants.get(slug="alice-author")
    alice.name = "@SUM(1+1)"
    alice.save()
    response = client.get("/petit-debat/answers.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="petit-debat-who-answers-whom.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["from", "from_slug", "to", "to_slug", "kind", "count", "relations"]
    assert rows[1][:6] == [
        '\'=HYPERLINK("http://evil.example","x")',
        "bruno",
        "'@SUM(1+1)",
        "alice-author",
        "objection",
        "1",
    ]
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


@pytest.mark.parametrize(
    "url",
    [
        PAGE + "?colour=red",
        PAGE + "?as_of=2025-13-01",
        PAGE + "?as_of=yesterday",
        PAGE + "?count=everyone",
        "/petit-debat/answers.csv?zoom=2",
        LIST,
        LIST + "?from=bruno&to=alice-author",
        LIST + "?from=bruno&to=alice-author&kind=rephrase",
        LIST + "?from=nobody&to=alice-author&kind=objection",
        LIST + "?from=bruno&to=bruno&kind=objection",
        LIST + "?from=bruno&to=alice-author&kind=objection&page=2",
    ],
)
def test_bad_parameters_are_refused_with_a_message(client, small_debate, english, url):
    response = client.get(url)
    assert response.status_code == 400
    assert (
        "parameter" in response.content.decode().lower() or "left out" in response.content.decode()
    )


def test_unknown_debates_and_files_are_not_found(client, small_debate):
    assert client.get("/nope/answers/").status_code == 404
    assert client.get("/nope/answers/relations/?from=a&to=b&kind=support").status_code == 404
    assert client.get("/petit-debat/answers.png").status_code == 404
    assert client.post(PAGE).status_code == 405


def test_the_page_takes_few_queries_however_large_the_debate(assert_queries_do_not_grow):
    # The debate, its revision, its sources, its claims, its relations, its participants.
    assert_queries_do_not_grow(PAGE, 6)


def test_the_list_and_the_files_take_few_queries(client, small_debate, django_assert_num_queries):
    with django_assert_num_queries(7):  # the page's six, then the pair's relations
        assert (
            client.get(
                LIST, {"from": "bruno", "to": "alice-author", "kind": "objection"}
            ).status_code
            == 200
        )
    with django_assert_num_queries(4):  # the rows are kept: debate, revision, sources, participants
        assert client.get("/petit-debat/answers.csv").status_code == 200
    with django_assert_num_queries(0):  # then from the readers' cache
        assert client.get("/petit-debat/answers.csv").status_code == 200
        assert (
            client.get(
                LIST, {"from": "bruno", "to": "alice-author", "kind": "objection"}
            ).status_code
            == 200
        )


def test_home_the_debate_and_every_participant_page_link_here(client, small_debate):
    for url in ("/", "/petit-debat/"):
        assert 'href="/petit-debat/answers/"' in client.get(url).content.decode()
    for participant in small_debate.participants.all():
        page = client.get(participant.get_absolute_url()).content.decode()
        assert f'href="/petit-debat/answers/#answers-row-{participant.slug}"' in page
