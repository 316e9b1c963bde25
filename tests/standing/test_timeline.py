"""Perspectives and the replay of a small dated debate, without the database."""

import random
from datetime import date

from arguments.record.rows import ClaimRow, LinkRow
from arguments.standing.timeline import Perspective, UndercutRow, framework, replay, timeline

AUG, OCT3, OCT4, OCT17 = date(2025, 8, 31), date(2025, 10, 3), date(2025, 10, 4), date(2025, 10, 17)
MOROZOV, LORDON, DURAND, RAUZY = 1, 2, 3, 4

# 20 "it is plain capitalism" (Morozov, August), supported by Lordon's 30 (3 October);
# Durand's 10 (4 October) objects to it; Rauzy's 40 (17 October) objects to Durand's, and
# his 50 undercuts Lordon's support; 60 is a reader's proposal against 40; 70 is undated.
CLAIMS = [
    ClaimRow(10, DURAND, known_since=OCT4),
    ClaimRow(20, MOROZOV, known_since=AUG),
    ClaimRow(30, LORDON, known_since=OCT3),
    ClaimRow(40, RAUZY, known_since=OCT17),
    ClaimRow(50, RAUZY, known_since=OCT17),
    ClaimRow(60, None, known_since=date(2026, 1, 5), proposed=True),
    ClaimRow(70, MOROZOV),  # undated
]
LINKS = [
    # Durand's text answers Morozov: the objection dates from Durand's text (4 Oct).
    LinkRow(10, 20, "objection", drawn_by_id=DURAND, known_since=OCT4),
    LinkRow(30, 20, "support", drawn_by_id=LORDON, known_since=OCT3),
    LinkRow(40, 10, "objection", drawn_by_id=RAUZY, known_since=OCT17),
    LinkRow(60, 40, "objection", known_since=date(2026, 1, 5), proposed=True),
]
UNDERCUTS = [UndercutRow(50, (30, 20, "support"), RAUZY, OCT17)]


def test_the_whole_map_holds_everything_but_labels_only_objections():
    whole = framework(CLAIMS, LINKS, UNDERCUTS, Perspective(proposals=True))
    assert whole.claims == [10, 20, 30, 40, 50, 60, 70]
    assert [key for key, _a, _b in whole.attacks] == [
        (10, 20, "objection"),
        (40, 10, "objection"),
        (60, 40, "objection"),
    ]
    labels = whole.labelled().claims
    # 60 (a reader) beats 40, so 10 stands again and 20 falls.
    assert labels == {10: "in", 20: "out", 30: "in", 40: "out", 50: "in", 60: "in", 70: "in"}


def test_by_default_only_the_texts_own_arguments_count():
    default = framework(CLAIMS, LINKS, UNDERCUTS)
    assert default == framework(CLAIMS, LINKS, UNDERCUTS, Perspective(proposals=False))
    assert 60 not in default.claims


# The editors read 70 (Morozov, undated) as objecting to Rauzy's 40: their link, not a text's.
EDITORS_LINK = LinkRow(70, 40, "objection", known_since=OCT17, by_editors=True)


def test_an_editors_link_counts_only_when_asked():
    links = [*LINKS, EDITORS_LINK]
    plain = framework(CLAIMS, links, UNDERCUTS).labelled().claims
    assert (plain[40], plain[10]) == ("in", "out")  # as if the editors had drawn nothing
    counted = framework(CLAIMS, links, UNDERCUTS, Perspective(editors=True)).labelled().claims
    assert (counted[40], counted[10], counted[20]) == ("out", "in", "out")
    assert Perspective().texts_only and not Perspective(editors=True).texts_only


def test_an_editors_undercut_counts_only_when_asked():
    undercut = UndercutRow(50, (40, 10, "objection"), None, OCT17, by_editors=True)
    plain = framework(CLAIMS, LINKS, [undercut]).labelled().claims
    counted = framework(CLAIMS, LINKS, [undercut], Perspective(editors=True)).labelled().claims
    assert (plain[10], plain[20]) == ("out", "in")
    assert (counted[10], counted[20]) == ("in", "out")


def test_without_proposals_rauzy_has_the_last_word():
    record = framework(CLAIMS, LINKS, UNDERCUTS, Perspective(proposals=False))
    assert 60 not in record.claims
    labels = record.labelled().claims
    assert (labels[40], labels[10], labels[20]) == ("in", "out", "in")


def test_one_participants_commitments():
    rauzy = framework(CLAIMS, LINKS, UNDERCUTS, Perspective(holder_id=RAUZY))
    # Rauzy's claims, his objection to Durand (with Durand's claim it targets), his undercut
    # of a relation he does not draw: left out.
    assert rauzy.claims == [10, 40, 50]
    assert [key for key, _a, _b in rauzy.attacks] == [(40, 10, "objection")]
    assert rauzy.undercuts == []
    assert rauzy.labelled().claims == {10: "out", 40: "in", 50: "in"}
    durand = framework(CLAIMS, LINKS, UNDERCUTS, Perspective(holder_id=DURAND))
    assert durand.claims == [10, 20]
    assert durand.labelled().claims == {10: "in", 20: "out"}


def test_as_of_a_date_only_what_was_surely_public():
    early = framework(CLAIMS, LINKS, UNDERCUTS, as_of=OCT3)
    assert early.claims == [20, 30]  # the undated 70 is in no dated view
    assert early.supports == [(30, 20, "support")]
    assert early.attacks == []


def test_the_timeline_lists_the_dates_something_enters():
    found = timeline(CLAIMS, LINKS, UNDERCUTS, Perspective(proposals=False))
    assert [(m.date, m.new_claims, m.new_relations, m.new_undercuts) for m in found.moments] == [
        (AUG, 1, 0, 0),
        (OCT3, 1, 1, 0),
        (OCT4, 1, 1, 0),
        (OCT17, 2, 1, 1),
    ]
    assert found.undated_claims == 1


def test_the_replay_says_what_each_date_changed():
    steps = replay(CLAIMS, LINKS, UNDERCUTS, Perspective(proposals=False))
    assert [step.date for step in steps] == [AUG, OCT3, OCT4, OCT17]
    first, second, third, fourth = steps
    assert first.new_claims == [20] and first.labelling.claims == {20: "in"}
    assert second.new_claims == [30] and second.new_relations == [(30, 20, "support")]
    assert third.new_claims == [10]
    assert third.newly_attacked == [20]
    assert third.fell == [20]
    assert fourth.new_claims == [40, 50]
    assert fourth.new_undercuts == [(50, (30, 20, "support"))]
    assert fourth.reinstated == [20]  # Rauzy's objection defeats Durand's: Morozov stands again
    assert fourth.fell == [10]


def test_the_replay_gives_the_labels_of_computing_directly_at_each_date():
    for step in replay(CLAIMS, LINKS, UNDERCUTS):
        direct = framework(CLAIMS, LINKS, UNDERCUTS, as_of=step.date).labelled()
        assert step.labelling.claims == direct.claims


def test_a_date_adding_nothing_to_a_perspective_is_no_step():
    lordon = replay(CLAIMS, LINKS, UNDERCUTS, Perspective(holder_id=LORDON))
    assert [step.date for step in lordon] == [OCT3]


def random_debate(rng: random.Random, size: int):
    days = [date(2025, 1, 1 + rng.randrange(28)) for _ in range(6)]
    claims = [
        ClaimRow(n, rng.randrange(3), known_since=rng.choice([*days, None]), proposed=n % 7 == 0)
        for n in range(size)
    ]
    links, undercuts = [], []
    for n in range(size * 2):
        a, b = rng.sample(range(size), 2)
        kind = rng.choice(["support", "objection", "objection", "rephrase"])
        link = LinkRow(
            a,
            b,
            kind,
            drawn_by_id=rng.choice([0, 1, 2, None]),
            known_since=rng.choice([*days, None]),
            proposed=n % 9 == 0,
        )
        if all((a, b, kind) != (x.from_id, x.to_id, x.kind) for x in links):
            links.append(link)
    for n in range(size // 2):
        link = rng.choice(links)
        undercuts.append(
            UndercutRow(
                rng.randrange(size),
                (link.from_id, link.to_id, link.kind),
                rng.choice([0, 1, None]),
                rng.choice([*days, None]),
                n % 5 == 0,
            )
        )
    return claims, links, undercuts, sorted(set(days))


def test_the_timeline_finds_exactly_the_dates_on_which_the_framework_grows():
    """The one-pass timeline against the definition: the dates on which
    framework(as_of=date) differs from the day before."""
    rng = random.Random(7)
    for _trial in range(150):
        claims, links, undercuts, days = random_debate(rng, rng.randrange(2, 12))
        for perspective in (
            Perspective(),
            Perspective(proposals=False),
            Perspective(holder_id=1),
            Perspective(holder_id=2, proposals=False),
        ):
            expected, before = [], framework([], [], [], perspective)
            for day in days:
                now = framework(claims, links, undercuts, perspective, as_of=day)
                grew = (
                    len(now.claims) - len(before.claims),
                    len(now.attacks)
                    + len(now.supports)
                    - len(before.attacks)
                    - len(before.supports),
                    len(now.undercuts) - len(before.undercuts),
                )
                if any(grew):
                    expected.append((day, *grew))
                before = now
            found = timeline(claims, links, undercuts, perspective).moments
            assert [
                (m.date, m.new_claims, m.new_relations, m.new_undercuts) for m in found
            ] == expected
