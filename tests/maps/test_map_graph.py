"""Which claims a view of the map holds, and how a big map folds: pure, no database."""

from datetime import date

from arguments.maps.selection import Scope, select
from arguments.record.rows import ClaimRow, LinkRow, surely_public_by

# A thesis (1) by Alice with a support (2) by Alice, an objection (3) by Bruno answered by
# Bruno's support (4) and Carla's objection (5); a reader's proposal (6) objects to 1.
CLAIMS = [
    ClaimRow(1, holder_id=10, source_id=100, known_since=date(2025, 8, 31)),
    ClaimRow(2, holder_id=10, source_id=100, known_since=date(2025, 8, 31)),
    ClaimRow(3, holder_id=20, source_id=200, known_since=date(2025, 10, 3)),
    ClaimRow(4, holder_id=20, source_id=200, known_since=date(2025, 10, 3)),
    ClaimRow(5, holder_id=30, source_id=300, via_id=200, known_since=None),
    ClaimRow(6, known_since=date(2026, 1, 5), proposed=True),
]
LINKS = [
    LinkRow(2, 1, "support", 100, 10, date(2025, 8, 31)),
    LinkRow(3, 1, "objection", 200, 20, date(2025, 10, 3)),
    LinkRow(4, 3, "support", 200, 20, date(2025, 10, 3)),
    LinkRow(5, 3, "objection", 200, 20, None),
    LinkRow(6, 1, "objection", None, None, date(2026, 1, 5), proposed=True),
]


def ids(scope: Scope) -> list[int]:
    return select(CLAIMS, LINKS, scope).claim_ids


def test_the_whole_debate_keeps_every_claim_in_order():
    selection = select(CLAIMS, LINKS, Scope())
    assert selection.claim_ids == [1, 2, 3, 4, 5, 6]
    assert len(selection.links) == 5
    assert selection.roots == [1] and not selection.collapsed


def test_the_neighbourhood_of_a_claim_goes_both_ways_to_a_depth():
    assert ids(Scope(focus_id=3, depth=1)) == [1, 3, 4, 5]
    assert ids(Scope(focus_id=3, depth=2)) == [1, 2, 3, 4, 5, 6]
    assert select(CLAIMS, LINKS, Scope(focus_id=3, depth=1)).roots == [3]


def test_a_participants_positions_are_what_they_hold_and_what_it_bears_on():
    # Bruno holds 3 and 4; 3 objects to 1; he also draws Carla's objection 5 in his text.
    selection = select(CLAIMS, LINKS, Scope(holder_ids=frozenset({20})))
    assert selection.claim_ids == [1, 3, 4, 5]
    assert {(link.from_id, link.to_id) for link in selection.links} == {(3, 1), (4, 3), (5, 3)}
    assert ids(Scope(holder_ids=frozenset({10, 30}))) == [1, 2, 3, 5]


def test_a_sources_argument_is_what_it_states_reports_and_draws():
    # Source 200 states 3 and 4, reports 5 (via), and draws 3 -> 1.
    assert ids(Scope(source_id=200)) == [1, 3, 4, 5]
    assert ids(Scope(source_id=100)) == [1, 2]


def test_as_of_a_date_keeps_what_was_surely_public_and_counts_the_undated():
    before = select(CLAIMS, LINKS, Scope(as_of=date(2025, 9, 30)))
    assert before.claim_ids == [1, 2] and before.undated_left_out == 1
    assert ids(Scope(as_of=date(2025, 10, 3))) == [1, 2, 3, 4]
    assert ids(Scope(as_of=date(2026, 2, 1))) == [1, 2, 3, 4, 6]


def test_relation_kinds_and_proposals_filter_the_links():
    selection = select(CLAIMS, LINKS, Scope(kinds=frozenset({"objection"})))
    assert {link.kind for link in selection.links} == {"objection"}
    assert selection.claim_ids == [1, 3, 5, 6]  # 2 and 4 are only joined by supports
    assert ids(Scope(proposals=False)) == [1, 2, 3, 4, 5]
    assert ids(Scope(focus_id=6, proposals=False)) == []


def test_dates_are_placed_as_honestly_as_their_precision_allows():
    assert surely_public_by(date(2025, 10, 1), "month", "exact") == date(2025, 10, 31)
    assert surely_public_by(date(2024, 2, 1), "month", "circa") == date(2024, 2, 29)
    assert surely_public_by(date(2025, 1, 1), "year", "exact") == date(2025, 12, 31)
    assert surely_public_by(date(2025, 10, 17), "day", "after") == date(2025, 10, 17)
    assert surely_public_by(None, "day", "exact") is None


def big_debate(theses: int, fan_out: int, depth: int):
    """Theses with full trees of arguments: a known shape to fold."""
    claims, links = [], []
    next_id = 1

    def grow(parent: int, level: int) -> None:
        nonlocal next_id
        if level == depth:
            return
        for _ in range(fan_out):
            next_id += 1
            child = next_id
            claims.append(ClaimRow(child, holder_id=child % 3))
            links.append(LinkRow(child, parent, "support" if child % 2 else "objection"))
            grow(child, level + 1)

    for _ in range(theses):
        next_id += 1
        root = next_id
        claims.append(ClaimRow(root, holder_id=0))
        grow(root, 0)
    return claims, links


def test_a_map_over_its_budget_folds_its_smaller_branches():
    claims, links = big_debate(theses=3, fan_out=4, depth=4)  # 3 trees of 341 claims
    selection = select(claims, links, Scope(budget=100))
    assert selection.in_scope == 1023 and len(selection.claim_ids) == 100
    assert selection.collapsed
    kept = set(selection.claim_ids)
    assert all(link.from_id in kept and link.to_id in kept for link in selection.links)
    # Every claim not drawn is counted once, under the drawn claim its branch hangs from.
    folded = sum(hidden.claims for hidden in selection.hidden.values())
    if selection.hidden_roots:
        folded += selection.hidden_roots.claims
    assert folded == 1023 - 100
    assert all(parent in kept for parent in selection.hidden)


def test_expanding_a_folded_branch_draws_its_arguments():
    claims, links = big_debate(theses=3, fan_out=4, depth=4)
    first = select(claims, links, Scope(budget=60))
    parent = next(iter(first.hidden))
    children = {link.from_id for link in links if link.to_id == parent}
    assert not children <= set(first.claim_ids)
    opened = select(claims, links, Scope(budget=60, expanded=frozenset({parent})))
    assert children <= set(opened.claim_ids) and parent in opened.claim_ids
    assert parent not in opened.hidden


def test_theses_beyond_the_budget_are_counted_not_lost():
    claims = [ClaimRow(i) for i in range(1, 51)]
    selection = select(claims, [], Scope(budget=10))
    assert len(selection.claim_ids) == 10
    assert selection.hidden_roots.arguments == 40 and selection.hidden_roots.claims == 40


def test_folding_ten_thousand_claims_is_deterministic():
    claims, links = big_debate(theses=10, fan_out=3, depth=6)  # 10 trees of 1093 claims
    one = select(claims, links, Scope(budget=400))
    two = select(claims, links, Scope(budget=400))
    assert one.claim_ids == two.claim_ids and len(one.claim_ids) == 400
