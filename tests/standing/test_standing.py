"""Who stands: the claim badge, the map's marks, the replay page and its perspectives, on the
small debate and on the shipped controversy."""

from __future__ import annotations

import datetime

import pytest

from arguments.record.models import Claim, Undercut
from arguments.standing import labels as standing
from arguments.standing.timeline import Perspective

EN = {"Accept-Language": "en"}
PAGE = "/petit-debat/standing/"


def label_of(debate, slug, **perspective):
    claim = debate.claims.get(slug=slug)
    labels = standing.labelling(debate, debate.revision(), Perspective(**perspective))
    return labels.claims.get(claim.pk)


# --- the claim page's badge ---------------------------------------------------------------


def test_the_claim_page_says_whether_the_claim_stands_and_why(client, small_debate):
    html = client.get("/petit-debat/claims/thesis/", headers=EN).content.decode()
    assert '<span class="standing standing--in">✓ no objection in force</span>' in html
    assert "— in the texts, as of Dec. 31, 2025" in html  # what it counts, and when
    assert "No objection in force: its objection by “It is only capitalism.” is defeated." in html
    html = client.get("/petit-debat/claims/objection-capitalism/", headers=EN).content.decode()
    assert '<span class="standing standing--out">✗ objection in force</span>' in html
    assert "Objection in force: from “Hostile &lt;script&gt;alert(" in html  # inert
    assert 'href="/petit-debat/standing/explained/"' in html
    assert 'name="count" value="editors"' in html  # the switches, off by default
    assert "checked" not in html.split('class="standing-switches"')[1].split("</form>")[0]


def test_a_new_objection_changes_the_label_at_once(client, small_debate, alice):
    assert label_of(small_debate, "hostile") == "in"
    hostile = small_debate.claims.get(slug="hostile")
    hostile.propose_argument(alice, "objection", "Cette citation est tronquée.")
    # By default the texts' own arguments alone: a reader's objection sways nothing.
    assert label_of(small_debate, "hostile") == "in"
    assert label_of(small_debate, "thesis") == "in"
    # Counted on request, it changes the labels at once, and the page says what changed.
    assert label_of(small_debate, "hostile", proposals=True) == "out"
    assert label_of(small_debate, "objection-capitalism", proposals=True) == "in"
    assert label_of(small_debate, "thesis", proposals=True) == "out"
    html = client.get("/petit-debat/claims/thesis/", headers=EN).content.decode()
    assert "✓ no objection in force" in html
    html = client.get("/petit-debat/claims/thesis/?count=proposals", headers=EN).content.decode()
    assert "✗ objection in force" in html
    assert "in the texts and readers&#x27; proposals" in html
    assert "Counting the texts' own arguments alone: no objection in force." in html


def test_an_undercut_of_an_objection_reinstates_its_target(small_debate):
    objection = small_debate.relations.get(kind="objection", to_claim__slug="objection-capitalism")
    Undercut.objects.create(
        debate=small_debate,
        from_claim=small_debate.claims.get(slug="deep-support"),
        relation=objection,
    )
    assert label_of(small_debate, "hostile") == "in"
    assert label_of(small_debate, "objection-capitalism") == "in"  # its attacker no longer bites
    assert label_of(small_debate, "thesis") == "out"


def test_a_participants_commitments(small_debate):
    bruno = small_debate.participants.get(slug="bruno")
    labels = standing.labelling(
        small_debate, small_debate.revision(), Perspective(holder_id=bruno.pk)
    )
    slugs = dict(Claim.objects.values_list("pk", "slug"))
    # Bruno's claims and the relations Bruno draws (with the claim they target).
    assert {slugs[pk]: label for pk, label in labels.claims.items()} == {
        "thesis": "in",
        "hostile": "in",
        "objection-capitalism": "out",
        "deep-support": "in",
    }


# --- the map's marks ----------------------------------------------------------------------


def test_the_map_marks_who_stands_on_request(client, small_debate):
    plain = client.get("/petit-debat/map/", headers=EN).content.decode()
    assert "✗ objection in force" not in plain
    html = client.get("/petit-debat/map/?standing=show", headers=EN).content.decode()
    assert html.count("✓ no objection in force") >= 4  # four claims (and the legend)
    assert "✗ objection in force" in html
    assert "What these labels mean, and do not mean" in html
    assert "grounded semantics" in html  # the SVG's description says what was computed
    response = client.get("/petit-debat/map.svg?standing=show&participant=bruno")
    assert response["Content-Disposition"].endswith('participant-bruno-standing.svg"')


def test_the_marks_follow_the_maps_date(client, small_debate):
    html = client.get(
        "/petit-debat/map/?standing=show&as_of=2025-11-01", headers=EN
    ).content.decode()
    assert "✗ objection in force" not in html  # only the essay was out: no objection yet


def test_a_bad_standing_value_is_a_400(client, small_debate):
    response = client.get("/petit-debat/map/?standing=maybe")
    assert response.status_code == 400


# --- the replay page ----------------------------------------------------------------------


def test_the_replay_page_steps_through_the_dates(client, small_debate):
    html = client.get(PAGE, headers=EN).content.decode()
    assert "As of Dec. 31, 2025 — step 2 of 2" in html
    assert "Texts public from this date:" in html and "Réponse" in html
    assert (
        "5 claims on the map: 4 with no objection in force, 1 with an objection in force,"
        " 0 undecided." in html
    )
    assert "Counting the texts&#x27; own arguments only." in html
    assert "Newly objected to" in html  # the thesis, objected to in the answer
    assert 'href="?as_of=2025-10-31"' in html  # the previous step, as a plain link
    first = client.get(PAGE, {"as_of": "2025-10-31"}, headers=EN).content.decode()
    assert "As of Oct. 31, 2025 — step 1 of 2" in first
    assert "2 claims on the map: 2 with no objection in force, 0 with an objection" in first


def test_a_date_before_any_text_says_so(client, small_debate):
    response = client.get(PAGE, {"as_of": "2020-01-01"}, headers=EN)
    # One address for all the dates before the first step: the day before it.
    assert response.status_code == 302 and response["Location"] == f"{PAGE}?as_of=2025-10-30"
    html = client.get(response["Location"], headers=EN).content.decode()
    assert "Nothing in this perspective was public yet." in html
    assert 'href="?as_of=2025-10-31"' in html  # the way forward


def test_with_htmx_only_the_step_is_sent(client, small_debate):
    response = client.get(PAGE, {"as_of": "2025-10-31"}, headers={**EN, "HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="replay"')
    assert "<html" not in html
    assert "HX-Request" in response["Vary"]  # caches keep the page and the step apart


def test_a_perspective_and_proposals_can_be_chosen(client, small_debate, alice):
    small_debate.claims.get(slug="hostile").propose_argument(alice, "objection", "Tronquée.")
    html = client.get(PAGE, headers=EN).content.decode()
    assert "step 2 of 2" in html  # by default a proposal adds no step
    html = client.get(PAGE, {"count": "proposals"}, headers=EN).content.decode()
    assert "step 3 of 3" in html  # counted, it is dated by the day it was made
    assert "What counting them changes" in html
    assert 'value="count=proposals"' not in html  # the header's search box stays empty
    assert 'href="?count=proposals&amp;as_of=' in html  # the steps keep the switch
    assert "in the texts alone: no objection in force; counted so: objection in force" in html
    html = client.get(PAGE, {"participant": "alice-author"}, headers=EN).content.decode()
    assert "step 1 of 1" in html
    assert "Alice Autrice's commitments" in html


@pytest.mark.parametrize(
    "query",
    [
        {"as_of": "hier"},
        {"participant": "nobody"},
        {"count": "maybe"},
        {"proposals": "hide"},
        {"colour": "red"},
    ],
)
def test_bad_parameters_are_a_400_naming_them(client, small_debate, query):
    response = client.get(PAGE, query)
    assert response.status_code == 400


def test_the_page_rejects_post(client, small_debate):
    assert client.post(PAGE).status_code == 405


def test_its_query_count_does_not_grow_with_the_debate(assert_queries_do_not_grow):
    # debate, revision, participants, sources; the rows
    # (sources, claims, relations, undercuts); theses, changed claims, named claims; the
    # map's own reads (no annotation notes: they are the map page's, joined after rendering).
    assert_queries_do_not_grow(PAGE, 16)


def test_every_date_is_sent_to_its_steps_one_address(client, small_debate):
    """Dates within a step all lead to the step's date, so the pages kept for readers are
    bounded by the steps, not by the dates anyone may type."""
    response = client.get(PAGE, {"as_of": "2025-11-03"})
    assert response.status_code == 302
    assert response["Location"].startswith(f"{PAGE}?as_of=2025-")
    assert client.get(response["Location"]).status_code == 200


def test_an_anonymous_reader_is_served_the_kept_page(
    client, small_debate, django_assert_num_queries
):
    client.get(PAGE)
    with django_assert_num_queries(0):  # the readers' cache
        assert client.get(PAGE).status_code == 200


def test_the_explanation_page(client, small_debate):
    html = client.get("/petit-debat/standing/explained/", headers=EN).content.decode()
    assert "not the truth of a claim" in html
    assert client.get("/petit-debat/standing/explained/?x=1").status_code == 400


# --- the shipped controversy --------------------------------------------------------------


def test_the_replay_of_the_controversy_gives_the_labels_computed_directly(controversy):
    revision = controversy.revision()
    for perspective in (Perspective(), Perspective(editors=True, proposals=True)):
        moments = standing.timeline_of(controversy, revision, perspective).moments
        assert len(moments) == 13
        previous = None
        for moment in moments:
            step = standing.step_of(controversy, revision, perspective, moment.date, previous)
            direct = standing.labelling(controversy, revision, perspective, moment.date)
            assert step.labelling.claims == direct.claims, moment.date
            assert len(step.new_claims) == moment.new_claims
            previous = moment.date


def test_the_controversy_at_its_key_dates(controversy):
    """In the texts' own arguments: Morozov's attack on techno-feudalism (August 2025) has no
    objection in force until Durand's answer in Contretemps (4 October, as Rauzy reports
    it); Lordon's displaced struggle until Rauzy's text (17 October); Rauzy's "using is
    working" meets none. Counting the editors' links changes some labels (and is shown as a
    difference): Morozov's "ordinary capitalism" then meets an objection from the start."""
    revision = controversy.revision()
    dates = ["2025-08-31", "2025-10-03", "2025-10-04", "2025-10-17", "2025-12-31", "2026-04-30"]

    def labels(slug, perspective=None):
        perspective = perspective or Perspective()
        pk = controversy.claims.get(slug=slug).pk
        found = []
        for day in dates:
            as_of = datetime.date.fromisoformat(day)
            labelling = standing.labelling(controversy, revision, perspective, as_of)
            found.append(labelling.claims.get(pk, "-"))
        return found

    assert labels("002-morozov-attaque-technofeodalisme") == [
        "in",
        "in",
        "out",
        "out",
        "out",
        "out",
    ]
    assert labels("002-morozov-bigtech-capitalisme-classique") == ["in"] * 6
    with_editors = Perspective(editors=True)
    assert labels("002-morozov-bigtech-capitalisme-classique", with_editors) == ["out"] * 6
    assert labels("002-lordon-lutte-deplacee-consommation") == [
        "-",
        "in",
        "in",
        "out",
        "out",
        "out",
    ]
    assert labels("002-rauzy-usage-est-travail") == ["-", "-", "-", "in", "in", "in"]
    assert labels("002-durand-defend-technofeodalisme") == ["-", "-", "in", "in", "in", "in"]
    assert labels("002-durand-defend-technofeodalisme", with_editors)[-1] == "out"


def test_an_annotation_does_not_make_the_labels_be_computed_again(
    small_debate, alice, django_assert_num_queries
):
    from annotations.models import Annotation

    standing.labelling(small_debate, small_debate.revision(), Perspective())
    Annotation.objects.create(author=alice, claim=small_debate.claims.first(), body="Tiens.")
    with django_assert_num_queries(1):  # the revision; the labels come from the cache
        standing.labelling(small_debate, small_debate.revision(), Perspective())
    small_debate.claims.get(slug="hostile").propose_argument(alice, "objection", "Non.")
    with django_assert_num_queries(
        5
    ):  # it changed: revision, sources, claims, relations, undercuts
        standing.labelling(small_debate, small_debate.revision(), Perspective())


def test_an_annotation_leaves_the_kept_page_and_files_alone(
    client, small_debate, alice, django_assert_num_queries
):
    """The standing and the map's files show the record alone: a reader's annotation keeps
    them (a claim edit does not: see the test of the record revision)."""
    from annotations.models import Annotation

    for url in (PAGE, "/petit-debat/map.svg"):
        first = client.get(url)
        Annotation.objects.create(
            author=alice, claim=small_debate.claims.get(slug="thesis"), body="Une remarque"
        )
        with django_assert_num_queries(0):  # the readers' cache
            again = client.get(url)
        assert again["ETag"] == first["ETag"]
