"""Read and check a debate's questions (`questions.yaml`, see fixtures/README.md). Pure: no
database.

The questions are the editors' framing: the few questions the texts argue over, each
answered by claims of the record (named by slug) with the editors' few words on what the
claim answers. A claim answers one question at most, so the participants-by-questions table
never shows one quotation twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
QUESTION_KEYS = {"slug", "text", "text_en", "explanation", "explanation_en", "answers"}
ANSWER_KEYS = {"claim", "gist", "gist_en"}
TEXT_MAX_LENGTH = 300
GIST_MAX_LENGTH = 200


@dataclass(frozen=True)
class AnswerData:
    claim: str
    gist: str
    gist_en: str = ""


@dataclass
class QuestionData:
    slug: str
    text: str
    text_en: str = ""
    explanation: str = ""
    explanation_en: str = ""
    position: int = 0
    answers: list[AnswerData] = field(default_factory=list)


def _text(data: dict, key: str) -> str:
    value = data.get(key)
    return "" if value is None else " ".join(str(value).split())


def _keys(where: str, data: Any, required: set, allowed: set, problems: list[str]) -> bool:
    if not isinstance(data, dict):
        problems.append(f"{where}: expected a mapping, got {type(data).__name__}")
        return False
    unknown = sorted(str(key) for key in set(data) - allowed)
    missing = sorted(key for key in required if _text(data, key) == "")
    if unknown:
        problems.append(f"{where}: unknown keys {unknown}")
    if missing:
        problems.append(f"{where}: missing {missing}")
    return not unknown and not missing


def _lengths(where: str, values: dict[str, str], most: int, problems: list[str]) -> None:
    for key, value in values.items():
        if len(value) > most:
            problems.append(f"{where}: {key} is {len(value)} characters, at most {most}")


def read_questions(data: Any, problems: list[str]) -> list[QuestionData]:
    """The questions of a parsed questions.yaml; what is wrong goes to `problems`."""
    if data is None:
        return []
    if not isinstance(data, list):
        problems.append("questions.yaml: expected a list of questions")
        return []
    questions = []
    for index, item in enumerate(data):
        slug = item.get("slug") if isinstance(item, dict) else None
        where = f"questions.yaml: question {index + 1}" + (f" ({slug})" if slug else "")
        if not _keys(where, item, {"slug", "text"}, QUESTION_KEYS, problems):
            continue
        if not SLUG.match(str(item["slug"])):
            problems.append(f"{where}: {item['slug']!r} is not a slug (a-z, 0-9, hyphens)")
        question = QuestionData(
            slug=str(item["slug"]),
            text=_text(item, "text"),
            text_en=_text(item, "text_en"),
            explanation=" ".join(str(item.get("explanation") or "").split()),
            explanation_en=" ".join(str(item.get("explanation_en") or "").split()),
            position=index + 1,
        )
        _lengths(
            where, {"text": question.text, "text_en": question.text_en}, TEXT_MAX_LENGTH, problems
        )
        answers = item.get("answers") or []
        if not isinstance(answers, list):
            problems.append(f"{where}: answers must be a list")
            answers = []
        for number, answer in enumerate(answers, start=1):
            answer_where = f"{where}: answer {number}"
            if not _keys(answer_where, answer, {"claim", "gist"}, ANSWER_KEYS, problems):
                continue
            found = AnswerData(
                _text(answer, "claim"), _text(answer, "gist"), _text(answer, "gist_en")
            )
            _lengths(
                answer_where,
                {"gist": found.gist, "gist_en": found.gist_en},
                GIST_MAX_LENGTH,
                problems,
            )
            question.answers.append(found)
        questions.append(question)
    return questions


def cross_check(questions: list[QuestionData], claims: set[str]) -> list[str]:
    """Duplicate questions, unknown claims, a claim answering twice."""
    problems = []
    seen: set[str] = set()
    answered: dict[str, str] = {}
    for question in questions:
        where = f"questions.yaml: question {question.slug}"
        if question.slug in seen:
            problems.append(f"{where}: question {question.slug!r} is defined more than once")
        seen.add(question.slug)
        for answer in question.answers:
            if answer.claim not in claims:
                problems.append(
                    f"{where}: unknown claim {answer.claim!r} (not a claim of this debate)"
                )
            elif answer.claim in answered:
                problems.append(
                    f"{where}: claim {answer.claim!r} already answers question "
                    f"{answered[answer.claim]!r}: a claim answers one question"
                )
            else:
                answered[answer.claim] = question.slug
    return problems
