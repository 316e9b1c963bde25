"""The public corrections log: read from the fixtures, checked against the record, shown on a
page where each change links to what remains of it."""

import shutil

import pytest
from django.core.management import call_command

from arguments.record.corrections_format import read_corrections
from arguments.record.fixture_format import FixtureError, read_debate_folder
from arguments.record.models import Correction
from arguments.standing import labels as standing
from arguments.standing.timeline import Perspective
from tests.conftest import SMALL_DEBATE

EN = {"Accept-Language": "en"}

LOG = """\
- slug: 2026-01-01-first
  date: 2026-01-01
  title: Première relecture
  title_en: First reread
  items:
    - what: relation
      from: support-rent
      to: thesis
      kind: support
      change: recredited
      before: "by: alice-author"
      after: "by: editors"
      reason: L'essai ne le dit pas.
      reason_en: "The essay does not say it: <script>alert(1)</script>"
    - what: relation
      from: deep-support
      to: thesis
      kind: objection
      change: removed
      reason: Ce n'était pas une objection.
    - what: claim
      slug: thesis
      change: reworded
      before: Ancien énoncé.
      after: Le numérique est un féodalisme.
      reason: Plus fidèle.
"""


@pytest.fixture
def folder(tmp_path):
    copy = tmp_path / "small"
    shutil.copytree(SMALL_DEBATE, copy)
    (copy / "corrections.yaml").write_text(LOG)
    return copy


def test_the_log_is_read_with_its_items(folder):
    document = read_debate_folder(folder)
    [entry] = document.corrections
    assert (entry.slug, entry.title_en, len(entry.items)) == ("2026-01-01-first", "First reread", 3)
    assert [item.change for item in entry.items] == ["recredited", "removed", "reworded"]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("slug: thesis\n", "slug: ghost\n", "unknown claim 'ghost'"),
        ("from: deep-support", "from: objection-capitalism", "removed, yet still in the record"),
        ("change: reworded", "change: shouted", "'claim' cannot be 'shouted'"),
        ("      reason: Plus fidèle.\n", "", "every change says why"),
        ("date: 2026-01-01", "date: demain", "date must be written YYYY-MM-DD"),
    ],
)
def test_a_log_that_does_not_match_the_record_is_refused(folder, old, new, message):
    path = folder / "corrections.yaml"
    path.write_text(path.read_text().replace(old, new, 1))
    with pytest.raises(FixtureError) as error:
        read_debate_folder(folder)
    assert any(message in problem for problem in error.value.problems), error.value.problems


def test_hostile_yaml_is_refused_not_expanded():
    problems = []
    assert read_corrections("not a list", problems) == [] and problems
    problems = []
    read_corrections([{"slug": "x", "date": "2026-01-01", "title": "t", "items": [1]}], problems)
    assert problems


def test_the_page_lists_each_change_with_its_reason_and_links(client, db, folder):
    call_command("load_debate", str(folder))
    response = client.get("/petit-debat/corrections/", headers=EN)
    html = response.content.decode()
    assert response.status_code == 200
    assert "First reread" in html and "3 changes" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # a reason is inert
    assert "<script>alert(1)" not in html
    assert "/petit-debat/relations/" in html  # the re-credited relation, as it is now
    assert "/petit-debat/claims/thesis/history/" in html
    assert "Ce n&#x27;était pas une objection." in html  # the removed one still reads
    assert "<del>Ancien énoncé.</del>" in html


def test_the_page_costs_the_same_whatever_the_log(client, db, folder, django_assert_num_queries):
    call_command("load_debate", str(folder))
    with django_assert_num_queries(3):  # debate, entries, their items (with their links)
        client.get("/petit-debat/corrections/")


def test_the_page_refuses_what_it_does_not_take(client, db, folder):
    call_command("load_debate", str(folder))
    assert client.get("/petit-debat/corrections/?page=2").status_code == 400
    assert client.post("/petit-debat/corrections/").status_code == 405
    assert client.get("/nowhere/corrections/").status_code == 404


def test_loading_the_log_twice_keeps_one_copy(db, folder):
    call_command("load_debate", str(folder))
    call_command("load_debate", str(folder))
    assert Correction.objects.count() == 1
    assert Correction.objects.get().items.count() == 3


# --- the shipped log ------------------------------------------------------------------------


def test_the_shipped_log_records_this_re_examination(controversy):
    entry = controversy.corrections.get(slug="2026-12-05-relations-reexamined")
    changes = {item.change for item in entry.items.all()}
    assert {"recredited", "removed", "reworded", "relabelled"} <= changes
    for item in entry.items.all():
        assert item.reason and item.reason_en, item


def test_every_label_change_it_lists_is_the_label_shown_by_default(controversy):
    words = {
        "aucune objection en vigueur": "in",
        "objection en vigueur": "out",
        "indécise": "undec",
    }
    labels = standing.labelling(controversy, controversy.revision(), Perspective()).claims
    items = controversy.corrections.get().items.filter(what="label").select_related("claim")
    assert items
    for item in items:
        now = item.after.split(" (")[0]
        assert labels[item.claim.pk] == words[now], item.claim.slug


def test_removed_and_recredited_relations_are_so_in_the_record(controversy):
    items = controversy.corrections.get().items.filter(what="relation")
    for item in items.filter(change="removed"):
        assert item.relation is None
    for item in items.filter(change="recredited").select_related("relation__drawn_by"):
        assert item.relation is not None, item.item
        credit = item.after.removeprefix("by: ").split()[0].strip(",;")
        if credit == "editors":
            assert item.relation.layer == "editors", item.item
        else:
            assert item.relation.drawn_by.slug == credit, item.item
