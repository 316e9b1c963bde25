"""What keeps who stands from growing with the debate: a claim's standing kept by claim, the
rows read once a page, the step's theses found without sending every id, the map marked with
the step's own labels."""

from __future__ import annotations

import pickle

from django.db import connection
from django.test.utils import CaptureQueriesContext

from arguments.maps.options import MapOptions
from arguments.standing import labels as standing
from arguments.standing import views
from arguments.standing.marks import marks_from, standing_marks
from arguments.standing.timeline import Perspective, framework, timeline
from tests.conftest import grow


def test_a_claims_standing_is_kept_by_claim_until_the_record_changes(
    small_debate, alice, django_assert_num_queries
):
    thesis = small_debate.claims.get(slug="thesis")
    first = standing.claim_standing(thesis)
    assert first.label == "in"
    with django_assert_num_queries(1):  # the revision: no rows, no statements read again
        again = standing.claim_standing(thesis)
    assert (again.label, again.reason, again.as_of) == (first.label, first.reason, first.as_of)
    # Counting proposals is a standing of its own, and an edit is seen at once.
    hostile = small_debate.claims.get(slug="hostile")
    hostile.propose_argument(alice, "objection", "Cette citation est tronquée.")
    counted = Perspective(proposals=True)
    assert standing.claim_standing(thesis.__class__.objects.get(pk=thesis.pk), counted).label == (
        "out"
    )
    assert standing.claim_standing(thesis.__class__.objects.get(pk=thesis.pk)).label == "in"


def test_a_claim_off_the_map_has_no_standing_and_that_is_kept_too(
    small_debate, django_assert_num_queries
):
    thesis = small_debate.claims.get(slug="thesis")
    other = Perspective(holder_id=-1)  # nobody's commitments: an empty map
    assert standing.claim_standing(thesis, other) is None
    with django_assert_num_queries(1):
        assert standing.claim_standing(thesis, other) is None


def test_the_rows_are_read_once_for_a_page(small_debate, django_assert_num_queries):
    revision = small_debate.revision()
    rows = standing.rows_once(small_debate, revision)
    perspective = Perspective()
    # sources, claims, relations, undercuts: once, whatever is computed from them.
    with django_assert_num_queries(4):
        moments = standing.timeline_of(small_debate, revision, perspective, rows).moments
        standing.step_of(small_debate, revision, perspective, moments[-1].date, None, rows)
        standing.labelling(small_debate, revision, perspective, None, rows)
        standing.preferred_view(small_debate, revision, perspective, None, rows)


def test_the_steps_theses_are_the_same_found_either_way(small_debate, monkeypatch):
    grow(small_debate, 30)
    revision = small_debate.revision()
    on_map = standing.labelling(small_debate, revision, Perspective()).claims
    by_id = views._main_theses(small_debate, on_map)
    monkeypatch.setattr(views, "THESES_BY_ID", 0)  # as on a large step
    assert [t.pk for t in views._main_theses(small_debate, on_map)] == [t.pk for t in by_id]
    some = dict(list(on_map.items())[:3])
    streamed = views._main_theses(small_debate, some)
    monkeypatch.setattr(views, "THESES_BY_ID", 1_000)
    assert [t.pk for t in streamed] == [t.pk for t in views._main_theses(small_debate, some)]
    assert all(t.pk in some for t in streamed)


def test_the_replay_map_is_marked_with_the_steps_labels(small_debate):
    """The step's labels are those the map would compute for itself: same perspective,
    same date, so the page passes them rather than labelling the map a second time."""
    revision = small_debate.revision()
    participants = list(small_debate.participants.all())
    bruno = small_debate.participants.get(slug="bruno")
    for holder, participant_slugs in ((None, ()), (bruno.pk, ("bruno",))):
        perspective = Perspective(holder_id=holder)
        moments = standing.timeline_of(small_debate, revision, perspective).moments
        day = moments[-1].date
        step = standing.step_of(small_debate, revision, perspective, day, None)
        options = MapOptions(participants=participant_slugs, as_of=day, standing=True)
        given = marks_from(step.labelling.claims, perspective, options)
        computed = standing_marks(small_debate, revision, options, participants)
        assert given.by_claim == computed.by_claim
        assert given.description == computed.description


def test_the_undated_count_is_the_frameworks(small_debate):
    rows = standing.standing_rows(small_debate, small_debate.revision())
    for perspective in (Perspective(), Perspective(proposals=True, editors=True)):
        found = timeline(rows.claims, rows.links, rows.undercuts, perspective)
        in_view = set(framework(rows.claims, rows.links, rows.undercuts, perspective).claims)
        undated = [c for c in rows.claims if c.id in in_view and c.known_since is None]
        assert found.undated_claims == len(undated)


def test_a_labelling_read_back_from_the_cache_explains_the_same(controversy):
    """The cached labelling leaves its attack graph behind (most of its size) and draws it
    again when asked: labels and reasons are the same."""
    rows = standing.standing_rows(controversy, controversy.revision())
    fw = framework(rows.claims, rows.links, rows.undercuts, Perspective(editors=True))
    labelling = fw.labelled()
    back = pickle.loads(pickle.dumps(labelling))
    assert back._framework.targets is None
    assert back.claims == labelling.claims and back.relations == labelling.relations
    for claim in list(labelling.claims)[::7]:
        assert back.reason(claim) == labelling.reason(claim)
    for relation in list(labelling.relations)[::5]:
        assert back.relation_reason(relation) == labelling.relation_reason(relation)
    assert back._framework.grounded_labels() == labelling._labels


def test_a_step_asked_for_alone_names_the_texts_of_its_day(client, small_debate):
    page = client.get("/petit-debat/standing/", headers={"Accept-Language": "en"})
    day = page.content.decode().split('aria-current="step">')[1].split("as_of=")[1][:10]
    alone = client.get(
        f"/petit-debat/standing/?as_of={day}",
        headers={"Accept-Language": "en", "HX-Request": "true"},
    ).content.decode()
    assert "Texts public from this date:" in alone and "Réponse" in alone
    entering = page.content.decode().split("Texts public from this date:")[1].split("</p>")[0]
    assert entering in alone


def test_a_step_asked_for_again_costs_the_same_queries_however_large_the_debate(
    client, small_debate
):
    htmx = {"HX-Request": "true"}

    def warm_queries() -> int:
        page = client.get("/petit-debat/standing/").content.decode()
        day = page.split('aria-current="step">')[1].split("as_of=")[1][:10]
        url = f"/petit-debat/standing/?as_of={day}"
        client.get(url, headers=htmx)  # computes the step
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, headers=htmx).status_code == 200
        return len(queries)

    small = warm_queries()
    grow(small_debate, 40)
    assert warm_queries() == small
