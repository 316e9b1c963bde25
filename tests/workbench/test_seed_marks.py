"""The shipped quotations carry the "checked" mark: the fixtures give each seed text's
SHA-256 (`manage.py seed_digests`), CI verifies them against the seeds and every quotation
against its seed with the workbench's own check, and the loader marks the claims."""

from __future__ import annotations

import hashlib
import os

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from arguments.management.commands.seed_digests import with_digests
from arguments.record.fixture_format import read_debate_folder
from arguments.workbench.quotations import find_quotation
from tests.conftest import CONTROVERSY, SEEDS

DOCUMENT = read_debate_folder(CONTROVERSY)
SOURCES = {source.slug: source for source in DOCUMENT.sources}


@pytest.fixture(scope="module")
def seeds():
    if not SEEDS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"the seed texts are missing at {SEEDS}: CI must check the quotations")
        pytest.skip(f"seed texts not found at {SEEDS}")
    return SEEDS


def test_the_fixtures_digests_are_the_seeds(seeds, monkeypatch):
    monkeypatch.setenv("CONTROVERSE_SEEDS", str(seeds))
    call_command("seed_digests", "--check")
    for source in SOURCES.values():
        if source.seed:
            digest = hashlib.sha256((seeds / source.seed).read_bytes()).hexdigest()
            assert source.seed_sha256 == digest, source.slug


@pytest.mark.parametrize("claim", DOCUMENT.claims, ids=lambda claim: claim.slug)
def test_every_shipped_quotation_passes_the_workbench_check(seeds, claim):
    quoted = SOURCES[claim.via or claim.source]
    text = (seeds / quoted.seed).read_text(encoding="utf-8")
    assert find_quotation(claim.quotation, text) is not None, claim.slug


def test_loaded_claims_carry_the_seed_mark(controversy):
    marks = set(controversy.claims.values_list("checked_against", flat=True))
    assert "" not in marks
    assert all(mark.startswith("seed ") and "(sha256 " in mark for mark in marks)
    assert len(marks) == len({s.seed for s in SOURCES.values() if s.seed})


def test_digest_lines_are_added_or_replaced_and_nothing_else_changes(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"texte")
    digest = hashlib.sha256(b"texte").hexdigest()
    fixture = "# a comment kept\n- slug: s\n  seed: a.txt\n  seed_sha256: old\n  url: ''\n"
    expected = f"# a comment kept\n- slug: s\n  seed: a.txt\n  seed_sha256: {digest}\n  url: ''\n"
    assert with_digests(fixture, tmp_path) == expected
    assert with_digests(fixture.replace("  seed_sha256: old\n", ""), tmp_path) == expected


def test_a_missing_seed_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match=r"seed text b\.txt not found"):
        with_digests("  seed: b.txt\n", tmp_path)


def test_a_malformed_digest_is_a_problem_of_the_fixtures(tmp_path):
    (tmp_path / "debate.yaml").write_text("slug: d\ntitle: D\n", encoding="utf-8")
    (tmp_path / "participants.yaml").write_text("- {slug: p, name: P}\n", encoding="utf-8")
    (tmp_path / "sources.yaml").write_text(
        "- {slug: s, title: S, authors: [p], seed: a.txt, seed_sha256: nope}\n", encoding="utf-8"
    )
    from arguments.record.fixture_format import FixtureError

    with pytest.raises(FixtureError, match="seed_sha256 must be 64 hex digits"):
        read_debate_folder(tmp_path)
