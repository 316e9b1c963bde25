"""Generations: what readers' cached pages are checked against. Every kind of write changes
the generations of what shows it, and only those; a write's transaction ends the generation a
reader may have cached a page under meanwhile; an outage never loses an invalidation."""

from __future__ import annotations

import pytest
from django.db import transaction

from annotations.models import Annotation
from arguments.record import generations
from arguments.record.models import Claim, Participant, Relation, Source, Undercut
from debate.cache_outage import CacheUnavailable

SLUG = "petit-debat"


def current(*keys: str) -> tuple:
    found, _entries = generations.read(list(keys))
    return found


def record_keys() -> tuple[str, ...]:
    return (generations.SITE, generations.record(SLUG), generations.readers(SLUG))


def test_a_missing_generation_starts_at_a_random_number_and_stays(db):
    first = current(generations.record("un"), generations.record("deux"))
    assert first == current(generations.record("un"), generations.record("deux"))
    assert first[0] != first[1]  # random starts: a page never matches another's


def test_an_invalidation_gives_a_new_generation(db):
    before = current(generations.record("un"), generations.record("deux"))
    generations.record_changed("un")
    after = current(generations.record("un"), generations.record("deux"))
    assert after[0] != before[0] and after[1] == before[1]


def _edit_claim(debate, alice):
    claim = debate.claims.get(slug="thesis")
    claim.statement = "Revu"
    claim.save()


def _delete_relation(debate, alice):
    Relation.objects.filter(debate=debate).first().delete()


def _add_participant(debate, alice):
    Participant.objects.create(debate=debate, slug="nouvelle", name="Nouvelle")


def _author_a_source(debate, alice):
    source = Source.objects.filter(debate=debate).first()
    source.authors.add(Participant.objects.filter(debate=debate).last())


def _propose(debate, alice):
    debate.claims.get(slug="thesis").propose_argument(alice, "objection", "Une objection.")


def _undercut(debate, alice):
    relation = Relation.objects.filter(debate=debate).first()
    claim = Claim.objects.filter(debate=debate).exclude(
        pk__in=[relation.from_claim_id, relation.to_claim_id]
    )[0]
    Undercut.objects.create(debate=debate, from_claim=claim, relation=relation)


def _hide_debate(debate, alice):
    debate.hide("essai")


@pytest.mark.parametrize(
    "write",
    [
        _edit_claim,
        _delete_relation,
        _add_participant,
        _author_a_source,
        _propose,
        _undercut,
        _hide_debate,
    ],
)
def test_every_write_to_the_record_changes_the_debate_and_the_site(small_debate, alice, write):
    other = generations.record("autre-debat")
    before = current(*record_keys(), other)
    write(small_debate, alice)
    after = current(*record_keys(), other)
    assert all(was != now for was, now in zip(before[:3], after[:3], strict=True))
    assert after[3] == before[3]  # another debate's pages are kept


def test_an_annotation_changes_its_thread_and_the_map_notes_not_the_record(small_debate, alice):
    thesis = small_debate.claims.get(slug="thesis")
    other = small_debate.claims.exclude(pk=thesis.pk).first()
    keys = (
        generations.thread(SLUG, "claim", "thesis"),
        generations.readers(SLUG),
        generations.thread(SLUG, "claim", other.slug),
        generations.record(SLUG),
        generations.SITE,
    )
    before = current(*keys)
    note = Annotation.objects.create(author=alice, claim=thesis, body="Une note")
    after = current(*keys)
    assert after[0] != before[0] and after[1] != before[1]
    assert after[2:] == before[2:]  # its neighbours, the record and the site are kept
    for change in (lambda: note.revise("Revue", "agree", ""), note.soft_delete, note.delete):
        was = current(*keys)
        change()
        assert current(*keys)[0] != was[0]


def test_an_annotation_on_a_relation_changes_that_relations_thread(small_debate, alice):
    relation = Relation.objects.filter(debate=small_debate).first()
    key = generations.thread(SLUG, "relation", relation.pk)
    before = current(key)
    Annotation.objects.create(author=alice, relation=relation, body="Sur le lien")
    assert current(key) != before


def test_a_reader_between_a_write_and_its_commit_caches_under_a_generation_that_ends(
    small_debate, django_capture_on_commit_callbacks
):
    key = generations.record(SLUG)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        _edit_claim(small_debate, None)
        # A reader now reads the generation and (through another connection) the record
        # as it was before the commit: what it caches must not outlive the commit.
        seen_before_commit = current(key)
    assert current(key) != seen_before_commit


class Unreachable:
    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise CacheUnavailable("ConnectionError")

        return fail


def test_an_invalidation_the_outage_held_back_is_delivered_before_the_next_read(
    small_debate, monkeypatch
):
    key = generations.record(SLUG)
    before = current(key)
    real_strict = generations.strict
    monkeypatch.setattr(generations, "strict", lambda backend: Unreachable())
    _edit_claim(small_debate, None)  # Redis away: the invalidation is kept by the process
    assert generations.read([key]) == (None, {})  # nothing cached may be served meanwhile
    monkeypatch.setattr(generations, "strict", real_strict)
    assert current(key) != before  # delivered first: the page cached before is not served
    assert not generations._undelivered


def test_an_import_and_a_restore_change_the_sites_lists(small_debate):
    """Bulk writes send no signal per row: the debate they make changes the site's lists."""
    from arguments.interchange.document import Claim as DocumentClaim
    from arguments.interchange.document import Document
    from arguments.interchange.store import store_document
    from arguments.record.backup import backup, restore

    before = current(generations.SITE, generations.record("ova-map"))
    document = Document(slug="ova-map", title="Une carte d’OVA")
    document.claims = [DocumentClaim(key="a", statement="Une thèse venue d’ailleurs")]
    store_document(document, imported_from="AIF (AIFdb, OVA): map.json")
    after = current(generations.SITE, generations.record("ova-map"))
    assert after[0] != before[0] and after[1] != before[1]
    saved = backup(small_debate)
    small_debate.delete()
    was = current(generations.SITE, generations.record(SLUG))
    restore(saved)
    now = current(generations.SITE, generations.record(SLUG))
    assert now[0] != was[0] and now[1] != was[1]
