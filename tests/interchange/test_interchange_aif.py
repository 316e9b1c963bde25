"""AIF JSON import and export: the AIFdb sample, each construct, malformed files, round trip."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from arguments.interchange.aif import parse_aif, to_aif
from arguments.interchange.document import Claim, Document, Participant, Relation, Source, Undercut
from arguments.record.files import ImportProblems

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "interop" / "6064-original.json"


def aif_text(nodes, edges=(), **fields) -> str:
    """A small AIF file: nodes as (id, type, text), edges as (from, to)."""
    data = {
        "nodes": [{"nodeID": i, "type": kind, "text": text} for i, kind, text in nodes],
        "edges": [
            {"edgeID": f"e{number}", "fromID": start, "toID": end}
            for number, (start, end) in enumerate(edges, 1)
        ],
    }
    data.update(fields)
    return json.dumps(data)


def problems_of(text) -> list[str]:
    with pytest.raises(ImportProblems) as caught:
        parse_aif(text)
    return caught.value.problems


def ends(document: Document) -> set[tuple[str, str, str]]:
    return {(r.from_claim, r.to_claim, r.kind) for r in document.relations}


# The AIFdb sample (nodeset 6064)


def test_sample_claims_relations_and_participants():
    document = parse_aif(SAMPLE.read_bytes())
    assert document.title == "Imported AIF map"
    assert len(document.claims) == 9
    assert len(document.relations) == 5
    assert {r.kind for r in document.relations} == {"support"}
    assert document.undercuts == []
    assert document.sources == []
    assert [(p.key, p.name) for p in document.participants] == [
        ("aif-person-409", "CL"),
        ("aif-person-437", "NL"),
    ]
    claims = {c.key: c for c in document.claims}
    assert claims["aif-111833"].statement == "By the 50s, the Empire is going"
    assert claims["aif-111829"].statement == "McMillan was / was not wrong"
    assert ends(document) == {
        ("aif-29053", "aif-29054", "support"),
        ("aif-111809", "aif-111805", "support"),
        ("aif-111809", "aif-111816", "support"),
        ("aif-111816", "aif-29053", "support"),
        ("aif-111833", "aif-111839", "support"),
    }
    relation = next(r for r in document.relations if r.key == "aif-111824")
    assert (relation.from_claim, relation.to_claim) == ("aif-111816", "aif-29053")


def test_sample_holders_and_quotations():
    claims = {c.key: c for c in parse_aif(SAMPLE.read_text()).claims}
    # "CL : But my point is ..." voices I-node 29045 through YA node 111826 (Asserting).
    assert claims["aif-29045"].holder == "aif-person-409"
    assert claims["aif-29045"].quotation == (
        "But my point is they got to a point where Macmillan realised there was no way forward "
        "except by increasing brutality"
    )
    # NL concedes 111833 (Popular Conceding) in longer words than the claim's.
    assert claims["aif-111833"].holder == "aif-person-437"
    assert claims["aif-111833"].quotation == "By the 50s, the Empire is going, everyone knows that"
    # The words are the statement itself: nothing more to keep as a quotation.
    assert claims["aif-29054"].holder == "aif-person-409"
    assert claims["aif-29054"].quotation == ""
    # CL only asks "Was he wrong" (Pure Questioning): no holder.
    assert claims["aif-111829"].holder == ""
    assert claims["aif-111829"].quotation == ""
    assert all(c.imported for c in claims.values())


def test_sample_warnings_name_the_nodes_left_out():
    warnings = parse_aif(SAMPLE.read_bytes()).warnings
    assert warnings == [
        "YA node 111830 (PureQuestioning): L-node 111831 does not assert claim aif-111829, so "
        "gives it neither holder nor quotation.",
        "I-nodes 29045, 111829 take part in no relation; they were kept as claims on their own.",
        "YA nodes 111804 (Arguing), 111815 (Arguing), 111822 (Arguing), 111825 (Arguing), "
        "111845 (Arguing) do not anchor an L-node to an I-node and were left out.",
        "L-nodes 111808, 111812, 111819, 111827, 111832, 111836, 111842 voice no claim and were "
        "left out.",
        "TA nodes (dialogue transitions) 111802, 111813, 111820, 111823, 111828, 111837, 111838, "
        "111843 were left out.",
    ]


def test_sample_title_comes_from_the_caller():
    assert parse_aif(SAMPLE.read_bytes(), title="Mau Mau").title == "Mau Mau"


# Constructs, one small file each


def test_ra_with_two_premises_gives_one_support_per_premise():
    document = parse_aif(
        aif_text(
            [
                ("p1", "I", "Premise one"),
                ("p2", "I", "Premise two"),
                ("c", "I", "Conclusion"),
                ("ra", "RA", "Default Inference"),
            ],
            [("p1", "ra"), ("p2", "ra"), ("ra", "c")],
        )
    )
    assert [(r.key, r.from_claim, r.to_claim, r.kind) for r in document.relations] == [
        ("aif-ra-1", "aif-p1", "aif-c", "support"),
        ("aif-ra-2", "aif-p2", "aif-c", "support"),
    ]
    assert document.warnings == []


def test_ca_gives_an_objection_and_ma_a_rephrase():
    document = parse_aif(
        aif_text(
            [
                ("a", "I", "A"),
                ("b", "I", "B"),
                ("c", "I", "C"),
                ("ca", "CA", "Default Conflict"),
                ("ma", "MA", "Default Rephrase"),
            ],
            [("a", "ca"), ("ca", "b"), ("c", "ma"), ("ma", "b")],
        )
    )
    assert [(r.key, r.from_claim, r.to_claim, r.kind) for r in document.relations] == [
        ("aif-ca", "aif-a", "aif-b", "objection"),
        ("aif-ma", "aif-c", "aif-b", "rephrase"),
    ]
    assert document.warnings == []


def test_ca_on_an_ra_undercuts_each_relation_the_ra_gives():
    document = parse_aif(
        aif_text(
            [
                ("p1", "I", "P1"),
                ("p2", "I", "P2"),
                ("c", "I", "C"),
                ("u", "I", "Undercutter"),
                ("ra", "RA", "Default Inference"),
                ("ca", "CA", "Default Conflict"),
            ],
            [("p1", "ra"), ("p2", "ra"), ("ra", "c"), ("u", "ca"), ("ca", "ra")],
        )
    )
    assert len(document.relations) == 2
    assert [(u.key, u.from_claim, u.relation) for u in document.undercuts] == [
        ("aif-ca-1", "aif-u", "aif-ra-1"),
        ("aif-ca-2", "aif-u", "aif-ra-2"),
    ]
    assert document.warnings == []


def test_integer_ids_are_compared_as_strings():
    document = parse_aif(
        json.dumps(
            {
                "nodes": [
                    {"nodeID": 1, "type": "I", "text": "Taxes should rise"},
                    {"nodeID": 2, "type": "I", "text": "Schools need money"},
                    {"nodeID": 3, "type": "RA", "text": "Default Inference"},
                    {"nodeID": 4, "type": "L", "text": "Ann Lee : schools need money!"},
                    {"nodeID": 5, "type": "YA", "text": "Asserting"},
                ],
                "edges": [
                    {"edgeID": 1, "fromID": 2, "toID": "3"},
                    {"edgeID": 2, "fromID": "3", "toID": 1},
                    {"edgeID": 3, "fromID": 4, "toID": 5},
                    {"edgeID": 4, "fromID": 5, "toID": 2},
                ],
                "locutions": [{"nodeID": 4, "personID": 7}],
                "participants": [{"participantID": 7, "firstname": "Ann", "surname": "Lee"}],
            }
        )
    )
    assert ends(document) == {("aif-2", "aif-1", "support")}
    assert [(p.key, p.name) for p in document.participants] == [("aif-person-7", "Ann Lee")]
    claim = next(c for c in document.claims if c.key == "aif-2")
    assert (claim.holder, claim.quotation) == ("aif-person-7", "schools need money!")


def test_ova_envelope_is_unwrapped_and_its_layout_named():
    graph = json.loads(aif_text([("1", "I", "A"), ("2", "I", "B"), ("3", "CA", "")], [("1", "3")]))
    graph["edges"].append({"edgeID": "e2", "fromID": "3", "toID": "2"})
    envelope = {
        "AIF": graph,
        "OVA": {"url": "https://example.org/debate", "nodes": [{"nodeID": "1", "x": 5}]},
        "text": "<span id='node1'>A</span>",
        "title": "Debate on taxes",
    }
    document = parse_aif(json.dumps(envelope))
    assert document.title == "Debate on taxes"
    assert ends(document) == {("aif-1", "aif-2", "objection")}
    assert document.warnings == [
        "Field OVA, the layout of the OVA map (it names the analysed text's address "
        "https://example.org/debate), was not kept.",
        "Field text, the text analysed in OVA, was not kept.",
    ]


def test_missing_lists_are_allowed():
    document = parse_aif('{"nodes": [{"nodeID": "1", "type": "I", "text": "Alone"}]}')
    assert [c.statement for c in document.claims] == ["Alone"]
    assert document.warnings == [
        "I-nodes 1 take part in no relation; they were kept as claims on their own."
    ]


def test_isolated_node_is_kept_with_a_warning():
    document = parse_aif(
        aif_text(
            [("a", "I", "A"), ("b", "I", "B"), ("lone", "I", "Lone"), ("ra", "RA", "")],
            [("a", "ra"), ("ra", "b")],
        )
    )
    assert [c.key for c in document.claims] == ["aif-a", "aif-b", "aif-lone"]
    assert document.warnings == [
        "I-nodes lone take part in no relation; they were kept as claims on their own."
    ]


def test_s_nodes_missing_an_end_are_skipped():
    document = parse_aif(
        aif_text(
            [("a", "I", "A"), ("b", "I", "B"), ("ra1", "RA", ""), ("ca1", "CA", "")],
            [("a", "ra1"), ("ca1", "b")],
        )
    )
    assert document.relations == []
    assert document.warnings[:2] == [
        "RA node ra1 has no conclusion (it points to no I-node); left out.",
        "CA node ca1 has no premise (no I-node points to it) and was left out.",
    ]


def test_ta_nodes_are_named_in_one_sentence():
    document = parse_aif(
        aif_text(
            [
                ("l1", "L", "A : hello"),
                ("l2", "L", "B : no"),
                ("t1", "TA", "Default Transition"),
                ("t2", "TA", "Default Transition"),
            ],
            [("l1", "t1"), ("t1", "l2"), ("l2", "t2")],
        )
    )
    assert document.claims == []
    assert document.warnings == [
        "L-nodes l1, l2 voice no claim and were left out.",
        "TA nodes (dialogue transitions) t1, t2 were left out.",
    ]


def test_chains_of_s_nodes_are_named():
    document = parse_aif(
        aif_text(
            [
                ("a", "I", "A"),
                ("b", "I", "B"),
                ("c", "I", "C"),
                ("ra1", "RA", ""),
                ("ra2", "RA", ""),
            ],
            [("a", "ra1"), ("ra1", "b"), ("ra1", "ra2"), ("c", "ra2")],
        )
    )
    assert ends(document) == {("aif-a", "aif-b", "support")}
    assert document.warnings == [
        "RA node ra1 is linked to S-node(s) ra2; chains of S-nodes are not modelled and those "
        "links were left out.",
        "RA node ra2 is linked to S-node(s) ra1; chains of S-nodes are not modelled and those "
        "links were left out.",
        "RA node ra2 has no conclusion (it points to no I-node); left out.",
        "I-nodes c take part in no relation; they were kept as claims on their own.",
    ]


def test_duplicate_relations_are_merged():
    document = parse_aif(
        aif_text(
            [
                ("a", "I", "A"),
                ("b", "I", "B"),
                ("ra1", "RA", ""),
                ("ra2", "RA", ""),
                ("u", "I", "U"),
                ("ca", "CA", ""),
            ],
            [("a", "ra1"), ("ra1", "b"), ("a", "ra2"), ("ra2", "b"), ("u", "ca"), ("ca", "ra2")],
        )
    )
    assert [r.key for r in document.relations] == ["aif-ra1"]
    # The undercut of the merged RA node lands on the relation kept.
    assert [(u.from_claim, u.relation) for u in document.undercuts] == [("aif-u", "aif-ra1")]
    assert document.warnings == [
        "RA node ra2 repeats the support from I-node a to I-node b; the two were merged."
    ]


def test_schemes_and_unmodelled_nodes_and_fields_are_named():
    document = parse_aif(
        aif_text(
            [
                ("a", "I", "A"),
                ("b", "I", "B"),
                ("ra", "RA", "Argument From Expert Opinion"),
                ("pa", "PA", "Default Preference"),
            ],
            [("a", "ra"), ("ra", "b")],
            schemefulfillments=[{"nodeID": "ra", "schemeID": "10"}],
        )
    )
    assert document.warnings == [
        "Fields schemefulfillments are not modelled and were left out.",
        "Argumentation schemes were not kept: RA node ra (Argument From Expert Opinion).",
        "PA nodes pa are not modelled and were left out.",
    ]


def test_speaker_without_locution_comes_from_the_prefix():
    document = parse_aif(
        aif_text(
            [("a", "I", "Prices rose"), ("l", "L", "Dana : prices rose a lot"), ("y", "YA", "")],
            [("l", "y"), ("y", "a")],
        )
    )
    assert [(p.key, p.name) for p in document.participants] == [("aif-speaker-Dana", "Dana")]
    claim = document.claims[0]
    assert (claim.holder, claim.quotation) == ("aif-speaker-Dana", "prices rose a lot")


def test_long_locution_is_kept_as_the_excerpt_not_the_quotation():
    words = "word " * 70
    document = parse_aif(
        aif_text(
            [("a", "I", "Short"), ("l", "L", f"Eve : {words}"), ("y", "YA", "Asserting")],
            [("l", "y"), ("y", "a")],
        )
    )
    claim = document.claims[0]
    assert (claim.holder, claim.quotation, claim.excerpt) == ("aif-speaker-Eve", "", words.strip())
    assert document.warnings[0] == (
        "L-node l: its 349 characters, over 300, are kept as the excerpt of aif-a, "
        "not as its quotation."
    )


def test_locution_sources_become_sources():
    document = parse_aif(
        aif_text(
            [
                ("a", "I", "A"),
                ("b", "I", "B"),
                ("la", "L", "X : a"),
                ("lb", "L", "X : b"),
                ("ya", "YA", "Asserting"),
                ("yb", "YA", "Asserting"),
            ],
            [("la", "ya"), ("ya", "a"), ("lb", "yb"), ("yb", "b")],
            locutions=[
                {"nodeID": "la", "personID": "1", "source": "https://example.org/talk"},
                {
                    "nodeID": "lb",
                    "personID": "1",
                    "source": {"title": "Le Monde", "date": "1957-03"},
                },
            ],
        )
    )
    assert [(s.key, s.title, s.url, s.published, s.date_precision) for s in document.sources] == [
        ("aif-source-1", "https://example.org/talk", "https://example.org/talk", None, "day"),
        ("aif-source-2", "Le Monde", "", datetime.date(1957, 3, 1), "month"),
    ]
    assert [c.source for c in document.claims] == ["aif-source-1", "aif-source-2"]


def test_direct_edges_and_locutions_given_to_two_persons_are_named():
    document = parse_aif(
        aif_text(
            [("a", "I", "A"), ("b", "I", "B"), ("l", "L", "Kim : a"), ("y", "YA", "Agreeing")],
            [("a", "b"), ("l", "y"), ("y", "a")],
            locutions=[{"nodeID": "l", "personID": "1"}, {"nodeID": "l", "personID": "2"}],
            participants=[{"participantID": "2", "firstname": "Lou", "surname": "Ray"}],
        )
    )
    assert document.relations == []
    assert [(p.key, p.name) for p in document.participants] == [
        ("aif-person-2", "Lou Ray"),
        ("aif-person-1", "Kim"),
    ]
    assert document.claims[0].holder == "aif-person-1"
    assert document.warnings == [
        "L-node l is given to several persons (1, 2) in locutions; only person 1 was kept.",
        "I-nodes a, b take part in no relation; they were kept as claims on their own.",
        "Edges e1 link two I-nodes without an RA, CA or MA node between them; they were left out.",
    ]


# Malformed files


def test_not_json_names_line_and_column():
    assert problems_of('{\n  "nodes": [,]\n}') == [
        "line 2, column 13: not valid JSON (Expecting value)"
    ]


def test_not_utf8():
    assert problems_of(b'{"nodes": "\xff"}') == ["byte 11: the file is not UTF-8 text"]


def test_not_an_object():
    assert problems_of("[1, 2]") == [
        "the file holds a JSON list, not an object with nodes and edges"
    ]
    assert problems_of('{"AIF": 3}') == ["field AIF: expected an object, found a number"]


def test_missing_or_wrong_lists():
    assert problems_of('{"edges": []}') == ["field nodes is missing: an AIF map lists its nodes"]
    assert problems_of('{"nodes": {}, "edges": "x"}') == [
        "field nodes: expected a list, found a object",
        "field edges: expected a list, found a string",
    ]


def test_all_node_edge_and_locution_problems_are_collected():
    text = json.dumps(
        {
            "nodes": [
                {"nodeID": 1, "type": "I", "text": "A"},
                {"nodeID": "1", "type": "I", "text": "B"},
                {"type": "I", "text": "C"},
                {"nodeID": "4", "text": "D"},
                {"nodeID": "5", "type": "I", "text": "  "},
                "node",
            ],
            "edges": [
                {"edgeID": "e1", "fromID": "1", "toID": "99"},
                {"fromID": "4"},
            ],
            "locutions": [{"nodeID": "77", "personID": ["x"]}],
            "participants": [{"participantID": "p"}, {"participantID": "p", "surname": 5}],
        }
    )
    assert problems_of(text) == [
        "node 1 (nodes[1]): nodeID already used by nodes[0]",
        "nodes[2]: no nodeID (a string or an integer)",
        "node 4 (nodes[3]): no type",
        "node 5 (nodes[4]): I-node without text",
        "nodes[5]: expected an object, found a string",
        "edge e1 (edges[0]): toID '99' names no node",
        "edges[1]: no toID",
        "locutions[0]: nodeID '77' names no node",
        "locutions[0]: personID is a list, not an id",
        "participants[1]: participantID 'p' is listed twice",
        "participants[1]: surname is a number, not a string",
    ]


# Export


def small_document() -> Document:
    return Document(
        slug="taxes",
        title="Taxes",
        participants=[
            Participant("beauvoir", "Simone de Beauvoir"),
            Participant("monde", "Le Monde", kind="collective"),
        ],
        sources=[
            Source(
                "article",
                "L'impôt",
                venue="Le Monde",
                published=datetime.date(1957, 3, 1),
                date_precision="month",
                url="https://example.org/impot",
            )
        ],
        claims=[
            Claim("a", "Taxes should rise", holder="beauvoir", quotation="Il faut « plus »"),
            Claim("b", "Schools need money", holder="monde", source="article"),
            Claim("c", "Money is short"),
        ],
        relations=[
            Relation("r1", "b", "a", "support"),
            Relation("r2", "c", "b", "objection"),
        ],
        undercuts=[Undercut("u1", "c", "r1")],
    )


def test_export_is_exact():
    assert to_aif(small_document()) == {
        "nodes": [
            {"nodeID": "1", "text": "Taxes should rise", "type": "I"},
            {
                "nodeID": "2",
                "text": "Schools need money",
                "type": "I",
                "timestamp": "1957-03-01 00:00:00",
            },
            {"nodeID": "3", "text": "Money is short", "type": "I"},
            {
                "nodeID": "4",
                "text": "Default Inference",
                "type": "RA",
                "scheme": "Default Inference",
                "schemeID": "72",
            },
            {
                "nodeID": "5",
                "text": "Default Conflict",
                "type": "CA",
                "scheme": "Default Conflict",
                "schemeID": "71",
            },
            {
                "nodeID": "6",
                "text": "Default Conflict",
                "type": "CA",
                "scheme": "Default Conflict",
                "schemeID": "71",
            },
            {"nodeID": "7", "text": "Simone de Beauvoir : Il faut « plus »", "type": "L"},
            {
                "nodeID": "8",
                "text": "Asserting",
                "type": "YA",
                "scheme": "Asserting",
                "schemeID": "74",
            },
            {
                "nodeID": "9",
                "text": "Le Monde : Schools need money",
                "type": "L",
                "timestamp": "1957-03-01 00:00:00",
            },
            {
                "nodeID": "10",
                "text": "Asserting",
                "type": "YA",
                "timestamp": "1957-03-01 00:00:00",
                "scheme": "Asserting",
                "schemeID": "74",
            },
        ],
        "edges": [
            {"edgeID": "1", "fromID": "2", "toID": "4"},
            {"edgeID": "2", "fromID": "4", "toID": "1"},
            {"edgeID": "3", "fromID": "3", "toID": "5"},
            {"edgeID": "4", "fromID": "5", "toID": "2"},
            {"edgeID": "5", "fromID": "3", "toID": "6"},
            {"edgeID": "6", "fromID": "6", "toID": "4"},
            {"edgeID": "7", "fromID": "7", "toID": "8"},
            {"edgeID": "8", "fromID": "8", "toID": "1"},
            {"edgeID": "9", "fromID": "9", "toID": "10"},
            {"edgeID": "10", "fromID": "10", "toID": "2"},
        ],
        "locutions": [
            {"nodeID": "7", "personID": "1", "start": None, "end": None, "source": None},
            {
                "nodeID": "9",
                "personID": "2",
                "timestamp": "1957-03-01 00:00:00",
                "start": None,
                "end": None,
                "source": "https://example.org/impot",
            },
        ],
        "participants": [
            {"participantID": "1", "firstname": "Simone", "surname": "de Beauvoir"},
            {"participantID": "2", "firstname": "", "surname": "Le Monde"},
        ],
    }


def test_export_is_deterministic():
    first = json.dumps(to_aif(small_document()))
    assert json.dumps(to_aif(small_document())) == first


def test_one_word_names_go_in_the_surname():
    document = Document("d", "D", participants=[Participant("p", "Voltaire")])
    assert to_aif(document)["participants"] == [
        {"participantID": "1", "firstname": "", "surname": "Voltaire"}
    ]


# Round trip


def round_trip_document() -> Document:
    tricky = 'He said "no" {really} <b>#1</b>\nthen: [left] : again'
    return Document(
        slug="rt",
        title="Round trip",
        participants=[
            Participant("sartre", "Jean-Paul Sartre"),
            Participant("collectif", "Les Temps modernes", kind="collective"),
            Participant("odd", "A : B"),
        ],
        sources=[
            Source("s1", "Critique", published=datetime.date(1960, 1, 1), date_precision="year")
        ],
        claims=[
            Claim("a", tricky, holder="sartre", quotation="« L'enfer, c'est les autres »"),
            Claim("b", "Second claim", holder="collectif", source="s1", quotation=tricky),
            Claim("c", "Third claim", holder="odd", quotation="x : y"),
            Claim("d", "Fourth claim without holder"),
            Claim("e", "Fifth claim, holder but no quotation", holder="sartre"),
        ],
        relations=[
            Relation("r1", "b", "a", "support"),
            Relation("r2", "c", "a", "objection"),
            Relation("r3", "d", "c", "rephrase"),
            Relation("r4", "e", "a", "support"),
        ],
        undercuts=[Undercut("u1", "d", "r1"), Undercut("u2", "e", "r2")],
    )


def test_round_trip_keeps_claims_relations_undercuts_holders_and_quotations():
    original = round_trip_document()
    back = parse_aif(json.dumps(to_aif(original)))
    assert back.warnings == []

    def described(document: Document):
        statements = {c.key: c.statement for c in document.claims}
        names = {p.key: p.name for p in document.participants}
        relations = {
            r.key: (statements[r.from_claim], statements[r.to_claim], r.kind)
            for r in document.relations
        }
        return (
            [(c.statement, names.get(c.holder, ""), c.quotation) for c in document.claims],
            sorted(relations.values()),
            sorted((statements[u.from_claim], relations[u.relation]) for u in document.undercuts),
        )

    assert described(back) == described(original)
    second = next(c for c in back.claims if c.statement == "Second claim")
    # AIFdb keeps a locution's source as text: the title comes back, not the date.
    source = next(s for s in back.sources if s.key == second.source)
    assert (source.title, source.published) == ("Critique", None)


def test_arguebuf_reads_our_export():
    arguebuf = pytest.importorskip("arguebuf")
    graph = arguebuf.load.dict(to_aif(round_trip_document()))
    assert sorted(node.plain_text for node in graph.atom_nodes.values()) == sorted(
        claim.statement for claim in round_trip_document().claims
    )
    schemes = sorted(type(node.scheme).__name__ for node in graph.scheme_nodes.values())
    assert schemes == ["Attack", "Attack", "Attack", "Rephrase", "Support", "Support"]
    assert len(graph.edges) == 12


def test_a_generated_file_has_the_size_asked_for_and_imports():
    from arguments.synthetic.aif import generated_aif

    text = generated_aif(1000)
    assert len(json.loads(text)["nodes"]) == 1000
    document = parse_aif(text)
    assert len(document.claims) == 401  # 4 in 10 nodes, and one isolated to reach 1000
    assert len(document.relations) == 399
    assert len({claim.holder for claim in document.claims if claim.holder}) == 12
    assert sum(1 for claim in document.claims if claim.holder) == 100  # one L-node in 10


def test_json_nested_too_deep_is_refused_not_a_crash():
    with pytest.raises(ImportProblems, match="nests arrays or objects too deeply"):
        parse_aif("[" * 100_000)
