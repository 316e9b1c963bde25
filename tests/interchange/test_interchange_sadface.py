"""SADFace in and out: real SADFace files (tests/data/interop/sadface, see SOURCES there),
the three layers through our metadata namespace, arguebuf's reader on our export, hostile
files, and the paths a file takes on the site (form, worker, API, command)."""

from __future__ import annotations

import datetime
import io
import json
import re
from pathlib import Path

import arguebuf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from arguments.interchange import store
from arguments.interchange.document import (
    Claim,
    Document,
    Participant,
    Relation,
    Source,
    Undercut,
)
from arguments.interchange.formats import (
    FORMATS,
    export_text,
    guess_format,
    import_text,
    parse,
)
from arguments.interchange.sadface import parse_sadface, to_sadface
from arguments.record.files import TOO_DEEP, ImportProblems
from arguments.record.models import Debate
from tests.conftest import TokenClient
from tests.interchange.worker import run_worker, worker_runs

SADFACE = Path(__file__).resolve().parents[1] / "data" / "interop" / "sadface"
AIF_FILE = SADFACE.parent / "6064-original.json"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
MOMENT = datetime.datetime(2026, 3, 1, 12, 30, tzinfo=datetime.UTC)


def real(name: str) -> str:
    return (SADFACE / name).read_text(encoding="utf-8")


def problems_of(text, title="t") -> list[str]:
    with pytest.raises(ImportProblems) as error:
        parse_sadface(text, title)
    return error.value.problems


def statements(document: Document) -> dict[str, str]:
    return {claim.key: claim.statement for claim in document.claims}


def described(document: Document) -> set[tuple[str, str, str]]:
    said = statements(document)
    return {(said[r.from_claim], r.kind, said[r.to_claim]) for r in document.relations}


def atom(node_id: str, text, **extra) -> dict:
    return {"id": node_id, "type": "atom", "text": text, "sources": [], "metadata": {}, **extra}


def scheme(node_id: str, name, **extra) -> dict:
    return {"id": node_id, "type": "scheme", "name": name, "metadata": {}, **extra}


def edge(start: str, end: str, edge_id: str = "") -> dict:
    return {"id": edge_id or f"{start}-{end}", "source_id": start, "target_id": end}


def sadface_map(nodes, edges, **fields) -> str:
    return json.dumps(
        {"metadata": {"core": {}}, "resources": [], "nodes": nodes, "edges": edges, **fields}
    )


# --- real files ---------------------------------------------------------------------------


def test_the_hang_back_example_gives_its_claims_its_supports_and_its_conflict():
    document = parse_sadface(real("hangback.json"), "hangback")
    assert document.title == "hangback"  # the file names none
    video = (
        "The 'Hang Back' campaign video should not have been published, and should be withdrawn."
    )
    advert = "The 'Hang Back' advert does not clearly express the intended message"
    wrong = "The 'Hang Back' campaign was the wrong campaign to run"
    roads = "Road users have a responsibility to make our roads safer by being more vigilant."
    assert set(statements(document).values()) == {video, advert, wrong, roads}
    assert described(document) == {
        (advert, "support", video),
        (wrong, "support", video),
        (roads, "objection", wrong),
    }
    assert {claim.imported for claim in document.claims} == {True}
    # The analyst is the map maker, not a participant: named as not kept.
    assert document.warnings == [
        "Metadata core: analyst_name ('Simon Wells'), analyst_email ('siwells@gmail.com') "
        "were not kept (a debate has no place for them)."
    ]


def test_the_canary_example_keeps_its_title_and_description_and_reads_inference_as_support():
    document = parse_sadface(real("canary_sadface.json"), "canary_sadface")
    assert (document.title, document.description) == (
        "very important",
        "a cohesive description of this argument document",
    )
    treasure = "You should treasure every moment"
    die = "You are going to die"
    assert described(document) == {
        ("if you are going to die then you should treasure every moment", "support", treasure),
        (die, "support", treasure),
        ("Every person is going to die", "support", die),
        ("You are a person", "support", die),
        ("YOLO", "objection", die),
    }
    assert any("notes ('some nonsense" in warning for warning in document.warnings)


def test_a_mined_map_without_schemes_keeps_its_atoms_and_names_each_edge_left_out():
    document = parse_sadface(real("canary_mined.json"), "canary_mined")
    assert len(document.claims) == 6  # two share their text: both kept
    assert document.relations == []
    for edge_id, start, end in (
        ("378", "649", "550"),
        ("779", "773", "290"),
        ("979", "524", "401"),
    ):
        assert (
            f"edge {edge_id} links atom {start} to atom {end} without a scheme between them; "
            "left out."
        ) in document.warnings


def test_an_empty_real_map_is_told_as_sadface_and_refused_in_one_clear_sentence():
    text = real("minimal.json")
    assert guess_format("minimal.json", text) == "sadface"
    assert problems_of(text) == ["the file holds no atom: there is no statement to import"]


@pytest.mark.parametrize(
    "name", ["hangback.json", "canary_sadface.json", "canary_mined.json", "minimal.json"]
)
def test_real_sadface_files_are_told_from_aif(name):
    assert guess_format(name, real(name)) == "sadface"
    assert guess_format(name, "\ufeff" + real(name)) == "sadface"


def test_aif_and_our_json_are_still_told_apart_from_sadface(small_debate):
    assert guess_format(AIF_FILE.name, AIF_FILE.read_text(encoding="utf-8")) == "aif"
    assert guess_format("petit.json", export_text(small_debate, "json", "")) == "json"
    assert guess_format("petit.json", export_text(small_debate, "aif", "")) == "aif"
    assert guess_format("petit.json", export_text(small_debate, "sadface", "")) == "sadface"
    # Broken JSON goes to the parser its signs point to, which names the fault.
    assert guess_format("cut.json", real("hangback.json")[:-40]) == "sadface"
    assert guess_format("cut.json", AIF_FILE.read_text(encoding="utf-8")[:-40]) == "aif"


# --- files in no format we read -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '{"name": "a package.json", "version": "1.0.0"}',
        "[1, 2, 3]",
        '"a string"',
        "",
        "   \n\t ",
        "\x00\x01\x02PK\x03\x04 binary",
    ],
)
def test_a_file_in_no_format_we_read_gets_one_problem_listing_the_formats(text):
    assert guess_format("file.json", text) == ""
    with translation.override("en"), pytest.raises(ImportProblems) as error:
        parse(guess_format("file.json", text), text, "file")
    [problem] = error.value.problems
    assert "not recognised" in problem
    for format in FORMATS.values():
        assert (format.label in problem) == format.can_import


# --- our export and back: the three layers ------------------------------------------------


def layered_document() -> Document:
    """Every kind of relation in every layer SADFace must carry, and an undercut of each
    layer but the readers' (who propose relations, not undercuts)."""
    return Document(
        slug="couches",
        title="Les trois couches",
        title_en="The three layers",
        description="Un débat à couches.",
        participants=[
            Participant("durand", "Cédric Durand", description_en="An economist."),
            Participant("lfi", "La France insoumise", kind="collective"),
        ],
        sources=[
            Source(
                "techno",
                "Techno-féodalisme",
                authors=["durand"],
                venue="Zones",
                published=datetime.date(2020, 9, 1),
                date_precision="month",
                url="https://example.org/techno",
            ),
            Source(
                "tract",
                "Tract",
                authors=["lfi"],
                published=datetime.date(2021, 1, 1),
                date_precision="year",
                date_qualifier="circa",
            ),
        ],
        claims=[
            Claim(
                "these",
                "Le numérique est féodal.",
                "Digital is feudal.",
                holder="durand",
                source="techno",
                quotation="un féodalisme",
                section="Intro",
                paragraph=3,
                imported=False,
            ),
            Claim(
                "rente",
                "La rente domine.",
                holder="durand",
                source="techno",
                quotation="la rente",
                imported=False,
            ),
            Claim(
                "capital",
                "C'est du capitalisme.",
                holder="lfi",
                source="tract",
                via="techno",
                quotation="capitalisme",
                imported=False,
            ),
            Claim(
                "meme",
                "Le numérique est un féodalisme.",
                holder="durand",
                source="techno",
                quotation="féodalisme",
                imported=False,
            ),
            Claim("lecteur", "Un lecteur ajoute ceci.", proposed_by="alice", proposed_at=MOMENT),
            # An argument, as Argdown has them, and an imported passage longer than ours.
            Claim(
                "argument-rente",
                "La rente fait le féodalisme.",
                title="L'argument de la rente",
                kind="argument",
                source="techno",
                excerpt=("une longue page " * 40).strip(),
            ),
        ],
        relations=[
            Relation(
                "r1",
                "rente",
                "these",
                "support",
                drawn_by="durand",
                source="techno",
                passage="car la rente",
                argument="argument-rente",
            ),
            Relation(
                "r2",
                "capital",
                "these",
                "objection",
                layer="editors",
                justification="Lordon répond à Durand.",
                justification_en="An answer.",
            ),
            Relation("r3", "meme", "these", "rephrase"),
            Relation(
                "r4",
                "lecteur",
                "rente",
                "objection",
                layer="readers",
                proposed_by="alice",
                proposed_at=MOMENT,
                hidden_at=MOMENT,  # moderators' exports carry hidden proposals
                hidden_reason="hors sujet",
            ),
        ],
        undercuts=[
            Undercut("u1", "capital", "r1", drawn_by="lfi", source="tract"),
            Undercut("u2", "lecteur", "r1", layer="editors", justification="Hors sujet."),
        ],
    )


def through_sadface(document: Document) -> Document:
    return parse_sadface(json.dumps(to_sadface(document), ensure_ascii=False), "back")


RELATION_FIELDS = (
    "key",
    "from_claim",
    "to_claim",
    "kind",
    "layer",
    "drawn_by",
    "source",
    "passage",
    "justification",
    "justification_en",
    "argument",
    "proposed_by",
    "proposed_at",
    "hidden_at",
    "hidden_reason",
)
CLAIM_FIELDS = (
    "key",
    "statement",
    "statement_en",
    "holder",
    "source",
    "via",
    "quotation",
    "excerpt",
    "title",
    "kind",
    "section",
    "paragraph",
    "proposed_by",
    "proposed_at",
    "hidden_at",
    "hidden_reason",
)


def fields(items, names) -> list[tuple]:
    return [tuple(getattr(item, name) for name in names) for item in items]


def test_our_export_comes_back_with_its_claims_relations_layers_and_undercuts():
    document = layered_document()
    back = through_sadface(document)
    assert back.warnings == []
    assert (back.slug, back.title, back.title_en, back.description) == (
        "couches",
        "Les trois couches",
        "The three layers",
        "Un débat à couches.",
    )
    assert back.participants == document.participants
    assert back.sources == document.sources
    assert fields(back.claims, CLAIM_FIELDS) == fields(document.claims, CLAIM_FIELDS)
    assert fields(back.relations, RELATION_FIELDS) == fields(document.relations, RELATION_FIELDS)
    undercut_fields = (
        "key",
        "from_claim",
        "relation",
        "layer",
        "drawn_by",
        "source",
        "justification",
    )
    assert fields(back.undercuts, undercut_fields) == fields(document.undercuts, undercut_fields)
    # A claim of the record comes back as imported: it came from a file.
    assert {claim.imported for claim in back.claims} == {True}


def test_the_layers_are_written_in_sadface_idiom_on_the_scheme_nodes():
    written = to_sadface(layered_document())
    schemes = {
        node["metadata"]["controverse"].get("key"): node
        for node in written["nodes"]
        if node["type"] == "scheme" and "key" in node["metadata"]["controverse"]
    }
    assert [schemes[key]["name"] for key in ("r1", "r2", "r3", "r4")] == [
        "support",
        "attack",
        "rephrase",
        "attack",
    ]
    assert schemes["r2"]["metadata"]["controverse"] == {
        "key": "r2",
        "layer": "editors",
        "justification": "Lordon répond à Durand.",
        "justification_en": "An answer.",
    }
    assert schemes["r4"]["metadata"]["controverse"]["proposed_at"] == "2026-03-01T12:30:00Z"
    these = next(
        n
        for n in written["nodes"]
        if n["type"] == "atom" and n["text"].startswith("Le numérique est f")
    )
    assert these["metadata"]["controverse"]["holder"] == "durand"
    assert these["sources"] == [
        {
            "resource_id": written["resources"][0]["id"],
            "text": "un féodalisme",
            "offset": None,
            "length": 13,
        }
    ]
    assert written["resources"][0]["metadata"]["core"] == {
        "title": "Techno-féodalisme",
        "url": "https://example.org/techno",
        "authors": ["Cédric Durand"],
        "date": "2020-09",
    }
    core = written["metadata"]["core"]
    assert (core["version"], core["title"], core["created"]) == (
        "0.2",
        "Les trois couches",
        "2026-03-01T12:30:00",
    )


def test_the_same_document_gives_the_same_file():
    assert json.dumps(to_sadface(layered_document())) == json.dumps(to_sadface(layered_document()))


def test_arguebufs_reader_reads_our_export_node_for_node():
    document = layered_document()
    graph = arguebuf.load.sadface(json.loads(json.dumps(to_sadface(document))))
    assert len(graph.atom_nodes) == len(document.claims)
    assert len(graph.scheme_nodes) == len(document.relations) + len(document.undercuts)
    assert len(graph.edges) == 2 * (len(document.relations) + len(document.undercuts))
    kinds = sorted(type(node.scheme).__name__ for node in graph.scheme_nodes.values())
    # Objections and undercuts are attacks, the support a support, the rephrase a rephrase.
    assert kinds == ["Attack", "Attack", "Attack", "Attack", "Rephrase", "Support"]
    assert graph.userdata["title"] == "Les trois couches"


# --- scheme names and what is left out ----------------------------------------------------


def test_scheme_names_say_the_kind_or_are_named_in_a_warning():
    nodes = [atom("a", "A"), atom("b", "B"), atom("c", "C"), atom("d", "D"), atom("e", "E")]
    nodes += [
        scheme("s1", "Argument From Expert Opinion"),
        scheme("s2", "Undermining Attack"),
        scheme("s3", "Default Conflict"),
        scheme("s4", "Analogy"),
        scheme("s5", None),
    ]
    edges = [edge("a", "s1"), edge("s1", "e"), edge("b", "s2"), edge("s2", "e")]
    edges += [edge("c", "s3"), edge("s3", "e"), edge("d", "s4"), edge("s4", "e")]
    edges += [edge("a", "s5"), edge("s5", "b")]
    document = parse_sadface(sadface_map(nodes, edges))
    assert described(document) == {
        ("A", "support", "E"),
        ("B", "objection", "E"),
        ("C", "objection", "E"),
    }
    assert (
        "scheme s1: scheme 'Argument From Expert Opinion' was read as a support"
        in document.warnings[0]
    )
    assert "scheme s2: scheme 'Undermining Attack' was read as an objection" in document.warnings[1]
    assert "scheme s4: scheme 'Analogy' says neither support nor conflict" in document.warnings[2]
    assert document.warnings[3].startswith("scheme s5 has no name")
    assert "Atoms d take part in no relation" in document.warnings[4]


def test_every_warning_names_the_node_or_edge_it_concerns():
    nodes = [atom("n-a", "A"), atom("n-b", "B"), atom("n-c", "C"), scheme("n-s", "support")]
    nodes += [scheme("lonely", "support"), scheme("loop1", "support"), scheme("loop2", "conflict")]
    nodes += [{"id": "n-x", "type": "locution", "metadata": {}}]
    edges = [edge("n-a", "n-s"), edge("n-s", "n-b"), edge("n-a", "n-c", "direct")]
    edges += [edge("n-a", "ghost", "dangling"), edge("n-s", "lonely")]
    edges += [edge("loop1", "loop2"), edge("loop2", "loop1"), {"id": "half", "source_id": "n-a"}]
    resources = [{"id": "res", "content": "a text without a title"}]
    document = parse_sadface(sadface_map(nodes, edges, resources=resources))
    assert described(document) == {("A", "support", "B")}
    named = ["ghost", "half", "direct", "node n-x", "scheme n-s ", "lonely", "loop1", "loop2"]
    named += ["Resources res", "Atoms n-c"]
    for name in named:
        assert any(name in warning for warning in document.warnings), name
    ids = ["n-a", "n-b", "n-c", "n-s", "n-x", "lonely", "loop1", "loop2", "dangling", "half"]
    ids += ["direct", "res"]
    assert [w for w in document.warnings if not any(i in w for i in ids)] == []


def test_a_source_of_an_atom_gives_the_quotation_and_a_resource_with_a_title_the_source():
    resources = [
        {
            "id": "r1",
            "type": "text",
            "content": "Le texte entier.",
            "metadata": {"core": {"title": "Un essai", "url": "https://example.org/e"}},
        }
    ]
    long_quote = "mot " * 200
    nodes = [
        atom(
            "a", "A", sources=[{"resource_id": "r1", "text": "le texte", "offset": 3, "length": 8}]
        ),
        atom(
            "b",
            "B",
            sources=[{"resource_id": "r1", "text": long_quote, "offset": 0, "length": 800}],
        ),
        scheme("s", "support"),
    ]
    document = parse_sadface(
        sadface_map(nodes, [edge("a", "s"), edge("s", "b")], resources=resources)
    )
    [source] = document.sources
    assert (source.title, source.url) == ("Un essai", "https://example.org/e")
    quoted = {c.statement: (c.quotation, c.excerpt, c.source) for c in document.claims}
    assert quoted["A"] == ("le texte", "", source.key)
    # A passage longer than our quotations is kept whole, apart, and said so.
    assert quoted["B"] == ("", long_quote.strip(), source.key)
    assert document.warnings == [
        "atom b: its passage of 799 characters is kept whole as the imported excerpt (our "
        "quotations are at most 300)."
    ]


# --- hostile files ------------------------------------------------------------------------


def test_deep_nesting_is_refused_without_a_crash():
    deep = '{"nodes": [' + '{"a": [' * 5000 + "]}" * 5000 + "]}"
    assert problems_of(deep) == [TOO_DEEP]


@pytest.mark.parametrize(
    ("node", "problem"),
    [
        (atom("a", 5), "node a (nodes[0]): the atom's text is a number, not a string"),
        (atom("a", ["A"]), "node a (nodes[0]): the atom's text is a list, not a string"),
        (atom("a", "  "), "node a (nodes[0]): atom without text"),
        (scheme("a", {"n": 1}), "node a (nodes[0]): the scheme's name is a object, not a string"),
        ({"id": True, "type": "atom", "text": "A"}, "nodes[0]: no id (a string or an integer)"),
        ("atom", "nodes[0]: expected an object, found a string"),
        (atom("a", "A", metadata=[]), "node a (nodes[0]): metadata is a list, not an object"),
    ],
)
def test_wrong_types_are_named_problems(node, problem):
    assert problems_of(sadface_map([node], [])) == [problem]


def test_wrong_shapes_of_the_whole_file_are_named_problems():
    assert problems_of("[]") == ["the file holds a JSON list, not a SADFace object"]
    assert problems_of('{"edges": []}') == ["field nodes is missing: a SADFace map lists its nodes"]
    assert problems_of('{"nodes": {}, "edges": 3}') == [
        "field nodes: expected a list, found a object",
        "field edges: expected a list, found a number",
    ]
    assert problems_of(sadface_map([atom("a", "A"), atom("a", "B")], [])) == [
        "node a (nodes[1]): id already used by nodes[0]"
    ]
    assert "line 1" in problems_of('{"nodes": [')[0]
    assert "NUL" in problems_of(sadface_map([atom("a", "A\x00")], []))[0]


def test_control_characters_are_kept_out_of_what_is_stored(db):
    text = sadface_map(
        [
            atom("a", "Ligne\x07 un\x1b[31m"),
            atom("b", "<script>alert(1)</script>"),
            scheme("s", "support"),
        ],
        [edge("a", "s"), edge("s", "b")],
    )
    debate, _warnings = import_text(text, "sadface", "controle.json")
    stored = set(debate.claims.values_list("statement", flat=True))
    assert stored == {"Ligne un[31m", "<script>alert(1)</script>"}


def test_cycles_of_schemes_end_with_warnings_not_a_loop():
    nodes = [
        atom("a", "A"),
        atom("b", "B"),
        scheme("s1", "support"),
        scheme("s2", "conflict"),
        scheme("s3", "support"),
    ]
    edges = [edge("a", "s1"), edge("s1", "b"), edge("s1", "s2"), edge("s2", "s3"), edge("s3", "s1")]
    edges += [edge("b", "s2"), edge("s2", "s1")]
    document = parse_sadface(sadface_map(nodes, edges))
    assert described(document) == {("A", "support", "B")}
    # The conflict from B at the scheme of A's support undercuts it.
    assert [(u.from_claim, u.relation) for u in document.undercuts] == [("sadface-b", "sadface-s1")]
    assert any("scheme s3" in warning for warning in document.warnings)


NAMES = ["support", "conflict", "attack", "inference", "rephrase", "Expert Opinion", "", None]
IDS = [f"n{number}" for number in range(8)]
random_maps = st.builds(
    lambda atoms, schemes, edges: sadface_map(
        [atom(node_id, f"Énoncé {node_id}") for node_id in atoms]
        + [scheme(node_id, name) for node_id, name in schemes.items() if node_id not in atoms],
        [edge(start, end, f"e{n}") for n, (start, end) in enumerate(edges)],
    ),
    st.sets(st.sampled_from(IDS), max_size=5),
    st.dictionaries(st.sampled_from(IDS), st.sampled_from(NAMES), max_size=5),
    st.lists(st.tuples(st.sampled_from([*IDS, "ghost"]), st.sampled_from(IDS)), max_size=14),
)


@settings(max_examples=150, deadline=None)
@given(text=random_maps)
def test_any_graph_of_atoms_and_schemes_gives_a_consistent_document_or_problems(text):
    try:
        document = parse_sadface(text)
    except ImportProblems as error:
        assert error.problems == ["the file holds no atom: there is no statement to import"]
        return
    assert document.problems() == []
    # Every warning names a node or an edge of the map.
    assert [w for w in document.warnings if not re.search(r"\b(n\d|e\d+|ghost)\b", w)] == []


def many_nodes(count: int) -> str:
    nodes = [atom(f"a{n}", f"Atome {n}") for n in range(count)]
    nodes += [scheme(f"s{n}", "support") for n in range(count - 1)]
    edges = [edge(f"a{n + 1}", f"s{n}") for n in range(count - 1)]
    edges += [edge(f"s{n}", f"a{n}") for n in range(count - 1)]
    return sadface_map(nodes, edges)


def test_huge_maps_are_read_whole():
    # Their speed is bench/hostile_parsers.py's to measure, not a test's.
    document = parse_sadface(many_nodes(16_000))
    assert len(document.relations) == 15_999
    assert document.problems() == []


# --- on the site ----------------------------------------------------------------------------


def upload(client, name: str, content: bytes, **fields):
    return client.post(
        reverse("arguments:import"), {"file": SimpleUploadedFile(name, content), **fields}, **EN
    )


@worker_runs
def test_a_real_sadface_file_is_imported_through_the_site(client, alice):
    client.force_login(alice)
    response = upload(client, "hangback.json", (SADFACE / "hangback.json").read_bytes())
    assert response.status_code == 302
    run_worker()
    debate = Debate.objects.get(slug="hangback")
    assert debate.imported_from == "SADFace: hangback.json (alice)"
    assert debate.claims.count() == 4
    assert sorted(debate.relations.values_list("kind", flat=True)) == [
        "objection",
        "support",
        "support",
    ]
    job_page = client.get(response.url, **EN).content.decode()
    assert "analyst_name" in job_page  # the warning
    assert client.get(reverse("arguments:map", args=[debate.slug])).status_code == 200


def test_the_import_form_says_at_once_that_a_file_is_in_no_format_it_reads(client, alice):
    client.force_login(alice)
    response = upload(client, "package.json", b'{"name": "x", "version": "1"}')
    assert response.status_code == 400
    page = response.content.decode()
    assert "not recognised" in page
    assert "SADFace" in page and "Kialo" in page
    assert not Debate.objects.exists()


def test_the_api_imports_sadface(db, alice):
    api = TokenClient()
    api.force_authenticate(alice)
    upload = SimpleUploadedFile("canary.json", (SADFACE / "canary_sadface.json").read_bytes())
    response = api.post(
        "/api/debates/import/", {"file": upload, "format": "sadface"}, format="multipart"
    )
    assert response.status_code == 201, response.content
    assert response.json()["debate"]["title"] == "very important"
    assert Debate.objects.get(slug="canary").relations.count() == 5


def test_the_import_command_tells_sadface_from_the_file(db):
    out = io.StringIO()
    call_command(
        "import_debate", str(SADFACE / "canary_sadface.json"), stdout=out, stderr=io.StringIO()
    )
    assert "(sadface): 0 participants, 0 sources, 6 claims, 5 relations" in out.getvalue()


def test_the_import_command_says_a_file_is_in_no_format_it_reads(db, tmp_path):
    path = tmp_path / "package.json"
    path.write_text('{"name": "x", "version": "1"}')
    with translation.override("en"), pytest.raises(CommandError) as error:
        call_command("import_debate", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert "was not imported (1 problem, nothing stored)" in str(error.value)
    assert "SADFace" in str(error.value) and "not recognised" in str(error.value)
    assert not Debate.objects.exists()


def test_the_download_page_offers_sadface_as_what_it_is(client, small_debate):
    page = client.get(reverse("arguments:exports", args=[small_debate.slug]), **EN)
    assert "SADFace JSON: atoms and schemes" in page.content.decode()
    response = client.get(reverse("arguments:export", args=[small_debate.slug, "sadface"]))
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="petit-debat.sadface.json"'
    assert json.loads(response.content)["metadata"]["core"]["title"] == "Un petit débat"


def test_the_small_debate_goes_out_and_comes_back_whole(small_debate):
    text = export_text(small_debate, "sadface", "http://testserver")
    assert FORMATS["sadface"].extension == "sadface.json"
    back, warnings = import_text(text, "sadface", "petit.sadface.json", slug="retour")
    assert warnings == []
    original = store.document_from_debate(small_debate)
    returned = store.document_from_debate(back)
    assert fields(returned.claims, CLAIM_FIELDS) == fields(original.claims, CLAIM_FIELDS)
    assert fields(returned.relations, RELATION_FIELDS) == fields(
        original.relations, RELATION_FIELDS
    )
    assert returned.undercuts == original.undercuts
    assert returned.participants == original.participants
    assert returned.sources == original.sources


def test_the_layers_and_undercuts_survive_the_database_too(db):
    document = layered_document()
    debate = store.store_document(document, slug="couches")
    text = export_text(debate, "sadface", "http://testserver", moderator=True)
    back, _warnings = import_text(text, "sadface", "couches.sadface.json", slug="couches-retour")
    original = store.document_from_debate(debate, complete=True)
    returned = store.document_from_debate(back, complete=True)
    assert fields(returned.relations, RELATION_FIELDS) == fields(
        original.relations, RELATION_FIELDS
    )
    assert returned.undercuts == original.undercuts
