"""Dung's grounded labelling and preferred extensions, on frameworks from the literature and on
undercuts (arguments.standing.acceptability; pure logic, no database)."""

from __future__ import annotations

import itertools
import random

import pytest

from arguments.standing.acceptability import (
    IN,
    OUT,
    UNDEC,
    Reason,
    TooLarge,
    credulous,
    grounded,
    preferred,
    sceptical,
)


def attacks_of(*pairs: str) -> list[tuple[str, str, str]]:
    """Objections named after their ends: "ab" is the objection "a>b" of a to b."""
    return [(f"{pair[0]}>{pair[1]}", pair[0], pair[1]) for pair in pairs]


def labels(claims: str, *pairs: str, undercuts=()) -> dict[str, str]:
    return grounded(claims, attacks_of(*pairs), undercuts).claims


def extensions(claims: str, *pairs: str, undercuts=()) -> list[frozenset]:
    return preferred(claims, attacks_of(*pairs), undercuts)


def name(claim: str) -> str:
    return claim.upper()


# Grounded labelling.


def test_no_attack_everything_stands():
    assert labels("ab") == {"a": IN, "b": IN}
    assert grounded([], []).claims == {}


def test_single_attack():
    labelling = grounded("ab", attacks_of("ab"))
    assert labelling.claims == {"a": IN, "b": OUT}
    assert labelling.relations == {"a>b": IN}


def test_reinstatement():
    labelling = grounded("abc", attacks_of("ab", "bc"))
    assert labelling.claims == {"a": IN, "b": OUT, "c": IN}
    assert labelling.relations == {"a>b": IN, "b>c": OUT}


def test_even_cycle_is_undecided():
    assert labels("ab", "ab", "ba") == {"a": UNDEC, "b": UNDEC}


def test_odd_cycle_is_undecided():
    assert labels("abc", "ab", "bc", "ca") == {"a": UNDEC, "b": UNDEC, "c": UNDEC}


def test_self_attack_is_undecided_and_so_is_what_it_attacks():
    assert labels("ab", "aa", "ab") == {"a": UNDEC, "b": UNDEC}


def test_an_attacker_that_stands_defeats_an_undecided_claim():
    # c is in a cycle but also attacked by x, which nothing attacks: c falls, d stands.
    assert labels("xcd", "xc", "cc", "cd") == {"x": IN, "c": OUT, "d": IN}


def test_floating_reinstatement_is_undecided_when_grounded():
    assert labels("abcd", "ab", "ba", "ac", "bc", "cd") == {
        "a": UNDEC,
        "b": UNDEC,
        "c": UNDEC,
        "d": UNDEC,
    }


def test_two_objections_between_the_same_claims_are_two_arguments():
    labelling = grounded("abu", [(1, "a", "b"), (2, "a", "b")], [("u", 1)])
    assert labelling.claims == {"a": IN, "b": OUT, "u": IN}
    assert labelling.relations == {1: OUT, 2: IN}


def test_claim_and_relation_ids_may_overlap():
    # Django primary keys of claims and relations are both small integers.
    labelling = grounded([1, 2, 3], [(1, 1, 2)], [(3, 1)])
    assert labelling.claims == {1: IN, 2: IN, 3: IN}
    assert labelling.relations == {1: OUT}


def test_long_chain_without_recursion():
    size = 100_000
    # Claim k objects to claim k - 1; the last claim is unattacked.
    labelling = grounded(range(size), [(k, k, k - 1) for k in range(1, size)])
    last = size - 1
    assert labelling.claims[last] == IN
    assert labelling.claims[last - 1] == OUT
    assert labelling.claims[0] == (IN if last % 2 == 0 else OUT)
    assert all(labelling.claims[k] == (IN if (last - k) % 2 == 0 else OUT) for k in range(size))


def test_long_cycle_is_undecided():
    size = 100_001
    labelling = grounded(range(size), [(k, k, (k + 1) % size) for k in range(size)])
    assert set(labelling.claims.values()) == {UNDEC}


def test_unknown_claims_and_repeated_ids_are_refused():
    with pytest.raises(ValueError):
        grounded("a", attacks_of("ab"))
    with pytest.raises(ValueError):
        grounded("ab", [(1, "a", "b"), (1, "b", "a")])
    with pytest.raises(ValueError):
        grounded("aa", [])
    with pytest.raises(ValueError):
        grounded("ab", attacks_of("ab"), [("z", "a>b")])


# Undercuts.


def test_undercut_defeats_the_objection_and_the_claim_stands():
    labelling = grounded("abu", attacks_of("ab"), [("u", "a>b")])
    assert labelling.claims == {"a": IN, "b": IN, "u": IN}
    assert labelling.relations == {"a>b": OUT}


def test_undercut_that_falls_leaves_the_objection_in_force():
    labelling = grounded("abuv", attacks_of("ab", "vu"), [("u", "a>b")])
    assert labelling.claims == {"a": IN, "b": OUT, "u": OUT, "v": IN}
    assert labelling.relations == {"a>b": IN, "v>u": IN}


def test_objection_from_a_claim_that_falls_is_defeated():
    labelling = grounded("abx", attacks_of("xa", "ab"))
    assert labelling.claims == {"x": IN, "a": OUT, "b": IN}
    assert labelling.relations == {"x>a": IN, "a>b": OUT}


def test_undecided_undercut_leaves_the_objection_and_its_target_undecided():
    labelling = grounded("abuv", attacks_of("ab", "uv", "vu"), [("u", "a>b")])
    assert labelling.claims == {"a": IN, "b": UNDEC, "u": UNDEC, "v": UNDEC}
    assert labelling.relations["a>b"] == UNDEC


def test_undercut_of_a_support_changes_nothing():
    without = grounded("abcu", attacks_of("ab", "cb"))
    # "c+a" stands for a support of c for a: not an attack, so its undercut attacks nothing.
    with_undercut = grounded("abcu", attacks_of("ab", "cb"), [("u", "c+a")])
    assert with_undercut.claims == without.claims == {"a": IN, "b": OUT, "c": IN, "u": IN}
    assert with_undercut.relations == without.relations
    assert with_undercut.reason("b") == without.reason("b")


def test_claim_undercutting_the_objection_to_itself_is_undecided():
    # b and the objection to b attack each other: an even cycle.
    labelling = grounded("ab", attacks_of("ab"), [("b", "a>b")])
    assert labelling.claims == {"a": IN, "b": UNDEC}
    assert labelling.relations == {"a>b": UNDEC}
    # One extension keeps the objection (b falls), the other keeps b (the objection is
    # defeated): as sets of claims, one lies within the other.
    found = preferred("ab", attacks_of("ab"), [("b", "a>b")])
    assert found == [frozenset("a"), frozenset("ab")]


def test_repeated_undercut_counts_once():
    labelling = grounded("abuv", attacks_of("ab", "vu"), [("u", "a>b"), ("u", "a>b")])
    assert labelling.relations["a>b"] == IN
    assert labelling.relation_reason("a>b").undercuts == (("u", "a>b"),)


def test_undercut_of_an_objection_in_a_cycle_breaks_the_cycle():
    labelling = grounded("abu", attacks_of("ab", "ba"), [("u", "b>a")])
    assert labelling.claims == {"a": IN, "b": OUT, "u": IN}
    assert labelling.relations == {"a>b": IN, "b>a": OUT}


# Reasons and their words.


def test_reason_in_without_attacker():
    reason = grounded("ab", attacks_of("ab")).reason("a")
    assert reason == Reason(subject="claim", label=IN, undercut_label=IN)
    assert reason.words(name) == "No objection in force: nothing objects to it."


def test_reason_in_all_objections_defeated():
    reason = grounded("abcxy", attacks_of("xa", "yb", "ac", "bc")).reason("c")
    assert reason.label == IN
    assert reason.objections == ("a>c", "b>c")
    assert reason.objectors == ("a", "b")
    assert reason.undercuts == ()
    assert reason.words(name) == (
        "No objection in force: its 2 objections are all defeated (by “A”, “B”)."
    )


def test_reason_in_one_objection_defeated():
    reason = grounded("abc", attacks_of("ab", "bc")).reason("c")
    assert reason.objections == ("b>c",)
    assert reason.words(name) == "No objection in force: its objection by “B” is defeated."


def test_reason_out_lists_only_the_objections_in_force():
    reason = grounded("abcx", attacks_of("xa", "ac", "bc")).reason("c")
    assert reason.label == OUT
    assert reason.objections == ("b>c",)
    assert reason.objectors == ("b",)
    assert reason.words(name) == (
        "Objection in force: from “B”, against which no objection is in force."
    )
    two = grounded("abc", attacks_of("ac", "bc")).reason("c")
    assert two.words(name) == (
        "Objections in force: from “A”, “B”, against which no objection is in force."
    )


def test_reason_undecided_lists_the_undecided_objections():
    reason = grounded("abcx", attacks_of("ab", "ba", "bc", "ac", "xc")).reason("c")
    # The cycle alone would leave c undecided, but nothing objects to x, so c falls.
    assert reason.label == OUT
    reason = grounded("abc", attacks_of("ab", "ba", "bc", "ac")).reason("c")
    assert reason.label == UNDEC
    assert reason.objections == ("b>c", "a>c")
    assert reason.objectors == ("b", "a")
    assert reason.words(name) == (
        "Undecided: its 2 objections by “B”, “A” are themselves undecided and none is in "
        "force (they rest on a cycle of objections)."
    )
    single = grounded("ab", attacks_of("aa", "ab")).reason("b")
    assert single.words(name) == (
        "Undecided: its objection by “A” is itself undecided (it rests on a cycle of objections)."
    )


def test_reason_mentions_the_undercut_that_defeats_an_objection():
    labelling = grounded("abu", attacks_of("ab"), [("u", "a>b")])
    reason = labelling.reason("b")
    assert reason.objections == ("a>b",)
    assert reason.undercuts == (("u", "a>b"),)
    assert reason.words(name) == (
        "No objection in force: its objection by “A” is defeated. The undercut by “U” is in force."
    )
    objection = labelling.relation_reason("a>b")
    assert objection == Reason(
        subject="objection", label=OUT, undercuts=(("u", "a>b"),), undercut_label=IN
    )
    assert objection.words(name) == (
        "Defeated: its inference is undercut. The undercut by “U” is in force."
    )


def test_reason_mentions_the_undercut_that_falls():
    labelling = grounded("abuv", attacks_of("ab", "vu"), [("u", "a>b")])
    reason = labelling.reason("b")
    assert reason.undercuts == (("u", "a>b"),)
    assert reason.words(name) == (
        "Objection in force: from “A”, against which no objection is in force."
        " The undercut by “U” is defeated."
    )
    objection = labelling.relation_reason("a>b")
    assert objection.objectors == ("a",)
    assert objection.words(name) == (
        "In force: no objection in force bears on “A”. The undercut by “U” is defeated."
    )


def test_relation_reasons_for_each_label():
    labelling = grounded("abxy", attacks_of("xa", "ab", "xy"))
    assert labelling.relation_reason("x>y").words(name) == (
        "In force: no objection in force bears on “X”, and nothing undercuts it."
    )
    defeated = labelling.relation_reason("a>b")
    assert defeated.objectors == ("a",)
    assert defeated.words(name) == "Defeated: an objection in force bears on “A”."
    undecided = grounded("ab", attacks_of("aa", "ab")).relation_reason("a>b")
    assert undecided.label == UNDEC
    assert undecided.words(name) == "Undecided: “A” is itself undecided."
    undercut = grounded("abuv", attacks_of("ab", "uv", "vu"), [("u", "a>b")])
    reason = undercut.relation_reason("a>b")
    assert reason.objectors == ()
    assert reason.undercuts == (("u", "a>b"),)
    assert reason.words(name) == (
        "Undecided: its inference may be undercut. The undercut by “U” is undecided."
    )


def test_words_go_through_the_translation_functions():
    def gettext(text):
        return "(fr) " + text

    def ngettext(singular, plural, count):
        return f"(fr {count}) " + (singular if count == 1 else plural)

    reason = grounded("abc", attacks_of("ac", "bc")).reason("c")
    assert reason.words(name, gettext, ngettext) == (
        "(fr 2) Objections in force: from (fr) “A”, (fr) “B”, against which no objection is"
        " in force."
    )
    reason = grounded("a", []).reason("a")
    assert (
        reason.words(name, gettext, ngettext)
        == "(fr) No objection in force: nothing objects to it."
    )


# Preferred extensions.


def test_preferred_single_attack_and_reinstatement():
    assert extensions("ab", "ab") == [frozenset("a")]
    assert extensions("abc", "ab", "bc") == [frozenset("ac")]


def test_preferred_even_cycle():
    found = extensions("ab", "ab", "ba")
    assert found == [frozenset("a"), frozenset("b")]
    assert credulous(found) == frozenset("ab")
    assert sceptical(found) == frozenset()


def test_preferred_odd_cycle_is_empty():
    assert extensions("abc", "ab", "bc", "ca") == [frozenset()]


def test_preferred_self_attack_is_empty():
    assert extensions("a", "aa") == [frozenset()]
    assert extensions("ab", "aa", "ab") == [frozenset()]


def test_floating_acceptance():
    found = extensions("abcd", "ab", "ba", "ac", "bc", "cd")
    assert found == [frozenset("ad"), frozenset("bd")]
    assert credulous(found) == frozenset("abd")
    assert sceptical(found) == frozenset("d")


def test_preferred_keeps_the_grounded_part():
    # x stands whatever happens in the cycle a <-> b.
    found = extensions("abxy", "ab", "ba", "xy")
    assert found == [frozenset("ax"), frozenset("bx")]
    assert sceptical(found) == frozenset("x")


def test_preferred_with_undercuts():
    # a and b object to each other; u undercuts b's objection, so a stands.
    assert extensions("abu", "ab", "ba", undercuts=[("u", "b>a")]) == [frozenset("au")]
    # u and v object to each other, u undercuts a's objection to b: either side can win.
    found = extensions("abuv", "ab", "uv", "vu", undercuts=[("u", "a>b")])
    assert found == [frozenset("abu"), frozenset("av")]
    assert sceptical(found) == frozenset("a")


def test_preferred_refuses_too_large_a_framework():
    size = 30
    cycle = [(k, k, (k + 1) % size) for k in range(size)]
    # 30 claims + 30 objections + 30 auxiliaries undecided.
    with pytest.raises(TooLarge):
        preferred(range(size), cycle)
    assert preferred(range(size), cycle, limit=90) == [
        frozenset(range(0, size, 2)),
        frozenset(range(1, size, 2)),
    ]
    # A large framework is fine when its grounded labelling decides almost everything.
    chain = [(k, k, k - 1) for k in range(1, 10_000)]
    assert preferred(range(10_000), chain) == [frozenset(range(1, 10_000, 2))]


def test_preferred_refuses_too_long_a_search():
    pairs = [(f"{k}>{k + 1}", k, k + 1) for k in range(0, 16, 2)]
    pairs += [(f"{k + 1}>{k}", k + 1, k) for k in range(0, 16, 2)]
    with pytest.raises(TooLarge):
        preferred(range(16), pairs, steps=100)
    assert len(preferred(range(16), pairs)) == 2**8


def brute_force(claims: str, pairs: list[str]) -> tuple[frozenset, list[frozenset]]:
    """Dung's definitions applied to every subset: the grounded extension (the least fixed
    point of the characteristic function) and the maximal admissible sets."""
    attackers = {claim: {pair[0] for pair in pairs if pair[1] == claim} for claim in claims}

    def defended(members: frozenset) -> frozenset:
        return frozenset(
            claim
            for claim in claims
            if all(attackers[attacker] & members for attacker in attackers[claim])
        )

    extension = frozenset()
    while defended(extension) != extension:
        extension = defended(extension)
    admissible = [
        members
        for size in range(len(claims) + 1)
        for members in map(frozenset, itertools.combinations(claims, size))
        if not any(attackers[claim] & members for claim in members) and members <= defended(members)
    ]
    maximal = [
        members for members in admissible if not any(members < other for other in admissible)
    ]
    return extension, sorted(maximal, key=sorted)


def test_random_frameworks_agree_with_the_definitions():
    rng = random.Random(1995)
    for _ in range(300):
        claims = "abcdef"[: rng.randint(1, 6)]
        pairs = sorted({rng.choice(claims) + rng.choice(claims) for _ in range(rng.randint(0, 9))})
        grounded_extension, maximal = brute_force(claims, pairs)
        defeated = {target for source, target in pairs if source in grounded_extension}
        expected = {
            claim: IN if claim in grounded_extension else OUT if claim in defeated else UNDEC
            for claim in claims
        }
        assert grounded(claims, attacks_of(*pairs)).claims == expected, pairs
        found = extensions(claims, *pairs)
        assert sorted(found, key=sorted) == maximal, pairs


# Frameworks discussed by Dung (1995), "On the acceptability of arguments and its fundamental
# role in nonmonotonic reasoning, logic programming and n-person games".


def test_dung_nixon_diamond():
    # a: "Nixon is a pacifist, being a quaker"; b: "Nixon is no pacifist, being a republican".
    assert labels("ab", "ab", "ba") == {"a": UNDEC, "b": UNDEC}
    assert extensions("ab", "ab", "ba") == [frozenset("a"), frozenset("b")]


def test_dung_odd_cycle_has_a_preferred_but_no_stable_extension():
    # Every preferred extension is a complete one; with a, b, c attacking in a ring, the
    # only one is empty (and so there is no stable extension).
    assert extensions("abc", "ab", "bc", "ca") == [frozenset()]


def test_grounded_is_in_every_preferred_extension():
    # a defeats b, so b's objection to c is defeated; c and d object to each other, so the
    # grounded extension is {a} and each preferred extension adds one side of the cycle.
    assert labels("abcd", "ab", "bc", "cd", "dc") == {"a": IN, "b": OUT, "c": UNDEC, "d": UNDEC}
    assert extensions("abcd", "ab", "bc", "cd", "dc") == [frozenset("ac"), frozenset("ad")]
