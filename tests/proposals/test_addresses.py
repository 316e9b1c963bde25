"""Proposals' addresses: their statement's first words under a prefix of their own, which no
claim of the record may take."""

import dataclasses

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from arguments.interchange import store
from arguments.interchange.formats import import_text
from arguments.record.fixture_format import read_debate_folder
from arguments.record.models import Claim
from arguments.record.proposal_slugs import (
    PROPOSAL_PREFIX,
    first_free,
    is_proposal_slug,
    proposal_slug_base,
    validate_record_claim_slug,
)
from tests.conftest import CONTROVERSY

# Pure ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("statement", "slug"),
    [
        (
            "Les rentes existaient déjà sous le capitalisme.",
            "contribution-les-rentes-existaient-deja-sous-le-capitalisme",
        ),
        ("  Wikipédia   échappe à la rente !  ", "contribution-wikipedia-echappe-a-la-rente"),
        (
            "un deux trois quatre cinq six sept huit neuf dix",
            "contribution-un-deux-trois-quatre-cinq-six-sept-huit",
        ),
        ("<script>alert(1)</script>", "contribution-scriptalert1script"),
        ("x" * 500, "contribution-" + "x" * 60),
    ],
)
def test_a_proposal_is_addressed_by_its_first_words(statement, slug):
    assert proposal_slug_base(statement) == slug


def test_a_statement_without_latin_letters_still_gets_a_short_stable_address():
    first, again = proposal_slug_base("技术封建主义"), proposal_slug_base("技术封建主义")
    assert first == again and first.startswith(PROPOSAL_PREFIX) and len(first) == 23
    assert proposal_slug_base("?!") != first


def test_addresses_stay_short_and_plain():
    slug = proposal_slug_base("Anticonstitutionnellement " * 20 + "\x00\u202e")
    assert len(slug) <= len(PROPOSAL_PREFIX) + 60
    assert all(c.isascii() and (c.isalnum() or c == "-") for c in slug)


def test_the_first_free_address_is_numbered():
    assert first_free("contribution-a", set()) == "contribution-a"
    taken = {"contribution-a", "contribution-a-2"}
    assert first_free("contribution-a", taken) == "contribution-a-3"


@pytest.mark.parametrize("slug", ["contribution-x", "Contribution-x", "proposal-4af685a269"])
def test_the_record_cannot_take_a_proposals_prefix(slug):
    assert is_proposal_slug(slug)
    with pytest.raises(ValidationError):
        validate_record_claim_slug(slug)


@pytest.mark.parametrize("slug", ["contributions-marxistes", "proposals", "thesis", "contribution"])
def test_other_addresses_are_the_records_to_take(slug):
    assert not is_proposal_slug(slug)
    validate_record_claim_slug(slug)


def test_the_shipped_fixtures_keep_clear_of_the_prefix():
    document = read_debate_folder(CONTROVERSY)
    assert not [claim.slug for claim in document.claims if is_proposal_slug(claim.slug)]


def document_claim_slug(file_name: str) -> str:
    document = read_debate_folder(CONTROVERSY)
    return next(claim.slug for claim in document.claims if claim.file.endswith(file_name))


def test_a_fixture_claim_under_the_prefix_is_refused(tmp_path):
    import shutil

    folder = tmp_path / "debate"
    shutil.copytree(CONTROVERSY, folder)
    claims_file = sorted((folder / "claims").iterdir())[0]
    text = claims_file.read_text()
    claim_slug = document_claim_slug(claims_file.name)
    claims_file.write_text(text.replace(f"slug: {claim_slug}\n", "slug: contribution-x\n", 1))
    with pytest.raises(Exception, match="contribution-x"):
        read_debate_folder(folder)


# With the database -----------------------------------------------------------------------


def test_proposals_get_readable_unique_addresses(alice, bob, small_debate):
    thesis = small_debate.claims.get(slug="thesis")
    first = thesis.propose_argument(alice, "objection", "Les rentes existaient déjà.")
    second = thesis.propose_argument(bob, "support", "Les rentes existaient déjà !")
    assert first.slug == "contribution-les-rentes-existaient-deja"
    assert second.slug == "contribution-les-rentes-existaient-deja-2"
    assert first.get_absolute_url() == (
        "/petit-debat/claims/contribution-les-rentes-existaient-deja/"
    )


def test_a_proposal_taking_an_address_meanwhile_gets_the_next(alice, small_debate, monkeypatch):
    """Another reader's proposal with the same words commits between the look-up of taken
    addresses and this one's insert: the insert is refused, and the next number taken."""
    thesis = small_debate.claims.get(slug="thesis")
    thesis.propose_argument(alice, "objection", "Même idée")
    real_filter = Claim.objects.filter

    class Blind:
        """The look-up of taken addresses sees none of them, as before the other commit."""

        def __init__(self, queryset):
            self.queryset = queryset

        def filter(self, **lookup):
            found = self.queryset.filter(**lookup)
            return found.none() if "slug__startswith" in lookup else found

    monkeypatch.setattr(Claim.objects, "filter", lambda **lookup: Blind(real_filter(**lookup)))
    second = thesis.propose_argument(alice, "support", "Même idée")
    assert second.slug == "contribution-meme-idee-2"


def test_the_admin_refuses_a_record_claim_under_the_prefix(small_debate):
    claim = small_debate.claims.get(slug="thesis")
    claim.slug = "contribution-thesis"
    with pytest.raises(ValidationError) as refused:
        claim.full_clean()
    assert "slug" in refused.value.message_dict
    claim.proposed_at = timezone.now()  # a proposal may
    claim.full_clean()


def test_an_imported_claim_never_takes_the_prefix_and_a_proposal_always_does(db):
    text = "[contribution-x]: Une affirmation importée.\n  - [autre]: Une autre.\n"
    debate, _warnings = import_text(text, "argdown", "carte.argdown", slug="importee")
    slugs = set(debate.claims.values_list("slug", flat=True))
    assert "contribution-x" not in slugs and "claim-contribution-x" in slugs
    document = store.document_from_debate(debate)
    proposal = dataclasses.replace(
        document.claims[0], key="plain", statement="Lue ailleurs", proposed_at=timezone.now()
    )
    document = dataclasses.replace(document, slug="autre-importee", claims=[proposal])
    document = dataclasses.replace(document, relations=[], undercuts=[], annotations=[])
    stored = store.store_document(document)
    assert list(stored.claims.values_list("slug", flat=True)) == ["contribution-lue-ailleurs"]
