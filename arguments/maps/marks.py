"""Marks a map draws on its claims (which of them stand), handed to it by whoever computes
them: the map knows no semantics. The standing registers its labels at start-up
(`arguments.apps`); a map asked to show marks with nothing registered shows none."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Marks:
    by_claim: dict[int, str]  # claim id: its mark ("in", "out", "undec")
    words: dict[str, str]  # mark: the word written in the claim's box
    legend: dict[str, str]  # mark: its line in the legend
    description: str  # a sentence for the map's description: what the marks measure


_provider: list[Callable[..., Marks]] = []


def provide_marks(provider: Callable[..., Marks]) -> None:
    """`provider(debate, revision, options, participants)` gives a view's marks."""
    _provider[:] = [provider]


def marks_for(debate, revision: tuple, options, participants: list) -> Marks | None:
    return _provider[0](debate, revision, options, participants) if _provider else None
