"""Files users hand us (imports, backups): what is wrong with one, each problem named, and
JSON read without a crash on any input. Pure: no database."""

from __future__ import annotations

import json
from typing import Any


class ImportProblems(Exception):
    """The file cannot be imported; each problem names its line, node or field."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def read_json(text: str | bytes) -> Any:
    """A JSON file's value; ImportProblems naming the byte, or the line and column, at fault."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ImportProblems([f"byte {error.start}: the file is not UTF-8 text"]) from None
    try:
        return json.loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as error:
        message = f"line {error.lineno}, column {error.colno}: not valid JSON ({error.msg})"
        raise ImportProblems([message]) from None
    except RecursionError:
        raise ImportProblems(["the JSON nests arrays or objects too deeply to be read"]) from None
