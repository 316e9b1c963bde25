"""A debate's record revision (what the map, the standing and the outline are drawn from) and
its readers' generation (annotations on its claims and relations, `record.generations`),
each scoped to the debate, so that a write invalidates only what shows it."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from annotations.extension import AnnotationsExtension
from annotations.models import Annotation
from arguments.interchange import document as doc
from arguments.record import generations
from arguments.record.models import Debate
from arguments.standing import labels as standing
from arguments.standing.timeline import Perspective

CLAIM = "/petit-debat/claims/thesis/"


@pytest.fixture
def thesis(small_debate):
    return small_debate.claims.get(slug="thesis")


class PageRevision:
    """The record revision and the readers' generation of a debate, as one value."""

    def __init__(self, debate):
        self.record = debate.revision()
        self.readers = generations.read([generations.readers(debate.slug)])[0]

    def __eq__(self, other) -> bool:
        return (self.record, self.readers) == (other.record, other.readers)


def annotate(author, target, body="Une remarque", stance="comment") -> Annotation:
    field = "claim" if target._meta.model_name == "claim" else "relation"
    return Annotation.objects.create(author=author, body=body, stance=stance, **{field: target})


def test_an_annotation_changes_the_readers_revision_not_the_record_revision(
    alice, small_debate, thesis
):
    before = PageRevision(small_debate)
    annotate(alice, thesis)
    after = PageRevision(small_debate)
    assert after.record == before.record == small_debate.revision()
    assert after.readers != before.readers


def test_an_annotation_on_one_debate_leaves_another_debates_revisions_alone(
    alice, small_debate, controversy
):
    before = PageRevision(controversy)
    annotate(alice, small_debate.claims.get(slug="thesis"))
    annotate(alice, small_debate.relations.first())
    assert PageRevision(controversy) == before
    # And the other way round.
    before = PageRevision(small_debate)
    annotate(alice, controversy.claims.first())
    assert PageRevision(small_debate) == before


def test_an_annotation_on_a_relation_counts_for_its_debate(alice, small_debate):
    before = PageRevision(small_debate)
    annotate(alice, small_debate.relations.first())
    assert PageRevision(small_debate).readers != before.readers


def test_each_write_on_an_annotation_changes_the_readers_revision(
    alice, bob, maud, small_debate, thesis
):
    note = annotate(alice, thesis)
    writes = [
        lambda: note.reply(bob, "Une réponse"),
        lambda: note.revise("Corrigée", "agree", "", note.version),
        lambda: note.hide(maud, "hors sujet"),
        lambda: note.restore(),
        lambda: note.soft_delete(),
    ]
    for write in writes:
        before = PageRevision(small_debate)
        write()
        after = PageRevision(small_debate)
        assert after.readers != before.readers and after.record == before.record


def test_an_edit_to_a_claim_changes_the_record_revision(small_debate, thesis):
    before = PageRevision(small_debate)
    thesis.statement = "Un énoncé corrigé"
    thesis.save()
    after = PageRevision(small_debate)
    # The record changed; so may its readers' notes (a hidden claim takes its notes away).
    assert after.record != before.record
    assert small_debate.revision() == after.record


def test_a_flag_alone_changes_no_revision(alice, bob, small_debate, thesis):
    # A flag is for moderators: no page readers see changes with it.
    note = annotate(alice, thesis)
    before = PageRevision(small_debate)
    note.flag(bob, "insultant")
    assert PageRevision(small_debate) == before


def test_annotations_keep_the_debate_of_their_target(alice, small_debate, thesis):
    on_claim = Annotation.objects.create(author=alice, claim_id=thesis.pk, body="Par son id")
    on_relation = annotate(alice, small_debate.relations.first())
    reply = on_claim.reply(alice, "Une réponse")
    for annotation in (on_claim, on_relation, reply):
        annotation.refresh_from_db()
        assert annotation.debate_id == small_debate.pk
        assert annotation.history.first().debate_id == small_debate.pk


def test_imported_annotations_keep_their_debate(small_debate, thesis):
    before = PageRevision(small_debate)
    # Only its annotations are read: the rest of the document is stored before them.
    document = SimpleNamespace(
        annotations=[doc.Annotation(key="a1", author="Zoé", body="Importée", claim="t")]
    )
    AnnotationsExtension().store_annotations(document, {"t": thesis.pk}, {})
    stored = Annotation.objects.get(body="Importée")
    assert stored.debate_id == small_debate.pk
    assert stored.history.first().debate_id == small_debate.pk
    assert PageRevision(small_debate).readers != before.readers


def test_the_revision_of_a_missing_debate_is_empty(db):
    assert Debate(slug="nulle-part").revision() == ()


def test_each_revision_is_one_query_however_many_annotations(
    alice, small_debate, thesis, django_assert_num_queries
):
    def check():
        with django_assert_num_queries(1):
            small_debate.revision()
        with django_assert_num_queries(0):  # the readers' part is in the shared cache
            generations.read([generations.readers(small_debate.slug)])

    check()
    for index in range(20):
        annotate(alice, thesis, f"Remarque {index}")
    check()


def test_an_annotation_does_not_make_the_standing_be_computed_again(
    alice, small_debate, thesis, django_assert_num_queries
):
    standing.labelling(small_debate, small_debate.revision(), Perspective())
    annotate(alice, thesis)
    revision = small_debate.revision()
    with django_assert_num_queries(0):  # from the cache: no row read, nothing computed
        standing.labelling(small_debate, revision, Perspective())
    thesis.statement = "Un énoncé corrigé"
    thesis.save()
    revision = small_debate.revision()
    with django_assert_num_queries(4):  # a new record revision: its rows read again
        standing.labelling(small_debate, revision, Perspective())


def test_the_claim_page_shows_a_new_annotation_at_once_to_anonymous_readers(
    client, alice, thesis, django_assert_num_queries
):
    assert "Lue tout de suite" not in client.get(CLAIM).content.decode()
    annotate(alice, thesis, "Lue tout de suite")
    assert "Lue tout de suite" in client.get(CLAIM).content.decode()
    with django_assert_num_queries(0):  # cached again for the thread's new generation
        assert "Lue tout de suite" in client.get(CLAIM).content.decode()


def test_an_annotation_elsewhere_leaves_a_claim_page_cached(
    client, alice, small_debate, controversy, django_assert_num_queries
):
    client.get(CLAIM)
    annotate(alice, controversy.claims.first())
    with django_assert_num_queries(0):  # still the cached page
        assert client.get(CLAIM).status_code == 200


def test_an_annotation_on_another_claim_of_the_debate_leaves_a_claim_page_cached(
    client, alice, small_debate, thesis, django_assert_num_queries
):
    """Each claim's thread has its own generation: a busy thread costs its neighbours nothing."""
    client.get(CLAIM)
    other = small_debate.claims.exclude(pk=thesis.pk).first()
    other_page = f"/{small_debate.slug}/claims/{other.slug}/"
    client.get(other_page)
    annotate(alice, other, "Ailleurs dans le débat")
    with django_assert_num_queries(0):
        assert client.get(CLAIM).status_code == 200
    assert "Ailleurs dans le débat" in client.get(other_page).content.decode()
