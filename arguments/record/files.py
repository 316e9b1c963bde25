"""Files users hand us (imports, backups): what is wrong with one, each problem named, and
JSON read without a crash on any input. Pure: no database."""

from __future__ import annotations

import json
import math
import re
from typing import Any

# JSON and YAML from outside: deeper nesting than any of our formats needs is refused, and
# so is what cannot be text (NUL, lone surrogates) or a number (NaN, Infinity, 1e400).
MAX_DEPTH = 100
NOT_TEXT = re.compile(r"[\x00\ud800-\udfff]")
TOO_DEEP = f"the JSON nests arrays or objects too deeply to be read (more than {MAX_DEPTH} levels)"


class ImportProblems(Exception):
    """The file cannot be imported; each problem names its line, node or field."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def not_text_problem(value: Any, where: str = "") -> str:
    """The first place in a loaded JSON or YAML value nested deeper than MAX_DEPTH, or
    holding a string (or key) with NUL or a lone surrogate; "" when there is none. Walked
    with a stack, not recursion, so any depth is measured."""
    stack: list[tuple[Any, int, tuple]] = [(value, 0, ())]
    while stack:
        item, depth, path = stack.pop()
        if depth > MAX_DEPTH:
            return TOO_DEEP
        if isinstance(item, str):
            if found := NOT_TEXT.search(item):
                return f"{_path(where, path)} {_not_text(found[0])}"
        elif isinstance(item, dict):
            for key, child in item.items():
                if isinstance(key, str) and (found := NOT_TEXT.search(key)):
                    return f"{_path(where, path)}: a key {_not_text(found[0])}"
                stack.append((child, depth + 1, (path, f".{key}")))
        elif isinstance(item, list | tuple):
            stack.extend((child, depth + 1, (path, f"[{i}]")) for i, child in enumerate(item))
    return ""


def _path(where: str, path: tuple) -> str:
    parts = []
    while path:
        path, part = path
        parts.append(part)
    written = "".join(reversed(parts)).lstrip(".")
    return " ".join(p for p in (where, written) if p) or "the value"


def _not_text(char: str) -> str:
    if char == "\x00":
        return "holds control characters: NUL (\\u0000), which no text may hold"
    return f"holds a lone surrogate (\\u{ord(char):04x}), which is not a character"


def _no_constant(name: str) -> float:
    raise ValueError(f"the JSON holds {name}, which is not a number")


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"the JSON holds the number {text[:30]}, too large to be read")
    return number


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > 18:  # beyond what a database column holds
        raise ValueError(f"the JSON holds the number {text[:30]}, too large to be read")
    return int(text)


def load_json(text: str) -> Any:
    """json.loads refusing NaN and Infinity, numbers no float or database column holds, and
    (see not_text_problem) nesting deeper than MAX_DEPTH and strings holding NUL or a lone
    surrogate. ValueError saying what is wrong; json.JSONDecodeError says where."""
    try:
        value = json.loads(
            text, parse_constant=_no_constant, parse_float=_finite, parse_int=_integer
        )
    except RecursionError:
        raise ValueError(TOO_DEEP) from None
    problem = not_text_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def read_json(text: str | bytes) -> Any:
    """A JSON file's value, or ImportProblems naming the byte, line and column, or field,
    at fault (see load_json for what is refused)."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ImportProblems([f"byte {error.start}: the file is not UTF-8 text"]) from None
    try:
        return load_json(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as error:
        message = f"line {error.lineno}, column {error.colno}: not valid JSON ({error.msg})"
        raise ImportProblems([message]) from None
    except ValueError as error:
        raise ImportProblems([str(error)]) from None
