"""Backing up a debate with its annotations and history, and restoring it."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from annotations.models import Annotation, Flag
from arguments.record.backup import backup, restore
from arguments.record.files import ImportProblems
from arguments.record.models import Claim, Debate, Relation, Undercut


@pytest.fixture
def lived_in(small_debate, alice, bob, maud):
    """The small debate after some life: edits, a thread, moderation, proposals, an undercut."""
    thesis = small_debate.claims.get(slug="thesis")
    thesis.statement_en = "The digital economy is feudal."
    thesis.save()
    note = Annotation.objects.create(author=alice, claim=thesis, body="Vraiment ?", tags="rente")
    note.reply(bob, "Oui.")
    note.revise("Vraiment ? Sources ?", "question", "rente", based_on=1)
    rude = Annotation.objects.create(author=bob, claim=thesis, body="Insulte")
    Flag.objects.create(annotation=rude, reporter=alice, reason="incivil")
    rude.hide(maud, "incivil")
    thesis.propose_argument(alice, "support", "Une rente, au fond.").hide("hors sujet")
    Undercut.objects.create(
        debate=small_debate,
        from_claim=small_debate.claims.get(slug="deep-support"),
        relation=small_debate.relations.get(from_claim__slug="support-rent"),
    )
    return small_debate


def wipe(debate: Debate) -> None:
    """An empty database but for the site's users: the debate and all its history gone."""
    debate.delete()
    for model in (Debate, Claim, Relation, Undercut, Annotation):
        model.history.all().delete()
    from arguments.record.models import Participant, Source

    Participant.history.all().delete()
    Source.history.all().delete()


def test_backup_then_restore_into_an_empty_database_gives_the_same_file(lived_in):
    first = backup(lived_in)
    data = json.loads(first)
    assert data["users"] == ["alice", "bob", "maud"]
    kinds = {item["model"] for item in data["objects"]}
    assert {
        "annotations.flag",
        "arguments.historicalclaim",
        "annotations.historicalannotation",
    } <= kinds
    wipe(lived_in)
    assert not Claim.history.exists()
    restored = restore(first)
    assert backup(restored) == first
    thesis = restored.claims.get(slug="thesis")
    assert thesis.history.count() == 2  # created, then edited: the versions are back
    assert Annotation.objects.get(body="Insulte").hidden_reason == "incivil"
    assert Flag.objects.count() == 1


def test_a_debate_deleted_by_mistake_comes_back_with_its_history(lived_in, client):
    first = backup(lived_in)
    versions = Claim.history.filter(debate_id=lived_in.pk).count()
    lived_in.delete()  # the history stays, and records the deletions
    restored = restore(first)
    assert restored.claims.count() == 6
    assert Claim.history.filter(debate_id=restored.pk).count() > versions
    page = client.get("/petit-debat/claims/thesis/history/")
    assert page.status_code == 200


def test_new_rows_after_a_restore_get_new_ids(lived_in, alice):
    first = backup(lived_in)
    wipe(lived_in)
    restored = restore(first)
    # The sequences moved past the restored ids (PostgreSQL would refuse a duplicate key).
    thesis = restored.claims.get(slug="thesis")
    proposal = thesis.propose_argument(alice, "objection", "Après la restauration.")
    assert proposal.pk > max(c.pk for c in restored.claims.exclude(pk=proposal.pk))
    Annotation.objects.create(author=alice, claim=thesis, body="Nouvelle")


def test_a_restore_that_would_overwrite_anything_is_refused_whole(lived_in, django_user_model):
    first = backup(lived_in)
    with pytest.raises(ImportProblems, match="a debate 'petit-debat' exists already"):
        restore(first)
    lived_in.slug = "renamed"
    lived_in.save()
    users = django_user_model.objects.count()
    with pytest.raises(ImportProblems) as error:
        restore(first)
    assert error.value.problems[0].startswith("arguments.Debate: ids [")
    assert "taken in this database" in error.value.problems[0]
    assert django_user_model.objects.count() == users
    assert Debate.objects.count() == 1


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("nope", "not valid JSON"),
        ('{"format": "controverse", "version": 1}', "not a controverse backup"),
        ('{"format": "controverse-backup", "version": 9}', "version 9"),
        ('{"format": "controverse-backup", "version": 1, "objects": {}, "users": []}', "lists"),
        (
            '{"format": "controverse-backup", "version": 1, "debate": "x", "users": [],'
            ' "objects": [{"model": "arguments.nothing", "pk": 1, "fields": {}}]}',
            "cannot be read",
        ),
    ],
)
def test_a_file_that_is_not_a_backup_is_refused(db, text, problem):
    with pytest.raises(ImportProblems, match=problem):
        restore(text)
    assert not Debate.objects.exists()


def test_the_commands(lived_in, tmp_path, capsys):
    path = tmp_path / "petit.backup.json"
    call_command("backup_debate", "petit-debat", "-o", str(path))
    wipe(lived_in)
    call_command("restore_debate", str(path))
    assert "Restored petit-debat: 6 claims, 5 relations" in capsys.readouterr().out
    with pytest.raises(CommandError, match="nothing stored"):
        call_command("restore_debate", str(path))
    with pytest.raises(CommandError, match="no debate 'nope'"):
        call_command("backup_debate", "nope", "-o", str(path))


def test_times_are_kept_to_the_microsecond(lived_in):
    """A time whose microseconds start with 000 must come back as it was."""
    import datetime as dt

    note = Annotation.objects.first()
    moment = dt.datetime(2026, 1, 2, 3, 4, 5, 400, tzinfo=dt.UTC)
    Annotation.objects.filter(pk=note.pk).update(created_at=moment)
    first = backup(lived_in)
    wipe(lived_in)
    restore(first)
    assert Annotation.objects.get(pk=note.pk).created_at == moment
    assert backup(Debate.objects.get()) == first


def test_the_addresses_claims_left_come_back(lived_in, client):
    """An accepted proposal's old address still leads to it after a restore."""
    thesis = lived_in.claims.get(slug="thesis")
    thesis.readdress("these-renommee")
    thesis.save()
    first = backup(lived_in)
    assert "arguments.claimformerslug" in {item["model"] for item in json.loads(first)["objects"]}
    wipe(lived_in)
    restore(first)
    response = client.get("/petit-debat/claims/thesis/")
    assert (response.status_code, response["Location"]) == (
        301,
        "/petit-debat/claims/these-renommee/",
    )
