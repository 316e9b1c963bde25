"""Reading debate folders: every problem is named, and a bad folder loads nothing."""

import datetime
import shutil

import pytest
from django.core.management import CommandError, call_command

from arguments.record.fixture_format import FixtureError, parse_date, read_debate_folder
from arguments.record.models import Claim, Debate, Relation
from tests.conftest import SMALL_DEBATE


@pytest.fixture
def folder(tmp_path):
    copy = tmp_path / "small"
    shutil.copytree(SMALL_DEBATE, copy)
    return copy


def test_it_reads_the_small_debate():
    document = read_debate_folder(SMALL_DEBATE)
    assert document.slug == "petit-debat"
    assert [c.slug for c in document.claims][:2] == ["thesis", "support-rent"]
    assert [c.position for c in document.claims] == [1, 2, 3, 4, 5]
    hostile = next(c for c in document.claims if c.slug == "hostile")
    assert hostile.source == "reponse"  # the claim's own source beats the file's
    assert document.relations[0].source == "essai-2025"  # the file's source is the default


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025", (datetime.date(2025, 1, 1), "year")),
        (2025, (datetime.date(2025, 1, 1), "year")),
        ("2025-08", (datetime.date(2025, 8, 1), "month")),
        (datetime.date(2025, 10, 3), (datetime.date(2025, 10, 3), "day")),
        ("", (None, "day")),
    ],
)
def test_dates_keep_their_precision(value, expected):
    assert parse_date(value) == expected


def test_a_bad_date_is_refused():
    with pytest.raises(ValueError, match="not YYYY"):
        parse_date("August 2025")


def replace(folder, name, old, new):
    path = folder / name
    path.write_text(path.read_text().replace(old, new, 1))


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        (
            "claims/001-essai.yaml",
            "holder: alice-author",
            "holder: nobody",
            "unknown holder 'nobody'",
        ),
        (
            "claims/001-essai.yaml",
            "to: thesis, kind: support",
            "to: ghost, kind: support",
            "unknown claim 'ghost'",
        ),
        ("claims/001-essai.yaml", "kind: support", "kind: agrees", "kind 'agrees'"),
        (
            "claims/001-essai.yaml",
            "slug: support-rent",
            "slug: thesis",
            "claim 'thesis' is defined more",
        ),
        ("claims/001-essai.yaml", "section: Introduction", "sektion: Introduction", "unknown keys"),
        ("claims/001-essai.yaml", "slug: hostile", "slug: Not A Slug", "is not a slug"),
        (
            "claims/001-essai.yaml",
            "to: objection-capitalism, kind: support",
            "to: deep-support, kind: support",
            "cannot bear on itself",
        ),
        ("sources.yaml", "date: 2025-10", "date: octobre", "not YYYY"),
        ("sources.yaml", "authors: [alice-author]", "authors: [ghost]", "unknown author"),
        ("participants.yaml", "kind: collective", "kind: guild", "kind 'guild'"),
        (
            "claims/001-essai.yaml",
            "quotation: les plateformes prélèvent une rente",
            "quotation: " + "x" * 301,
            "at most 300",
        ),
        ("debate.yaml", "slug: petit-debat", "slug: [", "cannot read YAML"),
        (
            "claims/001-essai.yaml",
            "kind: support, by: alice-author}",
            "kind: support, by: editors}",
            "an editors' link needs its justification",
        ),
        (
            "claims/001-essai.yaml",
            "kind: support, by: alice-author}",
            "kind: support, by: editors, justification: x, source: essai-2025}",
            "an editors' link is drawn in no text",
        ),
        (
            "claims/001-essai.yaml",
            "kind: support, by: alice-author}",
            "kind: support, by: bruno}",
            "'bruno' is not an author of 'essai-2025'",
        ),
        (
            "claims/001-essai.yaml",
            "kind: support, by: alice-author}",
            "kind: support, by: alice-author, justification: parce que}",
            "only an editors' link (by: editors) is justified",
        ),
        (
            "claims/001-essai.yaml",
            "kind: support, by: alice-author}",
            "kind: support, by: alice-author, passage: " + "y" * 401 + "}",
            "at most 400",
        ),
        ("sources.yaml", "date: 2025\n", "date: ''\n", "no date to qualify"),
        (
            "sources.yaml",
            "title: Réponse\n",
            "title: Réponse\n  title_en: Answer\n",
            "title_en is only for a description of ours in brackets",
        ),
        (
            "sources.yaml",
            "title: Réponse\n",
            "title: '[Réponse]'\n  title_en: Answer\n",
            "title_en is only for a description of ours in brackets",
        ),
        ("participants.yaml", "name: Alice Autrice", "nom_en: x\n  name: Alice", "unknown keys"),
    ],
)
def test_each_problem_is_named(folder, name, old, new, message):
    replace(folder, name, old, new)
    with pytest.raises(FixtureError) as error:
        read_debate_folder(folder)
    assert any(message in problem for problem in error.value.problems), error.value.problems


def test_all_problems_are_reported_at_once(folder):
    replace(folder, "claims/001-essai.yaml", "holder: alice-author", "holder: nobody")
    replace(folder, "sources.yaml", "date: 2025-10", "date: octobre")
    with pytest.raises(FixtureError) as error:
        read_debate_folder(folder)
    assert len(error.value.problems) == 2


def test_a_folder_without_debate_yaml(tmp_path):
    with pytest.raises(FixtureError, match=r"no debate\.yaml"):
        read_debate_folder(tmp_path)


def test_loading_twice_changes_nothing(db):
    call_command("load_debate", str(SMALL_DEBATE))
    ids = sorted(Claim.objects.values_list("pk", flat=True))
    call_command("load_debate", str(SMALL_DEBATE))
    assert sorted(Claim.objects.values_list("pk", flat=True)) == ids
    assert Relation.objects.count() == 4 and Debate.objects.count() == 1


def test_a_bad_folder_loads_nothing_and_says_why(db, folder):
    replace(
        folder, "claims/001-essai.yaml", "to: thesis, kind: support", "to: ghost, kind: support"
    )
    with pytest.raises(CommandError, match="unknown claim 'ghost'"):
        call_command("load_debate", str(folder))
    assert Debate.objects.count() == 0 and Claim.objects.count() == 0


def test_prune_removes_what_the_files_no_longer_hold(db, folder):
    call_command("load_debate", str(folder))
    replace(
        folder,
        "claims/001-essai.yaml",
        "  - {from: deep-support, to: objection-capitalism, kind: support, "
        "by: bruno, source: reponse}\n",
        "",
    )
    call_command("load_debate", str(folder))
    assert Relation.objects.count() == 4  # without --prune, nothing is deleted
    call_command("load_debate", str(folder), "--prune")
    assert Relation.objects.count() == 3


def test_reloading_adds_nothing_to_the_history(db):
    call_command("load_debate", str(SMALL_DEBATE))
    versions = Claim.history.count() + Relation.history.count()
    call_command("load_debate", str(SMALL_DEBATE))
    assert Claim.history.count() + Relation.history.count() == versions == 9


EDITORS_LINK = (
    "  - {from: support-rent, to: thesis, kind: support, by: editors,"
    " justification: 'Une lecture des éditeurs.', justification_en: 'An editors reading.'}\n"
)


def test_an_editors_link_is_credited_to_nobody_but_the_editors(db, folder):
    replace(
        folder,
        "claims/001-essai.yaml",
        "  - {from: support-rent, to: thesis, kind: support, by: alice-author}\n",
        EDITORS_LINK,
    )
    call_command("load_debate", str(folder))
    relation = Relation.objects.get(from_claim__slug="support-rent")
    assert (relation.layer, relation.drawn_by, relation.source) == ("editors", None, None)
    assert relation.justification == "Une lecture des éditeurs."


def test_a_text_cannot_answer_what_came_out_after_it(folder):
    """The answer (now dated January 2026) cannot be objected to in the essay of October
    2025: refused, naming the relation and both dates."""
    replace(folder, "sources.yaml", "date: 2025\n  date_qualifier: circa", "date: 2026-01-05")
    replace(
        folder,
        "claims/001-essai.yaml",
        "  - {from: support-rent, to: thesis, kind: support, by: alice-author}\n",
        "  - {from: support-rent, to: thesis, kind: support, by: alice-author}\n"
        "  - {from: thesis, to: objection-capitalism, kind: objection, by: alice-author}\n",
    )
    with pytest.raises(FixtureError) as error:
        read_debate_folder(folder)
    assert error.value.problems == [
        "claims/001-essai.yaml: relation thesis -> objection-capitalism: credited to "
        "'essai-2025' (2025-10), which came out before 'objection-capitalism' was public "
        "(2026-01-05): make it an editors' link or remove it"
    ]


def test_a_text_dated_circa_or_after_is_left_to_reading(folder):
    """The answer is dated circa 2025: no known end, so the rule cannot refuse it."""
    replace(
        folder,
        "claims/001-essai.yaml",
        "  - {from: support-rent, to: thesis, kind: support, by: alice-author}\n",
        "  - {from: support-rent, to: thesis, kind: support, by: alice-author}\n"
        "  - {from: objection-capitalism, to: support-rent, kind: objection, by: bruno,"
        " source: reponse}\n",
    )
    assert len(read_debate_folder(folder).relations) == 5


def test_prune_keeps_readers_proposals(db, folder, alice):
    call_command("load_debate", str(folder))
    thesis = Claim.objects.get(slug="thesis")
    thesis.propose_argument(alice, "objection", "Une proposition.")
    call_command("load_debate", str(folder), "--prune")
    assert Claim.objects.filter(proposed_by=alice).count() == 1
    assert Relation.objects.filter(layer="readers").count() == 1


def test_english_names_and_bracketed_titles_are_read_and_loaded(db, folder):
    replace(
        folder,
        "participants.yaml",
        "  name: Bruno",
        "  name_en: Bruno (a collective)\n  name: Bruno",
    )
    replace(
        folder, "sources.yaml", "title: Réponse\n", "title: '[Réponse]'\n  title_en: '[Answer]'\n"
    )
    document = read_debate_folder(folder)
    bruno = next(p for p in document.participants if p.slug == "bruno")
    reponse = next(s for s in document.sources if s.slug == "reponse")
    assert (bruno.name_en, reponse.title_en) == ("Bruno (a collective)", "[Answer]")
    assert next(p for p in document.participants if p.slug == "alice-author").name_en == ""
    call_command("load_debate", str(folder), verbosity=0)
    debate = Debate.objects.get(slug="petit-debat")
    assert debate.participants.get(slug="bruno").name_en == "Bruno (a collective)"
    assert debate.sources.get(slug="reponse").title_en == "[Answer]"
