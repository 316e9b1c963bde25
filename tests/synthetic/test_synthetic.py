"""The synthetic debate: the pure generator's shape, and the generate_debate command."""

from __future__ import annotations

import datetime
import time
from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from annotations.models import Annotation
from arguments.record.models import (
    QUOTATION_MAX_LENGTH,
    Claim,
    Debate,
    Participant,
    Relation,
    Source,
)
from arguments.synthetic.generator import MAX_DEPTH, generate

SIZE = 2000


@pytest.fixture(scope="module")
def debate():
    return generate(SIZE, seed=1)


def tree_parents(debate) -> dict[int, int]:
    """Each claim's parent, read from the tree relations (not from the claims' field)."""
    parents: dict[int, int] = {}
    for relation in debate.relations:
        if not relation.cross:
            assert relation.from_index not in parents, "a claim bears on two parents"
            parents[relation.from_index] = relation.to_index
    return parents


def test_counts_and_slugs(debate):
    assert len(debate.claims) == SIZE
    assert len(debate.participants) == 12
    assert len(debate.sources) >= len(debate.participants)
    assert [claim.index for claim in debate.claims] == list(range(SIZE))
    assert debate.claims[42].slug == "c-00042"
    assert debate.claims[42].statement.startswith("Affirmation 42 : ")
    assert debate.claims[42].statement_en.startswith("Claim 42: ")
    for items in (debate.participants, debate.sources, debate.claims):
        assert len({item.slug for item in items}) == len(items)


def test_about_one_thesis_in_forty(debate):
    assert abs(len(debate.theses) - SIZE / 40) <= 2
    assert 0 in debate.theses


def test_every_claim_reaches_a_thesis_through_tree_parents(debate):
    parents = tree_parents(debate)
    theses = set(debate.theses)
    assert set(parents) == set(range(SIZE)) - theses
    for claim in debate.claims:
        steps, current = 0, claim.index
        while current not in theses:
            current = parents[current]
            steps += 1
            assert steps <= MAX_DEPTH
        assert steps == claim.depth
        assert claim.parent == parents.get(claim.index)


def test_depth_and_fan_out_vary(debate):
    assert 5 <= debate.max_depth <= MAX_DEPTH
    fan_out = Counter(tree_parents(debate).values())
    arguments = [fan_out.get(index, 0) for index in range(SIZE)]
    assert max(arguments) >= 10  # some claims are much discussed...
    assert sum(count <= 3 for count in arguments) / SIZE > 0.85  # ...most get 0 to 3


def test_cross_links_join_different_branches(debate):
    parents = tree_parents(debate)

    def ancestors(index):
        found = set()
        while index in parents:
            index = parents[index]
            found.add(index)
        return found

    links = [relation for relation in debate.relations if relation.cross]
    assert 0.08 * SIZE <= len(links) <= 0.11 * SIZE
    theses = set(debate.theses)
    for link in links:
        assert link.from_index not in theses  # a thesis arguing something would not be one
        assert link.to_index not in ancestors(link.from_index)
        assert link.from_index not in ancestors(link.to_index)


def test_no_self_relation_and_no_duplicate(debate):
    assert all(relation.from_index != relation.to_index for relation in debate.relations)
    keys = [(r.from_index, r.to_index, r.kind) for r in debate.relations]
    assert len(keys) == len(set(keys))


def test_kinds_in_proportion(debate):
    kinds = Counter(relation.kind for relation in debate.relations)
    total = len(debate.relations)
    assert 0.62 <= kinds["support"] / total <= 0.78
    assert 0.20 <= kinds["objection"] / total <= 0.34
    assert 0.01 <= kinds["rephrase"] / total <= 0.06
    # A restatement in the tree would leave its claim arguing nothing: one more thesis.
    assert all(r.cross for r in debate.relations if r.kind == "rephrase")


def test_holders_are_skewed_and_objections_come_from_others(debate):
    held = Counter(claim.holder for claim in debate.claims)
    top_three = sum(count for _holder, count in held.most_common(3))
    assert top_three / SIZE > 0.5
    objections = [relation for relation in debate.relations if relation.kind == "objection"]
    by_others = [
        r
        for r in objections
        if debate.claims[r.from_index].holder != debate.claims[r.to_index].holder
    ]
    assert len(by_others) / len(objections) > 0.85


def test_records_fit_the_models(debate):
    for claim in debate.claims:
        assert claim.statement and claim.statement_en
        assert 0 < len(claim.quotation) <= QUOTATION_MAX_LENGTH
        # The holder wrote the text the claim is quoted from.
        assert claim.holder in debate.sources[claim.source].authors
    precisions = Counter(source.precision for source in debate.sources)
    assert precisions["day"] and precisions["month"]
    for source in debate.sources:
        assert datetime.date(2024, 1, 1) <= source.published <= datetime.date(2025, 12, 31)
        assert source.precision == "day" or source.published.day == 1
    dates = [source.published for source in debate.sources]
    assert dates == sorted(dates)  # slugs in date order
    assert {item.kind for item in debate.participants} == {"person", "collective"}


def test_same_seed_same_debate_other_seed_other_debate(debate):
    assert generate(SIZE, seed=1) == debate
    other = generate(SIZE, seed=2)
    assert other.relations != debate.relations
    assert [c.statement for c in other.claims] != [c.statement for c in debate.claims]


@pytest.mark.parametrize("size", [1, 2, 3, 39, 41])
def test_tiny_debates(size):
    tiny = generate(size)
    assert len(tiny.claims) == size
    assert 1 <= len(tiny.participants) <= min(size, 12)
    assert tiny.theses[0] == 0
    assert all(r.from_index != r.to_index for r in tiny.relations)
    assert tiny.title == f"Débat synthétique ({size} affirmation{'s' if size > 1 else ''})"


def test_no_claims_is_refused():
    with pytest.raises(ValueError):
        generate(0)


def test_ten_thousand_claims_in_well_under_a_second():
    start = time.perf_counter()
    large = generate(10_000)
    assert time.perf_counter() - start < 1
    assert large.title == "Débat synthétique (10\u00a0000 affirmations)"
    assert large.title_en == "Synthetic debate (10,000 claims)"
    assert 6 <= large.max_depth <= MAX_DEPTH


# The command


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Debate, Participant, Source, Source.authors.through, Claim, Relation)
    }


def test_command_stores_the_debate(db):
    out = StringIO()
    call_command("generate_debate", "--claims", "300", stdout=out)
    expected = generate(300, seed=1)
    debate = Debate.objects.get(slug="synthetic-300")
    assert debate.title == expected.title
    assert debate.title_en == "Synthetic debate (300 claims)"
    # Marked as not the record: the home page lists it briefly with maps from elsewhere.
    assert debate.imported_from == "manage.py generate_debate (synthetic, 300 claims)"
    assert debate.participants.count() == len(expected.participants)
    assert debate.sources.count() == len(expected.sources)
    assert debate.claims.count() == 300
    assert debate.relations.count() == len(expected.relations)
    authorships = sum(len(source.authors) for source in expected.sources)
    assert Source.authors.through.objects.filter(source__debate=debate).count() == authorships
    # The site finds the same theses: no tree edge restates, no thesis argues.
    assert debate.claims.theses().count() == len(expected.theses)
    assert "300 claims" in out.getvalue()
    assert f"{len(expected.relations)} relations" in out.getvalue()

    claim = debate.claims.get(slug="c-00042")
    assert claim.statement == expected.claims[42].statement
    assert claim.holder.slug == expected.participants[expected.claims[42].holder].slug
    assert claim.source.slug == expected.sources[expected.claims[42].source].slug
    assert claim.holder in claim.source.authors.all()
    for item in [
        debate,
        *debate.participants.all()[:3],
        *debate.sources.all()[:3],
        *debate.claims.all()[:5],
        *debate.relations.all()[:5],
    ]:
        item.full_clean()
    relation = debate.relations.select_related("from_claim").first()
    assert relation.drawn_by_id == relation.from_claim.holder_id
    assert relation.source_id == relation.from_claim.source_id


def test_existing_slug_is_refused_and_nothing_changes(db):
    call_command("generate_debate", "--claims", "300", stdout=StringIO())
    before = counts()
    claim_ids = set(Claim.objects.values_list("pk", flat=True))
    with pytest.raises(CommandError, match=r"already exists.*--replace"):
        call_command("generate_debate", "--claims", "300", "--seed", "2", stdout=StringIO())
    assert counts() == before
    assert set(Claim.objects.values_list("pk", flat=True)) == claim_ids


def test_replace_generates_again(db, alice):
    call_command("generate_debate", "--claims", "300", "--slug", "big", stdout=StringIO())
    old = Debate.objects.get(slug="big")
    # What readers attached to the old claims goes with them.
    Annotation.objects.create(author=alice, claim=old.claims.first(), body="Note")
    call_command(
        "generate_debate", "--claims", "300", "--slug", "big", "--seed", "2", "--replace",
        stdout=StringIO(),
    )  # fmt: skip
    new = Debate.objects.get(slug="big")
    assert new.pk != old.pk
    assert counts()["Claim"] == 300
    assert counts()["Relation"] == len(generate(300, seed=2).relations)
    assert not Annotation.objects.exists()
    assert new.claims.get(slug="c-00001").statement == generate(300, seed=2).claims[1].statement


@pytest.mark.parametrize("claims", ["0", "-1", "200001"])
def test_bad_claim_count_is_refused(db, claims):
    with pytest.raises(CommandError, match="between 1 and 200000"):
        call_command("generate_debate", f"--claims={claims}", stdout=StringIO())
    assert not Debate.objects.exists()


def test_bad_slug_is_refused(db):
    with pytest.raises(CommandError, match="pas un slug"):
        call_command("generate_debate", "--claims", "5", "--slug", "pas un slug")


@pytest.mark.parametrize("slug", ["admin", "health", "static", "language", "Import"])
def test_a_site_address_is_refused_as_slug(db, slug):
    with pytest.raises(CommandError, match=f"--slug '{slug}'"):
        call_command("generate_debate", "--claims", "5", "--slug", slug)
    assert not Debate.objects.exists()


def test_replace_never_deletes_a_debate_that_was_not_generated(small_debate):
    claims = small_debate.claims.count()
    with pytest.raises(CommandError, match="not generated by this command"):
        call_command("generate_debate", "--claims", "50", "--slug", "petit-debat", "--replace")
    assert small_debate.claims.count() == claims
