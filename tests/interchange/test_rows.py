"""Storing many rows at once (`arguments.interchange.rows`): the same rows and history
records as Django's bulk_create with simple_history's, and a number of queries that does not
grow with the size of the file."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from simple_history.utils import bulk_create_with_history

from arguments.interchange.formats import import_text
from arguments.interchange.rows import insert_rows
from arguments.record.models import Claim, Debate, Participant, Relation
from arguments.synthetic.aif import generated_aif

HISTORY_SKIPPED = {"history_id", "history_date", "id"}


def history_of(model, pks) -> list[dict]:
    """The history records of rows `pks`, in their order, without ids and dates."""
    records = {
        record["id"]: record for record in model.history.filter(id__in=pks).values().order_by()
    }
    return [
        {name: value for name, value in records[pk].items() if name not in HISTORY_SKIPPED}
        for pk in pks
    ]


def rows_of(model, pks) -> list[dict]:
    rows = {row["id"]: row for row in model.objects.filter(pk__in=pks).values()}
    return [{name: value for name, value in rows[pk].items() if name != "id"} for pk in pks]


@pytest.fixture
def debate(db):
    return Debate.objects.create(slug="rangs", title="Rangs", imported_from="test")


def test_rows_and_history_are_those_bulk_create_with_history_writes(debate):
    holder = Participant.objects.create(debate=debate, slug="p", name="P")
    texts = ["Une\taffirmation\x00 sale\r\n", "e\u0301l\u00e9gante\ufffe", "Simple"]
    rows = [
        {
            "debate_id": debate.pk,
            "slug": f"c{number}",
            "statement": text,
            "section": text,  # one line: its newlines and tabs become spaces
            "holder_id": holder.pk,
            "imported": True,
            "position": number,
        }
        for number, text in enumerate(texts)
    ]
    ours = insert_rows(Claim, rows)
    theirs = [
        claim.pk
        for claim in bulk_create_with_history(
            [Claim(**{**row, "slug": row["slug"] + "-django"}) for row in rows], Claim
        )
    ]
    assert len(ours) == len(texts)
    stored, expected = rows_of(Claim, ours), rows_of(Claim, theirs)
    for row in expected:
        row["slug"] = row["slug"].removesuffix("-django")
    assert stored == expected
    assert stored[0]["statement"] == "Une\taffirmation sale\n"
    assert stored[0]["section"] == "Une affirmation sale "
    assert stored[1]["statement"] == "\u00e9l\u00e9gante"
    ours_history, their_history = history_of(Claim, ours), history_of(Claim, theirs)
    for record in their_history:
        record["slug"] = record["slug"].removesuffix("-django")
    assert ours_history == their_history
    assert [r["history_type"] for r in ours_history] == ["+"] * len(texts)
    assert list(Claim.history.filter(id__in=ours).values_list("id", flat=True).order_by("id")) == (
        sorted(ours)
    )


def test_left_out_fields_take_their_defaults_and_unknown_ones_are_refused(debate):
    one, other = insert_rows(
        Claim,
        [
            {"debate_id": debate.pk, "slug": "a", "statement": "A", "imported": True},
            {"debate_id": debate.pk, "slug": "b", "statement": "B", "imported": True},
        ],
    )
    [relation_id] = insert_rows(
        Relation,
        [{"debate_id": debate.pk, "from_claim_id": one, "to_claim_id": other, "kind": "support"}],
    )
    relation = Relation.objects.get(pk=relation_id)
    assert (relation.layer, relation.passage, relation.hidden_at) == ("text", "", None)
    assert Claim.objects.get(pk=one).position == 0
    with pytest.raises(TypeError, match="no fields colour"):
        insert_rows(Claim, [{"debate_id": debate.pk, "colour": "red"}])


def test_without_history_no_record_is_written(debate):
    ids = insert_rows(
        Claim, [{"debate_id": debate.pk, "slug": "a", "statement": "A", "imported": True}], False
    )
    assert Claim.objects.filter(pk__in=ids).count() == 1
    assert not Claim.history.filter(id__in=ids).exists()


def import_queries(nodes: int, slug: str) -> int:
    text = generated_aif(nodes)
    with CaptureQueriesContext(connection) as queries:
        import_text(text, "aif", "generated.json", slug=slug)
    return len(queries)


def test_an_aif_import_costs_the_same_queries_at_30_and_at_2000_nodes(db):
    """Up to a batch (1,000 rows of each kind), a bigger file is not more queries: no
    per-row query, and rows and their history go in a few statements per batch."""
    small = import_queries(30, "petit")
    large = import_queries(2000, "grand")
    assert Debate.objects.get(slug="grand").claims.count() == 801
    assert Claim.history.filter(debate_id=Debate.objects.get(slug="grand").pk).count() == 801
    assert large == small


def generate_queries(claims: int, slug: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        call_command("generate_debate", "--claims", str(claims), "--slug", slug, stdout=StringIO())
    return len(queries)


def test_generating_costs_the_same_queries_at_40_and_at_900_claims(db):
    assert generate_queries(900, "grand") == generate_queries(40, "petit")
    # The generated rows still start without history records (--replace relies on it).
    generated = Debate.objects.get(slug="grand")
    assert generated.claims.count() == 900
    assert not Claim.history.filter(debate_id=generated.pk).exists()
    assert not Relation.history.filter(debate_id=generated.pk).exists()
