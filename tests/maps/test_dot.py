"""The DOT builder and Graphviz rendering, without the database."""

import shutil
import xml.etree.ElementTree as ET

import pytest

from arguments.maps import dot
from arguments.maps.render import MapUnavailable, inline_svg, render, render_cached

HOSTILE = "Citation <script>alert('x')</script> \"q\" \\N \\ {b} & ]; node [label=pwned\nx"
NODES = [
    dot.MapNode(1, "Le numérique est un féodalisme.", "Alice", 0, "/d/claims/a/", "citation"),
    dot.MapNode(2, "Ce n'est que du capitalisme.", "Bruno", 1, "/d/claims/b/"),
    dot.MapNode(3, HOSTILE, 'Bruno <b>&amp;</b> "Co"', 1, "/d/claims/c/", HOSTILE),
    dot.MapNode(4, "Motextrêmementlongquinefinitjamais" * 4, "Alice", 0, "/d/claims/d/"),
]
EDGES = [dot.MapEdge(2, 1, "objection"), dot.MapEdge(3, 2, "support"), dot.MapEdge(4, 1, "support")]
SVG_NS = {"svg": "http://www.w3.org/2000/svg", "xlink": "http://www.w3.org/1999/xlink"}
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")


def small_map(**options):
    legend = [dot.LegendEntry("Alice", 0), dot.LegendEntry("Bruno", 1)]
    return dot.build_dot(NODES, EDGES, title="Petit débat", legend=legend, **options)


def test_the_dot_text_of_a_small_map():
    source = small_map()
    assert source.startswith("digraph argument_map {")
    assert 'rankdir="BT"' in source
    # One node per claim, coloured by participant, linked to its page.
    assert 'c1 [label=<<FONT POINT-SIZE="9"><B>Alice</B></FONT>' in source
    assert 'fillcolor="#FFE187"' in source and 'fillcolor="#4B87A5"' in source
    assert 'URL="/d/claims/a/"' in source
    # Supports and objections differ by arrowhead, not only colour; the texts' own
    # arguments are solid lines (the line style says who draws a relation).
    assert 'c2 -> c1 [arrowhead=tee color="#5A1E00" style=solid' in source
    assert 'c3 -> c2 [arrowhead=normal color="#1E875A" style=solid' in source
    assert "style=dashed" not in source and "style=dotted" not in source
    assert "legend [label=<<TABLE" in source


def test_user_text_cannot_inject_dot_or_markup():
    source = small_map()
    # In labels, markup is escaped; raw text only ever sits inside a quoted tooltip.
    for line in source.splitlines():
        assert "<script>" not in line.split(" tooltip=")[0]
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in source
    # The tooltip keeps backslashes literal (doubled) and quotes escaped, on one line.
    tooltip = next(line for line in source.splitlines() if "c3 [" in line)
    assert "\\\\N" in tooltip and '\\"q\\"' in tooltip
    assert "Bruno &lt;b&gt;&amp;amp;&lt;/b&gt; &quot;Co&quot;" in source


def test_long_words_are_wrapped():
    lines = dot.wrap_label("Motextrêmementlongquinefinitjamais" * 4, 28)
    assert all(len(line) <= 28 for line in lines) and len(lines) > 2


def test_holders_past_the_hued_ones_are_neutral_never_a_repeated_hue():
    hues = {dot.participant_colours(index)[0] for index in range(len(dot.PALETTE))}
    assert len(hues) == len(dot.PALETTE)
    assert dot.participant_colours(None)[0] == dot.NEUTRAL[0] not in hues
    assert dot.participant_colours(len(dot.PALETTE))[0] == dot.NEUTRAL[0]


@needs_dot
def test_the_svg_is_well_formed_with_links_and_inert_text():
    svg = render(small_map(), "svg")
    root = ET.fromstring(svg)
    links = [a.get(f"{{{SVG_NS['xlink']}}}href") for a in root.iter(f"{{{SVG_NS['svg']}}}a")]
    assert {"/d/claims/a/", "/d/claims/b/", "/d/claims/c/", "/d/claims/d/"} <= set(links)
    texts = "".join(t.text or "" for t in root.iter(f"{{{SVG_NS['svg']}}}text"))
    assert "<script>alert('x')</script>" in texts  # shown as text...
    assert not list(root.iter(f"{{{SVG_NS['svg']}}}script"))  # ...never as an element
    # Exactly the claims and the legend: nothing injected became a node.
    nodes = [g for g in root.iter(f"{{{SVG_NS['svg']}}}g") if g.get("class") == "node"]
    assert len(nodes) == len(NODES) + 1
    inline = inline_svg(svg)
    assert inline.startswith("<svg") and "<?xml" not in inline and "<!--" not in inline


@needs_dot
def test_left_to_right_direction():
    assert 'rankdir="LR"' in small_map(rankdir="LR")
    assert 'rankdir="BT"' in small_map(rankdir="nonsense")


def test_a_missing_dot_gives_a_clear_message(settings):
    settings.GRAPHVIZ_DOT = "no-such-graphviz-dot"
    with pytest.raises(MapUnavailable, match="Graphviz"):
        render(small_map())


@needs_dot
def test_a_layout_over_its_time_budget_is_stopped(settings):
    settings.GRAPHVIZ_TIMEOUT_SECONDS = 0.001
    many = [dot.MapNode(i, f"claim {i}", "A", 0, f"/c/{i}/") for i in range(600)]
    edges = [dot.MapEdge(i, i // 2, "support") for i in range(1, 600)]
    with pytest.raises(MapUnavailable):
        render(dot.build_dot(many, edges, title="big"))


@needs_dot
def test_awkward_text_stays_one_valid_node():
    awkward = [
        dot.MapNode(1, "ends with a backslash \\", "<b>", 0, "/d/claims/a/", 'quote " and \\"'),
        dot.MapNode(2, '"]; evil [label="x"]; //', "<<T>>", 1, "/d/claims/b/\\"),
    ]
    source = dot.build_dot(awkward, [dot.MapEdge(2, 1, "objection")], title='t" \\')
    root = ET.fromstring(render(source, "svg"))
    nodes = [g for g in root.iter(f"{{{SVG_NS['svg']}}}g") if g.get("class") == "node"]
    assert [g.get("id") for g in nodes] == ["claim-1", "claim-2"]


def test_an_undercut_aims_at_a_point_on_the_relation_it_undercuts():
    edges = [dot.MapEdge(2, 1, "objection"), dot.MapEdge(3, 2, "support", undercut_by=(4, 99))]
    source = dot.build_dot(NODES, edges, title="t", legend=[])
    assert "\tc3 -> c2 " not in source  # the support passes through its point instead
    assert '\ti3_2_support [shape=point width="0.09"' in source
    assert "\tc3 -> i3_2_support [arrowhead=none " in source
    assert "\ti3_2_support -> c2 [arrowhead=normal " in source
    assert '\tc4 -> i3_2_support [arrowhead=tee color="#C35AFF" style=solid' in source
    assert "c99" not in source  # an undercutting claim not on the map draws nothing
    assert "undercuts a relation" in source  # named in the legend


@needs_dot
def test_a_map_with_an_undercut_renders():
    edges = [dot.MapEdge(3, 2, "support", undercut_by=(4,))]
    svg = render(dot.build_dot(NODES, edges, title="t"), "svg")
    root = ET.fromstring(svg)
    drawn = [g for g in root.iter(f"{{{SVG_NS['svg']}}}g") if g.get("class") == "edge"]
    assert len(drawn) == 3


def test_a_node_marked_with_its_standing_reads_without_colour_too():
    node = dot.MapNode(1, "Thèse", "Alice", 0, "/d/", standing="out", standing_word="falls")
    source = dot.build_dot([node], [], title="t", legend=[], standing_names={"out": "falls"})
    assert "<B>✗ falls · Alice</B>" in source
    assert 'color="#B1604E" penwidth="3" class="standing-out"' in source
    assert '<TD ALIGN="LEFT">falls</TD>' in source  # and the legend names it


def broken_dot(tmp_path, output: bytes):
    """A stand-in for a `dot` that misbehaves (Graphviz is not ours): it prints `output`
    and counts its runs."""
    runs = tmp_path / "runs"
    script = tmp_path / "dot"
    script.write_text(
        f"#!/bin/sh\ncat > /dev/null\necho x >> {runs}\nprintf '%b' '{output.decode()}'\n"
    )
    script.chmod(0o755)
    return str(script), runs


@pytest.mark.parametrize(
    ("output", "output_format", "message"),
    [
        (b"<svg><g>\\377</g>", "svg", "not valid SVG"),
        (b"<svg>unclosed", "svg", "not valid SVG"),
        (b"GIF89a", "png", "not a PNG"),
    ],
)
@pytest.mark.usefixtures("english")  # the refusals are read in English
def test_what_dot_returns_is_checked_and_a_failure_remembered(
    settings, tmp_path, output, output_format, message
):
    settings.GRAPHVIZ_DOT, runs = broken_dot(tmp_path, output)
    source = small_map() + f"// {tmp_path}"  # a DOT of its own: nothing cached yet
    for _attempt in range(3):
        with pytest.raises(MapUnavailable, match=message):
            render_cached(source, output_format)
    assert runs.read_text().count("x") == 1  # run once, then remembered


@needs_dot
def test_links_with_several_parameters_make_valid_svg():
    """Graphviz writes a link's `&` bare; the SVG served is mended to valid XML, while the
    DOT (and so the PDF's links) keeps the address as it is."""
    source = 'digraph { a [URL="/m/?expand=a&expand=b" label="a &amp; b"] }'
    svg = render(source, "svg")
    assert b'href="/m/?expand=a&amp;expand=b"' in svg
    assert b"a &amp; b" in svg


def test_a_row_hangs_from_its_lowest_boxes_and_holds_its_highest():
    # c2 and c3 answer c1; c4 answers c2; c5 and c6 answer each other (a cycle); c7 alone.
    members = ["c1", "c2", "c3", "c4", "c5", "c6", "c7"]
    ties = [("c2", "c1", 0), ("c3", "c1", 0), ("c4", "c2", 0), ("c5", "c6", 0), ("c6", "c5", 0)]
    ties.append(("c9", "c1", 1))  # a box of another row: not this row's business
    assert dot.row_ends(members, ties, 0, lowest=True) == ["c3", "c4", "c5", "c6", "c7"]
    assert dot.row_ends(members, ties, 0, lowest=False) == ["c1", "c5", "c6", "c7"]


def test_a_draft_is_drawn_white_with_a_thick_magenta_dashed_outline_and_its_word():
    """An editor's draft (on the editors' own map only): the word in its box and its line's
    thickness say it without colour; its text is escaped like any claim's."""
    draft = dot.MapNode("d7", HOSTILE, "Alice", None, "/d/workbench/", draft="draft by <b>")
    edges = [dot.MapEdge("d7", 1, "objection", layer="draft", justification="editors' link: J")]
    source = dot.build_dot([*NODES, draft], [*EDGES, *edges], title="t", legend=[])
    (node,) = [line for line in source.splitlines() if line.startswith("\tcd7 [")]
    assert 'style="rounded,filled,dashed"' in node and 'fillcolor="#FFFFFF"' in node
    assert 'penwidth="3" class="draft" color="#C8006E"' in node
    assert '<FONT COLOR="#C8006E">✎ draft by &lt;b&gt; · Alice</FONT>' in node
    label = node.split(" style=")[0]  # the quoted tooltip after it is escaped by Graphviz
    assert "<script" not in label and "&lt;script&gt;" in label
    (line,) = [line for line in source.splitlines() if line.startswith("\tcd7 -> c1")]
    assert 'color="#C8006E" style=dashed class="layer-draft" penwidth="2.8"' in line
    assert "draft: editors' link: J" in line
    assert "a draft, seen by editors only" in source  # the file legend names the line


@needs_dot
def test_a_hostile_draft_renders_to_well_formed_svg():
    draft = dot.MapNode("d7", HOSTILE, "Alice", None, "/d/workbench/", HOSTILE, draft="draft")
    edges = [dot.MapEdge("d7", 1, "objection", layer="draft")]
    svg = render(dot.build_dot([*NODES, draft], [*EDGES, *edges], title="t"), "svg")
    root = ET.fromstring(svg)
    assert root.find(".//svg:script", SVG_NS) is None
    (box,) = [g for g in root.iterfind(".//svg:g", SVG_NS) if g.get("id") == "claim-d7"]
    assert "<script>alert('x')</script>" in " ".join(box.itertext())  # text, not markup
