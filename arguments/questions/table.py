"""The participants-by-questions table: who answers which of the editors' questions, and
with which claims. Pure: it reads the attributes of what it is given (questions with their
answers, each answer's claim and its holder), no database."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Cell:
    """A participant's answers to one question, the first the one shown (the editors list
    the most central first); none: the participant's texts say nothing on it."""

    question: Any
    answers: tuple = ()

    @property
    def shown(self):
        return self.answers[0] if self.answers else None

    @property
    def others(self) -> tuple:
        return self.answers[1:]


@dataclass(frozen=True)
class Row:
    participant: Any
    cells: tuple[Cell, ...]

    @property
    def answer_count(self) -> int:
        return sum(len(cell.answers) for cell in self.cells)

    @property
    def questions_answered(self) -> int:
        return sum(1 for cell in self.cells if cell.answers)


def answer_table(questions: list, answers_of) -> list[Row]:
    """One row per participant holding a claim that answers a question, most answers first
    (then by name); one cell per question, in the questions' order. `answers_of(question)`
    gives a question's answers in the editors' order. An answer whose claim has no holder
    has no row to go in and is left out."""
    by_participant: dict[Any, dict[Any, list]] = {}
    participants: dict[Any, Any] = {}
    for question in questions:
        for answer in answers_of(question):
            holder = answer.claim.holder
            if holder is None:
                continue
            participants[holder.pk] = holder
            cells = by_participant.setdefault(holder.pk, {})
            cells.setdefault(question.pk, []).append(answer)
    rows = [
        Row(
            participants[key],
            tuple(Cell(q, tuple(cells.get(q.pk, ()))) for q in questions),
        )
        for key, cells in by_participant.items()
    ]
    return sorted(
        rows, key=lambda row: (-row.answer_count, row.participant.name, row.participant.pk)
    )
