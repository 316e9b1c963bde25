"""The three layers of relations on the map: the texts' own arguments (solid lines), the
editors' links (dashed, in their own colour, with their justification) and readers'
proposals (dotted); the filters and counted layers that go with them."""

import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.http import QueryDict

from arguments.maps import dot
from arguments.maps.options import MapOptions
from arguments.maps.outline import build_outline, to_markdown
from arguments.maps.render import render
from arguments.maps.selection import Scope, select
from arguments.record.models import Claim, Layer, Relation
from arguments.record.rows import ClaimRow, LinkRow

URL = "/petit-debat/map/"
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
# Markup, quotes, backslashes, control characters, character references, DOT syntax, lines.
HOSTILE = (
    "<script>alert('x')</script> \"q\" \\N \\ \x01\x07\x1b\x7f\x85 &#x41; &#65; &lt;b&gt; "
    "&amp; ]; evil [label=pwned]\nnext"
)
# What a reader sees of it: the same text, control characters as spaces, on one line.
HOSTILE_SHOWN = (
    "<script>alert('x')</script> \"q\" \\N \\ &#x41; &#65; &lt;b&gt; &amp; "
    "]; evil [label=pwned] next"
)
NODES = [
    dot.MapNode(1, "Thèse", "Alice", 0, "/d/claims/t/"),
    dot.MapNode(2, "Soutien", "Alice", 0, "/d/claims/s/"),
    dot.MapNode(3, "Objection", "Bruno", 1, "/d/claims/o/"),
    dot.MapNode(4, "Proposée", "proposed by bob", 2, "/d/claims/p/", contributed=True),
]
EDGES = [
    dot.MapEdge(2, 1, "support"),
    dot.MapEdge(3, 1, "objection", layer="editors", justification="Bruno répond à Alice."),
    dot.MapEdge(4, 3, "objection", layer="readers"),
]


def edge_line(source: str, start: str) -> str:
    return next(line for line in source.splitlines() if line.startswith(f"\t{start} "))


def build(edges=EDGES, **options) -> str:
    legend = [dot.LegendEntry("Alice", 0), dot.LegendEntry("Bruno", 1)]
    return dot.build_dot(NODES, edges, title="t", legend=legend, **options)


# The DOT text, without the database.


def test_each_layer_has_its_own_line_style_and_the_legend_names_them():
    source = build()
    text = edge_line(source, "c2 -> c1")
    editors = edge_line(source, "c3 -> c1")
    readers = edge_line(source, "c4 -> c3")
    assert 'color="#1E875A" style=solid tooltip=' in text and "class=" not in text
    # The editors' link: dashed, in its own muted colour whatever its kind, its kind still
    # told by its arrowhead, its justification in its tooltip.
    assert editors.startswith('\tc3 -> c1 [arrowhead=tee color="#8484FC" style=dashed')
    assert 'class="layer-editors"' in editors
    assert 'tooltip="Bruno objects to Alice — editors\' link: Bruno répond à Alice."' in editors
    # A reader's proposal keeps its kind's colour, dotted.
    assert 'color="#5A1E00" style=dotted class="layer-readers"' in readers
    assert "reader's proposal" in readers
    legend = edge_line(source, "legend")
    assert '<FONT COLOR="#8484FC"><B>- - -</B></FONT>' in legend
    for words in ["a text&#39;s own argument", "an editors&#39; link", "a reader&#39;s proposal"]:
        assert words in legend
    # Named in the reader's language when given.
    named = build(layer_names={"editors": "lien des éditeurs"}, layer_words={"editors": "lien"})
    assert "lien des éditeurs" in edge_line(named, "legend")
    assert 'tooltip="Bruno objects to Alice — lien: Bruno' in edge_line(named, "c3 -> c1")


def test_the_legend_names_only_the_layers_drawn():
    legend = edge_line(build([dot.MapEdge(2, 1, "support")]), "legend")
    assert "a text&#39;s own argument" in legend and "editors&#39;" not in legend


def test_the_same_map_gives_the_same_dot_text():
    assert build() == build()


def test_an_undercut_by_the_editors_is_dashed_too():
    edges = [dot.MapEdge(2, 1, "support", undercut_by=(3, 4), undercut_layers=("editors", "text"))]
    source = build(edges)
    assert edge_line(source, "c3 -> i2_1_support").startswith(
        '\tc3 -> i2_1_support [arrowhead=tee color="#8484FC" style=dashed class="layer-editors"'
    )
    assert 'color="#C35AFF" style=solid tooltip=' in edge_line(source, "c4 -> i2_1_support")


def test_a_hostile_justification_stays_inert_in_the_dot_text():
    edges = [dot.MapEdge(3, 1, "objection", layer="editors", justification=HOSTILE)]
    source = build(edges)
    line = edge_line(source, "c3 -> c1")
    # One line, one edge: quotes escaped, backslashes doubled, nothing read as DOT.
    assert line.count("\n") == 0 and "\tevil" not in source and "next" in line
    assert '\\"q\\"' in line and "\\\\N \\\\ " in line
    assert not any(
        (ord(char) < 32 and char not in "\t\n") or 0x7F <= ord(char) <= 0x9F for char in source
    )
    # Character references are shown as written, not read by Graphviz.
    assert "&amp;#x41; &amp;#65; &amp;lt;b&amp;gt; &amp;amp;" in line


@needs_dot
def test_a_hostile_justification_stays_inert_in_the_svg():
    edges = [
        dot.MapEdge(2, 1, "support"),
        dot.MapEdge(3, 1, "objection", layer="editors", justification=HOSTILE),
    ]
    svg = render(build(edges), "svg")
    root = ET.fromstring(svg)  # well formed: no control character reached it
    assert not list(root.iter(f"{SVG}script"))
    edges_drawn = [g for g in root.iter(f"{SVG}g") if "edge" in (g.get("class") or "")]
    assert len(edges_drawn) == 2
    (editors,) = [g for g in edges_drawn if "layer-editors" in g.get("class")]
    titles = {a.get(f"{XLINK}title") for a in editors.iter(f"{SVG}a")}
    assert f"Bruno objects to Alice — editors' link: {HOSTILE_SHOWN}" in titles
    # Dashed, in the editors' colour.
    paths = list(editors.iter(f"{SVG}path"))
    assert paths and all(p.get("stroke") == "#8484fc" for p in paths)
    assert paths[0].get("stroke-dasharray")
    nodes = [g for g in root.iter(f"{SVG}g") if g.get("class") == "node"]
    assert len(nodes) == len(NODES) + 1  # the claims and the legend: nothing injected
    assert render(build(edges), "svg") == svg  # the same input, the same bytes


# The selection and the outline, without the database.


def test_the_selection_leaves_the_editors_links_out_when_asked():
    claims = [ClaimRow(1), ClaimRow(2), ClaimRow(3)]
    links = [LinkRow(2, 1, "support"), LinkRow(3, 1, "objection", by_editors=True)]
    assert len(select(claims, links, Scope()).links) == 2
    hidden = select(claims, links, Scope(editors=False))
    assert [(link.from_id, link.to_id) for link in hidden.links] == [(2, 1)]
    # Around a focus, a claim reached only through an editors' link goes with it.
    assert select(claims, links, Scope(focus_id=1, editors=False)).claim_ids == [1, 2]


def test_the_outline_says_who_draws_a_relation_in_words():
    words = {(kind, out): kind for kind in ("support", "objection") for out in (False, True)}
    entries = build_outline(NODES, EDGES, [1], [], words)
    layers = [(e.node.id, e.relation, e.layer, e.layer_note) for e in entries]
    assert layers == [
        (1, "", "", ""),
        (2, "support", "", ""),
        (3, "objection", "editors", "editors' link: Bruno répond à Alice."),
        (4, "objection", "readers", "reader's proposal"),
    ]
    text = to_markdown(entries, "t", [], "listed above")
    assert "- *objection* (editors' link: Bruno répond à Alice.) — [**Bruno**" in text


# The map page and its files.


@pytest.fixture
def editors_link(small_debate) -> Relation:
    """An editors' link on the small debate: the deep support bears against the thesis."""
    return Relation.objects.create(
        debate=small_debate,
        from_claim=Claim.objects.get(slug="deep-support"),
        to_claim=Claim.objects.get(slug="thesis"),
        kind=Relation.Kind.OBJECTION,
        layer=Layer.EDITORS,
        justification="Les éditeurs lisent ici une objection.",
        justification_en="The editors read an objection here.",
    )


def dot_file(client, **params) -> str:
    return client.get("/petit-debat/map.dot", params).content.decode()


@needs_dot
def test_an_editors_link_is_drawn_dashed_with_its_legend_and_justification(client, editors_link):
    source = dot_file(client)
    line = edge_line(source, f"c{editors_link.from_claim_id} -> c{editors_link.to_claim_id}")
    assert 'color="#8484FC" style=dashed class="layer-editors"' in line
    assert "Les éditeurs lisent ici une objection." in line
    assert '<FONT COLOR="#8484FC"><B>- - -</B></FONT>' in edge_line(source, "legend")
    checked = subprocess.run(["dot", "-Tcanon"], input=source.encode(), capture_output=True)
    assert checked.returncode == 0, checked.stderr
    html = client.get(URL).content.decode()
    assert 'class="edge layer&#45;editors"' in html and 'stroke="#8484fc"' in html
    # The outline says it in words, with the justification.
    outline = html[html.index('<details class="outline"') :]
    assert '<span class="layer layer--editors">(' in outline
    assert "Les éditeurs lisent ici une objection.)" in outline
    markdown = client.get("/petit-debat/map.md").content.decode()
    assert ": Les éditeurs lisent ici une objection.)" in markdown


@needs_dot
def test_editors_hide_takes_them_off_the_map(client, editors_link):
    assert "layer-editors" in dot_file(client)
    source = dot_file(client, editors="hide")
    assert "layer-editors" not in source and "Les éditeurs lisent" not in source
    assert f"c{editors_link.from_claim_id} -> c{editors_link.to_claim_id} " not in source
    html = client.get(URL, {"editors": "hide"}).content.decode()
    assert "layer&#45;editors" not in html
    assert '<option value="hide" selected>' in html[html.index('id="editors"') :]
    response = client.get("/petit-debat/map.svg", {"editors": "hide"})
    assert 'filename="petit-debat-without-editors-links.svg"' in response["Content-Disposition"]


@needs_dot
def test_bad_editors_and_count_values_are_400_with_a_clear_message(client, small_debate):
    response = client.get(URL, {"editors": "bogus"})
    text = response.content.decode()
    assert response.status_code == 400 and "editors" in text and "bogus" in text
    response = client.get(URL, {"standing": "show", "count": "everything"})
    text = response.content.decode()
    assert response.status_code == 400 and "count" in text and "everything" in text
    assert client.get("/petit-debat/map.svg", {"count": "texts"}).status_code == 400


@needs_dot
def test_htmx_and_the_plain_form_both_carry_the_new_controls(client, small_debate):
    response = client.get(URL, {"editors": "hide"}, headers={"HX-Request": "true"})
    assert response.content.decode().lstrip().startswith('<section id="map"')
    assert response["HX-Push-Url"] == URL + "?editors=hide"
    # What the form submits without JavaScript, defaults included, comes back short.
    form = "direction=BT&source=&as_of=&label=medium&cluster=none&proposals=show&editors=show"
    response = client.get(f"{URL}?{form}&standing=show&count=proposals&count=editors")
    assert response.status_code == 302
    assert response["Location"] == URL + "?standing=show&count=editors&count=proposals"
    htmx = client.get(f"{URL}?{form}&standing=show&count=editors", headers={"HX-Request": "true"})
    assert htmx["HX-Push-Url"] == URL + "?standing=show&count=editors"
    # The counted layers go with the marks: unchecked by default, said in a line.
    page = client.get(URL, {"standing": "show"}).content.decode()
    start = page.index('<form class="map-controls"')
    controls = page[start : page.index("</form>", start)]
    assert '<fieldset id="count-layers" class="count-layers">' in controls
    assert '<input type="checkbox" name="count" value="editors">' in controls
    assert '<input type="checkbox" name="count" value="proposals">' in controls
    assert '<select id="editors" name="editors">' in controls
    counted = client.get(URL, {"standing": "show", "count": "editors"}).content.decode()
    assert '<input type="checkbox" name="count" value="editors" checked>' in counted
    assert 'download="petit-debat-standing-counting-editors.svg"' in counted
    # Without the marks the counted layers are not offered (until the marks are chosen).
    plain = client.get(URL).content.decode()
    assert '<fieldset id="count-layers" class="count-layers" hidden>' in plain


@needs_dot
def test_the_same_view_gives_the_same_svg(client, editors_link):
    first = client.get("/petit-debat/map.svg").content
    cache.clear()
    assert client.get("/petit-debat/map.svg").content == first


def test_its_query_count_with_an_editors_link_does_not_grow(
    editors_link, assert_queries_do_not_grow
):
    # The map's usual queries (see test_map), and one for the editors' justifications.
    assert_queries_do_not_grow(URL, 12 + 1, {"claim": "thesis", "depth": "2"})


def test_the_options_name_the_layers_in_the_query_and_the_file():
    options = MapOptions.from_query(
        QueryDict("editors=hide&standing=show&count=proposals&count=editors")
    )
    assert not options.editors and options.count == ("editors", "proposals")
    assert options.query_string == "editors=hide&standing=show&count=editors&count=proposals"
    assert MapOptions.from_query(QueryDict(options.query_string)) == options
    assert options.file_stem("t") == (
        "t-without-editors-links-standing-counting-editors-counting-proposals"
    )
