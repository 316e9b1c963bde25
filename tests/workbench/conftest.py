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
