"""A source of the small debate with its full text stored, for the workbench's tests."""

from __future__ import annotations

import pytest

from arguments.workbench.models import SourceText

ESSAY_TEXT = (
    "Introduction. Nous le disons : le numérique est un féodalisme, et cela se voit.\n\n"
    "Car les plateformes prélèvent une rente sur tout ce qui passe par elles.\n\n"
    "Enfin, une conclusion qui ne dit rien de plus."
)


@pytest.fixture
def essay(small_debate):
    return small_debate.sources.get(slug="essai-2025")


@pytest.fixture
def essay_text(essay) -> SourceText:
    stored = SourceText(source=essay)
    stored.set_text(ESSAY_TEXT, SourceText.Format.TEXT)
    stored.save()
    return stored


def accept_rent_proposal(debate, reader, editor):
    """alice's proposal supporting the thesis with the essay's rent passage, accepted by the
    editor: (its address as a proposal, the claim it became)."""
    from arguments.record.models import Relation
    from arguments.workbench.proposals.actions import accept_claim

    proposal = debate.claims.get(slug="thesis").propose_argument(
        reader,
        kind=Relation.Kind.SUPPORT,
        statement="Les plateformes vivent de la rente.",
        quotation="les plateformes prélèvent une rente",
        source=debate.sources.get(slug="essai-2025"),
    )
    address = proposal.slug
    claim = accept_claim(
        proposal,
        editor,
        statement=proposal.statement,
        holder=debate.participants.get(slug="alice-author"),
    )
    return address, claim
