"""manage.py dump_debate: a debate written back as its fixtures folder, read back the same.

The first tests need no database: `fixture_dump` works on the loader's own records and the
files' texts. The others load a debate, change it as the site would, dump it and load it
again.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import shutil
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from arguments.interchange.store import document_from_debate
from arguments.record.corrections_format import CorrectionData, CorrectionItemData
from arguments.record.fixture_dump import (
    DumpError,
    StoredChange,
    StoredCorrection,
    check_round_trip,
    dump_files,
    name_corrections,
    read_existing,
)
from arguments.record.fixture_format import (
    ClaimData,
    RelationData,
    SourceData,
    read_debate_folder,
)
from arguments.record.loading import store_debate
from arguments.record.models import (
    Claim,
    Correction,
    Debate,
    Layer,
    Question,
    Relation,
    Undercut,
)
from tests.conftest import CONTROVERSY, SMALL_DEBATE, grow

# Texts YAML would read as something else if written carelessly; the model has already
# taken control characters out of them (arguments/record/text.py).
HOSTILE_STATEMENTS = [
    "Clé : valeur, puis # pas un commentaire",
    "&anchor une ancre",
    "*alias un alias",
    "!!python/object:os.system une étiquette",
    "- comme un élément de liste",
    "Deux lignes\nla seconde  avec deux espaces",
    "? une clé complexe",
    "| un bloc littéral",
    "> un bloc replié",
    "'apostrophes' et \"guillemets\" et \\ antislash",
    "% une directive",
    "@ réservé et ` aussi",
    "yes",
    "null",
    "2025-10-17",
    "0o17",
    "« guillemets » … \u2013 \u2014 et des espaces\u00a0insécables",
    "x" * 5000,
    "Tabulation\tinterne et ligne\n\n\nvides",
    # Had the model not cleaned them, control characters are escaped, not written raw.
    "Contrôle\x07\x1b\x85 et \u2028 séparateur",
]


def _comment_lines(text: str) -> int:
    return sum(1 for line in text.splitlines() if line.lstrip().startswith("#"))


def _relation_key(relation) -> tuple[str, str, str]:
    return (relation.from_claim, relation.to_claim, relation.kind)


# --- Without the database ---------------------------------------------------------------


@pytest.mark.parametrize("folder", [CONTROVERSY, SMALL_DEBATE], ids=["shipped", "small"])
def test_an_unchanged_debate_over_its_own_folder_changes_no_file(folder):
    existing = read_existing(folder)
    assert dump_files(read_debate_folder(folder), existing) == {}


def test_a_dump_into_an_empty_folder_reads_back_as_the_debate_and_again_changes_nothing():
    document = read_debate_folder(CONTROVERSY)
    files = dump_files(document, {})
    assert set(files) >= {"debate.yaml", "participants.yaml", "sources.yaml", "questions.yaml"}
    assert "corrections.yaml" in files
    found = check_round_trip(document, {}, files)
    assert [c.slug for c in found.claims] == [c.slug for c in document.claims]
    assert dump_files(document, files) == {}
    assert dump_files(document, {}) == files  # the same bytes each time


def test_a_reworded_claim_changes_its_lines_only_and_keeps_every_comment():
    document = read_debate_folder(CONTROVERSY)
    existing = read_existing(CONTROVERSY)
    claim = next(c for c in document.claims if c.file == "claims/002-rauzy.yaml")
    reworded = dataclasses.replace(claim, statement="Un énoncé reformulé : avec # et *étoile.")
    document.claims[document.claims.index(claim)] = reworded
    changed = dump_files(document, existing)
    assert set(changed) == {"claims/002-rauzy.yaml"}
    before, after = existing["claims/002-rauzy.yaml"], changed["claims/002-rauzy.yaml"]
    assert _comment_lines(after) == _comment_lines(before)
    diff = [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert all(line[1:].startswith(("    statement:", "      ")) for line in diff), diff
    found = check_round_trip(document, existing, changed)
    assert next(c for c in found.claims if c.slug == claim.slug).statement == reworded.statement


def test_a_new_claim_of_a_text_with_no_file_gets_a_file_named_after_the_text():
    document = read_debate_folder(SMALL_DEBATE)
    existing = read_existing(SMALL_DEBATE)
    document.sources.append(
        SourceData(
            slug="nouveau-texte",
            title="Un nouveau texte",
            authors=("bruno",),
            venue="",
            published=datetime.date(2026, 1, 1),
            date_precision="month",
            date_qualifier="exact",
            url="https://example.org/texte",
            language="fr",
            seed="",
        )
    )
    document.claims.append(
        ClaimData(
            slug="nouvelle-these",
            holder="bruno",
            source="nouveau-texte",
            via="",
            statement="Une nouvelle thèse.",
            statement_en="A new thesis.",
            quotation="une nouvelle thèse",
            section="",
            paragraph=3,
            position=99,
            file="",
        )
    )
    document.relations.append(
        RelationData(
            from_claim="nouvelle-these",
            to_claim="thesis",
            kind="objection",
            drawn_by="bruno",
            source="nouveau-texte",
            file="",
            passage="une nouvelle thèse",
        )
    )
    changed = dump_files(document, existing)
    assert set(changed) == {"sources.yaml", "claims/002-nouveau-texte.yaml"}
    assert changed["sources.yaml"].startswith(existing["sources.yaml"])  # added at the end
    new_file = yaml.safe_load(changed["claims/002-nouveau-texte.yaml"])
    assert new_file["source"] == "nouveau-texte"
    assert [c["slug"] for c in new_file["claims"]] == ["nouvelle-these"]
    assert "source" not in new_file["relations"][0]  # the file's own, implied
    check_round_trip(document, existing, changed)


def test_a_new_claim_goes_after_the_claim_before_it_in_reading_order_and_its_heading_stays():
    document = read_debate_folder(CONTROVERSY)
    existing = read_existing(CONTROVERSY)
    in_file = [c for c in document.claims if c.file == "claims/002-rauzy.yaml"]
    after = in_file[0]
    document.claims.insert(
        document.claims.index(after) + 1,
        dataclasses.replace(after, slug="002-rauzy-inseree", position=after.position),
    )
    changed = dump_files(document, existing)
    found = check_round_trip(document, existing, changed)
    order = [c.slug for c in found.claims if c.file == "claims/002-rauzy.yaml"]
    assert order[:3] == [in_file[0].slug, "002-rauzy-inseree", in_file[1].slug]
    text = changed["claims/002-rauzy.yaml"]
    assert _comment_lines(text) == _comment_lines(existing["claims/002-rauzy.yaml"])
    # The section heading that came before the second claim still does.
    lines = text.splitlines()
    second = lines.index(f"  - slug: {in_file[1].slug}")
    inserted = lines.index("  - slug: 002-rauzy-inseree")
    assert inserted < second


def test_removed_items_go_and_the_comments_around_them_stay():
    document = read_debate_folder(CONTROVERSY)
    existing = read_existing(CONTROVERSY)
    gone = next(r for r in document.relations if r.file == "claims/004-durand.yaml")
    document.relations.remove(gone)
    changed = dump_files(document, existing)
    assert set(changed) == {"claims/004-durand.yaml"}
    before = existing["claims/004-durand.yaml"]
    assert _comment_lines(changed["claims/004-durand.yaml"]) == _comment_lines(before)
    found = check_round_trip(document, existing, changed)
    assert _relation_key(gone) not in {_relation_key(r) for r in found.relations}


def test_keys_the_dump_does_not_know_stay_as_they_are():
    """Another tool's key (a seed file, a checked mark) is not the dump's to remove."""
    document = read_debate_folder(SMALL_DEBATE)
    existing = read_existing(SMALL_DEBATE)
    existing["sources.yaml"] = existing["sources.yaml"].replace(
        "  title: Essai sur rien\n", "  title: Essai sur rien\n  seed: 001_essai.txt\n"
    )
    source = document.sources[0]
    document.sources[0] = dataclasses.replace(source, venue="Une autre revue", seed="001_essai.txt")
    changed = dump_files(document, existing)
    assert "  seed: 001_essai.txt\n" in changed["sources.yaml"]
    assert "  venue: Une autre revue\n" in changed["sources.yaml"]


@pytest.mark.parametrize("statement", HOSTILE_STATEMENTS)
def test_yaml_special_texts_round_trip_exactly_through_the_safe_loader(statement):
    document = read_debate_folder(SMALL_DEBATE)
    claim = document.claims[0]
    document.claims[0] = dataclasses.replace(claim, statement=statement, statement_en=statement)
    document.participants[0] = dataclasses.replace(document.participants[0], description=statement)
    for existing in (read_existing(SMALL_DEBATE), {}):
        changed = dump_files(document, existing)
        for text in changed.values():
            yaml.safe_load(text)  # no tag, anchor or alias that the safe loader refuses
        found = check_round_trip(document, existing, changed)
        assert found.claims[0].statement == statement.strip()
        assert found.participants[0].description == statement.strip()


def test_a_file_that_is_not_yaml_is_left_as_it_is_and_named():
    existing = read_existing(SMALL_DEBATE)
    existing["sources.yaml"] = "- slug: [unclosed\n"
    with pytest.raises(DumpError, match=r"sources\.yaml: cannot read YAML"):
        dump_files(read_debate_folder(SMALL_DEBATE), existing)


def test_deeply_nested_or_wrong_typed_files_are_refused_not_crashed_on():
    document = read_debate_folder(SMALL_DEBATE)
    existing = read_existing(SMALL_DEBATE)
    existing["claims/001-essai.yaml"] = "- " + "[" * 2000 + "]" * 2000 + "\n"
    with pytest.raises(DumpError):
        dump_files(document, existing)
    existing = read_existing(SMALL_DEBATE)
    existing["claims/001-essai.yaml"] = "claims: 12\nrelations: {a: b}\n"
    existing["participants.yaml"] = "slug: not-a-list\n"
    with pytest.raises(DumpError) as refused:
        dump_files(document, existing)
    assert refused.value.problems == [
        "claims/001-essai.yaml: claims must be a list, left as it is",
        "claims/001-essai.yaml: relations must be a list, left as it is",
        "participants.yaml: expected a list, left as it is",
    ]


def test_a_change_of_the_log_that_nothing_names_is_refused_not_dropped():
    document = read_debate_folder(SMALL_DEBATE)
    stored = [
        StoredCorrection(
            slug="2026-01-01-x",
            date=datetime.date(2026, 1, 1),
            title="Titre",
            title_en="",
            summary="",
            summary_en="",
            changes=(
                StoredChange(what="source", change="retitled", item="Essai sur rien", reason="R"),
                StoredChange(what="claim", change="reworded", item="Disparue", reason="R"),
            ),
        )
    ]
    with pytest.raises(DumpError, match=r"change 2 \(claim reworded\): nothing names 'Disparue'"):
        name_corrections(stored, document, [])
    named = name_corrections(
        stored,
        document,
        [
            CorrectionData(
                slug="2026-01-01-x",
                date=datetime.date(2026, 1, 1),
                title="Titre",
                items=[
                    CorrectionItemData(what="source", change="retitled", slug="x", reason="R"),
                    CorrectionItemData(what="claim", change="reworded", slug="thesis", reason="R"),
                ],
            )
        ],
    )
    # The file's own names, where the file holds the same change.
    assert [item.slug for item in named[0].items] == ["x", "thesis"]


UNDERCUTS = """
undercuts:
  - from: deep-support
    relation: {from: support-rent, to: thesis, kind: support}
    by: bruno
    source: reponse
    passage: les profits viennent de la publicité
  - from: thesis
    relation: {from: hostile, to: objection-capitalism, kind: objection}
    by: editors
    justification: Notre lecture.
"""


def _small_with(tmp_path, extra: str) -> Path:
    folder = tmp_path / "small"
    shutil.copytree(SMALL_DEBATE, folder)
    with (folder / "claims/001-essai.yaml").open("a", encoding="utf-8") as file:
        file.write(extra)
    return folder


def test_undercuts_are_read_from_the_files_and_dumped_back_unchanged(tmp_path):
    folder = _small_with(tmp_path, UNDERCUTS)
    document = read_debate_folder(folder)
    assert [(u.from_claim, u.relation, u.layer) for u in document.undercuts] == [
        ("deep-support", ("support-rent", "thesis", "support"), "text"),
        ("thesis", ("hostile", "objection-capitalism", "objection"), "editors"),
    ]
    assert dump_files(document, read_existing(folder)) == {}
    files = dump_files(document, {})
    found = check_round_trip(document, {}, files).undercuts
    assert {dataclasses.replace(u, file="") for u in found} == {
        dataclasses.replace(u, file="") for u in document.undercuts
    }


@pytest.mark.parametrize(
    ("undercut", "problem"),
    [
        (
            "  - from: thesis\n    relation: {from: a, to: b, kind: support}\n"
            "    by: editors\n    justification: J.\n",
            "no such relation in the files",
        ),
        (
            "  - from: thesis\n    relation: {from: hostile, to: objection-capitalism, "
            "kind: objection}\n    by: editors\n",
            "an editors' link needs its justification",
        ),
        ("  - from: thesis\n    relation: [hostile]\n", "relation: expected a mapping, got list"),
        ("  - 12\n", "expected a mapping, got int"),
        (
            "  - from: ghost\n    relation: {from: support-rent, to: thesis, kind: support}\n"
            "    by: bruno\n    source: essai-2025\n",
            "'bruno' is not an author of 'essai-2025'",
        ),
    ],
)
def test_a_wrong_undercut_is_refused_and_named(tmp_path, undercut, problem):
    from arguments.record.fixture_format import FixtureError

    folder = _small_with(tmp_path, "undercuts:\n" + undercut)
    with pytest.raises(FixtureError) as refused:
        read_debate_folder(folder)
    assert any(problem in line for line in refused.value.problems), refused.value.problems


# --- With the database ------------------------------------------------------------------


def _load(folder: Path, slug: str | None = None) -> Debate:
    document = read_debate_folder(folder)
    if slug is not None:
        document.slug = slug
    return store_debate(document).debate


def _whole(debate: Debate) -> dict:
    """Everything the fixtures hold of a debate, by slugs: the interchange document (claims,
    relations, undercuts, layers, quotations) and the questions and corrections log."""
    document = document_from_debate(debate)
    # Relations and undercuts in the order of their keys: the order a folder lists them
    # in (hence their ids) is not part of the debate.
    document = dataclasses.replace(
        document,
        slug="",
        relations=sorted(document.relations, key=lambda r: r.key),
        undercuts=sorted(document.undercuts, key=lambda u: u.key),
    )
    questions = [
        (
            (q.slug, q.text, q.text_en, q.explanation, q.explanation_en, q.position),
            [(a.claim.slug, a.gist, a.gist_en, a.position) for a in q.answers.all()],
        )
        for q in Question.objects.filter(debate=debate).with_answers()
    ]
    corrections = [
        (
            (c.slug, c.date, c.title, c.title_en, c.summary, c.summary_en),
            [
                (
                    i.position,
                    i.what,
                    i.change,
                    i.item,
                    i.claim.slug if i.claim else "",
                    (i.relation.from_claim.slug, i.relation.kind) if i.relation else (),
                    i.before,
                    i.after,
                    i.reason,
                    i.reason_en,
                )
                for i in c.items.select_related("claim", "relation__from_claim")
            ],
        )
        for c in Correction.objects.filter(debate=debate).order_by("slug")
    ]
    positions = list(debate.claims.order_by("position", "pk").values_list("slug", flat=True))
    return {
        "document": document,
        "questions": questions,
        "corrections": corrections,
        "positions": positions,
    }


@pytest.mark.django_db
def test_the_shipped_debate_dumped_and_loaded_again_is_the_same_debate(controversy, tmp_path):
    call_command("dump_debate", "technofeodalisme", str(tmp_path / "dump"))
    text = (tmp_path / "dump" / "debate.yaml").read_text(encoding="utf-8")
    (tmp_path / "dump" / "debate.yaml").write_text(
        text.replace("slug: technofeodalisme", "slug: technofeodalisme-copie"), encoding="utf-8"
    )
    copy = _load(tmp_path / "dump")
    assert copy.slug == "technofeodalisme-copie"
    original, again = _whole(controversy), _whole(copy)
    assert again["document"].claims == original["document"].claims
    assert again["document"].relations == original["document"].relations
    assert again["document"].undercuts == original["document"].undercuts
    assert again["document"] == original["document"]
    assert again["questions"] == original["questions"]
    assert again["corrections"] == original["corrections"]
    assert again["positions"] == original["positions"]
    assert len(original["corrections"][0][1]) > 400  # the log was there to compare


@pytest.mark.django_db
def test_a_dump_over_the_shipped_folder_leaves_every_byte(controversy, tmp_path):
    folder = tmp_path / "technofeodalisme"
    shutil.copytree(CONTROVERSY, folder)
    call_command("dump_debate", "technofeodalisme", str(folder))
    for path in sorted(CONTROVERSY.rglob("*")):
        if path.is_file():
            assert (folder / path.relative_to(CONTROVERSY)).read_bytes() == path.read_bytes()
    assert sorted(p.name for p in folder.rglob("*")) == sorted(
        p.name for p in CONTROVERSY.rglob("*")
    )


@pytest.mark.django_db
def test_changes_made_in_the_database_are_in_the_files_and_nothing_else_is(controversy, tmp_path):
    folder = tmp_path / "technofeodalisme"
    shutil.copytree(CONTROVERSY, folder)
    claim = controversy.claims.get(slug="002-rauzy-morozov-ecarte-google-meta")
    claim.statement = "Morozov laisse Google et Meta de côté : « # ce n'est pas un commentaire »."
    claim.save()
    added = Claim.objects.create(
        debate=controversy,
        slug="002-rauzy-ajoutee",
        statement="Une thèse ajoutée par les éditeurs.",
        statement_en="A claim the editors added.",
        holder=claim.holder,
        source=claim.source,
        quotation="pour mettre discrètement de côté Google et Meta",
        paragraph=7,
        position=claim.position,  # right after it in reading order
    )
    link = Relation.objects.create(
        debate=controversy,
        from_claim=added,
        to_claim=controversy.claims.get(slug="002-morozov-bigtech-capitalisme-classique"),
        kind=Relation.Kind.SUPPORT,
        layer=Layer.EDITORS,
        justification="Notre lecture : les deux disent la même chose.",
        justification_en="Our reading: both say the same.",
    )
    call_command("dump_debate", "technofeodalisme", str(folder))
    changed = {
        path.relative_to(CONTROVERSY).as_posix()
        for path in CONTROVERSY.rglob("*.yaml")
        if (folder / path.relative_to(CONTROVERSY)).read_bytes() != path.read_bytes()
    }
    assert changed == {"claims/002-rauzy.yaml"}
    text = (folder / "claims/002-rauzy.yaml").read_text(encoding="utf-8")
    assert _comment_lines(text) == _comment_lines(
        (CONTROVERSY / "claims/002-rauzy.yaml").read_text(encoding="utf-8")
    )
    copy = _load(folder, slug="technofeodalisme-copie")
    read = copy.claims.get(slug=claim.slug)
    assert read.statement == claim.statement
    order = list(copy.claims.order_by("position").values_list("slug", flat=True))
    assert order.index("002-rauzy-ajoutee") == order.index(claim.slug) + 1
    again = Relation.objects.get(debate=copy, from_claim__slug="002-rauzy-ajoutee")
    assert (again.layer, again.justification, again.justification_en) == (
        Layer.EDITORS,
        link.justification,
        link.justification_en,
    )
    assert again.to_claim.slug == link.to_claim.slug
    assert again.drawn_by is None and again.source is None


@pytest.mark.django_db
def test_undercuts_in_the_database_are_dumped_and_loaded_again_with_their_layers(
    small_debate, tmp_path
):
    claims = {c.slug: c for c in small_debate.claims.all()}
    support = Relation.objects.get(debate=small_debate, from_claim__slug="support-rent")
    objection = Relation.objects.get(debate=small_debate, from_claim__slug="hostile")
    Undercut.objects.create(
        debate=small_debate,
        from_claim=claims["deep-support"],
        relation=support,
        drawn_by=claims["deep-support"].holder,
        source=claims["deep-support"].source,
        passage="les profits viennent de la publicité",
    )
    Undercut.objects.create(
        debate=small_debate,
        from_claim=claims["thesis"],
        relation=objection,
        layer=Layer.EDITORS,
        justification="Notre lecture : #1 & *2",
        justification_en="Our reading.",
    )
    call_command("dump_debate", "petit-debat", str(tmp_path / "dump"))
    copy = _load(tmp_path / "dump", slug="petit-debat-copie")
    assert _whole(copy)["document"].undercuts == _whole(small_debate)["document"].undercuts
    assert len(_whole(copy)["document"].undercuts) == 2
    # Reloading the dumped folder over the debate itself changes nothing.
    history = Undercut.history.count()
    _load(tmp_path / "dump")
    assert Undercut.history.count() == history


@pytest.mark.django_db
def test_load_debate_prune_removes_the_records_undercuts_only(tmp_path):
    debate = _load(_small_with(tmp_path, UNDERCUTS))
    claims = {c.slug: c for c in debate.claims.all()}
    proposed = Undercut.objects.create(
        debate=debate,
        from_claim=claims["support-rent"],
        relation=Relation.objects.get(debate=debate, from_claim__slug="hostile"),
        layer=Layer.READERS,
    )
    assert debate.undercuts.count() == 3
    call_command("load_debate", str(SMALL_DEBATE), prune=True)
    assert list(debate.undercuts.all()) == [proposed]


@pytest.mark.django_db
def test_the_same_debate_dumps_to_the_same_bytes(small_debate, tmp_path):
    call_command("dump_debate", "petit-debat", str(tmp_path / "one"))
    call_command("dump_debate", "petit-debat", str(tmp_path / "two"))
    one, two = (
        {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}
        for root in (tmp_path / "one", tmp_path / "two")
    )
    assert one == two
    assert len(one) >= 4


@pytest.mark.django_db
def test_proposals_and_hidden_items_are_left_out_and_said_so(small_debate, alice, tmp_path):
    thesis = small_debate.claims.get(slug="thesis")
    proposal = Claim.objects.create(
        debate=small_debate,
        slug="contribution-une-proposition",
        statement="Une proposition de lectrice.",
        proposed_by=alice,
        proposed_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
    )
    Relation.objects.create(
        debate=small_debate,
        from_claim=proposal,
        to_claim=thesis,
        kind=Relation.Kind.OBJECTION,
        layer=Layer.READERS,
        proposed_by=alice,
        proposed_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
    )
    errors = []

    class Capture:
        def write(self, text, *args, **kwargs):
            errors.append(text)

        def flush(self):
            pass

    call_command("dump_debate", "petit-debat", str(tmp_path / "dump"), stderr=Capture())
    written = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "dump").rglob("*.yaml"))
    assert "contribution-une-proposition" not in written
    assert "2 readers' proposals and hidden items left out" in "".join(errors)


@pytest.mark.django_db
@pytest.mark.parametrize("statement", HOSTILE_STATEMENTS[:6] + HOSTILE_STATEMENTS[-3:])
def test_hostile_statements_stored_in_the_database_round_trip_exactly(
    small_debate, tmp_path, statement
):
    claim = small_debate.claims.get(slug="thesis")
    claim.statement = statement
    claim.save()
    claim.refresh_from_db()  # as the model cleaned it
    call_command("dump_debate", "petit-debat", str(tmp_path / "dump"))
    for path in (tmp_path / "dump").rglob("*.yaml"):
        yaml.safe_load(path.read_text(encoding="utf-8"))
    copy = _load(tmp_path / "dump", slug="petit-debat-copie")
    assert copy.claims.get(slug="thesis").statement == claim.statement.strip()


@pytest.mark.django_db
def test_an_unknown_debate_is_refused_and_nothing_is_written(tmp_path):
    with pytest.raises(CommandError, match="No debate 'absent'"):
        call_command("dump_debate", "absent", str(tmp_path / "dump"))
    assert not (tmp_path / "dump").exists()


@pytest.mark.django_db
def test_a_folder_that_is_a_file_is_refused(small_debate, tmp_path):
    file = tmp_path / "a-file"
    file.write_text("not a folder", encoding="utf-8")
    with pytest.raises(CommandError, match="is a file, not a folder"):
        call_command("dump_debate", "petit-debat", str(file))
    assert file.read_text(encoding="utf-8") == "not a folder"


@pytest.mark.django_db
def test_symbolic_links_are_refused_not_followed(small_debate, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "link").symlink_to(elsewhere)
    with pytest.raises(CommandError, match="symbolic link"):
        call_command("dump_debate", "petit-debat", str(tmp_path / "link"))
    folder = tmp_path / "folder"
    folder.mkdir()
    target = tmp_path / "target.yaml"
    target.write_text("kept\n", encoding="utf-8")
    (folder / "sources.yaml").symlink_to(target)
    with pytest.raises(CommandError, match="symbolic link"):
        call_command("dump_debate", "petit-debat", str(folder))
    assert target.read_text(encoding="utf-8") == "kept\n"
    assert list(elsewhere.iterdir()) == []


@pytest.mark.django_db
def test_a_dump_the_loader_would_not_read_writes_nothing(small_debate, tmp_path):
    """A claim with no holder (as an imported one may be) cannot be said in the fixtures:
    the dump names it and leaves the folder as it was."""
    Claim.objects.filter(debate=small_debate, slug="thesis").update(imported=True)
    claim = small_debate.claims.get(slug="thesis")
    Debate.objects.filter(pk=small_debate.pk).update(imported_from="x.json (AIF)")
    claim.holder = None
    claim.save()
    folder = tmp_path / "dump"
    with pytest.raises(CommandError, match="thesis"):
        call_command("dump_debate", "petit-debat", str(folder))
    assert not folder.exists()


@pytest.mark.django_db
def test_the_dump_takes_as_many_queries_whatever_the_size(
    small_debate, tmp_path, django_assert_num_queries
):
    from arguments.management.commands.dump_debate import debate_document

    with django_assert_num_queries(9):
        small, _notes = debate_document(small_debate)
    grow(small_debate, 30)
    with django_assert_num_queries(9):
        grown, _notes = debate_document(small_debate)
    assert len(grown.claims) == len(small.claims) + 30
    assert len(grown.relations) == len(small.relations) + 30
    # and what it reads is what the files say
    check_round_trip(small, {}, dump_files(small, {}))
