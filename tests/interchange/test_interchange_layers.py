"""Relations in three layers (the text's own, the editors', the readers') through every
format, and the dating rule as warnings on files from other tools."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from arguments.interchange import aif, argdown, kialo, native, store
from arguments.interchange.document import (
    Claim,
    Document,
    Participant,
    Relation,
    Source,
    Undercut,
    dating_warnings,
)
from arguments.interchange.formats import export_text, import_file
from arguments.record.files import ImportProblems
from arguments.record.models import Debate, Layer
from tests.interchange.worker import run_worker, worker_runs

NOW = datetime.datetime(2025, 3, 1, 12, tzinfo=datetime.UTC)
WHY = "Les deux textes parlent de la même rente, sans se citer."


def layered_document(**editors) -> Document:
    """Three claims by two authors: a text's own objection with its passage, an editors'
    support with its justification, a reader's proposal, an editors' undercut."""
    return Document(
        slug="couches",
        title="Couches",
        participants=[Participant("varoufakis", "Yanis Varoufakis"), Participant("morozov", "E M")],
        sources=[
            Source("tf", "Technofeudalism", ["varoufakis"], published=datetime.date(2023, 9, 1)),
            Source("critique", "Critique", ["morozov"], published=datetime.date(2022, 1, 1)),
        ],
        claims=[
            Claim("rente", "La rente remplace le profit.", holder="varoufakis", source="tf"),
            Claim("capital", "C'est encore du capitalisme.", holder="morozov", source="critique"),
            Claim("cloud", "Le capital-nuage extrait une rente.", holder="varoufakis", source="tf"),
            Claim("lecteur", "Un lecteur propose.", proposed_by="bob", proposed_at=NOW),
        ],
        relations=[
            Relation(
                "capital objection rente",
                "capital",
                "rente",
                "objection",
                drawn_by="morozov",
                source="critique",
                passage="ce n'est que du capitalisme",
            ),
            Relation(
                "cloud support rente",
                "cloud",
                "rente",
                "support",
                layer="editors",
                justification=WHY,
                justification_en="Both texts speak of the same rent.",
                **editors,
            ),
            Relation(
                "lecteur support capital",
                "lecteur",
                "capital",
                "support",
                layer="readers",
                proposed_by="bob",
                proposed_at=NOW,
            ),
        ],
        undercuts=[
            Undercut(
                "capital undercuts cloud support rente",
                "capital",
                "cloud support rente",
                layer="editors",
                justification="Morozov nie l'inférence.",
            )
        ],
    )


def layers(document: Document) -> dict[str, tuple]:
    return {
        r.key: (r.layer, r.passage, r.justification, r.justification_en)
        for r in [*document.relations, *document.undercuts]
    }


# --- the document -------------------------------------------------------------------------


def test_a_layered_document_is_consistent():
    assert layered_document().problems() == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"drawn_by": "varoufakis"}, "credited to the editors only"),
        ({"source": "tf"}, "credited to the editors only"),
        ({"justification": "  "}, "needs its justification"),
        ({"layer": "authors"}, "layer 'authors' is not one of"),
        ({"layer": "readers"}, "needs proposed_at"),
        ({"layer": "text"}, "only an editors' link (layer editors) has a justification"),
        ({"justification": "x" * 301}, "justification is 301 characters, at most 300"),
        ({"justification": "a\x00b"}, "justification holds control characters"),
        ({"justification_en": "a\x1bb"}, "justification_en holds control characters"),
    ],
)
def test_what_an_editors_link_cannot_be(change, expected):
    document = layered_document()
    relation = document.relations[1]
    for name, value in change.items():
        setattr(relation, name, value)
    problems = document.problems()
    assert any(
        problem.startswith("relation 'cloud support rente':") and expected in problem
        for problem in problems
    ), problems


def test_a_passage_is_at_most_400_characters_and_a_proposal_is_the_readers():
    """As in the fixtures: a passage may join parts of a text with " […] "."""
    document = layered_document()
    document.relations[0].passage = "p" * 401
    document.relations[2].layer = "text"
    assert document.problems() == [
        "relation 'capital objection rente': passage is 401 characters, at most 400",
        "relation 'lecteur support capital': proposed_at is set, so it is a reader's "
        "proposal: layer readers",
    ]


def test_readers_propose_no_undercut():
    document = layered_document()
    document.undercuts[0].layer, document.undercuts[0].justification = "readers", ""
    assert document.problems() == [
        "undercut 'capital undercuts cloud support rente': readers propose relations, not undercuts"
    ]


# --- the dating rule, as warnings ------------------------------------------------------------


def test_a_text_that_came_out_before_a_claim_it_answers_is_a_warning_naming_the_relation():
    document = layered_document()
    # Morozov's 2022 text cannot object to a claim of Varoufakis's 2023 book.
    assert dating_warnings(document) == [
        "relation 'capital objection rente': credited to 'critique' (2022-01-01), which came "
        "out before claim 'rente' was public (2023-09-01); imported as it is"
    ]
    document.sources[1].published = datetime.date(2024, 1, 1)
    assert dating_warnings(document) == []


def test_the_editors_links_and_uncertain_dates_are_not_dated():
    document = layered_document()
    document.sources[1].date_qualifier = "after"  # no known end: reading decides
    assert dating_warnings(document) == []
    document.sources[1].date_qualifier, document.sources[1].date_precision = "exact", "year"
    assert dating_warnings(document)  # 2022 ends before September 2023
    document.relations[0].source = ""
    assert dating_warnings(document) == []


def test_an_undercut_credited_to_an_early_text_is_a_warning_too():
    document = layered_document()
    document.relations[0].source = ""
    document.undercuts[0].layer, document.undercuts[0].justification = "text", ""
    document.undercuts[0].source = "critique"
    assert dating_warnings(document) == [
        "undercut 'capital undercuts cloud support rente': credited to 'critique' "
        "(2022-01-01), which came out before claim 'cloud' was public (2023-09-01); "
        "imported as it is",
        "undercut 'capital undercuts cloud support rente': credited to 'critique' "
        "(2022-01-01), which came out before claim 'rente' was public (2023-09-01); "
        "imported as it is",
    ]


# --- our JSON ---------------------------------------------------------------------------------


def test_native_json_round_trips_the_layers():
    document = layered_document()
    back = native.parse_native(native.dumps(document))
    assert back == document
    assert layers(back)["cloud support rente"] == (
        "editors",
        "",
        WHY,
        "Both texts speak of the same rent.",
    )


@pytest.mark.django_db
def test_the_layers_survive_the_database_and_the_editors_link_is_credited_to_no_one():
    debate = store.store_document(layered_document())
    editors = debate.relations.get(layer=Layer.EDITORS)
    assert (editors.drawn_by, editors.source, editors.justification) == (None, None, WHY)
    readers = debate.relations.get(layer=Layer.READERS)
    assert (readers.proposed_by, readers.imported_author) == (None, "bob")
    text = debate.relations.get(layer=Layer.TEXT)
    assert (text.drawn_by.slug, text.passage) == ("morozov", "ce n'est que du capitalisme")
    assert debate.undercuts.get().by_editors
    back = store.document_from_debate(debate)
    # The reader's proposal "lecteur" is stored at a proposal's address, made of its words.
    renamed = {"contribution-un-lecteur-propose support capital": "lecteur support capital"}
    assert {renamed.get(k, k): v for k, v in layers(back).items()} == layers(layered_document())
    assert native.dumps(back) == native.dumps(native.parse_native(native.dumps(back)))


def native_file(**relation) -> str:
    data = native.to_native(layered_document())
    data["relations"][1].update(relation)
    return json.dumps(data)


def test_an_editors_entry_without_justification_is_refused_by_its_place_in_the_file():
    with pytest.raises(ImportProblems) as error:
        native.parse_native(native_file(justification=""))
    assert error.value.problems == [
        "relations[1] ('cloud support rente'): an editors' link needs its justification "
        "(why the editors draw it)"
    ]


def test_an_editors_entry_credited_to_a_participant_is_refused():
    with pytest.raises(ImportProblems) as error:
        native.parse_native(native_file(drawn_by="varoufakis", source="tf"))
    assert error.value.problems == [
        "relations[1] ('cloud support rente'): an editors' link is credited to the editors "
        "only: no drawn_by, no source, no passage"
    ]


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("justification", "x" * 100_000, "justification is 100000 characters, at most 300"),
        ("justification", "pourquoi\x00", "justification holds control characters"),
        ("justification", 42, "relations[1].justification: expected a string, got 42"),
        ("layer", "authors", "layer 'authors' is not one of"),
    ],
)
def test_hostile_layers_in_native_json_are_refused_with_a_message(field, value, expected):
    with pytest.raises(ImportProblems) as error:
        native.parse_native(native_file(**{field: value}))
    assert any(expected in problem for problem in error.value.problems), error.value.problems
    assert all(len(problem) < 400 for problem in error.value.problems)


def test_markup_in_a_justification_is_kept_as_text():
    back = native.parse_native(native_file(justification="<script>alert(1)</script> & co"))
    assert back.relations[1].justification == "<script>alert(1)</script> & co"


def test_a_file_from_before_the_layers_reads_proposals_as_the_readers():
    data = native.to_native(layered_document())
    for entry in [*data["relations"], *data["undercuts"]]:
        for name in ("layer", "passage", "justification", "justification_en"):
            entry.pop(name)
    data["relations"].pop(1)  # an editors' link did not exist then
    data["undercuts"] = []
    back = native.parse_native(json.dumps(data))
    assert [r.layer for r in back.relations] == ["text", "readers"]


# --- Argdown, AIF, Kialo --------------------------------------------------------------------


def test_argdown_marks_the_editors_links_and_the_readers_proposals():
    text = argdown.to_argdown(layered_document())
    assert f"    + <cloud> // editors' link: {WHY}" in text
    assert "    + [lecteur] // reader's proposal" in text
    assert "    - [capital]\n" in text  # the text's own argument: no mark
    assert 'editors: [["support", "rente", ' in text
    assert "    <_ [capital] // editors' link: Morozov nie l'inférence." in text
    back = argdown.parse_argdown(text)
    relations = {r.key: r for r in back.relations}
    assert (
        relations["cloud support rente"].layer,
        relations["cloud support rente"].justification,
    ) == (
        "editors",
        WHY,
    )
    assert relations["capital objection rente"].passage == "ce n'est que du capitalisme"
    assert "lecteur support capital" not in relations
    assert [(u.layer, u.justification) for u in back.undercuts] == [
        ("editors", "Morozov nie l'inférence.")
    ]
    assert any("reader's proposal" in warning for warning in back.warnings)


def test_an_argdown_justification_cannot_break_the_file():
    document = layered_document()
    document.relations[1].justification = "a // b /* c\n+ [x] <!-- {d}"
    text = argdown.to_argdown(document)
    back = argdown.parse_argdown(text)
    assert {r.key: r.justification for r in back.relations}["cloud support rente"] == (
        "a // b /* c\n+ [x] <!-- {d}"
    )
    assert len(back.claims) == 4


def test_argdown_without_marks_is_the_texts_own_argument():
    back = argdown.parse_argdown("[a]: A\n    + [b]: B\n")
    assert [r.layer for r in back.relations] == ["text"]


def test_an_argdown_editors_mark_without_justification_is_refused():
    with pytest.raises(ImportProblems) as error:
        argdown.parse_argdown('[a]: A\n    + [b]: B {editors: [["support", "a", ""]]}\n')
    assert "an editors' link needs its justification" in error.value.problems[0]


def test_aif_keeps_the_layer_in_an_extra_key_of_the_s_node():
    data = aif.to_aif(layered_document())
    marked = [node for node in data["nodes"] if "controverse" in node]
    assert [node["controverse"] for node in marked] == [
        {"passage": "ce n'est que du capitalisme", "drawn_by": "E M", "source": "Critique"},
        {
            "layer": "editors",
            "justification": WHY,
            "justification_en": marked[1]["controverse"]["justification_en"],
        },
        {"layer": "readers", "proposed_by": "bob", "proposed_at": "2025-03-01T12:00:00+00:00"},
        {"layer": "editors", "justification": "Morozov nie l'inférence."},
    ]
    assert [node["type"] for node in marked] == ["CA", "RA", "RA", "CA"]
    back = aif.parse_aif(json.dumps(data))
    assert sorted(r.layer for r in back.relations) == ["editors", "readers", "text"]
    assert [u.layer for u in back.undercuts] == ["editors"]


def test_aif_without_the_extra_key_is_the_texts_own_argument():
    data = aif.to_aif(layered_document())
    for node in data["nodes"]:
        node.pop("controverse", None)
    back = aif.parse_aif(json.dumps(data))
    assert {r.layer for r in [*back.relations, *back.undercuts]} == {"text"}


def test_kialo_import_is_the_texts_own_argument():
    back = kialo.parse_kialo(kialo.to_kialo(layered_document()))
    assert {r.layer for r in back.relations} == {"text"}


# --- importing a file with an impossible date ------------------------------------------------


def early_answer() -> Document:
    """A text-layer objection credited to a text that came out before the claim it answers;
    its key carries markup, shown as text."""
    document = layered_document()
    document.relations = document.relations[:1]
    document.relations[0].key = "<b>capital</b> objection"
    document.undercuts = []
    return document


@pytest.mark.django_db
def test_an_import_with_an_impossible_date_succeeds_with_a_warning_naming_the_relation():
    imported = import_file(native.dumps(early_answer()), "json", "early.json", slug="tot")
    assert imported.debate.relations.count() == 1
    assert imported.dating == [
        "relation '<b>capital</b> objection': credited to 'critique' (2022-01-01), which "
        "came out before claim 'rente' was public (2023-09-01); imported as it is"
    ]


@pytest.mark.django_db
@worker_runs
def test_the_import_page_shows_the_dating_warning(client, alice):
    client.force_login(alice)
    upload = SimpleUploadedFile("early.json", native.dumps(early_answer()).encode())
    job_page = client.post(reverse("arguments:import"), {"file": upload}).url
    run_worker()
    response = client.get(job_page)
    assert response.status_code == 200
    page = response.content.decode()
    assert Debate.objects.filter(slug="early").exists()
    assert "credited to &#x27;critique&#x27; (2022-01-01)" in page
    assert "&lt;b&gt;capital&lt;/b&gt; objection" in page and "<b>capital</b>" not in page
    notes = response.context["notes"]
    assert any("<b>capital</b> objection" in n and "2023-09-01" in n for n in notes)


@pytest.mark.django_db
def test_the_shipped_editors_links_go_out_and_come_back(controversy):
    editors = controversy.relations.filter(layer=Layer.EDITORS)
    if not editors.exists():
        pytest.skip("these fixtures have no editors' link")
    text = export_text(controversy, "json", "http://testserver")
    back = import_file(text, "json", "controversy.json", slug="back").debate
    assert sorted(back.relations.filter(layer=Layer.EDITORS).values_list("justification")) == (
        sorted(editors.values_list("justification"))
    )
    assert not back.relations.filter(layer=Layer.EDITORS, drawn_by__isnull=False).exists()
    argdown_text = export_text(controversy, "argdown", "http://testserver")
    assert (
        argdown_text.count("// editors' link: ")
        == editors.filter(kind__in=["support", "objection"]).count()
    )
