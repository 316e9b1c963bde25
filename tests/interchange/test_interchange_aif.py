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
    # Each names its nodes by id and first words.
    assert warnings == [
        "YA node 111830 (PureQuestioning): L-node 111831 (“CL : Was he wrong”) does not assert "
        "I-node 111829 (“McMillan was / was not wrong”), so gives it neither holder nor "
        "quotation.",
        "I-nodes 29045 (“they got to a point where…”), 111829 (“McMillan was / was not "
        "wrong”) take part in no relation; they were kept as claims on their own.",
        "YA nodes 111804 (“Arguing”), 111815 (“Arguing”), 111822 (“Arguing”), 111825 "
        "(“Arguing”), 111845 (“Arguing”) do not anchor an L-node to an I-node and were left out.",
        "L-nodes 111808 (“M: CL : when news first…”), 111812 (“M: CL : The key point…”), "
        "111819 (“M: CL : you often have…”), 111827 (“M: CL : But my point…”), 111832 (“M: CL "
        ": Was he wrong”), 111836 (“M: NL : By the 50s,…”), 111842 (“M: NL : they are "
        "effectively…”) voice no claim and were left out.",
        "TA nodes (dialogue transitions) 111802 (“TA”), 111813 (“TA”), 111820 (“TA”), 111823 "
        "(“TA”), 111828 (“TA”), 111837 (“TA”), 111838 (“TA”), 111843 (“TA”) were left out.",
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
    # Another tool's linked argument has no title nor description: no argument claim.
    assert [c.kind for c in document.claims] == ["statement"] * 3
    assert [r.argument for r in document.relations] == ["", ""]
    assert document.warnings == [
        "RA node ra (“Default Inference”) joins 2 premises (p1 (“Premise one”), p2 (“Premise "
        "two”)) in one inference; each became a support of its own."
    ]


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
    assert [w.split(" joins ")[0] for w in document.warnings] == [
        "RA node ra (“Default Inference”)"
    ]


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
        "I-nodes 1 (“Alone”) take part in no relation; they were kept as claims on their own."
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
        "I-nodes lone (“Lone”) take part in no relation; they were kept as claims on their own."
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
        "L-nodes l1 (“A : hello”), l2 (“B : no”) voice no claim and were left out.",
        "TA nodes (dialogue transitions) t1 (“Default Transition”), t2 (“Default Transition”) "
        "were left out.",
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
        "I-nodes c (“C”) take part in no relation; they were kept as claims on their own.",
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
        "RA node ra2 repeats the support from I-node a (“A”) to I-node b (“B”); the two were "
        "merged."
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
        "PA nodes pa (“Default Preference”) are not modelled and were left out.",
    ]


def voiced(*l_texts: str, **fields) -> Document:
    """A file where each L-node text voices its own I-node through a YA node."""
    nodes, edges = [], []
    for number, text in enumerate(l_texts):
        nodes += [(f"i{number}", "I", f"Claim {number}"), (f"l{number}", "L", text)]
        nodes.append((f"y{number}", "YA", "Asserting"))
        edges += [(f"l{number}", f"y{number}"), (f"y{number}", f"i{number}")]
    return parse_aif(aif_text(nodes, edges, **fields))


def holders_and_quotations(document: Document) -> list[tuple[str, str]]:
    names = {p.key: p.name for p in document.participants}
    return [(names.get(c.holder, ""), c.quotation) for c in document.claims]


@pytest.mark.parametrize(
    ("l_text", "speaker", "words"),
    [
        ("Dana Scully : prices rose a lot", "Dana Scully", "prices rose a lot"),  # AIFdb
        ("Participant Rachel: prices rose", "Participant Rachel", "prices rose"),  # OVA
        ("Speaker 2: prices rose", "Speaker 2", "prices rose"),
        ("Simone de Beauvoir : on ne naît pas", "Simone de Beauvoir", "on ne naît pas"),
        # Not names: the colon is part of the words.
        ("Note: prices rose", "", "Note: prices rose"),
        ("Remarque : les prix montent", "", "Remarque : les prix montent"),
        ("In short: prices rose", "", "In short: prices rose"),
        ("the price of bread: it rose", "", "the price of bread: it rose"),
        ("Dana:prices rose", "", "Dana:prices rose"),
    ],
)
def test_a_prefix_that_looks_like_a_name_is_the_speaker(l_text, speaker, words):
    assert holders_and_quotations(voiced(l_text)) == [(speaker, words)]


def test_a_prefix_on_several_locutions_is_a_speaker_and_one_name_one_participant():
    document = voiced("Dana : prices rose", "Dana: wages fell", "Note: rents rose")
    assert holders_and_quotations(document) == [
        ("Dana", "prices rose"),
        ("Dana", "wages fell"),
        ("", "Note: rents rose"),
    ]
    assert [(p.key, p.name) for p in document.participants] == [("aif-speaker-Dana", "Dana")]


def test_a_prefix_naming_a_listed_participant_is_the_speaker():
    listed = [{"participantID": "7", "firstname": "", "surname": "Dana"}]
    document = voiced("Dana: prices rose", participants=listed)
    assert holders_and_quotations(document) == [("Dana", "prices rose")]
    assert [p.key for p in document.participants] == ["aif-person-7"]


def test_the_same_name_under_two_person_ids_is_one_participant():
    locutions = [{"nodeID": "l0", "personID": "1"}, {"nodeID": "l1", "personID": "2"}]
    document = voiced("Fiona Bruce : one", "Fiona Bruce : two", locutions=locutions)
    assert [(p.key, p.name) for p in document.participants] == [("aif-person-1", "Fiona Bruce")]
    assert [c.holder for c in document.claims] == ["aif-person-1", "aif-person-1"]


def test_a_single_word_prefix_of_a_located_l_node_names_its_person():
    document = voiced("Kim : prices rose", locutions=[{"nodeID": "l0", "personID": "4"}])
    assert holders_and_quotations(document) == [("Kim", "prices rose")]


def test_a_long_locution_is_kept_whole_as_the_excerpt():
    words = "word " * 70
    document = parse_aif(
        aif_text(
            [("a", "I", "Short"), ("l", "L", f"Eve Adams : {words}"), ("y", "YA", "Asserting")],
            [("l", "y"), ("y", "a")],
        )
    )
    claim = document.claims[0]
    assert (claim.holder, claim.quotation, claim.excerpt) == (
        "aif-speaker-Eve Adams",
        "",
        words.strip(),
    )
    assert document.warnings[0] == (
        "L-node l (“Eve Adams : word word word…”): its 349 characters are kept whole as the "
        "excerpt of I-node a (“Short”) (our quotations are at most 300)."
    )
    back = parse_aif(json.dumps(to_aif(document)))
    assert (back.claims[0].quotation, back.claims[0].excerpt) == ("", words.strip())


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
        "L-node l (“Kim : a”) is given to several persons (1, 2) in locutions; only person 1 "
        "was kept.",
        "I-nodes a (“A”), b (“B”) take part in no relation; they were kept as claims on their own.",
        "Edges e1 (from a (“A”) to b (“B”)) link two I-nodes without an RA, CA or MA node "
        "between them; they were left out.",
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


# Real files with speakers (tests/data/interop/aif/SOURCES)

REAL = Path(__file__).resolve().parents[1] / "data" / "interop" / "aif"


def test_dialam_speakers_become_holders_and_leave_the_quotations():
    document = parse_aif((REAL / "qt30-nodeset17919.json").read_bytes())
    # No participants list: the prefix "Chris Philp : " names person 3861 of the locutions.
    assert [(p.key, p.name) for p in document.participants] == [("aif-person-3861", "Chris Philp")]
    claims = {c.key: c for c in document.claims}
    assert claims["aif-511074"].holder == "aif-person-3861"
    assert claims["aif-511074"].quotation == (
        "I am worried that there are children who are missing out on education, children "
        "particularly from disadvantaged backgrounds who are at risk of falling behind in their "
        "studies"
    )
    assert not any(c.quotation.startswith(("Chris Philp", "Fiona Bruce")) for c in claims.values())
    # Fiona Bruce only asks (Pure Questioning): her question is held by no one.
    assert claims["aif-511107"].holder == ""
    held = sum(1 for c in document.claims if c.holder)
    assert (len(document.claims), held, len(document.relations)) == (16, 15, 9)
    assert {r.kind for r in document.relations} == {"support", "rephrase"}


def test_ova_speakers_without_a_space_before_the_colon_and_scheme_ids():
    document = parse_aif((REAL / "ova3-22303.json").read_bytes())
    names = {p.key: p.name for p in document.participants}
    assert [names[c.holder] for c in document.claims] == ["Participant Rachel"] * 4 + [
        "Participant Mo"
    ] * 3
    # "Participant Rachel: Lorem ipsum dolor sit amet" is the statement's own words.
    assert [c.quotation for c in document.claims] == [""] * 7
    assert [(r.key, r.from_claim, r.to_claim, r.kind) for r in document.relations] == [
        ("aif-12", "aif-7", "aif-2", "rephrase"),
        ("aif-21", "aif-15", "aif-7", "support"),
        ("aif-35", "aif-29", "aif-7", "objection"),
        ("aif-43", "aif-37", "aif-29", "support"),
        ("aif-51", "aif-45", "aif-37", "rephrase"),
    ]
    # Its schemes are AIFdb's default ones by id ("72"): nothing to warn about.
    assert not any("schemes" in warning.lower() for warning in document.warnings[1:])
    assert (
        document.warnings[0]
        == "Fields schemefulfillments, analysis are not modelled and were left out."
    )


# The three layers, in the S-node's extra key

PROPOSED = datetime.datetime(2025, 3, 1, 12, tzinfo=datetime.UTC)


def layered() -> Document:
    """A text's own objection credited to its author and text, with its passage; an editors'
    support with its justifications; a reader's proposal; an editors' and a text's undercut."""
    return Document(
        slug="layers",
        title="Layers",
        participants=[Participant("morozov", "Evgeny Morozov"), Participant("durand", "C D")],
        sources=[
            Source("critique", "Critique", url="https://example.org/critique"),
            Source("livre", "Techno-féodalisme"),
        ],
        claims=[
            Claim("rente", "La rente remplace le profit.", holder="durand", source="livre"),
            Claim("capital", "C'est du capitalisme.", holder="morozov", source="critique"),
            Claim("cloud", "Le cloud extrait une rente."),
            Claim("lecteur", "Un lecteur propose."),
        ],
        relations=[
            Relation(
                "r1",
                "capital",
                "rente",
                "objection",
                drawn_by="morozov",
                source="critique",
                passage="ce n'est que du capitalisme",
            ),
            Relation(
                "r2",
                "cloud",
                "rente",
                "support",
                layer="editors",
                justification="Les deux parlent de rente.",
                justification_en="Both speak of rent.",
            ),
            Relation(
                "r3",
                "lecteur",
                "capital",
                "support",
                layer="readers",
                proposed_by="bob",
                proposed_at=PROPOSED,
            ),
        ],
        undercuts=[
            Undercut("u1", "capital", "r2", layer="editors", justification="Il nie l'inférence."),
            Undercut("u2", "lecteur", "r1", drawn_by="durand", source="livre", passage="non"),
        ],
    )


def layers_by_ends(document: Document) -> set[tuple]:
    """Each relation and undercut by its claims' statements, with its layer, credit and words."""
    statements = {c.key: c.statement for c in document.claims}
    names = {p.key: p.name for p in document.participants}
    titles = {s.key: s.url or s.title for s in document.sources}
    relations = {r.key: r for r in document.relations}

    def described(item, ends):
        return (
            ends,
            item.layer,
            item.passage,
            item.justification,
            item.justification_en,
            names.get(item.drawn_by, ""),
            titles.get(item.source, ""),
            getattr(item, "proposed_by", ""),
            getattr(item, "proposed_at", None),
        )

    return {
        described(r, (statements[r.from_claim], r.kind, statements[r.to_claim]))
        for r in document.relations
    } | {
        described(
            u,
            (statements[u.from_claim], "undercut", statements[relations[u.relation].from_claim]),
        )
        for u in document.undercuts
    }


def test_every_layer_and_credit_goes_out_and_comes_back():
    original = layered()
    assert original.problems() == []
    data = to_aif(original)
    back = parse_aif(json.dumps(data))
    assert back.warnings == []
    assert layers_by_ends(back) == layers_by_ends(original)
    # Plain AIF for what other tools read: the same default schemes on every S-node.
    s_nodes = [n for n in data["nodes"] if n["type"] in ("RA", "CA")]
    assert {n["scheme"] for n in s_nodes} == {"Default Inference", "Default Conflict"}


def test_arguebuf_reads_our_layered_export():
    arguebuf = pytest.importorskip("arguebuf")
    graph = arguebuf.load.dict(to_aif(layered()))
    schemes = sorted(type(node.scheme).__name__ for node in graph.scheme_nodes.values())
    assert schemes == ["Attack", "Attack", "Attack", "Support", "Support"]


def marked_file(**marks) -> str:
    data = to_aif(layered())
    support = next(n for n in data["nodes"] if n.get("controverse", {}).get("layer") == "editors")
    support["controverse"] = marks
    return json.dumps(data)


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        (
            {"layer": "editors", "justification": "why", "drawn_by": "Evgeny Morozov"},
            "an editors' link is credited to the editors only",
        ),
        ({"layer": "editors"}, "an editors' link needs its justification"),
        ({"layer": "authors"}, "layer 'authors' is not one of"),
        ({"layer": "editors", "justification": "x" * 100_000}, "justification is 100000"),
        ({"layer": "editors", "justification": "a\x1bb"}, "justification holds control"),
        ({"passage": "p" * 401}, "passage is 401 characters"),
    ],
)
def test_marks_that_break_the_layers_rules_are_named_and_the_relation_kept(marks, expected):
    back = parse_aif(marked_file(**marks))
    assert len(back.relations) == 3  # this support kept, as the text's
    (warning,) = [w for w in back.warnings if expected in w]
    assert warning.startswith("RA node ") and "marks were not kept" in warning
    assert len(warning) < 400


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        ({"layer": "readers", "proposed_by": "bob"}, "reader's proposal without its date"),
        ({"layer": "readers", "proposed_at": "yesterday"}, "reader's proposal without its date"),
        ({"layer": 3}, "is not an object of strings"),
        ({"layer": {"nested": ["deep"]}}, "is not an object of strings"),
        ({"colour": "red"}, "fields colour of controverse were not kept"),
    ],
)
def test_hostile_marks_are_named_never_a_crash(marks, expected):
    back = parse_aif(marked_file(**marks))
    assert any(expected in warning for warning in back.warnings), back.warnings


def test_marks_that_are_not_an_object_are_named():
    data = to_aif(layered())
    data["nodes"][5]["controverse"] = ["editors"]
    back = parse_aif(json.dumps(data))
    assert any("is not an object of strings" in w for w in back.warnings)


@pytest.mark.django_db
def test_a_real_file_imports_whole_and_its_analysis_times_date_nothing():
    """AIF timestamps are when the analysis was made (2020-05-28 here), not when the words
    were published: they date no source, so the dating rule has nothing to refuse."""
    from arguments.interchange.formats import import_file

    text = (REAL / "qt30-nodeset17919.json").read_text(encoding="utf-8")
    imported = import_file(text, "aif", "qt30-nodeset17919.json", slug="qt30")
    assert imported.dating == []
    assert imported.debate.claims.count() == 16
    assert imported.debate.relations.count() == 9
    assert not imported.debate.sources.exists()


# Arguments: one RA node for an argument's inference


def argued() -> Document:
    """An argument with two premises, an objection to the argument itself, an undercut of one
    premise's support, an argument without premises that supports a claim, a long excerpt."""
    return Document(
        slug="argued",
        title="Argued",
        participants=[Participant("varoufakis", "Yanis Varoufakis")],
        claims=[
            Claim("p1", "Cloud capital extracts rent.", holder="varoufakis"),
            Claim("p2", "Rent is not profit.", excerpt="x" * 900),
            Claim("c", "This is no longer capitalism."),
            Claim(
                "a", "From rent to feudalism.", kind="argument", title="No profit, no capitalism"
            ),
            Claim("o", "Rent has always been part of capitalism."),
            Claim("u", "Cloud rent is a profit in disguise."),
            Claim("bare", "An argument known by its gist.", kind="argument", title="Gist"),
        ],
        relations=[
            Relation("s1", "p1", "c", "support", argument="a"),
            Relation("s2", "p2", "c", "support", argument="a"),
            Relation("r-o", "o", "a", "objection"),
            Relation("r-bare", "bare", "c", "support"),
        ],
        undercuts=[Undercut("u1", "u", "s2")],
    )


def shape(document: Document) -> tuple:
    """Everything an argument is, by statements: kinds, titles, excerpts, relations with the
    argument they belong to, undercuts with the premise of the support they undercut."""
    said = {c.key: c.statement for c in document.claims}
    relations = {r.key: r for r in document.relations}
    return (
        sorted((c.statement, c.kind, c.title, c.excerpt, c.quotation) for c in document.claims),
        sorted(
            (said[r.from_claim], r.kind, said[r.to_claim], said.get(r.argument, ""))
            for r in document.relations
        ),
        sorted(
            (said[u.from_claim], said[relations[u.relation].from_claim]) for u in document.undercuts
        ),
    )


def test_an_argument_is_one_ra_node_named_by_its_title():
    original = argued()
    assert original.problems() == []
    data = to_aif(original)
    ra_nodes = [n for n in data["nodes"] if n["type"] == "RA"]
    inference = ra_nodes[0]
    assert inference["text"] == "No profit, no capitalism"
    assert inference["scheme"] == "Default Inference"  # other tools still read a support
    argument_node = next(n for n in data["nodes"] if n["text"] == "From rent to feudalism.")
    assert argument_node["controverse"] == {"kind": "argument", "title": "No profit, no capitalism"}
    assert inference["controverse"] == {"argument": argument_node["nodeID"]}
    into = [e["fromID"] for e in data["edges"] if e["toID"] == inference["nodeID"]]
    out = [e["toID"] for e in data["edges"] if e["fromID"] == inference["nodeID"]]
    texts = {n["nodeID"]: n["text"] for n in data["nodes"]}
    assert sorted(texts[n] for n in into) == [
        "Cloud capital extracts rent.",
        "Default Conflict",  # the undercut of p2's support: a CA node on the RA node
        "Rent is not profit.",
    ]
    assert [texts[n] for n in out] == ["This is no longer capitalism."]
    # Two RA nodes: the argument's inference and the bare argument's support.
    assert len(ra_nodes) == 2


def test_arguments_go_out_and_come_back_exactly():
    original = argued()
    back = parse_aif(json.dumps(to_aif(original)))
    assert back.warnings == []
    assert shape(back) == shape(original)
    argument = next(c for c in back.claims if c.kind == "argument" and c.title != "Gist")
    supports = [r for r in back.relations if r.argument == argument.key]
    assert len(supports) == 2 and len({r.key for r in supports}) == 2


def test_arguebuf_reads_an_export_with_arguments():
    arguebuf = pytest.importorskip("arguebuf")
    graph = arguebuf.load.dict(to_aif(argued()))
    assert len(graph.atom_nodes) == 7
    schemes = sorted(type(node.scheme).__name__ for node in graph.scheme_nodes.values())
    assert schemes == ["Attack", "Attack", "Support", "Support"]


@pytest.mark.parametrize(
    ("argument_mark", "expected"),
    [
        ("999", "names no argument's I-node"),
        (["1"], "is not an object of strings"),
    ],
)
def test_an_argument_mark_naming_nothing_is_named(argument_mark, expected):
    data = to_aif(argued())
    inference = next(n for n in data["nodes"] if n["type"] == "RA")
    inference["controverse"]["argument"] = argument_mark
    back = parse_aif(json.dumps(data))
    assert any(expected in warning for warning in back.warnings), back.warnings
    assert all(r.argument == "" for r in back.relations)


def test_an_argument_mark_on_a_statement_or_a_ca_node_is_named():
    data = to_aif(argued())
    argument_node = next(n for n in data["nodes"] if n["text"] == "From rent to feudalism.")
    del argument_node["controverse"]["kind"]
    back = parse_aif(json.dumps(data))
    assert any("names no argument's I-node" in w for w in back.warnings)
    data = to_aif(argued())
    conflict = next(n for n in data["nodes"] if n["type"] == "CA")
    conflict["controverse"] = {"argument": "4"}
    back = parse_aif(json.dumps(data))
    assert any("only an RA node is an argument's inference" in w for w in back.warnings)


def test_an_unknown_kind_is_read_as_a_statement():
    data = to_aif(argued())
    data["nodes"][0]["controverse"] = {"kind": "<script>"}
    back = parse_aif(json.dumps(data))
    assert back.claims[0].kind == "statement"
    assert any("kind '<script>' is not one of statement, argument" in w for w in back.warnings)


@pytest.mark.django_db
def test_arguments_and_excerpts_survive_the_database():
    from arguments.interchange import store

    debate = store.store_document(parse_aif(json.dumps(to_aif(argued()))), slug="argued")
    back = store.document_from_debate(debate)
    assert shape(back) == shape(argued())


# Hostile speakers and passages


def test_a_huge_locution_is_kept_whole():
    words = "mot " * 250_000
    document = voiced(f"Dana Scully : {words}", "x" * 1_000_000 + ": not a name")
    assert holders_and_quotations(document)[1] == ("", "")
    claim = document.claims[0]
    assert (claim.holder, len(claim.excerpt)) == ("aif-speaker-Dana Scully", len(words.strip()))
    second = document.claims[1]
    assert (second.holder, second.quotation) == ("", "")
    assert len(second.excerpt) == 1_000_012


@pytest.mark.parametrize(
    "l_text",
    ["Dana\x07 Scully : prices rose", "Dana\tScully: prices rose", "<b>Dana</b> X: prices rose"],
)
def test_a_prefix_with_control_characters_or_markup_is_no_name_of_ours(l_text):
    document = voiced(l_text)
    names = [p.name for p in document.participants]
    assert names in ([], ["<b>Dana</b> X"])  # markup is text, kept as written, shown escaped
    assert all("\x07" not in name and "\t" not in name for name in names)


def test_dialam_fiona_bruce_holds_what_she_asserts_and_a_linked_ra_stays_two_supports():
    document = parse_aif((REAL / "qt30-nodeset17921.json").read_bytes())
    assert [(p.key, p.name) for p in document.participants] == [
        ("aif-person-3812", "Fiona Bruce"),
        ("aif-person-3825", "Helle Thorning-Schmidt"),
    ]
    claims = {c.key: c for c in document.claims}
    fiona = claims["aif-511162"]
    assert (fiona.holder, fiona.quotation) == (
        "aif-person-3812",
        "Do you think we could be doing that kind of thing here",
    )
    # "Helle Thorning-Schmidt :  I would ..." (two spaces): the prefix goes whole.
    assert claims["aif-511260"].quotation == "I would really advise to take the heat out of this"
    linked = [
        (r.from_claim, r.to_claim, r.argument) for r in document.relations if "511181" in r.key
    ]
    assert linked == [("aif-511178", "aif-511166", ""), ("aif-511173", "aif-511166", "")]
    assert document.warnings[0].startswith("RA node 511181 (“Default Inference”) joins 2 premises")


@pytest.mark.parametrize(
    "name", ["qt30-nodeset17919.json", "qt30-nodeset17921.json", "ova3-22303.json"]
)
def test_a_real_file_goes_out_and_comes_back_the_same(name):
    first = parse_aif((REAL / name).read_bytes())
    back = parse_aif(json.dumps(to_aif(first)))
    assert shape(back) == shape(first)
    assert holders_and_quotations(back) == holders_and_quotations(first)
    assert json.dumps(to_aif(back)) == json.dumps(to_aif(first))


def test_a_warning_names_twenty_nodes_then_counts_the_rest():
    lone = [(f"n{number}", "I", f"Lone claim {number} " + "word " * 50) for number in range(5_000)]
    warnings = parse_aif(aif_text(lone)).warnings
    (isolated,) = warnings
    assert isolated.count("(“Lone claim") == 20
    assert isolated.startswith("I-nodes n0 (“Lone claim 0 word word word…”), n1 ")
    assert " and 4,980 more take part in no relation" in isolated
    assert len(isolated) < 2_000


def test_an_undercut_naming_a_premise_that_is_not_there_is_named():
    data = to_aif(argued())
    undercut = next(n for n in data["nodes"] if "premise" in n.get("controverse", {}))
    undercut["controverse"]["premise"] = "77"
    back = parse_aif(json.dumps(data))
    assert back.undercuts == []
    assert any("premise '77' gives no support in node" in w for w in back.warnings)
