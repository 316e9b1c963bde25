"""Who answers whom, without the database: the participants' graph from light rows, and its
DOT text."""

from __future__ import annotations

import datetime

from arguments.answers.drawing import EdgeShown, NodeShown, answers_dot, pen_width
from arguments.answers.graph import EDITORS, READERS, answer_graph, hues, snapped
from arguments.record.rows import ClaimRow, LinkRow
from arguments.standing.timeline import Perspective

OCTOBER = datetime.date(2025, 10, 31)
DECEMBER = datetime.date(2025, 12, 31)
ALICE, BRUNO, CARLA = 1, 2, 3

CLAIMS = [
    ClaimRow(10, ALICE, known_since=OCTOBER),
    ClaimRow(11, ALICE, known_since=OCTOBER),
    ClaimRow(20, BRUNO, known_since=DECEMBER),
    ClaimRow(21, BRUNO, known_since=DECEMBER),
    ClaimRow(30, CARLA, known_since=DECEMBER),
    ClaimRow(90, None, known_since=DECEMBER, proposed=True),  # a reader's claim
    ClaimRow(99, None),  # an unattributed, undated imported claim
]


def link(from_id, to_id, kind="objection", drawn_by=None, since=DECEMBER, **layer):
    return LinkRow(from_id, to_id, kind, drawn_by_id=drawn_by, known_since=since, **layer)


LINKS = [
    link(11, 10, "support", ALICE, OCTOBER),  # Alice answers herself: left out
    link(20, 10, "objection", BRUNO),
    link(21, 11, "objection", BRUNO),
    link(21, 10, "support", BRUNO),
    link(20, 21, "rephrase", BRUNO),  # a restatement answers nobody
    # Carla, in her text, reports Bruno's claim objecting to Alice's: credited to Carla.
    link(20, 11, "objection", CARLA),
    link(30, 20, "support"),  # unsigned: credited to the holder of the claim it argues from
    link(10, 30, "objection", by_editors=True),
    link(11, 20, "support", by_editors=True),
    link(90, 10, "objection", proposed=True),
    link(30, 90, "support", proposed=True),
    link(99, 10, "objection", since=None),  # drawer unknown
]


def test_each_pair_and_kind_counts_the_relations_credited_to_whoever_draws_them():
    graph = answer_graph(CLAIMS, LINKS)
    assert graph.counts == {
        (BRUNO, ALICE, "objection"): 2,
        (BRUNO, ALICE, "support"): 1,
        (CARLA, ALICE, "objection"): 1,
        (CARLA, BRUNO, "support"): 1,
    }
    assert graph.pairs[(BRUNO, ALICE, "objection")] == [
        (20, 10, "objection"),
        (21, 11, "objection"),
    ]
    assert (graph.total, graph.answering_pairs) == (5, 3)
    assert graph.self_answers == 1  # Alice's support of herself
    assert graph.drawers == {BRUNO, CARLA} and graph.targets == {ALICE, BRUNO}


def test_editors_links_count_only_when_switched_on_credited_to_the_editors():
    graph = answer_graph(CLAIMS, LINKS, Perspective(editors=True))
    assert graph.count(EDITORS, CARLA, "objection") == 1
    assert graph.count(EDITORS, BRUNO, "support") == 1
    assert graph.count(BRUNO, ALICE, "objection") == 2  # the texts' own are still there
    assert graph.total == 7


def test_readers_proposals_count_only_when_switched_on_and_answer_the_readers():
    graph = answer_graph(CLAIMS, LINKS, Perspective(proposals=True))
    assert graph.count(READERS, ALICE, "objection") == 1
    # A proposed relation is the readers', even from Carla's claim; to a reader's claim it
    # answers the readers themselves: left out.
    assert graph.count(CARLA, READERS, "support") == 0
    assert graph.self_answers == 2
    assert answer_graph(CLAIMS, LINKS).count(READERS, ALICE, "objection") == 0


def test_an_unattributed_end_is_left_out_and_counted():
    graph = answer_graph(CLAIMS, LINKS)
    assert graph.unknown == 1
    assert all(99 not in (key[0], key[1]) for keys in graph.pairs.values() for key in keys)


def test_as_of_a_date_only_what_was_surely_public_by_then():
    assert answer_graph(CLAIMS, LINKS, as_of=OCTOBER).pairs == {}
    assert answer_graph(CLAIMS, LINKS, as_of=OCTOBER).self_answers == 1
    assert answer_graph(CLAIMS, LINKS, as_of=DECEMBER).counts == answer_graph(CLAIMS, LINKS).counts
    late = [*LINKS, link(21, 10, "objection", BRUNO, since=datetime.date(2026, 2, 1))]
    assert answer_graph(CLAIMS, late, as_of=DECEMBER).count(BRUNO, ALICE, "objection") == 2
    assert answer_graph(CLAIMS, late).count(BRUNO, ALICE, "objection") == 3


def test_dates_snap_to_the_last_step_on_or_before_them():
    assert snapped(None, CLAIMS, LINKS) is None
    assert snapped(datetime.date(2025, 11, 15), CLAIMS, LINKS) == OCTOBER
    assert snapped(datetime.date(2030, 1, 1), CLAIMS, LINKS) == DECEMBER
    assert snapped(datetime.date(2020, 1, 1), CLAIMS, LINKS) == datetime.date(2025, 10, 30)
    assert snapped(OCTOBER, [], []) == OCTOBER


def test_hues_go_to_the_holders_with_the_most_claims():
    assert hues(CLAIMS) == {ALICE: 0, BRUNO: 1, CARLA: 2}


# --- The DOT text -------------------------------------------------------------------


HOSTILE = 'Bruno <b>&amp;</b> "Co" \\N ]; node [label=pwned'


def drawn(name: str = HOSTILE) -> str:
    nodes = [NodeShown(ALICE, "Alice", "/p/alice/", 0), NodeShown(BRUNO, name, "", None)]
    nodes.append(NodeShown(EDITORS, "the editors"))
    edges = [
        EdgeShown(BRUNO, ALICE, "objection", 2, "/l/?from=b&to=a&kind=objection", f"{name}: 2"),
        EdgeShown(BRUNO, ALICE, "support", 1, "/l/?from=b&to=a&kind=support", "1"),
        EdgeShown(EDITORS, BRUNO, "support", 40, "/l/?from=editors", "40"),
        EdgeShown(BRUNO, 77, "support", 1, "/nowhere/", "not drawn: 77 is no node"),
    ]
    return answers_dot(nodes, edges, f"Who answers whom — {name}")


def test_the_dot_text_draws_a_node_per_participant_and_an_edge_per_pair_and_kind():
    dot = drawn("Bruno")
    assert dot.startswith("digraph who_answers_whom {") and dot.rstrip().endswith("}")
    assert dot.count("p2 -> p1") == 2 and dot.count("n_editors -> p2") == 1
    assert "p77" not in dot and "/nowhere/" not in dot
    assert 'arrowhead="tee"' in dot and 'arrowhead="normal"' in dot
    assert 'style="dashed"' in dot  # the editors' links, as on the map


def test_names_cannot_inject_dot_or_markup():
    dot = drawn()
    # One line per statement: the name made none of its own.
    assert len(dot.splitlines()) == 1 + 3 + 3 + 3 + 1
    # In a label, escaped for XML; in a quoted attribute, whole, its quote and backslash
    # escaped for DOT, so it ends where the attribute does.
    assert "<B>Bruno &lt;b&gt;&amp;amp;&lt;/b&gt; &quot;Co&quot;" in dot
    assert 'tooltip="Bruno <b>&amp;amp;</b> \\"Co\\" \\\\N ]; node [label=pwned"' in dot


def test_widths_grow_with_the_count_within_bounds():
    widths = [float(pen_width(n)) for n in (1, 2, 8, 50, 10_000)]
    assert widths == sorted(widths) and widths[0] >= 1 and widths[-1] <= 8
