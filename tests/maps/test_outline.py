"""The map's text outline and its Markdown: pure, no database."""

from arguments.maps.dot import MapEdge, MapNode, MoreNode
from arguments.maps.outline import build_outline, markdown_text, to_markdown

NODES = [
    MapNode(1, "Thèse", "Alice", 0, "/d/claims/t/", "citation"),
    MapNode(2, "Soutien", "Alice", 0, "/d/claims/s/"),
    MapNode(3, "Objection *forte* [lien](javascript:x)", "Bruno", 1, "/d/claims/o/"),
    MapNode(4, "Réponse", "Carla", 2, "/d/claims/r/"),
]
EDGES = [
    MapEdge(2, 1, "support"),
    MapEdge(3, 1, "objection"),
    MapEdge(4, 3, "objection"),
    MapEdge(4, 2, "support"),
]
WORDS = {
    (kind, outgoing): f"{'<-' if outgoing else ''}{kind}"
    for kind in ("support", "objection", "rephrase", "undercut")
    for outgoing in (False, True)
}


def test_the_outline_nests_arguments_under_what_they_bear_on():
    more = [MoreNode("more3", "+2 more", "/d/map/?expand=o", parent_id=3)]
    entries = build_outline(NODES, EDGES, [1], more, WORDS)
    shape = [(e.level, e.node.id if e.node else e.more.id, e.relation, e.repeated) for e in entries]
    assert shape == [
        (0, 1, "", False),
        (1, 2, "support", False),
        (2, 4, "support", False),
        (1, 3, "objection", False),
        (2, 4, "objection", True),  # met again: listed, not expanded
        (2, "more3", "", False),
    ]
    # Nesting marks let a template open and close lists without recursion.
    assert [e.opens for e in entries] == [True, True, False, True, False, False]
    assert [len(e.closing) for e in entries] == [0, 0, 1, 0, 0, 2]


def test_around_a_focus_the_outline_follows_links_both_ways():
    entries = build_outline(NODES, EDGES, [3], [], WORDS, undirected=True)
    assert [(e.node.id, e.relation) for e in entries] == [
        (3, ""),
        (1, "<-objection"),
        (2, "support"),
        (4, "support"),
        (3, "<-objection"),  # 4 objects to the focus: listed again, not expanded
        (4, "objection"),
    ]
    assert [e.repeated for e in entries] == [False, False, False, False, True, True]


def test_markdown_escapes_user_text_and_links_each_claim():
    entries = build_outline(NODES, EDGES, [1], [], WORDS)
    text = to_markdown(entries, "Carte #1", ["2 claims."], "listed above")
    assert text.startswith("# Carte \\#1\n")
    assert "- [**Alice**: Thèse](/d/claims/t/)" in text
    assert "  > « citation »" in text
    assert "Objection \\*forte\\* \\[lien\\](javascript:x)" in text
    assert "(listed above)" in text
    assert markdown_text("a\nb  c") == "a b c"


def test_an_undercut_is_listed_under_the_argument_it_undercuts():
    edges = [MapEdge(2, 1, "support", undercut_by=(3,))]
    entries = build_outline(NODES[:3], edges, [1], [], WORDS)
    shape = [(e.level, e.node.id, e.relation) for e in entries]
    assert shape == [(0, 1, ""), (1, 2, "support"), (2, 3, "undercut")]
