"""The project's own JSON format and the database round trip: export, import into an empty
database, export again gives the same document."""

from __future__ import annotations

import copy
import datetime
import json

import pytest

from annotations.models import Annotation
from arguments.interchange import native, store
from arguments.interchange.document import Claim, Document, Relation, Source
from arguments.record.files import ImportProblems
from arguments.record.models import Claim as ClaimRow
from arguments.record.models import Debate, Undercut


def small_document() -> Document:
    return Document(
        slug="essai",
        title="Essai",
        claims=[
            Claim(key="a", statement="A"),
            Claim(key="b", statement='B « guillemets » "q" <script>'),
        ],
        relations=[Relation(key="r", from_claim="b", to_claim="a", kind="objection")],
    )


# --- the format, without the database --------------------------------------------------


def test_a_document_reads_back_exactly_as_written():
    document = small_document()
    document.claims[0].proposed_at = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    text = native.dumps(document)
    assert json.loads(text)["format"] == "controverse"
    assert json.loads(text)["version"] == 1
    assert native.parse_native(text) == document
    assert native.dumps(native.parse_native(text)) == text


def test_it_names_the_line_of_a_json_syntax_error():
    with pytest.raises(ImportProblems) as error:
        native.parse_native('{"format": "controverse",\n "version": 1,\n oops}')
    assert error.value.problems == [
        "line 3, column 2: not valid JSON (Expecting property name enclosed in double quotes)"
    ]


def test_it_refuses_another_format_and_another_version():
    with pytest.raises(ImportProblems, match="not a controverse file"):
        native.parse_native('{"nodes": []}')
    with pytest.raises(ImportProblems, match="version 2: this app reads version 1"):
        native.parse_native('{"format": "controverse", "version": 2}')


def test_it_names_every_bad_field():
    data = native.to_native(small_document())
    data["claims"][0]["paragraph"] = "deux"
    data["claims"][1]["imported"] = "yes"
    data["claims"][1]["colour"] = "red"
    data["relations"][0]["to_claim"] = "nowhere"
    data["sources"].append({"key": "s", "title": "T", "published": "2025-13-01"})
    with pytest.raises(ImportProblems) as error:
        native.parse_native(json.dumps(data))
    assert error.value.problems == [
        'sources[0].published: expected a date YYYY-MM-DD, got "2025-13-01"',
        'claims[0].paragraph: expected a positive whole number, got "deux"',
        "claims[1]: unknown fields ['colour']",
        'claims[1].imported: expected true or false, got "yes"',
    ]


def test_dangling_keys_are_refused_after_the_fields_are_read():
    data = native.to_native(small_document())
    data["relations"][0]["to_claim"] = "nowhere"
    with pytest.raises(ImportProblems) as error:
        native.parse_native(json.dumps(data))
    assert error.value.problems == ["relation 'r': unknown claim 'nowhere'"]


def test_a_claim_of_the_record_needs_its_holder_source_and_quotation():
    data = native.to_native(small_document())
    data["claims"][0]["imported"] = False
    with pytest.raises(ImportProblems, match="claim 'a': a claim of the record needs a holder"):
        native.parse_native(json.dumps(data))


def test_a_naive_date_and_time_is_refused():
    data = native.to_native(small_document())
    data["claims"][0]["proposed_at"] = "2026-01-02T03:04:05"
    with pytest.raises(ImportProblems, match="a date and time with its time zone"):
        native.parse_native(json.dumps(data))


# --- through the database -----------------------------------------------------------------


def _annotate(debate: Debate, alice, bob, maud) -> None:
    thesis = debate.claims.get(slug="thesis")
    objection = debate.relations.get(kind="objection", to_claim=thesis)
    first = Annotation.objects.create(
        author=alice, claim=thesis, body="Vraiment ?", stance="question", tags="source rente"
    )
    first.reply(bob, "Oui, voir **p. 3**.")
    hidden = Annotation.objects.create(author=bob, relation=objection, body="Insulte")
    hidden.hide(maud, "incivil")
    Annotation.objects.create(author=bob, claim=thesis, body="effacé").soft_delete()
    proposal = thesis.propose_argument(alice, "support", "Une rente foncière, au fond.")
    proposal.hide("hors sujet")
    Undercut.objects.create(
        debate=debate,
        from_claim=debate.claims.get(slug="deep-support"),
        relation=debate.relations.get(kind="support", from_claim__slug="support-rent"),
    )


def test_export_import_export_gives_the_same_document(
    small_debate, alice, bob, maud, django_user_model
):
    _annotate(small_debate, alice, bob, maud)
    first = native.to_native(store.document_from_debate(small_debate))
    assert len(first["annotations"]) == 4
    assert len(first["undercuts"]) == 1
    # An empty database: the names come back as names, never as accounts.
    small_debate.delete()
    django_user_model.objects.filter(username="bob").delete()
    assert not ClaimRow.objects.exists()
    copy_ = store.store_document(native.parse_native(json.dumps(first)))
    again = native.to_native(store.document_from_debate(copy_))
    assert again == first
    assert not django_user_model.objects.filter(username="bob").exists()


def test_the_shipped_controversy_survives_the_round_trip(controversy):
    first = native.to_native(store.document_from_debate(controversy))
    shipped = (controversy.claims.count(), controversy.relations.count())
    assert (len(first["claims"]), len(first["relations"])) == shipped
    # The names and titles stay as they are; our English versions ride beside them.
    divergences = next(p for p in first["participants"] if p["key"] == "divergences")
    assert divergences["name"] == "Divergences (texte non signé)"
    assert divergences["name_en"] == "Divergences (unsigned text)"
    lordon = next(s for s in first["sources"] if s["key"] == "lordon-2025-blog-diplo")
    assert lordon["title_en"] == "[Blog post extending Evgeny Morozov’s arguments]"
    copy_ = store.store_document(native.parse_native(json.dumps(first)), slug="copie")
    again = native.to_native(store.document_from_debate(copy_))
    again["debate"]["slug"] = first["debate"]["slug"]
    assert again == first
    assert copy_.imported_from == ""


def test_readers_get_no_hidden_proposal_and_no_hidden_text(small_debate, alice, bob, maud):
    _annotate(small_debate, alice, bob, maud)
    seen = store.document_from_debate(small_debate, complete=False)
    assert [c.key for c in seen.claims if c.proposed_by] == []
    bodies = {a.key: a.body for a in seen.annotations}
    assert "Insulte" not in bodies.values()
    assert "effacé" not in bodies.values()
    assert "Vraiment ?" in bodies.values()
    assert len(seen.annotations) == 4  # kept as empty bodies: the thread keeps its shape


def test_reading_a_debate_takes_the_same_queries_at_any_size(
    small_debate, django_assert_num_queries
):
    from tests.conftest import grow

    with django_assert_num_queries(7):
        store.document_from_debate(small_debate)
    grow(small_debate, 40)
    with django_assert_num_queries(7):
        store.document_from_debate(small_debate)


def test_storing_refuses_a_taken_or_reserved_slug_and_stores_nothing(small_debate):
    before = ClaimRow.objects.count()
    with pytest.raises(ImportProblems, match=f"a debate '{small_debate.slug}' exists already"):
        store.store_document(small_document(), slug=small_debate.slug)
    with pytest.raises(ImportProblems, match="one of the site's own addresses"):
        store.store_document(small_document(), slug="api")
    assert ClaimRow.objects.count() == before


def test_a_failure_half_way_leaves_the_database_unchanged(db, monkeypatch):
    """The transaction covers every table: an error on the relations undoes the claims."""
    from arguments.record.models import Relation as RelationRow

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    document = small_document()
    original = store.insert_rows

    def fail_on_relations(model, objs, **kwargs):
        if model is RelationRow:
            broken()
        return original(model, objs, **kwargs)

    monkeypatch.setattr(store, "insert_rows", fail_on_relations)
    with pytest.raises(RuntimeError):
        store.store_document(document)
    assert not Debate.objects.filter(slug="essai").exists()
    assert not ClaimRow.objects.exists()


def test_too_long_fields_are_shortened_with_a_warning_naming_them(db):
    document = small_document()
    document.claims[0].section = "x" * 301
    document.sources = [Source(key="s", title="S", url="https://example.org/" + "a" * 4000)]
    document.claims[1].quotation = "q" * 301
    debate = store.store_document(document)
    claim = debate.claims.get(slug="a")
    assert claim.section == "x" * 299 + "…"
    assert debate.sources.get().url == ""
    assert len(document.warnings) == 3
    assert document.warnings[0].startswith("claim 'b': its passage of 301 characters is kept")
    assert "claim 'a': section of 301 characters shortened to 300" in document.warnings[-1]
    assert any("address of 4,020 characters" in w for w in document.warnings)
    assert debate.claims.get(slug="b").excerpt == "q" * 301


def test_an_account_name_too_long_is_refused_not_cut(db):
    document = small_document()
    document.claims[0].proposed_by = "x" * 151
    with pytest.raises(ImportProblems) as error:
        store.store_document(document)
    assert error.value.problems == ["claim 'a': proposed_by is 151 characters, at most 150"]


def test_keys_that_are_not_slugs_become_unique_slugs(db):
    document = small_document()
    document.claims = [
        Claim(key="Nœud 12", statement="A"),
        Claim(key="nud-12", statement="B"),
        Claim(key="x" * 200, statement="C"),
    ]
    document.relations = [
        Relation(key="1", from_claim="nud-12", to_claim="Nœud 12", kind="support")
    ]
    debate = store.store_document(copy.deepcopy(document))
    slugs = list(debate.claims.order_by("position").values_list("slug", flat=True))
    assert slugs[0] == "nud-12"
    assert slugs[1] == "nud-12-2"
    assert len(slugs[2]) <= 120
    relation = debate.relations.get()
    assert (relation.from_claim.slug, relation.to_claim.slug) == ("nud-12-2", "nud-12")


@pytest.mark.parametrize("text", ["[" * 100_000, '{"a":' * 100_000])
def test_json_nested_too_deep_is_refused_not_a_crash(text):
    with pytest.raises(ImportProblems, match="nests arrays or objects too deeply"):
        native.parse_native(text)


def test_bytes_that_are_not_utf8_are_named():
    with pytest.raises(ImportProblems, match="byte 0: the file is not UTF-8 text"):
        native.parse_native(b"\xff{}")


def test_a_reply_on_another_target_than_its_parent_is_refused():
    from arguments.interchange.document import Annotation

    document = small_document()
    document.annotations = [
        Annotation(key="n1", author="alice", body="Question", claim="a"),
        Annotation(key="n2", author="bob", body="Réponse", claim="b", parent="n1"),
    ]
    assert document.problems() == [
        "annotation 'n2': a reply must be on what its parent annotation is on"
    ]


def test_an_argument_and_its_inference_are_stored_and_read_back(db):
    document = small_document()
    document.claims.append(
        Claim(key="arg", statement="Why B", title="The B argument", kind="argument")
    )
    document.relations.append(
        Relation(key="inf", from_claim="b", to_claim="a", kind="support", argument="arg")
    )
    store.store_document(copy.deepcopy(document))
    read = store.document_from_debate(Debate.objects.get(slug="essai"))
    argument = next(c for c in read.claims if c.key == "arg")
    assert (argument.kind, argument.title) == ("argument", "The B argument")
    assert [r.argument for r in read.relations if r.kind == "support"] == ["arg"]


@pytest.mark.parametrize(
    ("argument", "kind", "problem"),
    [
        ("nowhere", "support", "relation 'inf': unknown argument 'nowhere'"),
        (
            "a",
            "support",
            "relation 'inf': its argument 'a' is a claim of kind 'statement', not an argument",
        ),
        ("arg", "objection", "relation 'inf': an argument's inference is a support"),
    ],
)
def test_an_inference_names_an_argument_and_is_a_support(argument, kind, problem):
    document = small_document()
    document.claims.append(Claim(key="arg", statement="Why B", kind="argument"))
    document.relations.append(
        Relation(key="inf", from_claim="b", to_claim="a", kind=kind, argument=argument)
    )
    assert problem in document.problems()
